"""General rules added for unseen articles: lexicon, arguments, quantities, speakers.

Each rule is checked on a small original sentence. Tests that need an English spaCy model skip
with a reason when none is installed.
"""

from __future__ import annotations

from typing import Any

from reading_helpers import events_of as _ev

from foedus.reading.pipeline import read_text


def test_agreement_objects_make_strike_an_agreement(nlp: Any) -> None:
    assert _ev("Japan struck a deal with the Philippines on Friday.", nlp) == {
        ("AGREE", "JPN", "PHL", "struck", False, False)
    }


def test_launching_projectiles_at_a_state_is_an_attack(nlp: Any) -> None:
    assert _ev("North Korea launched missiles at South Korea.", nlp) == {
        ("ATTACK", "PRK", "KOR", "launched", False, False)
    }


def test_buying_from_a_state_is_its_support(nlp: Any) -> None:
    assert _ev("Russia bought shells from North Korea.", nlp) == {
        ("SUPPORT", "PRK", "RUS", "bought", False, False)
    }
    assert _ev("Ukraine received air-defence systems from Germany.", nlp) == {
        ("SUPPORT", "DEU", "UKR", "received", False, False)
    }


def test_the_topic_of_a_discussion_is_not_a_partner(nlp: Any) -> None:
    evs = _ev("Seoul and Tokyo discussed North Korea on Monday.", nlp)
    assert {(t, frozenset((s, g))) for t, s, g, *_ in evs} == {
        ("CONSULT", frozenset(("KOR", "JPN")))
    }


def test_sending_an_envoy_is_neither_deployment_nor_support(nlp: Any) -> None:
    assert _ev("Poland sent an envoy to Ukraine.", nlp) == set()
    assert _ev("Pyongyang sent 2,000 workers to Russia.", nlp) == {
        ("DEPLOY", "PRK", "RUS", "sent", False, False)
    }


def test_the_two_governments_are_the_last_two_states(nlp: Any) -> None:
    text = (
        "Lee Jae-myung met Shigeru Ishiba in Tokyo, and the two governments agreed to resume "
        "regular talks."
    )
    evs = _ev(text, nlp)
    assert any(t == "AGREE" and {s, g} == {"KOR", "JPN"} for t, s, g, *_ in evs)
    assert not any(t == "AGREE" and "KOR" not in (s, g) for t, s, g, *_ in evs)


def test_they_after_a_meeting_pairs_the_two_leaders(nlp: Any) -> None:
    evs = _ev("Kim Jong Un welcomed Vladimir Putin in Pyongyang. They signed a defence pact.", nlp)
    assert any(
        t == "AGREE" and {s, g} == {"kim_jong_un", "vladimir_putin"} and w == "signed"
        for t, s, g, w, *_ in evs
    )


def test_his_visit_takes_the_governing_subject_and_destination(nlp: Any) -> None:
    evs = _ev("Sergei Shoigu arrived in Pyongyang for his second visit.", nlp)
    assert ("VISIT", "sergei_shoigu", "PRK", "visit", False, False) in evs


def test_unlikely_to_is_a_hedged_act_of_the_subject(nlp: Any) -> None:
    assert _ev("Beijing is unlikely to criticise Moscow.", nlp) == {
        ("ACCUSE", "CHN", "RUS", "criticise", False, True)
    }


def test_blame_is_an_accusation(nlp: Any) -> None:
    assert _ev("Japan blamed China for the collision.", nlp) == {
        ("ACCUSE", "JPN", "CHN", "blamed", False, False)
    }


def test_rule_path_knows_the_wider_lexicon() -> None:
    out = read_text("Japan blamed China. Seoul donated generators to Ukraine.", use_model=False)
    evs = {(e["type"], e["source"], e["target"]) for e in out["events"]}
    assert ("ACCUSE", "JPN", "CHN") in evs
    assert ("SUPPORT", "KOR", "UKR") in evs


def test_more_flow_units_are_counted() -> None:
    from foedus.reading.quantities import find_quantities

    got = [
        (q.value, q.unit)
        for q in find_quantities("It moved 1,000 deminers, 20 air-defence systems and 12 jets.")
    ]
    assert got == [(1000.0, "deminers"), (20.0, "systems"), (12.0, "jets")]


def test_a_quantity_attaches_only_within_its_sentence() -> None:
    text = "Japan sanctioned North Korea. Pyongyang has about 5,000 artillery shells in depots."
    out = read_text(text, use_model=False)
    assert out["events"] and out["quantities"] == []


def test_a_quantity_prefers_the_trigger_before_it() -> None:
    from foedus.reading.events import Event
    from foedus.reading.pipeline import attach_quantity

    text = "Seoul sold 40 tanks to Poland and shipped shells to Estonia."
    evs = [
        Event("SUPPORT", "KOR", "POL", 6, 10, "sold", False, False),
        Event("SUPPORT", "KOR", "EST", 34, 41, "shipped", False, False),
    ]
    assert attach_quantity(11, 19, evs, text) == 0
    # A semicolon closes the clause: the later trigger is not reached.
    assert attach_quantity(11, 19, evs[1:], text.replace(" and", ";")) is None


def _quotes(text: str) -> list[tuple[str, str | None]]:
    out = read_text(text, use_model=False)
    return [(text[q["span"][0] : q["span"][1]], q["speaker_id"]) for q in out["quotes"]]


def test_an_unnamed_speaker_is_not_replaced_by_a_named_one() -> None:
    text = (
        "Maria Lind, an analyst at the Nordic Institute, said the talks had stalled. "
        "“Nobody in Moscow wants to move first,” one European diplomat said."
    )
    assert _quotes(text)[-1] == ("Nobody in Moscow wants to move first,", None)
    text = (
        "Maria Lind said the talks had stalled. The leaders agreed on “deeper trade in every "
        "sector,” according to the state news agency."
    )
    assert _quotes(text)[-1] == ("deeper trade in every sector,", None)


def test_named_speakers_still_win_over_descriptions() -> None:
    text = "“We will not wait,” said Maria Lind, a senior analyst at the Nordic Institute."
    assert _quotes(text) == [("We will not wait,", "maria_lind")]


def test_short_labels_inside_a_sentence_are_not_quotations() -> None:
    text = (
        "Japan’s foreign ministry accused Seoul of forming “a closed club” and said Tokyo would "
        "take “firm” steps."
    )
    assert _quotes(text) == []
    # After "be" or as a predicate the same kind of phrase is a quotation.
    text = "Jan Novak, a lawmaker, said the plan was “a costly mistake.”"
    assert _quotes(text) == [("a costly mistake.", "jan_novak")]


def _mentions(text: str) -> list[tuple[str, str]]:
    out = read_text(text, use_model=False)
    got = [(s, a["id"], surf) for a in out["actors"] for s, _e, surf in a["mentions"]]
    return [(i, surf) for _s, i, surf in sorted(got)]


def test_capitals_after_from_at_to_that_stand_for_governments() -> None:
    assert _mentions("Seoul ignored requests from Kyiv.") == [("KOR", "Seoul"), ("UKR", "Kyiv")]
    assert _mentions("Seoul’s envoy returned from Kyiv.") == [("KOR", "Seoul")]
    assert _mentions("The warning was aimed at Tokyo.") == [("JPN", "Tokyo")]
    assert _mentions("Seoul kept a channel open to Moscow.") == [
        ("KOR", "Seoul"),
        ("RUS", "Moscow"),
    ]
    assert _mentions("It meddled in Pyongyang’s affairs.") == [("PRK", "Pyongyang")]


def test_organisation_seats_and_institutions() -> None:
    assert _mentions("Brussels denounced the move.") == [("EU", "Brussels")]
    assert _mentions("The ministers met in Brussels.") == []
    assert _mentions("She teaches at the University of the Philippines.") == []


def test_persons_after_long_titles_appositions_and_suffixes() -> None:
    text = "Defense Secretary Pete Hegseth, visiting Manila, said little."
    assert ("pete_hegseth", "Pete Hegseth") in _mentions(text)
    text = "“We stand firm,” President Ferdinand Marcos Jr. said on Sunday."
    assert ("ferdinand_marcos_jr", "Ferdinand Marcos Jr.") in _mentions(text)
    text = "Ukraine’s foreign minister, Andrii Sybiha, told reporters nothing."
    assert ("andrii_sybiha", "Andrii Sybiha") in _mentions(text)


def test_an_organ_speaks_for_its_state_without_being_a_mention() -> None:
    text = "The China Coast Guard said its crews acted “with restraint and care at all times.”"
    out = read_text(text, use_model=False)
    assert out["actors"] == []
    assert [q["speaker_id"] for q in out["quotes"]] == ["CHN"]


def test_the_speaking_state_is_the_first_actor_of_the_cue_clause() -> None:
    text = (
        "Japan lodged a protest with Beijing; Beijing, in turn, accused Japan of “reckless "
        "spying by air.”"
    )
    assert _quotes(text) == [("reckless spying by air.", "CHN")]
    text = (
        "Russia dismissed the step, and North Korea’s foreign ministry warned the EU that it "
        "would “pay dearly” for it."
    )
    assert _quotes(text) == [("pay dearly", "PRK")]


def test_quoted_phrases_after_a_speech_act_are_quotations_single_words_are_not() -> None:
    text = "Anna Berg, a senior analyst, warned Seoul of a “merciless response” soon."
    assert _quotes(text) == [("merciless response", "anna_berg")]
    text = "Anna Berg, a senior analyst, called the pact “an unbreakable bond” last week."
    assert _quotes(text) == [("an unbreakable bond", "anna_berg")]
    text = "Anna Berg, a senior analyst, notes that Tokyo has offered only “capacity-building.”"
    assert _quotes(text) == []


def test_adding_to_a_list_is_a_sanction(nlp: Any) -> None:
    text = "China’s commerce ministry added nine Japanese firms to its export-control list."
    assert _ev(text, nlp) == {("SANCTION", "CHN", "JPN", "added", False, False)}


def test_approving_money_or_a_sale_is_support_an_aid_noun_stays_the_trigger(nlp: Any) -> None:
    text = "The United States approved a $330 million sale of spare parts to Taiwan."
    assert _ev(text, nlp) == {("SUPPORT", "USA", "TWN", "approved", False, False)}
    text = "The EU approved 2 billion euros for Ukraine’s air defences."
    assert _ev(text, nlp) == {("SUPPORT", "EU", "UKR", "approved", False, False)}
    text = "Seoul approved $24 million in assistance for Ukraine."
    assert _ev(text, nlp) == {("SUPPORT", "KOR", "UKR", "assistance", False, False)}


def test_relative_clauses_appositions_and_participles_give_the_agent(nlp: Any) -> None:
    text = (
        "Japan, which signed an access agreement with Manila, has handed the Philippine coast "
        "guard ten patrol vessels."
    )
    evs = _ev(text, nlp)
    assert ("AGREE", "JPN", "PHL", "signed", False, False) in evs
    assert ("SUPPORT", "JPN", "PHL", "handed", False, False) in evs
    text = "His North Korean counterpart, Choe Son Hui, travelled to Moscow in October."
    assert _ev(text, nlp) == {("VISIT", "choe_son_hui", "RUS", "travelled", False, False)}
    text = "Defense Secretary Pete Hegseth, visiting Manila in March, spoke of the treaty."
    assert _ev(text, nlp) == {("VISIT", "pete_hegseth", "PHL", "visiting", False, False)}


def test_the_two_after_two_persons_and_summoning_an_ambassador(nlp: Any) -> None:
    text = (
        "Defense Secretary Pete Hegseth met his counterpart, Ahn Gyu-back, in Seoul, and the "
        "two agreed to keep the troops."
    )
    evs = _ev(text, nlp)
    assert any(t == "AGREE" and {s, g} == {"pete_hegseth", "ahn_gyu_back"} for t, s, g, *_ in evs)
    assert _ev("Beijing summoned Japan’s ambassador on Friday.", nlp) == {
        ("ACCUSE", "CHN", "JPN", "summoned", False, False)
    }


def test_rotation_warning_clause_and_help_targets(nlp: Any) -> None:
    text = "The United States has rotated a missile battery through Luzon."
    assert _ev(text, nlp) == {("DEPLOY", "USA", "PHL", "rotated", False, False)}
    text = "Wang Yi spoke on Friday, warning that Tokyo would bear the consequences."
    assert _ev(text, nlp) == {("THREATEN", "wang_yi", "JPN", "warning", False, False)}
    assert _ev("Moscow has helped Pyongyang improve its missiles.", nlp) == {
        ("SUPPORT", "RUS", "PRK", "helped", False, False)
    }
    # A purposive "to help" under a pledge is the same event, not a second one.
    text = "The European Union has pledged $22 million to help Manila monitor its waters."
    assert _ev(text, nlp) == {("SUPPORT", "EU", "PHL", "pledged", False, False)}


def test_number_words_count_for_loads_only() -> None:
    from foedus.reading.quantities import find_quantities

    got = [(q.surface, q.value) for q in find_quantities("Japan will deliver three more vessels.")]
    assert got == [("three more vessels", 3.0)]
    assert [q.value for q in find_quantities("roughly one million barrels of oil")] == [1e6]
    assert find_quantities("one of its boats and two governments") == []
    assert find_quantities("several hundred KN-23 ballistic missiles") == []


def test_compound_number_words_and_hundreds() -> None:
    from foedus.reading.quantities import find_quantities

    def got(text: str) -> list[tuple[str, float, str]]:
        return [(q.surface, q.value, q.unit) for q in find_quantities(text)]

    assert got("Moscow sent forty-five more patrol vessels.") == [
        ("forty-five more patrol vessels", 45.0, "vessels")
    ]
    assert got("Pyongyang sent two hundred engineers.") == [
        ("two hundred engineers", 200.0, "engineers")
    ]
    assert got("about five hundred thousand shells") == [
        ("about five hundred thousand shells", 5e5, "shells")
    ]
    assert got("300 hundred-tonne barges") == []  # no unit of ours follows
    assert got("Twenty-five years ago") == []  # a duration, not a counted load
    assert got("sixty-six of the tanks") == []  # "of the": a part, not a load


def test_a_place_named_by_a_compound_and_show_up_needs_an_agent(nlp: Any) -> None:
    text = "This spring the United States deployed an anti-ship system to the Batanes islands."
    assert _ev(text, nlp) == {("DEPLOY", "USA", "PHL", "deployed", False, False)}
    assert _ev("Experts expect Russian help to show up in Wonsan soon.", nlp) == set()
    assert _ev("Kim Jong Un showed up in Moscow on Monday.", nlp) == {
        ("VISIT", "kim_jong_un", "RUS", "showed", False, False)
    }


def test_hosting_needs_a_guest_and_the_guest_is_the_other_side(nlp: Any) -> None:
    assert _ev("Japan welcomed South Korea’s decision.", nlp) == set()
    assert _ev("Putin welcomed Kim Jong Un to Moscow.", nlp) == {
        ("VISIT", "vladimir_putin", "kim_jong_un", "welcomed", False, False)
    }
    assert _ev("Seoul hosted NATO leaders in June.", nlp) == {
        ("VISIT", "KOR", "NATO", "hosted", False, False)
    }


def test_an_organ_without_its_state_belongs_to_the_earlier_subject(nlp: Any) -> None:
    text = (
        "China’s commerce ministry added nine Japanese firms to its export-control list, and the "
        "foreign ministry summoned Japan’s ambassador."
    )
    assert ("ACCUSE", "CHN", "JPN", "summoned", False, False) in _ev(text, nlp)
    assert _ev("The government condemned China.", nlp) == set()


def test_targets_one_level_down_and_leaders_of_states(nlp: Any) -> None:
    text = "North Korea has fired artillery shells toward South Korea’s border islands."
    assert _ev(text, nlp) == {("ATTACK", "PRK", "KOR", "fired", False, False)}
    text = "North Korean troops have fought alongside Russian forces against Ukraine."
    assert _ev(text, nlp) == {("ATTACK", "PRK", "UKR", "fought", False, False)}
    assert _ev("Beijing threatened to retaliate against Manila.", nlp) == {
        ("THREATEN", "CHN", "PHL", "threatened", False, False)
    }
    evs = _ev("The leaders of Japan and South Korea met in Tokyo.", nlp)
    assert {(t, frozenset((s, g))) for t, s, g, *_ in evs} == {("VISIT", frozenset(("JPN", "KOR")))}


def test_warned_against_is_the_object_s_hypothetical_act(nlp: Any) -> None:
    text = "Seoul warned Moscow against transferring advanced technology to Pyongyang."
    assert _ev(text, nlp) == {("SUPPORT", "RUS", "PRK", "transferring", False, True)}


def test_the_actor_right_before_the_cue_speaks_and_according_to_a_description() -> None:
    text = (
        "The Kremlin said the visit was “very productive.” Dmitry Peskov, the Kremlin "
        "spokesman, added that “more meetings will follow.”"
    )
    assert _quotes(text) == [
        ("very productive.", "RUS"),
        ("more meetings will follow.", "dmitry_peskov"),
    ]
    text = "According to a senior Japanese official, the talks were “constructive and frank.”"
    assert _quotes(text) == [("constructive and frank.", None)]
    text = "A spokesperson for the South Korean defence ministry said the drills were “routine.”"
    assert _quotes(text) == [("routine.", "KOR")]


def test_other_currencies_and_naval_units() -> None:
    from foedus.reading.quantities import find_quantities

    got = [(q.value, q.unit) for q in find_quantities("Berlin pledged €500 million in aid.")]
    assert got == [(5e8, "EUR")]
    got = [(q.value, q.unit) for q in find_quantities("It sent two destroyers and 600 marines.")]
    assert got == [(2.0, "destroyers"), (600.0, "marines")]


def test_receiving_goods_made_by_a_state_is_its_support(nlp: Any) -> None:
    assert _ev("Russia received North Korean shells in exchange for oil.", nlp) == {
        ("SUPPORT", "PRK", "RUS", "received", False, False)
    }
    assert _ev("Ukraine received new shells last week.", nlp) == set()


def test_hyphenated_pairs_of_names_are_two_mentions() -> None:
    assert _mentions("The Russia-North Korea treaty took effect.") == [
        ("RUS", "Russia"),
        ("PRK", "North Korea"),
    ]
    assert _mentions("U.S.-Japan ties are strong.") == [("USA", "U.S."), ("JPN", "Japan")]
    assert _mentions("A pro-Russian mood.") == []


def test_thanked_for_and_refrained_from(nlp: Any) -> None:
    assert _ev("Putin thanked Kim for sending troops to Kursk.", nlp) == {
        ("DEPLOY", "kim_jong_un", "RUS", "sending", False, False)
    }
    text = "Beijing has so far refrained from criticising Pyongyang’s arms transfers."
    assert ("ACCUSE", "CHN", "PRK", "criticising", True, False) in _ev(text, nlp)


def test_unnamed_officials_are_no_named_speaker() -> None:
    text = (
        "Maria Lind, an analyst, spoke first. “We are not a party to this war,” the official "
        "said, declining to be named."
    )
    assert _quotes(text)[-1] == ("We are not a party to this war,", None)
    assert _quotes("“The alliance is ironclad,” U.S. officials said on Monday.") == [
        ("The alliance is ironclad,", None)
    ]


def test_its_in_an_attack_object_is_the_other_actor_named_before(nlp: Any) -> None:
    text = "Manila said Chinese vessels attacked its supply boats."
    assert _ev(text, nlp) == {("ATTACK", "CHN", "PHL", "attacked", False, False)}
    assert _ev("Russia shelled its own border towns.", nlp) == set()


def test_more_organisations_are_known() -> None:
    assert _mentions("The World Food Programme and the G20 met the IMF.") == [
        ("WFP", "World Food Programme"),
        ("G20", "G20"),
        ("IMF", "IMF"),
    ]
