"""The sustainment model against closed forms and a slow month-by-month reference."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.analysis.sustainment import (
    DAYS_PER_MONTH,
    DEFAULT_PARAMETERS,
    INTENSITY_PRESETS,
    CitedRange,
    Supplier,
    SustainmentParameters,
    months_of_fire,
    sustainment,
)


def fixed(v: float, unit: str = "x") -> CitedRange:
    return CitedRange.fixed(v, unit)


def deterministic(
    stock: float, production: float, imports: float, fire: float
) -> SustainmentParameters:
    return SustainmentParameters(
        stock=fixed(stock),
        production=fixed(production),
        production_trend=fixed(0.0),
        suppliers=(Supplier("PRK", fixed(imports), fixed(1.0)),),
        intensity=fixed(fire),
        horizon_months=600,
    )


def reference_months(
    stock: float,
    production: float,
    p_trend: float,
    imports: list[float],
    i_trends: list[float],
    fire: float,
    horizon: int,
) -> float:
    """Month by month, with a plain loop."""
    level = stock
    for month in range(horizon):
        years = month / 12
        supply = production * (1 + p_trend) ** years + sum(
            q * (1 + g) ** years for q, g in zip(imports, i_trends, strict=True)
        )
        net = (supply / 365.25 - fire) * DAYS_PER_MONTH
        if level + net < 0:
            return month + level / -net
        level += net
    return math.inf


@pytest.mark.parametrize(
    ("stock", "production", "imports", "fire"),
    [(3e6, 2.1e6, 2e6, 20_000), (1e6, 0.0, 0.0, 10_000), (5e6, 1e6, 1e6, 44_500)],
)
def test_deterministic_closed_form(
    stock: float, production: float, imports: float, fire: float
) -> None:
    res = sustainment(deterministic(stock, production, imports, fire), draws=3, seed=0)
    deficit = fire - (production + imports) / 365.25
    expected = stock / deficit / DAYS_PER_MONTH
    assert res.baseline.months == pytest.approx(np.full(3, expected))
    deficit_without = fire - production / 365.25
    assert res.without[0].months == pytest.approx(
        np.full(3, stock / deficit_without / DAYS_PER_MONTH)
    )


def test_supply_covering_fire_lasts_forever() -> None:
    res = sustainment(deterministic(1e6, 3e6, 1e6, 10_000), draws=5, seed=0)
    assert res.baseline.p_beyond_horizon == 1.0
    assert res.baseline.quantiles()["q50"] is None
    assert res.to_dict()["share_of_fire_covered"] == pytest.approx(4e6 / 365.25 / 10_000)
    # without the supplier, 3e6 a year is 8,214 a day: short of 10,000
    assert res.without[0].p_beyond_horizon == 0.0


@settings(max_examples=80, deadline=None)
@given(
    stock=st.floats(0, 1e7),
    production=st.floats(0, 5e6),
    p_trend=st.floats(-0.6, 0.6),
    imports=st.lists(st.floats(0, 4e6), min_size=0, max_size=3),
    trend=st.floats(-0.6, 0.6),
    fire=st.floats(1_000, 60_000),
    horizon=st.integers(1, 150),
)
def test_kernel_matches_month_by_month_loop(
    stock: float,
    production: float,
    p_trend: float,
    imports: list[float],
    trend: float,
    fire: float,
    horizon: int,
) -> None:
    trends = [trend] * len(imports)
    got = months_of_fire(
        np.array([stock]),
        np.array([production]),
        np.array([p_trend]),
        np.array([imports]).reshape(1, len(imports)),
        np.array([trends]).reshape(1, len(imports)),
        np.array([fire]),
        horizon,
    )[0]
    expected = reference_months(stock, production, p_trend, imports, trends, fire, horizon)
    if math.isinf(expected):
        assert math.isinf(got)
    else:
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_common_random_numbers_order_the_scenarios() -> None:
    res = sustainment(DEFAULT_PARAMETERS.with_intensity(20_000), draws=4_000, seed=7)
    # per draw, removing a supplier can never lengthen the war
    assert np.all(res.without[0].months <= res.baseline.months)
    assert np.all(res.without[0].supply_per_day < res.baseline.supply_per_day)


def test_median_against_triangular_closed_form() -> None:
    # Only the stock is uncertain; months are stock / deficit, so the median is the triangular
    # median (mode below the midpoint: b − sqrt((b − a)(b − c) / 2)) divided by the deficit.
    a, c, b = 1e6, 3e6, 6e6
    params = replace(
        deterministic(1.0, 1e6, 1e6, 20_000),
        stock=CitedRange(a, c, b, "rounds", "t", "t"),
        horizon_months=24,  # the stock runs out within 14 months in every draw
    )
    res = sustainment(params, draws=40_000, seed=3)
    deficit = (20_000 - 2e6 / 365.25) * DAYS_PER_MONTH
    expected = (b - math.sqrt((b - a) * (b - c) / 2)) / deficit
    q50 = res.baseline.quantiles()["q50"]
    assert q50 is not None
    # Monte Carlo error of a median: ~ 1.25 sd / sqrt(n); sd of this triangular ~ 1.03e6 / deficit
    assert q50 == pytest.approx(expected, abs=4 * 1.25 * 1.03e6 / deficit / math.sqrt(40_000))


def test_same_seed_same_result_and_parameters_are_cited() -> None:
    a = sustainment(draws=500, seed=11)
    b = sustainment(draws=500, seed=11)
    assert np.array_equal(a.baseline.months, b.baseline.months)
    d = a.to_dict()["parameters"]
    for key in ("stock", "production", "intensity"):
        assert d[key]["source"] and d[key]["note"]
    assert d["suppliers"][0]["deliveries"]["source"]
    assert "placeholder" in d["stock"]["source"]
    for preset in INTENSITY_PRESETS.values():
        assert preset.source and preset.unit == "rounds/day"


def test_parameters_are_immutable_and_checked() -> None:
    with pytest.raises(AttributeError):
        DEFAULT_PARAMETERS.horizon_months = 5  # type: ignore[misc]
    with pytest.raises(ValueError):
        CitedRange(3, 2, 4, "x", "s", "n")
    with pytest.raises(KeyError):
        DEFAULT_PARAMETERS.without("CHN")
    assert DEFAULT_PARAMETERS.without("PRK").suppliers == ()
