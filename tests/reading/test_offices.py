"""Office-holders named by description, resolved by the article's date."""

from __future__ import annotations

import datetime

from foedus.reading.gazetteer import load_gazetteer
from foedus.reading.mentions import find_mentions
from foedus.reading.offices import article_date, office_mentions
from foedus.reading.pipeline import read_text


def _ids(text: str, on: datetime.date | None = None) -> list[str]:
    gaz = load_gazetteer()
    return [m.actor_id for m in office_mentions(text, find_mentions(text, gaz), gaz, on)]


def test_article_date_is_the_latest_date_written() -> None:
    assert article_date("Seoul, 2025-06-10. Talks held in May 2024.") == datetime.date(2025, 6, 10)
    assert article_date("It happened on February 30, 2024.") is None  # not a date


def test_the_same_title_resolves_by_date() -> None:
    text = "The South Korean president spoke."
    assert _ids(text, datetime.date(2024, 6, 1)) == ["yoon_suk_yeol"]
    assert _ids(text, datetime.date(2025, 7, 1)) == ["lee_jae_myung"]
    assert _ids("In March 2024, the president of South Korea spoke.") == ["yoon_suk_yeol"]
    assert _ids("In 2025-11 news, Japan’s Prime Minister spoke.", datetime.date(2025, 11, 1)) == [
        "sanae_takaichi"
    ]


def test_former_titles_names_and_possessives_are_not_resolved() -> None:
    on = datetime.date(2025, 7, 1)
    assert _ids("The former South Korean president spoke.", on) == []
    assert _ids("South Korean President Lee Jae-myung spoke.", on) == []
    assert _ids("Kim Yo Jong, the North Korean leader’s sister, spoke.", on) == []


def test_a_described_office_holder_is_a_speaker_but_no_mention() -> None:
    text = "On March 3, 2024, the South Korean president said “We will not let Seoul be divided.”"
    out = read_text(text, use_model=False)
    assert [q["speaker_id"] for q in out["quotes"]] == ["yoon_suk_yeol"]
    assert "yoon_suk_yeol" not in {a["id"] for a in out["actors"]}


def test_a_described_office_holder_is_an_event_argument() -> None:
    out = read_text("In July 2025 the South Korean president met Japan’s prime minister.")
    evs = {(e["type"], frozenset((e["source"], e["target"]))) for e in out["events"]}
    assert ("VISIT", frozenset(("lee_jae_myung", "shigeru_ishiba"))) in evs
