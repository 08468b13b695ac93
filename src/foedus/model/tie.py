"""Ties between actors, and the executable obligations that pacts carry."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Self

from pydantic import Field, model_validator

from foedus.model._base import Cites, Frozen, Id, Probability

#: Obligation types, in the Alliance Treaty Obligations and Provisions (ATOP) project's terms.
ObligationKind = Literal["defense", "offense", "neutrality", "nonaggression", "consultation"]

TieKind = Literal[
    "defense_pact",
    "offense_pact",
    "neutrality_pact",
    "nonaggression_pact",
    "consultation_pact",
    "strategic_partnership",
    "security_framework",
    "troop_deployment",
    "arms_transfer",
    "economic_support",
    "diplomatic_support",
    "sanctions",
    "condemnation",
    "rivalry",
    "war",
]

#: The sign a tie kind carries in the signed network unless a tie says otherwise.
DEFAULT_SIGN: dict[str, int] = {
    "defense_pact": 1,
    "offense_pact": 1,
    "neutrality_pact": 1,
    "nonaggression_pact": 1,
    "consultation_pact": 1,
    "strategic_partnership": 1,
    "security_framework": 1,
    "troop_deployment": 1,
    "arms_transfer": 1,
    "economic_support": 1,
    "diplomatic_support": 1,
    "sanctions": -1,
    "condemnation": -1,
    "rivalry": -1,
    "war": -1,
}

#: Kinds that point from one actor to another (first member to second) unless said otherwise.
DIRECTED_KINDS = frozenset(
    {
        "troop_deployment",
        "arms_transfer",
        "economic_support",
        "diplomatic_support",
        "sanctions",
        "condemnation",
    }
)


class Conditions(Frozen):
    """When an obligation applies, after ATOP's member-level condition columns.

    Parameters
    ----------
    adversaries : tuple of str
        Only against these actors (ATOP ``defcoadv``); empty means any adversary.
    locations : tuple of str
        Only if the conflict is in these places: theatres (``indo_pacific``) or actor ids whose
        territory counts (ATOP ``defcoloc``); empty means anywhere.
    state_of_war : bool
        Only once the ally is in a state of war (not for a skirmish), as in the 2024 Russia–DPRK
        treaty's mutual-assistance article.
    non_provocation : bool
        Only if the ally did not provoke the attack (ATOP ``defconpr``).
    min_adversaries : int, optional
        Only if attacked by at least this many states (ATOP ``defconum``).
    demand_noncompliance : bool
        Only if a third party fails to comply with a demand (ATOP ``defcodem``).
    specific_conflict : bool
        Only in a specific named conflict (ATOP ``defcocon``).
    limited_strike_counts : float
        Probability that a limited strike meets the treaty's trigger (an "armed attack"); a full
        invasion always does. This ambiguity is a parameter, not a yes/no.
    """

    adversaries: tuple[Id, ...] = ()
    locations: tuple[Id, ...] = ()
    state_of_war: bool = False
    non_provocation: bool = False
    min_adversaries: int | None = Field(default=None, ge=1)
    demand_noncompliance: bool = False
    specific_conflict: bool = False
    limited_strike_counts: Probability = 0.5


class Obligation(Frozen):
    """What a pact commits some of its members to, and under which conditions.

    ``by`` owe the obligation to ``to``; both default to every member of the tie (a mutual pact).
    A defence obligation is triggered only by an attack *on* a member of ``to``.
    """

    kind: ObligationKind
    by: tuple[Id, ...] = ()
    to: tuple[Id, ...] = ()
    conditions: Conditions = Conditions()
    article: str | None = None
    cite: Cites


class Tie(Frozen):
    """A typed, dated relation between actors.

    Parameters
    ----------
    id : str
    kind : str
        See :data:`TieKind`.
    members : tuple of str
        Two or more actor ids. For a directed tie, exactly two: from the first to the second.
    directed : bool, optional
        Defaults by kind (:data:`DIRECTED_KINDS`).
    sign : {-1, 1}, optional
        Defaults by kind (:data:`DEFAULT_SIGN`).
    strength : float
        In [0, 1]; the weight in network analytics.
    start, end : date
        In force from ``start`` (inclusive) until ``end`` (exclusive; None = still in force).
    obligations : tuple of Obligation
        Executable obligations (pacts only).
    via : str, optional
        The organisation through which the tie is institutionalised (NATO for Article 5).
    """

    id: Id
    kind: TieKind
    name: str | None = None
    members: tuple[Id, ...] = Field(min_length=2)
    directed: bool | None = None
    sign: Literal[-1, 1] | None = None
    strength: Probability = 1.0
    start: dt.date
    end: dt.date | None = None
    obligations: tuple[Obligation, ...] = ()
    via: Id | None = None
    note: str | None = None
    cite: Cites

    @model_validator(mode="after")
    def _fill_and_check(self) -> Self:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if len(set(self.members)) != len(self.members):
            raise ValueError("members are repeated")
        if self.directed is None:
            object.__setattr__(self, "directed", self.kind in DIRECTED_KINDS)
        if self.sign is None:
            object.__setattr__(self, "sign", DEFAULT_SIGN[self.kind])
        if self.directed and len(self.members) != 2:
            raise ValueError("a directed tie has exactly two members: from, to")
        return self

    def in_force(self, day: dt.date) -> bool:
        """Whether the tie is in force on ``day``."""
        return self.start <= day and (self.end is None or day < self.end)

    def owed_by(self, obligation: Obligation) -> tuple[str, ...]:
        """The members that owe ``obligation`` (all members when it names none)."""
        return obligation.by or self.members

    def owed_to(self, obligation: Obligation) -> tuple[str, ...]:
        """The members ``obligation`` protects (all members when it names none)."""
        return obligation.to or self.members
