"""The strict reader: every quirk accepted, every damage refused with file, line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foedus.data import load
from foedus.data._csv import Col, TableSpec, partial_dates, read_table
from foedus.data._datasets import MIDB, NMC, STATES
from foedus.errors import DataFormatError, DataNotFoundError


def test_bom_crlf_and_unterminated_last_line_are_read(fixtures_dir: Path) -> None:
    df = read_table(fixtures_dir / "states_crlf_bom.csv", STATES.spec)
    assert list(df.columns[:2]) == ["stateabb", "ccode"]  # the BOM is not part of the name
    assert df["ccode"].tolist() == [2, 20, 31]
    assert df["version"].tolist() == [2016, 2016, 2016]
    assert df["source_line"].tolist() == [2, 3, 4]
    assert not df["stateabb"].str.contains("\r").any()


def test_partial_dates_become_earliest_start_and_latest_end(fixtures_dir: Path) -> None:
    df = load("cow_states", path=fixtures_dir / "states_crlf_bom.csv")
    b = df.set_index("ccode").loc[20]
    assert b["start_date"] == pd.Timestamp(1920, 1, 1)  # month -9, day 0
    assert b["start_precision"] == "year"
    c = df.set_index("ccode").loc[31]
    assert c["start_date"] == pd.Timestamp(1973, 7, 1) and c["start_precision"] == "month"
    assert c["end_date"] == pd.Timestamp(1990, 12, 31) and c["end_precision"] == "year"


def test_partial_dates_end_of_month_respects_month_length() -> None:
    d, p = partial_dates(pd.Series([1900, 2000]), pd.Series([2, 2]), pd.Series([0, -9]), end=True)
    assert d.tolist() == [pd.Timestamp(1900, 2, 28), pd.Timestamp(2000, 2, 29)]
    assert p.tolist() == ["month", "month"]


def test_mid_missing_codes_are_missing_not_numbers(fixtures_dir: Path) -> None:
    df = load("mid_b", path=fixtures_dir / "midb_partial_dates.csv")
    assert df["stday"].isna().tolist() == [True, True, False]
    assert df["fatality"].isna().tolist() == [False, True, False]
    assert df["start_date"].iloc[0] == pd.Timestamp(1902, 7, 1)
    assert df["start_precision"].tolist() == ["month", "year", "year"]
    assert df["stabb"].tolist() == ["AAA", "BBB", "AAA"]  # quotes removed


def test_polity_special_codes_become_missing(fixtures_dir: Path) -> None:
    df = load("polity", path=fixtures_dir / "p5v2018.csv")
    assert df["polity"].isna().tolist() == [False, True, True, True]
    assert df["polity2"].tolist()[0] == 10
    assert np.isnan(df["polity2"].iloc[1]) and df["polity2"].iloc[3] == -3
    assert df["democ"].isna().sum() == 3


def test_nmc_v6_abridged_layout_and_minus_nine(fixtures_dir: Path) -> None:
    df = load("nmc", path=fixtures_dir / "NMC-60-abridged.csv")
    assert df.attrs["source"]["version"] == "2017"  # the version column of the file
    assert np.isnan(df["milex"].iloc[1]) and np.isnan(df["cinc"].iloc[2])
    assert df["cinc"].iloc[0] == pytest.approx(0.0397)


def test_sipri_register_preamble_latin1_and_broken_rows(fixtures_dir: Path) -> None:
    df = load("sipri_trade", path=fixtures_dir / "trade-register.csv")
    assert len(df) == 3
    assert df["recipient"].tolist() == ["Alphaland", "Betaland", "Gammaland"]
    assert "refit in" in df["comments"].iloc[1] and "Gammaland yards" in df["comments"].iloc[1]
    assert df["sipri tiv for total order"].tolist() == [180, 10, 5]
    assert df["comments"].iloc[2] == "Café deal"
    assert df["source_line"].tolist() == [13, 14, 16]


# --- damage ------------------------------------------------------------------------------------

GOOD_NMC = (
    "ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n"
    "2,1816,3823,17,80,254,8659,101,0.0397\n"
    "2,1817,2466,15,80,277,8899,106,0.0358\n"
    "20,1920,100,5,0,30,800,60,0.002\n"
)


def _write(tmp_path: Path, text: str | bytes, name: str = "cow_nmc_7.0.csv") -> Path:
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode())
    return p


@pytest.mark.parametrize(
    ("text", "row", "column", "words"),
    [
        (
            GOOD_NMC.replace("2,1817,2466,15,80,277,8899,106,0.0358", "2,1817,2466,15"),
            3,
            "irst",
            "too few fields",
        ),
        (GOOD_NMC.replace("0.0358", "0.0358,9,9"), 3, "#10", "too many fields"),
        (GOOD_NMC.replace("8899", "88x9"), 3, "tpop", "not a number"),
        (GOOD_NMC.replace("0.0358", "1.5"), 3, "cinc", "outside the valid range"),
        (GOOD_NMC.replace("20,1920", "20.5,1920"), 4, "ccode", "whole number"),
        (GOOD_NMC.replace(",cinc", ",cinq"), 1, None, "lacks required column"),
        (GOOD_NMC.replace("milex,milper", "milex,milex"), 1, None, "duplicate column"),
        (GOOD_NMC[:-1], 4, None, "truncated"),
        (GOOD_NMC.replace("2,1817", "\n2,1817"), 3, None, "blank line"),
        (GOOD_NMC + "2,1816,1,1,1,1,1,1,0.1\n", 5, None, "duplicate record"),
        ("", 1, None, "empty"),
        (GOOD_NMC.encode().replace(b"8659", b"86\xff9"), 2, None, "not valid utf-8"),
    ],
)
def test_malformed_nmc_is_refused_with_line_and_column(
    tmp_path: Path, text: str | bytes, row: int, column: str | None, words: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(DataFormatError) as info:
        load("nmc", path=path)
    err = info.value
    assert err.file == str(path)
    assert err.row == row
    assert err.column == column
    assert words in str(err)
    assert str(path) in str(err)


def test_version_stamp_catches_a_cut_inside_the_last_field(
    tmp_path: Path, shared_data: Path
) -> None:
    raw = (shared_data / "cow-states-2016" / "states2016.csv").read_bytes()
    cut = _write(tmp_path, raw[:-2], "states2016.csv")  # "…,2016" becomes "…,20"
    with pytest.raises(DataFormatError, match="version stamp") as info:
        load("cow_states", path=cut)
    assert info.value.column == "version"
    assert info.value.row == raw.count(b"\n") + 1


def test_missing_file_is_a_not_found_error(tmp_path: Path) -> None:
    with pytest.raises(DataNotFoundError, match="not found"):
        load("nmc", tmp_path)


def test_required_value_missing_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_NMC.replace("20,1920", ",1920"))
    with pytest.raises(DataFormatError, match="needs one") as info:
        load("nmc", path=path)
    assert (info.value.row, info.value.column) == (4, "ccode")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(min_value=1, max_value=10_000))
def test_truncation_anywhere_never_gives_wrong_numbers(
    tmp_path_factory: pytest.TempPathFactory, shared_data: Path, cut: int
) -> None:
    """A file cut at any byte either fails or gives exactly a prefix of the true rows."""
    tmp = tmp_path_factory.mktemp("cut")
    for folder, name, spec in (
        ("cow-mid-5.0", "MIDB_5.0.csv", MIDB.spec),
        ("cow-nmc-7.0", "cow_nmc_7.0.csv", NMC.spec),
    ):
        src = shared_data / folder / name
        raw = src.read_bytes()[:12_000]
        raw = raw[: raw.rfind(b"\n") + 1]  # a whole-line sample of the real file
        full = read_table(_write(tmp, raw, name), spec)
        k = min(cut, len(raw) - 1)
        path = _write(tmp, raw[:k], name)
        try:
            part = read_table(path, spec)
        except DataFormatError:
            continue
        n = len(part)
        cols = [c.name for c in spec.columns if c.name in full.columns]
        pd.testing.assert_frame_equal(part[cols], full[cols].iloc[:n], check_dtype=False)


def test_spec_without_required_columns_keeps_unknown_columns_typed(tmp_path: Path) -> None:
    path = _write(tmp_path, "a,b,label\n1,2.5,x\n3,,y\n", "t.csv")
    df = read_table(path, TableSpec(columns=(Col("a"),)))
    assert df["b"].dtype == float and np.isnan(df["b"].iloc[1])
    assert df["label"].tolist() == ["x", "y"]


def test_copy_of_real_file_reads_like_the_original(tmp_path: Path, shared_data: Path) -> None:
    src = shared_data / "cow-states-2016" / "majors2016.csv"
    dst = tmp_path / "majors2016.csv"
    shutil.copy(src, dst)
    a = load("cow_majors", path=dst)
    b = load("cow_majors", path=src)
    pd.testing.assert_frame_equal(a, b)


def test_official_atop_ddyr_layout_takes_peacesciencer_names(fixtures_dir: Path) -> None:
    df = load("atop_ddyr", path=fixtures_dir / "atop5_1ddyr.csv")
    assert {"ccode1", "ccode2", "atop_defense", "atop_offense"} <= set(df.columns)
    assert df["atop_offense"].tolist() == [1, 0]  # directed: the obligation runs one way
    assert df["asymm"].tolist() == [0, 1]


def test_official_vdem_layout_uses_cow_codes(fixtures_dir: Path) -> None:
    df = load("vdem", path=fixtures_dir / "V-Dem-CY-Core-v10.csv")
    assert df["ccode"].tolist() == [2, 20]  # a country without a COW code is dropped
    assert df["v2x_polyarchy"].iloc[0] == pytest.approx(0.8)
    assert np.isnan(df["v2x_polyarchy"].iloc[1])


@given(
    y=st.integers(1816, 2020),
    m=st.sampled_from([-9, 0, *range(1, 13)]),
    d=st.sampled_from([-9, 0, *range(1, 32)]),
)
def test_partial_date_windows_contain_every_possible_day(y: int, m: int, d: int) -> None:
    s = pd.Series
    start, p1 = partial_dates(s([y]), s([m]), s([d]), end=False)
    end, p2 = partial_dates(s([y]), s([m]), s([d]), end=True)
    assert p1[0] == p2[0]
    assert start[0] <= end[0]
    assert start[0].year == end[0].year == y
    if p1[0] == "year":
        assert (start[0].month, start[0].day, end[0].month, end[0].day) == (1, 1, 12, 31)
    else:
        assert start[0].month == end[0].month == m
    if p1[0] == "day":
        assert start[0] == end[0]
