"""Sources: the documents and datasets every other fact cites."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from foedus.model._base import Frozen, Id

SourceKind = Literal["article", "dataset", "report", "treaty", "press", "book", "web", "expert"]


class Source(Frozen):
    """A document or dataset.

    Parameters
    ----------
    id : str
        Stable id, cited by :class:`~foedus.model.Citation`.
    kind : str
        ``article``, ``dataset``, ``report``, ``treaty``, ``press``, ``book``, ``web``, ``expert``.
    title, author, publisher : str
        Bibliographic fields.
    date : datetime.date
        Publication (or release) date. Used for the no-look-ahead rule: a source dated after an
        as-of date is invisible in that view.
    locator : str, optional
        URL, DOI or dataset version.
    sha256 : str, optional
        sha256 of the text file's bytes; spans are verified against it.
    text_file : str, optional
        File name of the text, looked up in a texts directory (``--texts`` / ``$FOEDUS_TEXTS``).
    length : int, optional
        Length of the text in characters, so spans can be range-checked without the text.
    """

    id: Id
    kind: SourceKind
    title: str
    author: str | None = None
    publisher: str | None = None
    date: dt.date
    locator: str | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    text_file: str | None = None
    length: Annotated[int, Field(gt=0)] | None = None
    citation: str | None = None
