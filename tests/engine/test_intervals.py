"""Intervals over draws clustered by world: known answers, coverage, the engine's use of them."""

from __future__ import annotations

import numpy as np
import pytest

from foedus._intervals import (
    clustered_wilson,
    paired_difference,
    wilson,
    wilson_bounds,
    world_means,
)
from foedus.engine import compare_results, load_scenario, run_scenario

G, K = 2000, 50


def test_wilson_matches_the_closed_form() -> None:
    # p = 0: the upper bound is z² / (n + z²)
    z2 = 1.959963984540054**2
    assert wilson(0.0, 400)[1] == pytest.approx(z2 / (400 + z2), rel=1e-12)
    assert wilson(0.3, 0) == (0.0, 1.0)
    lo, hi = wilson_bounds(np.array([0.1, 0.5, 0.9]), np.array([50, 50, 50]))
    assert lo[1] == pytest.approx(1 - hi[1]) and lo[0] == pytest.approx(1 - hi[2])


def test_independent_draws_give_plain_wilson_on_all_draws() -> None:
    """ICC ≈ 0: the design effect is ≈ 1 and the interval that of N independent trials."""
    rng = np.random.default_rng(1)
    p_true = np.array([0.02, 0.1, 0.3, 0.5])
    x = rng.random((G * K, p_true.size)) < p_true
    r = clustered_wilson(x, G)
    lo, hi = wilson_bounds(r.p, G * K)
    half_ratio = (r.hi - r.lo) / (hi - lo)
    # deff is estimated from 2,000 world means (relative s.d. of s²_w ≈ √(2/G) ≈ 3%) and
    # clipped below at 1: the half-width can only be √deff ≤ ~1.05 times Wilson's
    assert np.all(r.deff >= 1.0)
    assert np.all(half_ratio >= 1.0 - 1e-12)
    assert np.all(half_ratio < 1.06), half_ratio


def test_identical_draws_within_a_world_give_wilson_on_worlds() -> None:
    """ICC = 1: the K draws of a world carry one observation; the interval is Wilson on G."""
    rng = np.random.default_rng(2)
    per_world = rng.random((G, 3)) < np.array([0.05, 0.4, 0.7])
    x = np.repeat(per_world, K, axis=0)
    r = clustered_wilson(x, G)
    lo, hi = wilson_bounds(per_world.mean(axis=0), G)
    np.testing.assert_allclose(r.lo, lo, rtol=0, atol=1e-12)
    np.testing.assert_allclose(r.hi, hi, rtol=0, atol=1e-12)
    np.testing.assert_allclose(r.deff, K)


def test_no_event_falls_back_to_the_worst_case() -> None:
    """p = 0: the design effect cannot be estimated; the interval is Wilson on G, not on N."""
    r = clustered_wilson(np.zeros((G * K, 1), dtype=bool), G)
    assert float(r.hi[0]) == pytest.approx(wilson(0.0, G)[1], rel=1e-12)
    assert float(r.hi[0]) > 10 * wilson(0.0, G * K)[1]


def test_one_draw_per_world_is_plain_wilson() -> None:
    x = np.random.default_rng(3).random(500) < 0.2
    r = clustered_wilson(x, 500)
    assert (float(r.lo), float(r.hi)) == pytest.approx(wilson(float(x.mean()), 500), abs=1e-12)


def test_ragged_worlds_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot be split"):
        world_means(np.zeros(10), 3)
    with pytest.raises(ValueError, match="same draws"):
        paired_difference(np.zeros(10), np.zeros(12), 2)


def _clustered_binomial(rng: np.random.Generator, reps: int, g: int, k: int) -> np.ndarray:
    """``reps`` independent runs (columns) of g worlds × k draws; world means ~ Beta(2, 6)."""
    mu = rng.beta(2.0, 6.0, size=(g, 1, reps))
    return (rng.random((g, k, reps)) < mu).reshape(g * k, reps)


def test_coverage_of_a_clustered_binomial_is_near_95_percent() -> None:
    """True p = 2/8 = 0.25, ICC = 1/(2 + 6 + 1) ≈ 0.11: deff ≈ 1 + 49·0.11 ≈ 6.4."""
    reps, g, k = 400, 200, 50
    x = _clustered_binomial(np.random.default_rng(20240619), reps, g, k)
    r = clustered_wilson(x, g)  # all 400 runs at once
    covered = (r.lo <= 0.25) & (r.hi >= 0.25)
    coverage = float(covered.mean())
    assert 0.90 <= coverage <= 0.99, coverage
    assert 4.5 < float(np.median(r.deff)) < 8.5
    # the interval it replaces (Wilson on all N draws) is far too narrow on the same data
    naive_lo, naive_hi = wilson_bounds(r.p, g * k)
    naive = float(((naive_lo <= 0.25) & (naive_hi >= 0.25)).mean())
    assert naive < 0.75, naive


def test_paired_se_matches_the_spread_of_repeated_runs() -> None:
    """Paired differences on common worlds: the s.e. from per-world differences matches the s.d.
    of the difference over repeated runs; the per-draw s.e. would understate it."""
    rng = np.random.default_rng(7)
    reps, g, k = 300, 200, 20
    diffs, ses, naive = [], [], []
    for _ in range(reps):
        mu = rng.beta(2.0, 6.0, size=(g, 1))
        u = rng.random((g, k))
        a = (u < mu).ravel()
        # B ≥ A draw by draw; the shift is a property of the world (one in five: +0.3)
        shift = 0.3 * (rng.random((g, 1)) < 0.2)
        b = (u < np.minimum(mu + shift, 1.0)).ravel()
        d = paired_difference(a, b, g)
        diffs.append(d["diff"])
        ses.append(d["se"])
        naive.append(paired_difference(a, b)["se"])
    sd = float(np.std(diffs, ddof=1))
    assert 0.85 < float(np.mean(ses)) / sd < 1.15
    assert float(np.mean(naive)) / sd < 0.75
    truth = float(np.mean(diffs))  # ≈ 0.06, known to ± sd/√300
    assert 0.90 <= np.mean(np.abs(np.array(diffs) - truth) <= 1.96 * np.array(ses)) <= 0.99


def test_paired_difference_on_identical_worlds_uses_g() -> None:
    rng = np.random.default_rng(4)
    wa = rng.random(G) < 0.3
    wb = wa | (rng.random(G) < 0.1)
    d_world = paired_difference(wa, wb)
    d_draws = paired_difference(np.repeat(wa, K), np.repeat(wb, K), G)
    assert d_draws["se"] == pytest.approx(d_world["se"], rel=1e-12)
    assert d_draws["se_independent"] == pytest.approx(d_world["se_independent"], rel=1e-12)
    assert d_draws["diff"] == pytest.approx(float(wb.mean() - wa.mean()))


# ----------------------------------------------------------------------- the engine uses them
def test_engine_intervals_are_cluster_robust() -> None:
    r = run_scenario(load_scenario("rus-nato-escalation"), draws=20_000, seed=5)
    tr = r.primary
    s = tr.summary
    G_, N = tr.worlds, tr.draws
    cross = clustered_wilson(tr.outcome.cross_theatre, G_)
    assert s["p_cross_theatre_ci95"] == [float(cross.lo), float(cross.hi)]
    # never narrower than Wilson on N, never wider than Wilson on G
    lo_n, hi_n = wilson(s["p_cross_theatre"], N)
    lo_g, hi_g = wilson(s["p_cross_theatre"], G_)
    lo, hi = s["p_cross_theatre_ci95"]
    assert lo_g - 1e-12 <= lo <= lo_n + 1e-12 and hi_n - 1e-12 <= hi <= hi_g + 1e-12
    assert s["p_cross_theatre_design_effect"] > 1.5  # the inputs matter: draws are clustered
    for a, entry in s["actors"].items():
        i = tr.compiled.index(a)
        share = clustered_wilson(tr.outcome.side[:, i] == 2, G_)
        assert entry["ci95_target"] == pytest.approx([float(share.lo), float(share.hi)], abs=1e-14)
        assert 1.0 <= entry["design_effect_target"] <= tr.cascades_per_world
    det = s["deterrence_holds"]
    assert det["ci95"] == pytest.approx(list(wilson(det["p"], G_)), abs=1e-15)


def test_compare_uses_per_world_differences() -> None:
    a = run_scenario(load_scenario("prk-limited-strike"), draws=10_000, seed=3)
    b = run_scenario(load_scenario("prk-limited-strike-no-pact"), draws=10_000, seed=3)
    d = compare_results(a, b)
    ta, tb = a.primary, b.primary
    x = d["p_cross_theatre"]
    ref = paired_difference(ta.outcome.cross_theatre, tb.outcome.cross_theatre, ta.worlds)
    assert x["se"] == pytest.approx(ref["se"], rel=1e-12)
    assert x["worlds"] == ta.worlds
    per_draw = paired_difference(ta.outcome.cross_theatre, tb.outcome.cross_theatre)
    assert x["se"] > per_draw["se"]  # clustering widens the interval


def test_docstring_examples() -> None:
    import doctest

    import foedus._intervals as module

    failures, tried = doctest.testmod(module, verbose=False)
    assert tried > 0 and failures == 0
