"""Fixtures of the engine tests: tiny packs and scenarios written as YAML, fixed honour rates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from foedus.engine import Scenario, parse_scenario

#: Parameters that switch every source of noise off, so tiny cases have closed forms.
QUIET: dict[str, float] = {
    "strike": 0.0,
    "retaliation_invasion": 0.0,
    "retaliation_limited_strike": 0.0,
    "retaliation_blockade": 0.0,
    "sympathy": 0.0,
    "opportunism": 0.0,
    "tripwire_invasion": 0.0,
    "tripwire_limited_strike": 0.0,
    "struck_joins": 1.0,
    "initiator_logit": 0.0,
    "gamma": 1.0,
    "projection_global": 1.0,
    "projection_distant": 1.0,
    "value_invasion": 1.0,
    "cost_invasion": 0.5,
    "value_limited_strike": 1.0,
    "cost_limited_strike": 0.5,
}


@dataclass(frozen=True)
class FixedProvider:
    """Honour probabilities fixed per tie (``default`` for the others), no uncertainty."""

    by_tie: dict[str, float]
    default: float = 0.0
    name: str = "fixed (tests)"
    sources: tuple[str, ...] = ("tests",)

    def honour_probability(self, covariates: Any, worlds: int, seed: int) -> np.ndarray:
        ties = [label.split(":")[0] for label in covariates.labels]
        row = np.array([self.by_tie.get(t, self.default) for t in ties], dtype=float)
        return np.broadcast_to(row, (worlds, row.size)).copy()


def pack_text(
    actors: dict[str, tuple[float, str]],
    ties: list[dict[str, Any]],
    pack_id: str = "tiny",
    parameters: list[dict[str, Any]] | None = None,
) -> str:
    """A valid pack: ``actors`` maps an id to (cinc, theatre); ``ties`` are tie mappings."""
    cite = [{"source": "doc", "locator": "test fixture"}]
    doc: dict[str, Any] = {
        "foedus": 1,
        "id": pack_id,
        "title": "Tiny test pack",
        "default_as_of": "2024-01-01",
        "sources": [{"id": "doc", "kind": "report", "title": "Test fixture", "date": "2000-01-01"}],
        "actors": [
            {
                "id": aid,
                "kind": "state",
                "name": aid,
                "cow_code": 100 + i,
                "theatre": theatre,
                "attributes": [{"name": "cinc", "value": cinc, "date": "2000-01-01", "cite": cite}],
            }
            for i, (aid, (cinc, theatre)) in enumerate(actors.items())
        ],
        "ties": [],
    }
    if parameters:
        doc["parameters"] = [{"cite": cite, **p} for p in parameters]
    for tie in ties:
        t = {"start": "2000-01-01", "cite": cite, **tie}
        t["obligations"] = [{"cite": cite, **o} for o in tie.get("obligations", [])]
        doc["ties"].append(t)
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def defence(tie_id: str, a: str, b: str, **conditions: Any) -> dict[str, Any]:
    """A mutual defence pact between ``a`` and ``b`` with the given conditions."""
    ob: dict[str, Any] = {"kind": "defense"}
    if conditions:
        ob["conditions"] = conditions
    return {"id": tie_id, "kind": "defense_pact", "members": [a, b], "obligations": [ob]}


@pytest.fixture
def tiny(tmp_path: Path) -> Callable[..., Scenario]:
    """Build a scenario on a tiny pack: ``tiny(actors, ties, trigger=..., parameters=...)``."""
    counter = [0]

    def build(
        actors: dict[str, tuple[float, str]],
        ties: list[dict[str, Any]],
        attacker: str = "AAA",
        target: str = "TTT",
        kind: str = "invasion",
        parameters: dict[str, Any] | None = None,
        quiet: bool = True,
        pack_parameters: list[dict[str, Any]] | None = None,
        **extra: Any,
    ) -> Scenario:
        counter[0] += 1
        pack_file = tmp_path / f"tiny{counter[0]}.yaml"
        pack_file.write_text(pack_text(actors, ties, parameters=pack_parameters), encoding="utf-8")
        params = {**(QUIET if quiet else {}), **(parameters or {})}
        doc = {
            "foedus_scenario": 1,
            "id": f"tiny-{counter[0]}",
            "title": "tiny",
            "pack": pack_file.name,
            "triggers": [{"attacker": attacker, "target": target, "kind": kind}],
            "modifications": {"parameters": params, **extra.pop("modifications", {})},
            **extra,
        }
        text = yaml.safe_dump(doc, sort_keys=False)
        return parse_scenario(text, f"scenario{counter[0]}.yaml", base_dir=tmp_path)

    return build


@pytest.fixture
def fixed() -> type[FixedProvider]:
    """The :class:`FixedProvider` class (tests build it with their own rates)."""
    return FixedProvider


@pytest.fixture
def pact() -> Callable[..., dict[str, Any]]:
    """The :func:`defence` tie builder."""
    return defence
