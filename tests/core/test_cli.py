"""The core commands, driven as a user would: exit codes, stderr messages, JSON output."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from foedus.cli.main import main
from foedus.packs.loader import BUNDLED_DIR

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "core" / "mini.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_json_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "--as-of", "2024-07-15", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["as_of"] == "2024-07-15"
    assert "rus-prk-csp-2024" in {t["id"] for t in data["ties"]}
    assert "prk-rus-troops" not in {t["id"] for t in data["ties"]}


def test_show_table_and_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "--as-of", "2024-07-15")
    assert code == 0 and "rus-prk-csp-2024" in out and "no look-ahead" in out
    code, _, err = run(capsys, "show", "--as-of", "2024-13-01")
    assert code == 2 and "not a date" in err


def test_validate_good_and_bad(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "validate", str(MINI))
    assert code == 0 and "valid" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.read_text().replace("members: [AAA, CCC]", "members: [AAA, XYZ]"))
    code, _, err = run(capsys, "validate", str(MINI), str(bad))
    assert code == 1
    assert f"{bad}:" in err and "unknown actor 'XYZ'" in err
    code, out, _ = run(capsys, "validate", "--json", str(bad))
    (result,) = json.loads(out)
    assert code == 1 and not result["valid"] and result["problems"][0]["line"] > 0


def test_sources_verify(capsys: pytest.CaptureFixture[str], seeds_dir: Path) -> None:
    code, out, _ = run(capsys, "sources", "--verify", "--texts", str(seeds_dir), "--json")
    assert code == 0
    statuses = {c["status"] for c in json.loads(out)["checks"]}
    assert statuses == {"ok", "locator"}
    code, _, err = run(capsys, "sources", "--verify", "--texts", str(MINI.parent))
    assert code == 1 and "text_missing" in err


def test_sources_verify_detects_a_changed_text(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path, tmp_path: Path
) -> None:
    text = (seeds_dir / "putin-kim-summit-2024.txt").read_text(encoding="utf-8")
    (tmp_path / "putin-kim-summit-2024.txt").write_text(
        text.replace("Kim", "Kym"), encoding="utf-8"
    )
    code, _, err = run(capsys, "sources", "--verify", "--texts", str(tmp_path))
    assert code == 1 and "text_changed" in err


def test_sources_cite_prints_the_passage(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path
) -> None:
    code, out, _ = run(capsys, "sources", "--cite", "hur-mutual-enemy", "--texts", str(seeds_dir))
    assert code == 0 and "mutual enemy" in out


def test_coverage_and_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "coverage", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["claim"] for r in rows] == [f"C{i:02d}" for i in range(1, 22)]
    assert all(r["answered_by"] for r in rows)
    target = tmp_path / "schema.json"
    code, _, _ = run(capsys, "schema", "--out", str(target))
    schema = json.loads(target.read_text())
    assert code == 0 and schema["title"] == "Pack" and "ties" in schema["properties"]


def test_bench_pack_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bench", "pack", "--repeat", "2", "--json")
    assert code == 0 and json.loads(out)["median_s"] > 0


def _mutations(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    kind = rng.randrange(7)
    if kind == 0:  # drop a line
        del lines[rng.randrange(len(lines))]
    elif kind == 1:  # truncate
        return text[: rng.randrange(len(text))]
    elif kind == 2:  # flip a character
        i = rng.randrange(len(text))
        return text[:i] + rng.choice(":-[]{}\"'#&*!|>\t0x") + text[i + 1 :]
    elif kind == 3:  # duplicate a line
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
    elif kind == 4:  # shuffle indentation
        i = rng.randrange(len(lines))
        lines[i] = " " * rng.randrange(12) + lines[i].lstrip()
    elif kind == 5:  # garbage bytes in the middle
        i = rng.randrange(len(text))
        return text[:i] + "".join(chr(rng.randrange(1, 0x2FFF)) for _ in range(8)) + text[i:]
    else:  # swap two lines
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return "".join(lines)


def test_two_hundred_malformed_packs_never_crash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rng = random.Random(2024)
    bases = [MINI.read_text(encoding="utf-8")] * 4 + [
        (BUNDLED_DIR / "putin-kim-2024.yaml").read_text(encoding="utf-8")
    ]
    outcomes = {0: 0, 1: 0, 2: 0}
    for i in range(200):
        path = tmp_path / f"m{i}.yaml"
        path.write_text(_mutations(bases[i % len(bases)], rng), encoding="utf-8")
        code = main(["validate", str(path)])  # a traceback would fail the test
        _, err = capsys.readouterr()
        outcomes[code] += 1
        if code == 1:
            assert f"{path}" in err
    # Most mutations break the pack; a few (a swapped comment line, say) may not.
    assert outcomes[1] > 120 and outcomes[2] == 0
