"""``as_of``: what was in force on a date, and nothing published after it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from foedus.packs import load_pack

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "core" / "mini.yaml"


@pytest.fixture(scope="module")
def mini():  # type: ignore[no-untyped-def]
    return load_pack(MINI)


@pytest.mark.parametrize(
    ("day", "in_force"),
    [("2019-12-31", False), ("2020-01-01", True), ("2020-12-31", True), ("2021-01-01", False)],
)
def test_ties_begin_inclusive_and_end_exclusive(mini, day: str, in_force: bool) -> None:  # type: ignore[no-untyped-def]
    assert ("pact" in {t.id for t in mini.as_of(day).ties}) is in_force


def test_no_look_ahead_drops_later_sources_and_what_rests_on_them(mini) -> None:  # type: ignore[no-untyped-def]
    view = mini.as_of("2020-06-01")
    assert "later" not in {s.id for s in view.sources}
    # The arms transfer is cited only by a report published in 2021: not known in mid-2020.
    assert "rumour" not in {t.id for t in view.ties}
    # The clash happened after the date; the 2020-12 flow estimate too.
    assert "clash" not in {e.id for e in view.events}
    assert [e.date for e in view.flow("guns").estimates] == [dt.date(2019, 6, 1)]
    # Once the report is out, all of it is visible.
    later = mini.as_of("2021-06-01")
    assert "rumour" in {t.id for t in later.ties}
    assert later.flow("guns").latest_estimate().quantity.central == 60  # type: ignore[union-attr]


def test_every_citation_in_a_view_predates_it(mini) -> None:  # type: ignore[no-untyped-def]
    from foedus.packs import iter_citations

    for day in ("2019-06-01", "2020-06-01", "2021-06-01"):
        view = mini.as_of(day)
        dates = {s.id: s.date for s in view.sources}
        for _, cite in iter_citations(view):
            assert cite.source in dates and dates[cite.source] <= view.as_of_date


def test_latest_attribute_value_and_unknown_future_end(mini) -> None:  # type: ignore[no-untyped-def]
    assert mini.as_of("2019-06-01").actor("AAA").attribute("cinc").value == 0.1
    assert mini.as_of("2020-06-01").actor("AAA").attribute("cinc").value == 0.2
    # On 2020-06-01 the pact's 2021 end (and the boss's term end) were not yet known.
    view = mini.as_of("2020-06-01")
    assert view.tie("pact").end is None
    assert view.leader("AAA").id == "boss"  # type: ignore[union-attr]
    assert mini.as_of("2021-06-01").leader("AAA") is None


def test_bundled_pack_views() -> None:
    pack = load_pack()
    july = pack.as_of("2024-07-15")
    ids = {t.id for t in july.ties}
    assert "rus-prk-csp-2024" in ids and "prk-rus-troops" not in ids
    assert "ussr-prk-1961" not in ids  # lapsed in 1996
    assert all(e.date <= dt.date(2024, 7, 15) for e in july.events)
    assert july.leader("KOR").id == "yoon_suk_yeol"  # type: ignore[union-attr]
    assert july.leader("USA").id == "joe_biden"  # type: ignore[union-attr]
    assert july.actor("KOR").attribute("government_orientation").value == "hardline"  # type: ignore[union-attr]
    later = pack.as_of("2025-07-01")
    assert later.leader("KOR").id == "lee_jae_myung"  # type: ignore[union-attr]
    assert later.leader("USA").id == "donald_trump"  # type: ignore[union-attr]
    assert later.actor("KOR").attribute("government_orientation").value == "engagement"  # type: ignore[union-attr]
    assert "prk-rus-troops" in {t.id for t in later.ties}
    # The munitions estimate visible in July 2024 is the seed's (about 10,000 containers).
    est = july.flow("prk-rus-containers").latest_estimate()
    assert est is not None and est.quantity.mid == 10000


def test_view_does_not_inherit_the_full_packs_lookups() -> None:
    """A look-up on the full pack before ``as_of`` must not leak dropped elements into the view."""
    from foedus import load_pack

    pack = load_pack()
    assert pack.tie("rus-prk-csp-2024").id == "rus-prk-csp-2024"  # fills the full pack's index
    view = pack.as_of("2024-06-01")  # before the treaty was signed
    assert "rus-prk-csp-2024" not in {t.id for t in view.ties}
    with pytest.raises(KeyError):
        view.tie("rus-prk-csp-2024")
