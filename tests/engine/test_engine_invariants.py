"""Invariants of the engine: probabilities, no-one-joins, monotonicity, reproducibility, CRN."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foedus.engine import (
    BaseRateProvider,
    bundled_scenarios,
    compare_results,
    compile_scenario,
    load_scenario,
    run_scenario,
)
from foedus.engine._compile import covariates
from foedus.engine._kernel import draw_uniforms, run_kernel
from foedus.engine._run import kernel_input, world_input
from foedus.engine._scenario import parse_scenario

IP = "indo_pacific"
BASE = BaseRateProvider()


def _probabilities(d: dict) -> list[float]:
    out = [d["deterrence_holds"]["p"], d["p_cross_theatre"], *d["deterrence_holds"]["ci95"]]
    for a in d["actors"].values():
        out += [a["p_join_attacker"], a["p_join_target"], a["p_join_attacker"] + a["p_join_target"]]
        out += [v["p"] for v in a["via"]]
    out += list(d["belligerents"].values())
    out += [o["p_triggered"] for o in d["obligations"]] + [
        o["probability"] for o in d["obligations"]
    ]
    return out


@pytest.mark.parametrize("scenario_id", bundled_scenarios())
def test_every_probability_is_in_the_unit_interval(scenario_id: str) -> None:
    d = run_scenario(load_scenario(scenario_id), draws=1_000, seed=1, provider=BASE).to_dict()
    ps = _probabilities(d)
    assert all(0.0 <= p <= 1.0 + 1e-12 for p in ps)
    assert sum(d["belligerents"].values()) == pytest.approx(1.0)
    assert d["actors"][d["trigger"]["attacker"]]["p_join_attacker"] == 1.0
    assert d["actors"][d["trigger"]["target"]]["p_join_target"] == 1.0


def test_no_obligations_and_no_opportunism_means_nobody_joins() -> None:
    base = load_scenario("prk-invasion")
    pacts = [t.id for t in base.pack.as_of(base.as_of).ties if t.obligations]
    deployments = [t.id for t in base.pack.as_of(base.as_of).ties if t.kind == "troop_deployment"]
    text = f"""
foedus_scenario: 1
id: bare
title: no obligations
triggers: [{{attacker: PRK, target: KOR, kind: invasion}}]
modifications:
  remove_ties: [{", ".join(pacts + deployments)}]
  parameters: {{sympathy: 0, opportunism: 0, strike: 1}}
"""
    s = parse_scenario(text, "bare.yaml")
    r = run_scenario(s, draws=2_000, seed=1)
    side = r.primary.outcome.side
    joined = (side != 0).sum(axis=1)
    assert (joined == 2).all()
    assert r.primary.summary["p_cross_theatre"] == 0.0


# ------------------------------------------------------------------ monotonicity (hypothesis)
@st.composite
def architectures(draw: st.DrawFn) -> tuple[dict, list, str]:
    """Tiny packs: A has no ties; others have pacts and friendships among themselves and T."""
    k = draw(st.integers(min_value=1, max_value=3))
    others = ["XXX", "YYY", "ZZZ"][:k]
    actors = {"AAA": (draw(st.floats(0.05, 0.5)), IP), "TTT": (draw(st.floats(0.05, 0.5)), IP)}
    for o in others:
        actors[o] = (draw(st.floats(0.01, 0.5)), draw(st.sampled_from([IP, "europe"])))
    ties = []
    pool = ["TTT", *others]
    for i, a in enumerate(pool):
        for b in pool[i + 1 :]:
            kind = draw(st.sampled_from(["none", "pact", "friend"]))
            if kind == "pact":
                ties.append(
                    {
                        "id": f"p-{a}-{b}",
                        "kind": "defense_pact",
                        "members": [a, b],
                        "obligations": [
                            {
                                "kind": "defense",
                                "conditions": {"limited_strike_counts": draw(st.floats(0.0, 1.0))},
                            }
                        ],
                    }
                )
            elif kind == "friend":
                ties.append(
                    {
                        "id": f"f-{a}-{b}",
                        "kind": "strategic_partnership",
                        "members": [a, b],
                        "strength": draw(st.floats(0.1, 1.0)),
                    }
                )
    newcomer = draw(st.sampled_from(others))
    return actors, ties, newcomer


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(arch=architectures(), kind=st.sampled_from(["invasion", "limited_strike"]))
def test_a_defence_pact_with_the_target_never_makes_the_attack_pay_more(tiny, arch, kind) -> None:
    """Under fixed draws, adding a pact X–T never raises P(win) nor lowers deterrence, per world.

    The attacker has no allies or ties here: then every mechanism (obligations, strikes,
    tripwires, sympathy thresholds) is monotone in the target's coalition. With attacker-side
    allies, chain-ganging can legitimately let a new pact mobilise them too (docs/engine.md).
    """
    actors, ties, newcomer = arch
    existing = {t["id"] for t in ties}
    params = {"sympathy": 0.2, "strike": 0.5, "retaliation_invasion": 0.5}
    without = tiny(actors, ties, kind=kind, parameters=params, quiet=False)
    new = {
        "id": f"new-{newcomer}",
        "kind": "defense_pact",
        "members": [newcomer, "TTT"],
        "obligations": [{"kind": "defense"}],
    }
    assert new["id"] not in existing
    with_pact = tiny(actors, [*ties, new], kind=kind, parameters=params, quiet=False)
    ra = run_scenario(without, draws=600, seed=9, provider=BASE)
    rb = run_scenario(with_pact, draws=600, seed=9, provider=BASE)
    oa, ob = ra.primary.outcome, rb.primary.outcome
    assert (ob.mean_pwin <= oa.mean_pwin + 1e-12).all()
    assert (ob.holds >= oa.holds).all()
    assert ob.holds.mean() >= oa.holds.mean()


# ------------------------------------------------------------------ reproducibility and CRN
def test_same_seed_same_results_json_and_parallel_equals_serial(tmp_path) -> None:
    from foedus.report import compute_brief, write_brief

    ids = ["prk-limited-strike", "prk-limited-strike-no-pact"]
    r1, runs1 = compute_brief(draws=800, seed=7, scenarios=ids, workers=1, provider=BASE)
    r2, runs2 = compute_brief(draws=800, seed=7, scenarios=ids, workers=2, provider=BASE)
    write_brief(tmp_path / "a", r1, runs1)
    write_brief(tmp_path / "b", r2, runs2)
    a = (tmp_path / "a" / "results.json").read_text(encoding="utf-8")
    b = (tmp_path / "b" / "results.json").read_text(encoding="utf-8")
    assert a == b
    doc = json.loads(a)
    assert [s["id"] for s in doc["scenarios"]] == ids
    for s in doc["scenarios"]:
        assert {
            "id",
            "as_of",
            "draws",
            "seed",
            "deterrence_holds",
            "p_cross_theatre",
            "actors",
        } <= set(s)
        assert set(s["deterrence_holds"]) >= {"p", "ci95"}
        for a_ in s["actors"].values():
            assert set(a_) >= {"p_join_attacker", "p_join_target"}
    r3, _ = compute_brief(draws=800, seed=8, scenarios=ids, workers=1, provider=BASE)
    assert r3["scenarios"][0]["actors"] != r1["scenarios"][0]["actors"]


def test_common_random_numbers_shrink_the_difference_error() -> None:
    a = run_scenario(load_scenario("prk-invasion"), draws=5_000, seed=3, provider=BASE)
    b = run_scenario(load_scenario("prk-invasion-no-pact"), draws=5_000, seed=3, provider=BASE)
    diff = compare_results(a, b)
    x = diff["p_cross_theatre"]
    assert x["se"] < x["se_independent"]
    rus = diff["actors"]["RUS"]["p_join_attacker"]
    # Without the pact Russia joins the DPRK less often
    assert rus["ci95"][1] < 0
    # identical scenarios differ by exactly zero on common random numbers
    same = compare_results(
        a, run_scenario(load_scenario("prk-invasion"), draws=5_000, seed=3, provider=BASE)
    )
    assert same["deterrence_holds"]["diff"] == 0.0
    assert same["p_cross_theatre"]["se"] == 0.0


def test_shared_obligations_keep_their_draws_when_ties_are_removed() -> None:
    """Removing a tie leaves the uniforms of every other obligation unchanged (keyed streams)."""
    sa, sb = load_scenario("prk-invasion"), load_scenario("prk-invasion-no-pact")
    ca, cb = compile_scenario(sa), compile_scenario(sb)
    ia = kernel_input(ca, sa.spec.triggers[0])
    ib = kernel_input(cb, sb.spec.triggers[0])
    da, db = draw_uniforms(ia, 100, 1), draw_uniforms(ib, 100, 1)
    for j, key in enumerate(ib.row_keys):
        i = ia.row_keys.index(key)
        assert np.array_equal(da.honour[:, i], db.honour[:, j])
    assert np.array_equal(da.strike, db.strike)
    # and the world draws of shared parameters are identical
    G = 20
    wa = world_input(ca, sa.spec.triggers[0], G, 1, BASE.honour_probability(covariates(ca), G, 1))
    wb = world_input(cb, sb.spec.triggers[0], G, 1, BASE.honour_probability(covariates(cb), G, 1))
    assert np.array_equal(wa.gamma, wb.gamma) and np.array_equal(wa.value, wb.value)
    out = run_kernel(ia, wa, da, 5)
    assert out.side.shape == (100, ia.n)
