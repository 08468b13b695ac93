"""Wedge: whose wavering hurts the camp's most exposed member most (seed claims C20–C21).

A member *wavers* when its ties to the rest of its camp are weakened — a leadership or government
swing modelled as a scenario change: the ``strength`` of each positive tie it shares with another
camp member is multiplied by ``1 − swing``. For every member in turn, :func:`wedge_ranking`
builds that modified pack and asks an *evaluator* for P(deterrence holds) for the exposed member,
then ranks members by how much their wavering lowers it.

The evaluator is the hook for the scenario engine: a callable ``(pack) → array of per-draw
outcomes`` (0/1 or probabilities) that must use the same random numbers on every call (common
random numbers), so that the per-draw differences measure the effect of the change and not Monte
Carlo noise. Until the engine lands, any such callable can be passed (the tests use a closed-form
one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from foedus.model import Pack

__all__ = ["Evaluator", "WedgeEntry", "waver", "wedge_ranking"]

#: ``evaluator(pack) → per-draw outcomes`` for the exposed member, on common random numbers.
Evaluator = Callable[[Pack], npt.ArrayLike]


def waver(pack: Pack, member: str, camp: Iterable[str], swing: float = 0.5) -> Pack:
    """A copy of ``pack`` in which ``member``'s positive ties to the rest of ``camp`` weaken.

    Every positive tie with ``member`` and at least one other camp member gets its ``strength``
    multiplied by ``1 − swing``; everything else is unchanged.
    """
    if not 0.0 <= swing <= 1.0:
        raise ValueError("swing must be in [0, 1]")
    others = set(camp) - {member}
    ties = tuple(
        t.model_copy(update={"strength": t.strength * (1.0 - swing)})
        if member in t.members and (t.sign or 0) > 0 and others & set(t.members)
        else t
        for t in pack.ties
    )
    fields = {name: getattr(pack, name) for name in type(pack).model_fields}
    fields["ties"] = ties
    return type(pack)(**fields)  # a fresh object: no cached look-ups of the old ties


@dataclass(frozen=True)
class WedgeEntry:
    """The effect of one member's wavering on the exposed member."""

    member: str
    p_base: float
    p_waver: float
    drop: float
    drop_se: float

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return dict(self.__dict__)


def wedge_ranking(
    pack: Pack,
    camp: Iterable[str],
    exposed: str,
    evaluator: Evaluator,
    *,
    swing: float = 0.5,
) -> tuple[WedgeEntry, ...]:
    """Rank the members of ``camp`` by how much their wavering lowers P(deterrence) for ``exposed``.

    Returns entries sorted by ``drop`` (largest first); ``drop_se`` is the standard error of the
    mean per-draw difference (small when the evaluator uses common random numbers).
    """
    members = [m for m in dict.fromkeys(camp) if m != exposed]
    base = np.asarray(evaluator(pack), dtype=np.float64).ravel()
    entries = []
    for m in members:  # one engine run per member: a handful, not a hot loop
        outcome = np.asarray(evaluator(waver(pack, m, camp, swing)), dtype=np.float64).ravel()
        if outcome.shape != base.shape:
            raise ValueError("the evaluator must return the same number of draws every time")
        diff = base - outcome
        se = float(diff.std(ddof=1) / np.sqrt(len(diff))) if len(diff) > 1 else 0.0
        entries.append(
            WedgeEntry(m, float(base.mean()), float(outcome.mean()), float(diff.mean()), se)
        )
    entries.sort(key=lambda e: (-e.drop, e.member))
    return tuple(entries)
