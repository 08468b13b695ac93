"""The examples in the analysis modules' docstrings run and give what they say."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "foedus.analysis._signed",
    "foedus.analysis.balance",
    "foedus.analysis.basis",
    "foedus.analysis.brokerage",
    "foedus.analysis.coupling",
    "foedus.analysis.network",
    "foedus.analysis.spread",
    "foedus.analysis.sustainment",
    "foedus.analysis.wedge",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert tried > 0
    assert failures == 0
