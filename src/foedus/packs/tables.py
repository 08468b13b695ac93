"""Pack contents as pandas DataFrames, for notebooks and spreadsheets."""

from __future__ import annotations

import pandas as pd

from foedus.model import Citation, Pack


def _cites(cites: tuple[Citation, ...]) -> str:
    parts = []
    for c in cites:
        where = f"{c.span[0]}-{c.span[1]}" if c.span else (c.locator or "")
        parts.append(f"{c.source}[{where}]")
    return "; ".join(parts)


def actors_table(pack: Pack) -> pd.DataFrame:
    """One row per actor with its latest attribute values (as of the view's date).

    Examples
    --------
    >>> from foedus import load_pack
    >>> df = actors_table(load_pack().as_of("2024-07-15"))
    >>> df.loc["PRK", "cow_code"]
    731
    """
    rows = []
    for a in pack.actors:
        row: dict[str, object] = {
            "id": a.id,
            "kind": a.kind,
            "name": a.name,
            "cow_code": a.cow_code,
            "theatre": a.theatre,
            "members": ",".join(a.members),
        }
        for name in sorted({v.name for v in a.attributes}):
            value = a.attribute(name, pack.as_of_date)
            row[name] = value.value if value is not None else None
        leader = pack.leader(a.id) if a.kind == "state" else None
        row["leader"] = leader.id if leader else None
        rows.append(row)
    df = pd.DataFrame(rows)
    df["cow_code"] = df["cow_code"].astype("Int64")
    return df.set_index("id")


def ties_table(pack: Pack) -> pd.DataFrame:
    """One row per tie: kind, members, sign, strength, dates, obligations, citations."""
    rows = [
        {
            "id": t.id,
            "kind": t.kind,
            "name": t.name,
            "members": ",".join(t.members),
            "directed": t.directed,
            "sign": t.sign,
            "strength": t.strength,
            "start": t.start,
            "end": t.end,
            "obligations": ",".join(o.kind for o in t.obligations),
            "cites": _cites(t.cite),
        }
        for t in pack.ties
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "id",
            "kind",
            "name",
            "members",
            "directed",
            "sign",
            "strength",
            "start",
            "end",
            "obligations",
            "cites",
        ],
    ).set_index("id")


def flows_table(pack: Pack) -> pd.DataFrame:
    """One row per flow estimate: source, target, commodity, dated low/central/high."""
    rows = [
        {
            "id": f.id,
            "source": f.source,
            "target": f.target,
            "commodity": f.commodity,
            "estimate_date": e.date,
            "low": e.quantity.low,
            "central": e.quantity.mid,
            "high": e.quantity.high,
            "unit": e.quantity.unit,
            "per": e.quantity.per,
            "by": e.by,
            "cites": _cites(e.cite),
        }
        for f in pack.flows
        for e in f.estimates
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "id",
            "source",
            "target",
            "commodity",
            "estimate_date",
            "low",
            "central",
            "high",
            "unit",
            "per",
            "by",
            "cites",
        ],
    )


def assessments_table(pack: Pack) -> pd.DataFrame:
    """One row per assessment: speaker, subject, aspect, reading, effect, citations."""
    rows = [
        {
            "id": a.id,
            "speaker": a.speaker,
            "affiliation": a.affiliation,
            "date": a.date,
            "subject": a.subject,
            "aspect": a.aspect,
            "stance": a.stance,
            "low": a.reading.low if a.reading else None,
            "central": a.reading.mid if a.reading else None,
            "high": a.reading.high if a.reading else None,
            "effect": f"{a.effect.parameter}{a.effect.shift:+g}" if a.effect else None,
            "claims": ",".join(a.claims),
            "cites": _cites(a.cite),
        }
        for a in pack.assessments
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "id",
            "speaker",
            "affiliation",
            "date",
            "subject",
            "aspect",
            "stance",
            "low",
            "central",
            "high",
            "effect",
            "claims",
            "cites",
        ],
    ).set_index("id")


def events_table(pack: Pack) -> pd.DataFrame:
    """One row per event: kind, date, actors, our paraphrase, citations."""
    rows = [
        {
            "id": e.id,
            "kind": e.kind,
            "date": e.date,
            "actors": ",".join(e.actors),
            "note": e.note,
            "cites": _cites(e.cite),
        }
        for e in pack.events
    ]
    return pd.DataFrame(rows, columns=["id", "kind", "date", "actors", "note", "cites"]).set_index(
        "id"
    )


def coverage_table(pack: Pack) -> pd.DataFrame:
    """The claim coverage table: claim → pack elements → what answers it."""
    rows = [
        {
            "claim": c.id,
            "summary": c.summary,
            "speakers": ",".join(c.speakers),
            "elements": ",".join(c.elements),
            "answered_by": c.answered_by,
            "status": "not yet" if c.answered_by.startswith("not yet") else "answered",
        }
        for c in pack.claims
    ]
    return pd.DataFrame(
        rows, columns=["claim", "summary", "speakers", "elements", "answered_by", "status"]
    ).set_index("claim")
