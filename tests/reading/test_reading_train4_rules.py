"""General rules motivated by the train4 misses, each checked on original sentences.

The sentences here are written for these tests (not taken from any scored text). Tests that need
an English spaCy model skip with a reason when none is installed.
"""

from __future__ import annotations

from typing import Any

from reading_helpers import events_of as _ev
from reading_helpers import mentions_of as _mentions

from foedus.reading.pipeline import read_text


def _speakers(text: str) -> list[str | None]:
    return [q["speaker_id"] for q in read_text(text, use_model=False)["quotes"]]


# Mentions (no model needed).


def test_ranks_are_no_part_of_a_persons_id() -> None:
    text = "“The bridge is gone,” said Colonel Anna Vesna, a spokeswoman for the army."
    assert _mentions(text) == [("Anna Vesna", "anna_vesna")]
    text = "Lieutenant General Pavel Orlik, who commands the corps, said it fell."
    assert _mentions(text) == [("Pavel Orlik", "pavel_orlik")]


def test_a_surname_follows_the_person_last_named_in_full() -> None:
    # A text's analyst shares a surname with a head of state in the gazetteer; surname-first
    # order with a hyphenated given name makes the first token the surname.
    text = (
        "“Ports matter,” said Moon Seo-yeon, who studies shipping in Busan. "
        "Moon expects more ships."
    )
    assert _mentions(text)[-1] == ("Moon", "moon_seo_yeon")
    # Without such an analyst, the bare surname is still the gazetteer's person.
    assert _mentions("Moon Jae-in met voters. Moon spoke first.")[-1] == ("Moon", "moon_jae_in")


def test_monitors_and_statutes_are_no_actors() -> None:
    text = (
        "Figures from the Baltic Shipping Monitor, a watchdog, were cited under the Rome Statute."
    )
    assert _mentions(text) == []
    assert _mentions("The International Criminal Court issued a warrant.") == [
        ("International Criminal Court", "ICC")
    ]


def test_an_official_news_agency_speaks_for_its_state() -> None:
    text = "The state news agency KCNA said the drills were “a rehearsal for invasion.”"
    assert _speakers(text) == ["PRK"]
    assert _mentions(text) == []
    # Also after "according to": the held-out gold once gave such a quotation no speaker, every
    # gold since (train4–train11: KCNA, TASS, Yonhap) gives it the agency's state.
    text = "They saw a plant, “a model of self-reliance,” according to KCNA, which said no more."
    assert _speakers(text) == ["PRK"]


def test_rule_path_target_stops_at_a_concessive_clause() -> None:
    out = read_text("Kim Jong Un toured Vladivostok despite a call from the IMF.", use_model=False)
    assert [(e["source"], e["target"]) for e in out["events"]] == [("kim_jong_un", "RUS")]
    out = read_text("Japan condemned the launch despite a plea from the IMF.", use_model=False)
    assert out["events"] == []


# Speakers (no model needed).


def test_he_says_after_an_unnamed_person_is_no_state() -> None:
    text = (
        "Kim Jong Un toured a plant on Monday.\nA worker, a 40-year-old welder, told reporters "
        "that Russia pays late. “We work nights,” she said."
    )
    assert _speakers(text) == [None]
    # A pronoun with a person named before still follows that person, not the state nearby.
    text = (
        "Lee Min-ho, a professor in Busan, studies the north. Japan protested.\n"
        "“It will not end soon,” he said."
    )
    assert _speakers(text) == ["lee_min_ho"]


def test_an_unnamed_ambassador_is_no_speaker() -> None:
    assert _speakers(
        "China’s ambassador to Australia said it was “a threat to regional peace.”"
    ) == [None]
    assert _speakers("“We will not be intimidated,” the Japanese ambassador said.") == [None]
    assert _speakers(
        "Japan’s ambassador Koji Tomita said it was “a threat to regional peace.”"
    ) == ["koji_tomita"]


def test_a_speech_participle_belongs_to_the_main_clause_subject() -> None:
    text = (
        "Maria Lopez spoke on Monday. The European Union criticised Iran for the launch, saying "
        "it was “a grave escalation of the conflict.”"
    )
    assert _speakers(text) == ["EU"]
    text = "Ministers of the G7 condemned Iran, calling the launch “a grave escalation of it.”"
    assert _speakers(text) == ["G7"]
    text = (
        "The outgoing NATO chief Mark Rutte spoke at length, saying that “we are all exposed now.”"
    )
    assert _speakers(text) == ["mark_rutte"]


def test_calling_it_quotes_a_judgement_but_dubbing_names_a_term() -> None:
    text = (
        "Pyongyang tested another missile. Its foreign ministry defended the test, calling it "
        "“a legitimate act of self-defence.”"
    )
    assert _speakers(text) == ["PRK"]
    assert _speakers("Officials dubbed it “Operation Dawn” in March.") == []


def test_an_organ_with_a_relative_clause_speaks_for_its_organisation() -> None:
    text = (
        "The UN refugee agency, which runs the camps, said the winter would be “the hardest yet.”"
    )
    assert _speakers(text) == ["UN"]


# Events, model path.


def test_captured_combatants_and_forces_driven_out_are_attacks(nlp: Any) -> None:
    text = "The Ukrainian marines whom Russian forces captured in Mariupol were freed."
    assert _ev(text, nlp) == {("ATTACK", "RUS", "UKR", "captured", False, False)}
    text = "Ukrainian forces pushed Russian troops back across the river."
    assert _ev(text, nlp) == {("ATTACK", "UKR", "RUS", "pushed", False, False)}
    assert _ev("Poland pushed the European Union to act.", nlp) == set()


def test_its_organ_or_official_acts_for_the_state_before(nlp: Any) -> None:
    text = "Japan has long wanted a deal. Its foreign minister flew to Beijing in May."
    assert _ev(text, nlp) == {("VISIT", "JPN", "CHN", "flew", False, False)}
    text = "China protested. Its embassy in Tokyo condemned Japan over the visit."
    assert _ev(text, nlp) == {("ACCUSE", "CHN", "JPN", "condemned", False, False)}


def test_ruled_out_and_never_joined_negate(nlp: Any) -> None:
    assert _ev("Tokyo has ruled out sending troops to Ukraine.", nlp) == {
        ("DEPLOY", "JPN", "UKR", "sending", True, True)
    }
    assert _ev("Japan has never joined sanctions against Iran.", nlp) == {
        ("SANCTION", "JPN", "IRN", "sanctions", True, False)
    }


def test_a_treaty_signed_in_a_relative_clause_is_not_hedged(nlp: Any) -> None:
    assert _ev("The treaty that Russia and Belarus signed in 2023 binds them.", nlp) == {
        ("AGREE", "BLR", "RUS", "signed", False, False)
    }
    assert _ev("Russia signed a deal to supply tanks to India.", nlp) == {
        ("SUPPORT", "RUS", "IND", "supply", False, True)
    }


def _pairs(evs: set[tuple[str, str, str, str, bool, bool]]) -> set[tuple[Any, ...]]:
    return {(t, frozenset((s, g)), w, n, h) for t, s, g, w, n, h in evs}


def test_symmetric_sides_from_the_sentence(nlp: Any) -> None:
    evs = _ev("Vietnamese and Thai officials spoke after talks in Hanoi.", nlp)
    assert _pairs(evs) == {("CONSULT", frozenset(("VNM", "THA")), "talks", False, False)}
    evs = _ev("China held talks with Russia but no agreement was reached.", nlp)
    assert ("AGREE", frozenset(("CHN", "RUS")), "reached", True, False) in _pairs(evs)
    evs = _ev("Lee Jae-myung and Xi Jinping discussed the dams by phone on Monday.", nlp)
    assert _pairs(evs) == {
        ("CONSULT", frozenset(("lee_jae_myung", "xi_jinping")), "discussed", False, False)
    }


def test_the_two_men_are_the_sides_of_the_signing_before(nlp: Any) -> None:
    text = (
        "Park Ji-sung, South Korea’s trade minister, signed the contract with his Mexican "
        "counterpart, and the two men agreed to meet again."
    )
    assert ("AGREE", frozenset(("park_ji_sung", "MEX")), "agreed", False, False) in _pairs(
        _ev(text, nlp)
    )


def test_a_warning_that_judges_an_act_threatens_nothing(nlp: Any) -> None:
    assert _ev("Seoul warned Tokyo that the visit would be a mistake.", nlp) == set()
    assert _ev("Seoul warned Tokyo that it would retaliate.", nlp) == {
        ("THREATEN", "KOR", "JPN", "warned", False, False)
    }


def test_buying_with_a_loan_is_the_loans_use(nlp: Any) -> None:
    text = "Germany will give Ukraine 2 billion euros to buy air-defence systems from Norway."
    assert _ev(text, nlp) == {("SUPPORT", "DEU", "UKR", "give", False, True)}


# Events, rule path (no model).


def _rules(text: str) -> set[tuple[str, str, str, str, bool, bool]]:
    out = read_text(text, use_model=False)
    return {
        (e["type"], e["source"], e["target"], e["trigger"][2], e["negated"], e["hedged"])
        for e in out["events"]
    }


def test_rule_path_lexicon_from_train4() -> None:
    assert _rules("Japan gave Ukraine $500 million in aid.") == {
        ("SUPPORT", "JPN", "UKR", "gave", False, False)
    }
    assert _rules("Japan gave a speech in Seoul about China.") == set()
    assert _rules("Poland handed a letter to Germany.") == set()
    assert _rules("Ukrainian forces pushed Russian troops back across the river.") == {
        ("ATTACK", "UKR", "RUS", "pushed", False, False)
    }
    assert _rules("Poland pushed Germany to act faster.") == set()
    assert _rules("Washington could sanction Chinese banks.") == {
        ("SANCTION", "USA", "CHN", "sanction", False, True)
    }
    assert _rules("Japan approved the export of Patriot missiles to the United States.") == {
        ("SUPPORT", "JPN", "USA", "approved", False, False)
    }


def test_rule_path_places_are_destinations() -> None:
    assert _rules("Kim Jong Un flew to Moscow on Tuesday.") == {
        ("VISIT", "kim_jong_un", "RUS", "flew", False, False)
    }
    text = "Lavrov travelled to Pyongyang in July, and North Korea welcomed him."
    assert ("VISIT", "sergei_lavrov", "PRK", "travelled", False, False) in _rules(text)


def test_rule_path_negation_hedging_and_judgements() -> None:
    assert _rules("Tokyo has ruled out sending troops to Ukraine.") == {
        ("DEPLOY", "JPN", "UKR", "sending", True, True)
    }
    assert _rules("Japan has not condemned Russia’s invasion of Ukraine.") == {
        ("ACCUSE", "JPN", "RUS", "condemned", True, False),
        ("ATTACK", "RUS", "UKR", "invasion", False, False),
    }
    assert _rules("Officials suspect that Russia delivered fuel to North Korea.") == {
        ("SUPPORT", "RUS", "PRK", "delivered", False, True)
    }
    assert _rules("Seoul warned Tokyo that the move would be a mistake.") == set()


def test_rule_path_arguments_from_train4() -> None:
    text = "The men whom Russian troops captured near Kursk were Ukrainian soldiers."
    assert _rules(text) == {("ATTACK", "RUS", "UKR", "captured", False, False)}
    assert _rules("China protested. Its embassy condemned Japan over the visit.") == {
        ("ACCUSE", "CHN", "JPN", "condemned", False, False)
    }
    text = "Cho Tae-yul, South Korea’s foreign minister, flew to Tokyo on Monday."
    assert _rules(text) == {("VISIT", "cho_tae_yul", "JPN", "flew", False, False)}
    assert _rules("Japan and South Korea discussed North Korea in Seoul.") == {
        ("CONSULT", "JPN", "KOR", "discussed", False, False)
    }


def test_the_value_of_goods_moved_in_the_sentence_before_is_their_quantity() -> None:
    text = (
        "Iran shipped 300 drones to Russia last year. The cargo, worth roughly $90 million, "
        "went by sea."
    )
    out = read_text(text, use_model=False)
    got = [
        (q["span"][2], out["events"][q["attached_event_index"]]["trigger"][2])
        for q in out["quantities"]
    ]
    assert got == [("300 drones", "shipped"), ("roughly $90 million", "shipped")]
    # A value with no transfer before it stays unattached.
    out = read_text("Iran met Russia. The plant, worth $90 million, opened.", use_model=False)
    assert out["quantities"] == []
    # Nor a value of something that was not moved.
    text = "Iran shipped 300 drones to Russia. The factory, worth $90 million, opened."
    assert [q["span"][2] for q in read_text(text, use_model=False)["quantities"]] == ["300 drones"]


def test_speaker_precision_guards() -> None:
    # An opening phrase is not the main clause's subject.
    text = (
        "After meeting Putin in Moscow, Xi Jinping praised Russia, saying ties were “stronger "
        "than ever before.”"
    )
    assert _speakers(text) == ["xi_jinping"]
    # "telling reporters" is a speech participle of the main clause's subject.
    text = (
        "For months officials in Tokyo feared the worst. Donald Trump backed the deal after "
        "meeting Anthony Albanese, telling reporters it was “a very good deal for everyone.”"
    )
    assert _speakers(text) == ["donald_trump"]
    # An unnamed ambassador stays unnamed with an aside before the cue.
    text = (
        "Anna Berg, an analyst, spoke to us. The ambassador, however, told reporters the deal was "
        "“a done thing for us.”"
    )
    assert _speakers(text) == [None]
    # A description that is no speaker does not hide the last speaker.
    text = (
        "“Ports matter,” said Anna Berg, an analyst at a bank.\nThe treaty, she argues, will send "
        "a worker from Pyongyang to every site. “It is a mess,” she said."
    )
    assert _speakers(text) == ["anna_berg", "anna_berg"]


def test_a_ministry_spokesman_speaks_for_the_state_an_ambassador_does_not() -> None:
    # As the earlier rule has it for "a spokesperson for the … defence ministry".
    text = "Seoul’s foreign ministry spokesman said the test was “a clear provocation to all.”"
    assert _speakers(text) == ["KOR"]
    text = "Seoul’s ambassador said the test was “a clear provocation to all.”"
    assert _speakers(text) == [None]


def test_more_speaker_guards_from_an_original_probe_text() -> None:
    # A statement named after the quotation does not hide the subject of "said" before it.
    text = (
        "The U.S. State Department, which had pressed both allies, said it was “an important "
        "step for the region,” according to a statement released on Saturday."
    )
    assert _speakers(text) == ["USA"]
    # A speaker described but unnamed is neither the next sentence's state nor the last speaker.
    text = (
        "“Ports matter,” North Korea said on Monday.\nIn Tokyo, the chief cabinet secretary told "
        "reporters the plan was “purely defensive.” The Chinese foreign ministry urged all sides "
        "to “exercise restraint.”"
    )
    assert _speakers(text) == ["PRK", None, "CHN"]
    text = (
        "“Ports matter,” said Anna Berg, an analyst at a bank.\nA retired Japanese admiral, "
        "speaking on condition of anonymity, said he doubted it. “It will take a year,” he said."
    )
    assert _speakers(text) == ["anna_berg", None]


def test_a_dateline_is_no_subject(nlp: Any) -> None:
    text = "HANOI — Vietnam and Thailand agreed on Friday to share radar data, officials said."
    assert _pairs(_ev(text, nlp)) == {("AGREE", frozenset(("VNM", "THA")), "agreed", False, False)}


def test_guards_from_a_second_probe_text(nlp: Any) -> None:
    # A clause with its own subject under "deal" is no promise.
    text = (
        "Japan lent Vietnam money on Tuesday, the first such deal since the two governments "
        "upgraded their ties in 2023."
    )
    assert ("AGREE", "VNM", "JPN", "upgraded", False, False) in _ev(text, nlp)
    # A resolution condemning an invasion names no invader.
    text = "Vietnam abstained on every UN resolution condemning the invasion of Ukraine."
    assert all(t != "ATTACK" for t, *_ in _ev(text, nlp))
    # The amount's verb names the recipient of "in aid".
    text = "Washington has offered Hanoi $50 million in maritime aid."
    assert _ev(text, nlp) == {("SUPPORT", "USA", "VNM", "aid", False, False)}


def _affiliations(text: str) -> list[str | None]:
    return [q["affiliation"] for q in read_text(text, use_model=False)["quotes"]]


def test_affiliations_as_the_annotators_write_them() -> None:
    text = "“Ports matter,” said Anna Berg, who directs the shipping desk at a bank."
    assert _affiliations(text) == ["directs the shipping desk at a bank"]
    text = "“Ports matter,” said Foreign Minister Anna Berg, who flew to Oslo on Monday."
    assert _affiliations(text) == ["Foreign Minister"]
    text = "“Ports matter,” trade ministry spokesperson Anna Berg told a briefing."
    assert _affiliations(text) == ["trade ministry spokesperson"]
    text = "Norway’s trade minister, Anna Berg, told reporters that “ports matter a great deal.”"
    assert _affiliations(text) == ["Norway’s trade minister"]
    text = "“Ports matter,” said Anna Berg, the Kremlin’s spokeswoman."
    assert _affiliations(text) == ["Kremlin’s spokeswoman"]


def test_a_person_telling_before_a_reporting_source_speaks() -> None:
    text = (
        "Xi Jinping told Vladimir Putin in a call that China wanted “a stable and calm "
        "peninsula,” according to Chinese state media."
    )
    assert _speakers(text) == ["xi_jinping"]
    # A person named after "according to" stays the speaker.
    text = (
        "“Ports matter,” Anna Berg said. “Rates will rise next year,” according to Piotr Lis, "
        "a banker in Gdańsk."
    )
    assert _speakers(text) == ["anna_berg", "piotr_lis"]


def test_talks_between_two_actors_are_theirs(nlp: Any) -> None:
    evs = _ev("Japan ruled out joining the talks between Russia and Ukraine.", nlp)
    assert _pairs(evs) == {("CONSULT", frozenset(("RUS", "UKR")), "talks", False, False)}


def test_rule_path_approved_money_and_warning_data() -> None:
    assert _rules("Canada approved $30 million for Ukraine’s demining teams.") == {
        ("SUPPORT", "CAN", "UKR", "approved", False, False)
    }
    assert {
        (t, s, g, w) for t, s, g, w, *_ in _rules("Canada approved $30 million in aid for Ukraine.")
    } == {("SUPPORT", "CAN", "UKR", "aid")}
    assert (
        _rules("Japan and Korea will share missile warning data with the United States.") == set()
    )


def test_guards_from_a_fifth_probe_text() -> None:
    # A quotation that closed its sentence keeps the cue before it, not the next sentence's.
    text = (
        "Lavrov’s deputy, Andrei Rudenko, told reporters that Moscow saw the plan as “another "
        "step toward a global bloc.” A Pentagon spokesman said Washington “fully supports” it."
    )
    assert _speakers(text) == ["andrei_rudenko", None]
    assert _affiliations(text)[0] == "Lavrov’s deputy"
    # A leader described without a state is no one in particular, not the last person named.
    text = (
        "“Ports matter,” said Anna Berg, an analyst.\nIn an interview, the president said the "
        "country would “never be a bystander.”"
    )
    assert _speakers(text) == ["anna_berg", None]
    text = "BRUSSELS — NATO Secretary General Mark Rutte said the pact was “a good start for all.”"
    assert _affiliations(text) == ["NATO Secretary General"]


def test_guards_from_a_sixth_probe_text(nlp: Any) -> None:
    text = "EU foreign policy chief Anna Berg said the bloc would “not look away from this.”"
    assert _affiliations(text) == ["EU foreign policy chief"]
    text = "“Ports matter,” the trade ministry spokesperson Anna Berg said on Monday."
    assert _affiliations(text) == ["trade ministry spokesperson"]
    # The owner of a sanctions list is no target of an addition to it.
    text = "The European Commission proposed to add three Iranian firms to the EU sanctions list."
    assert _ev(text, nlp) == {("SANCTION", "EU", "IRN", "add", False, True)}


def test_both_countries_are_the_states_of_the_sides_before(nlp: Any) -> None:
    text = "Putin visited Pyongyang in June, and both countries agreed to expand trade."
    assert ("AGREE", frozenset(("RUS", "PRK")), "agreed", False, False) in _pairs(_ev(text, nlp))
