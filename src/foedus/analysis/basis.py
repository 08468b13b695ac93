"""What an alignment rests on: shared enemies or shared interests.

For a pair of actors ``A, B`` in a pack's signed network (:mod:`foedus.analysis.network`):

* **shared enemies** ``E = Σ_x min(w_Ax, w_Bx)`` over third parties hostile to both;
* **shared friends** ``F = Σ_x min(w_Ax, w_Bx)`` over third parties friendly to both;
* **material exchange** ``M``: the weight of arms, economic-support and troop ties between
  ``A`` and ``B``, plus ``flow_weight`` for each flow between them in the pack;
* **regime similarity** ``R = 1 − |p_A − p_B|`` with ``p`` the V-Dem polyarchy index (or
  ``1 − |polity2_A − polity2_B| / 20``), when both are known;
* **divergence** ``D``: third parties friendly to one and hostile to the other.

The *enemy share* is ``E / (E + F + M + R)``; the alignment is read as resting on a mutual enemy
when it is at least 2/3, on mutual interest when at most 1/3, and as mixed in between. Each
reading comes with what the literature says of the durability of that kind of alignment (see
:data:`READINGS`); the thresholds are conventions to change, not estimates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from foedus.analysis.network import DEFAULT_MAPPING, PackNetwork, SignMapping, signed_network
from foedus.model import Pack

__all__ = ["MATERIAL_KINDS", "READINGS", "AlignmentBasis", "alignment_basis"]

MATERIAL_KINDS = frozenset({"arms_transfer", "economic_support", "troop_deployment"})

#: The literature's reading of durability for each basis, paraphrased, with its source.
READINGS: dict[str, tuple[str, ...]] = {
    "mutual enemy": (
        "Walt 1987 (The Origins of Alliances): states align chiefly to balance a threat, so an "
        "alignment held together mainly by a common adversary should loosen when that threat "
        "changes or recedes.",
        "Leeds & Savun 2007 (Journal of Politics 69(4)): alliances are abrogated more often when "
        "something changes their value to a member: a shift in power, in domestic institutions, "
        "or a new outside alliance.",
    ),
    "mutual interest": (
        "Leeds & Savun 2007 (Journal of Politics 69(4)): issue linkage and democracy raise the "
        "cost of breaking an alliance, making abrogation less likely once such changes are held "
        "constant.",
        "Lai & Reiter 2000 (Journal of Conflict Resolution 44(2)): states with similar political "
        "regimes are more likely to ally.",
        "Gaubatz 1996 (International Organization 50(1)): alliances between democracies tend "
        "to last longer.",
    ),
    "autocratic pair": (
        "Leeds 2003 (International Organization 57(4)): commitments are violated more often "
        "after a change in power or regime since signing, and more often by nondemocratic major "
        "powers.",
    ),
}
READINGS["mixed"] = READINGS["mutual enemy"][:1] + READINGS["mutual interest"][:1]
READINGS["none"] = ()


@dataclass(frozen=True)
class AlignmentBasis:
    """The basis of the alignment between ``a`` and ``b`` (see the module docstring)."""

    a: str
    b: str
    as_of: dt.date | None
    direct: float
    direct_ties: tuple[str, ...]
    shared_enemies: tuple[tuple[str, float], ...]
    shared_friends: tuple[tuple[str, float], ...]
    divergent: tuple[tuple[str, float], ...]
    material: tuple[tuple[str, float], ...]
    regime_similarity: float | None
    regime_values: tuple[float | None, float | None]
    regime_measure: str | None

    @property
    def enemy_weight(self) -> float:
        """``E``."""
        return sum(w for _, w in self.shared_enemies)

    @property
    def friend_weight(self) -> float:
        """``F``."""
        return sum(w for _, w in self.shared_friends)

    @property
    def material_weight(self) -> float:
        """``M``."""
        return sum(w for _, w in self.material)

    @property
    def divergent_weight(self) -> float:
        """``D``."""
        return sum(w for _, w in self.divergent)

    @property
    def interest_weight(self) -> float:
        """``F + M + R``."""
        return self.friend_weight + self.material_weight + (self.regime_similarity or 0.0)

    @property
    def enemy_share(self) -> float | None:
        """``E / (E + F + M + R)``, or None when there is no common ground at all."""
        total = self.enemy_weight + self.interest_weight
        return self.enemy_weight / total if total > 0 else None

    @property
    def basis(self) -> str:
        """``mutual enemy``, ``mutual interest``, ``mixed`` or ``none``."""
        share = self.enemy_share
        if share is None:
            return "none"
        if share >= 2 / 3:
            return "mutual enemy"
        if share <= 1 / 3:
            return "mutual interest"
        return "mixed"

    @property
    def readings(self) -> tuple[str, ...]:
        """What the literature says of the durability of alignments of this basis."""
        out = READINGS[self.basis]
        va, vb = self.regime_values
        if self.regime_measure == "v2x_polyarchy" and va is not None and vb is not None:
            if va < 0.5 and vb < 0.5:
                out = out + READINGS["autocratic pair"]
        elif (
            self.regime_measure == "polity2"
            and va is not None
            and vb is not None
            and va < 6
            and vb < 6
        ):
            out = out + READINGS["autocratic pair"]
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""

        def named(items: tuple[tuple[str, float], ...]) -> list[dict[str, Any]]:
            return [{"actor": x, "weight": w} for x, w in items]

        return {
            "pair": [self.a, self.b],
            "as_of": self.as_of,
            "direct": self.direct,
            "direct_ties": list(self.direct_ties),
            "shared_enemies": named(self.shared_enemies),
            "shared_friends": named(self.shared_friends),
            "divergent": named(self.divergent),
            "material": [{"item": x, "weight": w} for x, w in self.material],
            "regime_similarity": self.regime_similarity,
            "regime_values": list(self.regime_values),
            "regime_measure": self.regime_measure,
            "enemy_weight": self.enemy_weight,
            "interest_weight": self.interest_weight,
            "enemy_share": self.enemy_share,
            "basis": self.basis,
            "readings": list(self.readings),
        }


def _regime(pack: Pack, actor: str, day: dt.date | None) -> tuple[float | None, str | None]:
    try:
        a = pack.actor(actor)
    except KeyError:
        return None, None
    for name in ("v2x_polyarchy", "polity2"):
        value = a.attribute(name, day)
        if value is not None and isinstance(value.value, int | float):
            return float(value.value), name
    return None, None


def alignment_basis(
    pack: Pack,
    a: str,
    b: str,
    as_of: dt.date | str | None = None,
    mapping: SignMapping = DEFAULT_MAPPING,
    *,
    flow_weight: float = 0.25,
    network: PackNetwork | None = None,
) -> AlignmentBasis:
    """Shared enemies versus shared interests for the pair ``a``, ``b``.

    Examples
    --------
    >>> from foedus.packs import load_pack
    >>> basis = alignment_basis(load_pack("putin-kim-2024"), "USA", "KOR", "2024-07-15")
    >>> basis.shared_enemies[0][0], basis.basis
    ('PRK', 'mutual interest')
    """
    net = network or signed_network(pack, as_of, mapping)
    g = net.graph
    for x in (a, b):
        if x not in g.nodes:
            raise KeyError(f"{x!r} has no ties in the network of {net.pack_id} on {net.as_of}")
    signed: dict[str, dict[str, float]] = {v: {} for v in g.nodes}
    for s, t, sign, w in g.edge_tuples():
        signed[s][t] = sign * w
        signed[t][s] = sign * w
    wa, wb = signed[a], signed[b]
    enemies, friends, divergent = [], [], []
    for x in sorted(set(wa) & set(wb) - {a, b}):
        x_a, x_b = wa[x], wb[x]
        weight = min(abs(x_a), abs(x_b))
        if x_a < 0 and x_b < 0:
            enemies.append((x, weight))
        elif x_a > 0 and x_b > 0:
            friends.append((x, weight))
        else:
            divergent.append((x, weight))
    contributions = net.ties_behind(a, b)
    material = [(c.tie, abs(c.weight)) for c in contributions if c.kind in MATERIAL_KINDS]
    view = pack.as_of(net.as_of) if net.as_of is not None else pack
    for flow in view.flows:
        if {flow.source, flow.target} == {a, b} and flow_weight > 0:
            material.append((f"flow:{flow.id}", flow_weight))
    va, ma = _regime(view, a, net.as_of)
    vb, mb = _regime(view, b, net.as_of)
    similarity: float | None = None
    measure = None
    if va is not None and vb is not None and ma == mb:
        measure = ma
        span = 1.0 if ma == "v2x_polyarchy" else 20.0
        similarity = 1.0 - abs(va - vb) / span
    key = lambda item: (-item[1], item[0])  # noqa: E731 - a sort key, heaviest first
    return AlignmentBasis(
        a=a,
        b=b,
        as_of=net.as_of,
        direct=wa.get(b, 0.0),
        direct_ties=tuple(c.tie for c in contributions),
        shared_enemies=tuple(sorted(enemies, key=key)),
        shared_friends=tuple(sorted(friends, key=key)),
        divergent=tuple(sorted(divergent, key=key)),
        material=tuple(sorted(material, key=key)),
        regime_similarity=similarity,
        regime_values=(va, vb),
        regime_measure=measure,
    )
