"""The public API: ``__all__`` is complete and every name in it is importable."""

from __future__ import annotations

import inspect

import foedus
import foedus.model
import foedus.packs


def test_all_lists_every_public_name() -> None:
    for module in (foedus, foedus.model, foedus.packs):
        public = {
            name
            for name, value in vars(module).items()
            if not name.startswith("_")
            and not inspect.ismodule(value)
            and name not in {"annotations"}
        }
        assert public <= set(module.__all__) | {"__version__"}, public - set(module.__all__)
        for name in module.__all__:
            assert hasattr(module, name), name


def test_notebook_example() -> None:
    view = foedus.load_pack().as_of("2024-07-15")
    ties = foedus.ties_table(view)
    assert ties.loc["usa-kor-1953", "kind"] == "defense_pact"
    actors = foedus.actors_table(view)
    assert actors.loc["PRK", "leader"] == "kim_jong_un"
    assert not foedus.flows_table(view).empty and not foedus.assessments_table(view).empty
