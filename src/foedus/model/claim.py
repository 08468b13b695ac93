"""Claims of a source article, and parameters: the pack's assumptions made explicit."""

from __future__ import annotations

from pydantic import Field

from foedus.model._base import Cites, Frozen, Id, Range


class Claim(Frozen):
    """A claim of a source article, paraphrased, with the pack elements that encode it.

    ``answered_by`` names the foedus command that answers it, or says honestly ``not yet``.
    """

    id: Id
    summary: str
    speakers: tuple[Id, ...] = ()
    elements: tuple[Id, ...] = Field(min_length=1)
    answered_by: str
    cite: Cites


class Parameter(Frozen):
    """A named model assumption with a range, a description and where it comes from."""

    id: Id
    value: Range
    description: str
    cite: Cites
