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

from foedus.reading.cues import (
    ASIDE,
    SENTENCE_END,
    SPEECH,
    UNNAMED,
    UNNAMED_LEADER,
)
from foedus.reading.mentions import Mention
from foedus.reading.speakers import QuoteContext, choose, shipped_weights, walk

_TERM_CUES = re.compile(
    r"(?:so-called|dubbed|calls?|called|calling|termed|known as|labelled|labeled|branded)"
    r"(?:\s+(?:its|their|his|her|the|a|an|this|what))?\s*$"
    # "dubbed it “…”" names a term; "calling it “a crude forgery …”" quotes a judgement.
    r"|(?:dubbed|termed|known as|labelled|labeled|branded)\s+(?:it|them)\s*$"
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
#: Any short aside between commas right before a cue ("…, speaking on condition of anonymity,").
_ANY_ASIDE = re.compile(r",\s[^,.;“”]{1,60},\s*$")
_COLON_END = re.compile(r":\s*$")
_WHAT_IT_CALLED = re.compile(
    r"\bwhat\s+(?:[\w’'-]+\s+){1,4}?(?:called|calls|termed|described\s+as)\s*$"
    # "a step that Moscow, in comments carried by TASS, called “…”": an actor judges.
    r"|\bthat\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?(?:,[^,“”]{1,50},)?\s+(?:called|calls|termed)\s*$"
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
        # "according to TASS": a state's agency names its state (the golds since train4; the
        # held-out set's one "according to the Korean Central News Agency" says nobody).
        named = any(phrase[0] <= k.start - ps < phrase[1] for k in in_par)
        text = frame[phrase[0] : phrase[1]].strip()
        if UNNAMED.match(text):
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
        aside = re.search(ASIDE, frame[: cue.start()]) or _ANY_ASIDE.search(frame, 0, cue.start())
        end = aside.start() if aside else cue.start()
        start = max(frame.rfind(".", 0, end), frame.rfind(",", 0, end), -1) + 1
        phrase = (start, end)  # "A senior official said that “…”"
    chunk = frame[phrase[0] : phrase[1]]
    opening = UNNAMED.match(chunk.lstrip(' ,”"'))
    if inverted and opening:
        return True  # "said a senior official travelling with Prime Minister X": not X
    if any(phrase[0] <= k.start - ps < phrase[1] and k.actor_type == "person" for k in in_par):
        return False
    # The description must touch the cue: "two diplomats … for what Vilnius described" is not.
    if not any(phrase[0] <= k.start - ps < phrase[1] for k in in_par) and re.search(
        UNNAMED_LEADER, chunk if not inverted else chunk.split(",")[0] + " "
    ):
        return True  # "In an interview, the president said …": which president is not said
    # After the quotation the description opens the phrase ("“…,” a senior official in the
    # presidential office told …"); before it, the description ends at the cue.
    opens = inverted or cue.start() >= rel_e
    for d in UNNAMED.finditer(chunk):
        # "One South Korean official who took part said …": a relative clause may stand between.
        rest = chunk[d.end() :]
        touches = not inverted and (
            len(chunk.rstrip()) - d.end() <= 1
            or re.fullmatch(r"\s+(?:who|that)\s[^,.;“”]{0,50}", rest) is not None
            # "a senior Czech legislator in the group said"
            or re.fullmatch(r"\s+(?:in|of|from|at|with|on)\s+(?:the\s+)?[\w’'-]+\s*", rest)
            is not None
            # "A senior official, speaking on condition of anonymity, put it …": an aside
            or re.fullmatch(r",\s[^,.;“”]{1,60},\s*", rest) is not None
        )
        if (d.start() <= 3 and opens) or touches:
            return True
    return False


def quote_contexts(text: str, mentions: list[Mention]) -> tuple[list[QuoteContext], list[Mention]]:
    """The quotations of ``text`` (scare quotes and terms left out), each with its speech cue.

    Returns the contexts in reading order and the candidate speakers: the actor mentions outside
    quotation marks, sorted by start.
    """
    segs = find_segments(text)
    inside = bytearray(len(text) + 1)
    for s, e in segs:
        inside[max(0, s - 1) : e + 1] = b"\x01" * (e + 1 - max(0, s - 1))
    outside = [m for m in mentions if not inside[m.start]]
    speakers = [m for m in outside if m.actor_type in ("person", "org", "state")]
    sp_starts = [m.start for m in speakers]
    contexts: list[QuoteContext] = []
    for s, e in segs:
        ps, pe = _sentence_bounds(text, s)
        frame_chars = [c if not inside[ps + k] else " " for k, c in enumerate(text[ps:pe])]
        frame = "".join(frame_chars)
        words = len(text[s:e].split())
        # The speech cue nearest the quotation (not the paragraph's first one).
        cues = list(SPEECH.finditer(frame))
        rel_s, rel_e = s - ps, e - ps
        # Where the quotation's sentence starts (read on the text: a quotation may end a sentence).
        sent_lo = max((x.end() - ps for x in SENTENCE_END.finditer(text, ps, s - 1)), default=0)
        cue = min(
            cues,
            key=lambda c: max(rel_s - c.end(), c.start() - rel_e, 0),
            default=None,
        )
        if (
            cue is not None
            and cue.start() >= rel_e
            and (
                text[e - 1 : e] == "."
                or re.search(r"\b(?:and|while|whereas|but)\b|;", frame[rel_e : cue.start()])
            )
        ):
            # "Rudenko told TASS that … “another step.” A Pentagon spokesman said …": the
            # quotation closed its sentence; a cue of that sentence comes first. So too when
            # the cue after it opens another clause: "… make it “…,” while KCNA accused …".
            earlier = [c for c in cues if sent_lo <= c.start() and c.end() <= rel_s]
            if earlier:
                cue = earlier[-1]
            elif text[e - 1 : e] in (".", "!", "?") and frame[rel_e : cue.start()].strip(' ”"'):
                # "… calls the dispute “… arithmetic.” Norway, she said, …": a cue of a later
                # sentence is not this quotation's.
                cue = None
        colon = _COLON_END.search(frame, 0, max(0, rel_s - 1))
        if colon is not None and (cue is None or cue.end() <= sent_lo):
            # "Okafor, a researcher at …, sees it differently: “…”": with no verb of saying in
            # its sentence, the colon introduces the quotation and stands for the cue.
            cue = colon
        term = (
            words <= 8
            and _TERM_CUES.search(text, max(0, s - 30), max(0, s - 1)) is not None
            # "a protest over what it called “interference in …”": a judgement, quoted
            and not _WHAT_IT_CALLED.search(text, max(0, s - 90), max(0, s - 1))
        )
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
        # "Vietnam calls its approach “bamboo diplomacy”": a short name, no quotation; "calls
        # the improvement “a qualitative leap that …”" quotes a judgement.
        term = term or (
            cue is not None
            and cue.group(0) == "calls"
            and words <= 4
            and _FINITE.search(text, s, e) is None
        )
        if term or (words <= 4 and cue is None):
            continue
        in_par = speakers[bisect.bisect_left(sp_starts, ps) : bisect.bisect_left(sp_starts, pe)]
        if cue is not None and cue.group(0).lower() == "according to" and cue.start() >= rel_e:
            # "X said it was “…,” according to a statement": the statement names nobody, the
            # cue before the quotation does.
            phrase = re.match(r"[^,.;:“”]{0,80}", frame[cue.end() :])
            end = cue.end() + (phrase.end() if phrase else 0)
            earlier = [c for c in cues if sent_lo <= c.start() and c.end() <= rel_s]
            in_phrase = [k for k in in_par if cue.end() <= k.start - ps < end]
            named = bool(in_phrase)
            person_named = any(k.actor_type == "person" for k in in_phrase)
            # "Xi told Putin … that “…,” according to Chinese state media": Xi's words, reported.
            by_person = bool(earlier) and any(
                sent_lo <= k.start - ps < earlier[-1].start() and k.actor_type == "person"
                for k in in_par
            )
            if (
                earlier
                and earlier[-1].group(0).lower() != "according to"
                and (not named or (by_person and not person_named))
            ):
                cue = earlier[-1]
        contexts.append(
            QuoteContext(
                text,
                s,
                e,
                ps,
                pe,
                frame,
                None if cue is None else (cue.start(), cue.end(), cue.group(0)),
                cue is not None and _unnamed(frame, cue, rel_s, rel_e, in_par, ps),
            )
        )
    return contexts, speakers


def find_quotes(text: str, mentions: list[Mention]) -> list[Quote]:
    """Quotations with their speakers, ranked by :mod:`foedus.reading.speakers`."""
    contexts, speakers = quote_contexts(text, mentions)
    w = shipped_weights()
    chosen = walk(contexts, speakers, lambda _i, ids, x: choose(ids, x, w))
    # A speaker is named as first introduced: a person by the first full name, else the first
    # mention.
    first: dict[str, Mention] = {}
    for m in speakers:
        known = first.get(m.actor_id)
        if known is None or (
            m.actor_type == "person" and " " in m.surface and " " not in known.surface
        ):
            first[m.actor_id] = m
    quotes: list[Quote] = []
    for ctx, speaker_id in zip(contexts, chosen, strict=True):
        if speaker_id is None:
            quotes.append(Quote(ctx.start, ctx.end, None, None, None))
            continue
        named = first[speaker_id]
        person = named.actor_type == "person"
        quotes.append(
            Quote(
                ctx.start,
                ctx.end,
                speaker_id,
                named.surface,
                _affiliation(text, named) if person else None,
            )
        )
    return quotes
