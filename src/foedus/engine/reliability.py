"""Alliance reliability: will an ally honour a commitment that a war has triggered?

A ridge-penalised logistic model of the Leeds–Long–Mitchell honour coding of performance
opportunities 1816–2003 (Berkemeier & Fuhrmann 2018), with covariates from ATOP 5.1, COW NMC
and V-Dem (see :mod:`foedus.data.reliability` and ``docs/reliability.md``). It follows the
scikit-learn estimator contract: ``__init__`` only stores parameters, :meth:`ReliabilityModel.fit`
learns the trailing-underscore attributes, and :meth:`ReliabilityModel.predict_proba` refuses to
run on an unfitted model.

Parameter uncertainty is a bootstrap that resamples whole wars (one index matrix, every
replicate solved at once); :meth:`ReliabilityModel.sample_probabilities` turns its draws into
honour probabilities for the Monte Carlo engine, and :func:`shift_logit` applies an expert
assessment as an open shift on the log-odds scale.

Public API::

    ReliabilityModel             fit / predict_proba / sample_probabilities
    ObligationProfile            an obligation described in words → covariates
    FEATURES, DEFAULT_FEATURES   the candidate features and the calibrated set
    covariate_frame, design_matrix
    shift_logit
    brier_score, log_loss, reliability_diagram, grouped_folds, cross_validate, evaluate
    ModelProvider, load_provider the fitted model as the engine's ReliabilityProvider
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Self

import numpy as np
import pandas as pd
from scipy.special import expit, logit

from foedus._rng import make_rng
from foedus.engine._reliability_fit import fit_logistic_batch
from foedus.errors import FoedusError

__all__ = [
    "DEFAULT_ALPHA",
    "DEFAULT_FEATURES",
    "FEATURES",
    "OBLIGATION_KINDS",
    "CrossValidation",
    "Evaluation",
    "ModelProvider",
    "NotFittedError",
    "ObligationProfile",
    "ReliabilityDiagram",
    "ReliabilityModel",
    "brier_score",
    "covariate_frame",
    "cross_validate",
    "design_matrix",
    "evaluate",
    "grouped_folds",
    "load_provider",
    "log_loss",
    "reliability_diagram",
    "shift_logit",
]

OBLIGATION_KINDS = ("defense", "offense", "neutrality", "nonaggression", "consultation")
"""ATOP obligation types, as the domain model names them."""

# ----------------------------------------------------------------------------- features
# The covariate frame: one row per obligation, the columns below. The B&F data carry the
# alliance's obligation types as ``defense, offense, neutral, nonagg, consul``; the frame keeps
# those names so that the historical table is a covariate frame as it is.
_FRAME_COLUMNS = (
    "post1945",
    "multilateral",
    "defense",
    "offense",
    "neutral",
    "nonagg",
    "consul",
    "wartime",
    "capability_change",
    "democracy_change",
    "major_power",
    "min_polyarchy",
    "institutionalised",
    "specific_threat",
    "years_in_force",
    "n_members",
)

# A missing polyarchy score is replaced by the sample's typical member minimum (median of the
# 1816–2003 opportunities, about 0.11), so an unknown regime neither helps nor hurts much.
_POLYARCHY_FILL = 0.11


def _col(frame: pd.DataFrame, name: str, fill: float = 0.0) -> np.ndarray:
    return pd.to_numeric(frame[name], errors="coerce").astype(float).fillna(fill).to_numpy()


FEATURES: dict[str, tuple[str, Callable[[pd.DataFrame], np.ndarray]]] = {
    "post1945": (
        "the war (or the as-of date) is 1945 or later",
        lambda f: _col(f, "post1945"),
    ),
    "multilateral": ("the pact has more than two members", lambda f: _col(f, "multilateral")),
    "defense": ("the pact includes a defence obligation", lambda f: _col(f, "defense")),
    "offense": ("the pact includes an offence obligation", lambda f: _col(f, "offense")),
    "neutrality": ("the pact includes a neutrality obligation", lambda f: _col(f, "neutral")),
    "nonaggression_only": (
        "non-aggression is the pact's strongest obligation (no defence, offence or neutrality)",
        lambda f: (
            (_col(f, "nonagg") > 0)
            & (_col(f, "defense") == 0)
            & (_col(f, "offense") == 0)
            & (_col(f, "neutral") == 0)
        ).astype(float),
    ),
    "consultation": ("the pact includes a consultation obligation", lambda f: _col(f, "consul")),
    "wartime": ("signed while a member was at war (ATOP wartime)", lambda f: _col(f, "wartime")),
    "capability_change": (
        "largest change in a member's share of the pact's CINC since it joined (0–1)",
        lambda f: _col(f, "capability_change"),
    ),
    "democracy_change": (
        "largest change in a member's V-Dem polyarchy since it joined (0–1)",
        lambda f: _col(f, "democracy_change"),
    ),
    "major_power": ("a member is a COW major power", lambda f: _col(f, "major_power")),
    "min_polyarchy": (
        "lowest V-Dem polyarchy among the members (0–1)",
        lambda f: _col(f, "min_polyarchy", _POLYARCHY_FILL),
    ),
    "institutionalised": (
        "integrated command, common defence policy, bases or subordination (ATOP)",
        lambda f: _col(f, "institutionalised"),
    ),
    "specific_threat": ("the pact names a specific threat", lambda f: _col(f, "specific_threat")),
    "log_years_in_force": (
        "log(1 + years since signing)",
        lambda f: np.log1p(np.clip(_col(f, "years_in_force"), 0.0, None)),
    ),
    "log_members": (
        "log of the number of members",
        lambda f: np.log(np.clip(_col(f, "n_members", 2.0), 2.0, None)),
    ),
}
"""Candidate features: name → (description, function of a covariate frame)."""

DEFAULT_FEATURES: tuple[str, ...] = (
    "post1945",
    "multilateral",
    "defense",
    "offense",
    "neutrality",
    "nonaggression_only",
    "wartime",
    "capability_change",
    "democracy_change",
)
"""The calibrated feature set (see ``docs/reliability.md`` for how it was chosen)."""

DEFAULT_ALPHA = 10.0
"""Ridge penalty on the standardised coefficients, summed-loss scale (≈ 1/12 per observation)."""


@dataclass(frozen=True)
class ObligationProfile:
    """An obligation described as an analyst would, ready to be scored.

    Parameters
    ----------
    kinds : frozenset of str
        The obligation types of the pact, from :data:`OBLIGATION_KINDS` (the historical data
        code them per alliance, so pass all the pact's types, not only the one invoked).
    year : int
        The year the obligation is scored for (the as-of date).
    multilateral : bool
        More than two members.
    signed_year : int, optional
        Year the pact was signed (for ``years_in_force``).
    signed_in_wartime : bool
        A member was at war when it was signed (ATOP's ``wartime``).
    capability_change, democracy_change : float
        Largest change since signing in a member's share of the pact's capabilities, and in a
        member's V-Dem polyarchy (both 0–1; 0 when unknown).
    major_power : bool
        A member is a major power.
    min_polyarchy : float
        Lowest V-Dem polyarchy among the members (NaN when unknown).
    institutionalised : bool
        Integrated command, common defence policy, bases or subordination.
    specific_threat : bool
        The treaty names the threat.
    n_members : int

    Examples
    --------
    >>> p = ObligationProfile(frozenset({"defense"}), year=2024, major_power=True,
    ...                       min_polyarchy=0.01, signed_year=2024)
    >>> covariate_frame([p]).loc[0, ["post1945", "defense", "multilateral"]].tolist()
    [1.0, 1.0, 0.0]
    """

    kinds: frozenset[str]
    year: int
    multilateral: bool = False
    signed_year: int | None = None
    signed_in_wartime: bool = False
    capability_change: float = 0.0
    democracy_change: float = 0.0
    major_power: bool = False
    min_polyarchy: float = float("nan")
    institutionalised: bool = False
    specific_threat: bool = False
    n_members: int = 2

    def __post_init__(self) -> None:
        unknown = set(self.kinds) - set(OBLIGATION_KINDS)
        if unknown or not self.kinds:
            raise ValueError(
                f"kinds must be a non-empty subset of {OBLIGATION_KINDS}; got {sorted(self.kinds)}"
            )
        for name in ("capability_change", "democracy_change"):
            v = getattr(self, name)
            if not (0.0 <= v <= 1.0):
                raise ValueError(f"{name} must lie in [0, 1]; got {v}")
        if self.n_members < 2:
            raise ValueError(f"n_members must be at least 2; got {self.n_members}")


def covariate_frame(profiles: Iterable[ObligationProfile]) -> pd.DataFrame:
    """The covariate frame of some :class:`ObligationProfile` (the historical table's columns)."""
    rows = []
    for p in profiles:
        rows.append(
            {
                "post1945": float(p.year >= 1945),
                "multilateral": float(p.multilateral),
                "defense": float("defense" in p.kinds),
                "offense": float("offense" in p.kinds),
                "neutral": float("neutrality" in p.kinds),
                "nonagg": float("nonaggression" in p.kinds),
                "consul": float("consultation" in p.kinds),
                "wartime": float(p.signed_in_wartime),
                "capability_change": p.capability_change,
                "democracy_change": p.democracy_change,
                "major_power": float(p.major_power),
                "min_polyarchy": p.min_polyarchy,
                "institutionalised": float(p.institutionalised),
                "specific_threat": float(p.specific_threat),
                "years_in_force": float(p.year - p.signed_year) if p.signed_year else 0.0,
                "n_members": float(p.n_members),
            }
        )
    return pd.DataFrame(rows, columns=list(_FRAME_COLUMNS))


def design_matrix(frame: pd.DataFrame, features: Sequence[str] = DEFAULT_FEATURES) -> np.ndarray:
    """The feature matrix, shape ``(n, len(features))``, of a covariate frame.

    ``frame`` is the historical table of :func:`foedus.data.reliability.reliability_table` or
    the output of :func:`covariate_frame`. Missing covariates become 0 (no change, not
    institutionalised, …) except ``min_polyarchy`` (the sample median).

    Raises
    ------
    ValueError
        An unknown feature, or a column the features need is absent.
    """
    _check_features(features)
    try:
        cols = [FEATURES[name][1](frame) for name in features]
    except KeyError as exc:
        raise ValueError(f"the covariate frame lacks column {exc.args[0]!r}") from None
    return np.column_stack(cols) if cols else np.empty((len(frame), 0))


def _check_features(features: Sequence[str]) -> None:
    if isinstance(features, str) or len(features) == 0:
        raise ValueError("features must be a non-empty sequence of feature names")
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        raise ValueError(f"unknown feature(s) {unknown}; known: {list(FEATURES)}")
    if len(set(features)) != len(features):
        raise ValueError(f"duplicate feature names in {list(features)}")


# ----------------------------------------------------------------------------- the model
class NotFittedError(FoedusError, ValueError):
    """A model was used before :meth:`ReliabilityModel.fit`."""


class ReliabilityModel:
    """Ridge-penalised logistic model of P(an ally honours a triggered commitment).

    Parameters
    ----------
    features : sequence of str
        Names from :data:`FEATURES`, the order of the columns of ``X``.
    alpha : float
        Ridge penalty on the standardised coefficients (the intercept is not penalised); the
        objective sums the log-loss over observations. ``0`` is plain maximum likelihood.
    n_bootstrap : int
        Bootstrap replicates for parameter uncertainty (resampling groups — wars — with
        replacement); ``0`` skips the bootstrap.
    random_state : int, optional
        Seed of the bootstrap (through :func:`foedus._rng.make_rng`).
    max_iter : int
        Newton iterations at most.
    tol : float
        Newton convergence tolerance.

    Attributes
    ----------
    coef_ : ndarray, shape (n_features,)
        Coefficients on the original (unstandardised) feature scale.
    intercept_ : float
    classes_ : ndarray
        ``[0, 1]``: violated, honoured.
    n_features_in_ : int
    feature_names_in_ : tuple of str
    mean_, scale_ : ndarray, shape (n_features,)
        Standardisation learnt from the training data.
    base_rate_ : float
        Honour rate of the training data.
    n_groups_ : int
        Distinct groups (wars) in the training data.
    coef_draws_ : ndarray, shape (n_bootstrap, n_features)
    intercept_draws_ : ndarray, shape (n_bootstrap,)
        Bootstrap replicates, on the original scale.
    converged_ : bool
    n_iter_ : int

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(400, 2))
    >>> y = (rng.random(400) < expit(0.5 + X @ [1.0, -2.0])).astype(int)
    >>> m = ReliabilityModel(features=("post1945", "wartime"), alpha=0.0, n_bootstrap=0).fit(X, y)
    >>> m.predict_proba(X[:3]).shape
    (3, 2)
    """

    _parameter_constraints: ClassVar[dict[str, str]] = {
        "features": "non-empty sequence of names from FEATURES, no duplicates",
        "alpha": "finite float >= 0",
        "n_bootstrap": "int >= 0",
        "random_state": "int or None",
        "max_iter": "int >= 1",
        "tol": "finite float > 0",
    }

    def __init__(
        self,
        features: Sequence[str] = DEFAULT_FEATURES,
        alpha: float = DEFAULT_ALPHA,
        n_bootstrap: int = 1000,
        random_state: int | None = None,
        max_iter: int = 100,
        tol: float = 1e-10,
    ) -> None:
        self.features = features
        self.alpha = alpha
        self.n_bootstrap = n_bootstrap
        self.random_state = random_state
        self.max_iter = max_iter
        self.tol = tol

    # -- scikit-learn plumbing
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor parameters."""
        return {name: getattr(self, name) for name in self._parameter_constraints}

    def set_params(self, **params: Any) -> Self:
        """Set constructor parameters; returns ``self``."""
        for name, value in params.items():
            if name not in self._parameter_constraints:
                raise ValueError(f"unknown parameter {name!r}")
            setattr(self, name, value)
        return self

    def clone(self, **overrides: Any) -> ReliabilityModel:
        """An unfitted copy with the same parameters, some overridden."""
        params = self.get_params()
        params.update(overrides)
        return ReliabilityModel(**params)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"ReliabilityModel({args})"

    def _validate_params(self) -> None:
        _check_features(self.features)
        a = self.alpha
        if isinstance(a, bool) or not isinstance(a, int | float) or not math.isfinite(a) or a < 0:
            raise ValueError(f"alpha must be a finite number >= 0; got {a!r}")
        for name, low in (("n_bootstrap", 0), ("max_iter", 1)):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int | np.integer) or v < low:
                raise ValueError(f"{name} must be an integer >= {low}; got {v!r}")
        t = self.tol
        if isinstance(t, bool) or not isinstance(t, int | float) or not math.isfinite(t) or t <= 0:
            raise ValueError(f"tol must be a finite number > 0; got {t!r}")
        rs = self.random_state
        if rs is not None and (isinstance(rs, bool) or not isinstance(rs, int | np.integer)):
            raise ValueError(f"random_state must be an integer or None; got {rs!r}")

    def _check_x(self, x: Any, n_features: int) -> np.ndarray:
        if isinstance(x, pd.DataFrame):
            missing = [f for f in self.features if f not in x.columns]
            if missing:
                raise ValueError(f"X lacks feature column(s) {missing}")
            x = x[list(self.features)]
        arr = np.asarray(x, dtype=float)
        if arr.ndim != 2:
            raise ValueError(f"X must be 2-dimensional (n, {n_features}); got shape {arr.shape}")
        if arr.shape[1] != n_features:
            raise ValueError(
                f"X has {arr.shape[1]} columns; the model expects {n_features} "
                f"({', '.join(self.features)})"
            )
        if not np.isfinite(arr).all():
            raise ValueError("X contains NaN or infinite values")
        return arr

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise NotFittedError(
                "this ReliabilityModel is not fitted yet; call fit(X, y) before using it"
            )

    # -- fitting
    def fit(self, X: Any, y: Any, groups: Any = None) -> Self:
        """Fit the model; bootstrap the coefficients by resampling ``groups``.

        Parameters
        ----------
        X : array-like or DataFrame, shape (n, n_features)
            Feature matrix (columns in the order of ``features``; a DataFrame is selected by
            name).
        y : array-like, shape (n,)
            1 = honoured, 0 = violated.
        groups : array-like, shape (n,), optional
            The war of each observation; the bootstrap resamples wars, so that the dependence
            between opportunities of one war is kept. Default: each observation its own group.

        Returns
        -------
        ReliabilityModel
            ``self``.
        """
        self._validate_params()
        k = len(self.features)
        x = self._check_x(X, k)
        yy = np.asarray(y)
        if yy.ndim != 1 or yy.shape[0] != x.shape[0]:
            raise ValueError(f"y must have shape ({x.shape[0]},); got {yy.shape}")
        if not np.isin(yy, (0, 1)).all():
            raise ValueError("y must contain only 0 (violated) and 1 (honoured)")
        yy = yy.astype(float)
        if np.unique(yy).size < 2:
            raise ValueError("y must contain both outcomes (0 and 1) to fit a model")
        if groups is None:
            codes = np.arange(x.shape[0])
        else:
            g = np.asarray(groups)
            if g.ndim != 1 or g.shape[0] != x.shape[0]:
                raise ValueError(f"groups must have shape ({x.shape[0]},); got {g.shape}")
            _, codes = np.unique(g, return_inverse=True)
        n_groups = int(codes.max()) + 1

        mean = x.mean(axis=0)
        scale = x.std(axis=0)
        # A constant column carries no information; leaving its scale at 1 keeps it harmless.
        scale = np.where(scale > 0, scale, 1.0)
        z = (x - mean) / scale

        point = fit_logistic_batch(
            z,
            yy,
            np.ones((1, x.shape[0])),
            float(self.alpha),
            max_iter=self.max_iter,
            tol=self.tol,
        )
        b0, b = self._unstandardise(point.beta, mean, scale)
        self.coef_ = b[0]
        self.intercept_ = float(b0[0])
        self.converged_ = bool(point.converged[0])
        self.n_iter_ = point.n_iter

        n_boot = int(self.n_bootstrap)
        if n_boot > 0:
            rng = make_rng(self.random_state)
            # One index matrix: row r lists the groups drawn by replicate r. Counting them gives
            # each observation's weight in that replicate.
            idx = rng.integers(0, n_groups, size=(n_boot, n_groups))
            flat = (idx + n_groups * np.arange(n_boot)[:, None]).ravel()
            counts = np.bincount(flat, minlength=n_boot * n_groups).reshape(n_boot, n_groups)
            weights = counts[:, codes].astype(float)
            boot = fit_logistic_batch(
                z, yy, weights, float(self.alpha), max_iter=self.max_iter, tol=self.tol
            )
            bb0, bb = self._unstandardise(boot.beta, mean, scale)
            self.coef_draws_ = bb
            self.intercept_draws_ = bb0
            self.bootstrap_converged_ = float(boot.converged.mean())
        else:
            self.coef_draws_ = np.empty((0, k))
            self.intercept_draws_ = np.empty(0)
            self.bootstrap_converged_ = float("nan")

        self.classes_ = np.array([0, 1])
        self.n_features_in_ = k
        self.feature_names_in_ = tuple(self.features)
        self.mean_ = mean
        self.scale_ = scale
        self.base_rate_ = float(yy.mean())
        self.n_groups_ = n_groups
        self.n_samples_ = int(x.shape[0])
        return self

    @staticmethod
    def _unstandardise(
        beta: np.ndarray, mean: np.ndarray, scale: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        b = beta[:, 1:] / scale
        return beta[:, 0] - b @ mean, b

    # -- prediction
    def decision_function(self, X: Any) -> np.ndarray:
        """Log-odds of honouring, shape ``(n,)``."""
        self._check_fitted()
        x = self._check_x(X, self.n_features_in_)
        return np.asarray(self.intercept_ + x @ self.coef_, dtype=float)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities, shape ``(n, 2)``: column 0 violated, column 1 honoured."""
        p = expit(self.decision_function(X))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: Any) -> np.ndarray:
        """1 where honouring is more likely than not."""
        return (self.decision_function(X) > 0).astype(int)

    def sample_probabilities(
        self, X: Any, n_draws: int, rng: int | np.random.Generator | None = None
    ) -> np.ndarray:
        """Honour probabilities under ``n_draws`` bootstrap draws of the coefficients.

        Parameters
        ----------
        X : array-like, shape (n, n_features)
        n_draws : int
            Draws wanted (replicates are chosen uniformly with replacement).
        rng : int, Generator or None
            Randomness (see :func:`foedus._rng.make_rng`).

        Returns
        -------
        ndarray, shape (n_draws, n)
            Row *d* holds every obligation's probability under replicate *d*, so correlated
            uncertainty (one coefficient vector per world) reaches the Monte Carlo.

        Raises
        ------
        NotFittedError
            The model is unfitted or was fitted with ``n_bootstrap=0``.
        """
        self._check_fitted()
        if self.coef_draws_.shape[0] == 0:
            raise NotFittedError("no bootstrap draws: fit with n_bootstrap > 0")
        if isinstance(n_draws, bool) or not isinstance(n_draws, int | np.integer) or n_draws < 1:
            raise ValueError(f"n_draws must be a positive integer; got {n_draws!r}")
        x = self._check_x(X, self.n_features_in_)
        pick = make_rng(rng).integers(0, self.coef_draws_.shape[0], size=int(n_draws))
        z = self.intercept_draws_[pick][:, None] + self.coef_draws_[pick] @ x.T
        return np.asarray(expit(z))


# ----------------------------------------------------------------------------- assessments
def shift_logit(p: Any, delta: Any) -> np.ndarray:
    """Shift probabilities on the log-odds scale: ``expit(logit(p) + delta)``.

    This is how an expert assessment moves reliability openly: ``delta = -1`` roughly
    multiplies the odds of honouring by 0.37. 0 and 1 stay where they are; arrays broadcast.

    Parameters
    ----------
    p : array-like
        Probabilities in [0, 1].
    delta : array-like
        Finite log-odds shifts.

    Examples
    --------
    >>> float(shift_logit(0.5, np.log(3.0)))
    0.75
    >>> shift_logit([0.2, 0.8], 0.0).round(3).tolist()
    [0.2, 0.8]
    """
    pp = np.asarray(p, dtype=float)
    dd = np.asarray(delta, dtype=float)
    if np.isnan(pp).any() or (pp < 0).any() or (pp > 1).any():
        raise ValueError("p must contain probabilities in [0, 1]")
    if not np.isfinite(dd).all():
        raise ValueError("delta must be finite")
    with np.errstate(divide="ignore"):
        return np.asarray(expit(logit(pp) + dd))


# ----------------------------------------------------------------------------- evaluation
def _check_pair(y: Any, p: Any) -> tuple[np.ndarray, np.ndarray]:
    yy = np.asarray(y, dtype=float)
    pp = np.asarray(p, dtype=float)
    if yy.shape != pp.shape or yy.ndim != 1 or yy.size == 0:
        raise ValueError(
            f"y and p must be 1-d of equal, non-zero length; got {yy.shape}, {pp.shape}"
        )
    if not np.isin(yy, (0.0, 1.0)).all():
        raise ValueError("y must contain only 0 and 1")
    if np.isnan(pp).any() or (pp < 0).any() or (pp > 1).any():
        raise ValueError("p must contain probabilities in [0, 1]")
    return yy, pp


def brier_score(y: Any, p: Any) -> float:
    """Mean squared difference between outcome and forecast probability.

    >>> brier_score([1, 0], [0.8, 0.4])
    0.1
    """
    yy, pp = _check_pair(y, p)
    return float(np.round(np.mean((pp - yy) ** 2), 15))


def log_loss(y: Any, p: Any, eps: float = 1e-15) -> float:
    """Mean negative log-likelihood, probabilities clipped to ``[eps, 1 - eps]``."""
    yy, pp = _check_pair(y, p)
    q = np.clip(pp, eps, 1.0 - eps)
    return float(-np.mean(yy * np.log(q) + (1.0 - yy) * np.log1p(-q)))


@dataclass(frozen=True)
class ReliabilityDiagram:
    """Calibration by bins of forecast probability (equal widths on [0, 1]).

    ``mean_predicted`` and ``observed`` are NaN in empty bins.
    """

    lower: np.ndarray
    upper: np.ndarray
    count: np.ndarray
    mean_predicted: np.ndarray
    observed: np.ndarray

    def to_dict(self) -> list[dict[str, float | int | None]]:
        """One JSON-friendly dict per bin."""

        def num(v: float) -> float | None:
            return None if math.isnan(v) else round(float(v), 6)

        return [
            {
                "lower": round(float(lo), 6),
                "upper": round(float(hi), 6),
                "n": int(c),
                "mean_predicted": num(mp),
                "observed": num(ob),
            }
            for lo, hi, c, mp, ob in zip(
                self.lower,
                self.upper,
                self.count,
                self.mean_predicted,
                self.observed,
                strict=True,
            )
        ]


def reliability_diagram(y: Any, p: Any, n_bins: int = 5) -> ReliabilityDiagram:
    """Bin forecasts into ``n_bins`` equal-width bins and compare with the observed rate."""
    yy, pp = _check_pair(y, p)
    if n_bins < 1:
        raise ValueError("n_bins must be at least 1")
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    b = np.clip(np.digitize(pp, edges[1:-1], right=False), 0, n_bins - 1)
    count = np.bincount(b, minlength=n_bins)
    sum_p = np.bincount(b, weights=pp, minlength=n_bins)
    sum_y = np.bincount(b, weights=yy, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_p = np.where(count > 0, sum_p / count, np.nan)
        obs = np.where(count > 0, sum_y / count, np.nan)
    return ReliabilityDiagram(edges[:-1], edges[1:], count, mean_p, obs)


def grouped_folds(
    groups: Any, n_splits: int | None = None, seed: int | None = None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Train/test index pairs in which no group (war) is on both sides.

    Parameters
    ----------
    groups : array-like, shape (n,)
    n_splits : int, optional
        Number of folds; ``None`` is leave-one-group-out.
    seed : int, optional
        Shuffles groups into folds when ``n_splits`` is given.
    """
    g = np.asarray(groups)
    if g.ndim != 1 or g.size == 0:
        raise ValueError("groups must be a non-empty 1-d array")
    uniq, codes = np.unique(g, return_inverse=True)
    n_groups = uniq.size
    if n_splits is None:
        fold_of_group = np.arange(n_groups)
        k = n_groups
    else:
        if n_splits < 2 or n_splits > n_groups:
            raise ValueError(f"n_splits must be between 2 and the {n_groups} groups")
        perm = make_rng(seed).permutation(n_groups)
        fold_of_group = np.empty(n_groups, dtype=int)
        fold_of_group[perm] = np.arange(n_groups) % n_splits
        k = n_splits
    fold = fold_of_group[codes]
    idx = np.arange(g.size)
    return [(idx[fold != f], idx[fold == f]) for f in range(k)]


@dataclass(frozen=True)
class CrossValidation:
    """Out-of-fold figures of a grouped cross-validation.

    ``p_base`` is, for each observation, the honour rate of the data its fold was fitted on —
    the forecast a model with no covariates would have made; ``brier_skill`` compares the model
    with it. ``brier_pooled_base`` uses the honour rate of all the data instead (a forecast that
    has seen the scored wars' outcomes, so a slightly stricter yardstick).
    """

    n: int
    n_groups: int
    n_folds: int
    base_rate: float
    p_model: np.ndarray
    p_base: np.ndarray
    y: np.ndarray
    brier_model: float
    brier_base: float
    brier_pooled_base: float
    log_loss_model: float
    log_loss_base: float
    diagram: ReliabilityDiagram = field(repr=False)

    @property
    def brier_skill(self) -> float:
        """1 − Brier(model) / Brier(fold base rate)."""
        return 1.0 - self.brier_model / self.brier_base

    @property
    def brier_skill_pooled(self) -> float:
        """1 − Brier(model) / Brier(pooled base rate)."""
        return 1.0 - self.brier_model / self.brier_pooled_base

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly summary."""
        return {
            "n": self.n,
            "wars": self.n_groups,
            "folds": self.n_folds,
            "base_rate": round(self.base_rate, 6),
            "brier_model": round(self.brier_model, 6),
            "brier_base_rate": round(self.brier_base, 6),
            "brier_pooled_base_rate": round(self.brier_pooled_base, 6),
            "brier_skill": round(self.brier_skill, 6),
            "brier_skill_pooled": round(self.brier_skill_pooled, 6),
            "log_loss_model": round(self.log_loss_model, 6),
            "log_loss_base_rate": round(self.log_loss_base, 6),
            "reliability_diagram": self.diagram.to_dict(),
        }


def cross_validate(
    model: ReliabilityModel,
    X: Any,
    y: Any,
    groups: Any,
    *,
    n_splits: int | None = None,
    seed: int | None = None,
    n_bins: int = 5,
) -> CrossValidation:
    """Grouped cross-validation: each fold's wars are scored by a model fitted without them.

    Parameters
    ----------
    model : ReliabilityModel
        Its parameters are used (the bootstrap is skipped in the folds); it is not modified.
    X, y, groups
        As for :meth:`ReliabilityModel.fit`; ``groups`` is required here.
    n_splits : int, optional
        ``None`` (default) is leave-one-war-out.
    seed : int, optional
        Assignment of wars to folds when ``n_splits`` is given.
    n_bins : int
        Bins of the reliability diagram.
    """
    yy = np.asarray(y, dtype=float)
    x = np.asarray(X[list(model.features)] if isinstance(X, pd.DataFrame) else X, dtype=float)
    folds = grouped_folds(groups, n_splits, seed)
    p_model = np.empty(yy.size)
    p_base = np.empty(yy.size)
    for train, test in folds:  # one fit per fold (a few dozen), not per draw
        m = model.clone(n_bootstrap=0).fit(x[train], yy[train], np.asarray(groups)[train])
        p_model[test] = m.predict_proba(x[test])[:, 1]
        p_base[test] = m.base_rate_
    base = float(yy.mean())
    return CrossValidation(
        n=int(yy.size),
        n_groups=int(np.unique(np.asarray(groups)).size),
        n_folds=len(folds),
        base_rate=base,
        p_model=p_model,
        p_base=p_base,
        y=yy,
        brier_model=brier_score(yy, p_model),
        brier_base=brier_score(yy, p_base),
        brier_pooled_base=brier_score(yy, np.full(yy.size, base)),
        log_loss_model=log_loss(yy, p_model),
        log_loss_base=log_loss(yy, p_base),
        diagram=reliability_diagram(yy, p_model, n_bins),
    )


@dataclass(frozen=True)
class Evaluation:
    """A fitted model scored on new data, beside the fitting data's honour rate."""

    n: int
    base_rate: float
    brier_model: float
    brier_base_rate: float
    log_loss_model: float
    log_loss_base_rate: float
    diagram: ReliabilityDiagram = field(repr=False)

    @property
    def brier_skill(self) -> float:
        """1 − Brier(model) / Brier(base rate)."""
        return 1.0 - self.brier_model / self.brier_base_rate if self.brier_base_rate else 0.0


def evaluate(model: ReliabilityModel, X: Any, y: Any, *, n_bins: int = 5) -> Evaluation:
    """Score a fitted model on ``(X, y)``; the base rate is the model's training honour rate."""
    model._check_fitted()
    p = model.predict_proba(X)[:, 1]
    yy, _ = _check_pair(y, p)
    base = np.full(yy.size, model.base_rate_)
    return Evaluation(
        n=int(yy.size),
        base_rate=model.base_rate_,
        brier_model=brier_score(yy, p),
        brier_base_rate=brier_score(yy, base),
        log_loss_model=log_loss(yy, p),
        log_loss_base_rate=log_loss(yy, base),
        diagram=reliability_diagram(yy, p, n_bins),
    )


# ----------------------------------------------------------------------------- engine adapter
RELIABILITY_SOURCES = (
    "Berkemeier & Fuhrmann 2018, Research & Politics 5(2) (performance opportunities 1816–2003, "
    "Leeds–Long–Mitchell coding)",
    "Leeds, Long & Mitchell 2000, J. Conflict Resolution 44(5)",
    "Leeds 2003, International Organization 57(4) (change since signing)",
    "ATOP 5.1 (Leeds et al. 2002); COW NMC; V-Dem v10",
)

# Only these obligation kinds can bring an ally into the war; the engine's base-rate provider
# gives the others probability 0 and this adapter follows the same convention.
_FIGHTING_KINDS = ("defense", "offense", "neutrality")


def covariates_to_frame(covariates: Any) -> pd.DataFrame:
    """A covariate frame from the engine's ``ObligationCovariates`` (one kind per row).

    The engine knows the single obligation invoked, so the pact's type flags are that kind;
    change since signing and wartime signing are not tracked by the engine and are 0.
    """
    kind = np.asarray(covariates.kind).astype(str)
    n = kind.size
    opp = np.asarray(covariates.obliged_polyarchy, dtype=float)
    pro = np.asarray(covariates.protected_polyarchy, dtype=float)
    with np.errstate(invalid="ignore"):
        min_poly = np.fmin(opp, pro)
    return pd.DataFrame(
        {
            "post1945": np.asarray(covariates.post1945, dtype=float),
            "multilateral": 1.0 - np.asarray(covariates.bilateral, dtype=float),
            "defense": (kind == "defense").astype(float),
            "offense": (kind == "offense").astype(float),
            "neutral": (kind == "neutrality").astype(float),
            "nonagg": (kind == "nonaggression").astype(float),
            "consul": (kind == "consultation").astype(float),
            "wartime": np.zeros(n),
            "capability_change": np.zeros(n),
            "democracy_change": np.zeros(n),
            "major_power": (
                np.asarray(covariates.obliged_major_power, dtype=bool)
                | np.asarray(covariates.protected_major_power, dtype=bool)
            ).astype(float),
            "min_polyarchy": min_poly,
            "institutionalised": np.asarray(covariates.institutionalised, dtype=float),
            "specific_threat": np.zeros(n),
            "years_in_force": np.asarray(covariates.years_in_force, dtype=float),
            "n_members": np.asarray(covariates.n_members, dtype=float),
        }
    )


@dataclass(frozen=True)
class ModelProvider:
    """The fitted model as the engine's ``ReliabilityProvider``.

    ``honour_probability(covariates, worlds, seed)`` returns ``(worlds, n)`` probabilities, one
    bootstrap replicate of the coefficients per world (keyed stream ``("reliability",
    "bootstrap")`` so that compared scenarios share the draws).
    """

    model: ReliabilityModel
    name: str = "logistic reliability model (fitted on Berkemeier & Fuhrmann 2018)"
    sources: tuple[str, ...] = RELIABILITY_SOURCES

    def honour_probability(self, covariates: Any, worlds: int, seed: int) -> np.ndarray:
        """Draw honour probabilities per world."""
        from foedus.engine._streams import stream

        frame = covariates_to_frame(covariates)
        x = design_matrix(frame, self.model.feature_names_in_)
        p = self.model.sample_probabilities(x, worlds, stream(seed, "reliability", "bootstrap"))
        fights = np.isin(np.asarray(covariates.kind).astype(str), _FIGHTING_KINDS)
        return np.where(fights[None, :], p, 0.0)


def fit_default(
    data_dir: str | Path | None = None, *, n_bootstrap: int = 1000, random_state: int = 0
) -> tuple[ReliabilityModel, pd.DataFrame]:
    """Fit the default model on the data directory's reliability file; return it and its table."""
    from foedus.data.reliability import reliability_table

    table = reliability_table(data_dir)
    model = ReliabilityModel(n_bootstrap=n_bootstrap, random_state=random_state)
    model.fit(design_matrix(table), table["honoured"].to_numpy(), table["warid"].to_numpy())
    return model, table


def load_provider(
    data_dir: str | Path | None = None, *, n_bootstrap: int = 1000, random_state: int = 0
) -> ModelProvider:
    """Fit the default model on ``data_dir`` (default ``$FOEDUS_DATA``) and wrap it.

    Raises
    ------
    DataNotFoundError
        The reliability file or a covariate dataset is missing.
    """
    model, _ = fit_default(data_dir, n_bootstrap=n_bootstrap, random_state=random_state)
    return ModelProvider(model)
