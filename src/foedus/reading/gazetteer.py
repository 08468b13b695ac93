"""A dated gazetteer of states, organisations and office-holders (packaged YAML).

States carry names, demonyms, capitals, seats of government and other places, all mapped to ISO3;
organisations carry their short code; persons carry the offices they held with dates, so that
"the South Korean president" can be resolved as of the article's date.

Examples
--------
>>> gaz = load_gazetteer()
>>> gaz.holder("president", "KOR", datetime.date(2025, 7, 1))
'lee_jae_myung'
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

#: Kinds of gazetteer entries; only ``name``, ``demonym``, ``capital``, ``seat``, ``org`` and
#: ``person`` produce mentions, ``place`` and ``blocked`` never do.
KINDS = ("name", "demonym", "capital", "seat", "place", "org", "person", "blocked")


@dataclass(frozen=True)
class Entry:
    """One surface form: what it refers to and how."""

    surface: str
    kind: str
    actor_id: str | None
    actor_type: str | None


@dataclass(frozen=True)
class Office:
    """A person's tenure in an office of a state or organisation (end exclusive, None = open)."""

    person_id: str
    office: str
    holder_of: str
    start: datetime.date
    end: datetime.date | None


@dataclass(frozen=True)
class Person:
    """A known person: id, full name, surname used alone, other spellings."""

    id: str
    name: str
    surname: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gazetteer:
    """Surface forms (longest first in :attr:`pattern`), persons and offices."""

    entries: dict[str, Entry]
    persons: dict[str, Person]
    offices: tuple[Office, ...]
    pattern: re.Pattern[str] = field(repr=False)
    state_ids: frozenset[str] = frozenset()

    def lookup(self, surface: str) -> Entry | None:
        """The entry for an exact surface form, or None."""
        return self.entries.get(surface)

    def holder(self, office: str, of: str, on: datetime.date) -> str | None:
        """Who held ``office`` of state/organisation ``of`` on date ``on`` (None if unknown)."""
        for o in self.offices:
            current = o.start <= on and (o.end is None or on < o.end)
            if o.office == office and o.holder_of == of and current:
                return o.person_id
        return None

    def actor_type(self, actor_id: str) -> str:
        """``state``, ``org`` or ``person``."""
        if actor_id in self.state_ids:
            return "state"
        if actor_id.upper() == actor_id:
            return "org"
        return "person"


def _as_date(value: object) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def build_gazetteer(raw: dict[str, Any]) -> Gazetteer:
    """Build a :class:`Gazetteer` from the parsed YAML structure (see resources/gazetteer.yaml)."""
    entries: dict[str, Entry] = {}

    def add(surface: str, kind: str, actor_id: str | None, actor_type: str | None) -> None:
        # First writer wins so that a state's name is never overwritten by an alias elsewhere.
        entries.setdefault(surface, Entry(surface, kind, actor_id, actor_type))

    for iso3, spec in raw.get("states", {}).items():
        for key, kind in (
            ("names", "name"),
            ("demonyms", "demonym"),
            ("capitals", "capital"),
            ("seats", "seat"),
            ("places", "place"),
        ):
            for s in spec.get(key, []) or []:
                add(str(s), kind, iso3, "state")
    for code, names in raw.get("orgs", {}).items():
        for s in names:
            add(str(s), "org", code, "org")
    for code, seats in raw.get("org_seats", {}).items():
        for s in seats:
            add(str(s), "capital", code, "org")
    persons: dict[str, Person] = {}
    offices: list[Office] = []
    for pid, spec in raw.get("persons", {}).items():
        person = Person(
            pid, spec["name"], spec.get("surname"), tuple(spec.get("aliases", []) or [])
        )
        persons[pid] = person
        for s in (person.name, *person.aliases):
            add(s, "person", pid, "person")
        for o in spec.get("offices", []) or []:
            end = o.get("end")
            offices.append(
                Office(
                    pid,
                    o["office"],
                    o["state"],
                    _as_date(o["start"]),
                    _as_date(end) if end else None,
                )
            )
    for s in raw.get("blocked", []) or []:
        entries[str(s)] = Entry(str(s), "blocked", None, None)
    # Longest first, so that the regex alternation prefers "North Korean" over "North Korea".
    surfaces = sorted(entries, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(s) for s in surfaces) + r")(?![\w])")
    state_ids = frozenset(raw.get("states", {}).keys())
    return Gazetteer(entries, persons, tuple(offices), pattern, state_ids)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer (cached)."""
    text = resources.files("foedus.reading").joinpath("resources/gazetteer.yaml").read_text("utf-8")
    return build_gazetteer(yaml.safe_load(text))
