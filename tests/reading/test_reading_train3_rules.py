"""General rules motivated by the train3 misses, each checked on original sentences.

The sentences here are written for these tests (not taken from any scored text). Tests that need
an English spaCy model skip with a reason when none is installed.
"""

from __future__ import annotations

from typing import Any

from reading_helpers import events_of as _ev
from reading_helpers import mentions_of as _mentions

from foedus.reading.pipeline import read_text
from foedus.reading.quantities import find_quantities

# Mentions (no model needed).


def test_pacific_island_states_are_known() -> None:
    text = "Fiji and Tonga backed the plan; Vanuatu, Samoa and the Solomon Islands did not."
    assert _mentions(text) == [
        ("Fiji", "FJI"),
        ("Tonga", "TON"),
        ("Vanuatu", "VUT"),
        ("Samoa", "WSM"),
        ("Solomon Islands", "SLB"),
    ]
    assert _mentions("Port Moresby wants more from Papua New Guinea’s partners.") == [
        ("Port Moresby", "PNG"),
        ("Papua New Guinea", "PNG"),
    ]
    assert _mentions("Tourists flew to American Samoa.") == []


def test_a_currency_named_by_its_state_is_no_mention() -> None:
    assert _mentions("Ottawa gave 40 million Canadian dollars to Manila.") == [
        ("Ottawa", "CAN"),
        ("Manila", "PHL"),
    ]
    assert _mentions("Canadian troops arrived.") == [("Canadian", "CAN")]


def test_a_states_security_council_is_its_organ_not_the_un_body() -> None:
    assert _mentions("The head of Belarus’s Security Council flew to Minsk.") == [
        ("Belarus", "BLR")
    ]
    assert _mentions("France asked the Security Council to meet.") == [
        ("France", "FRA"),
        ("Security Council", "UNSC"),
    ]


def test_a_state_before_its_state_department_is_a_mention() -> None:
    assert _mentions("The U.S. State Department cleared the deal.") == [("U.S.", "USA")]
    assert _mentions("The China Coast Guard denied it.") == []


def test_seats_as_places_and_recipients_of_sales() -> None:
    assert _mentions("The envoys met at the Kremlin; the Kremlin said so.") == [("Kremlin", "RUS")]
    assert _mentions("It approved the sale of ten radars to Manila.") == [("Manila", "PHL")]
    assert _mentions("Few doubt the view from Tokyo.") == [("Tokyo", "JPN")]
    assert _mentions("She heads the Centre for Japanese Studies in Oslo.") == []


def test_more_states_of_nato_the_caucasus_central_asia_and_the_middle_east() -> None:
    text = (
        "Greek, Bulgarian and Georgian officials met Uzbekistan’s envoy; Cairo and Doha objected."
    )
    assert [a for _, a in _mentions(text)] == ["GRC", "BGR", "GEO", "UZB", "EGY", "QAT"]
    # Brussels stays the EU's seat, not Belgium's capital.
    assert _mentions("Brussels and Belgium disagreed.") == [("Brussels", "EU"), ("Belgium", "BEL")]


# Events (model path).


def test_pronoun_subjects_chain_back_to_the_last_name(nlp: Any) -> None:
    text = (
        "Xi Jinping spoke first at the forum. He praised the host. Later that evening, he "
        "warned Manila that further landings would be answered."
    )
    assert ("THREATEN", "xi_jinping", "PHL", "warned", False, False) in _ev(text, nlp)


def test_a_parenthetical_speaker_stands_for_a_pronoun_subject(nlp: Any) -> None:
    text = "If talks fail, Tokyo has said, it will consider selling Manila more radars."
    assert _ev(text, nlp) == {("SUPPORT", "JPN", "PHL", "selling", False, True)}


def test_the_finder_of_a_way_acts(nlp: Any) -> None:
    text = "Ottawa has found a way to fund Kyiv quietly."
    assert _ev(text, nlp) == {("SUPPORT", "CAN", "UKR", "fund", False, False)}


def test_a_critic_of_a_plan_does_not_carry_it_out(nlp: Any) -> None:
    assert _ev("Hanoi criticised the plan to deploy troops to Laos.", nlp) == set()
    assert _ev("Tokyo rejected Moscow’s proposal to supply fuel to Pyongyang.", nlp) == {
        ("SUPPORT", "RUS", "PRK", "supply", False, True)
    }


def test_stopping_short_of_an_act_negates_it(nlp: Any) -> None:
    text = "Wellington voiced concern but stopped short of condemning Beijing over the flights."
    assert _ev(text, nlp) == {("ACCUSE", "NZL", "CHN", "condemning", True, False)}


def test_hearsay_passives_and_estimated_amounts_hedge(nlp: Any) -> None:
    assert _ev("Iran is reported to be supplying Russia with drones.", nlp) == {
        ("SUPPORT", "IRN", "RUS", "supplying", False, True)
    }
    assert _ev("Moscow paid Minsk an estimated $1 billion last year.", nlp) == {
        ("SUPPORT", "RUS", "BLR", "paid", False, True)
    }
    assert _ev("Moscow paid Minsk $1 billion last year.", nlp) == {
        ("SUPPORT", "RUS", "BLR", "paid", False, False)
    }


def test_no_plans_negates_and_military_observers_are_deployed(nlp: Any) -> None:
    assert _ev("Canada has no plans to send military observers to Taiwan.", nlp) == {
        ("DEPLOY", "CAN", "TWN", "send", True, True)
    }
    # An observer without a military modifier is still no deployment.
    assert _ev("Canada may send an observer to Taiwan.", nlp) == set()


def test_contributing_money_is_support(nlp: Any) -> None:
    assert _ev("Singapore will contribute $20 million to Ukraine.", nlp) == {
        ("SUPPORT", "SGP", "UKR", "contribute", False, True)
    }
    assert _ev("Singapore contributed ideas to the Philippines.", nlp) == set()


def test_purpose_clause_on_the_amount_names_the_recipient(nlp: Any) -> None:
    text = "Japan has pledged the equivalent of $40 million to train and equip the Fijian police."
    assert _ev(text, nlp) == {("SUPPORT", "JPN", "FJI", "pledged", False, False)}


def test_a_second_transfer_of_the_sentence_keeps_the_recipient(nlp: Any) -> None:
    text = "Iran has sold Russia thousands of drones and is thought to have shipped missiles too."
    assert _ev(text, nlp) == {
        ("SUPPORT", "IRN", "RUS", "sold", False, False),
        ("SUPPORT", "IRN", "RUS", "shipped", False, True),
    }
    # Help without anything handed over does not borrow a recipient.
    text = "Iran has sold drones to Russia, and Iranian engineers are helping with the launches."
    assert _ev(text, nlp) == {("SUPPORT", "IRN", "RUS", "sold", False, False)}


def test_an_agreement_after_talks_keeps_the_partner(nlp: Any) -> None:
    text = "Vietnamese officials held talks with their Thai counterparts and agreed on a hotline."
    evs = {(t, s, g) for t, s, g, *_ in _ev(text, nlp)}
    assert evs == {("CONSULT", "VNM", "THA"), ("AGREE", "VNM", "THA")}
    text = "Vietnamese officials held talks with their Thai counterparts and agreed to cut rates."
    assert {t for t, *_ in _ev(text, nlp)} == {"CONSULT"}


def test_a_rotation_deploys_to_the_place_left(nlp: Any) -> None:
    text = "Minsk withdrew its engineers from Russia’s Belgorod region and sent 300 new troops."
    assert ("DEPLOY", "BLR", "RUS", "sent", False, False) in _ev(text, nlp)


def test_a_multilateral_summit_is_no_visit(nlp: Any) -> None:
    assert _ev("NATO’s leaders opened their summit in Vilnius on Tuesday.", nlp) == set()
    assert _ev("Putin opened his summit with Kim in Pyongyang.", nlp) == {
        ("VISIT", "vladimir_putin", "kim_jong_un", "summit", False, False)
    }


def test_announced_aid_is_headed_by_the_announcement(nlp: Any) -> None:
    out = read_text("Canada announced another $80 million in military aid for Kyiv.", nlp=nlp)
    assert [(e["trigger"][2], e["source"], e["target"]) for e in out["events"]] == [
        ("announced", "CAN", "UKR")
    ]
    assert [(q["span"][2], q["attached_event_index"]) for q in out["quantities"]] == [
        ("$80 million", 0)
    ]


def test_a_deal_to_supply_is_hedged(nlp: Any) -> None:
    text = "Seoul signed a contract to supply howitzers to Poland."
    assert ("SUPPORT", "KOR", "POL", "supply", False, True) in _ev(text, nlp)


def test_a_claimed_strike_is_hedged(nlp: Any) -> None:
    text = "A Ukrainian artillery unit claimed to have shelled a Russian depot near Belgorod."
    assert _ev(text, nlp) == {("ATTACK", "UKR", "RUS", "shelled", False, True)}


def test_seizing_a_civilian_boat_is_no_attack(nlp: Any) -> None:
    assert _ev("Chinese coast guard crews seized a Philippine fishing boat.", nlp) == set()
    assert ("ATTACK", "RUS", "UKR", "seized", False, False) in _ev(
        "Russian forces seized two Ukrainian villages.", nlp
    )


# Quantities (no model needed).


def test_rewards_and_fines_are_no_flows() -> None:
    text = "Tokyo set a bounty of $3 million and a fine of about $9 million; it sent $5 million."
    assert [(q.surface, q.value) for q in find_quantities(text)] == [("$5 million", 5e6)]


# Quotations and speakers (no model needed).


def _quotes(text: str) -> list[tuple[str, str | None]]:
    out = read_text(text, use_model=False)
    return [(text[q["span"][0] : q["span"][1]], q["speaker_id"]) for q in out["quotes"]]


def test_a_clause_between_speaker_and_cue_is_skipped() -> None:
    text = (
        "Vietnam, whose fishing fleets work close to the Paracels, said it wanted “calm and "
        "restraint at sea.” Later, President Jane Roe visited Hanoi."
    )
    assert _quotes(text) == [("calm and restraint at sea.", "VNM")]


def test_participles_of_saying_are_cues() -> None:
    text = (
        "The spokesman, Dmitry Peskov, accused Tokyo of provocations. Sergei Lavrov, now the "
        "foreign minister, went further, warning that Tokyo would face “a firm answer of our own.”"
    )
    assert _quotes(text) == [("a firm answer of our own.", "sergei_lavrov")]


def test_its_organ_speaks_for_the_sentences_first_actor() -> None:
    text = (
        "Moscow, which skipped the meeting, rebuked Tokyo over the drills, and its defence "
        "ministry warned Japan against “playing with fire near our coasts.”"
    )
    assert _quotes(text) == [("playing with fire near our coasts.", "RUS")]


def test_a_named_term_after_describing_or_calling_is_a_quotation() -> None:
    text = "Canberra rebuked NATO for describing Beijing as a “systemic rival” in its communique."
    assert _quotes(text) == [("systemic rival", "NATO")]
    text = "The European Commission called the new tariffs “unacceptable” on Monday."
    assert _quotes(text) == [("unacceptable", "EU")]
    # No naming verb: a single quoted word stays a term.
    assert _quotes("Tokyo offered only “reassurance” to Manila.") == []


def test_according_to_a_states_document_names_the_state() -> None:
    text = (
        "President Jane Roe met the envoys. The two sides, according to a Japanese summary, "
        "agreed that “dialogue must continue without preconditions.”"
    )
    assert _quotes(text) == [("dialogue must continue without preconditions.", "JPN")]


# The rule-only path (no model): lexicon and guards.


def _rule_ev(text: str) -> set[tuple[str, str, str, str]]:
    out = read_text(text, use_model=False)
    return {(e["type"], e["source"], e["target"], e["trigger"][2]) for e in out["events"]}


def test_rule_path_knows_more_support_verbs() -> None:
    assert _rule_ev("Norway committed $90 million to Ukraine.") == {
        ("SUPPORT", "NOR", "UKR", "committed")
    }
    assert _rule_ev("Seoul will contribute $5 million to Manila.") == {
        ("SUPPORT", "KOR", "PHL", "contribute")
    }


def test_rule_path_send_guards() -> None:
    assert _rule_ev("Minsk will send 500 engineers to Russia.") == {
        ("DEPLOY", "BLR", "RUS", "send")
    }
    assert _rule_ev("Tokyo sent no delegation to Moscow’s parade, and Seoul stayed away.") == set()


def test_rule_path_passive_meeting_and_seized_boats_are_no_events() -> None:
    assert _rule_ev("Seoul said any incursion by Pyongyang would be met with force.") == set()
    assert _rule_ev("China seized a Philippine fishing boat near the shoal.") == set()
