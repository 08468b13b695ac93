"""The wedge ranking: a closed-form evaluator, then the engine on common random numbers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from foedus.analysis.wedge import (
    engine_wedge,
    pack_evaluator,
    resolve_camp,
    waver,
    waver_modifications,
    wedge_ranking,
)
from foedus.cli.main import main
from foedus.engine import BaseRateProvider, load_scenario, run_scenario
from foedus.errors import FoedusError
from foedus.model import Pack
from foedus.packs import load_pack

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "analysis" / "two_theatres.yaml"
DRAWS = 50_000  # 1,000 worlds: enough to rank, fast enough for the suite
CAMP = ["USA", "JPN", "GBR", "NZL", "KOR"]


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
    camp = ["RRR", "NNN", "CCC"]
    noise = np.random.default_rng(0).uniform(0, 0.05, 1_000)
    ranking = wedge_ranking(camp, "NNN", pack_evaluator(pack, camp, support_for("NNN", noise)))
    # NNN's positive ties: red-pact and red-arms with RRR (1 + 1), ccc-nnn with CCC (1).
    assert [e.member for e in ranking] == ["RRR", "CCC"]
    base = 1 - np.exp(-3.0)
    assert ranking[0].drop == pytest.approx(np.exp(-2.0) - np.exp(-3.0), abs=1e-9)
    assert ranking[1].drop == pytest.approx(np.exp(-2.5) - np.exp(-3.0), abs=1e-9)
    assert ranking[0].p_base == pytest.approx(base - noise.mean())
    assert ranking[0].drop_se < 1e-9  # the noise cancels draw by draw
    assert ranking[0].se_independent > 1e-4  # it would not with independent noise


def test_evaluator_must_keep_its_draws() -> None:
    def ragged(member: str | None) -> np.ndarray:
        return np.zeros(10 if member is None else 9)

    with pytest.raises(ValueError, match="same number of draws"):
        wedge_ranking(["A", "B"], "B", ragged)


def test_modifications_of_a_wavering_member() -> None:
    view = load_pack("putin-kim-2024").as_of("2024-07-15")
    mods = waver_modifications(view, "USA", ["USA", "KOR", "JPN"], swing=0.5)
    scaled = {s.tie: s.factor for s in mods.scale_ties}
    assert scaled == {t: 0.5 for t in ("usa-kor-1953", "usa-jpn-1960", "usfk", "usfj",
                                         "camp-david-trilateral")}  # fmt: skip
    shifted = {(s.tie, s.by): s.shift for s in mods.reliability_shifts}
    # only ties with obligations the USA owes get a reliability shift: ln(1 − 0.5)
    owed = ("usa-kor-1953", "usa-jpn-1960", "camp-david-trilateral")
    assert shifted == {(t, "USA"): pytest.approx(np.log(0.5)) for t in owed}
    assert not waver_modifications(view, "NZL", ["USA", "NZL"]).scale_ties  # no tie to the camp
    assert resolve_camp(view, ["NATO", "KOR", "USA"]) == ("USA", "GBR", "FRA", "DEU", "POL", "KOR")
    with pytest.raises(KeyError):
        resolve_camp(view, ["XXX"])


@pytest.fixture(scope="module")
def limited_strike_wedge():  # type: ignore[no-untyped-def]
    scen = load_scenario("prk-limited-strike")
    return engine_wedge(scen, CAMP, draws=DRAWS, seed=7, provider=BaseRateProvider())


def test_engine_wedge_on_the_bundled_pack(limited_strike_wedge) -> None:  # type: ignore[no-untyped-def]
    r = limited_strike_wedge
    assert r.exposed == "KOR" and r.scenario == "prk-limited-strike"
    assert "KOR" not in [e.member for e in r.entries]
    assert {e.member for e in r.entries} == set(r.camp) - {"KOR"}
    drops = [e.drop for e in r.entries]
    assert drops == sorted(drops, reverse=True)
    assert r.entries[0].member == "USA"  # the patron whose treaty and tripwire cover the ROK
    top = r.entries[0]
    assert top.drop > 3 * top.drop_se  # a real effect, not noise
    # common random numbers: the paired s.e. is far below that of independent runs
    assert top.drop_se < 0.5 * top.se_independent
    by = {e.member: e for e in r.entries}
    # no tie to the camp at all: the very same run, exactly zero
    assert by["NZL"].drop == 0.0 and by["NZL"].drop_se == 0.0 and by["NZL"].ties == ()
    # NATO's Article 5 reaches a DPRK strike on the ROK only through long chains: a tiny effect
    assert by["GBR"].ties == ("nato-article-5",)
    assert abs(by["GBR"].drop) < 0.25 * top.drop


def test_no_change_means_the_same_draws() -> None:
    """A member with no tie to the camp: rerunning with its (empty) wavering changes no draw."""
    scen = load_scenario("prk-limited-strike")
    prov = BaseRateProvider()
    mods = waver_modifications(scen.pack.as_of(scen.as_of), "NZL", CAMP, 0.5)
    assert not mods.scale_ties and not mods.reliability_shifts
    from foedus.engine._scenario import Scenario

    spec = scen.spec.model_copy(update={"modifications": scen.spec.modifications.merged(mods)})
    a = run_scenario(scen, draws=5_000, seed=7, provider=prov).primary.outcome
    b = run_scenario(Scenario(spec, scen.pack, scen.file), draws=5_000, seed=7, provider=prov)
    assert np.array_equal(a.holds, b.primary.outcome.holds)
    assert np.array_equal(a.side, b.primary.outcome.side)


def test_engine_wedge_is_reproducible(limited_strike_wedge) -> None:  # type: ignore[no-untyped-def]
    again = engine_wedge(
        load_scenario("prk-limited-strike"), CAMP, draws=DRAWS, seed=7,
        provider=BaseRateProvider(),
    )  # fmt: skip
    assert again.to_dict() == limited_strike_wedge.to_dict()


def test_engine_wedge_base_is_the_scenario_run(limited_strike_wedge) -> None:  # type: ignore[no-untyped-def]
    plain = run_scenario(
        load_scenario("prk-limited-strike"), draws=DRAWS, seed=7, provider=BaseRateProvider()
    )
    assert limited_strike_wedge.p_base == plain.primary.deterrence()["p"]


def test_paired_se_beats_independent_streams() -> None:
    """The same drop estimated from a run on another seed is far noisier than the paired one."""
    scen = load_scenario("prk-limited-strike")
    prov = BaseRateProvider()
    r = engine_wedge(scen, ["USA", "KOR"], draws=DRAWS // 5, seed=7, provider=prov)
    (usa,) = r.entries
    mods = waver_modifications(scen.pack.as_of(scen.as_of), "USA", ["USA", "KOR"], 0.5)
    from foedus.engine._scenario import Scenario

    spec = scen.spec.model_copy(update={"modifications": scen.spec.modifications.merged(mods)})
    drops = []
    for s in (8, 9, 10, 11):  # wavering run on an independent stream
        other = run_scenario(Scenario(spec, scen.pack, scen.file), draws=DRAWS // 5, seed=s,
                             provider=prov)  # fmt: skip
        drops.append(r.p_base - other.primary.deterrence()["p"])
    spread_independent = float(np.std(drops, ddof=1))
    assert usa.drop_se < spread_independent


def test_engine_wedge_errors() -> None:
    scen = load_scenario("prk-limited-strike")
    with pytest.raises(FoedusError, match="measures deterrence for KOR"):
        engine_wedge(scen, ["USA", "JPN"], "JPN", draws=200)
    with pytest.raises(FoedusError, match="not a state or organisation"):
        engine_wedge(scen, ["USA", "XXX"], draws=200)
    with pytest.raises(FoedusError, match="at least one member"):
        engine_wedge(scen, ["KOR"], draws=200)


def test_cli_wedge(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["analyze", "wedge", "--camp", "USA,KOR,JPN", "--draws", "5000", "--seed", "3",
                 "--base-rates", "--json"])  # fmt: skip
    out, _ = capsys.readouterr()
    assert code == 0
    data = json.loads(out)
    assert data["scenario"] == "prk-limited-strike" and data["pack"] == "putin-kim-2024"
    assert data["seed"] == 3 and data["draws"] == 5000
    assert data["ranking"][0]["member"] == "USA"
    for e in data["ranking"]:
        assert {"member", "p_base", "p_waver", "drop", "drop_se", "ties"} <= set(e)
        assert e["drop"] == pytest.approx(e["p_base"] - e["p_waver"])
    code = main(["analyze", "wedge", "--exposed", "POL", "--draws", "2000", "--json"])
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["scenario"] == "rus-nato-escalation"
    code = main(["analyze", "wedge", "--exposed", "JPN"])
    _, err = capsys.readouterr()
    assert code == 2 and "no bundled scenario" in err
    code = main(["analyze", "wedge", "--as-of", "2024-13-01", "--draws", "500"])
    _, err = capsys.readouterr()
    assert code == 2 and "2024-13-01" in err
