"""The whole reading pipeline: text → ANNOTATION.md JSON (actors, events, quantities, quotes)."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from foedus.errors import DataFormatError, DataNotFoundError
from foedus.reading.depevents import find_events_parsed
from foedus.reading.events import Event, find_events
from foedus.reading.gazetteer import Gazetteer, load_gazetteer
from foedus.reading.mentions import Mention, find_mentions_and_organs
from foedus.reading.nlp import cached_pipeline
from foedus.reading.offices import office_mentions
from foedus.reading.quantities import Quantity, find_quantities
from foedus.reading.quotes import find_quotes

#: Events whose amounts are flows: support given and forces deployed. Counts of what a sanction
#: lists ("blacklisting three vessels") are no flow; none of the 111 gold quantities of the
#: reading sets measures a sanction.
_FLOW_TYPES = ("SUPPORT", "DEPLOY")
_SENTENCE_BREAK = re.compile(r"(?<![A-Z])(?<!\bU\.S)[.!?][”\"]?\s+(?=[“\"A-Z0-9])|;\s|\n")


#: What a value "worth $X" may measure: the goods of a transfer ("The cargoes, worth …").
_GOODS_BEFORE = re.compile(
    r"\b(?:cargo(?:es)?|shipments?|deliver(?:y|ies)|consignments?|supplies|transfers?|"
    r"weapons|arms|munitions|shells|oil|fuel|aid|equipment|goods)\b"
)


def attach_quantity(start: int, end: int, events: list[Event], text: str) -> int | None:
    """Index of the flow event (SUPPORT, DEPLOY) a quantity at ``start:end`` measures.

    Only flows in an annotated event count. The event is the nearest flow event of the
    quantity's sentence (semicolons end a clause); a trigger before the quantity is preferred to
    one after it at the same distance ("sold 40 tanks to Poland"). Without one in the sentence:
    None, except for a value ("worth $X") of goods moved in the sentence before.

    Examples
    --------
    >>> ev = [Event("SUPPORT", "KOR", "POL", 10, 14, "sold", False, False)]
    >>> attach_quantity(15, 23, ev, "Seoul has sold 40 tanks to Poland.")
    0
    >>> attach_quantity(24, 32, ev, "Seoul has sold. It owns 40 tanks.") is None
    True
    >>> attach_quantity(40, 43, ev, "Seoul has sold. The shipments are worth $1m.")
    0
    """
    lo = max(
        (m.end() for m in _SENTENCE_BREAK.finditer(text, max(0, start - 400), start)), default=0
    )
    nxt = _SENTENCE_BREAK.search(text, end, end + 400)
    hi = nxt.start() if nxt else min(len(text), end + 400)
    best: tuple[float, int] | None = None
    first = bisect.bisect_left(events, lo, key=lambda e: e.start)
    last = bisect.bisect_left(events, hi, key=lambda e: e.start)
    for i in range(first, last):
        e = events[i]
        if e.type not in _FLOW_TYPES:
            continue
        d = start - e.end if e.end <= start else (e.start - end) + 0.5
        if best is None or d < best[0]:
            best = (d, i)
    goods = _GOODS_BEFORE.search(text, lo, start)
    if best is None and lo > 0 and goods and re.search(r"\bworth\s+$", text[lo:start]):
        # "Russian tankers delivered 1.2 million barrels …. The cargoes, worth roughly $110
        # million, …": the value of the goods moved in the sentence before.
        lo2 = max(
            (m.end() for m in _SENTENCE_BREAK.finditer(text, max(0, lo - 400), lo - 1)), default=0
        )
        flows = [
            i
            for i in range(bisect.bisect_left(events, lo2, key=lambda e: e.start), first)
            if events[i].type in ("SUPPORT",)
        ]
        return flows[-1] if flows else None
    return best[1] if best else None


def _merge(
    rule: list[Event],
    parsed: list[Event],
    mode: str,
    text: str = "",
    amounts: Sequence[Quantity] = (),
) -> list[Event]:
    """Combine rule and parse events; see :data:`EVENT_MODE` (``amounts``: the text's flow
    quantities, for ``parse+flows``)."""
    if mode == "parse":
        return parsed
    covered = {(e.start, e.end) for e in parsed}
    if mode == "parse+flows":
        # A transfer the parse missed but the lexicon found, with its amount right after the
        # trigger ("shipped about 100,000 tonnes of rice …"): the amount is evidence enough.
        rest = [
            e
            for e in rule
            if e.type in ("SUPPORT", "DEPLOY")
            and (e.start, e.end) not in covered
            and not any(p.start <= e.start < p.end or e.start <= p.start < e.end for p in parsed)
            and any(
                e.end <= q.start <= e.end + 60 and not _SENTENCE_BREAK.search(text, e.end, q.start)
                for q in amounts
            )
        ]
        return sorted([*parsed, *rest], key=lambda e: e.start)
    if mode == "parse+rule":
        # The parse decides for every trigger it resolved; the rules fill in the rest.
        rest = [e for e in rule if (e.start, e.end) not in covered]
        return sorted([*parsed, *rest], key=lambda e: e.start)
    raise ValueError(f"unknown event mode {mode!r}")


#: How events are found when a model is installed: ``"parse"`` (dependency patterns only),
#: ``"parse+rule"`` (dependency patterns; the rule lexicon for triggers the parse left
#: unresolved) or ``"parse+flows"`` (the parse, plus the lexicon's transfers and deployments the
#: parse missed whose amount follows the trigger in the same sentence).
EVENT_MODE = "parse+flows"


def actor_arguments(text: str, gaz: Gazetteer) -> tuple[list[Mention], list[Mention]]:
    """The actor mentions of ``text``, and every actor reference events and speakers may use.

    The second list adds, in text order, what is no mention of the output: "the South Korean
    president" (the office-holder on the article's date) and the state behind a domestic organ
    ("the China Coast Guard", "KCNA").
    """
    mentions, organs = find_mentions_and_organs(text, gaz)
    described = office_mentions(text, mentions, gaz) + organs
    arguments = sorted([*mentions, *described], key=lambda m: m.start) if described else mentions
    return mentions, arguments


def read_text(
    text: str,
    doc_id: str = "doc",
    sha256: str | None = None,
    *,
    use_model: bool = True,
    nlp: Any = None,
) -> dict[str, Any]:
    """Extract everything from ``text``; offsets index ``text`` exactly as given.

    Parameters
    ----------
    text : str
        The article.
    doc_id, sha256 : str
        Written into the output (sha256 of ``text`` as UTF-8 when not given).
    use_model : bool
        Find events with the spaCy dependency parse when an English model is installed
        (:func:`foedus.reading.nlp.cached_pipeline`); False runs the rule-only path.
    nlp : spacy.Language, optional
        A loaded pipeline to use instead of the cached one (the benchmark passes its own).

    Returns
    -------
    dict
        ANNOTATION.md JSON: ``doc_id``, ``text_sha256``, ``actors``, ``events``, ``quantities``,
        ``quotes``.

    Examples
    --------
    >>> out = read_text(
    ...     "Russia deployed roughly 11,000 North Korean troops to Kursk.", use_model=False
    ... )
    >>> [a["id"] for a in out["actors"]]
    ['PRK', 'RUS']
    """
    gaz = load_gazetteer()
    mentions, arguments = actor_arguments(text, gaz)
    actors: dict[str, dict[str, Any]] = {}
    for m in mentions:
        a = actors.setdefault(m.actor_id, {"id": m.actor_id, "type": m.actor_type, "mentions": []})
        a["mentions"].append([m.start, m.end, m.surface])
    events = find_events(text, arguments, gaz)
    amounts = find_quantities(text)
    if nlp is None and use_model:
        nlp = cached_pipeline()[0]
    if nlp is not None:
        parsed = find_events_parsed(text, arguments, nlp, gaz)
        events = _merge(events, parsed, EVENT_MODE, text, amounts)
    ev_json = [
        {
            "type": e.type,
            "source": e.source,
            "target": e.target,
            "trigger": [e.start, e.end, e.trigger],
            "negated": e.negated,
            "hedged": e.hedged,
        }
        for e in events
    ]
    quantities = []
    for q in amounts:
        i = attach_quantity(q.start, q.end, events, text)
        if i is not None:
            quantities.append(
                {
                    "span": [q.start, q.end, q.surface],
                    "value": q.value,
                    "unit": q.unit,
                    "attached_event_index": i,
                }
            )
    quotes = [
        {
            "span": [q.start, q.end],
            "speaker_id": q.speaker_id,
            "speaker_name": q.speaker_name,
            "affiliation": q.affiliation,
        }
        for q in find_quotes(text, arguments)
    ]
    return {
        "doc_id": doc_id,
        "text_sha256": sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "actors": sorted(actors.values(), key=lambda a: a["id"]),
        "events": ev_json,
        "quantities": quantities,
        "quotes": quotes,
    }


def load_article(path: str | Path) -> tuple[str, str]:
    """Text and sha256 of the raw bytes; clear errors on missing, empty or binary files."""
    p = Path(path)
    if not p.is_file():
        raise DataNotFoundError(f"{p}: no such article file")
    raw = p.read_bytes()
    if not raw.strip():
        raise DataFormatError(p, "the file is empty")
    if b"\x00" in raw[:8192]:
        raise DataFormatError(p, "the file looks binary (NUL bytes), not a UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFormatError(p, f"not valid UTF-8 at byte {exc.start}") from None
    return text, hashlib.sha256(raw).hexdigest()


def read_file(path: str | Path, *, use_model: bool = True) -> dict[str, Any]:
    """:func:`read_text` on a file; ``doc_id`` is the file's stem."""
    text, sha = load_article(path)
    return read_text(text, Path(path).name.removesuffix(".txt"), sha, use_model=use_model)
