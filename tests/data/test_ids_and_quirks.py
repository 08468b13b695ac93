"""COW-to-ISO ids over the whole system, and quirks that must not change any value."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foedus.data import load
from foedus.data._cow_iso import iso3, iso3_array
from foedus.data._csv import read_table
from foedus.data._datasets import NMC


def test_every_state_year_has_an_iso_id_unique_in_its_year(shared_data: Path) -> None:
    system = load("cow_system", shared_data)
    ids = np.concatenate(
        [iso3_array(g["ccode"].to_numpy(), int(y)) for y, g in system.groupby("year")]
    )
    assert all(isinstance(i, str) and len(i) == 3 and i.isupper() for i in ids)
    system = system.sort_values("year").assign(iso=ids)
    dup = system[system.duplicated(["year", "iso"], keep=False)]
    # Only 1990, when COW lists both West Germany (260) and Germany (255).
    assert set(dup["year"]) <= {1990} and set(dup["ccode"]) <= {255, 260}


def test_iso_codes_of_known_states() -> None:
    assert [iso3(c, 2018) for c in (2, 365, 710, 731, 732, 740, 369)] == [
        "USA",
        "RUS",
        "CHN",
        "PRK",
        "KOR",
        "JPN",
        "UKR",
    ]
    assert iso3(345, 1995) == "YUG" and iso3(345, 2006) == "SRB"
    assert iso3(999, 2000) is None


rows = st.lists(
    st.tuples(
        st.integers(1, 999),
        st.integers(1816, 2022),
        st.one_of(st.just(-9), st.integers(0, 10**9)),
        st.floats(0, 1, allow_nan=False).map(lambda x: round(x, 6)),
    ),
    min_size=1,
    max_size=30,
    unique_by=lambda r: (r[0], r[1]),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=rows, crlf=st.booleans(), bom=st.booleans(), final_newline=st.booleans())
def test_line_endings_and_bom_never_change_values(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[int, int, int, float]],
    crlf: bool,
    bom: bool,
    final_newline: bool,
) -> None:
    eol = "\r\n" if crlf else "\n"
    header = "ccode,year,milex,milper,irst,pec,tpop,upop,cinc"
    body = [f"{c},{y},{m},1,2,3,4,5,{k}" for c, y, m, k in rows]
    text = eol.join([header, *body]) + (eol if final_newline else "")
    path = tmp_path_factory.mktemp("q") / "cow_nmc_7.0.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
    if not final_newline:
        # No version stamp in this layout: an unterminated last line is refused as truncated.
        with pytest.raises(Exception, match="truncated"):
            read_table(path, NMC.spec)
        return
    df = read_table(path, NMC.spec)
    assert df["ccode"].tolist() == [r[0] for r in rows]
    assert df["year"].tolist() == [r[1] for r in rows]
    expected_milex = [np.nan if r[2] == -9 else float(r[2]) for r in rows]
    np.testing.assert_array_equal(df["milex"].to_numpy(dtype=float), expected_milex)
    np.testing.assert_array_equal(df["cinc"].to_numpy(), [r[3] for r in rows])
    assert df["source_line"].tolist() == list(range(2, len(rows) + 2))
