"""Shared test fixtures: where the shared datasets and the seed text live."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_DATA = SHARED / "data"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real datasets in ``../shared/data``; tests that need them skip when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared datasets not found at {SHARED_DATA} (expected beside the clone)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder holding the seed article's text."""
    if not (SEEDS / "putin-kim-summit-2024.txt").is_file():
        pytest.skip(f"seed text not found in {SEEDS}")
    return SEEDS
