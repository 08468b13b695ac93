"""The signed network of a pack as of a date: which ties count as friendly or hostile, how much.

Every tie in force on the date contributes, for each pair of its members, a signed weight
``sign × strength × kind weight``; a tie with an organisation as member (``IP4`` condemning
Russia) applies to each member state of the organisation (``orgs="expand"``), or is left out
(``orgs="drop"``). The contributions to a pair are summed into one edge whose sign is the sign of
the sum (a pair with equal friendly and hostile weight has no edge). Every edge keeps the list of
ties behind it, so that a frustrated edge can be traced to its sources.

The mapping from tie kinds to signs and weights is an explicit, immutable :class:`SignMapping`;
:data:`DEFAULT_MAPPING` is documented in ``docs/analysis.md`` and every entry can be overridden.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from foedus.analysis._signed import SignedGraph
from foedus.model import DEFAULT_SIGN, Pack

__all__ = [
    "DEFAULT_KIND_WEIGHTS",
    "DEFAULT_MAPPING",
    "Contribution",
    "PackNetwork",
    "SignMapping",
    "signed_network",
]

#: How much one tie of each kind weighs, before its own ``strength``. A formal defence pact or a
#: war is the unit; looser or one-off relations weigh less. These are modelling choices, not
#: estimates: change them with :meth:`SignMapping.with_overrides`.
DEFAULT_KIND_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "defense_pact": 1.0,
        "offense_pact": 1.0,
        "neutrality_pact": 0.5,
        "nonaggression_pact": 0.5,
        "consultation_pact": 0.5,
        "strategic_partnership": 0.75,
        "security_framework": 0.75,
        "troop_deployment": 0.75,
        "arms_transfer": 0.75,
        "economic_support": 0.5,
        "diplomatic_support": 0.5,
        "sanctions": 0.5,
        "condemnation": 0.25,
        "rivalry": 1.0,
        "war": 1.0,
    }
)


@dataclass(frozen=True)
class SignMapping:
    """Which tie kinds are positive or negative, and with what weight.

    Parameters
    ----------
    signs : mapping of tie kind to ±1, optional
        Overrides of the sign; a kind not listed keeps each tie's own sign (which defaults by kind
        to :data:`foedus.model.DEFAULT_SIGN`).
    weights : mapping of tie kind to float
        Weight of one tie of that kind (multiplied by the tie's ``strength``); 0 leaves the kind
        out.
    tie_weights : mapping of tie id to float
        Per-tie overrides of the weight (0 leaves the tie out), e.g. to remove one pact.
    orgs : {"expand", "drop"}
        Whether a tie with an organisation applies to its member states or is left out.
    """

    signs: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    weights: Mapping[str, float] = field(default_factory=lambda: DEFAULT_KIND_WEIGHTS)
    tie_weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    orgs: Literal["expand", "drop"] = "expand"

    def __post_init__(self) -> None:
        for kind, s in self.signs.items():
            if s not in (-1, 1):
                raise ValueError(f"sign of {kind!r} must be +1 or -1, got {s!r}")
        for name, table in (("weights", self.weights), ("tie_weights", self.tie_weights)):
            for key, w in table.items():
                if not w >= 0:
                    raise ValueError(f"{name}[{key!r}] must be >= 0, got {w!r}")
        object.__setattr__(self, "signs", MappingProxyType(dict(self.signs)))
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))
        object.__setattr__(self, "tie_weights", MappingProxyType(dict(self.tie_weights)))

    def with_overrides(
        self,
        *,
        signs: Mapping[str, int] | None = None,
        weights: Mapping[str, float] | None = None,
        tie_weights: Mapping[str, float] | None = None,
        orgs: Literal["expand", "drop"] | None = None,
    ) -> SignMapping:
        """A copy with some entries replaced."""
        return SignMapping(
            signs={**self.signs, **(signs or {})},
            weights={**self.weights, **(weights or {})},
            tie_weights={**self.tie_weights, **(tie_weights or {})},
            orgs=orgs or self.orgs,
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        signs = {k: self.signs.get(k, v) for k, v in DEFAULT_SIGN.items()}
        return {
            "signs": signs,
            "weights": dict(self.weights),
            "tie_weights": dict(self.tie_weights),
            "orgs": self.orgs,
        }


DEFAULT_MAPPING = SignMapping()


@dataclass(frozen=True)
class Contribution:
    """One tie's signed weight on one pair of actors."""

    tie: str
    kind: str
    weight: float  # signed


@dataclass(frozen=True)
class PackNetwork:
    """A pack's signed network on a date, with the ties behind each edge.

    Attributes
    ----------
    graph : SignedGraph
        One edge per pair, weight = |sum of signed contributions|.
    contributions : mapping of (a, b) with a < b to tuple of Contribution
    as_of : date or None
    pack_id : str
    mapping : SignMapping
    """

    graph: SignedGraph
    contributions: Mapping[tuple[str, str], tuple[Contribution, ...]]
    as_of: dt.date | None
    pack_id: str
    mapping: SignMapping

    def ties_behind(self, a: str, b: str) -> tuple[Contribution, ...]:
        """The contributions to the edge between ``a`` and ``b`` (empty if none)."""
        return self.contributions.get((min(a, b), max(a, b)), ())


def _expand(member: str, pack: Pack, orgs: str) -> tuple[str, ...]:
    try:
        actor = pack.actor(member)
    except KeyError:
        return (member,)
    if actor.kind == "org":
        return tuple(actor.members) if orgs == "expand" else ()
    if actor.kind == "person":
        return ()
    return (member,)


def signed_network(
    pack: Pack,
    as_of: dt.date | str | None = None,
    mapping: SignMapping = DEFAULT_MAPPING,
    *,
    actors: Iterable[str] | None = None,
) -> PackNetwork:
    """Build the signed network of ``pack`` on ``as_of`` (default: the pack's default date).

    Parameters
    ----------
    pack : Pack
    as_of : date or ISO string, optional
        The architecture in force that day, with nothing published later
        (:meth:`foedus.model.Pack.as_of`). ``None`` uses ``pack.default_as_of`` or, failing
        that, the pack as it is.
    mapping : SignMapping
    actors : iterable of str, optional
        Keep only edges among these actors.

    Examples
    --------
    >>> from foedus.packs import load_pack
    >>> net = signed_network(load_pack("putin-kim-2024"), "2024-07-15")
    >>> [c.tie for c in net.ties_behind("RUS", "PRK")][:1]
    ['rus-prk-csp-2024']
    """
    day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    if day is None:
        day = pack.as_of_date or pack.default_as_of
    view = pack.as_of(day) if day is not None and pack.as_of_date != day else pack
    keep = None if actors is None else frozenset(actors)
    contributions: dict[tuple[str, str], list[Contribution]] = {}
    for tie in view.ties:
        base = mapping.tie_weights.get(tie.id, mapping.weights.get(tie.kind, 1.0))
        weight = base * tie.strength
        if weight <= 0:
            continue
        sign = mapping.signs.get(tie.kind, tie.sign or DEFAULT_SIGN[tie.kind])
        groups = [_expand(m, view, mapping.orgs) for m in tie.members]
        seen: set[tuple[str, str]] = set()
        # Pairs across different members of the tie (an org's members are not tied to each
        # other by a tie the org is party to).
        for i, gi in enumerate(groups):
            for gj in groups[i + 1 :]:
                for a in gi:
                    for b in gj:
                        if a == b:
                            continue
                        pair = (min(a, b), max(a, b))
                        if pair in seen or (keep is not None and not {a, b} <= keep):
                            continue
                        seen.add(pair)
                        contributions.setdefault(pair, []).append(
                            Contribution(tie.id, tie.kind, sign * weight)
                        )
    edges = []
    for (a, b), items in sorted(contributions.items()):
        total = sum(c.weight for c in items)
        if abs(total) > 1e-12:
            edges.append((a, b, 1 if total > 0 else -1, abs(total)))
    nodes = sorted({x for a, b, _, _ in edges for x in (a, b)})
    graph = SignedGraph.from_edges(edges, nodes=nodes)
    return PackNetwork(
        graph=graph,
        contributions=MappingProxyType({k: tuple(v) for k, v in contributions.items()}),
        as_of=day,
        pack_id=pack.id,
        mapping=mapping,
    )
