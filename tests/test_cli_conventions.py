"""Convention tests over every command of the CLI (in the spirit of scikit-learn's test_common)."""

from __future__ import annotations

from typing import Any

import typer

from foedus.cli.main import app


def _leaves(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, Any]]:
    sub = getattr(command, "commands", None)
    if not sub:
        return [(" ".join(path), command)]
    out = []
    for name, child in sub.items():
        out += _leaves(child, (*path, name))
    return out


def test_every_command_takes_json_and_has_help() -> None:
    leaves = _leaves(typer.main.get_command(app))
    assert len(leaves) >= 20
    for name, command in leaves:
        options = {opt for param in command.params for opt in getattr(param, "opts", [])}
        assert "--json" in options, f"foedus {name} has no --json"
        assert (command.help or "").strip(), f"foedus {name} has no help text"
