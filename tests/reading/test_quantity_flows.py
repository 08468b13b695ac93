"""Flow quantities: more counted units, casualties left out, and transfers the parse missed."""

from __future__ import annotations

from typing import Any

from foedus.reading.pipeline import read_text
from foedus.reading.quantities import find_quantities


def _q(text: str) -> list[tuple[str, float, str]]:
    return [(q.surface, q.value, q.unit) for q in find_quantities(text)]


def test_more_counted_units() -> None:
    assert _q("Tehran delivered at least 40 complete drone airframes.") == [
        ("at least 40 complete drone airframes", 40.0, "airframes")
    ]
    assert _q("Minsk sent about 1,500 drone operators east.") == [
        ("about 1,500 drone operators", 1500.0, "operators")
    ]
    assert _q("Oslo will fund about 1.5 billion kroner of interceptors.")[0][1:] == (
        1.5e9,
        "kroner",
    )


def test_casualties_are_no_flow() -> None:
    assert _q("Roughly 6,000 Belarusian soldiers had been killed or wounded.") == []
    assert _q("Some 300 marines were captured near the river.") == []
    assert _q("Some 300 marines were sent to the island.") == [
        ("Some 300 marines", 300.0, "marines")
    ]


def test_a_transfer_the_parse_missed_is_kept_with_its_amount(nlp: Any) -> None:
    # The parse leaves "hand" after the colon unresolved here; the lexicon finds it, and the
    # amount right after the trigger makes it count.
    text = (
        "Canberra is adding to the shift: Tokyo will hand the Malaysian coast guard four more "
        "patrol vessels next year under a low-interest loan."
    )
    out = read_text(text, nlp=nlp)
    assert [(e["type"], e["source"], e["target"]) for e in out["events"]] == [
        ("SUPPORT", "JPN", "MYS")
    ]
    (q,) = out["quantities"]
    assert (q["value"], q["attached_event_index"]) == (4, 0)
    # Without an amount after the trigger, the lexicon's guess is not added to the parse.
    out = read_text(
        "Canberra is adding to the shift: Tokyo will hand the Malaysian coast guard its old "
        "patrol vessels next year under a low-interest loan.",
        nlp=nlp,
    )
    assert out["events"] == []


def test_passive_deployments_and_sanction_counts(nlp: Any) -> None:
    out = read_text("Some 2,000 Belarusian engineers were sent to Russia last year.", nlp=nlp)
    assert [(e["type"], e["source"], e["target"]) for e in out["events"]] == [
        ("DEPLOY", "BLR", "RUS")
    ]
    assert [q["value"] for q in out["quantities"]] == [2000]
    # What a sanction lists is counted, but it is no flow.
    out = read_text("The EU blacklisted three Russian tankers and two shipping firms.", nlp=nlp)
    assert out["quantities"] == []
