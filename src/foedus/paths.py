"""Where foedus looks for datasets and source texts."""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "FOEDUS_DATA"
TEXTS_ENV = "FOEDUS_TEXTS"


def data_dir(explicit: str | Path | None = None) -> Path | None:
    """The dataset directory: ``explicit`` if given, else ``$FOEDUS_DATA``, else ``None``."""
    if explicit is not None:
        return Path(explicit)
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else None


def texts_dir(explicit: str | Path | None = None) -> Path | None:
    """The source-text directory: ``explicit`` if given, else ``$FOEDUS_TEXTS``, else ``None``."""
    if explicit is not None:
        return Path(explicit)
    env = os.environ.get(TEXTS_ENV)
    return Path(env) if env else None
