"""Generated docs stay current: the format reference and the coverage table."""

from __future__ import annotations

from pathlib import Path

from foedus.packs.reference import coverage_markdown, pack_format_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_pack_format_reference_is_current() -> None:
    assert (DOCS / "pack-format.md").read_text(encoding="utf-8") == pack_format_markdown(), (
        "regenerate with: foedus schema --markdown --out docs/pack-format.md"
    )


def test_coverage_table_is_current() -> None:
    assert (DOCS / "coverage.md").read_text(encoding="utf-8") == coverage_markdown(), (
        "regenerate with: foedus coverage --markdown > docs/coverage.md"
    )


README = Path(__file__).resolve().parents[2] / "README.md"
CI_RUN = Path(__file__).resolve().parents[2] / ".ci" / "run"


def _quickstart_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = text.split("## Quickstart", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def test_readme_quickstart_has_two_commands_and_ci_runs_the_second() -> None:
    commands = _quickstart_commands()
    assert len(commands) == 2, commands
    assert "foedus brief" in commands[0]
    ci_lines = [
        line.strip()
        for line in CI_RUN.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    assert ci_lines == [commands[1]], "the README's test command and .ci/run must be the same"


def test_readme_lists_every_command() -> None:
    import typer

    from foedus.cli.main import app

    text = README.read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    names = sorted(group.commands)  # type: ignore[attr-defined]
    assert len(names) > 10
    missing = [n for n in names if n != "bench" and f"foedus {n}" not in text]
    assert not missing, f"README's command table lacks: {missing}"
    bench_line = text.split("foedus bench ", 1)[1].split("\n", 1)[0]
    bench = sorted(group.commands["bench"].commands)  # type: ignore[attr-defined]
    assert [b for b in bench if b not in bench_line] == []
