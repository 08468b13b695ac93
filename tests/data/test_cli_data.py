"""The data commands end to end: status, import, world, dyads, benches, and clear errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from foedus.cli.main import main
from foedus.packs import load_pack


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_data: Path) -> Path:
    monkeypatch.setenv("FOEDUS_CATALOGUE", str(tmp_path / "cat.duckdb"))
    monkeypatch.setenv("FOEDUS_DATA", str(shared_data))
    return tmp_path


def _json(capsys: pytest.CaptureFixture[str]) -> object:
    return json.loads(capsys.readouterr().out)


def test_status_json_lists_found_datasets(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "status", "--json"]) == 0
    out = _json(capsys)
    by = {d["dataset"]: d for d in out["datasets"]}  # type: ignore[index]
    assert by["atop_alliances"]["rows"] == 789 and by["atop_alliances"]["checksum"] == "official"
    assert by["cow_states"]["rows"] == 243
    assert "Leeds" in by["atop_members"]["citation"]
    assert by["sipri_trade"]["found"] is False


def test_import_then_warm(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data", "import", "--json"]) == 0
    first = _json(capsys)["imports"]  # type: ignore[index]
    assert {r["status"] for r in first} <= {"imported", "missing"}
    assert main(["data", "import", "--json"]) == 0
    again = _json(capsys)["imports"]  # type: ignore[index]
    assert {r["status"] for r in again} <= {"unchanged", "missing"}


def test_world_and_dyads_commands(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = env / "world-1914.yaml"
    assert main(["world", "--year", "1914", "--out", str(out), "--json"]) == 0
    summary = _json(capsys)
    assert summary["states"] == len(load_pack(out).actors)  # type: ignore[index]
    # The analytics run on a world pack unchanged.
    assert main(["analyze", "balance", "--pack", str(out), "--as-of", "2024-01-01"]) == 0
    assert "triads" in capsys.readouterr().out
    pq = env / "d.parquet"
    assert main(["dyads", "--from", "1914", "--to", "1915", "--out", str(pq), "--json"]) == 0
    res = _json(capsys)
    assert res["rows"] == len(pd.read_parquet(pq)) > 0  # type: ignore[index]


def test_world_to_stdout_is_yaml(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["world", "--year", "1816", "--mid-window", "0"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("foedus: 1\nid: world-1816")


def test_malformed_dataset_gives_exit_2_and_names_file_and_row(
    tmp_path: Path,
    shared_data: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "data"
    shutil.copytree(shared_data, data, ignore=shutil.ignore_patterns("*dyad*", "bargaining"))
    data.chmod(0o755)
    for p in data.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    nmc = data / "cow-nmc-7.0" / "cow_nmc_7.0.csv"
    lines = nmc.read_text().splitlines(keepends=True)
    lines[10] = lines[10].replace(",", ",x", 1)
    nmc.write_text("".join(lines))
    monkeypatch.setenv("FOEDUS_CATALOGUE", str(tmp_path / "cat.duckdb"))
    assert main(["world", "--year", "2000", "--data", str(data)]) == 2
    err = capsys.readouterr().err
    assert "cow_nmc_7.0.csv" in err and "row 11" in err and "year" in err
    # status still lists every dataset, and says what is wrong with the damaged one.
    assert main(["data", "status", "--data", str(data), "--json"]) == 0
    by = {d["dataset"]: d for d in json.loads(capsys.readouterr().out)["datasets"]}
    assert "row 11" in by["nmc"]["error"] and by["nmc"]["checksum"] == "differs"
    assert by["cow_states"]["rows"] == 243


def test_missing_data_dir_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("FOEDUS_DATA", raising=False)
    assert main(["data", "status"]) == 2
    assert "FOEDUS_DATA" in capsys.readouterr().err
    assert main(["world", "--year", "2000", "--data", str(tmp_path / "none")]) == 2


def test_bench_catalogue_runs(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "catalogue", "--json"]) == 0
    res = _json(capsys)
    assert res["imported"] >= 12 and res["unchanged_on_warm_start"] == res["imported"]  # type: ignore[index]
