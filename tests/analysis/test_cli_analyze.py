"""``foedus analyze`` driven as a user would: exit codes, stderr, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foedus.analysis import SignedGraph, frustration_index, read_signed_edges
from foedus.cli.main import main
from foedus.errors import DataFormatError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "analysis"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_balance_on_edge_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", "balance", "--edges", str(FIXTURES / "four_nodes.csv"),
                       "--json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert {"frustration_index", "exact", "camps", "frustrated_edges"} <= set(data)
    assert data["exact"] is True
    # the a-b-c triangle is unbalanced (++-); the cheapest edge to break is a weight-1 positive
    assert data["frustration_index"] == 1.0
    assert sorted(data["camps"][0] + data["camps"][1]) == ["a", "b", "c", "d"]
    assert len(data["frustrated_edges"]) == 1
    assert data["frustrated_edges"][0]["sign"] == 1
    assert data["triads"]["++-"] == 1


def test_balance_on_the_bundled_pack(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", "balance", "--as-of", "2024-07-15", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["exact"] is True
    camp_of = {a: i for i, camp in enumerate(data["camps"]) for a in camp}
    assert camp_of["RUS"] == camp_of["PRK"]
    assert camp_of["USA"] == camp_of["KOR"] == camp_of["JPN"]
    assert camp_of["USA"] != camp_of["RUS"]
    for item in data["frustrated_edges"]:
        assert item["ties"]  # every frustrated edge is traced to ties


def test_heuristic_flag_reports_a_bound(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", "balance", "--edges", str(FIXTURES / "four_nodes.csv"),
                       "--heuristic", "--json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["method"] == "heuristic"
    assert data["frustration_index"] >= 1.0


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("source,target\na,b\n", 1, None),
        ("source,target,sign\na,b,+\nb,c,maybe\n", 3, "sign"),
        ("source,target,sign,weight\na,b,+,-2\n", 2, "weight"),
        ("source,target,sign,weight\na,b,+,x\n", 2, "weight"),
        ("source,target,sign\na,b,+\nb,a,-\n", 3, "source"),
        ("source,target,sign\na,a,+\n", 2, "target"),
        ("source,target,sign\n,a,+\n", 2, "source"),
        ("source,target,sign\na,b\n", 2, None),
    ],
)
def test_bad_csv_names_file_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int, column: str | None
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_signed_edges(path)
    assert info.value.row == line
    assert info.value.column == column
    code, _, err = run(capsys, "analyze", "balance", "--edges", str(path))
    assert code == 2
    assert "bad.csv" in err and "Traceback" not in err


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "analyze", "balance", "--edges", str(tmp_path / "none.csv"))
    assert code == 2
    assert "no such file" in err


def test_csv_round_trip_matches_the_api() -> None:
    g = read_signed_edges(FIXTURES / "four_nodes.csv")
    same = SignedGraph.from_edges(
        [("a", "b", 1, 1), ("b", "c", -1, 2), ("a", "c", 1), ("c", "d", -1)]
    )
    assert frustration_index(g).frustration_index == frustration_index(same).frustration_index


def test_bench_balance_runs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bench", "balance", "--sizes", "20", "--json")
    assert code == 0
    rows = json.loads(out)
    assert rows[0]["nodes"] == 20 and rows[0]["exact"]
    assert rows[0]["heuristic"] >= rows[0]["index"]


def test_sustainment_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", "sustainment", "--intensity", "20000", "--draws", "500",
                       "--seed", "2", "--json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["intensity_per_day"] == 20_000
    names = [s["scenario"] for s in data["scenarios"]]
    assert names == ["all suppliers", "without PRK"]
    base, without = data["scenarios"]
    assert without["months"]["q50"] < base["months"]["q50"]
    assert data["parameters"]["suppliers"][0]["deliveries"]["source"]


def test_sustainment_fixed_stock_closed_form(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", "sustainment", "--intensity", "aug-2024", "--stock", "0",
                       "--json", "--draws", "10")  # fmt: skip
    assert code == 0
    assert json.loads(out)["scenarios"][0]["months"]["q50"] == 0.0


def test_sustainment_bad_intensity(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "analyze", "sustainment", "--intensity", "lots")
    assert code == 2
    assert "preset" in err


def test_mapping_overrides_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", "balance", "--weight", "war=2", "--sign", "sanctions=+1",
                       "--orgs", "drop", "--without", "rus-prk-csp-2024", "--json")  # fmt: skip
    assert code == 0
    mapping = json.loads(out)["mapping"]
    assert mapping["weights"]["war"] == 2.0
    assert mapping["signs"]["sanctions"] == 1
    assert mapping["orgs"] == "drop"
    assert mapping["tie_weights"] == {"rus-prk-csp-2024": 0.0}
    for bad in (["--weight", "bogus=1"], ["--sign", "war=0"], ["--weight", "war=x"],
                ["--orgs", "merge"], ["--without", "no-such-tie"]):  # fmt: skip
        code, _, err = run(capsys, "analyze", "balance", *bad)
        assert code == 2 and "error" in err
