"""The wedge hook with a closed-form evaluator standing in for the engine."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from foedus.analysis.wedge import waver, wedge_ranking
from foedus.model import Pack
from foedus.packs import load_pack

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "analysis" / "two_theatres.yaml"


def support_for(exposed: str, noise: np.ndarray):  # type: ignore[no-untyped-def]
    """P(deterrence) per draw = 1 − exp(−total strength of positive ties to ``exposed``) − noise."""

    def evaluate(pack: Pack) -> np.ndarray:
        total = sum(
            t.strength * (len(t.members) - 1)
            for t in pack.ties
            if exposed in t.members and (t.sign or 0) > 0
        )
        return np.clip(1 - np.exp(-total) - noise, 0, 1)

    return evaluate


def test_waver_weakens_only_camp_ties() -> None:
    pack = load_pack(FIXTURE)
    changed = waver(pack, "GGG", ["WWW", "EEE", "GGG"], swing=0.5)
    assert changed.tie("west-pact").strength == pytest.approx(0.5)
    assert changed.tie("g-r").strength == pack.tie("g-r").strength  # a rivalry is untouched
    assert changed.tie("red-pact").strength == 1.0
    assert pack.tie("west-pact").strength == 1.0  # the original is unchanged
    with pytest.raises(ValueError):
        waver(pack, "GGG", ["WWW"], swing=1.5)


def test_ranking_with_common_random_numbers() -> None:
    pack = load_pack(FIXTURE)
    noise = np.random.default_rng(0).uniform(0, 0.05, 1_000)
    ranking = wedge_ranking(pack, ["RRR", "NNN", "CCC"], "NNN", support_for("NNN", noise))
    # NNN's positive ties: red-pact and red-arms with RRR (1 + 1), ccc-nnn with CCC (1).
    assert [e.member for e in ranking] == ["RRR", "CCC"]
    base = 1 - np.exp(-3.0)
    assert ranking[0].drop == pytest.approx(np.exp(-2.0) - np.exp(-3.0), abs=1e-9)
    assert ranking[1].drop == pytest.approx(np.exp(-2.5) - np.exp(-3.0), abs=1e-9)
    assert ranking[0].p_base == pytest.approx(base - noise.mean())
    assert ranking[0].drop_se < 1e-9  # the noise cancels draw by draw
