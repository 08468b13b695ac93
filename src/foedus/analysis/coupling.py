"""Theatre coupling: how much tie and flow weight crosses from one theatre to another.

Each actor of a pack names the theatre it belongs to (``europe``, ``indo_pacific``, ``global``…).
Among the relevant actors, the weight of the signed network (:mod:`foedus.analysis.network`; the
absolute value, since hostility couples theatres as much as friendship does) plus
``flow_weight`` for each flow is split into

* **cross**: edges with one end in theatre ``T1`` and the other in ``T2``;
* **within**: edges with both ends in ``T1`` or both in ``T2``;
* **bridged**: for each actor of neither theatre (a ``global`` power), the smaller of its weight
  towards ``T1`` and towards ``T2`` — how much it links the two.

The **coupling index** is ``cross / (cross + within)``: 0 when the theatres share no tie, higher
as ties that cross dominate. :func:`compare_coupling` computes it with and without some ties (the
Russia–DPRK pact, for instance) by giving them zero weight.

The engine's probability that a war in one theatre spreads to the other is not computed here:
:mod:`foedus.analysis.spread` runs the engine for it (``foedus analyze coupling`` reports both),
and a ``spread`` callable (a pack view → probability) can be passed to report a figure beside the
structural ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from foedus.analysis.network import DEFAULT_MAPPING, SignMapping, signed_network
from foedus.model import Pack

__all__ = ["CouplingResult", "SpreadModel", "compare_coupling", "theatre_coupling"]

#: Signature of the engine hook: P(a war in theatre ``t1`` spreads to ``t2``) on a pack view.
SpreadModel = Callable[[Pack, str, str], float]


@dataclass(frozen=True)
class CouplingResult:
    """Cross-theatre weight among the relevant actors on one date."""

    theatres: tuple[str, str]
    as_of: dt.date | None
    cross: float
    within: float
    bridged: float
    cross_edges: tuple[dict[str, Any], ...]
    bridges: tuple[dict[str, Any], ...]
    excluded_ties: tuple[str, ...]
    p_spread: float | None = None

    @property
    def index(self) -> float:
        """``cross / (cross + within)`` (0 when there is no weight at all)."""
        total = self.cross + self.within
        return self.cross / total if total > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "theatres": list(self.theatres),
            "as_of": self.as_of,
            "excluded_ties": list(self.excluded_ties),
            "cross": self.cross,
            "within": self.within,
            "bridged": self.bridged,
            "coupling_index": self.index,
            "cross_edges": list(self.cross_edges),
            "bridges": list(self.bridges),
            "p_spread": self.p_spread,
        }


def theatre_coupling(
    pack: Pack,
    as_of: dt.date | str | None = None,
    theatres: tuple[str, str] = ("europe", "indo_pacific"),
    *,
    actors: Iterable[str] | None = None,
    exclude_ties: Iterable[str] = (),
    mapping: SignMapping = DEFAULT_MAPPING,
    flow_weight: float = 0.25,
    spread: SpreadModel | None = None,
) -> CouplingResult:
    """Tie and flow weight crossing between two theatres.

    Parameters
    ----------
    pack : Pack
    as_of : date or ISO string, optional
    theatres : (str, str)
    actors : iterable of str, optional
        The relevant actors (default: every state with ties).
    exclude_ties : iterable of str
        Tie ids given zero weight (the "without" case).
    mapping : SignMapping
    flow_weight : float
        Weight of each flow in force between two actors (on top of their ties).
    spread : callable, optional
        ``spread(view, t1, t2)`` → P(a war in ``t1`` spreads to ``t2``), from the engine.

    Examples
    --------
    >>> from foedus.packs import load_pack
    >>> r = theatre_coupling(load_pack("putin-kim-2024"), "2024-07-15")
    >>> r.cross > 0 and 0 < r.index < 1
    True
    """
    excluded = tuple(sorted(set(exclude_ties)))
    m = mapping.with_overrides(tie_weights={t: 0.0 for t in excluded}) if excluded else mapping
    net = signed_network(pack, as_of, m, actors=actors)
    view = pack.as_of(net.as_of) if net.as_of is not None else pack
    theatre_of: dict[str, str | None] = {}
    for actor in view.actors:
        theatre_of[actor.id] = actor.theatre
    keep = None if actors is None else frozenset(actors)

    weights: dict[tuple[str, str], float] = {}
    for a, b, _, w in net.graph.edge_tuples():
        weights[(a, b)] = w
    flows_on: dict[tuple[str, str], list[str]] = {}
    for flow in view.flows:
        pair = (min(flow.source, flow.target), max(flow.source, flow.target))
        if keep is not None and not set(pair) <= keep:
            continue
        if flow_weight > 0:
            weights[pair] = weights.get(pair, 0.0) + flow_weight
            flows_on.setdefault(pair, []).append(flow.id)

    t1, t2 = theatres
    cross = within = 0.0
    cross_edges = []
    toward: dict[str, list[float]] = {}
    for (a, b), w in sorted(weights.items()):
        ta, tb = theatre_of.get(a), theatre_of.get(b)
        if {ta, tb} == {t1, t2}:
            cross += w
            cross_edges.append(
                {
                    "source": a,
                    "target": b,
                    "weight": w,
                    "ties": [c.tie for c in net.ties_behind(a, b)],
                    "flows": flows_on.get((a, b), []),
                }
            )
        elif ta == tb and ta in (t1, t2):
            within += w
        else:
            for x, tx, ty in ((a, ta, tb), (b, tb, ta)):
                if tx not in (t1, t2) and ty in (t1, t2):
                    toward.setdefault(x, [0.0, 0.0])[0 if ty == t1 else 1] += w
    bridges: list[dict[str, Any]] = [
        {"actor": x, t1: v[0], t2: v[1], "bridge": min(v)}
        for x, v in sorted(toward.items())
        if min(v) > 0
    ]
    return CouplingResult(
        theatres=(t1, t2),
        as_of=net.as_of,
        cross=cross,
        within=within,
        bridged=sum(b["bridge"] for b in bridges),
        cross_edges=tuple(cross_edges),
        bridges=tuple(bridges),
        excluded_ties=excluded,
        p_spread=None if spread is None else float(spread(view, t1, t2)),
    )


def compare_coupling(
    pack: Pack,
    as_of: dt.date | str | None = None,
    without: Iterable[str] = ("rus-prk-csp-2024",),
    **kwargs: Any,
) -> tuple[CouplingResult, CouplingResult]:
    """Coupling with every tie, and with the ``without`` ties removed (same date, same actors)."""
    return (
        theatre_coupling(pack, as_of, **kwargs),
        theatre_coupling(pack, as_of, exclude_ties=without, **kwargs),
    )
