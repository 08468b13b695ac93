"""Properties: random valid packs validate and round-trip; random corruptions are rejected."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foedus.errors import PackError
from foedus.packs import dump_pack, load_pack, pack_to_dict, parse_pack

KINDS = ["defense_pact", "rivalry", "war", "strategic_partnership", "sanctions", "arms_transfer"]
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@st.composite
def valid_packs(draw: st.DrawFn) -> dict[str, Any]:
    n_actors = draw(st.integers(2, 6))
    ids = draw(
        st.lists(
            st.text(LETTERS, min_size=3, max_size=3),
            min_size=n_actors,
            max_size=n_actors,
            unique=True,
        )
    )
    length = draw(st.integers(50, 500))
    actors = [
        {"id": a, "kind": "state", "name": f"State {a}", "cow_code": i + 1}
        for i, a in enumerate(ids)
    ]
    sources = [
        {"id": "src", "kind": "article", "title": "T", "date": "2000-01-01", "length": length}
    ]
    days = st.dates(dt.date(1900, 1, 1), dt.date(2030, 1, 1))
    ties = []
    for i in range(draw(st.integers(0, 6))):
        a, b = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
        start = draw(days)
        kind = draw(st.sampled_from(KINDS))
        start_span = draw(st.integers(0, length - 2))
        end_span = draw(st.integers(start_span + 1, length))
        tie: dict[str, Any] = {
            "id": f"t{i}",
            "kind": kind,
            "members": [a, b],
            "start": start.isoformat(),
            "cite": [{"source": "src", "span": [start_span, end_span]}],
        }
        if draw(st.booleans()):
            tie["end"] = (start + dt.timedelta(days=draw(st.integers(0, 9000)))).isoformat()
        if kind == "defense_pact":
            tie["obligations"] = [
                {
                    "kind": "defense",
                    "conditions": {
                        "limited_strike_counts": draw(st.floats(0, 1)),
                        "adversaries": [c for c in ids if c not in (a, b)][:1],
                    },
                    "cite": [{"source": "src", "locator": "art. 1"}],
                }
            ]
        ties.append(tie)
    flows = []
    for i in range(draw(st.integers(0, 3))):
        a, b = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
        low = draw(st.floats(0, 1e6))
        high = low + draw(st.floats(0, 1e6))
        flows.append(
            {
                "id": f"f{i}",
                "source": a,
                "target": b,
                "commodity": "shells",
                "start": "2001-01-01",
                "estimates": [
                    {
                        "date": "2002-01-01",
                        "quantity": {"low": low, "high": high, "unit": "rounds"},
                        "cite": [{"source": "src", "locator": "table 1"}],
                    }
                ],
            }
        )
    return {
        "id": "random",
        "title": "Random pack",
        "sources": sources,
        "actors": actors,
        "ties": ties,
        "flows": flows,
    }


def to_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_packs())
def test_random_valid_packs_validate_and_round_trip(data: dict[str, Any]) -> None:
    pack = parse_pack(to_yaml(data))
    again = parse_pack(dump_pack(pack))
    assert again == pack
    assert pack_to_dict(again) == pack_to_dict(pack)


def _corruptions(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = []

    def variant(name: str, edit: Any) -> None:
        changed = copy.deepcopy(data)
        if edit(changed) is not False:
            out.append((name, changed))

    variant(
        "unknown member", lambda d: d["ties"] and d["ties"][0]["members"].__setitem__(0, "ZZZZ")
    )
    variant(
        "unknown source",
        lambda d: d["ties"] and d["ties"][0]["cite"][0].__setitem__("source", "nope"),
    )
    variant(
        "span beyond text",
        lambda d: d["ties"] and d["ties"][0]["cite"][0].__setitem__("span", [0, 10_000]),
    )
    variant(
        "end before start",
        lambda d: d["ties"] and d["ties"][0].update(start="2000-01-02", end="2000-01-01"),
    )
    variant("duplicate actor", lambda d: d["actors"].append(dict(d["actors"][0])))
    variant("bad date", lambda d: d["sources"][0].__setitem__("date", "2000-02-30"))
    variant("no title", lambda d: d.pop("title"))
    variant(
        "low > high",
        lambda d: (
            d["flows"] and d["flows"][0]["estimates"][0]["quantity"].update(low=5.0, high=1.0)
        ),
    )
    variant(
        "unknown unit",
        lambda d: (
            d["flows"] and d["flows"][0]["estimates"][0]["quantity"].__setitem__("unit", "widgets")
        ),
    )
    variant(
        "probability > 1",
        lambda d: (
            [t for t in d["ties"] if t.get("obligations")]
            and next(t for t in d["ties"] if t.get("obligations"))["obligations"][0][
                "conditions"
            ].__setitem__("limited_strike_counts", 1.5)
        ),
    )
    variant("unknown field", lambda d: d["actors"][0].__setitem__("colour", "red"))
    # Variants whose edit did nothing (no ties, no flows) are dropped.
    return [(n, c) for n, c in out if c != data]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_packs(), st.data())
def test_random_corruptions_are_rejected_whole(data: dict[str, Any], choose: st.DataObject) -> None:
    corruptions = _corruptions(data)
    name, bad = choose.draw(st.sampled_from(corruptions))
    with pytest.raises(PackError) as info:
        parse_pack(to_yaml(bad), "bad.yaml")
    assert info.value.problems, name
    assert all(p.file == "bad.yaml" for p in info.value.problems)


def test_bundled_pack_round_trips() -> None:
    pack = load_pack()
    assert parse_pack(dump_pack(pack)) == pack
