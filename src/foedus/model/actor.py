"""Actors: states, organisations and groupings, and persons, with dated attributes."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Self

from pydantic import model_validator

from foedus.model._base import Cites, Frozen, Id

ActorKind = Literal["state", "org", "person"]

#: Theatres an actor primarily belongs to (used by cross-theatre analytics and the engine).
Theatre = Literal["europe", "indo_pacific", "middle_east", "americas", "africa", "global"]

#: Attributes whose values must lie in [0, 1].
UNIT_INTERVAL_ATTRIBUTES = frozenset({"cinc", "v2x_polyarchy"})


class AttributeValue(Frozen):
    """One dated value of an actor attribute (``cinc``, ``milex``, ``polity2``, ``nuclear``…)."""

    name: Id
    value: bool | int | float | str
    date: dt.date
    cite: Cites

    @model_validator(mode="after")
    def _bounded(self) -> Self:
        if self.name in UNIT_INTERVAL_ATTRIBUTES:
            v = self.value
            if isinstance(v, bool) or not isinstance(v, int | float) or not 0.0 <= v <= 1.0:
                raise ValueError(f"{self.name} must be a number in [0, 1], got {v!r}")
        if self.name == "polity2":
            v = self.value
            if isinstance(v, bool) or not isinstance(v, int | float) or not -10 <= v <= 10:
                raise ValueError(f"polity2 must be a number in [-10, 10], got {v!r}")
        return self


class Office(Frozen):
    """A person holding an office of an actor (``head_of_state`` of ``RUS``) over a period."""

    role: Id
    of: Id
    start: dt.date
    end: dt.date | None = None
    cite: Cites

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    def held_on(self, day: dt.date) -> bool:
        """Whether the office is held on ``day`` (start inclusive, end exclusive)."""
        return self.start <= day and (self.end is None or day < self.end)


class Actor(Frozen):
    """A state, an organisation or grouping, or a person.

    States use ISO 3166-1 alpha-3 ids (``PRK``) and carry their Correlates of War code.
    Organisations list their ``members``; persons carry ``offices`` and an ``affiliation``.
    """

    id: Id
    kind: ActorKind
    name: str
    cow_code: int | None = None
    theatre: Theatre | None = None
    members: tuple[Id, ...] = ()
    affiliation: str | None = None
    offices: tuple[Office, ...] = ()
    attributes: tuple[AttributeValue, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _by_kind(self) -> Self:
        if self.kind == "state":
            if not (len(self.id) == 3 and self.id.isalpha() and self.id.isupper()):
                raise ValueError(
                    f"a state's id must be its ISO 3166-1 alpha-3 code, got {self.id!r}"
                )
            if self.cow_code is None:
                raise ValueError("a state must carry its COW code (cow_code)")
        if self.kind != "org" and self.members:
            raise ValueError("only organisations have members")
        if self.kind != "person" and self.offices:
            raise ValueError("only persons hold offices")
        return self

    def attribute(self, name: str, on: dt.date | None = None) -> AttributeValue | None:
        """The latest value of attribute ``name`` dated on or before ``on`` (any date if None)."""
        best: AttributeValue | None = None
        for value in self.attributes:
            if value.name != name or (on is not None and value.date > on):
                continue
            if best is None or value.date >= best.date:
                best = value
        return best
