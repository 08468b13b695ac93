"""ReliabilityModel: known answers, a reference optimiser, the estimator contract, evaluation."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import minimize
from scipy.special import expit, logit

from foedus.engine._reliability_fit import fit_logistic_batch
from foedus.engine.reliability import (
    DEFAULT_FEATURES,
    ModelProvider,
    NotFittedError,
    ObligationProfile,
    ReliabilityModel,
    brier_score,
    covariate_frame,
    cross_validate,
    design_matrix,
    evaluate,
    grouped_folds,
    log_loss,
    reliability_diagram,
    shift_logit,
)

TWO = ("post1945", "wartime")  # any two valid names; synthetic tests only use the positions


def _synthetic(n: int, beta: np.ndarray, b0: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, beta.size))
    y = (rng.random(n) < expit(b0 + x @ beta)).astype(int)
    return x, y


def _reference_fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, alpha: float) -> np.ndarray:
    """Slow, obvious version: scipy BFGS on the same penalised objective."""
    xc = np.hstack([np.ones((len(x), 1)), x])

    def f(b: np.ndarray) -> float:
        z = xc @ b
        return float(np.sum(w * (np.logaddexp(0, z) - y * z)) + 0.5 * alpha * np.sum(b[1:] ** 2))

    return minimize(f, np.zeros(xc.shape[1]), method="BFGS", options={"gtol": 1e-9}).x


# ----------------------------------------------------------------------------- known answers
def test_closed_form_single_binary_feature() -> None:
    """Unpenalised, one binary covariate: intercept = logit(p0), coef = logit(p1) − logit(p0)."""
    x = np.array([0] * 10 + [1] * 8, dtype=float)[:, None]
    y = np.array([1] * 3 + [0] * 7 + [1] * 6 + [0] * 2)
    m = ReliabilityModel(features=("wartime",), alpha=0.0, n_bootstrap=0).fit(x, y)
    assert m.intercept_ == pytest.approx(logit(0.3), abs=1e-8)
    assert m.coef_[0] == pytest.approx(logit(0.75) - logit(0.3), abs=1e-8)
    assert m.converged_


def test_intercept_only_matches_base_rate() -> None:
    """A constant feature carries nothing: the fit is the base rate whatever alpha is."""
    x = np.ones((20, 1))
    y = np.array([1] * 13 + [0] * 7)
    for alpha in (0.0, 5.0):
        m = ReliabilityModel(features=("wartime",), alpha=alpha, n_bootstrap=0).fit(x, y)
        np.testing.assert_allclose(m.predict_proba(x)[:, 1], 0.65, atol=1e-9)


def test_recovers_coefficients_on_synthetic_data() -> None:
    beta, b0 = np.array([1.0, -2.0]), 0.5
    x, y = _synthetic(20000, beta, b0, seed=3)
    m = ReliabilityModel(features=TWO, alpha=0.0, n_bootstrap=0).fit(x, y)
    # standard errors are about 0.02–0.03 at this n
    np.testing.assert_allclose(m.coef_, beta, atol=0.1)
    assert m.intercept_ == pytest.approx(b0, abs=0.1)


@pytest.mark.parametrize("alpha", [0.0, 3.0, 30.0])
def test_batched_newton_matches_reference_optimiser(alpha: float) -> None:
    x, y = _synthetic(150, np.array([0.8, -0.5, 0.3]), -0.2, seed=1)
    rng = np.random.default_rng(2)
    w = rng.integers(0, 3, size=(4, 150)).astype(float)
    w[0] = 1.0
    fit = fit_logistic_batch(x, y.astype(float), w, alpha)
    assert fit.converged.all()
    for b in range(4):
        np.testing.assert_allclose(fit.beta[b], _reference_fit(x, y, w[b], alpha), atol=1e-4)


def test_ridge_shrinks_toward_zero() -> None:
    x, y = _synthetic(200, np.array([1.5, -1.0]), 0.0, seed=4)
    norms = [
        np.abs(ReliabilityModel(features=TWO, alpha=a, n_bootstrap=0).fit(x, y).coef_).sum()
        for a in (0.0, 10.0, 100.0, 1000.0)
    ]
    assert all(a > b for a, b in itertools.pairwise(norms))


# ----------------------------------------------------------------------------- contract
def test_init_only_stores_parameters() -> None:
    m = ReliabilityModel(features=("nope",), alpha=-1.0)  # invalid, but not checked until fit
    assert m.get_params()["alpha"] == -1.0
    assert not hasattr(m, "coef_")
    with pytest.raises(ValueError, match="unknown feature"):
        m.fit(np.zeros((4, 1)), [0, 1, 0, 1])


def test_not_fitted() -> None:
    m = ReliabilityModel()
    x = np.zeros((2, len(DEFAULT_FEATURES)))
    for call in (m.predict_proba, m.decision_function, m.predict):
        with pytest.raises(NotFittedError):
            call(x)
    with pytest.raises(NotFittedError):
        m.sample_probabilities(x, 10, rng=0)


@pytest.mark.parametrize(
    ("params", "x", "y", "groups", "match"),
    [
        ({"alpha": -1.0}, np.zeros((4, 2)), [0, 1, 0, 1], None, "alpha"),
        ({"alpha": float("nan")}, np.zeros((4, 2)), [0, 1, 0, 1], None, "alpha"),
        ({"n_bootstrap": -3}, np.zeros((4, 2)), [0, 1, 0, 1], None, "n_bootstrap"),
        ({"features": ("post1945", "post1945")}, np.zeros((4, 2)), [0, 1, 0, 1], None, "dup"),
        ({}, np.zeros((4, 3)), [0, 1, 0, 1], None, "columns"),
        ({}, np.zeros(4), [0, 1, 0, 1], None, "2-dimensional"),
        ({}, np.full((4, 2), np.nan), [0, 1, 0, 1], None, "NaN"),
        ({}, np.zeros((4, 2)), [0, 1, 2, 1], None, "only 0"),
        ({}, np.zeros((4, 2)), [1, 1, 1, 1], None, "both outcomes"),
        ({}, np.zeros((4, 2)), [0, 1, 0], None, "shape"),
        ({}, np.zeros((4, 2)), [0, 1, 0, 1], [1, 2], "groups"),
    ],
)
def test_bad_input(params: dict, x: np.ndarray, y: list, groups: list | None, match: str) -> None:
    m = ReliabilityModel(features=TWO, n_bootstrap=0).set_params(**params)
    with pytest.raises(ValueError, match=match):
        m.fit(x, y, groups)


def test_dataframe_input_selected_by_name() -> None:
    import pandas as pd

    x, y = _synthetic(100, np.array([1.0, -1.0]), 0.0, seed=5)
    df = pd.DataFrame({"wartime": x[:, 1], "junk": 0.0, "post1945": x[:, 0]})
    a = ReliabilityModel(features=TWO, n_bootstrap=0).fit(df, y)
    b = ReliabilityModel(features=TWO, n_bootstrap=0).fit(x, y)
    np.testing.assert_allclose(a.coef_, b.coef_)
    with pytest.raises(ValueError, match="lacks"):
        a.predict_proba(df.drop(columns="wartime"))


@pytest.fixture(scope="module")
def fitted() -> ReliabilityModel:
    x, y = _synthetic(120, np.array([1.0, -1.0]), 0.2, seed=6)
    return ReliabilityModel(features=TWO, n_bootstrap=200, random_state=1).fit(
        x, y, np.repeat(np.arange(30), 4)
    )


@settings(max_examples=60, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 20), st.just(2)),
        elements=st.floats(-1e3, 1e3, allow_nan=False),
    )
)
def test_predict_proba_rows_are_distributions(fitted: ReliabilityModel, x: np.ndarray) -> None:
    p = fitted.predict_proba(x)
    assert p.shape == (x.shape[0], 2)
    assert ((p >= 0) & (p <= 1)).all()
    np.testing.assert_allclose(p.sum(axis=1), 1.0)


def test_sample_probabilities(fitted: ReliabilityModel) -> None:
    x = np.array([[0.0, 0.0], [1.0, -1.0], [-2.0, 2.0]])
    s = fitted.sample_probabilities(x, 500, rng=7)
    assert s.shape == (500, 3)
    assert ((s >= 0) & (s <= 1)).all()
    np.testing.assert_array_equal(s, fitted.sample_probabilities(x, 500, rng=7))
    assert not np.array_equal(s, fitted.sample_probabilities(x, 500, rng=8))
    assert (s.std(axis=0) > 0).all()
    # the bootstrap centre sits near the point fit
    point = fitted.predict_proba(x)[:, 1]
    np.testing.assert_allclose(np.median(s, axis=0), point, atol=0.08)
    with pytest.raises(ValueError):
        fitted.sample_probabilities(x, 0)
    with pytest.raises(NotFittedError):
        fitted.clone(n_bootstrap=0).fit(np.zeros((4, 2)), [0, 1, 0, 1]).sample_probabilities(x, 3)


def test_bootstrap_resamples_whole_groups() -> None:
    """With a single group every replicate redraws the whole data set: no spread at all."""
    x, y = _synthetic(60, np.array([1.0, -1.0]), 0.0, seed=9)
    m = ReliabilityModel(features=TWO, n_bootstrap=50, random_state=0).fit(x, y, np.zeros(60))
    np.testing.assert_allclose(m.coef_draws_, np.tile(m.coef_, (50, 1)), atol=1e-7)
    # with one group per row the replicates differ
    m2 = ReliabilityModel(features=TWO, n_bootstrap=50, random_state=0).fit(x, y)
    assert m2.coef_draws_.std(axis=0).min() > 0.01
    assert m2.coef_draws_.shape == (50, 2) and m2.intercept_draws_.shape == (50,)


# ----------------------------------------------------------------------------- shift_logit
def test_shift_logit_known_values() -> None:
    assert float(shift_logit(0.5, np.log(3))) == pytest.approx(0.75)
    assert float(shift_logit(0.75, -np.log(3))) == pytest.approx(0.5)
    np.testing.assert_array_equal(shift_logit([0.0, 1.0], [5.0, -5.0]), [0.0, 1.0])
    out = shift_logit(np.array([[0.2], [0.6]]), np.array([-1.0, 0.0, 1.0]))
    assert out.shape == (2, 3)
    with pytest.raises(ValueError):
        shift_logit(1.2, 0.0)
    with pytest.raises(ValueError):
        shift_logit(0.5, np.inf)


@given(
    st.floats(0.0, 1.0),
    st.floats(-20, 20, allow_nan=False),
    st.floats(-20, 20, allow_nan=False),
)
def test_shift_logit_properties(p: float, a: float, b: float) -> None:
    assert float(shift_logit(p, 0.0)) == pytest.approx(p, abs=1e-12)
    q = float(shift_logit(p, a))
    assert 0.0 <= q <= 1.0
    if a < b:
        assert float(shift_logit(p, a)) <= float(shift_logit(p, b))
    # Composition holds up to the rounding of q itself: a q rounded to exactly 0 or 1 has lost
    # its log-odds; otherwise a half-ulp error in q is an error of ulp/(q(1-q)) in its log-odds,
    # which expit damps by at most 1/4 (bound taken as 1, for the rounding of logit and expit).
    assume(0.0 < q < 1.0 or p in (0.0, 1.0))
    rounding = np.spacing(q) / (q * (1.0 - q)) if 0.0 < q < 1.0 else 0.0
    assert float(shift_logit(q, b)) == pytest.approx(
        float(shift_logit(p, a + b)), abs=1e-9 + rounding
    )


# ----------------------------------------------------------------------------- evaluation
def test_scores_known_values() -> None:
    assert brier_score([1, 0], [0.8, 0.4]) == pytest.approx(0.1)
    assert log_loss([1, 0], [0.5, 0.5]) == pytest.approx(np.log(2))
    assert log_loss([1], [0.0]) == pytest.approx(-np.log(1e-15))
    with pytest.raises(ValueError):
        brier_score([1, 0], [0.5])
    with pytest.raises(ValueError):
        brier_score([1, 2], [0.5, 0.5])


def test_reliability_diagram_bins() -> None:
    y = np.array([0, 0, 1, 1, 1, 0])
    p = np.array([0.05, 0.15, 0.5, 0.55, 0.95, 1.0])
    d = reliability_diagram(y, p, n_bins=5)
    np.testing.assert_array_equal(d.count, [2, 0, 2, 0, 2])
    np.testing.assert_allclose(d.observed[[0, 2, 4]], [0.0, 1.0, 0.5])
    np.testing.assert_allclose(d.mean_predicted[0], 0.1)
    assert np.isnan(d.observed[1])
    assert sum(b["n"] for b in d.to_dict()) == 6


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.integers(0, 12), min_size=2, max_size=80),
    st.one_of(st.none(), st.integers(2, 6)),
    st.integers(0, 1000),
)
def test_grouped_folds_never_split_a_group(groups: list, k: int | None, seed: int) -> None:
    g = np.array(groups)
    n_groups = np.unique(g).size
    if k is not None and k > n_groups:
        with pytest.raises(ValueError):
            grouped_folds(g, k, seed)
        return
    folds = grouped_folds(g, k, seed)
    assert len(folds) == (n_groups if k is None else k)
    tested = np.concatenate([test for _, test in folds])
    np.testing.assert_array_equal(np.sort(tested), np.arange(g.size))
    for train, test in folds:
        assert not set(g[train]) & set(g[test])
        assert np.intersect1d(train, test).size == 0 and train.size + test.size == g.size


def test_cross_validate_uses_only_other_wars() -> None:
    x, y = _synthetic(90, np.array([1.0, -1.0]), 0.0, seed=10)
    g = np.repeat(np.arange(15), 6)
    cv = cross_validate(ReliabilityModel(features=TWO), x, y, g)
    for w in range(15):
        here = g == w
        np.testing.assert_allclose(cv.p_base[here], y[~here].mean())
        # the out-of-fold forecast equals a model fitted without that war
        m = ReliabilityModel(features=TWO, n_bootstrap=0).fit(x[~here], y[~here])
        np.testing.assert_allclose(cv.p_model[here], m.predict_proba(x[here])[:, 1])
    assert cv.n_folds == 15 and cv.n == 90
    assert cv.brier_skill == pytest.approx(1 - cv.brier_model / cv.brier_base)


def test_evaluate_uses_training_base_rate() -> None:
    x, y = _synthetic(100, np.array([1.0, -1.0]), 0.0, seed=11)
    m = ReliabilityModel(features=TWO, n_bootstrap=0).fit(x[:60], y[:60])
    ev = evaluate(m, x[60:], y[60:])
    assert ev.n == 40
    assert ev.brier_base_rate == pytest.approx(np.mean((y[:60].mean() - y[60:]) ** 2))
    assert ev.brier_model == pytest.approx(brier_score(y[60:], m.predict_proba(x[60:])[:, 1]))


# ----------------------------------------------------------------------------- features
def test_obligation_profile_features() -> None:
    autocratic_pact = ObligationProfile(
        frozenset({"defense"}), year=2024, signed_year=2024, major_power=True, min_polyarchy=0.02
    )
    old_neutrality = ObligationProfile(frozenset({"neutrality", "nonaggression"}), year=1900)
    nonagg = ObligationProfile(
        frozenset({"nonaggression", "consultation"}), year=1990, multilateral=True
    )
    frame = covariate_frame([autocratic_pact, old_neutrality, nonagg])
    x = design_matrix(frame)
    col = {name: i for i, name in enumerate(DEFAULT_FEATURES)}
    np.testing.assert_array_equal(x[:, col["post1945"]], [1, 0, 1])
    np.testing.assert_array_equal(x[:, col["defense"]], [1, 0, 0])
    np.testing.assert_array_equal(x[:, col["neutrality"]], [0, 1, 0])
    np.testing.assert_array_equal(x[:, col["nonaggression_only"]], [0, 0, 1])
    np.testing.assert_array_equal(x[:, col["multilateral"]], [0, 0, 1])
    extra = design_matrix(frame, ("min_polyarchy", "major_power", "log_years_in_force"))
    assert extra[0, 0] == pytest.approx(0.02) and extra[1, 0] == pytest.approx(0.11)
    np.testing.assert_array_equal(extra[:, 1], [1, 0, 0])
    with pytest.raises(ValueError):
        ObligationProfile(frozenset({"alliance"}), year=2000)
    with pytest.raises(ValueError):
        ObligationProfile(frozenset({"defense"}), year=2000, capability_change=2.0)
    with pytest.raises(ValueError, match="unknown feature"):
        design_matrix(frame, ("nope",))


def test_model_provider_for_engine(fitted: ReliabilityModel) -> None:
    from foedus.engine._honour import ObligationCovariates

    n = 3
    cov = ObligationCovariates(
        kind=np.array(["defense", "consultation", "offense"]),
        post1945=np.array([True, True, False]),
        bilateral=np.array([True, False, True]),
        n_members=np.array([2, 30, 2]),
        obliged_major_power=np.array([True, False, False]),
        protected_major_power=np.zeros(n, bool),
        obliged_polyarchy=np.array([0.02, np.nan, 0.5]),
        protected_polyarchy=np.full(n, np.nan),
        capability_ratio=np.full(n, np.nan),
        years_in_force=np.array([0.0, 70.0, 3.0]),
        institutionalised=np.array([False, True, False]),
    )
    x = design_matrix(covariate_frame([ObligationProfile(frozenset({"defense"}), 2024)]))
    model = ReliabilityModel(n_bootstrap=100, random_state=0).fit(
        np.vstack([x, 1 - x, x, 1 - x]), [1, 0, 0, 1]
    )
    prov = ModelProvider(model)
    p = prov.honour_probability(cov, worlds=64, seed=5)
    assert p.shape == (64, 3)
    assert (p[:, 1] == 0).all()  # consultation never brings an ally in
    assert ((p >= 0) & (p <= 1)).all()
    np.testing.assert_array_equal(p, prov.honour_probability(cov, worlds=64, seed=5))
    assert prov.sources
