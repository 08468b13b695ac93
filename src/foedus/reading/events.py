"""PLOVER-style events from trigger words, with source/target, negation and hedging cues.

Rule-based: a trigger lexicon per event type; the source is the nearest actor before the
trigger in its clause (or the agent after "by"), the target the nearest actor after it within a
short window; coordinated actors ("Seoul and Tokyo") give one event per member.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from foedus.reading.gazetteer import Gazetteer
from foedus.reading.mentions import Mention

TRIGGERS: dict[str, str] = {}
for _type, _words in {
    "AGREE": "signed sign signs ratified ratify ratifies concluded approved upgraded agreed inked",
    "CONSULT": "talks consultations consulted discussed negotiated",
    "VISIT": "visit visits visited visiting met meets meeting hosted summit trip toured flew "
    "travel travelled traveled",
    "SUPPORT": "supplying supplied supplies supply provided providing provides aid assistance "
    "support supported supports supporting shipped shipping delivered transfer transferred "
    "transferring sent pledged donated sold sell sells selling lent exported committed commits "
    "contribute contributes contributed contributing paid pays pay arming help helped helping "
    "endorse endorsed lend lends lending loaned give gives gave given giving hand hands handed "
    "handing",
    "ACCUSE": "condemned condemning condemns denounced denouncing accused accusing protested "
    "blamed criticised criticized rebuked censured protest",
    "THREATEN": "threatened threatening threatens warned warning warns",
    "SANCTION": "sanction sanctioned sanctions blacklist blacklisted blacklisting embargo",
    "DEPLOY": "deployed deploying deploy deployment dispatched stationed send sending",
    "ATTACK": "attack attacked attacks invasion invaded war fired struck shelled seized captured "
    "fought fighting raided bombarded drove pushed",
}.items():
    for _w in _words.split():
        TRIGGERS[_w] = _type
_MOVES = re.compile(
    r"\b(?:"
    + "|".join(
        sorted((w for w, t in TRIGGERS.items() if t in ("VISIT", "DEPLOY")), key=len, reverse=True)
    )
    + r")\b"
)
_TRIGGER_RE = re.compile(r"\b(" + "|".join(sorted(TRIGGERS, key=len, reverse=True)) + r")\b")
_NEG = re.compile(r"\b(?:not|never|no|n’t|n't|denied|without|ruled out|rules out|rule out)\b")
_HEDGE = re.compile(
    r"\b(?:alleged(?:ly)?|reportedly|suspected|believed|estimated|accused|possible|possibly|"
    r"could|may|might|would|will|if|planned|plans|expected|likely|fears?|unconfirmed|"
    r"suspects?|believes?|ruled out|rules out)\b"
)
SYMMETRIC = frozenset({"AGREE", "CONSULT", "VISIT"})
#: Objects that make "send" a deployment (troops, engineers, military observers …).
_PERSONNEL = re.compile(
    r"\b(?:troops|soldiers|personnel|forces|engineers|deminers|sappers|advisers|advisors|"
    r"instructors|marines|sailors|pilots|workers|operators|technicians|medics|commandos|"
    r"paratroopers|conscripts|military (?:observers|officers))\b"
)
#: Objects that make "send" neither a deployment nor support.
_NOT_SENT = re.compile(
    r"\s+(?:no|an?|the|its|their|his|her)?\s*(?:[\w-]+\s+)?(?:delegations?|envoys?|observers?|"
    r"letters?|messages?|signals?|diplomats?|officials?|ministers?)\b"
)
_CIVIL_SEIZED = re.compile(
    r"\s+(?:an?|the|two|three|several)?\s*(?:[\w-]+\s+){0,2}?(?:fishing\s+)?"
    r"(?:boats?|vessels?|ships?|tankers?|trawlers?|cargo|crews?)\b"
)
#: What makes "give"/"hand" a transfer: money or material within a few words.
_MATERIAL_AFTER = re.compile(
    r"^[^.;:!?]{0,60}?(?:[$€£¥]|\b(?:million|billion|aid|assistance|weapons|arms|shells|"
    r"ammunition|munitions|missiles|equipment|funds|funding|loans?|grants?|fuel|oil|food|"
    r"vessels|ships|tanks|drones|rockets|howitzers|supplies|interceptors)\b)"
)
#: A warning whose clause only judges an act ("… that joining would be a provocation").
_JUDGED = re.compile(
    r"^[^.;:!?]{0,40}?\bthat\b(?:U\.S\.|[^.;:!?]){0,50}?\b(?:would|will)\s+be\s+[“\"]?(?:a|an)\s"
)
_GIVING = frozenset(
    ["give", "gives", "gave", "given", "giving", "hand", "hands", "handed", "handing"]
)
#: "drove/pushed the forces out of Kursk": force on combatants.
_DRIVEN_OUT = re.compile(
    r"^\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?(?:forces|troops|soldiers|units|fighters|army)\s+"
    r"(?:out|back)\b"
)
_RIGHT_CUT = re.compile(r"\b(?:despite|although|though|because|whereas|unless)\b|[;—–]")
_SENT_END = re.compile(r"(?<!\b[A-Z])(?<!\bU\.S)[.!?][”\"]?(?=\s+[“\"A-Z0-9])|\n")


@dataclass(frozen=True)
class Event:
    """One event: type, source/target ids, trigger span and attributes."""

    type: str
    source: str
    target: str
    start: int
    end: int
    trigger: str
    negated: bool
    hedged: bool


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation and newlines (offsets into ``text`` as given)."""
    out: list[tuple[int, int]] = []
    s = 0
    for m in _SENT_END.finditer(text):
        if m.end() > s and text[s : m.end()].strip():
            out.append((s, m.end()))
        s = m.end()
    if text[s:].strip():
        out.append((s, len(text)))
    return out


def _group(ms: list[Mention], text: str, forward: bool) -> list[Mention]:
    """The nearest mention and those coordinated with it by ``,``/``and``."""
    if not ms:
        return []
    seq = ms if forward else ms[::-1]
    group = [seq[0]]
    for m in seq[1:]:
        a, b = (group[-1], m) if forward else (m, group[-1])
        gap = text[a.end : b.start]
        if re.fullmatch(r"(?:’s)?\s*(?:,\s*)?(?:and|or)?\s*", gap) and gap.strip():
            group.append(m)
        else:
            break
    return group


def _destination(text: str, pos: int, gaz: Gazetteer | None) -> Mention | None:
    """A place named right after a VISIT/DEPLOY trigger ("flew to Warsaw", "visited Minsk")."""
    if gaz is None:
        return None
    m = re.match(r"\s+(?:(?:to|in|into)\s+)?(?:the\s+)?", text[pos : pos + 20])
    start = pos + (m.end() if m else 0)
    g = gaz.pattern.match(text, start)
    if g is None:
        return None
    e = gaz.lookup(g.group(0))
    if e is None or e.actor_type != "state" or e.actor_id is None:
        return None
    if e.kind not in ("capital", "seat", "place"):
        return None  # a state's name is a mention already (and may be coordinated)
    return Mention(g.start(), g.end(), g.group(0), e.actor_id, "state")


def _its_owner(
    text: str, ss: int, mentions: list[Mention], k0: int, last: tuple[int, int] | None
) -> Mention | None:
    """For a sentence opening with "Its/Their": the first state of the sentence before
    ("North Korea has never admitted …. Its foreign ministry denounced Kyiv" → PRK);
    ``mentions[:k0]`` lie before the sentence."""
    if last is None or not re.match(r"\s*(?:Its|Their)\s", text[ss : ss + 8]):
        return None
    k = k0
    while k > 0 and mentions[k - 1].start >= last[0]:
        k -= 1
    prev = [m for m in mentions[k:k0] if m.actor_type == "state"]
    return prev[0] if prev else None


def _person_before_apposition(
    text: str, sources: list[Mention], in_s: list[Mention]
) -> list[Mention]:
    """ "Ahn Gyu-back, South Korea’s defence minister, flew …": the person, not the state
    naming the title in the apposition."""
    if not sources or sources[0].actor_type == "person" or len(sources) > 2:
        return sources
    src = sources[0]  # the nearest; the person before it may be grouped with it by the comma
    k = in_s.index(src) if src in in_s else -1
    if k <= 0 or in_s[k - 1].actor_type != "person":
        return sources
    person = in_s[k - 1]
    if len(sources) == 2 and sources[1] is not person:
        return sources
    between = text[person.end : src.start]
    after = text[src.end : src.end + 60]
    if re.fullmatch(r",\s+(?:the\s+)?", between) and re.match(
        r"(?:’s|'s)?(?:\s+[\w-]+){1,3},", after
    ):
        return [person]
    return sources


def find_events(text: str, mentions: list[Mention], gaz: Gazetteer | None = None) -> list[Event]:
    """Events in ``text`` given its actor mentions (``gaz``: places as destinations)."""
    out: list[Event] = []
    starts = [m.start for m in mentions]
    last_sentence: tuple[int, int] | None = None
    for ss, se in sentences(text):
        # Mentions are sorted by start: slice by bisection, not a scan (long texts).
        k0 = bisect.bisect_left(starts, ss)
        in_s = mentions[k0 : bisect.bisect_left(starts, se)]
        owner = _its_owner(text, ss, mentions, k0, last_sentence)
        last_sentence = (ss, se)
        if not in_s or (
            len(in_s) + (owner is not None) < 2 and (gaz is None or not _MOVES.search(text, ss, se))
        ):
            continue  # (one actor may still travel to a place: "Kim flew to Moscow")
        for t in _TRIGGER_RE.finditer(text, ss, se):
            etype = TRIGGERS[t.group(1)]
            left_text = text[ss : t.start()]
            clause = max(left_text.rfind(";"), left_text.rfind("—"), left_text.rfind("–"))
            left = [m for m in in_s if m.end <= t.start() and m.start > ss + clause]
            # The target lies before a concessive or causal clause ("visited X despite a
            # warrant from the court": the court is no target).
            cut = _RIGHT_CUT.search(text, t.end(), min(se, t.end() + 60))
            limit = (cut.start() if cut else t.end() + 60) - t.end()
            right = [m for m in in_s if m.start >= t.end() and m.start - t.end() < limit]
            after = text[t.end() : t.end() + 80]
            by = re.match(r"\s+by\s+", after)
            if (by and right) or (
                t.group(1) in ("assistance", "aid", "support") and re.match(r"\s+of\s", after)
            ):
                sources, targets = _group(right, text, True), _group(left, text, False)
            else:
                sources, targets = _group(left, text, False), _group(right, text, True)
                if sources:
                    sources = _person_before_apposition(text, sources, in_s)
                    # "soldiers whom Ukrainian troops captured": the noun before "whom".
                    gap = text[max(ss, sources[-1].start - 8) : sources[-1].start]
                    if re.search(r"\bwhom\s+$", gap):
                        head = [m for m in left if m.end <= sources[-1].start - 5]
                        if head and sources[-1].start - head[-1].end < 30:
                            targets = _group(head, text, False)
                elif owner is not None:
                    sources = [owner]  # "Its foreign ministry denounced Kyiv"
            if t.group(1) in ("send", "sending", "sent"):
                if _NOT_SENT.match(after):
                    continue  # "sent no delegation", "send an envoy": neither troops nor goods
                troops = _PERSONNEL.search(after[:50])
                etype = "DEPLOY" if troops else "SUPPORT"
            if t.group(1) == "approved" and re.match(
                r"\s+(?:the|an?)\s+(?:[\w-]+\s+){0,2}?(?:export|sale|transfer|delivery)", after
            ):
                etype = "SUPPORT"  # "approved the export of 400,000 rounds to Poland"
            if t.group(1) == "approved" and re.match(r"\s+(?:an?\s+|another\s+)?[$€£¥]", after):
                if re.match(r"[^.;]{0,40}?\bin\s+(?:[\w-]+\s+){0,2}?(?:aid|assistance)\b", after):
                    continue  # "approved $24 million in assistance": the noun is the trigger
                etype = "SUPPORT"  # "approved $330 million for …": money granted
            if t.group(1) == "warning" and re.match(
                r"\s+(?:data|systems?|signs?|shots?|time|radars?|satellites?|lights?)\b", after
            ):
                continue  # "missile warning data": no threat
            if etype == "THREATEN" and _JUDGED.match(after):
                continue  # "warned Seoul that joining would be “a grave provocation”": a judgement
            if t.group(1) in _GIVING and not _MATERIAL_AFTER.match(after):
                continue  # "gave a speech", "handed a letter": no transfer
            if t.group(1) in ("drove", "pushed") and not _DRIVEN_OUT.match(after):
                continue  # "pushed the EU to act": no force
            if t.group(1) == "met" and re.search(r"\b(?:be|been|being|is|was|were)\s+$", left_text):
                continue  # "would be met with force": no meeting
            if etype == "ATTACK" and _CIVIL_SEIZED.match(after):
                continue  # "seized a fishing boat": no territory or combatants taken
            if t.group(1) == "summit" and any(m.actor_type == "org" for m in in_s):
                continue  # a multilateral summit is no visit
            if etype in ("VISIT", "DEPLOY") and t.group(1) not in ("met", "meets", "meeting"):
                # "travelled to Moscow", "visited Ulaanbaatar": the place stands for its state.
                dest = _destination(text, t.end(), gaz)
                if dest is not None:
                    targets = [dest]
            if sources:
                src_ids = {m.actor_id for m in sources}
                rest = [m for m in right if m.actor_id not in src_ids] if not by else right
                if not by and rest != right:
                    targets = _group(rest, text, True)
            if (
                etype in ("AGREE", "CONSULT")
                and len(sources) >= 2
                and targets
                and not re.search(r"\b(?:with|between)\b", text[t.end() : targets[0].start])
            ):
                # "Russia and North Korea signed their treaty and Mongolia found …": the
                # coordinated subjects are the sides, not an actor named after them.
                targets = []
            if not targets and etype in SYMMETRIC and len(sources) >= 2:
                # Coordinated subjects of a symmetric event: "Russia and North Korea signed".
                sources, targets = sources[1:], sources[:1]
            if not sources or not targets:
                continue
            window = text[max(ss, t.start() - 60) : t.start()]
            negs = list(_NEG.finditer(window[-25:]))
            neg = negs[-1] if negs else None
            # "has not condemned Moscow’s invasion": the cue belongs to the trigger between.
            negated = neg is not None and not _TRIGGER_RE.search(
                text, t.start() - 25 + neg.end(), t.start()
            )
            hedged = bool(_HEDGE.search(window))
            for src in sources:
                for tgt in targets:
                    if src.actor_id == tgt.actor_id:
                        continue
                    out.append(
                        Event(
                            etype,
                            src.actor_id,
                            tgt.actor_id,
                            t.start(),
                            t.end(),
                            t.group(1),
                            negated,
                            hedged,
                        )
                    )
    return out
