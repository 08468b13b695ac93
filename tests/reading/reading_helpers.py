"""Small helpers the reading tests share (on the test path through pytest's ``pythonpath``)."""

from __future__ import annotations

from typing import Any

from foedus.reading.gazetteer import load_gazetteer
from foedus.reading.mentions import find_mentions
from foedus.reading.pipeline import read_text

#: An event as the rule tests compare it: type, source, target, trigger text, negated, hedged.
EventKey = tuple[str, str, str, str, bool, bool]


def events_of(text: str, nlp: Any) -> set[EventKey]:
    """The events read from ``text`` with the parse, as comparable tuples."""
    out = read_text(text, nlp=nlp)
    return {
        (e["type"], e["source"], e["target"], e["trigger"][2], e["negated"], e["hedged"])
        for e in out["events"]
    }


def mentions_of(text: str) -> list[tuple[str, str]]:
    """(surface, actor id) of every mention found in ``text`` by the bundled gazetteer."""
    return [(m.surface, m.actor_id) for m in find_mentions(text, load_gazetteer())]
