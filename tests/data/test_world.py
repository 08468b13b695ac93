"""World baselines on the real data: every state, every alliance in force, executable terms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from foedus.data import Catalogue, build_world, load, world_pack_dict, world_yaml
from foedus.errors import FoedusError
from foedus.packs import load_pack


@pytest.fixture(scope="module")
def world2018(real_catalogue: Catalogue):  # type: ignore[no-untyped-def]
    data, summary = world_pack_dict(2018, catalogue=real_catalogue)
    return data, summary, build_world(2018, catalogue=real_catalogue)


def test_every_state_of_the_system_is_an_actor(world2018, shared_data: Path) -> None:  # type: ignore[no-untyped-def]
    _, summary, pack = world2018
    system = load("cow_system", shared_data)
    # 2018 is past the v2016 list: the states of 2016 are carried forward.
    expected = set(system.loc[system["year"] == 2016, "ccode"])
    got = {a.cow_code for a in pack.actors if a.kind == "state"}
    assert got == expected
    assert summary.states == len(expected) == len(pack.actors)
    assert pack.actor("PRK").cow_code == 731 and pack.actor("KOR").cow_code == 732


@pytest.mark.parametrize("year", [1816, 1914, 1946, 1990, 2016])
def test_state_counts_match_the_system_file(
    real_catalogue: Catalogue, shared_data: Path, year: int
) -> None:
    data, _summary = world_pack_dict(year, catalogue=real_catalogue, mid_window=0)
    system = load("cow_system", shared_data)
    codes = set(system.loc[system["year"] == year, "ccode"])
    got = {a["cow_code"] for a in data["actors"]}
    # In a transition year two COW codes can share one ISO id (1990: GFR and GMY).
    assert got <= codes and len(codes) - len(got) <= 1
    ids = [a["id"] for a in data["actors"]]
    assert len(ids) == len(set(ids))


def test_every_atop_alliance_in_force_is_a_tie(world2018, shared_data: Path) -> None:  # type: ignore[no-untyped-def]
    _data, summary, pack = world2018
    m = load("atop_members", shared_data)
    live = m[(m["yrent"] <= 2018) & (m["last_year"] >= 2018)]
    states = {a.cow_code for a in pack.actors}
    live = live[live["member"].isin(states)]
    counts = live.drop_duplicates(["atopid", "member"]).groupby("atopid").size()
    expected = set(counts[counts >= 2].index)
    got = {int(t.id.split("-")[1]) for t in pack.ties if t.id.startswith("atop-")}
    assert got == expected
    assert summary.alliances == len(expected)
    a = load("atop_alliances", shared_data)
    in_force = a[(a["begyr"] <= 2018) & ((a["endyr"] == 0) | (a["endyr"] >= 2018))]
    assert got <= set(in_force["atopid"])
    # Whatever ATOP has in force but the pack lacks has fewer than two members in the system.
    assert all(counts.get(aid, 0) < 2 for aid in set(in_force["atopid"]) - got)


def test_obligations_carry_atop_conditions(world2018, shared_data: Path) -> None:  # type: ignore[no-untyped-def]
    _, _, pack = world2018
    m = load("atop_members", shared_data)
    live = m[(m["yrent"] <= 2018) & (m["last_year"] >= 2018)]
    iso = {a.cow_code: a.id for a in pack.actors}
    checked = 0
    for row in live[
        (live["defense"] == 1) & (live["defcoadv"] == 1) & (live["statthr1"] > 0)
    ].itertuples():
        tid = f"atop-{row.atopid}"
        if row.member not in iso or tid not in {t.id for t in pack.ties}:
            continue
        tie = pack.tie(tid)
        mine = [
            o
            for o in tie.obligations
            if o.kind == "defense" and (not o.by or iso[row.member] in o.by)
        ]
        assert mine, tid
        named = iso.get(int(row.statthr1))
        if named:
            assert named in mine[0].conditions.adversaries
            checked += 1
    for row in live[(live["defense"] == 1) & (live["defconpr"] == 1)].itertuples():
        tid = f"atop-{row.atopid}"
        if row.member in iso and tid in {t.id for t in pack.ties}:
            obs = [
                o
                for o in pack.tie(tid).obligations
                if o.kind == "defense" and (not o.by or iso[row.member] in o.by)
            ]
            assert obs[0].conditions.non_provocation
            checked += 1
    nato = pack.tie("atop-3180")
    assert nato.kind == "defense_pact" and {"USA", "TUR", "MNE"} <= set(nato.members)
    assert any(o.kind == "defense" and o.conditions.locations for o in nato.obligations)
    assert checked > 0
    for tie in pack.ties:
        assert tie.cite and all(c.locator for c in tie.cite)


def test_attributes_cite_dataset_row(world2018, shared_data: Path) -> None:  # type: ignore[no-untyped-def]
    _, _, pack = world2018
    usa = pack.actor("USA")
    cinc = usa.attribute("cinc")
    nmc = load("nmc", shared_data)
    row = nmc[(nmc["ccode"] == 2) & (nmc["year"] == 2018)]
    assert cinc is not None and cinc.value == pytest.approx(float(row["cinc"].iloc[0]))
    assert f"line={int(row['source_line'].iloc[0])}" in (cinc.cite[0].locator or "")
    major = usa.attribute("major_power")
    assert major is not None and major.value is True
    assert pack.actor("CAN").attribute("major_power").value is False  # type: ignore[union-attr]


def test_world_2016_cinc_for_usa_and_china(real_catalogue: Catalogue) -> None:
    pack = build_world(2016, catalogue=real_catalogue, mid_window=0)
    assert pack.actor("USA").attribute("cinc").value == pytest.approx(0.133254, abs=1e-6)  # type: ignore[union-attr]
    assert pack.actor("CHN").attribute("cinc").value == pytest.approx(0.230825, abs=1e-6)  # type: ignore[union-attr]


def test_rivalries_from_recent_disputes(world2018) -> None:  # type: ignore[no-untyped-def]
    _, summary, pack = world2018
    rivals = [t for t in pack.ties if t.kind == "rivalry"]
    assert len(rivals) == summary.rivalries > 0
    assert all(t.sign == -1 and 0 < t.strength <= 1 for t in rivals)
    pairs = {frozenset(t.members) for t in rivals}
    assert frozenset({"USA", "PRK"}) in pairs or frozenset({"RUS", "UKR"}) in pairs


def test_written_pack_validates_and_shows(world2018, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from foedus.cli.main import main

    data, _, pack = world2018
    path = tmp_path / "world-2018.yaml"
    path.write_text(world_yaml(data))
    loaded = load_pack(path)
    assert {t.id for t in loaded.ties} == {t.id for t in pack.ties}
    assert main(["show", "--pack", str(path), "--as-of", "2019-06-01", "--json"]) == 0
    # As of a day in 2018, the treaty sources keep the alliances visible (no look-ahead).
    view = loaded.as_of(dt.date(2018, 6, 30))
    assert "atop-3180" in {t.id for t in view.ties}


def test_a_pack_can_extend_the_world_baseline(world2018, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, _, _ = world2018
    (tmp_path / "world-2018.yaml").write_text(world_yaml(data))
    child = {
        "foedus": 1,
        "id": "since-2018",
        "title": "World 2018 plus a later pact",
        "extends": "world-2018.yaml",
        "sources": [
            {
                "id": "treaty-rus-prk-2024",
                "kind": "treaty",
                "title": "Russia–DPRK treaty",
                "date": "2024-06-19",
                "locator": "Article 4",
            }
        ],
        "ties": [
            {
                "id": "rus-prk-2024",
                "kind": "defense_pact",
                "members": ["PRK", "RUS"],
                "start": "2024-06-19",
                "obligations": [
                    {
                        "kind": "defense",
                        "conditions": {"state_of_war": True},
                        "cite": [{"source": "treaty-rus-prk-2024", "locator": "Article 4"}],
                    }
                ],
                "cite": [{"source": "treaty-rus-prk-2024", "locator": "Article 4"}],
            }
        ],
    }
    (tmp_path / "child.yaml").write_text(yaml.safe_dump(child, sort_keys=False))
    pack = load_pack(tmp_path / "child.yaml")
    assert "rus-prk-2024" in {t.id for t in pack.ties}
    assert pack.actor("PRK").attribute("cinc") is not None
    assert len(pack.actors) == len(data["actors"])


def test_years_outside_the_data_are_refused(real_catalogue: Catalogue) -> None:
    with pytest.raises(FoedusError, match="1816–2018"):
        world_pack_dict(2019, catalogue=real_catalogue)


def test_putin_kim_2024_sits_on_world_2018(world2018, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from foedus.packs.loader import resolve_pack

    data, _, world = world2018
    (tmp_path / "world-2018.yaml").write_text(world_yaml(data))
    bundled = yaml.safe_load(resolve_pack("putin-kim-2024").read_text())
    # The ATOP codings of the pacts the bundled pack re-codes by hand.
    hand = {("CHN", "PRK"), ("KOR", "USA"), ("JPN", "USA"), ("AUS", "USA")}
    removed = [
        t.id for t in world.ties if t.id.startswith("atop-") and tuple(sorted(t.members)) in hand
    ]
    assert len(removed) == 4
    bundled.update(
        {"id": "putin-kim-2024-on-world-2018", "extends": "world-2018.yaml", "remove": removed}
    )
    (tmp_path / "pk.yaml").write_text(yaml.safe_dump(bundled, sort_keys=False, allow_unicode=True))
    pack = load_pack(tmp_path / "pk.yaml")
    ids = {t.id for t in pack.ties}
    assert "rus-prk-csp-2024" in ids and not ids & set(removed)
    assert len(pack.actors) > len(data["actors"])  # organisations and persons added
    assert pack.actor("VNM").attribute("cinc") is not None  # a world state the pack lacks
    view = pack.as_of(dt.date(2024, 7, 15))
    assert "rus-prk-csp-2024" in {t.id for t in view.ties}


def test_regional_world_keeps_only_chosen_states(real_catalogue: Catalogue) -> None:
    data, summary = world_pack_dict(
        2018, catalogue=real_catalogue, only=["USA", "365"], theatres=["indo_pacific"]
    )
    ids = {a["id"] for a in data["actors"]}
    assert {"USA", "RUS", "PRK", "KOR", "JPN", "CHN"} <= ids
    assert "FRA" not in ids and "BRA" not in ids
    for tie in data["ties"]:
        assert set(tie["members"]) <= ids
        for ob in tie.get("obligations", []):
            assert set(ob.get("by", [])) <= ids
            assert set(ob.get("conditions", {}).get("adversaries", [])) <= ids
    pack = build_world(2018, catalogue=real_catalogue, theatres=["indo_pacific"])
    assert len(pack.actors) < summary.states + 1
    with pytest.raises(FoedusError, match="not in the state system"):
        world_pack_dict(2018, catalogue=real_catalogue, only=["ZZZ"])
    with pytest.raises(FoedusError, match="unknown theatre"):
        world_pack_dict(2018, catalogue=real_catalogue, theatres=["mars"])


def test_the_engine_runs_on_a_regional_world(real_catalogue: Catalogue, tmp_path: Path) -> None:
    engine = pytest.importorskip("foedus.engine")
    data, _ = world_pack_dict(
        2018, catalogue=real_catalogue, only=["USA", "RUS"], theatres=["indo_pacific"]
    )
    (tmp_path / "world-ip.yaml").write_text(world_yaml(data))
    scenario = {
        "foedus_scenario": 1,
        "id": "world-2018-prk-invasion",
        "title": "DPRK invades the ROK on the 2018 state system",
        "pack": "world-ip.yaml",
        "as_of": "2024-01-01",
        "triggers": [{"attacker": "PRK", "target": "KOR", "kind": "invasion"}],
    }
    (tmp_path / "s.yaml").write_text(yaml.safe_dump(scenario, sort_keys=False))
    result = engine.run_scenario(engine.load_scenario(tmp_path / "s.yaml"), draws=1000, seed=1)
    p = result.primary.deterrence()["p"]
    assert 0.0 <= p <= 1.0
