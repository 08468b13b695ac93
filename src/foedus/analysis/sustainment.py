"""How long a war of attrition can be fed: a stock-and-flow Monte Carlo of artillery ammunition.

One belligerent (by default Russia's artillery in Ukraine) holds a stock of shells, produces more
at home, imports from suppliers (by default North Korea), and fires at a chosen daily intensity.
For each draw of the uncertain inputs the stock evolves month by month::

    stock(t) = stock(0) + Σ_{s<t} days(s) · [ production(s) + Σ_k usable_k · imports_k(s) − fire ]

with each rate growing (or shrinking) geometrically by its annual trend. *Months of sustainable
fire* is the first time the stock reaches zero (linearly interpolated within the month), or "at
least the horizon" when it never does. With constant rates this is the closed form
``stock(0) / (fire − supply)`` (in days, divided by 365.25/12), and infinite when supply covers
fire. The same draws are reused with each supplier removed in turn (common random numbers), so
the differences between scenarios are not Monte Carlo noise.

Each uncertain input is a :class:`CitedRange` (low, central, high, unit, source and a paraphrase
of what the source says) drawn from a triangular distribution over ``[low, high]`` with its mode at
``central``. :data:`DEFAULT_PARAMETERS` holds the open estimates of ``docs/LITERATURE.md``; the
initial stock is *not* in it and is flagged as a placeholder assumption to replace.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from foedus._rng import make_rng
from foedus.analysis._signed import FloatArray

__all__ = [
    "DAYS_PER_MONTH",
    "DEFAULT_PARAMETERS",
    "INTENSITY_PRESETS",
    "CitedRange",
    "ScenarioOutcome",
    "Supplier",
    "SustainmentParameters",
    "SustainmentResult",
    "months_of_fire",
    "sustainment",
]

DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class CitedRange:
    """An uncertain input: ``low ≤ central ≤ high`` in ``unit``, with where it comes from.

    Parameters
    ----------
    low, central, high : float
    unit : str
    source : str
        Short citation (who, when, where).
    note : str
        What the source says, in our words (a paraphrase, never a quotation).

    Examples
    --------
    >>> r = CitedRange(1.0, 2.0, 4.0, "shells/year", "example", "an example")
    >>> float(r.sample(make_rng(1), 10_000).mean()).__round__(1)
    2.3
    """

    low: float
    central: float
    high: float
    unit: str
    source: str
    note: str

    def __post_init__(self) -> None:
        if not self.low <= self.central <= self.high:
            raise ValueError(
                f"expected low <= central <= high, got {self.low}, {self.central}, {self.high}"
            )

    @classmethod
    def fixed(cls, value: float, unit: str, source: str = "user", note: str = "") -> CitedRange:
        """A known value (no uncertainty)."""
        return cls(value, value, value, unit, source, note)

    def sample(self, rng: np.random.Generator, n: int) -> FloatArray:
        """``n`` draws from the triangular distribution (constant when ``low == high``)."""
        if self.high == self.low:
            return np.full(n, float(self.central))
        return rng.triangular(self.low, self.central, self.high, size=n)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "low": self.low,
            "central": self.central,
            "high": self.high,
            "unit": self.unit,
            "source": self.source,
            "note": self.note,
        }


@dataclass(frozen=True)
class Supplier:
    """A foreign supplier of ammunition.

    Parameters
    ----------
    name : str
    deliveries : CitedRange
        Rounds delivered per year.
    usable : CitedRange
        Share of delivered rounds fit to fire (defective or too old to use without rework are
        not).
    trend : CitedRange
        Annual growth rate of deliveries (−0.5 halves them each year).
    """

    name: str
    deliveries: CitedRange
    usable: CitedRange
    trend: CitedRange = field(
        default_factory=lambda: CitedRange.fixed(0.0, "per year", "assumption", "constant rate")
    )


@dataclass(frozen=True)
class SustainmentParameters:
    """Every input of the sustainment model, each with its citation.

    Parameters
    ----------
    stock : CitedRange
        Serviceable rounds in stock at the start.
    production : CitedRange
        Domestic production, rounds per year.
    production_trend : CitedRange
        Annual growth rate of domestic production.
    suppliers : tuple of Supplier
    intensity : CitedRange
        Rounds fired per day.
    horizon_months : int
        How far to simulate; a stock that lasts longer is reported as ``≥ horizon``.
    """

    stock: CitedRange
    production: CitedRange
    production_trend: CitedRange
    suppliers: tuple[Supplier, ...]
    intensity: CitedRange
    horizon_months: int = 120

    def __post_init__(self) -> None:
        if self.horizon_months < 1:
            raise ValueError("horizon_months must be at least 1")
        names = [s.name for s in self.suppliers]
        if len(set(names)) != len(names):
            raise ValueError("supplier names must be unique")
        for r in (self.stock, self.production, self.intensity):
            if r.low < 0:
                raise ValueError("stock, production and intensity cannot be negative")
        for s in self.suppliers:
            if s.deliveries.low < 0 or not 0 <= s.usable.low <= s.usable.high <= 1:
                raise ValueError(f"supplier {s.name}: bad deliveries or usable share")

    def with_intensity(self, rounds_per_day: float, source: str = "user") -> SustainmentParameters:
        """A copy firing a fixed ``rounds_per_day``."""
        return replace(
            self,
            intensity=CitedRange.fixed(rounds_per_day, "rounds/day", source, "chosen intensity"),
        )

    def without(self, supplier: str) -> SustainmentParameters:
        """A copy with one supplier removed."""
        if supplier not in {s.name for s in self.suppliers}:
            raise KeyError(f"no supplier {supplier!r}")
        return replace(self, suppliers=tuple(s for s in self.suppliers if s.name != supplier))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary, with every citation."""
        return {
            "stock": self.stock.to_dict(),
            "production": self.production.to_dict(),
            "production_trend": self.production_trend.to_dict(),
            "suppliers": [
                {
                    "name": s.name,
                    "deliveries": s.deliveries.to_dict(),
                    "usable": s.usable.to_dict(),
                    "trend": s.trend.to_dict(),
                }
                for s in self.suppliers
            ],
            "intensity": self.intensity.to_dict(),
            "horizon_months": self.horizon_months,
        }


_RUSI_2024 = "Watling & Reynolds, RUSI, 2024 (via docs/LITERATURE.md)"

#: Named daily intensities from the open record (rounds per day), see docs/LITERATURE.md.
INTENSITY_PRESETS: Mapping[str, CitedRange] = {
    "rusi-jan-2024": CitedRange.fixed(
        10_000, "rounds/day", "RUSI, January 2024", "Russian fire put at about 10,000 a day"
    ),
    "summer-2023": CitedRange.fixed(
        20_000, "rounds/day", "Ukraine's commander-in-chief", "about 20,000 a day, Aug–Sep 2023"
    ),
    "late-2023": CitedRange.fixed(
        30_000, "rounds/day", "Ukraine's commander-in-chief", "over 30,000 a day, Oct–Dec 2023"
    ),
    "aug-2024": CitedRange.fixed(
        44_500, "rounds/day", "Ukraine's commander-in-chief", "44,500 a day, 6–14 Aug 2024"
    ),
    "early-2022": CitedRange(
        40_000,
        55_000,
        70_000,
        "rounds/day",
        "open estimates for early 2022",
        "between 40,000 and 70,000 a day in the first months of the full-scale war",
    ),
}

DEFAULT_PARAMETERS = SustainmentParameters(
    stock=CitedRange(
        1_000_000,
        3_000_000,
        6_000_000,
        "rounds",
        "assumption (placeholder)",
        "No open estimate of the serviceable stock is recorded in docs/LITERATURE.md; this "
        "range is a placeholder to be replaced. Results that do not depend on it (supply per "
        "day, share of fire covered, sustainable intensity) are reported beside the months.",
    ),
    production=CitedRange(
        1_500_000,
        2_100_000,
        3_000_000,
        "rounds/year",
        _RUSI_2024,
        "RUSI put 2024 production at roughly 1.3 million 152 mm and 0.8 million 122 mm rounds; "
        "the central value is their sum, the low and high a ±30–40% modelling spread.",
    ),
    production_trend=CitedRange.fixed(
        0.0, "per year", "assumption", "production held at its 2024 level"
    ),
    suppliers=(
        Supplier(
            name="PRK",
            deliveries=CitedRange(
                1_000_000,
                2_000_000,
                3_000_000,
                "rounds/year",
                "RUSI 2024 (central); Oct 2024 and late-2025 reports (high, low), via "
                "docs/LITERATURE.md",
                "RUSI counted about 2 million North Korean rounds in 2024; an October 2024 "
                "estimate put the rate near 3 million a year; Ukrainian intelligence said late "
                "in 2025 that deliveries had fallen by more than half.",
            ),
            usable=CitedRange(
                0.5,
                0.75,
                1.0,
                "share",
                "Oct 2024 and late-2025 reports, via docs/LITERATURE.md",
                "Many North Korean shells were reported defective, and about half too old to "
                "fire without rework (late 2025); the central value splits the difference.",
            ),
        ),
    ),
    intensity=INTENSITY_PRESETS["rusi-jan-2024"],
    horizon_months=120,
)


# ---------------------------------------------------------------------------- kernel
def months_of_fire(
    stock: FloatArray,
    production: FloatArray,
    production_trend: FloatArray,
    imports: FloatArray,
    import_trend: FloatArray,
    intensity: FloatArray,
    horizon_months: int,
) -> FloatArray:
    """Months until the stock runs out, for many draws at once (``inf`` beyond the horizon).

    Parameters
    ----------
    stock, production, production_trend, intensity : ndarray, shape (draws,)
        Rounds; rounds per year; annual growth rate; rounds per day.
    imports, import_trend : ndarray, shape (draws, suppliers)
        Usable rounds per year from each supplier; their annual growth rates.
    horizon_months : int

    Returns
    -------
    ndarray, shape (draws,)
        Months (fractional) of sustainable fire; ``inf`` if the stock lasts the whole horizon.
    """
    t = np.arange(horizon_months, dtype=np.float64) / 12.0  # years at the start of each month
    growth_p = (1.0 + production_trend[:, None]) ** t[None, :]  # (draws, months)
    supply = production[:, None] * growth_p
    if imports.shape[1]:
        growth_i = (1.0 + import_trend[:, :, None]) ** t[None, None, :]
        supply = supply + (imports[:, :, None] * growth_i).sum(axis=1)
    net = (supply / 365.25 - intensity[:, None]) * DAYS_PER_MONTH  # rounds gained per month
    level = stock[:, None] + np.cumsum(net, axis=1)  # stock at the end of each month
    before = np.concatenate([stock[:, None], level[:, :-1]], axis=1)
    hit = level < 0
    first = np.where(hit.any(axis=1), hit.argmax(axis=1), -1)
    rows = np.arange(len(stock))
    idx = np.maximum(first, 0)
    # Linear interpolation inside the month in which the stock crosses zero.
    frac = before[rows, idx] / np.where(net[rows, idx] < 0, -net[rows, idx], np.inf)
    months = idx + np.clip(frac, 0.0, 1.0)
    return np.where(first >= 0, months, np.inf)


@dataclass(frozen=True)
class ScenarioOutcome:
    """Months of sustainable fire in one scenario (all suppliers, or one removed)."""

    name: str
    months: FloatArray  # (draws,), inf = beyond the horizon
    supply_per_day: FloatArray  # (draws,) at the start
    horizon_months: int

    @property
    def p_beyond_horizon(self) -> float:
        """Share of draws in which the stock lasts the whole horizon."""
        return float(np.isinf(self.months).mean())

    def quantiles(self, qs: tuple[float, ...] = (0.05, 0.5, 0.95)) -> dict[str, float | None]:
        """Quantiles of the months (``None`` when beyond the horizon)."""
        # No interpolation: a quantile between a finite value and "beyond the horizon" is neither.
        values = np.quantile(self.months, qs, method="inverted_cdf")
        return {
            f"q{round(q * 100):02d}": (None if np.isinf(v) else float(v))
            for q, v in zip(qs, values, strict=True)
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        sq = np.quantile(self.supply_per_day, (0.05, 0.5, 0.95))
        return {
            "scenario": self.name,
            "months": self.quantiles(),
            "p_beyond_horizon": self.p_beyond_horizon,
            "supply_per_day": {"q05": float(sq[0]), "q50": float(sq[1]), "q95": float(sq[2])},
        }


@dataclass(frozen=True)
class SustainmentResult:
    """All scenarios of one run, on common random numbers."""

    parameters: SustainmentParameters
    draws: int
    seed: int | None
    baseline: ScenarioOutcome
    without: tuple[ScenarioOutcome, ...]
    intensity: FloatArray  # (draws,) rounds per day
    imports: FloatArray  # (draws, suppliers) usable rounds per year

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary with the parameters and their citations."""
        base_supply = self.baseline.supply_per_day
        return {
            "draws": self.draws,
            "seed": self.seed,
            "horizon_months": self.parameters.horizon_months,
            "intensity_per_day": float(np.median(self.intensity)),
            "share_of_fire_covered": float(np.median(base_supply / self.intensity)),
            "sustainable_intensity_per_day": float(np.median(base_supply)),
            "supplier_share_of_supply": {
                s.name: float(np.median(self.imports[:, j] / 365.25 / base_supply))
                for j, s in enumerate(self.parameters.suppliers)
            },
            "scenarios": [self.baseline.to_dict(), *(w.to_dict() for w in self.without)],
            "parameters": self.parameters.to_dict(),
        }


def sustainment(
    parameters: SustainmentParameters = DEFAULT_PARAMETERS,
    *,
    draws: int = 10_000,
    seed: int | np.random.Generator | None = None,
) -> SustainmentResult:
    """Months of sustainable fire with all suppliers and without each one.

    Examples
    --------
    >>> res = sustainment(DEFAULT_PARAMETERS.with_intensity(30_000), draws=2_000, seed=1)
    >>> res.baseline.quantiles()["q50"] > res.without[0].quantiles()["q50"]
    True
    >>> res.without[0].name
    'without PRK'
    """
    if draws < 1:
        raise ValueError("draws must be at least 1")
    rng = make_rng(seed)
    p = parameters
    stock = p.stock.sample(rng, draws)
    production = p.production.sample(rng, draws)
    production_trend = p.production_trend.sample(rng, draws)
    intensity = p.intensity.sample(rng, draws)
    k = len(p.suppliers)
    imports = np.zeros((draws, k))
    trends = np.zeros((draws, k))
    for j, s in enumerate(p.suppliers):  # a loop over a handful of suppliers, not over draws
        imports[:, j] = s.deliveries.sample(rng, draws) * s.usable.sample(rng, draws)
        trends[:, j] = s.trend.sample(rng, draws)

    def run(name: str, mask: np.ndarray) -> ScenarioOutcome:
        # In blocks of draws so that the (draws, months) arrays stay within a few hundred MB.
        block = max(1, 2_000_000 // p.horizon_months)
        months = np.concatenate(
            [
                months_of_fire(
                    stock[i : i + block], production[i : i + block],
                    production_trend[i : i + block], imports[i : i + block][:, mask],
                    trends[i : i + block][:, mask], intensity[i : i + block], p.horizon_months,
                )
                for i in range(0, draws, block)
            ]
        )  # fmt: skip
        supply = (production + imports[:, mask].sum(axis=1)) / 365.25
        return ScenarioOutcome(name, months, supply, p.horizon_months)

    all_on = np.ones(k, dtype=bool)
    baseline = run("all suppliers", all_on)
    without = []
    for j, s in enumerate(p.suppliers):
        mask = all_on.copy()
        mask[j] = False
        without.append(run(f"without {s.name}", mask))
    return SustainmentResult(
        parameters=p,
        draws=draws,
        seed=seed if isinstance(seed, int) else None,
        baseline=baseline,
        without=tuple(without),
        intensity=intensity,
        imports=imports,
    )
