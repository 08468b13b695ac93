"""Building blocks shared by every domain type: the frozen base class, citations, ranges.

Nothing here imports anything of foedus beyond the standard library and pydantic.
"""

from __future__ import annotations

import re
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

#: Ids are short, stable, machine-friendly: letters, digits, ``_``, ``-``, ``.``.
Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_.\-]*$", max_length=80)]

#: A probability.
Probability = Annotated[float, Field(ge=0.0, le=1.0)]

_HEX12 = re.compile(r"^[0-9a-f]{12,64}$")


class Frozen(BaseModel):
    """Base of every domain object: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


class Citation(Frozen):
    """Where a fact comes from: a source, and a character span in its text or a locator.

    Parameters
    ----------
    source : str
        Id of a :class:`~foedus.model.Source` of the same pack.
    span : (int, int), optional
        Half-open character offsets ``[start, end)`` into the source text (Python ``str``
        indices of the UTF-8 text).
    span_sha : str, optional
        The first 12 (or more) hex digits of the sha256 of the cited text. It lets foedus verify
        a span against the text without the pack ever copying the text itself.
    locator : str, optional
        Where in a non-text source: a dataset row key (``ccode=731,year=2022``), a page, an
        article number.
    paraphrase : str, optional
        Our own words for what the cited passage says. Never a copy of the source's sentences.
    """

    source: Id
    span: tuple[int, int] | None = None
    span_sha: str | None = None
    locator: str | None = None
    paraphrase: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.span is None and self.locator is None:
            raise ValueError("a citation needs a span or a locator")
        if self.span is not None:
            start, end = self.span
            if start < 0 or end <= start:
                raise ValueError(f"span {list(self.span)} must satisfy 0 <= start < end")
        if self.span_sha is not None:
            if self.span is None:
                raise ValueError("span_sha is given without a span")
            if not _HEX12.match(self.span_sha):
                raise ValueError("span_sha must be 12 to 64 lowercase hex digits")
        return self


Cites = Annotated[tuple[Citation, ...], Field(min_length=1)]


class Range(Frozen):
    """An uncertain number: low ≤ central ≤ high (central defaults to the midpoint)."""

    low: float
    high: float
    central: float | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is greater than high ({self.high})")
        if self.central is not None and not (self.low <= self.central <= self.high):
            raise ValueError(f"central ({self.central}) is outside [{self.low}, {self.high}]")
        return self

    @property
    def mid(self) -> float:
        """The central value, or the midpoint when none is given."""
        return self.central if self.central is not None else (self.low + self.high) / 2.0


class ProbabilityRange(Range):
    """A :class:`Range` of probabilities, each in [0, 1]."""

    low: Probability
    high: Probability
    central: Probability | None = None
