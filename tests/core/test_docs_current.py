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
