"""Reliability loaders: the real files against the published figures, and malformed fixtures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from foedus.data.reliability import (
    COVARIATE_COLUMNS,
    add_covariates,
    find_reliability_file,
    load_berkemeier_fuhrmann,
    load_leeds_anac,
    performance_opportunities,
    reliability_table,
    war_start_year,
)
from foedus.engine.reliability import design_matrix
from foedus.errors import DataFormatError, DataNotFoundError

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "reliability"


# ----------------------------------------------------------------------------- real files
@pytest.fixture(scope="module")
def table(shared_data: Path):  # type: ignore[no-untyped-def]
    return reliability_table(shared_data)


def test_bf_file_counts(shared_data: Path) -> None:
    bf = load_berkemeier_fuhrmann(shared_data)
    opp = performance_opportunities(bf)
    # The shared copy is a subset (some wars withheld): fewer rows than the published 146
    # opportunities, but the same coding.
    assert len(opp) < 146 and len(opp) > 100
    assert set(opp["honoured"].unique()) == {0, 1}
    assert (opp["dnallm"].fillna(0) == 0).all()
    assert opp["warid"].nunique() < len(opp)


def test_bf_rates_match_literature(shared_data: Path) -> None:
    """Honour rates of the subset lie close to Berkemeier & Fuhrmann's published rates."""
    opp = performance_opportunities(load_berkemeier_fuhrmann(shared_data))
    y = opp["honoured"].to_numpy()
    era = opp["sample"].to_numpy() == 1
    published = {
        "all": (73 / 146, np.ones(len(opp), bool)),
        "before 1945": (61 / 92, era),
        "1945-2003": (12 / 54, ~era),
        "defence": (42 / 102, opp["defense"].to_numpy() == 1),
        "offence": (31 / 42, opp["offense"].to_numpy() == 1),
        "neutrality": (35 / 45, opp["neutral"].to_numpy() == 1),
    }
    for name, (rate, mask) in published.items():
        assert abs(y[mask].mean() - rate) < 0.07, name
    # and the published counts bound the subset's
    assert y[era].sum() <= 61 + 5 and y[~era].sum() <= 12


def test_leeds_anac_file(shared_data: Path) -> None:
    la = load_leeds_anac(shared_data)
    assert len(la) > 100
    # Leeds, Long & Mitchell: about three quarters honoured 1816–1944.
    assert 0.6 < la["honor3"].mean() < 0.85
    assert la["ccode1"].between(2, 999).all()


def test_covariates_joined(table) -> None:  # type: ignore[no-untyped-def]
    for col in COVARIATE_COLUMNS:
        assert col in table.columns
    assert table["wartime"].notna().all()
    assert table["capability_change"].dropna().between(0, 1).all()
    assert table["democracy_change"].dropna().between(0, 1).all()
    assert table["capability_change"].notna().mean() > 0.9
    assert (table["n_members"] >= 2).all()
    assert table["post1945"].sum() > 20


def test_features_do_not_leak_outcome(table) -> None:  # type: ignore[no-untyped-def]
    """Scrambling every outcome coding leaves the design matrix unchanged."""
    x = design_matrix(table)
    scrambled = table.copy()
    rng = np.random.default_rng(0)
    for col in (
        "honoured",
        "honorllm",
        "violatellm",
        "honorbf",
        "violatebf",
        "sabhon",
        "sabvio",
        "dnabf",
        "sabroskyhonorbf",
        "sabroskyhonorllm",
    ):
        if col in scrambled.columns:
            scrambled[col] = rng.permutation(scrambled[col].to_numpy())
    scrambled["warid"] = rng.permutation(scrambled["warid"].to_numpy())
    np.testing.assert_array_equal(design_matrix(scrambled), x)


def test_find_file_in_folder_or_directly(shared_data: Path) -> None:
    p = find_reliability_file("berkemeier_fuhrmann_2018.csv", shared_data)
    assert p.parent.name == "alliance-reliability"
    assert find_reliability_file("berkemeier_fuhrmann_2018.csv", p.parent) == p


# ----------------------------------------------------------------------------- fixtures
def test_small_fixture_opportunities() -> None:
    opp = performance_opportunities(load_berkemeier_fuhrmann(path=FIX / "bf_small.csv"))
    assert len(opp) == 6
    assert opp["honoured"].sum() == 3
    assert opp["war_year"].iloc[0] == 1870
    # the nameless war has no year: the file's era flag (sample=1) decides
    nameless = opp[opp["warname"] == "Nameless war"]
    assert np.isnan(nameless["war_year"].iloc[0]) and not nameless["post1945"].iloc[0]
    assert opp.loc[opp["warid"] == 901, "post1945"].all()


def test_crlf_and_bom(tmp_path: Path) -> None:
    raw = (FIX / "bf_small.csv").read_bytes().replace(b"\n", b"\r\n")
    f = tmp_path / "bf.csv"
    f.write_bytes(b"\xef\xbb\xbf" + raw)
    a = load_berkemeier_fuhrmann(path=f)
    b = load_berkemeier_fuhrmann(path=FIX / "bf_small.csv")
    assert list(a.columns) == list(b.columns)
    assert a.drop(columns="source_line").equals(b.drop(columns="source_line"))


@pytest.mark.parametrize(
    ("name", "row", "column"),
    [
        ("bf_bad_flag.csv", 3, "offense"),
        ("bf_both_coded.csv", 3, "honorLLM"),
        ("bf_short_row.csv", 4, None),
        ("bf_missing_column.csv", 1, None),
    ],
)
def test_malformed_bf(name: str, row: int, column: str | None) -> None:
    with pytest.raises(DataFormatError) as info:
        performance_opportunities(load_berkemeier_fuhrmann(path=FIX / name))
    err = info.value
    assert name in err.file
    assert err.row == row
    if column is not None:
        assert (err.column or "").lower() == column.lower()


def test_malformed_leeds_anac() -> None:
    assert len(load_leeds_anac(path=FIX / "la_small.csv")) == 3
    with pytest.raises(DataFormatError) as info:
        load_leeds_anac(path=FIX / "la_bad_honor.csv")
    assert info.value.row == 3 and (info.value.column or "").lower() == "honor3"


def test_missing_files(tmp_path: Path) -> None:
    with pytest.raises(DataNotFoundError):
        load_berkemeier_fuhrmann(tmp_path)
    with pytest.raises(DataNotFoundError):
        load_berkemeier_fuhrmann(path=tmp_path / "nope.csv")
    opp = performance_opportunities(load_berkemeier_fuhrmann(path=FIX / "bf_small.csv"))
    with pytest.raises(DataNotFoundError):
        add_covariates(opp, tmp_path)


def test_fixture_covariates_from_real_atop(shared_data: Path) -> None:
    t = reliability_table(shared_data, path=FIX / "bf_small.csv")
    assert len(t) == 6
    # Joined from ATOP 5.1 by id: 1275 signed 1866, 3322 names a specific threat.
    assert t.loc[t["atopid"] == 1275, "signed_year"].iloc[0] == 1866
    assert t.loc[t["atopid"] == 1275, "years_in_force"].iloc[0] == 4
    assert t.loc[t["atopid"] == 3322, "specific_threat"].iloc[0] == 1
    assert t.loc[t["atopid"] == 3997, "specific_threat"].iloc[0] == 0


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("Crimean1853-1856", 1853),
        ("Korean_1950-53", 1950),
        ("WorldWarI", 1914),
        ("WorldWarII", 1939),
        ("Football_1969", 1969),
        ("Nameless war", None),
        ("War of 12345", None),
    ],
)
def test_war_start_year(name: str, year: int | None) -> None:
    assert war_start_year(name) == year


def test_missing_war_name_falls_back_to_era_flag() -> None:
    opp = performance_opportunities(load_berkemeier_fuhrmann(path=FIX / "bf_no_warname.csv"))
    row = opp[opp["atopid"] == 1280].iloc[0]
    assert np.isnan(row["war_year"]) and not row["post1945"]
    assert len(opp) == 6
