"""Flows: quantities moving between actors over a period (munitions, food, money, troops)."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Self

from pydantic import field_validator, model_validator

from foedus.model._base import Cites, Frozen, Id, Range

#: Units a flow may be measured in. Adding one is a deliberate change, so that "shells" and
#: "shell" or "USD" and "dollars" never silently become two different things.
UNITS = frozenset(
    {
        "shells",
        "rounds",
        "containers",
        "missiles",
        "launchers",
        "vehicles",
        "aircraft",
        "troops",
        "workers",
        "voyages",
        "tonnes",
        "barrels",
        "USD",
        "EUR",
        "KRW",
        "RUB",
        "units",
    }
)

Per = Literal["total", "year", "month", "day"]


class Quantity(Range):
    """An uncertain amount with a unit: ``low ≤ central ≤ high`` in ``unit`` per ``per``."""

    unit: str
    per: Per = "total"

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str) -> str:
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}; known units: {', '.join(sorted(UNITS))}")
        return unit

    @model_validator(mode="after")
    def _non_negative(self) -> Self:
        if self.low < 0:
            raise ValueError("a flow quantity cannot be negative")
        return self


class Flow(Frozen):
    """A quantity of ``commodity`` moving from ``source`` to ``target`` between two dates.

    A flow may carry several dated estimates of the same thing (the open estimates of North
    Korean shells for Russia were revised many times); :meth:`latest_estimate` picks the newest
    one visible on a date.
    """

    id: Id
    source: Id
    target: Id
    commodity: Id
    start: dt.date
    end: dt.date | None = None
    estimates: tuple[Estimate, ...]
    note: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.source == self.target:
            raise ValueError("a flow needs two different actors")
        if not self.estimates:
            raise ValueError("a flow needs at least one estimate")
        return self

    def latest_estimate(self, on: dt.date | None = None) -> Estimate | None:
        """The newest estimate dated on or before ``on`` (the newest overall if None)."""
        visible = [e for e in self.estimates if on is None or e.date <= on]
        return max(visible, key=lambda e: e.date) if visible else None


class Estimate(Frozen):
    """One dated estimate of a flow's quantity, with who made it and where it is cited."""

    date: dt.date
    quantity: Quantity
    by: str | None = None
    cite: Cites


Flow.model_rebuild()
