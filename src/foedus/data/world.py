"""World baselines: a pack of every state of the system in a year, from the real datasets.

:func:`build_world` returns a validated :class:`~foedus.model.Pack` for year ``Y``:

* **actors** — every state in the COW state system in ``Y`` (for 2017–2018, past the v2016 list,
  the states in the system at the end of 2016), with ISO 3166 alpha-3 ids and their COW code;
  attributes for ``Y``: NMC capabilities (``cinc``, ``milex_kusd``, ``milper_k``, ``irst_kt``,
  ``pec_kt``, ``tpop_k``, ``upop_k``), regime (``v2x_polyarchy``, ``polity2``) and
  ``major_power``; each value cites the dataset, version and row.
* **ties** — every ATOP alliance in force in ``Y`` with at least two members in the system, with
  *executable obligations* built from ATOP's member-level rows (the last phase in force in ``Y``):
  one obligation per kind and per group of members sharing the same conditions. Conditions map as
  follows (``xx`` = ``def``, ``off``, ``neu``, ``con``):

  ============  ===========================================================================
  ``xxcoadv``   ``adversaries``: the states ATOP names (``statthr1``, ``statthr2``)
  ``xxcoloc``   ``locations``: ATOP flags a location limit without naming it; foedus uses the
                theatres of the members' homelands
  ``xxcocon``   ``specific_conflict``
  ``xxconum``   ``min_adversaries = 2``
  ``xxcodem``   ``demand_noncompliance``
  ``xxconpr``   ``non_provocation``
  ============  ===========================================================================

  ``neucoatt`` (neutrality only if the partner is attacked) and ``concoreq`` (consultation on
  request) have no field in :class:`~foedus.model.Conditions`; they are stated in the tie's note,
  and so is a ``xxcoadv`` restriction whose adversaries ATOP does not name.
* **rivalry ties** — pairs of states on opposite sides of a COW MID that began in the
  ``mid_window`` years up to ``Y`` (MID 5.0 ends in 2014); strength grows with the number of
  disputes.

Each alliance also cites its treaty as a source dated at signature, so a view *as of* a date in
``Y`` keeps the tie (the treaty was public) even though the ATOP coding was published later.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from foedus.data._cow_iso import iso3_array
from foedus.data._datasets import CONDITIONS
from foedus.data.catalogue import Catalogue
from foedus.errors import DataNotFoundError, FoedusError
from foedus.model import Pack

FIRST_YEAR = 1816
LAST_YEAR = 2018  # ATOP 5.1 ends here
STATE_SYSTEM_LAST_YEAR = 2016

OBLIGATION_COLUMNS = {
    "defense": "defense",
    "offense": "offense",
    "neutral": "neutrality",
    "nonagg": "nonaggression",
    "consul": "consultation",
}
TIE_KIND = {
    "defense": "defense_pact",
    "offense": "offense_pact",
    "neutrality": "neutrality_pact",
    "nonaggression": "nonaggression_pact",
    "consultation": "consultation_pact",
}
PREFIX = {"defense": "def", "offense": "off", "neutrality": "neu", "consultation": "con"}

NMC_ATTRIBUTES = {
    "cinc": "cinc",
    "milex": "milex_kusd",
    "milper": "milper_k",
    "irst": "irst_kt",
    "pec": "pec_kt",
    "tpop": "tpop_k",
    "upop": "upop_k",
}

SOURCES: dict[str, dict[str, Any]] = {
    "atop-5.1": {
        "kind": "dataset",
        "title": "Alliance Treaty Obligations and Provisions (ATOP), version 5.1",
        "author": "Leeds, Ritter, Mitchell & Long",
        "date": "2022-01-01",
        "locator": "atop-5.1/atop5_1m.csv and atop5_1a.csv; release day approximated",
    },
    "cow-states-2016": {
        "kind": "dataset",
        "title": "Correlates of War State System Membership v2016",
        "author": "Correlates of War Project",
        "date": "2017-01-01",
        "locator": "cow-states-2016/states2016.csv",
    },
    "cow-majors-2016": {
        "kind": "dataset",
        "title": "Correlates of War State System Membership v2016 — major powers",
        "author": "Correlates of War Project",
        "date": "2017-01-01",
        "locator": "cow-states-2016/majors2016.csv",
    },
    "cow-nmc-7.0": {
        "kind": "dataset",
        "title": "Correlates of War National Material Capabilities, version 7.0",
        "author": "Correlates of War Project",
        "date": "2024-01-01",
        "locator": "cow-nmc-7.0/cow_nmc_7.0.csv; release day approximated",
    },
    "vdem-v10": {
        "kind": "dataset",
        "title": "V-Dem Country-Year dataset v10 (electoral democracy index v2x_polyarchy)",
        "author": "Coppedge et al.",
        "publisher": "V-Dem Institute",
        "date": "2020-03-01",
        "locator": "democracy/ccode_democracy.csv (v2x_polyarchy, as carried by peacesciencer)",
    },
    "polity-iv": {
        "kind": "dataset",
        "title": "Polity IV Project, Political Regime Characteristics 1800-2018 (polity2)",
        "author": "Marshall & Gurr",
        "publisher": "Center for Systemic Peace",
        "date": "2019-06-01",
        "locator": "democracy/ccode_democracy.csv (polity2, as carried by peacesciencer)",
    },
    "cow-mid-5.0": {
        "kind": "dataset",
        "title": "Correlates of War Militarized Interstate Disputes, version 5.0",
        "author": "Palmer et al.",
        "date": "2021-01-01",
        "locator": "cow-mid-5.0/MIDB_5.0.csv; release day approximated",
    },
}


def theatre_of(ccode: np.ndarray) -> np.ndarray:
    """A theatre for each COW code, from the COW regional numbering."""
    c = np.asarray(ccode, dtype=int)
    return np.select(
        [c < 200, c < 400, c < 630, c < 700],
        ["americas", "europe", "africa", "middle_east"],
        default="indo_pacific",
    ).astype(object)


@dataclass(frozen=True)
class WorldSummary:
    """What :func:`build_world` found, beside the pack (for status lines and tests)."""

    year: int
    states: int
    alliances: int
    alliances_skipped: int
    rivalries: int


def _lines(rows: Any) -> str:
    vals = sorted(int(v) for v in rows)
    if len(vals) > 6:
        return f"lines {vals[0]}–{vals[-1]} ({len(vals)} rows)"
    return "line" + ("s " if len(vals) > 1 else " ") + ",".join(map(str, vals))


def _subset(
    states: pd.DataFrame, only: Iterable[str] | None, theatres: Iterable[str] | None
) -> pd.DataFrame:
    if only is None and theatres is None:
        return states
    wanted = {str(x).strip().upper() for x in (only or ()) if str(x).strip()}
    codes = {int(x) for x in wanted if x.isdigit()}
    known = set(states["iso3"]) | set(states["ccode"].astype(int).astype(str))
    unknown = sorted(x for x in wanted if x not in known)
    if unknown:
        raise FoedusError(f"not in the state system that year: {', '.join(unknown)}")
    keep = states["iso3"].isin(wanted) | states["ccode"].astype(int).isin(codes)
    if theatres is not None:
        th = set(theatres)
        bad = th - {"americas", "europe", "africa", "middle_east", "indo_pacific"}
        if bad:
            raise FoedusError(f"unknown theatre(s) {sorted(bad)}")
        keep |= pd.Series(theatre_of(states["ccode"].to_numpy()), index=states.index).isin(th)
    return states[keep].reset_index(drop=True)


def _nmc_locator(ccode: Any, year: int, col: str, line: Any) -> str:
    return f"ccode={ccode},year={year},column={col},line={line}"


def _states(cat: Catalogue, year: int) -> pd.DataFrame:
    states = cat.table("cow_states")
    y = min(year, STATE_SYSTEM_LAST_YEAR)
    lo = pd.Timestamp(y, 1, 1)
    hi = pd.Timestamp(y, 12, 31)
    live = states[(states["start_date"] <= hi) & (states["end_date"] >= lo)].copy()
    if year > STATE_SYSTEM_LAST_YEAR:
        # Past the v2016 list: carry forward the states still in the system at its end.
        live = live[live["end_date"] >= pd.Timestamp(STATE_SYSTEM_LAST_YEAR, 12, 31)]
    live = live.sort_values(["ccode", "end_date"]).drop_duplicates("ccode", keep="last")
    live["iso3"] = iso3_array(live["ccode"].to_numpy(), year)
    # Two COW codes can share an ISO id in a transition year (GFR and GMY in 1990): keep the
    # state that is in the system at the end of the year.
    live = live.sort_values("end_date").drop_duplicates("iso3", keep="last")
    return live.sort_values("ccode").reset_index(drop=True)


def _attributes(cat: Catalogue, year: int, states: pd.DataFrame) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    day = dt.date(year, 12, 31).isoformat()
    codes = [int(c) for c in states["ccode"]]
    nmc = cat.query("select * from nmc where year = ? and list_contains(?, ccode)", [year, codes])
    for row in nmc.itertuples(index=False):
        for col, name in NMC_ATTRIBUTES.items():
            v = getattr(row, col)
            if v is None or pd.isna(v):
                continue
            out[int(row.ccode)].append(
                {
                    "name": name,
                    "value": round(float(v), 9) if col == "cinc" else float(v),
                    "date": day,
                    "cite": [
                        {
                            "source": "cow-nmc-7.0",
                            "locator": _nmc_locator(row.ccode, year, col, row.source_line),
                        }
                    ],
                }
            )
    dem = cat.query(
        "select * from democracy where year = ? and list_contains(?, ccode)", [year, codes]
    )
    for row in dem.itertuples(index=False):
        for col, src in (("v2x_polyarchy", "vdem-v10"), ("polity2", "polity-iv")):
            v = getattr(row, col)
            if v is None or pd.isna(v):
                continue
            out[int(row.ccode)].append(
                {
                    "name": col,
                    "value": float(v),
                    "date": day,
                    "cite": [
                        {
                            "source": src,
                            "locator": _nmc_locator(row.ccode, year, col, row.source_line),
                        }
                    ],
                }
            )
    majors = cat.table("cow_majors")
    y = min(year, STATE_SYSTEM_LAST_YEAR)
    live = majors[
        (majors["start_date"] <= pd.Timestamp(y, 12, 31))
        & (majors["end_date"] >= pd.Timestamp(y, 1, 1))
    ]
    major_line = dict(zip(live["ccode"].astype(int), live["source_line"].astype(int), strict=True))
    for c in codes:
        line = major_line.get(c)
        locator = (
            f"ccode={c} listed for {y}, line={line}" if line else f"ccode={c} not listed for {y}"
        )
        out[c].append(
            {
                "name": "major_power",
                "value": line is not None,
                "date": day,
                "cite": [{"source": "cow-majors-2016", "locator": locator}],
            }
        )
    return out


def _conditions(
    row: dict[str, Any], kind: str, ccode_to_iso: dict[int, str], theatres: tuple[str, ...]
) -> tuple[dict[str, Any], list[str]]:
    """The :class:`Conditions` of one member's obligation of ``kind``, and notes."""
    p = PREFIX.get(kind)
    cond: dict[str, Any] = {}
    notes: list[str] = []
    if p is None:
        return cond, notes

    def flag(suffix: str) -> bool:
        return bool(row.get(f"{p}co{suffix}") == 1)

    if flag("adv"):
        named = [int(v) for v in (row["statthr1"], row["statthr2"]) if v is not None and v > 0]
        ids = sorted({ccode_to_iso[c] for c in named if c in ccode_to_iso})
        if ids:
            cond["adversaries"] = ids
        else:
            notes.append(
                f"{kind} limited to specific adversaries that ATOP does not name "
                "among this year's states"
            )
    if flag("loc"):
        cond["locations"] = list(theatres)
    if flag("con"):
        cond["specific_conflict"] = True
    if flag("num"):
        cond["min_adversaries"] = 2
    if flag("dem"):
        cond["demand_noncompliance"] = True
    if kind in ("defense", "neutrality") and flag("npr"):
        cond["non_provocation"] = True
    if kind == "neutrality" and row.get("neucoatt") == 1:
        notes.append("neutrality applies only if the partner is attacked (ATOP neucoatt)")
    if kind == "consultation" and row.get("concoreq") == 1:
        notes.append("consultation on a member's request (ATOP concoreq)")
    return cond, notes


def _alliances(
    cat: Catalogue, year: int, states: pd.DataFrame
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    members = cat.query(
        "select * from atop_members where yrent <= ? and last_year >= ? "
        "order by atopid, member, yrent, phase",
        [year, year],
    )
    # Several phases of one membership can touch the same year: the latest governs.
    members = members.drop_duplicates(["atopid", "member"], keep="last")
    alliances = cat.table("atop_alliances").set_index("atopid")
    ccode_to_iso = dict(zip(states["ccode"].astype(int), states["iso3"], strict=True))
    theatre = dict(
        zip(states["ccode"].astype(int), theatre_of(states["ccode"].to_numpy()), strict=True)
    )
    members = members[members["member"].astype(int).isin(ccode_to_iso)]
    needed = [
        "atopid",
        "member",
        "source_line",
        "statthr1",
        "statthr2",
        *OBLIGATION_COLUMNS,
        *CONDITIONS,
    ]
    # Plain dicts: row access on a 100-column frame is what made this slow.
    records = members[needed].astype(object).where(members[needed].notna(), None)
    by_alliance: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for rec in records.to_dict("records"):
        by_alliance[int(rec["atopid"])].append(rec)
    ties: list[dict[str, Any]] = []
    sources: list[dict[str, Any]] = []
    skipped = 0
    for atopid in sorted(by_alliance):
        grp = by_alliance[atopid]
        if len(grp) < 2:
            skipped += 1
            continue
        a = alliances.loc[atopid]
        iso = [ccode_to_iso[int(r["member"])] for r in grp]
        theatres = tuple(sorted({theatre[int(r["member"])] for r in grp}))
        src_id = f"treaty-atop-{atopid}"
        start = pd.Timestamp(a["start_date"]).date()
        sources.append(
            {
                "id": src_id,
                "kind": "treaty",
                "title": f"Alliance treaty coded by ATOP as {atopid}",
                "date": start.isoformat(),
                "locator": f"ATOP 5.1 atopid={atopid}; signed {start.isoformat()}"
                + (
                    f" (day and month imputed: {a['start_precision']} precision)"
                    if a["start_precision"] != "day"
                    else ""
                ),
            }
        )
        locator = f"atop5_1m.csv atopid={atopid}, {_lines([r['source_line'] for r in grp])}"
        cite = [
            {"source": "atop-5.1", "locator": locator},
            {"source": src_id, "locator": f"atopid={atopid}"},
        ]
        obligations: list[dict[str, Any]] = []
        notes: set[str] = set()
        present: list[str] = []
        for col, kind in OBLIGATION_COLUMNS.items():
            holders = [r for r in grp if r[col] == 1]
            if not holders:
                continue
            present.append(kind)
            groups: dict[str, tuple[dict[str, Any], list[str], list[int]]] = {}
            for row in holders:
                cond, why = _conditions(row, kind, ccode_to_iso, theatres)
                notes.update(why)
                key = repr(sorted(cond.items()))
                groups.setdefault(key, (cond, [], []))
                groups[key][1].append(ccode_to_iso[int(row["member"])])
                groups[key][2].append(int(row["source_line"]))
            for cond, by, rows in groups.values():
                ob: dict[str, Any] = {
                    "kind": kind,
                    "cite": [
                        {
                            "source": "atop-5.1",
                            "locator": f"atop5_1m.csv atopid={atopid}, {_lines(rows)}, "
                            f"column={col}",
                        }
                    ],
                }
                if sorted(by) != sorted(iso):
                    ob["by"] = sorted(by)
                if cond:
                    ob["conditions"] = cond
                obligations.append(ob)
        if not obligations:
            skipped += 1
            continue
        tie: dict[str, Any] = {
            "id": f"atop-{atopid}",
            "kind": TIE_KIND[present[0]],
            "name": f"ATOP alliance {atopid}",
            "members": sorted(iso),
            "start": start.isoformat(),
            "obligations": obligations,
            "cite": cite,
        }
        if not bool(a["in_force_at_end"]) and pd.notna(a.get("endyr")) and a["endyr"] > 0:
            from foedus.data._csv import partial_dates

            end, _ = partial_dates(
                pd.Series([a["endyr"]]),
                pd.Series([a["endmo"]]),
                pd.Series([a["endday"]]),
                end=True,
            )
            if pd.notna(end[0]):
                # The model's end is exclusive: the day after ATOP's last day in force.
                tie["end"] = (end[0].date() + dt.timedelta(days=1)).isoformat()
        if notes:
            tie["note"] = "ATOP conditions the pack cannot express: " + "; ".join(sorted(notes))
        ties.append(tie)
    return ties, sources, skipped


def _rivalries(
    cat: Catalogue, year: int, states: pd.DataFrame, window: int
) -> list[dict[str, Any]]:
    if window <= 0:
        return []
    mid = cat.query(
        "select dispnum, ccode, sidea, styear, hostlev, source_line, start_date from mid_b "
        "where styear between ? and ?",
        [year - window + 1, year],
    )
    if mid.empty:
        return []
    ccode_to_iso = dict(zip(states["ccode"].astype(int), states["iso3"], strict=True))
    mid = mid[mid["ccode"].astype(int).isin(ccode_to_iso)]
    a = mid[mid["sidea"] == 1]
    b = mid[mid["sidea"] == 0]
    pairs = a.merge(b, on="dispnum", suffixes=("_a", "_b"))
    if pairs.empty:
        return []
    ia = pairs["ccode_a"].astype(int).map(ccode_to_iso)
    ib = pairs["ccode_b"].astype(int).map(ccode_to_iso)
    pairs["x"] = np.where(ia < ib, ia, ib)
    pairs["y"] = np.where(ia < ib, ib, ia)
    pairs["start"] = pairs[["start_date_a", "start_date_b"]].max(axis=1)
    agg = pairs.groupby(["x", "y"]).agg(
        disputes=("dispnum", "nunique"),
        first=("start", "min"),
        hostlev=("hostlev_a", "max"),
        rows=("source_line_a", lambda s: sorted(set(s))),
        rows_b=("source_line_b", lambda s: sorted(set(s))),
        first_year=("styear_a", "min"),
        last_year=("styear_a", "max"),
    )
    ties = []
    for (x, y), r in agg.iterrows():
        lines = sorted(set(r["rows"]) | set(r["rows_b"]))
        start = (
            pd.Timestamp(r["first"]).date()
            if pd.notna(r["first"])
            else dt.date(int(r["first_year"]), 1, 1)
        )
        ties.append(
            {
                "id": f"mid-rivalry-{x}-{y}",
                "kind": "rivalry",
                "name": f"Militarized disputes {x}–{y}",
                "members": [x, y],
                "strength": round(min(1.0, int(r["disputes"]) / 3.0), 4),
                "start": start.isoformat(),
                "note": f"{int(r['disputes'])} MID(s) begun {int(r['first_year'])}–"
                f"{int(r['last_year'])}, highest hostility level {int(r['hostlev'] or 0)}",
                "cite": [{"source": "cow-mid-5.0", "locator": f"MIDB_5.0.csv {_lines(lines)}"}],
            }
        )
    return ties


def world_pack_dict(
    year: int,
    data_dir: str | Path | None = None,
    *,
    catalogue: Catalogue | None = None,
    mid_window: int = 10,
    only: Iterable[str] | None = None,
    theatres: Iterable[str] | None = None,
) -> tuple[dict[str, Any], WorldSummary]:
    """The world baseline for ``year`` as plain pack data (see :func:`build_world`)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FoedusError(
            f"no world baseline for {year}: ATOP 5.1 and the COW state system cover "
            f"{FIRST_YEAR}–{LAST_YEAR}"
        )
    own = catalogue is None
    cat = catalogue or Catalogue.open(data_dir)
    try:
        cat.require(
            ["cow_states", "cow_majors", "nmc", "democracy", "atop_members", "atop_alliances"]
        )
        has_mid = not (mid_window > 0 and cat.ensure(["mid_b"])[0].status == "missing")
        states = _subset(_states(cat, year), only, theatres)
        if states.empty:
            raise DataNotFoundError(f"no state is in the system in {year}")
        attrs = _attributes(cat, year, states)
        ties, treaty_sources, skipped = _alliances(cat, year, states)
        rivalries = _rivalries(cat, year, states, mid_window) if has_mid else []
    finally:
        if own:
            cat.close()
    theatres = theatre_of(states["ccode"].to_numpy())
    actors = []
    for row, th in zip(states.itertuples(index=False), theatres, strict=True):
        actors.append(
            {
                "id": row.iso3,
                "kind": "state",
                "name": row.statenme,
                "cow_code": int(row.ccode),
                "theatre": th,
                "attributes": attrs.get(int(row.ccode), []),
                "note": f"COW {row.stateabb} ({row.ccode}); in the system per states2016.csv "
                f"line {row.source_line}"
                + (" (carried past 2016, the list's last year)" if year > 2016 else ""),
            }
        )
    used = {
        "atop-5.1",
        "cow-states-2016",
        "cow-majors-2016",
        "cow-nmc-7.0",
        "vdem-v10",
        "polity-iv",
    } | ({"cow-mid-5.0"} if rivalries else set())
    sources = [{"id": k, **v} for k, v in SOURCES.items() if k in used] + treaty_sources
    data: dict[str, Any] = {
        "foedus": 1,
        "id": f"world-{year}",
        "title": f"The state system in {year}: capabilities, regimes, alliances and disputes",
        "description": (
            f"Every state in the COW state system in {year} with NMC capabilities, V-Dem and "
            f"Polity regime scores and major-power status for {year}; every ATOP 5.1 alliance "
            "in force that year with its obligations and conditions; rivalry ties from COW MIDs "
            f"begun in the {mid_window} years up to {year}. Built by foedus from the datasets; "
            "each value cites dataset, version and row."
        ),
        "sources": sources,
        "actors": actors,
        "ties": ties + rivalries,
    }
    summary = WorldSummary(year, len(actors), len(ties), skipped, len(rivalries))
    return data, summary


def build_world(
    year: int,
    data_dir: str | Path | None = None,
    *,
    catalogue: Catalogue | None = None,
    mid_window: int = 10,
    only: Iterable[str] | None = None,
    theatres: Iterable[str] | None = None,
) -> Pack:
    """Build and validate the world baseline pack for ``year`` (1816–2018).

    Parameters
    ----------
    year : int
        The year.
    data_dir : str or Path, optional
        The dataset directory (default ``$FOEDUS_DATA``).
    catalogue : Catalogue, optional
        An open catalogue to query (default: the data directory's).
    mid_window : int
        Disputes begun in this many years up to ``year`` become rivalry ties (0: none).
    only : iterable of str, optional
        Keep only these states (ISO ids or COW codes); alliances keep their members among them.
    theatres : iterable of str, optional
        Keep only the states of these theatres (added to ``only``). A regional world stays
        within the scenario engine's limit on the number of states.

    Examples
    --------
    >>> pack = build_world(2018, "data")  # doctest: +SKIP
    >>> pack.actor("PRK").cow_code  # doctest: +SKIP
    731
    """
    data, _ = world_pack_dict(
        year, data_dir, catalogue=catalogue, mid_window=mid_window, only=only, theatres=theatres
    )
    return pack_from_dict(data)


def world_yaml(data: dict[str, Any]) -> str:
    """Pack data as YAML text (libyaml's emitter when available: the packs are large)."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def pack_from_dict(data: dict[str, Any]) -> Pack:
    """Validate pack data: every entry, then every cross-reference (as the pack loader does).

    Raises
    ------
    PackError
        Listing every problem, with the field path of each.
    """
    from pydantic import ValidationError

    from foedus.errors import PackError, Problem
    from foedus.packs.checks import check_pack

    name = f"<{data.get('id', 'world')}>"
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        raise PackError(
            [
                Problem(name, None, None, ".".join(map(str, e["loc"])), e["msg"])
                for e in exc.errors()
            ]
        ) from None
    findings = check_pack(pack)
    if findings:
        raise PackError(
            [
                Problem(name, None, None, ".".join(map(str, (sec, eid, *path))), reason)
                for sec, eid, path, reason in findings
            ]
        )
    return pack
