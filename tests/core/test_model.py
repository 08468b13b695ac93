"""Domain types validate themselves: ranges, citations, ids, dates, units, probabilities."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from foedus.model import Actor, Citation, Conditions, Quantity, Range, Tie

CITE = [{"source": "s", "locator": "x"}]


def test_range_orders_and_midpoint() -> None:
    assert Range(low=1, high=3).mid == 2
    assert Range(low=1, high=3, central=2.5).mid == 2.5
    with pytest.raises(ValidationError, match="greater than high"):
        Range(low=3, high=1)
    with pytest.raises(ValidationError, match="outside"):
        Range(low=1, high=3, central=5)


@given(st.floats(-1e9, 1e9), st.floats(-1e9, 1e9))
def test_range_accepts_exactly_ordered_pairs(a: float, b: float) -> None:
    if a <= b:
        assert Range(low=a, high=b).low == a
    else:
        with pytest.raises(ValidationError):
            Range(low=a, high=b)


def test_citation_needs_span_or_locator_and_sane_span() -> None:
    with pytest.raises(ValidationError, match="span or a locator"):
        Citation(source="s")
    with pytest.raises(ValidationError, match="start < end"):
        Citation(source="s", span=(5, 5))
    with pytest.raises(ValidationError, match="hex"):
        Citation(source="s", span=(0, 5), span_sha="XYZ")


def test_state_ids_are_iso3_with_cow_code() -> None:
    with pytest.raises(ValidationError, match="ISO 3166"):
        Actor(id="Russia", kind="state", name="Russia", cow_code=365)
    with pytest.raises(ValidationError, match="COW code"):
        Actor(id="RUS", kind="state", name="Russia")
    assert Actor(id="RUS", kind="state", name="Russia", cow_code=365).cow_code == 365


def test_tie_defaults_sign_and_direction_by_kind() -> None:
    pact = Tie(
        id="p", kind="defense_pact", members=("A", "B"), start=dt.date(2000, 1, 1), cite=CITE
    )
    sanction = Tie(
        id="s", kind="sanctions", members=("A", "B"), start=dt.date(2000, 1, 1), cite=CITE
    )
    assert (pact.sign, pact.directed) == (1, False)
    assert (sanction.sign, sanction.directed) == (-1, True)
    with pytest.raises(ValidationError, match="before start"):
        Tie(id="p", kind="war", members=("A", "B"), start="2001-01-01", end="2000-01-01", cite=CITE)
    with pytest.raises(ValidationError, match="exactly two"):
        Tie(id="p", kind="sanctions", members=("A", "B", "C"), start="2001-01-01", cite=CITE)


def test_tie_in_force_is_start_inclusive_end_exclusive() -> None:
    tie = Tie(
        id="p", kind="war", members=("A", "B"), start="2001-01-01", end="2002-01-01", cite=CITE
    )
    assert not tie.in_force(dt.date(2000, 12, 31))
    assert tie.in_force(dt.date(2001, 1, 1))
    assert tie.in_force(dt.date(2001, 12, 31))
    assert not tie.in_force(dt.date(2002, 1, 1))


def test_units_and_probabilities_are_checked() -> None:
    with pytest.raises(ValidationError, match="unknown unit"):
        Quantity(low=1, high=2, unit="bananas")
    with pytest.raises(ValidationError):
        Conditions(limited_strike_counts=1.5)


def test_objects_are_immutable() -> None:
    r = Range(low=1, high=2)
    with pytest.raises(ValidationError):
        r.low = 0  # type: ignore[misc]
