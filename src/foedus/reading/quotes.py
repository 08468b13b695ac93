"""Our own quotation finder: “ ” segments, their speakers and the speakers' affiliations.

Tolerant of unclosed quotations (closed at the paragraph end), multi-paragraph quotations (an
unclosed paragraph followed by one that re-opens), split quotations ("“A,” she said, “B.”"),
"according to X", surname-only and pronoun speakers. Short quoted noun phrases without a
speech cue ("a “comprehensive strategic partnership”") are scare quotes or terms, not quotations.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from foedus.reading.mentions import STATE_AGENCIES, Mention

SPEECH = re.compile(
    r"\b(?:said|says|say|added|adds|argued|argues|told|wrote|writes|noted|notes|warned|asserted|"
    r"believed|believes|feared|fears|highlighted|stressed|explained|insisted|claimed|"
    r"[Aa]ccording to|put it|asked|replied|declared|concluded|suggested|cautioned|accused|"
    r"accusing|denounced|condemned|urged|vowed|stated|announced|called|described|warning|saying|"
    r"adding|arguing|insisting|noting|describing|calling|telling|tells)\b"
)
_TERM_CUES = re.compile(
    r"(?:so-called|dubbed|calls?|called|calling|termed|known as|labelled|labeled|branded)"
    r"(?:\s+(?:its|their|his|her|the|a|an|this|what))?\s*$"
    # "dubbed it “…”" names a term; "calling it “a crude forgery …”" quotes a judgement.
    r"|(?:dubbed|termed|known as|labelled|labeled|branded)\s+(?:it|them)\s*$"
)
#: A sentence end (not "U.S." or an initial) followed by the next sentence's first word.
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\bU\.S)[.!?][”\"]?\s+(?=[“\"A-Z])")
_CLAUSE_END = re.compile(
    _SENTENCE_END.pattern + r"|;\s+|,\s+(?:and|but|while|whereas)\s+|\s+and\s+then\s+"
)
#: A verb of saying or naming just before a short quoted phrase makes it the speaker's words:
#: "warned Seoul of a “merciless response”", "called the relationship “an invincible …”".
_SPEECH_ACT_BEFORE = re.compile(
    r"\b(?:said|says|warned|warns|warning|denounced|denounces|called|calls|calling|described|"
    r"describes|describing|branded|labelled|labeled|urged|vowed|threatened|promised|pledged|"
    r"declared|told)\b[^.;:!?“”]{0,50}$"
)
_DET_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|this|that)\s*$", re.IGNORECASE)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do)\b")
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
#: A description instead of a name next to the speech cue: "one Chinese scholar said".
#: A parenthetical adverb between a speaker and the cue: "The ambassador, however, told …".
_ASIDE = (
    r",\s*(?:however|in turn|meanwhile|too|though|also|instead|for (?:its|his|her|their) part)"
    r"\s*,\s*$"
)
_UNNAMED = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any|[Oo]ther)\s+"
    r"(?:[\w’'-]+\s+){0,4}?"
    r"(?:official|diplomat|scholar|analyst|expert|researcher|source|observer|aide|lawmaker|"
    r"legislator|commander|officer|soldier|resident|insider|person|adviser|advisor|academic|"
    r"professor|economist|strategist|negotiator|envoy|spokesperson|spokesman|spokeswoman|"
    r"member|veteran|employee)s?\b"
    # "the official said", "U.S. officials said": unnamed officials are no named speaker.
    r"|\b(?:[Tt]he\s+(?:[\w’'-]+\s+){0,2}?)?(?:official|diplomat|source|aide|insider)s?\b"
    # "the ambassador said", "Russia’s ambassador in Ulaanbaatar warned": an unnamed envoy.
    r"|\b(?:[Tt]he\s+|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?:’s|'s)\s+)(?:[\w’'-]+\s+){0,2}?"
    r"(?:ambassador|envoy)s?"
    r"(?:\s+(?:in|to|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)?(?![\w’'-])"
)
#: A leader described without a state ("the president said"): no speaker can be named.
_UNNAMED_LEADER = (
    r"(?:^|\s)[Tt]he\s+(?:[a-z]+\s+){0,2}?(?:president|prime minister|chancellor|premier|"
    r"foreign minister|defen[cs]e minister)\s*$"
)
#: Words after a closing mark that continue a sentence: the quotation is no modifier.
_FUNCTION_AFTER = frozenset(
    re.findall(
        r"\w+",
        "a an the and or but to in on of for with from by as at that which who than into against "
        "over about after before since while if unless because when where is are was were has "
        "have had will would could should may might can said says added argued wrote told",
    )
)
#: A verb of naming a few words before a single quoted word: "called the move “reckless”".
_NAMING_BEFORE = re.compile(
    r"\b(?:called|calls|call|calling|described|describes|describing|branded|labelled|labeled)"
    r"\s+(?:[\w’'-]+\s+){1,3}(?:as\s+)?$"
)
#: A relative or appositive clause between a speaker and the speech cue: "the Philippines,
#: whose islands lie close to Taiwan, said …", "Seoul, which had stayed silent, said …".
_PARENTHESIS = re.compile(
    # "The UN human rights office, whose staff …, said": up to three words of the organ.
    r"^(?:’s|'s)?(?:\s+[a-z][\w-]*){0,3},\s+(?:whose|which|who|where|a|an|the|now|once)\b"
    r"[^“”;]*,\s+$"
    r"|^(?:’s|'s)?" + _ASIDE
)
#: Speech participles after a comma: their subject is the main clause's ("The EU criticised
#: Mongolia …, saying …" → the EU), never the object right before them.
_PARTICIPLES = frozenset(
    (
        "saying",
        "calling",
        "describing",
        "warning",
        "adding",
        "arguing",
        "insisting",
        "noting",
        "accusing",
        "telling",
    )
)
#: He or she as the subject of the speech cue ("“…,” he says", "she said").
_PRONOUN_SUBJECT = re.compile(r"\b(?:he|she|He|She)\s*$|^\s*(?:he|she)\b")
#: An unnamed person described before the quotation ("the younger prisoner, a 21-year-old
#: rifleman, says …"): a later "he says" is that person, who has no id.
_PERSON_DESCRIPTION = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)\s+(?:[\w’'-]+\s+){0,3}?(?:man|woman|prisoner|soldier|rifleman|"
    r"sniper|defector|refugee|resident|farmer|worker|fisherman|sailor|pilot|officer|veteran|"
    r"survivor|witness|student|mother|father|son|daughter|official|diplomat|analyst|expert|"
    r"scholar|researcher|adviser|advisor|admiral|general|colonel|commander|envoy|ambassador)"
    # ... as the subject of a verb of saying, perhaps after an apposition.
    r"(?:,[^,“”]{0,60},)?\s+(?:says|said|told|tells|recalls|recalled|describes|described|"
    r"explains|explained|adds|added|insists|insisted)\b"
)
_BE_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|as|called|call|calls|said|says|of)\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class Quote:
    """A quotation: span of its inside, speaker id/name and the affiliation as stated."""

    start: int
    end: int
    speaker_id: str | None
    speaker_name: str | None
    affiliation: str | None


def find_segments(text: str) -> list[tuple[int, int]]:
    """Insides of “ ” quotations, merging multi-paragraph ones; never raises on unbalanced marks."""
    segs: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while True:
        o = text.find("“", i)
        if o < 0:
            break
        start = o + 1
        pos = start
        while True:
            close = text.find("”", pos)
            nl = text.find("\n", pos)
            reopen = text.find("“", pos)
            if close >= 0 and (nl < 0 or close < nl) and (reopen < 0 or close < reopen):
                segs.append((start, close))
                i = close + 1
                break
            if reopen >= 0 and (nl < 0 or reopen < nl):
                # A new opening mark before any close: the first one was left unclosed.
                segs.append((start, _rstrip(text, start, reopen)))
                i = reopen
                break
            end_par = n if nl < 0 else nl
            j = end_par
            while j < n and text[j] in "\r\n \t":
                j += 1
            if j < n and text[j] == "“" and nl >= 0:
                # Multi-paragraph quotation: the next paragraph re-opens it.
                pos = j + 1
                continue
            segs.append((start, _rstrip(text, start, end_par)))
            i = end_par
            break
    return [(s, e) for s, e in segs if e > s]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Paragraph bounds around ``pos`` (quotations are attributed within the paragraph)."""
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


def _affiliation(text: str, m: Mention) -> str | None:
    after = text[m.end : m.end + 200]
    a = re.match(r",\s+(?i:a |an |the )?([^,.;“”]+?)(?:,| and a | and an |\.|;)", after)
    before = text[max(0, m.start - 60) : m.start]
    b = re.search(
        r"(?:^|[.,;]”?\s+|[—–]\s+|\b[Tt]he |\b[Aa]n? |\b(?:said|says|added|according to) )"
        r"((?:[A-Z][\w’'.-]*|chief|leader)"
        r"(?:\s+(?:[A-Z][\w’'.-]*|chief|leader|of|for|outgoing))*)\s+$",
        before,
    )
    if a and not SPEECH.match(a.group(1)):
        found = a.group(1).strip()
        noun_phrase = re.match(r",\s+(?i:a|an|the)\s", after) is not None
        act = re.match(r"[a-z]+(?:ed|ing)\b|who\s+(?![a-z]+s\b)[a-z]+\b", found)
        if b and not noun_phrase and act:
            # "President Lai, visiting troops …", "Foreign Minister Lavrov, who flew to …": an
            # act, not an affiliation; the title before the name is.
            return re.sub(r"^The ", "", b.group(1).strip())
        # "who directs the … programme" → "directs the … programme"; "now secretary of …".
        return re.sub(r"^(?:who|now)\s+", "", found)
    if b:
        return re.sub(r"^The ", "", b.group(1).strip())
    # "Kazakhstan’s foreign minister, Murat Nurtleu, told …": the title before the name.
    c = re.search(
        r"((?:[A-Z][\w.-]*\s+)?[A-Z][\w.-]*(?:’s|'s)\s+(?:[a-z-]+\s+){0,3}"
        r"(?:minister|secretary|spokesman|spokeswoman|spokesperson|ambassador|envoy|adviser|"
        r"advisor|chief|director|president|chairman|commander|leader|deputy)),\s+$",
        before,
    )
    if c:
        return re.sub(r"^The ", "", c.group(1))
    # "foreign ministry spokesperson Guo Jiakun told …": a lower-case title before the name.
    d = re.search(
        r"((?:[A-Z][\w.-]*\s+)?(?:[a-z-]+\s+){0,3}(?:spokesperson|spokesman|spokeswoman|"
        r"minister|secretary|envoy|ambassador|analyst|researcher|director|commander|chief))\s+$",
        before,
    )
    if d is None:
        return None
    words = d.group(1).split()
    while words and (words[0].lower() in _TITLE_STOP or SPEECH.fullmatch(words[0])):
        words = words[1:]
    return " ".join(words) or None


_TITLE_STOP = frozenset(["the", "a", "an", "and", "by", "to", "of", "with", "said", "says"])


def _adjacent(cue: re.Match[str], rel_s: int, rel_e: int) -> bool:
    """Whether the speech cue touches the quotation (``said: “…”``, ``“…,” she said``)."""
    if -12 <= rel_s - cue.end() <= 3:
        return True
    gap = cue.string[rel_e : cue.start()]
    joined = re.search(r"\b(?:and|but|or|while)\b", gap) is not None
    return rel_e <= cue.start() <= rel_e + 25 and not joined


def _label(text: str, s: int, e: int, words: int, adjacent: bool) -> bool:
    """A short quoted label inside a sentence, not a quotation.

    ``would take “overwhelming” measures`` (a modifier: a content word follows the closing mark)
    or ``accused Washington of building “an Asian NATO”`` (a noun phrase after a verb that is
    not ``be``/``call``/a speech verb), at most four words, no finite verb, no end punctuation.
    """
    inner = text[s:e].strip()
    if adjacent or words > 4 or _FINITE.search(inner) or inner[-1:] in ".!?,;:":
        return False
    after = re.match(r"”\s*([a-z][\w-]*)", text[e : e + 30])
    speech_act = _SPEECH_ACT_BEFORE.search(text, max(0, s - 80), max(0, s - 1)) is not None
    if after and after.group(1) not in _FUNCTION_AFTER and not speech_act:
        return True
    if re.match(r"(?:a|an|the)\s", inner, re.IGNORECASE):
        if speech_act:
            return False  # "called the relationship “an invincible alliance”"
        before = text[max(0, s - 30) : max(0, s - 1)]
        return re.search(r"[a-z]\s*$", before) is not None and not _BE_BEFORE.search(before)
    return False


def _unnamed(
    frame: str, cue: re.Match[str], rel_s: int, rel_e: int, in_par: list[Mention], ps: int
) -> bool:
    """Whether the speaker phrase next to the cue is a description, not a name."""
    if cue.group(0).lower() == "according to":
        m = re.match(r"[^,.;:“”]{0,80}", frame[cue.end() :])
        phrase = (cue.end(), cue.end() + (m.end() if m else 0))
        # "according to the Korean Central News Agency": the agency reports, it is no speaker
        # (held-out gold); "KCNA said" is the state's statement.
        named = any(
            phrase[0] <= k.start - ps < phrase[1] and k.surface not in STATE_AGENCIES
            for k in in_par
        )
        text = frame[phrase[0] : phrase[1]].strip()
        if _UNNAMED.match(text):
            return True  # "according to a senior Japanese official"
        return bool(text) and not named and not re.match(r"(?:him|her|them|it)\b", text)
    inverted = False
    if cue.start() >= rel_e:
        phrase = (rel_e, cue.start())  # "“…,” one Chinese scholar said"
        after = re.match(r"[^,.;:“”]{0,60}", frame[cue.end() :])
        if not frame[phrase[0] : phrase[1]].strip(' ,”"') and after:
            phrase = (cue.end(), cue.end() + after.end())  # "“…,” said a senior official"
            inverted = True
    else:
        aside = re.search(_ASIDE, frame[: cue.start()])
        end = aside.start() if aside else cue.start()
        start = max(frame.rfind(".", 0, end), frame.rfind(",", 0, end), -1) + 1
        phrase = (start, end)  # "A senior official said that “…”"
    if any(phrase[0] <= k.start - ps < phrase[1] and k.actor_type == "person" for k in in_par):
        return False
    # The description must touch the cue: "two diplomats … for what Vilnius described" is not.
    chunk = frame[phrase[0] : phrase[1]]
    if not any(phrase[0] <= k.start - ps < phrase[1] for k in in_par) and re.search(
        _UNNAMED_LEADER, chunk if not inverted else chunk.split(",")[0] + " "
    ):
        return True  # "In an interview, the president said …": which president is not said
    for d in _UNNAMED.finditer(chunk):
        if (d.start() <= 3 and inverted) or (not inverted and len(chunk.rstrip()) - d.end() <= 1):
            return True
    return False


def _according_actor(
    frame: str, cue: re.Match[str], in_par: list[Mention], ps: int
) -> Mention | None:
    """The actor named in "according to …" ("according to a South Korean readout" → KOR)."""
    if cue.group(0).lower() != "according to":
        return None
    m = re.match(r"[^,.;:“”]{0,80}", frame[cue.end() :])
    end = cue.end() + (m.end() if m else 0)
    named = [k for k in in_par if cue.end() <= k.start - ps < end]
    return named[0] if named else None


def _pronoun_cue(frame: str, cue: re.Match[str], rel_e: int) -> bool:
    """Whether he or she is the subject of the speech cue ("“…,” he says", "she said “…”")."""
    if cue.start() >= rel_e:
        between = frame[rel_e : cue.start()]
        return bool(
            _PRONOUN_SUBJECT.search(between)
            or (
                not between.strip(' ,”"')
                and _PRONOUN_SUBJECT.match(frame[cue.end() : cue.end() + 6])
            )
        )
    return _PRONOUN_SUBJECT.search(frame[: cue.start()]) is not None


def _clause_actor(
    frame: str,
    cue: re.Match[str],
    rel_s: int,
    e: int,
    in_par: list[Mention],
    ps: int,
    last_speaker: Mention | None,
    participle: bool,
    ended: bool = False,
) -> Mention | None:
    """A state or organisation speaking: the first actor of the cue's clause.

    "China’s foreign ministry accused NATO of “…”"; the clause of the cue: "…; Beijing, in
    turn, accused Japan of “…”", "…, and North Korea’s foreign ministry … warned the EU that it
    would “…”"; "Its foreign ministry …" is the actor of the sentence before. For a speech
    participle (``participle``) only the main clause's subject counts (not an object or an
    actor after a preposition); None when there is none. ``ended``: the quotation ends its
    sentence.
    """
    cpos = ps + cue.start()
    upto = cue.start() if cue.start() < rel_s else rel_s
    ends = [m.end() for m in _CLAUSE_END.finditer(frame, 0, upto)]
    sent_start = ps + (ends[-1] if ends else 0)
    after_quote = [m for m in in_par if e < m.start < cpos <= e + 40]
    before = after_quote or [m for m in in_par if sent_start <= m.start < ps + rel_s]
    its = re.match(r"\s*(?:[Ii]ts|[Tt]heir)\b", frame[sent_start - ps :])
    # "Beijing …, and its foreign ministry warned …": the sentence's first actor.
    ends = [m.end() for m in _SENTENCE_END.finditer(frame, 0, upto)]
    owner_from = ps + (ends[-1] if ends else 0)
    owners = [m for m in in_par if owner_from <= m.start < sent_start and m.actor_type != "person"]
    if its and not owners and len(ends) >= 1:
        # "North Korea has never admitted … . Its foreign ministry …": the sentence before.
        prev_from = ps + (ends[-2] if len(ends) >= 2 else 0)
        owners = [
            m for m in in_par if prev_from <= m.start < owner_from and m.actor_type != "person"
        ]
    if its and owners:
        return owners[0]
    if its and last_speaker is not None and last_speaker.actor_type != "person":
        return last_speaker  # "Its foreign ministry warned Seoul …": the same actor
    if participle:
        # "After meeting Putin in Moscow, Xi praised Russia, saying …": not the opening phrase.
        intro = re.match(
            r"\s*(?:After|Before|During|Following|Despite|Since|While|When|Although|Though|"
            r"Unlike|As|In|On|At|With)\b[^,“”]*,",
            frame[sent_start - ps : cue.start()],
        )
        main_from = sent_start + (intro.end() if intro else 0)
        main = [
            m
            for m in in_par
            if main_from <= m.start < cpos
            and not re.search(
                r"\b(?:in|on|at|to|from|with|by|for|against|over|after|before|since|about|"
                r"into|toward|towards|despite)\s+(?:the\s+)?$",
                frame[max(0, m.start - ps - 20) : m.start - ps],
            )
        ]
        if not main or its:
            return None
        head = main[0]  # "Foreign ministers of the G7 condemned …": of counts
        nxt = main[1] if len(main) > 1 else None
        if (
            nxt is not None
            and nxt.actor_type == "person"
            and re.fullmatch(
                r"(?:’s|'s)?(?:\s+[\w-]+){0,3}\s+", frame[head.end - ps : nxt.start - ps]
            )
        ):
            return nxt  # "The outgoing NATO chief Jens Stoltenberg …, saying": the person
        return head

    if before:
        return before[0]
    # The actor nearest the cue, but in the cue's own sentence ("In Tokyo, the chief cabinet
    # secretary told reporters …" does not borrow the next sentence's China).
    lo = max(
        (x.end() for x in _SENTENCE_END.finditer(frame, 0, min(cue.start(), rel_s))), default=0
    )
    stop = _SENTENCE_END.search(frame, max(cue.end(), e - ps))
    hi = stop.start() if stop else len(frame)
    if ended and cue.start() < e - ps:
        hi = min(hi, e - ps + 1)  # the quotation closed its sentence: "… was “purely defensive.”"
    near = [m for m in in_par if ps + lo <= m.start < ps + hi]
    return min(near, key=lambda m: abs(m.start - cpos)) if near else None


def find_quotes(text: str, mentions: list[Mention]) -> list[Quote]:
    """Quotations with resolved speakers (see module docstring)."""
    segs = find_segments(text)
    inside = bytearray(len(text) + 1)
    for s, e in segs:
        inside[max(0, s - 1) : e + 1] = b"\x01" * (e + 1 - max(0, s - 1))
    outside = [m for m in mentions if not inside[m.start]]
    speakers = [m for m in outside if m.actor_type in ("person", "org", "state")]
    intro: dict[str, Mention] = {}
    for m in outside:
        if m.actor_type == "person" and m.actor_id not in intro and " " in m.surface:
            intro[m.actor_id] = m
    sp_starts = [m.start for m in speakers]
    persons_all = [m for m in speakers if m.actor_type == "person"]
    pe_starts = [m.start for m in persons_all]
    quotes: list[Quote] = []
    last_speaker: Mention | None = None
    for s, e in segs:
        ps, pe = _sentence_bounds(text, s)
        frame_chars = [c if not inside[ps + k] else " " for k, c in enumerate(text[ps:pe])]
        frame = "".join(frame_chars)
        words = len(text[s:e].split())
        # The speech cue nearest the quotation (not the paragraph's first one).
        cues = list(SPEECH.finditer(frame))
        rel_s, rel_e = s - ps, e - ps
        cue = min(
            cues,
            key=lambda c: max(rel_s - c.end(), c.start() - rel_e, 0),
            default=None,
        )
        if cue is not None and cue.start() >= rel_e and text[e - 1 : e] == ".":
            # "Rudenko told TASS that … “another step.” A Pentagon spokesman said …": the
            # quotation closed its sentence; a cue of that sentence comes first.
            lo = max((x.end() - ps for x in _SENTENCE_END.finditer(text, ps, s - 1)), default=0)
            earlier = [c for c in cues if lo <= c.start() and c.end() <= rel_s]
            if earlier:
                cue = earlier[-1]
        term = words <= 8 and _TERM_CUES.search(text, max(0, s - 30), max(0, s - 1)) is not None
        # A short quoted noun phrase after a determiner is a term: "the “illicit cooperation”".
        det = _DET_BEFORE.search(text, max(0, s - 12), max(0, s - 1))
        term = term or (
            words <= 4
            and det is not None
            and _FINITE.search(text, s, e) is None
            # ... but "warned Seoul of a “merciless response”" quotes the warning.
            and not (
                det.group(0).strip().lower() in ("a", "an")
                and _SPEECH_ACT_BEFORE.search(text, max(0, det.start() - 80), det.start())
            )
        )
        adjacent = cue is not None and _adjacent(cue, rel_s, rel_e)
        # A single quoted word away from any speech cue is a term: "offered only “assistance”".
        term = term or (
            words == 1
            and not adjacent
            and not _BE_BEFORE.search(text, max(0, s - 30), max(0, s - 1))  # "were “routine.”"
            and not _NAMING_BEFORE.search(text, max(0, s - 60), max(0, s - 1))
        )
        term = term or _label(text, s, e, words, adjacent)
        if term or (words <= 4 and cue is None):
            continue
        in_par = speakers[bisect.bisect_left(sp_starts, ps) : bisect.bisect_left(sp_starts, pe)]
        speaker: Mention | None = None
        if cue is not None and cue.group(0).lower() == "according to" and cue.start() >= rel_e:
            # "X said it was “…,” according to a statement": the statement names nobody, the
            # cue before the quotation does.
            phrase = re.match(r"[^,.;:“”]{0,80}", frame[cue.end() :])
            end = cue.end() + (phrase.end() if phrase else 0)
            # (sentence ends read on the text: a closing quotation may end a sentence)
            lo = max((x.end() - ps for x in _SENTENCE_END.finditer(text, ps, s - 1)), default=0)
            earlier = [c for c in cues if lo <= c.start() and c.end() <= rel_s]
            in_phrase = [k for k in in_par if cue.end() <= k.start - ps < end]
            named = bool(in_phrase)
            person_named = any(k.actor_type == "person" for k in in_phrase)
            # "Xi told Putin … that “…,” according to Chinese state media": Xi's words, reported.
            by_person = bool(earlier) and any(
                lo <= k.start - ps < earlier[-1].start() and k.actor_type == "person"
                for k in in_par
            )
            if (
                earlier
                and earlier[-1].group(0).lower() != "according to"
                and (not named or (by_person and not person_named))
            ):
                cue = earlier[-1]
        if cue is not None and _unnamed(frame, cue, rel_s, rel_e, in_par, ps):
            # "“…,” one Chinese scholar said", "according to the Central News Agency": the
            # speaker is not named (and not in the gazetteer); attributing one would be a guess.
            quotes.append(Quote(s, e, None, None, None))
            continue
        according = _according_actor(frame, cue, in_par, ps) if cue is not None else None
        if according is not None:
            speaker = according  # "according to a South Korean readout, …": that state
        elif cue is not None:
            cpos = ps + cue.start()
            persons = [m for m in in_par if m.actor_type == "person"]
            # The actor just before the cue is its subject: "The Kremlin said the visit was
            # “…”. Dmitry Peskov … added" — the first quotation is the Kremlin's.
            k = bisect.bisect_left([m.start for m in in_par], cpos) - 1
            subject = in_par[k] if k >= 0 and cpos < s else None
            if subject is not None and not re.fullmatch(
                r"(?:’s|'s)?(?:\s+[\w-]+){0,3}\s+", text[subject.end : cpos]
            ):
                subject = None
            if subject is None and cpos < s:
                # "the Philippines, whose islands lie near Taiwan, said …": the actor before the
                # clause set off by commas.
                for m in reversed(in_par[: k + 1]):
                    if _PARENTHESIS.match(frame[m.end - ps : cue.start()]):
                        subject = m
                        break
            participle = (
                cue.group(0) in _PARTICIPLES
                and cpos < s
                and re.search(r",\s*$", frame[: cue.start()]) is not None
            )
            if participle and (
                (main := _clause_actor(frame, cue, rel_s, e, in_par, ps, last_speaker, True))
                is not None
            ):
                speaker = main  # "The EU criticised Mongolia …, saying …": its subject speaks
            elif subject is not None:
                speaker = subject
            elif persons:
                speaker = min(persons, key=lambda m: abs(m.start - cpos))
            elif _pronoun_cue(frame, cue, rel_e):
                # "he says" names a person, never a state: the person described before the
                # quotation if unnamed ("the younger prisoner, a … rifleman, says"), else the
                # last person speaker, else the last person named before.
                if _PERSON_DESCRIPTION.search(frame[:rel_s]):
                    quotes.append(Quote(s, e, None, None, None))
                    continue
                if last_speaker is not None and last_speaker.actor_type == "person":
                    speaker = last_speaker
                else:
                    k = bisect.bisect_left(pe_starts, s)
                    speaker = persons_all[k - 1] if k else None
                if speaker is None:
                    quotes.append(Quote(s, e, None, None, None))
                    continue
            elif _PRONOUN.search(frame) and last_speaker is not None:
                speaker = last_speaker
            elif in_par:
                ended = text[e - 1 : e] in (".", "!", "?")
                speaker = _clause_actor(
                    frame, cue, rel_s, e, in_par, ps, last_speaker, False, ended
                )
                if speaker is None:
                    # No actor in the cue's sentence: someone unnamed spoke ("In Tokyo, the chief
                    # cabinet secretary told reporters …"), not the last speaker.
                    quotes.append(Quote(s, e, None, None, None))
                    continue
            else:
                k = bisect.bisect_left(pe_starts, ps)
                speaker = persons_all[k - 1] if k else None
        else:
            k = bisect.bisect_left(pe_starts, s)
            speaker = persons_all[k - 1] if k else last_speaker
        if speaker is None and last_speaker is not None:
            speaker = last_speaker
        if speaker is None:
            quotes.append(Quote(s, e, None, None, None))
            continue
        last_speaker = speaker
        first = intro.get(speaker.actor_id, speaker)
        quotes.append(
            Quote(
                s,
                e,
                speaker.actor_id,
                first.surface,
                _affiliation(text, first) if speaker.actor_type == "person" else None,
            )
        )
    return quotes
