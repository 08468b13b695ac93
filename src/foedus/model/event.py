"""Events: dated occurrences (summits, signings, elections, deployments, attacks)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from foedus.model._base import Cites, Frozen, Id

EventKind = Literal[
    "summit",
    "visit",
    "signing",
    "ratification",
    "entry_into_force",
    "statement",
    "election",
    "deployment",
    "attack",
    "incursion",
    "sanction",
    "transfer",
    "declaration",
    "exercise",
    "crisis",
]


class Event(Frozen):
    """A dated occurrence involving some actors, with our paraphrase and its sources."""

    id: Id
    kind: EventKind
    date: dt.date
    actors: tuple[Id, ...] = Field(min_length=1)
    note: str
    claims: tuple[Id, ...] = ()
    cite: Cites
