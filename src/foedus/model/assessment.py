"""Assessments: expert judgements, quantified and sourced, that enter the model openly."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from foedus.model._base import Cites, Frozen, Id, ProbabilityRange

Stance = Literal["sceptical", "confident", "warning", "neutral"]


class Effect(Frozen):
    """What switching an assessment on does to the model: shift ``parameter`` by ``shift``.

    ``parameter`` names an engine parameter (for example ``reliability_logit`` of a tie, or a
    scenario probability); ``target`` is the tie, actor or parameter id it applies to.
    """

    parameter: Id
    target: Id | None = None
    shift: float


class Assessment(Frozen):
    """An expert's judgement.

    Parameters
    ----------
    id : str
    speaker : str
        Id of a person actor.
    affiliation : str
        As stated where the speaker is introduced.
    date : date
        When the judgement was made (the no-look-ahead rule uses it).
    subject : str
        Id of the tie, actor or parameter the judgement is about.
    aspect : str
        What about the subject: ``reliability``, ``durability``, ``intent``, ``likelihood``…
    reading : ProbabilityRange, optional
        The judgement quantified as a probability range; the quantification is ours and says
        so in ``note``.
    stance : str
    effect : Effect, optional
        How the judgement shifts the model when a scenario switches it on.
    claims : tuple of str
        Seed claims (``C11``) it encodes.
    """

    id: Id
    speaker: Id
    affiliation: str
    date: dt.date
    subject: Id
    aspect: Id
    reading: ProbabilityRange | None = None
    stance: Stance = "neutral"
    effect: Effect | None = None
    claims: tuple[Id, ...] = ()
    note: str | None = None
    cite: Cites
