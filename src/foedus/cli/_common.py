"""Helpers shared by the command modules: options, JSON output, dates."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

from foedus.errors import FoedusError

# Piped output (files, CI logs, tests) gets a generous width instead of rich's 80 columns, so
# that ids are not wrapped mid-word.
console = Console(highlight=False, width=None if sys.stdout.isatty() else 140)

JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
PackOption = Annotated[
    str, typer.Option("--pack", "-p", help="Bundled pack name or path to a pack YAML file.")
]


def parse_date(value: str | None, default: dt.date | None = None) -> dt.date | None:
    """``YYYY-MM-DD`` or ``today``; a clear error otherwise."""
    if value is None:
        return default
    if value == "today":
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FoedusError(f"--as-of: {value!r} is not a date (use YYYY-MM-DD or 'today')") from None


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON (dates and other objects as strings)."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
