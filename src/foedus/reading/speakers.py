"""Who said it: a learned ranking of the candidate speakers of a quotation.

Every actor mentioned (outside quotation marks) in the quotation's paragraph or the paragraph
before is a candidate, and so is "nobody named" (an unnamed official, a description). Each
candidate gets a vector of plain features read off the text — is it the subject of the speech
verb, does it follow "according to", is it a person when the cue says "she", was it the last
speaker — and a conditional logit (a softmax over one quotation's candidates, as in McFadden's
choice model) picks the most probable. The weights are fitted on the project's annotated
quotations (:func:`fit`, ``foedus read fit-speakers``) and shipped in
``resources/speaker_weights.json``. Hand rules written one error at a time did not carry over to
unseen text; a ranking over general cues, fitted and cross-validated, is meant to.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize

from foedus.reading.cues import (
    ASIDE,
    CLAUSE_END,
    PARTICIPLES,
    PERSON_DESCRIPTION,
    PRONOUN_SUBJECT,
    SENTENCE_END,
    SPEECH,
    UNNAMED,
)
from foedus.reading.mentions import Mention

NOBODY = "<nobody>"

#: The features, in the order of the weight vector. ``a_`` features describe an actor
#: candidate (best over its mentions), ``n_`` ones the "nobody named" candidate.
FEATURES: tuple[str, ...] = (
    "a_person",
    "a_state",
    "a_org",
    "a_same_sentence",
    "a_cue_sentence",
    "a_cue_clause",
    "a_subject",
    "a_subject_adjacent",
    "a_subject_apposition",
    "a_inverted",
    "a_before_inverted_cue",
    "a_object_of_cue",
    "a_according_to",
    "a_after_preposition",
    "a_first_in_cue_sentence",
    "a_nearest_before_cue",
    "a_nearest_person",
    "a_distance",
    "a_previous_paragraph_only",
    "a_last_speaker",
    "a_last_speaker_person",
    "a_last_person",
    "a_pronoun_person",
    "a_pronoun_last_person",
    "a_pronoun_state",
    "a_introduced_here",
    "a_mentions",
    "a_no_cue_last_person",
    "a_later_clause_than_cue",
    "a_possessive_before_cue",
    "a_object",
    "a_in_description",
    "a_sentence_subject",
    "a_quote_sentence_subject",
    "a_its_owner",
    "a_clause_subject",
    "a_participle_subject",
    "a_gerund_agent",
    "a_later_sentence",
    "a_earlier_sentence_only",
    "a_displaced_by_description",
    "a_after_cue",
    "a_last_speaker_same_cue",
    "a_modifies_title",
    "a_previous_sentence_subject",
    "a_pronoun_previous_subject",
    "a_before_parenthetical_cue",
    "a_passive_agent",
    "n_bias",
    "n_unnamed_phrase",
    "n_person_description",
    "n_no_cue",
    "n_no_actor_in_cue_sentence",
    "n_pronoun",
    "n_last_speaker",
    "n_last_speaker_same_cue",
)
_INDEX = {name: i for i, name in enumerate(FEATURES)}

_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|on|at|to|from|with|by|for|against|over|after|before|since|about|into|toward|"
    r"towards|despite|between|of|than|like|on behalf of)\s+(?:the\s+)?"
    # a title between: "travelling with Prime Minister Mark Carney"
    r"(?:(?:Prime|Minister|President|Secretary|Foreign|Defen[cs]e|Chief|Deputy|Vice|General|"
    r"Ambassador|State|Chancellor)\s+){0,3}$",
    re.IGNORECASE,
)
_SUBJECT_GAP = re.compile(r"(?:’s|'s)?(?:\s+[\w-]+){0,4}\s+")
_APPOSITION_GAP = re.compile(
    r"(?:’s|'s)?(?:\s+[\w-]+){0,3},\s+[^“”;.]{0,120},\s+(?:[\w-]+\s+){0,2}"
    r"|(?:’s|'s)?" + ASIDE
)
#: A verb right before an actor makes it the verb's object: "warned Seoul", "told Putin".
_VERB_BEFORE = re.compile(
    r"\b(?:[a-z]+(?:ed|ised|ized)|meeting|visiting|calling|urging|telling|told|tells|urged|"
    r"warns|accuses|blamed|pressed|asked|gave|"
    r"sent|met|visited|called|calls|backed|supports|praised|thanked)\s+(?:the\s+)?$"
)
_OPENING_PHRASE = re.compile(
    r"\s*(?:After|Before|During|Following|Despite|Since|While|When|Although|Though|Unlike|As|"
    r"In|On|At|With)(?:\s+[^\s,“”.;]+){1,6},\s*"
)
#: The agent of a passive speech act: "were accused by Ukraine’s foreign ministry".
_PASSIVE_BY = re.compile(
    r"\b(?:was|were|been|being|is|are)\s+(?:also\s+|later\s+)?(?:accused|criticised|criticized|"
    r"condemned|denounced|described|called|warned|urged|blamed|praised)\s+by\s+(?:the\s+)?$"
)
#: An actor followed by a parenthetical cue is what the quotation is about, not who speaks:
#: "Belarus, the assessment concludes, “…”".
_PARENTHETICAL_CUE = re.compile(
    r",\s+(?:the|a|an|its|their|his|her)?\s*(?:[\w’'-]+\s+){0,3}?(?:" + SPEECH.pattern + r"),\s+“"
)
#: A title right after an actor: "the Malaysian minister", "Chinese officials".
_TITLE_AFTER = re.compile(
    r"(?:’s|'s)?\s+(?:[a-z]+\s+){0,2}?(?:minister|president|premier|chancellor|official|diplomat|"
    r"envoy|ambassador|spokesman|spokeswoman|spokesperson|delegate|leader|secretary|general|"
    r"commander|analyst|lawmaker|negotiator)s?\b"
)
#: Between an actor and the person it titles: "NATO chief Mark Rutte", "Ukraine’s foreign
#: minister, Andrii Sybiha", "US Defense Secretary Pete Hegseth".
_TITLE_GAP = re.compile(
    r"(?:’s|'s)?(?:\s+(?:[a-z][\w-]*|Defen[cs]e|Foreign|Secretary|Minister|Prime|President|"
    r"Chief|Deputy|Vice|Trade|Finance|Interior|Security|Adviser|Advisor|General|Envoy|"
    r"Ambassador|Spokesman|Spokeswoman|Spokesperson)){0,3},?\s+"
)
#: A relative clause after an appositive noun ("…, a step that Moscow … called") or "what"
#: ("over what the Lithuanian foreign ministry called"); not "said that Russia …", whose
#: "that" opens the reported clause.
_RELATIVE = re.compile(
    r"\bwhat\s+(?:the\s+)?|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){1,2}(?:that|which)\s+(?:the\s+)?"
)
_HEAD_OF = re.compile(r"\s*(?:[A-Z]?[a-z-]+\s+){1,3}of\s+(?:the\s+)?")
#: A gerund after "for" or "of" is done by the object before it: "rebuked NATO for
#: describing …", "accused Seoul of saying …".
_GERUND_AFTER = re.compile(r"^(?:’s|'s)?\s+(?:for|of)\s+$")
_PRONOUN_WORD = re.compile(r"\b(?:he|she|He|She)\b")
#: "Its foreign ministry said", "It adds that", "They warned": the owner or the thing named
#: before speaks (a pronoun subject right before the cue; "It is clear" is no speaker).
_ITS = re.compile(
    r"\s*(?:[Ii]ts|[Tt]heir)\b|\s*(?:It|They)\s+(?:[a-z]+\s+)?(?=" + SPEECH.pattern + ")"
)
_POSSESSIVE = re.compile(r"^(?:’s|'s)\b")


@dataclass(frozen=True)
class QuoteContext:
    """What the ranker sees of one quotation.

    ``frame`` is the quotation's paragraph with the insides of every quotation blanked (so
    nothing said inside quotation marks looks like a speaker or a cue); ``cue`` the speech cue
    chosen for it (span relative to the paragraph), or None.
    """

    text: str
    start: int
    end: int
    par_start: int
    par_end: int
    frame: str
    cue: tuple[int, int, str] | None
    unnamed: bool


def _sentence_ends(text: str, lo: int, hi: int, skip: tuple[int, int]) -> list[int]:
    """Sentence starts in ``text[lo:hi]``, not inside the quotation ``skip``."""
    return [
        m.end()
        for m in SENTENCE_END.finditer(text, lo, hi)
        if not (skip[0] <= m.start() < skip[1] - 1)
    ]


def _span_of(starts: list[int], pos: int, lo: int, hi: int) -> tuple[int, int]:
    k = bisect.bisect_right(starts, pos)
    return (starts[k - 1] if k else lo, starts[k] if k < len(starts) else hi)


def _subject_of(mentions: Sequence[Mention], text: str, lo: int, hi: int) -> str | None:
    """The first actor of ``text[lo:hi]`` that follows no preposition and no verb: a subject.

    An opening adverbial phrase is skipped ("After meeting Putin in Moscow, Xi …"), and "of"
    after the clause's first noun counts ("Ministers of the G7 condemned …").
    """
    opening = _OPENING_PHRASE.match(text, lo, hi)
    start = opening.end() if opening else lo
    # "a step that Moscow, in comments …, called": a relative clause's own subject.
    relative = [r.end() for r in _RELATIVE.finditer(text, start, hi)]
    if relative:
        after = [m for m in mentions if m.start == relative[-1]]
        if after and not _TITLE_AFTER.match(text, after[0].end):
            return after[0].actor_id
    inside = [m for m in mentions if start <= m.start < hi]
    for k, m in enumerate(inside):
        if m.actor_type != "person" and _TITLE_AFTER.match(text, m.end):
            continue  # "the Malaysian minister said": the minister is the subject, not Malaysia
        if not _governed(text, m, start) or _HEAD_OF.fullmatch(text, start, m.start):
            # "The outgoing NATO chief Mark Rutte …", "Lavrov’s deputy, Andrei Rudenko, …": the
            # person is the head, the actor before is part of the title.
            nxt = inside[k + 1] if k + 1 < len(inside) else None
            if (
                nxt is not None
                and nxt.actor_type == "person"
                and (m.actor_type != "person" or _POSSESSIVE.match(text[m.end : m.end + 2]))
                and _TITLE_GAP.fullmatch(text, m.end, nxt.start)
            ):
                return nxt.actor_id
            return m.actor_id
    return None


def _governed(text: str, m: Mention, lo: int) -> bool:
    """Whether a preposition or a verb governs the mention ("in Kyiv", "warned Seoul")."""
    window = text[max(lo, m.start - 30) : m.start]
    return bool(_PREPOSITION_BEFORE.search(window) or _VERB_BEFORE.search(window))


def candidate_features(
    ctx: QuoteContext,
    mentions: Sequence[Mention],
    previous_paragraph: Sequence[Mention],
    last_speaker: str | None,
    last_person: str | None,
    introduced: frozenset[str],
    same_cue: bool = False,
) -> tuple[list[str], NDArray[np.float64]]:
    """Candidate ids (``NOBODY`` last) and their feature matrix (one row each).

    ``same_cue``: the previous quotation hangs on the same speech cue ("“A,” said X. “B.”"),
    so it most likely has the same speaker.
    """
    text, ps, pe, frame = ctx.text, ctx.par_start, ctx.par_end, ctx.frame
    starts = _sentence_ends(text, ps, pe, (ctx.start, ctx.end))
    quote_sentence = _span_of(starts, ctx.start, ps, pe)
    cue_abs: tuple[int, int] | None = None
    pronoun = False
    inverted = False
    according = False
    cue_sentence = quote_sentence
    cue_clause = quote_sentence
    in_par = [m for m in mentions if ps <= m.start < pe]
    participle = False
    if ctx.cue is not None:
        cs, ce, word = ctx.cue
        cue_abs = (ps + cs, ps + ce)
        according = word.lower() == "according to"
        inverted = cs >= ctx.end - ps
        # "The EU criticised Mongolia …, saying …": the main clause's subject speaks.
        participle = word in PARTICIPLES and frame[:cs].rstrip().endswith(",")
        cue_sentence = _span_of(starts, cue_abs[0], ps, pe)
        # Read on the text, not the frame: a quotation often ends its clause ("… conflict,”
        # while KCNA …") or its sentence ("… a response.” Pyongyang …").
        clause_starts = [
            m.end()
            for m in CLAUSE_END.finditer(text, ps, pe)
            if not (ctx.start <= m.start() < ctx.end - 1)
        ]
        cue_clause = _span_of(clause_starts, cue_abs[0], ps, pe)
        if inverted:
            between = frame[ctx.end - ps : cs]
            pronoun = bool(
                PRONOUN_SUBJECT.search(between)
                or (not between.strip(' ,”"') and PRONOUN_SUBJECT.match(frame[ce : ce + 6]))
            )
        else:
            # "he pinned medals on them and vowed to …": he or she opens the cue's clause, and
            # no actor stands between the pronoun and the cue.
            lead_start = max(cue_clause[0], cue_sentence[0]) - ps
            found = list(_PRONOUN_WORD.finditer(frame, lead_start, cs))
            pronoun = bool(found) and not any(found[-1].end() <= m.start - ps < cs for m in in_par)
    # "Its foreign ministry said …": the owner is the sentence's (or the last sentence's) first
    # state or organisation.
    owner: str | None = None
    opening = frame[max(cue_clause[0], cue_sentence[0]) - ps :]
    if cue_abs is not None and _ITS.match(opening):
        actors = [m for m in in_par if m.actor_type != "person"]
        owner = _subject_of(actors, text, cue_sentence[0], cue_clause[0])
        if owner is None:
            k = bisect.bisect_left(starts, cue_sentence[0])
            prev_lo = starts[k - 1] if k >= 1 else ps
            earlier = [m for m in [*previous_paragraph, *actors] if m.actor_type != "person"]
            owner = _subject_of(earlier, text, prev_lo, cue_sentence[0])
            if owner is None:
                # "The communiqué issued by ASEAN … . It urged …": the agent of a document.
                owner = next(
                    (
                        m.actor_id
                        for m in earlier
                        if prev_lo <= m.start < cue_sentence[0]
                        and re.search(r"\bby\s+(?:the\s+)?$", text[max(0, m.start - 8) : m.start])
                    ),
                    None,
                )
    ids: list[str] = []
    rows: dict[str, NDArray[np.float64]] = {}
    before_cue = [m for m in in_par if cue_abs is not None and m.end <= cue_abs[0]]
    nearest_before = before_cue[-1].actor_id if before_cue and cue_abs is not None else None
    if nearest_before is not None and before_cue[-1].start < cue_sentence[0]:
        nearest_before = None
    in_cue_sentence = [m for m in in_par if cue_sentence[0] <= m.start < cue_sentence[1]]
    first_in_sentence = in_cue_sentence[0].actor_id if in_cue_sentence else None
    anchor = cue_abs[0] if cue_abs is not None else ctx.start
    cue_subject = (
        _subject_of(in_par, text, cue_sentence[0], anchor) if cue_abs is not None else None
    )
    clause_subject = (
        _subject_of(in_par, text, cue_clause[0], anchor) if cue_abs is not None else None
    )
    quote_subject = _subject_of(in_par, text, quote_sentence[0], ctx.start)
    # The subject of the sentence before the quotation's ("Rubio met Lavrov … . “…,” he said").
    if quote_sentence[0] > ps:
        k = bisect.bisect_left(starts, quote_sentence[0])
        prev_from = starts[k - 1] if k >= 1 else ps
        prev_subject = _subject_of(in_par, text, prev_from, quote_sentence[0])
    else:
        # The quotation opens its paragraph: the last sentence of the paragraph before.
        before = text.rfind("\n", 0, max(0, ps - 1)) + 1
        last_start = max(_sentence_ends(text, before, ps, (0, 0)), default=before)
        prev_subject = _subject_of(previous_paragraph, text, last_start, ps)
    persons = [
        m
        for m in in_par
        if m.actor_type == "person"
        and (
            quote_sentence[0] <= m.start < quote_sentence[1]
            or cue_sentence[0] <= m.start < cue_sentence[1]
        )
    ]
    nearest_person = min(persons, key=lambda m: abs(m.start - anchor)).actor_id if persons else None
    descriptions = [
        (ps + d.start(), ps + d.end())
        for d in UNNAMED.finditer(frame)
        if not (ctx.start <= ps + d.start() < ctx.end)
    ]

    def row(actor_id: str) -> NDArray[np.float64]:
        if actor_id not in rows:
            ids.append(actor_id)
            rows[actor_id] = np.zeros(len(FEATURES))
            rows[actor_id][_INDEX["a_distance"]] = math.log1p(len(text) / 10)
        return rows[actor_id]

    def mark(r: NDArray[np.float64], name: str, value: float = 1.0) -> None:
        r[_INDEX[name]] = max(r[_INDEX[name]], value)

    # Roles that speak against an actor count only when every mention of it has them: named
    # once as the subject and once as an object, an actor is still a subject.
    against: dict[str, dict[str, int]] = {}

    def mark_against(actor_id: str, name: str) -> None:
        counts = against.setdefault(actor_id, {})
        counts[name] = counts.get(name, 0) + 1

    for m in in_par:
        r = row(m.actor_id)
        mark(r, "a_" + m.actor_type if m.actor_type in ("person", "state", "org") else "a_org")
        if quote_sentence[0] <= m.start < quote_sentence[1]:
            mark(r, "a_same_sentence")
        if cue_sentence[0] <= m.start < cue_sentence[1]:
            mark(r, "a_cue_sentence")
        if cue_clause[0] <= m.start < cue_clause[1]:
            mark(r, "a_cue_clause")
        prep = _PREPOSITION_BEFORE.search(text, max(ps, m.start - 24), m.start) is not None
        if prep:
            mark_against(m.actor_id, "a_after_preposition")
        if _VERB_BEFORE.search(text, max(ps, m.start - 30), m.start):
            mark_against(m.actor_id, "a_object")
        if any(d0 <= m.start and m.end <= d1 for d0, d1 in descriptions):
            mark_against(m.actor_id, "a_in_description")
        dist = abs(m.start - anchor) if m.start < anchor else abs(m.start - anchor) + 5
        r[_INDEX["a_distance"]] = min(r[_INDEX["a_distance"]], math.log1p(dist / 10))
        r[_INDEX["a_mentions"]] += 1
        if m.actor_id == quote_subject:
            mark(r, "a_quote_sentence_subject")
        if _PASSIVE_BY.search(text, max(ps, m.start - 40), m.start):
            mark(r, "a_passive_agent")  # "were accused by Ukraine’s foreign ministry of …"
        if _PARENTHETICAL_CUE.match(text, m.end):
            mark(r, "a_before_parenthetical_cue")  # "Belarus, the report concludes, “…”"
        if _TITLE_AFTER.match(text, m.end):
            # "the Malaysian minister said": a person, unnamed here
            mark_against(m.actor_id, "a_modifies_title")
        if m.actor_id == first_in_sentence:
            mark(r, "a_first_in_cue_sentence")
        if m.actor_id == nearest_person:
            mark(r, "a_nearest_person")
        if cue_abs is None:
            continue
        cs, ce = cue_abs
        word = ctx.cue[2] if ctx.cue is not None else ""
        if m.actor_id == cue_subject:
            mark(r, "a_sentence_subject")
        if m.actor_id == owner:
            mark(r, "a_its_owner")
        if (
            word.endswith("ing")
            and m.end <= cs
            and _GERUND_AFTER.match(frame[m.end - ps : cs - ps])
        ):
            mark(r, "a_gerund_agent")
        if m.start >= max(cue_sentence[1], quote_sentence[1]):
            mark_against(m.actor_id, "a_later_sentence")
        if m.actor_id == clause_subject:
            mark(r, "a_clause_subject")
            if participle:
                mark(r, "a_participle_subject")
        if m.end <= cs and m.start >= cue_clause[0] and not prep:
            gap = frame[m.end - ps : cs - ps]
            # "… after meeting Albanese, telling reporters …": a participle's subject is the
            # main clause's, never the actor right before its comma.
            bare = not gap.strip(" ,") and not (participle and "," in gap)
            if _SUBJECT_GAP.fullmatch(gap) or bare:
                mark(r, "a_subject")
                if bare:
                    mark(r, "a_subject_adjacent")
                if _POSSESSIVE.match(gap):
                    mark(r, "a_possessive_before_cue")
            elif _APPOSITION_GAP.fullmatch(gap):
                mark(r, "a_subject_apposition")
        touching = not frame[ctx.end - ps : cs - ps].strip(' ,”"')
        if inverted and touching and ce <= m.start <= ce + 40:
            gap = frame[ce - ps : m.start - ps]
            if re.fullmatch(r"\s*(?:[\w-]+\s+){0,3}", gap) and not according:
                mark(r, "a_inverted")
        if inverted and ctx.end <= m.start and m.end <= cs:
            gap = frame[ctx.end - ps : m.start - ps]
            if not gap.strip(' ,”"'):
                mark(r, "a_before_inverted_cue")
        if not inverted and ce <= m.start <= ce + 3 and not according:
            mark(r, "a_object_of_cue")
        if according and ce <= m.start <= ce + 80 and "," not in frame[ce - ps : m.start - ps]:
            mark(r, "a_according_to")
        if m.actor_id == nearest_before:
            mark(r, "a_nearest_before_cue")
        if not inverted and ce + 3 < m.start < max(cue_sentence[1], quote_sentence[1]):
            # "said that Russia would …": the report, not the reporter
            mark_against(m.actor_id, "a_after_cue")
        if m.start >= cue_clause[1] and m.start < cue_sentence[1] and not inverted:
            mark(r, "a_later_clause_than_cue")
    in_par_count: dict[str, int] = {}
    for m in in_par:
        in_par_count[m.actor_id] = in_par_count.get(m.actor_id, 0) + 1
    for actor_id, counts in against.items():
        for name, n in counts.items():
            if n == in_par_count[actor_id]:
                mark(rows[actor_id], name)
    for r in rows.values():
        near = r[_INDEX["a_same_sentence"]] or r[_INDEX["a_cue_sentence"]]
        if not near and not r[_INDEX["a_later_sentence"]]:
            mark(r, "a_earlier_sentence_only")
    here = set(rows)
    for m in previous_paragraph:
        if m.actor_id in here:
            continue
        r = row(m.actor_id)
        mark(r, "a_" + m.actor_type if m.actor_type in ("person", "state", "org") else "a_org")
        mark(r, "a_previous_paragraph_only")
        r[_INDEX["a_distance"]] = min(
            r[_INDEX["a_distance"]], math.log1p((ctx.start - m.start) / 10)
        )
        if m.actor_id == owner:
            mark(r, "a_its_owner")
    for remembered in (last_speaker, last_person):
        if remembered is not None and remembered != NOBODY and remembered not in rows:
            r = row(remembered)
            mark(r, "a_previous_paragraph_only")
            mark(r, "a_person" if remembered.islower() else "a_state")
    for actor_id, r in rows.items():
        person = r[_INDEX["a_person"]] > 0
        if actor_id == prev_subject:
            mark(r, "a_previous_sentence_subject")
            if pronoun and person:
                mark(r, "a_pronoun_previous_subject")
        if actor_id == last_speaker:
            mark(r, "a_last_speaker")
            if same_cue:
                mark(r, "a_last_speaker_same_cue")
            if person:
                mark(r, "a_last_speaker_person")
        if actor_id == last_person:
            mark(r, "a_last_person")
            if ctx.cue is None:
                mark(r, "a_no_cue_last_person")
        if pronoun:
            mark(r, "a_pronoun_person" if person else "a_pronoun_state")
            if actor_id == last_person:
                mark(r, "a_pronoun_last_person")
        if actor_id in introduced:
            mark(r, "a_introduced_here")
        r[_INDEX["a_mentions"]] = math.log1p(r[_INDEX["a_mentions"]])
    described = pronoun and PERSON_DESCRIPTION.search(frame[: ctx.start - ps]) is not None
    if described:
        # "A retired admiral … said …. “…,” he said": the described person is the nearer
        # antecedent of "he" than anyone named in an earlier paragraph.
        for r in rows.values():
            if r[_INDEX["a_previous_paragraph_only"]]:
                mark(r, "a_displaced_by_description")
    nobody = np.zeros(len(FEATURES))
    nobody[_INDEX["n_bias"]] = 1.0
    nobody[_INDEX["n_unnamed_phrase"]] = float(ctx.unnamed)
    nobody[_INDEX["n_person_description"]] = float(described)
    nobody[_INDEX["n_no_cue"]] = float(ctx.cue is None)
    nobody[_INDEX["n_no_actor_in_cue_sentence"]] = float(not in_cue_sentence)
    nobody[_INDEX["n_pronoun"]] = float(pronoun)
    # "“…,” said a senior official. “…”": the next quotation, with no cue of its own, is his.
    nobody[_INDEX["n_last_speaker"]] = float(last_speaker == NOBODY)
    nobody[_INDEX["n_last_speaker_same_cue"]] = float(last_speaker == NOBODY and same_cue)
    ids.append(NOBODY)
    return ids, np.vstack([*(rows[i] for i in ids[:-1]), nobody])


def walk(
    contexts: Sequence[QuoteContext],
    speakers: Sequence[Mention],
    pick: Callable[[int, list[str], NDArray[np.float64]], str | None],
) -> list[str | None]:
    """Rank each quotation's candidates in reading order; ``pick`` chooses from them.

    The choice for one quotation is the "last speaker" of the next, so the walk is sequential
    (a few dozen quotations per article). ``speakers`` are the mentions outside quotation marks,
    sorted by start.
    """
    starts = [m.start for m in speakers]
    persons = [m for m in speakers if m.actor_type == "person"]
    person_starts = [m.start for m in persons]
    first_full: dict[str, int] = {}
    for m in speakers:
        if m.actor_type == "person" and " " in m.surface:
            first_full.setdefault(m.actor_id, m.start)
    chosen: list[str | None] = []
    last: str | None = None
    last_cue: int | None = None
    for i, ctx in enumerate(contexts):
        text = ctx.text
        prev_start = text.rfind("\n", 0, max(0, ctx.par_start - 1))
        while prev_start > 0 and not text[prev_start + 1 : ctx.par_start].strip():
            prev_start = text.rfind("\n", 0, prev_start)
        prev_start += 1
        lo = bisect.bisect_left(starts, prev_start)
        mid = bisect.bisect_left(starts, ctx.par_start)
        hi = bisect.bisect_left(starts, ctx.par_end)
        k = bisect.bisect_left(person_starts, ctx.start)
        last_person = persons[k - 1].actor_id if k else None
        introduced = frozenset(
            a for a, pos in first_full.items() if prev_start <= pos < ctx.par_end
        )
        cue_at = None if ctx.cue is None else ctx.par_start + ctx.cue[0]
        ids, x = candidate_features(
            ctx,
            speakers[mid:hi],
            speakers[lo:mid],
            last,
            last_person,
            introduced,
            same_cue=cue_at is not None and cue_at == last_cue,
        )
        last_cue = cue_at
        choice = pick(i, ids, x)
        chosen.append(choice)
        last = NOBODY if choice is None else choice
    return chosen


def _loss(
    w: NDArray[np.float64],
    x: NDArray[np.float64],
    group: NDArray[np.intp],
    gold_rows: NDArray[np.intp],
    n_groups: int,
    alpha: float,
) -> tuple[float, NDArray[np.float64]]:
    """Negative log-likelihood of a conditional logit with an L2 penalty, and its gradient."""
    z = x @ w
    zmax = np.full(n_groups, -np.inf)
    np.maximum.at(zmax, group, z)
    ez = np.exp(z - zmax[group])
    denom = np.bincount(group, weights=ez, minlength=n_groups)
    p = ez / denom[group]
    nll = -np.sum(z[gold_rows] - zmax - np.log(denom))
    grad = x.T @ p - x[gold_rows].sum(axis=0)
    return nll + alpha * float(w @ w), grad + 2 * alpha * w


def fit(
    cases: Sequence[tuple[NDArray[np.float64], int]], alpha: float = 1.0
) -> NDArray[np.float64]:
    """Weights maximising the penalised likelihood of the gold candidates.

    Parameters
    ----------
    cases : sequence of (features, gold_row)
        One per quotation: its candidates' feature matrix and the row of the gold speaker.
    alpha : float
        L2 penalty; with a few hundred quotations it keeps rare features from deciding alone.

    Returns
    -------
    ndarray
        One weight per entry of :data:`FEATURES`.
    """
    if not cases:
        raise ValueError("no quotation to fit speakers on")
    x = np.vstack([c[0] for c in cases])
    sizes = np.array([len(c[0]) for c in cases])
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    group = np.repeat(np.arange(len(cases)), sizes)
    gold_rows = offsets + np.array([c[1] for c in cases])
    res = minimize(
        _loss,
        np.zeros(x.shape[1]),
        args=(x, group, gold_rows, len(cases), alpha),
        jac=True,
        method="L-BFGS-B",
    )
    return np.asarray(res.x)


@cache
def shipped_weights() -> NDArray[np.float64]:
    """The weights fitted on the project's annotated quotations (resources/speaker_weights.json)."""
    path = resources.files("foedus.reading").joinpath("resources", "speaker_weights.json")
    raw = json.loads(path.read_text("utf-8"))
    weights = raw["weights"]
    missing = [name for name in FEATURES if name not in weights]
    if missing:
        raise ValueError(f"resources/speaker_weights.json: no weight for {', '.join(missing)}")
    return np.array([float(weights[name]) for name in FEATURES])


def choose(ids: list[str], x: NDArray[np.float64], w: NDArray[np.float64]) -> str | None:
    """The most probable candidate; None for "nobody named"."""
    best = ids[int(np.argmax(x @ w))]
    return None if best == NOBODY else best


__all__ = [
    "FEATURES",
    "NOBODY",
    "QuoteContext",
    "candidate_features",
    "choose",
    "fit",
    "shipped_weights",
]
