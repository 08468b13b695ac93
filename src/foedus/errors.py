"""The exceptions foedus raises, in one place.

Hierarchy::

    FoedusError
    ├── PackError            a pack or scenario file is invalid (lists every problem)
    ├── DataFormatError      a dataset file is malformed (file, row, column, reason)
    ├── DataNotFoundError    a dataset or source text is missing
    └── LookAheadError       something dated after the as-of date was asked for

This module imports nothing of ours, so every layer may raise these.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class FoedusError(Exception):
    """Base class of every error foedus raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file.

    Parameters
    ----------
    file : str
        The file the problem is in.
    line, column : int or None
        1-based position of the offending node, when known.
    field : str
        Dotted path of the field (``ties[3].obligations[0].kind``), or ``""``.
    reason : str
        What is wrong, in words.
    """

    file: str
    line: int | None
    column: int | None
    field: str
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.reason}"


class PackError(FoedusError):
    """A pack or scenario is invalid; ``problems`` lists all that was found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} found"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class DataFormatError(FoedusError):
    """A dataset file is malformed or truncated."""

    def __init__(
        self, file: str | Path, reason: str, *, row: int | None = None, column: str | None = None
    ) -> None:
        self.file = str(file)
        self.row = row
        self.column = column
        self.reason = reason
        where = self.file
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {reason}")


class DataNotFoundError(FoedusError):
    """A dataset file or a source text could not be found."""


class LookAheadError(FoedusError):
    """Information dated after the as-of date was requested."""
