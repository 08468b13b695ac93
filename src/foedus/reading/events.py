"""PLOVER-style events from trigger words, with source/target, negation and hedging cues.

Rule-based: a trigger lexicon per event type; the source is the nearest actor before the
trigger in its clause (or the agent after "by"), the target the nearest actor after it within a
short window; coordinated actors ("Seoul and Tokyo") give one event per member.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from foedus.reading.mentions import Mention

TRIGGERS: dict[str, str] = {}
for _type, _words in {
    "AGREE": "signed sign signs ratified ratify ratifies concluded approved upgraded agreed inked",
    "CONSULT": "talks consultations consulted discussed negotiated",
    "VISIT": "visit visits visited visiting met meets meeting hosted summit trip toured",
    "SUPPORT": "supplying supplied supplies supply provided providing provides aid assistance "
    "support supported supports supporting shipped shipping delivered transfer transferred "
    "transferring sent pledged donated sold sell sells selling lent exported committed commits "
    "contribute contributes contributed contributing paid pays pay arming help helped helping "
    "endorse endorsed",
    "ACCUSE": "condemned condemning condemns denounced denouncing accused accusing protested "
    "blamed criticised criticized rebuked censured protest",
    "THREATEN": "threatened threatening threatens warned warning warns",
    "SANCTION": "sanctioned sanctions blacklisted embargo",
    "DEPLOY": "deployed deploying deploy deployment dispatched stationed send sending",
    "ATTACK": "attack attacked attacks invasion invaded war fired struck shelled seized captured "
    "fought fighting raided bombarded",
}.items():
    for _w in _words.split():
        TRIGGERS[_w] = _type
_TRIGGER_RE = re.compile(r"\b(" + "|".join(sorted(TRIGGERS, key=len, reverse=True)) + r")\b")
_NEG = re.compile(r"\b(?:not|never|no|n’t|n't|denied|without)\b")
_HEDGE = re.compile(
    r"\b(?:alleged(?:ly)?|reportedly|suspected|believed|estimated|accused|possible|possibly|"
    r"could|may|might|would|will|if|planned|plans|expected|likely|fears?|unconfirmed)\b"
)
SYMMETRIC = frozenset({"AGREE", "CONSULT", "VISIT"})
#: Objects that make "send" a deployment (troops, engineers, military observers …).
_PERSONNEL = re.compile(
    r"\b(?:troops|soldiers|personnel|forces|engineers|deminers|sappers|advisers|advisors|"
    r"instructors|marines|sailors|pilots|workers|military (?:observers|officers))\b"
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


def find_events(text: str, mentions: list[Mention]) -> list[Event]:
    """Events in ``text`` given its actor mentions."""
    out: list[Event] = []
    starts = [m.start for m in mentions]
    for ss, se in sentences(text):
        # Mentions are sorted by start: slice by bisection, not a scan (long texts).
        in_s = mentions[bisect.bisect_left(starts, ss) : bisect.bisect_left(starts, se)]
        if len(in_s) < 2:
            continue
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
            if t.group(1) in ("send", "sending", "sent"):
                if _NOT_SENT.match(after):
                    continue  # "sent no delegation", "send an envoy": neither troops nor goods
                troops = _PERSONNEL.search(after[:50])
                etype = "DEPLOY" if troops else "SUPPORT"
            if t.group(1) == "met" and re.search(r"\b(?:be|been|being|is|was|were)\s+$", left_text):
                continue  # "would be met with force": no meeting
            if etype == "ATTACK" and _CIVIL_SEIZED.match(after):
                continue  # "seized a fishing boat": no territory or combatants taken
            if t.group(1) == "summit" and any(m.actor_type == "org" for m in in_s):
                continue  # a multilateral summit is no visit
            if sources:
                src_ids = {m.actor_id for m in sources}
                rest = [m for m in right if m.actor_id not in src_ids] if not by else right
                if not by and rest != right:
                    targets = _group(rest, text, True)
            if not targets and etype in SYMMETRIC and len(sources) >= 2:
                # Coordinated subjects of a symmetric event: "Russia and North Korea signed".
                sources, targets = sources[1:], sources[:1]
            if not sources or not targets:
                continue
            window = text[max(ss, t.start() - 60) : t.start()]
            negated = bool(_NEG.search(window[-25:]))
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
