"""Entry point of the ``foedus`` command.

Each topic keeps its commands in its own module (``cli/core.py``, ``cli/data.py``, …) exposing
``register(app)``; this module only assembles them and turns foedus errors into a clear message
on stderr and a non-zero exit status.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from foedus.errors import FoedusError

app = typer.Typer(
    name="foedus",
    help="Sourced, quantitative models of security architectures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

bench_app = typer.Typer(
    name="bench", help="Benchmarks: time and memory of the main operations.", no_args_is_help=True
)
app.add_typer(bench_app, name="bench")

err_console = Console(stderr=True)


def _register_all() -> None:
    # Imported here so that `import foedus.cli.main` stays cheap for tests that build their own app.
    from foedus.cli import analyze, calibrate, core, data, engine, read

    # Each topic module exposes ``register(app, bench_app)``; add new topics to this tuple.
    for module in (core, analyze, data, calibrate, engine, read):
        module.register(app, bench_app)


_register_all()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; foedus errors become a message on stderr and exit status 2."""
    try:
        # Without standalone mode click returns the code of a typer.Exit instead of raising it.
        result = app(args=argv, standalone_mode=False)
    except FoedusError as exc:
        err_console.print(
            f"[bold red]error:[/] {exc}", markup=True, highlight=False, soft_wrap=True
        )
        return 2
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        err_console.print("aborted")
        return 130
    except Exception as exc:
        # Usage errors: typer vendors its own click, so recognise them by their interface.
        show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            return code
        raise
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
