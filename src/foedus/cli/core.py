"""Core commands: validate, show, sources, coverage, schema."""

from __future__ import annotations

import typer


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add the core commands to ``app`` and their benchmark to ``bench_app``."""

    @app.command()
    def version() -> None:
        """Print the foedus version."""
        from foedus import __version__

        typer.echo(__version__)
