"""The bundled putin-kim-2024 pack: complete, sourced, and verified against the seed text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from foedus.packs import iter_citations, load_pack, verify_citations

REQUIRED_ACTORS = {
    "RUS",
    "PRK",
    "KOR",
    "JPN",
    "USA",
    "CHN",
    "UKR",
    "AUS",
    "NZL",
    "VNM",
    "NATO",
    "IP4",
    "UJK",
    "vladimir_putin",
    "kim_jong_un",
    "yoon_suk_yeol",
    "xi_jinping",
    "sung_yoon_lee",
    "aram_hur",
    "jens_stoltenberg",
    "donald_trump",
}
REQUIRED_TIES = {
    "rus-prk-csp-2024",
    "chn-prk-1961",
    "usa-kor-1953",
    "usa-jpn-1960",
    "nato-article-5",
    "usfk",
    "usfj",
    "camp-david-trilateral",
    "rus-ukr-war",
    "prk-rus-arms",
    "rus-prk-economic",
}


def test_every_span_matches_the_seed_text(seeds_dir: Path) -> None:
    checks = verify_citations(load_pack(), seeds_dir)
    spans = [c for c in checks if c.span is not None]
    assert len(spans) > 50
    bad = [c for c in spans if c.status != "ok"]
    assert not bad, bad[:5]


def test_required_actors_ties_and_all_claims() -> None:
    pack = load_pack()
    assert {a.id for a in pack.actors} >= REQUIRED_ACTORS
    assert {t.id for t in pack.ties} >= REQUIRED_TIES
    assert [c.id for c in pack.claims] == [f"C{i:02d}" for i in range(1, 22)]
    assessed = {c for a in pack.assessments for c in a.claims}
    assert {"C10", "C11", "C12", "C14", "C17", "C19", "C20", "C21"} <= assessed
    for a in pack.assessments:
        assert any(c.source == "seed" and c.span for c in a.cite), a.id


def test_the_pact_obligation_is_executable() -> None:
    tie = load_pack().tie("rus-prk-csp-2024")
    (obligation,) = tie.obligations
    assert obligation.kind == "defense"
    assert obligation.conditions.state_of_war
    assert 0 < obligation.conditions.limited_strike_counts < 1
    assert set(tie.owed_by(obligation)) == {"RUS", "PRK"}


def test_everything_cites_a_source() -> None:
    pack = load_pack()
    cited = {element.split(".")[0].split("@")[0] for element, _ in iter_citations(pack)}
    for section in ("ties", "flows", "assessments", "events", "claims"):
        for item in getattr(pack, section):
            assert item.id in cited, item.id
    for actor in pack.actors:
        for value in actor.attributes:
            assert value.cite


def test_capabilities_match_cow_nmc(shared_data: Path) -> None:
    nmc = pd.read_csv(shared_data / "cow-nmc-7.0" / "cow_nmc_7.0.csv")
    pack = load_pack()
    for actor in pack.actors:
        if actor.kind != "state":
            continue
        value = actor.attribute("cinc")
        assert value is not None, actor.id
        row = nmc[(nmc.ccode == actor.cow_code) & (nmc.year == value.date.year)]
        assert abs(float(row.cinc.iloc[0]) - float(value.value)) < 1e-6, actor.id
