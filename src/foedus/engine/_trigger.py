"""The deterministic view: which obligations does an event trigger, under their conditions?

This is the first step of the cascade, written out plainly for a reader (and for the tests):
given attacker *A*, target *T* and the kind of attack, each obligation row is triggered, not
triggered (with the reason), conditional on later events, or a restraint rather than a promise
to fight.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from foedus.engine._compile import Compiled, ObligationRow
from foedus.engine._scenario import Trigger

Status = Literal["triggered", "not_triggered", "conditional", "restrains", "consultation"]


@dataclass(frozen=True)
class TriggerFinding:
    """The status of one obligation row for one trigger.

    ``probability`` is the chance that the event meets the obligation's trigger: 1 for a full
    invasion, the treaty's ``limited_strike_counts`` for a limited strike or a blockade, 0 when
    not triggered.
    """

    row: ObligationRow
    status: Status
    probability: float
    reason: str

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        r = self.row
        return {
            "tie": r.tie,
            "name": r.tie_name,
            "article": r.article,
            "kind": r.kind,
            "by": r.by,
            "to": r.to,
            "status": self.status,
            "probability": self.probability,
            "reason": self.reason,
            "sources": list(r.sources),
        }


def location_ok(row: ObligationRow, victim: str, theatre: str | None) -> bool:
    """Whether an attack on ``victim`` (home theatre ``theatre``) is where the pact applies.

    A location is a theatre or an actor id. A global power's territory lies in every theatre
    (the US has Pacific and North Atlantic territory), so it meets any theatre condition.
    """
    if not row.locations:
        return True
    if victim in row.locations:
        return True
    if theatre is None:
        return False
    if theatre == "global":
        return any(loc.islower() for loc in row.locations)
    return theatre in row.locations


def adversary_ok(row: ObligationRow, striker: str) -> bool:
    """Whether the pact applies against ``striker`` (named-adversary condition)."""
    return not row.adversaries or striker in row.adversaries


def triggered_obligations(c: Compiled, trigger: Trigger) -> list[TriggerFinding]:
    """The status of every obligation row when ``trigger`` happens (round one of the cascade).

    Examples
    --------
    >>> from foedus.engine import load_scenario, compile_scenario
    >>> s = load_scenario("prk-invasion")
    >>> c = compile_scenario(s)
    >>> found = triggered_obligations(c, s.spec.triggers[0])
    >>> [(f.row.by, f.row.to) for f in found if f.status == "triggered"]
    [('USA', 'KOR')]
    """
    A, T = trigger.attacker, trigger.target
    theatre = dict(zip(c.actors, c.theatre, strict=True))
    full = trigger.kind == "invasion"
    out: list[TriggerFinding] = []
    for row in c.rows:
        out.append(_finding(row, A, T, theatre, full, trigger.kind))
    return out


def _finding(
    row: ObligationRow, A: str, T: str, theatre: dict[str, str | None], full: bool, kind: str
) -> TriggerFinding:
    if row.kind == "consultation":
        return TriggerFinding(row, "consultation", 0.0, "a promise to consult, not to fight")
    if row.kind in ("neutrality", "nonaggression"):
        if row.to in (A, T):
            return TriggerFinding(
                row, "restrains", 0.0, f"{row.by} promised not to fight against {row.to}"
            )
        return TriggerFinding(row, "not_triggered", 0.0, f"{row.to} is not a party")
    if row.by in (A, T):
        return TriggerFinding(row, "not_triggered", 0.0, f"{row.by} is already a party")
    if row.kind == "offense":
        if row.to != A:
            return TriggerFinding(row, "not_triggered", 0.0, f"{row.to} did not start the war")
        if not adversary_ok(row, T):
            return TriggerFinding(row, "not_triggered", 0.0, f"{T} is not a named adversary")
        if not location_ok(row, T, theatre.get(T)):
            return TriggerFinding(row, "not_triggered", 0.0, "outside the pact's area")
        return TriggerFinding(row, "triggered", 1.0, f"{A} attacks {T}, a named target")
    # defence
    if row.unsupported:
        conds = ", ".join(row.unsupported)
        return TriggerFinding(row, "not_triggered", 0.0, f"condition not modelled: {conds}")
    if row.to == A:
        if row.non_provocation:
            return TriggerFinding(
                row, "not_triggered", 0.0, f"{A} started the war (non-provocation clause)"
            )
        return TriggerFinding(
            row,
            "conditional",
            0.0,
            f"a defensive pact is not triggered by {A}'s own attack; only if {A} is struck",
        )
    if row.to != T:
        return TriggerFinding(
            row, "conditional", 0.0, f"{row.to} is not attacked yet; only if it is struck"
        )
    if not adversary_ok(row, A):
        named = ", ".join(row.adversaries)
        return TriggerFinding(row, "not_triggered", 0.0, f"only against {named}")
    if not location_ok(row, T, theatre.get(T)):
        where = ", ".join(row.locations)
        return TriggerFinding(
            row, "not_triggered", 0.0, f"{T} is outside the pact's area ({where})"
        )
    if row.min_adversaries > 1:
        return TriggerFinding(
            row, "conditional", 0.0, f"needs {row.min_adversaries} attackers; only one so far"
        )
    if full:
        return TriggerFinding(row, "triggered", 1.0, f"armed attack on {T}")
    why = "state of war" if row.state_of_war else "armed attack"
    return TriggerFinding(
        row,
        "triggered",
        row.limited_strike_counts,
        f"a {kind.replace('_', ' ')} counts as the treaty's {why} with probability "
        f"{row.limited_strike_counts:g}",
    )
