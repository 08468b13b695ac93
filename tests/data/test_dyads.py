"""Directed dyad-years: the frame's shape, its covariates, and agreement with peacesciencer."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from foedus.data import Catalogue, directed_dyad_years, load, write_dyad_years
from foedus.errors import FoedusError


@pytest.fixture(scope="module")
def frame(real_catalogue: Catalogue) -> pd.DataFrame:
    return directed_dyad_years(1990, 2018, catalogue=real_catalogue)


def test_one_row_per_ordered_pair_of_system_members(frame: pd.DataFrame, shared_data: Path) -> None:
    system = load("cow_system", shared_data)
    n = system[system["year"].between(1990, 2016)].groupby("year").size()
    n = pd.concat([n, pd.Series({2017: n[2016], 2018: n[2016]})])
    assert len(frame) == int((n * (n - 1)).sum())
    assert not frame.duplicated(["ccode1", "ccode2", "year"]).any()
    assert (frame["ccode1"] != frame["ccode2"]).all()
    assert list(frame.columns[:3]) == ["ccode1", "ccode2", "year"]


def test_atop_columns_from_the_member_file_agree_with_atop_dyads(
    real_catalogue: Catalogue, shared_data: Path
) -> None:
    ours = directed_dyad_years(1830, 1850, catalogue=real_catalogue, atop_source="atop_members")
    late = directed_dyad_years(2000, 2005, catalogue=real_catalogue, atop_source="atop_members")
    ref = load("atop_ddy", shared_data)
    # The 1830s hold the Quadruple Alliance, whose British obligations run to Spain and Portugal
    # only: the member file cannot say so, hence the lower bar there.
    for frame_, bar in ((ours, 0.95), (late, 0.99)):
        m = frame_.merge(ref, on=["ccode1", "ccode2", "year"], suffixes=("", "_ps"))
        assert len(m) > 1000
        for o in ("defense", "offense", "neutral", "nonagg", "consul"):
            agree = (m[f"atop_{o}"] == m[f"atop_{o}_ps"]).mean()
            assert agree > bar, (o, agree)
            # The member file can only over-state a directed obligation (asymmetric pacts),
            # never miss one.
            assert (m[f"atop_{o}"] >= m[f"atop_{o}_ps"]).all()


def test_atop_columns_equal_the_dyad_file_when_present(
    frame: pd.DataFrame, shared_data: Path
) -> None:
    ref = load("atop_ddy", shared_data)
    m = frame.merge(ref, on=["ccode1", "ccode2", "year"], how="left", suffixes=("", "_ps"))
    for o in ("defense", "offense", "neutral", "nonagg", "consul"):
        expected = m[f"atop_{o}_ps"].fillna(0).astype(int)
        assert (m[f"atop_{o}"].astype(int) == expected).all(), o


def test_capabilities_and_ratio(frame: pd.DataFrame, shared_data: Path) -> None:
    nmc = load("nmc", shared_data).set_index(["ccode", "year"])["cinc"]
    row = frame[(frame["ccode1"] == 2) & (frame["ccode2"] == 710) & (frame["year"] == 2016)]
    assert row["cinc1"].item() == pytest.approx(nmc.loc[(2, 2016)])
    assert row["cinc2"].item() == pytest.approx(nmc.loc[(710, 2016)])
    ok = frame["cinc2"] > 0
    np.testing.assert_allclose(
        frame.loc[ok, "cinc_ratio"], frame.loc[ok, "cinc1"] / frame.loc[ok, "cinc2"]
    )
    both = frame["cinc1"].notna() & frame["cinc2"].notna() & ((frame["cinc1"] + frame["cinc2"]) > 0)
    s = frame.loc[both, "cinc_share1"]
    assert ((s >= 0) & (s <= 1)).all()


def test_symmetric_covariates_swap_with_the_pair(frame: pd.DataFrame) -> None:
    sample = frame[frame["year"] == 2000].head(5000)
    swapped = frame.merge(
        sample[["ccode1", "ccode2", "year"]].rename(
            columns={"ccode1": "ccode2", "ccode2": "ccode1"}
        ),
        on=["ccode1", "ccode2", "year"],
    )
    joined = sample.merge(
        swapped,
        left_on=["ccode1", "ccode2", "year"],
        right_on=["ccode2", "ccode1", "year"],
        suffixes=("", "_r"),
    )
    for col in ("cinc", "v2x_polyarchy", "polity2"):
        pd.testing.assert_series_equal(joined[f"{col}1"], joined[f"{col}2_r"], check_names=False)
    assert (joined["cowmidonset"] == joined["cowmidonset_r"]).all()


def test_mid_onsets_match_the_participant_file(frame: pd.DataFrame, shared_data: Path) -> None:
    b = load("mid_b", shared_data)
    d = b[b["styear"] == 2000]
    pairs = d.merge(d, on="dispnum")
    pairs = pairs[pairs["sidea_x"] != pairs["sidea_y"]]
    expected = {(int(r.ccode_x), int(r.ccode_y)) for r in pairs.itertuples()}
    got = frame[(frame["year"] == 2000) & (frame["cowmidonset"] == 1)]
    got_pairs = set(zip(got["ccode1"].astype(int), got["ccode2"].astype(int), strict=True))
    assert expected <= got_pairs
    assert (frame["cowmidonset"] <= frame["cowmidongoing"]).all()


def test_parquet_output_is_written_atomically(real_catalogue: Catalogue, tmp_path: Path) -> None:
    out = tmp_path / "dyads.parquet"
    n = write_dyad_years(out, 2015, 2016, catalogue=real_catalogue)
    back = pd.read_parquet(out)
    assert len(back) == n > 0
    assert not list(tmp_path.glob(".*tmp"))
    assert {"ccode1", "ccode2", "year", "cinc1", "atop_defense", "cowmidonset"} <= set(back)


@pytest.mark.parametrize(("a", "b"), [(1800, 1900), (2000, 2020), (2001, 2000)])
def test_year_range_is_checked(real_catalogue: Catalogue, a: int, b: int) -> None:
    with pytest.raises(FoedusError):
        directed_dyad_years(a, b, catalogue=real_catalogue)
