"""Fixtures of the data tests: a catalogue of the real datasets, built once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from foedus.data import Catalogue

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """Small files written for the loader tests (official layouts, made-up values)."""
    return FIXTURES


@pytest.fixture(scope="session")
def real_catalogue(
    shared_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Catalogue]:
    """The shared datasets imported into a throw-away catalogue."""
    db = tmp_path_factory.mktemp("catalogue") / "catalogue.duckdb"
    cat = Catalogue.open(shared_data, db)
    cat.ensure()
    yield cat
    cat.close()
