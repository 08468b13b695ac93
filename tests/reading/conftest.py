"""Fixtures shared by the reading tests."""

from __future__ import annotations

from typing import Any

import pytest

from foedus.reading.nlp import cached_pipeline


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The English spaCy pipeline; tests that need it skip, saying why, when none is installed."""
    model, _name = cached_pipeline()
    if model is None:
        pytest.skip("no English spaCy model: none installed, or FOEDUS_READ_MODEL=none")
    return model
