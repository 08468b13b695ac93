"""Where the probability that an ally honours a triggered obligation comes from.

The cascade asks one question of the reliability model: for these obligations (described by
their covariates), what is the probability that each is honoured, in each of ``worlds`` draws of
the model's own uncertainty? Anything that answers it is a :class:`ReliabilityProvider`:

* :class:`BaseRateProvider` — the literature's base rates (Berkemeier & Fuhrmann 2018), with
  binomial (Beta posterior) uncertainty and an era adjustment for post-1945 obligations. This is
  the documented fallback used when no fitted model is available.
* the fitted logistic model of :mod:`foedus.engine.reliability`, adapted by
  :func:`fitted_provider` when that module and its data are available.

Expert assessments and scenario modifications shift the answer on the log-odds scale afterwards,
in the engine, so that their effect is open and switchable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol, runtime_checkable

import numpy as np
from scipy.special import expit, logit

from foedus.engine._streams import stream

#: Berkemeier & Fuhrmann 2018 (Research & Politics 5(2)): honoured / opportunities, 1816–2003.
BF2018_BY_KIND: dict[str, tuple[int, int]] = {
    "defense": (42, 102),
    "offense": (31, 42),
    "neutrality": (35, 45),
}
#: Berkemeier & Fuhrmann 2018 by era: all obligation types pooled.
BF2018_ALL = (73, 146)
BF2018_POST1945 = (12, 54)
BF2018_SOURCE = (
    "Berkemeier & Fuhrmann 2018, Research & Politics 5(2): honoured 73/146 overall, 12/54 in "
    "1945–2003; defence 42/102, offence 31/42, neutrality 35/45"
)


@dataclass(frozen=True)
class ObligationCovariates:
    """The obligations to score, one row per (obliged actor, protected actor, obligation).

    Every field is an array of length ``n`` (the number of obligations).

    Parameters
    ----------
    kind : ndarray of str
        ATOP obligation type: ``defense``, ``offense``, ``neutrality``, ``nonaggression``,
        ``consultation``.
    post1945 : ndarray of bool
        The commitment is scored for a date after 1945.
    bilateral : ndarray of bool
        The pact has two members.
    n_members : ndarray of int
    obliged_major_power, protected_major_power : ndarray of bool
        COW major-power status (False when unknown).
    obliged_polyarchy, protected_polyarchy : ndarray of float
        V-Dem electoral democracy index (NaN when unknown).
    capability_ratio : ndarray of float
        CINC of the obliged actor over CINC of the protected one (NaN when unknown).
    years_in_force : ndarray of float
        Years from the tie's start to the as-of date.
    institutionalised : ndarray of bool
        The pact runs through an organisation (``via``), as NATO's Article 5 does.
    labels : tuple of str
        A readable label per row (``usa-kor-1953:USA→KOR``).
    """

    kind: np.ndarray
    post1945: np.ndarray
    bilateral: np.ndarray
    n_members: np.ndarray
    obliged_major_power: np.ndarray
    protected_major_power: np.ndarray
    obliged_polyarchy: np.ndarray
    protected_polyarchy: np.ndarray
    capability_ratio: np.ndarray
    years_in_force: np.ndarray
    institutionalised: np.ndarray
    labels: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return int(self.kind.shape[0])

    def to_frame(self) -> Any:
        """The covariates as a pandas DataFrame (one row per obligation)."""
        import pandas as pd

        return pd.DataFrame(
            {
                "kind": self.kind,
                "post1945": self.post1945,
                "bilateral": self.bilateral,
                "n_members": self.n_members,
                "obliged_major_power": self.obliged_major_power,
                "protected_major_power": self.protected_major_power,
                "obliged_polyarchy": self.obliged_polyarchy,
                "protected_polyarchy": self.protected_polyarchy,
                "capability_ratio": self.capability_ratio,
                "years_in_force": self.years_in_force,
                "institutionalised": self.institutionalised,
            },
            index=list(self.labels) or None,
        )


@runtime_checkable
class ReliabilityProvider(Protocol):
    """Anything that gives honour probabilities for obligations, with their uncertainty."""

    @property
    def name(self) -> str:
        """Short name shown in the provenance of every number that used it."""
        ...

    @property
    def sources(self) -> tuple[str, ...]:
        """The references the probabilities rest on."""
        ...

    def honour_probability(
        self, covariates: ObligationCovariates, worlds: int, seed: int
    ) -> np.ndarray:
        """Probabilities, shape ``(worlds, len(covariates))``, each row one draw of the model."""
        ...


@dataclass(frozen=True)
class BaseRateProvider:
    """Literature base rates: the fallback when no fitted reliability model is available.

    The probability for an obligation of kind *k* is the Berkemeier & Fuhrmann (2018) honour
    rate of that kind; obligations scored after 1945 are shifted on the log-odds scale by the
    difference between the post-1945 rate (22%) and the overall rate (50%), because the
    authors' central finding is that reliability fell after 1945. Uncertainty is binomial: each
    world draws every rate from its Beta(k + 1, n − k + 1) posterior.

    Consultation and non-aggression obligations do not commit anyone to fight, so they never
    bring an ally into the war (probability 0 of joining); their ties still count as sympathy.

    Parameters
    ----------
    era_adjust : bool
        Apply the post-1945 shift (default True).

    Examples
    --------
    >>> import numpy as np
    >>> cov = ObligationCovariates(
    ...     kind=np.array(["defense"]), post1945=np.array([False]), bilateral=np.array([True]),
    ...     n_members=np.array([2]), obliged_major_power=np.array([False]),
    ...     protected_major_power=np.array([False]), obliged_polyarchy=np.array([np.nan]),
    ...     protected_polyarchy=np.array([np.nan]), capability_ratio=np.array([np.nan]),
    ...     years_in_force=np.array([1.0]), institutionalised=np.array([False]))
    >>> p = BaseRateProvider().honour_probability(cov, worlds=4000, seed=1)
    >>> round(float(p.mean()), 2)
    0.41
    """

    era_adjust: bool = True
    name: str = "base rates (Berkemeier & Fuhrmann 2018)"
    sources: tuple[str, ...] = (BF2018_SOURCE,)

    def honour_probability(
        self, covariates: ObligationCovariates, worlds: int, seed: int
    ) -> np.ndarray:
        """Draw honour probabilities per world; see the class docstring."""
        n = len(covariates)
        out = np.zeros((worlds, n))
        kinds = covariates.kind
        rate: dict[str, np.ndarray] = {}
        for kind, (k, total) in BF2018_BY_KIND.items():
            rate[kind] = stream(seed, "base-rate", kind).beta(k + 1, total - k + 1, worlds)
        shift = np.zeros(worlds)
        if self.era_adjust:
            k0, n0 = BF2018_ALL
            k1, n1 = BF2018_POST1945
            era = stream(seed, "base-rate", "era")
            shift = logit(era.beta(k1 + 1, n1 - k1 + 1, worlds)) - logit(
                era.beta(k0 + 1, n0 - k0 + 1, worlds)
            )
        for kind, draws in rate.items():
            cols = kinds == kind
            if not cols.any():
                continue
            base = np.broadcast_to(logit(draws)[:, None], (worlds, int(cols.sum())))
            post = covariates.post1945[cols][None, :]
            out[:, cols] = expit(base + np.where(post, shift[:, None], 0.0))
        return out


def fitted_provider(data_dir: str | None = None) -> ReliabilityProvider | None:
    """The fitted reliability model as a provider, or None when it is not available.

    It needs :mod:`foedus.engine.reliability` (the calibrated logistic model) and the
    reliability data in ``data_dir`` (default ``$FOEDUS_DATA``); a missing dataset falls back to
    None so that the caller can use :class:`BaseRateProvider` and say so. Fitted models are
    cached per data directory for the life of the process.
    """
    from foedus.errors import FoedusError
    from foedus.paths import data_dir as resolve_data_dir

    where = resolve_data_dir(data_dir)
    if where is None:
        return None
    try:
        return _fit_cached(str(where))
    except (FoedusError, ImportError, OSError, ValueError):
        return None


@lru_cache(maxsize=4)
def _fit_cached(where: str) -> ReliabilityProvider:
    from foedus.engine.reliability import load_provider

    return load_provider(where)


def default_provider(data_dir: str | None = None) -> ReliabilityProvider:
    """The fitted model when its data are available, otherwise the literature base rates."""
    return fitted_provider(data_dir) or BaseRateProvider()
