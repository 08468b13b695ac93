"""The engine's commands through typer's CliRunner and through ``main`` (exit codes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from foedus.cli.main import app, main

runner = CliRunner()


@pytest.fixture(autouse=True)
def _base_rates(monkeypatch: pytest.MonkeyPatch) -> None:
    # The CLI fits the reliability model when $FOEDUS_DATA is set; these tests use base rates.
    monkeypatch.delenv("FOEDUS_DATA", raising=False)


def test_run_json() -> None:
    res = runner.invoke(
        app, ["run", "prk-limited-strike", "--draws", "500", "--seed", "1", "--json"]
    )
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["id"] == "prk-limited-strike"
    assert 0 <= d["deterrence_holds"]["p"] <= 1
    assert d["deterrence_holds"]["provenance"]["reliability"]["model"].startswith("base rates")
    assert "USA" in d["actors"]
    assert any(o["status"] == "triggered" for o in d["obligations"])


def test_run_text_names_its_sources() -> None:
    res = runner.invoke(app, ["run", "prk-invasion", "--draws", "500"])
    assert res.exit_code == 0, res.output
    assert "P(deterrence holds)" in res.output
    assert "usa-kor-1953" in res.output
    assert "sources and assumptions" in res.output


def test_compare_json_on_common_random_numbers() -> None:
    res = runner.invoke(
        app, ["compare", "prk-invasion", "prk-invasion-no-pact", "--draws", "1000", "--json"]
    )
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["a"] == "prk-invasion" and d["b"] == "prk-invasion-no-pact"
    lo, hi = d["deterrence_holds"]["ci95"]
    assert lo <= d["deterrence_holds"]["diff"] <= hi


@pytest.mark.parametrize("method", ["sobol", "morris"])
def test_sensitivity_json(method: str) -> None:
    res = runner.invoke(
        app,
        [
            "sensitivity",
            "prk-limited-strike",
            "--method",
            method,
            "--samples",
            "16",
            "--cascades",
            "4",
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    names = [f["name"] for f in d["factors"]]
    assert "gamma" in names and "reliability_shift" in names
    assert all(f["source"] for f in d["factors"])


def test_brief_writes_self_contained_report(tmp_path: Path) -> None:
    out = tmp_path / "brief"
    res = runner.invoke(
        app, ["brief", "--out", str(out), "--draws", "400", "--workers", "1", "--json"]
    )
    assert res.exit_code == 0, res.output
    doc = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert len(doc["scenarios"]) >= 10
    assert doc["comparisons"] and doc["sensitivity"]["factors"]
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    # plotly.js is inlined (megabytes of it), nothing is loaded from the network
    assert "Plotly.newPlot" in html and len(html) > 3_000_000
    assert "<script src=" not in html.replace(" ", "").lower().replace("<scriptsrc", "<script src")
    assert "Sources and assumptions" in html
    assert not list(out.glob(".*.tmp"))  # atomic writes leave no temporary files
    # the alignment analytics: one section each, with provenance
    an = doc["analyses"]
    assert set(an) >= {"balance", "coupling", "basis", "brokerage", "sustainment", "wedge"}
    for key in ("balance", "coupling", "brokerage", "sustainment", "wedge"):
        assert an[key]["provenance"]["command"].startswith("foedus analyze " + key)
    assert an["balance"]["exact"] is True and len(an["balance"]["camps"]) == 2
    assert [tuple(b["pair"]) for b in an["basis"]] == [
        ("RUS", "PRK"), ("CHN", "PRK"), ("USA", "KOR"), ("KOR", "JPN"),
    ]  # fmt: skip
    assert [s["scenario"] for s in an["sustainment"]["scenarios"]] == [
        "all suppliers",
        "without PRK",
    ]
    w = an["wedge"]
    assert w["draws"] == 400  # never more than the scenarios' draws
    assert w["exposed"] == "KOR" and w["ranking"] and w["pack"] == "putin-kim-2024"
    spread = an["coupling"]["spread"]
    assert {(e["from"], e["to"]) for e in spread} == {
        ("europe", "indo_pacific"), ("indo_pacific", "europe"),
    }  # fmt: skip
    by_id = {sc["id"]: sc for sc in doc["scenarios"]}
    for e in spread:  # the spread reuses the scenario runs: the same numbers
        assert e["p_with"] == pytest.approx(by_id[e["scenario"]]["p_cross_theatre"], abs=1e-12)
    ip = next(e for e in spread if e["from"] == "indo_pacific")
    assert ip["p_without"] == pytest.approx(
        by_id["prk-limited-strike-no-pact"]["p_cross_theatre"], abs=1e-12
    )
    assert an["coupling"]["with"]["p_spread"] is not None
    for anchor in ("an-balance", "an-coupling", "an-basis", "an-brokerage", "an-sustainment",
                   "an-wedge", "fig-wedge", "fig-spread", "fig-sus"):  # fmt: skip
        assert f'id="{anchor}"' in html


def test_scenarios_list() -> None:
    res = runner.invoke(app, ["scenarios", "--json"])
    assert res.exit_code == 0
    assert {s["id"] for s in json.loads(res.output)} >= {"prk-invasion", "rus-nato-escalation"}


def test_bad_scenario_exits_2_with_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "foedus_scenario: 1\nid: x\ntitle: t\ntriggers: [{attacker: PRK, target: ZZZ}]\n"
    )
    assert main(["run", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml:4" in err and "unknown state 'ZZZ'" in err


def test_unknown_scenario_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "no-such-scenario"]) == 2
    assert "no such scenario" in capsys.readouterr().err


def test_brief_refuses_a_file_as_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "taken"
    target.write_text("not a folder")
    assert main(["brief", "--out", str(target), "--draws", "100"]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_bench_brief_smoke() -> None:
    """The benchmark command runs and reports its figures (its timing is not asserted)."""
    res = runner.invoke(app, ["bench", "brief", "--draws", "200", "--json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["scenarios"] >= 10 and d["actor_draw_rounds"] > 0
    assert d["wedge_draws"] == 200 and "wedge" in d["analyses"]
    assert d["actor_draw_rounds_per_s"] > 0 and d["peak_rss_mib_main"] > 0
