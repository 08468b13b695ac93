"""Pack loading: every validation rule names file:line, the field and the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from foedus.errors import PackError
from foedus.packs import load_pack, parse_pack

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "core"
MINI = (FIXTURES / "mini.yaml").read_text(encoding="utf-8")


def problems_of(text: str, tmp_path: Path, name: str = "bad.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(path)
    return [str(p) for p in info.value.problems]


def test_mini_fixture_is_valid() -> None:
    pack = load_pack(FIXTURES / "mini.yaml")
    assert pack.id == "mini"
    assert {t.id for t in pack.ties} == {"pact", "feud", "rumour"}


@pytest.mark.parametrize(
    ("old", "new", "field", "reason"),
    [
        ("members: [AAA, CCC]", "members: [AAA, ZZZ]", "ties[0].members[1]", "unknown actor 'ZZZ'"),
        (
            "cite: [{source: doc, span: [0, 10]}]\n    obligations",
            "cite: [{source: nosuch, span: [0, 10]}]\n    obligations",
            "ties[0].cite[0].source",
            "unknown source 'nosuch'",
        ),
        ("- id: feud", "- id: pact", "ties[1]", "duplicate id 'pact'"),
        (
            "start: 2020-01-01\n    end: 2021-01-01",
            "start: 2020-01-01\n    end: 2019-01-01",
            "ties[0]",
            "before start",
        ),
        (
            "limited_strike_counts: 0.25",
            "limited_strike_counts: 1.25",
            "limited_strike_counts",
            "less than or equal to 1",
        ),
        (
            "{low: 10, high: 30, unit: shells}",
            "{low: 30, high: 10, unit: shells}",
            "flows[0].estimates[0].quantity",
            "greater than high",
        ),
        (
            'unit: shells}, cite: [{source: data, locator: "g1"}]',
            'unit: shellz}, cite: [{source: data, locator: "g1"}]',
            "quantity.unit",
            "unknown unit 'shellz'",
        ),
        ("date: 2020-02-01", "date: 2020-02-31", "assessments[0].date", "bad value"),
        ("date: 2020-02-01", "date: first of February", "assessments[0].date", "date"),
        (
            "- kind: defense\n",
            "- kind: defense\n        by: [BBB]\n",
            "obligations[0].by[0]",
            "not a member of tie 'pact'",
        ),
        (
            "cite: [{source: doc, span: [20, 40]}]",
            "cite: [{source: doc, span: [20, 400]}]",
            "assessments[0].cite[0].span",
            "outside the text",
        ),
        (
            "reading: {low: 0.2, high: 0.4}",
            "reading: {low: 0.2, high: 1.4}",
            "reading.high",
            "less than or equal to 1",
        ),
        ("speaker: expert", "speaker: AAA", "assessments[0].speaker", "expected a person"),
        (
            "aspect: reliability",
            "aspect: reliability\n    mood: grumpy",
            "assessments[0].mood",
            "unknown field",
        ),
    ],
)
def test_each_rule_reports_file_line_field_reason(
    tmp_path: Path, old: str, new: str, field: str, reason: str
) -> None:
    assert old in MINI
    text = MINI.replace(old, new, 1)
    found = problems_of(text, tmp_path)
    match = [p for p in found if field in p and reason in p]
    assert match, found
    assert all(p.startswith(str(tmp_path / "bad.yaml") + ":") for p in match)
    # The reported line is that of the edited text, or of the entry holding it (a few lines up).
    reported = int(match[0].split(":")[1])
    start_line = MINI[: MINI.index(old)].count("\n") + 1
    end_line = start_line + new.count("\n")
    assert start_line - 12 <= reported <= end_line


def test_all_problems_are_listed_not_only_the_first(tmp_path: Path) -> None:
    text = (
        MINI.replace("members: [AAA, CCC]", "members: [AAA, ZZZ]")
        .replace("speaker: expert", "speaker: nobody")
        .replace(
            'unit: shells}, cite: [{source: data, locator: "g1"}]',
            'unit: shellz}, cite: [{source: data, locator: "g1"}]',
        )
    )
    found = problems_of(text, tmp_path)
    assert any("ZZZ" in p for p in found)
    assert any("nobody" in p for p in found)
    assert any("shellz" in p for p in found)


def test_duplicate_yaml_keys_are_an_error(tmp_path: Path) -> None:
    text = MINI.replace("title: Mini architecture", "title: Mini architecture\ntitle: Again")
    found = problems_of(text, tmp_path)
    assert any("duplicate key" in p and ":5:" in p for p in found), found


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("id: [unclosed\n", "YAML syntax error"),
        ("- a\n- b\n", "mapping"),
        ("id: x\ntitle: y\nactors: 3\n", "valid tuple"),
        ("id: x\ntitle: y\nfoedus: 2\n", "foedus"),
        ("id: x\ntitle: y\n!!python/object:os.system {}\n", "YAML"),
    ],
)
def test_malformed_documents(tmp_path: Path, text: str, reason: str) -> None:
    found = problems_of(text, tmp_path)
    assert any(reason in p for p in found), found


def test_binary_and_non_utf8_files(tmp_path: Path) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"id: x\x00\xff\xfe")
    with pytest.raises(PackError, match=r"UTF-8|binary"):
        load_pack(path)


def test_unknown_pack_name() -> None:
    with pytest.raises(PackError, match="no such pack"):
        load_pack("no-such-pack")


def test_extends_merges_replaces_and_removes(tmp_path: Path) -> None:
    (tmp_path / "mini.yaml").write_text(MINI, encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(
        "id: child\ntitle: Child\nextends: mini.yaml\nremove: [rumour]\n"
        "ties:\n  - {id: feud, kind: war, members: [AAA, BBB], start: 2020-03-01,"
        " cite: [{source: data, locator: war}]}\n",
        encoding="utf-8",
    )
    pack = load_pack(child)
    assert pack.id == "child" and pack.extends == "mini.yaml"
    assert pack.tie("feud").kind == "war"
    assert "rumour" not in {t.id for t in pack.ties}
    assert pack.actor("AAA").name == "Alpha"


def test_extends_errors(tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text("id: a\ntitle: A\nextends: b.yaml\n", encoding="utf-8")
    b.write_text("id: b\ntitle: B\nextends: a.yaml\n", encoding="utf-8")
    with pytest.raises(PackError, match="circular"):
        load_pack(a)
    c = tmp_path / "c.yaml"
    c.write_text("id: c\ntitle: C\nextends: missing.yaml\nremove: [x]\n", encoding="utf-8")
    with pytest.raises(PackError, match="extends"):
        load_pack(c)
    d = tmp_path / "d.yaml"
    d.write_text("id: d\ntitle: D\nremove: [x]\n", encoding="utf-8")
    with pytest.raises(PackError, match="remove needs extends"):
        load_pack(d)


def test_child_errors_point_at_the_child_file(tmp_path: Path) -> None:
    (tmp_path / "mini.yaml").write_text(MINI, encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(
        "id: child\ntitle: Child\nextends: mini.yaml\n"
        "ties:\n  - {id: t2, kind: war, members: [AAA, QQQ], start: 2020-03-01,"
        " cite: [{source: data, locator: war}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(PackError) as info:
        load_pack(child)
    (problem,) = info.value.problems
    assert problem.file == str(child) and problem.line == 5 and "QQQ" in problem.reason


def test_parse_pack_from_text() -> None:
    pack = parse_pack(MINI, "mini.yaml")
    assert pack.flow("guns").latest_estimate().quantity.high == 90  # type: ignore[union-attr]
