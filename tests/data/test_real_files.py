"""The loaders on the real files in ../shared/data: counts, figures and structure."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from foedus.data import DATASETS, available, load


def _raw_value(path: Path, key: dict[str, str], column: str) -> str:
    """The cell as written in the file, read with nothing but the csv module."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            if all(row[k] == v for k, v in key.items()):
                return row[column]
    raise AssertionError(f"no row {key} in {path}")


def test_every_shared_dataset_is_found_and_reads(shared_data: Path) -> None:
    found = available(shared_data)
    # Everything in ../shared/data (see its README); polity, vdem, the official ddyr layout and
    # SIPRI are user downloads that are not shipped there.
    expected = {d.key for d in DATASETS} - {"polity", "vdem", "atop_ddyr", "sipri_trade"}
    assert expected <= set(found)
    for key in expected:
        df = load(key, path=found[key])
        assert len(df) > 0
        assert df["source_line"].is_monotonic_increasing
        assert df.attrs["source"]["sha256"] == next(d.sha256 for d in DATASETS if d.key == key)


def test_atop_has_789_alliances_and_2510_member_rows(shared_data: Path) -> None:
    a = load("atop_alliances", shared_data)
    assert len(a) == 789 and a["atopid"].is_unique
    m = load("atop_members", shared_data)
    assert len(m) == 2510
    assert set(m["atopid"]) == set(a["atopid"])
    # Members listed at alliance level are the members of the member-level file.
    nato = a.set_index("atopid").loc[3180, "members"]
    assert set(nato) == set(m.loc[m["atopid"] == 3180, "member"])


def test_state_system_2016_lists_243_spells(shared_data: Path) -> None:
    s = load("cow_states", shared_data)
    assert len(s) == 243
    assert (s["end_date"] >= s["start_date"]).all()
    system = load("cow_system", shared_data)
    # Every state-year of system2016 lies inside one of the spells.
    yrs = system.merge(s[["ccode", "styear", "endyear"]], on="ccode")
    inside = yrs[(yrs["year"] >= yrs["styear"]) & (yrs["year"] <= yrs["endyear"])]
    assert inside[["ccode", "year"]].drop_duplicates().shape[0] == len(system)


@pytest.mark.parametrize(("ccode", "published"), [(2, 0.133254), (710, 0.230825)])
def test_usa_and_china_cinc_2016_match_nmc(shared_data: Path, ccode: int, published: float) -> None:
    nmc = load("nmc", shared_data)
    row = nmc[(nmc["ccode"] == ccode) & (nmc["year"] == 2016)]
    assert len(row) == 1
    value = float(row["cinc"].iloc[0])
    raw = _raw_value(
        shared_data / "cow-nmc-7.0" / "cow_nmc_7.0.csv",
        {"ccode": str(ccode), "year": "2016"},
        "cinc",
    )
    assert value == float(raw)
    assert value == pytest.approx(published, abs=5e-7)  # NMC 7.0 as published
    line = int(row["source_line"].iloc[0])
    text = (shared_data / "cow-nmc-7.0" / "cow_nmc_7.0.csv").read_text().splitlines()[line - 1]
    assert text.startswith(f"{ccode},2016,")


def test_mid_files_agree_with_each_other(shared_data: Path) -> None:
    a = load("mid_a", shared_data)
    b = load("mid_b", shared_data)
    assert len(a) == 2436 and len(b) == 5883
    counts = b.groupby(["dispnum", "sidea"]).size().unstack(fill_value=0)
    merged = a.set_index("dispnum").join(counts)
    assert (merged["numa"] == merged[1]).mean() > 0.99
    assert b["start_date"].notna().all()


def test_reliability_files_load(shared_data: Path) -> None:
    bf = load("reliability_bf", shared_data)
    assert {"honorllm", "violatellm", "dnallm"} <= set(bf.columns)
    opportunities = bf[bf["dnallm"].fillna(0) != 1]
    assert len(opportunities) == 119
    coded = (opportunities["honorllm"].fillna(0) == 1) | (
        opportunities["violatellm"].fillna(0) == 1
    )
    assert coded.all()
    la = load("reliability_la", shared_data)
    assert la["honor3"].dropna().isin([0, 1]).all()
