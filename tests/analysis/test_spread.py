"""P(a war spreads across theatres), from the engine, with and without the 2024 pact."""

from __future__ import annotations

import json

import numpy as np
import pytest

from foedus.analysis.spread import spread_indicator, theatre_spread, war_theatre
from foedus.cli.main import main
from foedus.engine import BaseRateProvider, load_scenario, run_scenario
from foedus.errors import FoedusError

DRAWS = 10_000


@pytest.fixture(scope="module")
def entries():  # type: ignore[no-untyped-def]
    return theatre_spread(draws=DRAWS, seed=5, provider=BaseRateProvider())


def test_indicator_and_origin() -> None:
    theatres = ["europe", "indo_pacific", "global", "indo_pacific"]
    side = np.array([[1, 0, 2, 0], [1, 0, 0, 2], [0, 0, 0, 0], [1, 2, 0, 0]], dtype=np.int8)
    assert spread_indicator(side, theatres, "indo_pacific").tolist() == [False, True, False, True]
    assert spread_indicator(side, theatres, "europe").tolist() == [True, True, False, True]
    assert war_theatre(theatres, 0, 1) == "indo_pacific"
    assert war_theatre(theatres, 0, 2) == "europe"  # a global target: the attacker's theatre


def test_both_directions_and_the_pact(entries) -> None:  # type: ignore[no-untyped-def]
    got = {(e.origin, e.to): e for e in entries}
    assert set(got) == {("europe", "indo_pacific"), ("indo_pacific", "europe")}
    for e in entries:
        assert 0.0 <= e.p_without <= 1.0 and 0.0 <= e.p_with <= 1.0
        assert e.diff == pytest.approx(e.p_with - e.p_without)
        assert e.without == ("rus-prk-csp-2024",)
        assert e.draws == DRAWS and e.seed == 5
        # the pact carries wars across theatres, in both directions, beyond the noise
        assert e.diff > 4 * e.se
        # common random numbers: the paired s.e. is well below that of independent runs
        assert e.se < 0.6 * e.se_independent


def test_spread_matches_the_engines_cross_theatre_figure(entries) -> None:  # type: ignore[no-untyped-def]
    # both principals of a Russian strike on Poland are European, so "spread to the
    # Indo-Pacific" and "the war spans both theatres" are the same event
    (e,) = [x for x in entries if x.scenario == "rus-nato-escalation"]
    run = run_scenario(
        load_scenario("rus-nato-escalation"), draws=DRAWS, seed=5, provider=BaseRateProvider()
    )
    assert e.p_with == pytest.approx(run.primary.summary["p_cross_theatre"], abs=1e-12)
    # and the no-pact run of the DPRK strike is the bundled no-pact scenario
    (k,) = [x for x in entries if x.scenario == "prk-limited-strike"]
    nopact = run_scenario(
        load_scenario("prk-limited-strike-no-pact"),
        draws=DRAWS,
        seed=5,
        provider=BaseRateProvider(),
    )
    assert k.p_without == pytest.approx(nopact.primary.summary["p_cross_theatre"], abs=1e-12)


def test_cli_coupling_with_spread(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["analyze", "coupling", "--draws", "4000", "--seed", "2", "--base-rates", "--json"])
    out, _ = capsys.readouterr()
    assert code == 0
    data = json.loads(out)
    assert len(data["spread"]) == 2
    fwd = next(e for e in data["spread"] if e["from"] == "europe")
    assert data["with"]["p_spread"] == fwd["p_with"]
    assert data["without"]["p_spread"] == fwd["p_without"]
    code = main(["analyze", "coupling", "--no-spread", "--json"])
    out, _ = capsys.readouterr()
    data = json.loads(out)
    assert code == 0 and data["spread"] is None and data["with"]["p_spread"] is None
    code = main(["analyze", "coupling", "--theatres", "europe,global", "--draws", "500"])
    _, err = capsys.readouterr()
    assert code == 2 and "--spread-scenario" in err


def test_errors() -> None:
    with pytest.raises(FoedusError):
        theatre_spread(["no-such-scenario"], draws=200)
