"""Scenario files: bundled set, extends, and bad files rejected with file:line:column reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from foedus.engine import bundled_scenarios, load_scenario, parse_scenario
from foedus.errors import PackError
from foedus.packs import load_pack

GOOD = """\
foedus_scenario: 1
id: ok
title: fine
triggers:
  - {attacker: PRK, target: KOR, kind: limited_strike}
"""


def problems(text: str, tmp_path: Path, name: str = "bad.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_scenario(path)
    return [str(p) for p in info.value.problems]


def test_bundled_set_answers_the_claims_it_names() -> None:
    ids = bundled_scenarios()
    assert len(ids) >= 10
    pack = load_pack("putin-kim-2024")
    claims = {c.id for c in pack.claims}
    answered: set[str] = set()
    for sid in ids:
        s = load_scenario(sid)
        assert s.spec.claims, f"{sid} names no claim"
        assert set(s.spec.claims) <= claims
        answered |= set(s.spec.claims)
        if s.spec.baseline:
            assert s.spec.baseline in ids
    # the claims issue 4 asks the bundled set to answer
    assert {"C02", "C04", "C05", "C06", "C11", "C12", "C14", "C15", "C16", "C17", "C20"} <= answered


def test_extends_merges_and_child_wins() -> None:
    s = load_scenario("prk-invasion-no-pact")
    assert s.spec.triggers[0].kind == "invasion"  # from prk-invasion
    assert s.spec.crises[0].id == "ukraine-war"  # from prk-limited-strike
    assert s.spec.modifications.remove_ties == ("rus-prk-csp-2024",)
    assert s.as_of.isoformat() == "2024-07-15"


def test_good_minimal_scenario(tmp_path: Path) -> None:
    s = parse_scenario(GOOD, "ok.yaml", tmp_path)
    assert s.as_of == s.pack.default_as_of


@pytest.mark.parametrize(
    ("old", "new", "where", "reason"),
    [
        ("kind: limited_strike", "kind: nuclear", "bad.yaml:5:", "triggers[0].kind"),
        ("attacker: PRK", "attacker: XYZ", "bad.yaml:5:", "unknown state 'XYZ'"),
        ("target: KOR", "target: PRK", "bad.yaml:5:", "attacker and target must differ"),
        ("title: fine", "title: fine\ndraws: 5", "bad.yaml:4:", "draws"),
        ("title: fine", "title: fine\ncolour: red", "bad.yaml:4:", "unknown field"),
        ("title: fine", "title: fine\nas_of: 2024-13-01", "bad.yaml:4:", "bad value"),
        ("title: fine", "title: fine\ntitle: again", "bad.yaml:4:", "duplicate key"),
        (
            "title: fine",
            "title: fine\nmodifications:\n  parameters: {gama: 1.0}",
            "bad.yaml:5:",
            "unknown parameter",
        ),
        (
            "title: fine",
            "title: fine\nmodifications:\n  parameters: {strike: 1.5}",
            "bad.yaml:5:",
            "a probability must lie in [0, 1]",
        ),
        (
            "title: fine",
            "title: fine\nmodifications:\n  remove_ties: [no-such-tie]",
            "bad.yaml:5:",
            "unknown tie 'no-such-tie'",
        ),
        (
            "title: fine",
            "title: fine\nmodifications:\n  assessments_on: [lee-china-bind]",
            "bad.yaml:5:",
            "has no effect",
        ),
        (
            "title: fine",
            "title: fine\nmodifications:\n  leaders: [{actor: USA, person: RUS}]",
            "bad.yaml:5:",
            "is not a person",
        ),
        ("title: fine", "title: fine\npack: no-such-pack", "bad.yaml:4:", "no such pack"),
        ("title: fine", "title: fine\nextends: nowhere", "bad.yaml:4:", "no such scenario"),
        ("title: fine", "title: fine\nclaims: [C99]", "bad.yaml:4:", "unknown claim 'C99'"),
    ],
)
def test_bad_scenarios_are_rejected_clearly(
    tmp_path: Path, old: str, new: str, where: str, reason: str
) -> None:
    assert old in GOOD
    found = problems(GOOD.replace(old, new), tmp_path)
    assert any(where in p and reason in p for p in found), found


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("attacker: PRK", "attacker: XYZ") + (
        "modifications:\n  remove_ties: [nope]\n  parameters: {gama: 1}\nclaims: [C99]\n"
    )
    found = problems(text, tmp_path)
    assert len(found) >= 4
    assert all(p.startswith(str(tmp_path / "bad.yaml") + ":") for p in found)


def test_circular_extends_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD.replace("id: ok", "id: a\nextends: b.yaml"), "utf-8")
    (tmp_path / "b.yaml").write_text(GOOD.replace("id: ok", "id: b\nextends: a.yaml"), "utf-8")
    with pytest.raises(PackError) as info:
        load_scenario(tmp_path / "a.yaml")
    assert "circular extends" in str(info.value)


@pytest.mark.parametrize(
    "text",
    ["", "- just\n- a list\n", "id: [unclosed\n", "\x00binary"],
)
def test_not_a_scenario(tmp_path: Path, text: str) -> None:
    assert problems(text, tmp_path)


def test_missing_trigger(tmp_path: Path) -> None:
    text = "foedus_scenario: 1\nid: none\ntitle: no trigger\n"
    assert any("needs a trigger" in p for p in problems(text, tmp_path))


def test_several_triggers_each_get_a_result(tmp_path: Path) -> None:
    from foedus.engine import run_scenario

    text = GOOD + "  - {attacker: CHN, target: TWN, kind: blockade}\n"
    s = parse_scenario(text, "two.yaml", tmp_path)
    r = run_scenario(s, draws=400, seed=1)
    assert [t.trigger.kind for t in r.triggers] == ["limited_strike", "blockade"]
    d = r.to_dict()
    assert d["trigger"]["attacker"] == "PRK"
    assert d["triggers"][0]["trigger"]["attacker"] == "CHN"
    assert 0 <= d["triggers"][0]["deterrence_holds"]["p"] <= 1
    share = d["attacker_capability_share"]
    assert 0 <= share["q05"] <= share["mean"] <= share["q95"] <= 1
