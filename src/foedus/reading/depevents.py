"""PLOVER-style events from a spaCy dependency parse (used when an English model is installed).

A trigger is a verb or event noun whose lemma is in :data:`VERB_TRIGGERS` / :data:`NOUN_TRIGGERS`.
Its arguments come from the parse, resolved to the actor mentions already found:

- verbs: the subject (``nsubj``; the ``agent`` of a passive) is the source; the target is the
  recipient of a ``to``/``into`` phrase, else the direct object (``sent troops to Russia``,
  ``warned Japan``, ``sanctioned North Korean banks``), else a ``with/on/against`` object;
  a verb without a subject takes it from the verb it depends on (``Seoul is weighing whether to
  send …``; object control for ``accused X of supplying``);
- nouns: the possessor or a demonym modifier is the source (``Russia’s war``), a light verb's
  subject otherwise (``Washington imposed sanctions on …``); ``of`` is the source of aid nouns and
  the target of attack nouns;
- coordinated actors give one event per member; coordinated subjects of a symmetric type pair up;
- ``negated``: a ``neg`` dependent (``not``, ``never``), ``no`` on the object, or a governing
  ``refuse/fail/deny``; ``hedged``: a modal (``may``, ``would``, ``will``), ``if/whether``, or a
  governing ``allege/suspect/believe/plan/weigh/…`` on the way up the parse.

Examples
--------
>>> VERB_TRIGGERS["sanction"], NOUN_TRIGGERS["talk"]
('SANCTION', 'CONSULT')
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import Any

from foedus.reading.events import SYMMETRIC, Event
from foedus.reading.gazetteer import Gazetteer
from foedus.reading.mentions import Mention

VERB_TRIGGERS: dict[str, str] = {}
for _type, _words in {
    "AGREE": "sign ratify conclude approve upgrade agree ink seal",
    "CONSULT": "consult discuss negotiate confer",
    "VISIT": "visit meet host travel arrive tour welcome receive greet fly",
    "SUPPORT": "supply provide ship deliver transfer pledge help support aid assist fund arm "
    "finance reward sell back donate lend loan export equip furnish bankroll subsidise subsidize "
    "endorse",
    "ACCUSE": "condemn denounce accuse protest criticise criticize blame censure rebuke decry "
    "summon castigate lambast lambaste chastise",
    "THREATEN": "threaten warn",
    "SANCTION": "sanction blacklist embargo penalise penalize",
    "DEPLOY": "deploy dispatch station redeploy rotate",
    "ATTACK": "attack invade strike shell seize capture fight bomb fire ram raid bombard assault "
    "shoot occupy annex",
}.items():
    for _w in _words.split():
        VERB_TRIGGERS[_w] = _type
NOUN_TRIGGERS: dict[str, str] = {}
for _type, _words in {
    "CONSULT": "talk consultation negotiation dialogue",
    "VISIT": "visit trip summit meeting tour",
    "SUPPORT": "aid assistance support supply shipment delivery transfer loan donation "
    "endorsement backing help",
    "ACCUSE": "condemnation protest accusation criticism denunciation rebuke",
    "THREATEN": "threat ultimatum",
    "SANCTION": "sanction embargo penalty blacklisting",
    "DEPLOY": "deployment redeployment",
    "ATTACK": "attack invasion war offensive strike assault raid bombardment airstrike incursion "
    "shelling aggression",
}.items():
    for _w in _words.split():
        NOUN_TRIGGERS[_w] = _type
#: Objects of ``approve``/``earmark`` that are support granted, beside :data:`_MATERIAL`.
_GRANTS = frozenset(["sale", "package", "aid", "loan", "grant", "tranche", "financing", "euro"])
#: Lists whose additions are sanctions ("added … to its entity list").
_LISTS = frozenset(["list", "blacklist", "register"])
#: Objects that make ``reach``/``strike``/``forge`` an agreement ("struck a deal with Seoul").
_AGREEMENTS = frozenset(
    [
        "agreement",
        "deal",
        "accord",
        "pact",
        "treaty",
        "understanding",
        "consensus",
        "compromise",
        "settlement",
        "partnership",
        "alliance",
    ]
)
#: Objects that make ``launch`` or ``fire`` an attack on a target ("launched drones at Kyiv").
_PROJECTILES = frozenset(
    ["missile", "rocket", "drone", "shell", "projectile", "torpedo", "salvo", "barrage", "munition"]
)

_LIGHT_VERBS = frozenset(
    [
        "hold",
        "lodge",
        "file",
        "impose",
        "launch",
        "conduct",
        "pay",
        "make",
        "carry",
        "wage",
        "mount",
        "begin",
        "start",
        "announce",
        "resume",
        "continue",
        "stage",
        "open",
        "extend",
        "offer",
        "give",
    ]
)
_RECIPIENT_PREPS = ("to", "into", "toward", "towards")
_OTHER_PREPS = ("with", "on", "against", "at", "upon")
_NEG_GOVERNORS = frozenset(["refuse", "fail", "deny", "decline", "avoid", "refrain"])
_HEDGE_GOVERNORS = frozenset(
    [
        "allege",
        "claim",
        "suspect",
        "believe",
        "estimate",
        "plan",
        "expect",
        "consider",
        "weigh",
        "intend",
        "fear",
        "propose",
        "threaten",
        "prepare",
        "seek",
        "rumor",
        "rumour",
        "speculate",
        "mull",
        "contemplate",
        "hope",
        "want",
        "aim",
        # Agreed or promised, not done yet: "agreed to hold consultations" (future).
        "agree",
        "decide",
        "promise",
        "vow",
        "pledge",
        "offer",
        # "would be willing to meet", "unlikely to criticise": a disposition, not an act.
        "willing",
        "ready",
        "likely",
        "unlikely",
        "eager",
        "prepared",
        "poised",
        "set",
        # Warned or urged against, asked to: not done.
        "warn",
        "urge",
        "ask",
    ]
)
_HEDGE_WORDS = frozenset(
    [
        "reportedly",
        "allegedly",
        "possibly",
        "probably",
        "likely",
        "apparently",
        "perhaps",
        "potentially",
        "possible",
        "alleged",
        "suspected",
        "planned",
        "potential",
        "proposed",
        "future",
        "prospective",
    ]
)
_HEDGE_MARKS = frozenset(["if", "whether", "unless"])
#: Nouns whose infinitive is still to come ("a deal to supply tanks", "plans to send").
_PROMISES = _AGREEMENTS | frozenset(
    [
        "contract",
        "plan",
        "promise",
        "pledge",
        "commitment",
        "offer",
        "proposal",
        "bid",
        "intention",
        "decision",
        "chance",
        "option",
        "idea",
    ]
)
#: Passive verbs of hearsay that hedge what follows ("is reported to be negotiating").
_HEARSAY = frozenset(["report", "say", "think", "rumour", "rumor", "understand", "claim"])
#: Modifiers of an amount that make it an estimate ("an estimated $2 billion").
_ESTIMATED = frozenset(["estimated", "reported", "alleged", "suspected", "rumoured", "rumored"])
_NOT_HEDGING_MODALS = frozenset(["must", "can", "ca", "need", "should"])
_CLIMB = ("xcomp", "ccomp", "advcl", "pcomp", "prep", "conj", "acl", "relcl", "pobj", "acomp")
#: Objects that make ``send`` a deployment.
_PERSONNEL = frozenset(
    [
        "operator",
        "technician",
        "medic",
        "commando",
        "paratrooper",
        "conscript",
        "troop",
        "soldier",
        "personnel",
        "force",
        "engineer",
        "officer",
        "marine",
        "sailor",
        "adviser",
        "advisor",
        "instructor",
        "unit",
        "battalion",
        "brigade",
        "aircraft",
        "jet",
        "bomber",
        "fighter",
        "warship",
        "destroyer",
        "worker",
        "deminer",
        "sapper",
        "specialist",
        "pilot",
        "crew",
        "contingent",
        "mercenary",
        "labourer",
        "laborer",
        "reinforcement",
    ]
)
#: Objects of ``send`` that are neither troops nor goods ("sent an envoy to Pyongyang").
_NOT_SENT_GOODS = frozenset(
    [
        "observer",
        "envoy",
        "delegation",
        "diplomat",
        "official",
        "representative",
        "emissary",
        "letter",
        "message",
        "signal",
        "note",
        "invitation",
        "greeting",
        "condolence",
        "warning",
        "team",
        "minister",
        "mission",
    ]
)
#: Objects that make ``give`` material support.
_MATERIAL = frozenset(
    [
        "aid",
        "assistance",
        "support",
        "weapons",
        "arms",
        "ammunition",
        "shells",
        "missiles",
        "equipment",
        "money",
        "funds",
        "funding",
        "loan",
        "technology",
        "oil",
        "fuel",
        "food",
        "cash",
        "loans",
        "grant",
        "grants",
        "financing",
        "million",
        "billion",
        "munitions",
        "ammunition",
        "drones",
        "tanks",
        "artillery",
        "rockets",
        "howitzers",
        "vehicles",
        "vessels",
        "ships",
        "components",
        "parts",
        "supplies",
        "grain",
        "rice",
        "fertiliser",
        "fertilizer",
        "petroleum",
        "diesel",
        "gas",
        "dollars",
        "euros",
        "systems",
        "batteries",
        "interceptors",
        "containers",
        "barrels",
        "tons",
        "tonnes",
    ]
)
#: Purposive verbs whose object is the recipient ("pledged $22 million to help Manila").
_PURPOSE_VERBS = frozenset(
    ["help", "assist", "support", "bolster", "strengthen", "arm", "enable", "train", "equip"]
)
#: Security bodies named by their state's modifier ("to equip the Fijian police").
_FORCES = frozenset(
    ["police", "army", "military", "navy", "guard", "force", "forces", "troops", "coastguard"]
)
#: Verbs of hosting: the object is the guest ("Kim received Lavrov in Wonsan").
_HOST_VERBS = frozenset(["host", "welcome", "receive", "greet"])


_GUESTS = frozenset(
    [
        "leader",
        "delegation",
        "minister",
        "president",
        "envoy",
        "counterpart",
        "official",
        "diplomat",
        "secretary",
        "chief",
        "head",
        "premier",
        "guest",
        "visitor",
    ]
)


def _hosts_someone(verb: Any) -> bool:
    """Whether the verb's object is a name or a guest, not a thing ("welcomed the decision")."""
    return any(o.pos_ == "PROPN" or o.lemma_.lower() in _GUESTS for o in _children(verb, ["dobj"]))


#: Verbs whose giver is a ``from`` phrase and whose subject receives.
_RECEIVE_VERBS = frozenset(["receive", "obtain", "acquire", "import", "buy", "purchase"])
#: Verbs whose object is a topic, not a partner ("discussed North Korea with Tokyo").
_TOPIC_VERBS = frozenset(["discuss", "negotiate"])
_POSS_PRONOUNS = frozenset(["his", "her", "its", "their"])
_SUBJECT_PRONOUNS = frozenset(["they", "it", "he", "she"])
_CONTROL_PREPS = frozenset(["of", "with", "into", "from", "against", "for"])
_PRONOUNS = frozenset(["it", "they", "he", "she", "we", "which", "that", "who"])


class _Index:
    """Token ↔ mention lookups for one parsed text (offsets shifted to the whole text)."""

    def __init__(self, mentions: list[Mention], gaz: Gazetteer | None) -> None:
        self.by_start: dict[int, Mention] = {}
        self.starts = sorted(m.start for m in mentions)
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.gaz = gaz

    def previous(self, char: int, n: int, persons: bool) -> list[Mention]:
        """The last ``n`` distinct actors before ``char`` ("the two governments", "both men").

        ``persons``: persons only; else states, a person standing for the state of an office
        they hold (any date). Looks back at most 1,500 characters.
        """
        k = bisect.bisect_left(self.starts, char) - 1
        out: list[Mention] = []
        ids: set[str] = set()
        while k >= 0 and len(out) < n and char - self.mentions[k].start <= 1500:
            m = self.mentions[k]
            k -= 1
            if persons and m.actor_type != "person":
                continue
            if not persons and m.actor_type == "person":
                state = self.office_state(m.actor_id)
                if state is None:
                    continue
                m = Mention(m.start, m.end, m.surface, state, "state")
            elif not persons and m.actor_type != "state":
                continue
            if m.actor_id not in ids:
                ids.add(m.actor_id)
                out.append(m)
        return out[::-1] if len(out) == n else []

    def last_is_person(self, char: int) -> bool:
        """Whether the last actor mentioned before ``char`` is a person."""
        k = bisect.bisect_left(self.starts, char) - 1
        return k >= 0 and self.mentions[k].actor_type == "person"

    def office_state(self, person_id: str) -> str | None:
        """The state of an office the person held (any date), or None."""
        if self.gaz is None:
            return None
        for o in self.gaz.offices:
            if o.person_id == person_id and o.holder_of in self.gaz.state_ids:
                return o.holder_of
        return None

    def mention_at(self, char: int) -> Mention | None:
        k = bisect.bisect_right(self.starts, char) - 1
        if k >= 0 and self.mentions[k].start <= char < self.mentions[k].end:
            return self.mentions[k]
        return None


def _tok_mention(tok: Any, idx: _Index, base: int) -> Mention | None:
    return idx.mention_at(base + tok.idx)


def _actors(
    tok: Any,
    idx: _Index,
    base: int,
    *,
    modifiers: bool,
    places: bool,
    capitals: bool = False,
    seen: set[int] | None = None,
) -> list[Mention]:
    """Actor mentions denoted by the phrase headed by ``tok`` (and its conjuncts).

    ``places``: a place, capital or seat stands for its state (destinations of DEPLOY/VISIT);
    ``capitals``: a capital or seat stands for its government (recipients: ``… to Kyiv``).
    """
    seen = seen if seen is not None else set()
    if tok.i in seen:
        return []
    seen.add(tok.i)
    out: list[Mention] = []
    m = _tok_mention(tok, idx, base)
    if m is None:
        # "His North Korean counterpart, Choe Son Hui, …": a named apposition wins.
        for c in tok.children:
            cm = _tok_mention(c, idx, base) if c.dep_ == "appos" else None
            if cm is not None and cm.actor_type == "person":
                m = cm
                break
    n = _group_size(tok)
    if m is None and not n and tok.lemma_.lower() in _GROUP_PERSONS | _GROUP_STATES | {"minister"}:
        # "The leaders of Japan and South Korea met": the states named after "of".
        of = [
            a
            for p in _pobjs(tok, ["of"])
            for a in _actors(p, idx, base, modifiers=True, places=False)
        ]
        if of:
            out.extend(of)
            for c in tok.children:
                if c.dep_ == "conj":
                    out.extend(
                        _actors(
                            c,
                            idx,
                            base,
                            modifiers=modifiers,
                            places=places,
                            capitals=capitals,
                            seen=seen,
                        )
                    )
            return out
    if m is not None:
        out.append(m)
    elif n:
        # "the two governments", "both leaders": the last n actors named before.
        persons = tok.lemma_.lower() in _GROUP_PERSONS or (
            tok.lower_ in _NUMBERS and idx.last_is_person(base + tok.idx)
        )
        out.extend(idx.previous(base + tok.idx, n, persons))
    else:
        # Modifiers, also nested in compounds: "Chinese coast guard ships" → CHN.
        mods = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
        mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ != "det"]
        mods += [g for c in mods for g in c.conjuncts]  # "Russian and North Korean entities"
        for c in mods:
            if c.dep_ == "poss" or modifiers:
                cm = _tok_mention(c, idx, base)
                if cm is not None and cm not in out:
                    out.append(cm)
        kinds = ("place", "capital", "seat") if places else ("capital", "seat") if capitals else ()
        if not out and kinds and idx.gaz is not None:
            # "to Kursk", "to the Batanes islands": the place or a compound naming it.
            for w in (tok, *(c for c in tok.children if c.dep_ == "compound")):
                e = idx.gaz.lookup(w.text)
                if e is not None and e.kind in kinds and e.actor_id is not None:
                    out.append(
                        Mention(base + w.idx, base + w.idx + len(w), w.text, e.actor_id, "state")
                    )
                    break
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(
                _actors(
                    c, idx, base, modifiers=modifiers, places=places, capitals=capitals, seen=seen
                )
            )
    return out


_GROUP_PERSONS = frozenset(["man", "leader", "president", "minister", "woman", "head"])
_GROUP_STATES = frozenset(
    ["government", "country", "nation", "state", "side", "capital", "ally", "neighbour", "neighbor"]
)
_NUMBERS = {"two": 2, "three": 3, "both": 2}


def _group_size(tok: Any) -> int:
    """``n`` for "the two governments", "both countries", "the three leaders"; else 0.

    A bare "the two" or "both" as subject counts too ("… and the two agreed").
    """
    if (
        tok.dep_ in ("nsubj", "nsubjpass")
        and tok.lower_ in _NUMBERS
        and tok.pos_ in ("NUM", "PRON", "DET")
        and (
            any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or tok.lower_ == "both"
        )
    ):
        return _NUMBERS[tok.lower_]
    if tok.lemma_.lower() not in _GROUP_PERSONS | _GROUP_STATES or tok.tag_ not in ("NNS",):
        return 0
    for c in tok.children:
        if c.dep_ in ("nummod", "det", "predet") and c.lower_ in _NUMBERS:
            return _NUMBERS[c.lower_]
    return 0


def _pobjs(tok: Any, preps: Iterable[str]) -> Iterator[Any]:
    wanted = set(preps)
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in wanted:
            for g in c.children:
                if g.dep_ == "pobj":
                    yield g
        elif c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN"):
            yield c


def _children(tok: Any, deps: Iterable[str]) -> list[Any]:
    d = set(deps)
    return [c for c in tok.children if c.dep_ in d]


def _subject(verb: Any, idx: _Index, base: int) -> list[Mention]:
    """Source of a verb: its subject, a passive's agent, or a controlling verb's subject/object."""
    for a in _children(verb, ["agent"]):
        for p in _children(a, ["pobj"]):
            return _actors(p, idx, base, modifiers=True, places=False)
    subj = _children(verb, ["nsubj"])
    if len(subj) > 1 and any(
        c.dep_ == "cc" and c.lower_ in ("and", "or") and subj[0].i < c.i < subj[1].i
        for t in (verb, subj[0])
        for c in t.children
    ):
        # "Lee Jae-myung and Volodymyr Zelensky discussed …" parsed as two subjects.
        return [a for t in subj for a in _subject_actors(t, verb, idx, base)]
    if subj:
        return _subject_actors(subj[0], verb, idx, base)
    if _children(verb, ["nsubjpass"]):
        return []
    tok, steps = verb, 0
    while _climbs(tok) and tok.head is not tok and steps < 5:
        child, tok, steps = tok, tok.head, steps + 1
        if tok.pos_ == "ADP" or (tok.pos_ == "ADV" and tok.dep_ == "advmod"):
            continue  # "… stopped short of accusing": on to "stopped"
        if child.dep_ == "acl" and tok.pos_ in ("NOUN", "PROPN"):
            # "Pete Hegseth, visiting Manila, said …": the participle's noun acts.
            acting = _actors(tok, idx, base, modifiers=True, places=False)
            if acting:
                return acting
        if child.dep_ == "xcomp" or (child.dep_ == "prep" and child.lower_ in _CONTROL_PREPS):
            objs = [
                a
                for o in _children(tok, ["dobj"])
                for a in _actors(o, idx, base, modifiers=False, places=False)
            ]
            if objs:
                return objs
        s = _children(tok, ["nsubj", "nsubjpass"])
        if s:
            return _subject_actors(s[0], tok, idx, base)
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj"):
            if tok.dep_ == "dobj" and tok.head.lemma_.lower() not in _OWNING_VERBS:
                break  # "Seoul criticised the plan to deploy …": the critic does not deploy
            continue  # "signed a deal to supply tanks": the deal's signer supplies
        if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "ADJ" and child.dep_ == "xcomp"):
            break  # but "willing to meet", "unlikely to criticise" climb on to their subject
    return []


#: Verbs whose subject owns the plan, deal or means in their object ("signed a deal to supply",
#: "found a way to help"), unlike "criticised the plan to deploy".
_OWNING_VERBS = frozenset(
    [
        "find",
        "have",
        "sign",
        "conclude",
        "reach",
        "strike",
        "seal",
        "ink",
        "make",
        "take",
        "adopt",
        "announce",
        "unveil",
        "launch",
        "seek",
        "get",
        "win",
        "secure",
        "use",
        "need",
        "draw",
        "devise",
        "outline",
        "approve",
        "finalise",
        "finalize",
        "agree",
    ]
)


def _climbs(tok: Any) -> bool:
    """Whether the subject search goes on from ``tok`` to its head.

    Through clauses, a noun object ("found a way to help Kyiv": the finder helps) and an adverb
    ("stopped short of accusing …").
    """
    if tok.dep_ in (*_CLIMB, "acl"):
        return True
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj"):
        return True
    return tok.pos_ == "ADV" and tok.dep_ == "advmod"


def _subject_actors(subj: Any, verb: Any, idx: _Index, base: int) -> list[Mention]:
    """Actors of a subject; a pronoun stands for a governing clause's or the last sentence's.

    "American officials have said they may station …", "units returned from Kursk, where they
    fought …", "Seoul has answered cautiously. It has sold …".
    """
    if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
        # "Japan, which concluded …", "Lavrov, who flew to Wonsan": the noun it modifies.
        return _actors(verb.head, idx, base, modifiers=True, places=False)
    if subj.lower_ not in _SUBJECT_PRONOUNS:
        found = _actors(subj, idx, base, modifiers=True, places=False)
        lemma = subj.lemma_.lower()
        its = any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in subj.children)
        if found or lemma not in _ORGANS | (_OFFICIALS if its else frozenset()):
            return found
        if its:
            # "North Korea has never admitted …. Its foreign ministry denounced …", "Its deputy
            # foreign minister travelled …": the state of the last state subject before.
            return _earlier_subject(subj, idx, base, any_subject=True)
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
            return found
        # "China’s commerce ministry added …, and the foreign ministry summoned …": an organ
        # named without its state belongs to the state of the subject before it.
        return _earlier_subject(subj, idx, base)
    tok = verb
    for _ in range(4):
        if tok.head is tok:
            break
        tok = tok.head
        outer = [o for o in _children(tok, ["nsubj"]) if o.lower_ not in _SUBJECT_PRONOUNS]
        if outer:
            return _actors(outer[0], idx, base, modifiers=True, places=False)
    # "…, Seoul has said, it will consider supplying …": the parenthetical speaker.
    for p in _children(verb, ["parataxis"]):
        if p.lemma_ in _SAY_VERBS:
            named = [o for o in _children(p, ["nsubj"]) if o.lower_ not in _SUBJECT_PRONOUNS]
            if named:
                return _actors(named[0], idx, base, modifiers=True, places=False)
    return _previous_subject(verb, idx, base)


_SAY_VERBS = frozenset(["say", "tell", "state", "announce", "insist", "add", "confirm"])


#: Domestic organs that may be named without their state ("the foreign ministry").
_ORGANS = frozenset(
    [
        "ministry",
        "government",
        "military",
        "army",
        "navy",
        "embassy",
        "guard",
        "administration",
        "cabinet",
        "regime",
        "leadership",
        "command",
    ]
)


def _earlier_subject(subj: Any, idx: _Index, base: int, any_subject: bool = False) -> list[Mention]:
    """States of the nearest earlier subject in the sentence, else the previous sentence's.

    ``any_subject`` (for "its"): the last subject of the previous sentence naming a state, not
    only its main clause's ("…, but the South Korean government has not agreed …, and it has
    ruled out …. Its deputy foreign minister …" → KOR).
    """
    sent = subj.sent
    first = sent.start
    if any_subject and sent.start > 0:
        first = subj.doc[sent.start - 1].sent.start
    for t in reversed(list(subj.doc[first : subj.i])):
        if t.dep_ in ("nsubj", "nsubjpass"):
            found = [
                m
                for m in _actors(t, idx, base, modifiers=True, places=False)
                if m.actor_type == "state"
            ]
            if found:
                return found
    if any_subject:
        return []
    return [m for m in _previous_subject(subj, idx, base) if m.actor_type == "state"]


#: Officials named only by "its/their" ("Its deputy foreign minister travelled to Kyiv").
_OFFICIALS = frozenset(
    [
        "minister",
        "ambassador",
        "envoy",
        "diplomat",
        "official",
        "delegation",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ministry",
        "embassy",
    ]
)


def _plural_pronoun(verb: Any) -> bool:
    """Whether the verb's subject (through coordinated verbs) is ``they``."""
    tok = verb
    for _ in range(4):
        subj = _children(tok, ["nsubj"])
        if subj:
            return bool(subj[0].lower_ == "they")
        if tok.dep_ != "conj" or tok.head is tok:
            return False
        tok = tok.head
    return False


def _previous_subject(tok: Any, idx: _Index, base: int) -> list[Mention]:
    """Actors of the previous sentence's main subject ("Seoul has answered. It has sold …")."""
    sent = tok.sent
    # "Kim … vowed …. He did not …. In a speech, he warned …": through pronoun subjects, at
    # most three sentences back.
    for _ in range(3):
        if sent.start == 0:
            return []
        sent = tok.doc[sent.start - 1].sent
        subj = _children(sent.root, ["nsubj", "nsubjpass"])
        if not subj:
            return []
        if subj[0].lower_ not in _SUBJECT_PRONOUNS:
            return _actors(subj[0], idx, base, modifiers=True, places=False)
    return []


def _verb_args(
    verb: Any, etype: str, idx: _Index, base: int
) -> tuple[list[Mention], list[Mention]]:
    theme_types = etype in ("SUPPORT", "DEPLOY")
    # A place stands for its state as the destination ("visited Vladivostok"), not for a host.
    places = etype in ("DEPLOY", "VISIT") and verb.lemma_ not in _HOST_VERBS
    if etype == "VISIT" and verb.lemma_ in _HOST_VERBS and not _children(verb, ["nsubjpass"]):
        # "Putin welcomed Kim to Moscow": the guest, not the place, is the other side.
        guests = [
            a
            for o in _children(verb, ["dobj"])
            for a in _actors(o, idx, base, modifiers=o.pos_ != "PROPN", places=False)
        ]
        return _subject(verb, idx, base), guests
    if etype == "SUPPORT" and verb.lemma_ in _RECEIVE_VERBS:
        givers = [
            a
            for h in (verb, *_children(verb, ["dobj"]))
            for p in _pobjs(h, ["from"])
            for a in _actors(p, idx, base, modifiers=True, places=False, capitals=True)
        ]
        if not givers:
            givers = [
                a
                for o in _children(verb, ["dobj"])
                if o.lower_ in _MATERIAL or o.lemma_ in _MATERIAL
                for c in o.children
                if c.dep_ in ("amod", "compound", "poss")
                for a in _actors(c, idx, base, modifiers=True, places=False)
            ]
        return givers, _subject(verb, idx, base)
    passive = _children(verb, ["nsubjpass"])
    if passive:
        targets = _actors(passive[0], idx, base, modifiers=True, places=places)
        if (
            etype == "DEPLOY"
            and not _children(verb, ["agent"])
            and passive[0].lemma_.lower() in _PERSONNEL
        ):
            # "About 40 North Korean pilots were sent to an air base in Russia’s Krasnodar
            # region": the personnel's state sends them to the destination's state.
            dests = [
                a
                for p in _pobjs(verb, _RECIPIENT_PREPS)
                for h in (p, *_pobjs(p, ["in"]))
                for a in _actors(h, idx, base, modifiers=True, places=True)
            ]
            own = {m.actor_id for m in targets}
            dests = [a for a in dests if a.actor_id not in own]
            if targets and dests:
                return targets, dests[:1]
        return _subject(verb, idx, base), targets
    sources = _subject(verb, idx, base)
    # "shipped shells to Russia", "signed pacts with NATO": the object's phrase names the
    # recipient; for "condemned Pyongyang’s transfers to Moscow" it does not.
    obj_preps = theme_types or etype in SYMMETRIC
    holders = [verb, *(_children(verb, ["dobj"]) if obj_preps else [])]
    if theme_types:
        # "a sale of aircraft parts to Taiwan": the recipient may hang on the object's "of".
        holders += [g for h in holders[1:] for g in _pobjs(h, ["of"])]
    targets = [
        a
        for h in holders
        for p in _pobjs(h, _RECIPIENT_PREPS)
        for a in _actors(p, idx, base, modifiers=True, places=places, capitals=True)
    ]
    if etype == "SANCTION" and verb.lemma_ == "add":
        targets = []  # "added … firms to the EU sanctions list": the list's owner is no target
    if not targets:
        # "provided the Philippine coast guard with vessels": with a "with", the object receives.
        recipient_obj = not theme_types or any(True for _ in _pobjs(verb, ["with"]))
        for o in _children(verb, ["dobj", "dative"]):
            if verb.lemma_ in _TOPIC_VERBS:
                break
            if o.lower_ in ("whom", "which", "that", "who") and verb.dep_ == "relcl":
                o = verb.head  # "soldiers whom Ukrainian troops captured": the noun modified
            # An indirect object receives: "handed the Philippine coast guard ten vessels".
            objs = _children(verb, ["dobj"])
            first_of_two = len(objs) == 2 and o.i == objs[0].i  # a double object parsed as two
            mods = recipient_obj or o.dep_ == "dative" or first_of_two
            targets.extend(_actors(o, idx, base, modifiers=mods, places=places))
    other = _OTHER_PREPS if etype != "SUPPORT" else ("with", "on", "at", "upon", "for")
    if not targets:
        targets = [
            a
            for h in holders
            for p in _pobjs(h, other + (("in", "through") if places else ()))
            for a in _actors(
                p, idx, base, modifiers=True, places=places, capitals=etype == "SUPPORT"
            )
        ]
    if not targets and etype in ("ATTACK", "THREATEN"):
        # "fired shells toward X’s islands", "fought alongside Y against Ukraine",
        # "threatened to retaliate against Manila": the phrase hangs one level lower.
        lower = [
            *_children(verb, ["dobj"]),
            *(g for p in _children(verb, ["prep"]) for g in _children(p, ["pobj"])),
            *(_children(verb, ["xcomp"]) if etype == "THREATEN" else []),
        ]
        targets = [
            a
            for h in lower
            for p in _pobjs(h, ("against", "toward", "towards", "at", "on", "upon"))
            for a in _actors(p, idx, base, modifiers=True, places=False)
        ]
    if not targets and etype == "ATTACK":
        # "Chinese ships rammed one of its patrol boats": "its" is the last other actor named
        # before in the sentence (here the coast guard's state).
        objs = [*_children(verb, ["dobj"])]
        objs += [g for o in objs for g in _pobjs(o, ["of"])]
        if any(c.dep_ == "poss" and c.lower_ in ("its", "their") for o in objs for c in o.children):
            own = {m.actor_id for m in sources}
            before = [
                m
                for m in idx.mentions
                if base + verb.sent.start_char <= m.start < base + verb.idx
                and m.actor_id not in own
                and m.actor_type != "person"
            ]
            targets = before[-1:]
    if not targets and etype in ("THREATEN", "SUPPORT"):
        # "warning that Tokyo would …", "helped Pyongyang improve …": the clause's subject.
        targets = [
            a
            for c in _children(verb, ["ccomp", "xcomp"])
            for n in _children(c, ["nsubj"])
            for a in _actors(n, idx, base, modifiers=False, places=False, capitals=True)
        ]
    if not targets and etype == "SUPPORT":
        # "pledged $22 million to help Manila", "pledged the equivalent of $100 million to train
        # and equip the Fijian police": the purpose's object (a state's forces by its modifier).
        purposes = [
            *_children(verb, ["xcomp", "advcl"]),
            *(a for o in _children(verb, ["dobj"]) for a in _children(o, ["acl", "relcl"])),
        ]
        purposes += [c for v in purposes for c in v.conjuncts]
        targets = [
            a
            for v in purposes
            if v.lemma_ in _PURPOSE_VERBS
            for o in [
                *_children(v, ["dobj"]),
                *(n for c in _children(v, ["ccomp", "xcomp"]) for n in _children(c, ["nsubj"])),
            ]
            for a in _actors(
                o, idx, base, modifiers=o.lemma_ in _FORCES, places=False, capitals=True
            )
        ]
    return sources, targets


def _noun_args(
    noun: Any, etype: str, idx: _Index, base: int
) -> tuple[list[Mention], list[Mention]]:
    places = etype in ("DEPLOY", "VISIT")
    # Possessor or demonym modifier ("Russia’s war", "Putin’s visit", "U.S. sanctions").
    cands = [c for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
    cands += [g for c in cands for g in c.conjuncts]
    possessive = [c for c in cands if c.dep_ == "poss" or any(g.dep_ == "case" for g in c.children)]
    sources: list[Mention] = []
    for c in possessive or cands:
        m = _tok_mention(c, idx, base)
        if m is not None and m not in sources:
            sources.append(m)
    target_preps: tuple[str, ...] = _RECIPIENT_PREPS + _OTHER_PREPS + ("between",)
    if etype == "ATTACK":
        target_preps += ("in", "of")
    targets = [
        a
        for p in _pobjs(noun, target_preps)
        for a in _actors(p, idx, base, modifiers=True, places=places)
    ]
    between = [
        a
        for p in _pobjs(noun, ["between"])
        for a in _actors(p, idx, base, modifiers=True, places=False)
    ]
    if etype in SYMMETRIC and not sources and len(between) >= 2:
        # "the talks between Russia and Ukraine": both sides, whoever governs the noun.
        sources, targets = between[1:], between[:1]
    if etype == "SUPPORT" and not targets:
        targets = [
            a
            for p in _pobjs(noun, ["for"])
            for a in _actors(p, idx, base, modifiers=True, places=False, capitals=True)
        ]
    if etype == "SUPPORT" and not targets and noun.dep_ == "pobj" and noun.head.lower_ == "in":
        # "has offered Hanoi $50 million in maritime aid": the amount's verb names the recipient.
        amount = noun.head.head
        if amount.dep_ == "dobj" and amount.head.pos_ == "VERB":
            targets = [
                a
                for p in _pobjs(amount.head, _RECIPIENT_PREPS)
                for a in _actors(p, idx, base, modifiers=True, places=False, capitals=True)
            ]
    if etype == "SUPPORT":
        sources = sources or [
            a
            for p in _pobjs(noun, ["of", "by", "from"])
            for a in _actors(p, idx, base, modifiers=True, places=False)
        ]
        head = noun.head
        if not targets and noun.dep_ == "pobj" and head.lower_ == "with" and head.head is not head:
            # "Russia’s war …, with the assistance of China": the war's agent is helped.
            targets = (
                _noun_args(head.head, "ATTACK", idx, base)[0] if head.head.pos_ == "NOUN" else []
            )
    head = noun.head
    if not sources and any(c.dep_ == "poss" and c.lower_ in _POSS_PRONOUNS for c in noun.children):
        # "Shoigu arrived in Pyongyang for his third visit": the governing verb's subject, and
        # (for a visit) its destination.
        tok = noun
        for _ in range(3):
            if tok.dep_ not in ("dobj", "pobj", "prep", "npadvmod") or tok.head is tok:
                break
            tok = tok.head
            if tok.pos_ == "VERB":
                sources = _subject(tok, idx, base)
                if not targets and places:
                    targets = [
                        a
                        for p in _pobjs(tok, (*_RECIPIENT_PREPS, "in"))
                        for a in _actors(p, idx, base, modifiers=True, places=True)
                    ]
                break
    if not sources and noun.dep_ in ("dobj", "nsubjpass") and head.lemma_ in _LIGHT_VERBS:
        sources = _subject(head, idx, base)
        if not targets:
            targets = [
                a
                for p in _pobjs(head, _RECIPIENT_PREPS + _OTHER_PREPS)
                for a in _actors(p, idx, base, modifiers=True, places=places)
            ]
    if not sources and targets and etype != "ATTACK":
        # "Seoul approved $24 million in assistance for …": the governing verb's subject (not
        # for an attack: "a resolution condemning the invasion of Ukraine" names no invader).
        tok = noun
        for _ in range(4):
            if tok.dep_ not in ("dobj", "pobj", "prep") or tok.head is tok:
                break
            tok = tok.head
            if tok.pos_ == "VERB":
                sources = _subject(tok, idx, base)
                break
    if (
        etype in SYMMETRIC
        and not sources
        and not targets
        and noun.dep_ == "pobj"
        and head.lower_ in ("after", "during", "following", "at")
        and head.head.pos_ == "VERB"
    ):
        # "Japanese and Mongolian officials said on Wednesday after talks": the speakers' states
        # held the talks.
        sources = _subject(head.head, idx, base)
    if etype in SYMMETRIC and not targets and len(sources) >= 2:
        sources, targets = sources[1:], sources[:1]
    return sources, targets


def _chain(tok: Any) -> Iterator[Any]:
    """``tok`` and the words it depends on, up through clauses (not across coordination)."""
    steps = 0
    yield tok
    while tok.head is not tok and steps < 6 and tok.dep_ in _CLIMB and tok.dep_ != "conj":
        tok = tok.head
        steps += 1
        yield tok


def _attributes(trigger: Any, light: Any | None) -> tuple[bool, bool]:
    """``(negated, hedged)`` from the trigger's dependents and the words it depends on."""
    negated = hedged = False
    neg_scope = True  # a negation counts on the trigger and on verbs it is the xcomp of
    prev = None
    for k, tok in enumerate(_chain(light if light is not None else trigger)):
        for c in tok.children:
            if c.dep_ == "neg" and neg_scope:
                negated = True
            if c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in _NOT_HEDGING_MODALS:
                hedged = True
            if c.dep_ == "mark" and c.lower_ in _HEDGE_MARKS:
                hedged = True
            if c.dep_ in ("advmod", "amod") and c.lower_ in _HEDGE_WORDS:
                hedged = True
        if k > 0:
            negated = negated or (neg_scope and tok.lemma_ in _NEG_GOVERNORS)
            if (
                neg_scope
                and tok.lemma_ == "rule"
                and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
            ):
                negated = hedged = True  # "ruled out sending weapons": not done, nor to come
            # "stopped short of accusing", "fell short of condemning"
            short = tok.lower_ == "short" and tok.head.lemma_ in ("stop", "fall")
            negated = negated or (neg_scope and short)
            hedged = hedged or tok.lemma_ in _HEDGE_GOVERNORS
            # "signed a deal to supply tanks": the supply is to come.
            # Not "the treaty that Putin and Kim signed": a relative clause tells what was done.
            hedged = hedged or (
                tok.pos_ == "NOUN"
                and tok.lemma_.lower() in _PROMISES
                # … nor a clause with its own subject: "the first deal since the two upgraded ties".
                and not (
                    prev is not None
                    and prev.dep_ in ("relcl", "advcl", "acl")
                    and _children(prev, ["nsubj"])
                )
            )
            # "has no plans to send", "no intention of joining": not done.
            if tok.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ == "no" for c in tok.children
            ):
                negated = True
            # "is reported to be negotiating", "is said to have sold": hearsay, no source named.
            hedged = hedged or (
                tok.lemma_ in _HEARSAY and any(c.dep_ == "auxpass" for c in tok.children)
            )
        prev = tok
        # Negation reaches through "refused to X", "refrained from X-ing", "short of X-ing".
        neg_scope = neg_scope and (
            tok.dep_ in ("xcomp", "pcomp")
            or (tok.dep_ == "prep" and tok.lower_ == "from")
            or (tok.dep_ == "prep" and tok.lower_ == "of" and tok.head.lower_ == "short")
        )
    for c in trigger.children:
        if c.dep_ == "amod" and c.lower_ in _HEDGE_WORDS:
            hedged = True
    obj = _children(light if light is not None else trigger, ["dobj"])
    if any(c.dep_ == "amod" and c.lower_ in _ESTIMATED for o in obj for c in o.children):
        hedged = True  # "paid Pyongyang an estimated $2 billion"
    if any(d.dep_ == "det" and d.lower_ == "no" for o in obj for d in o.children):
        negated = True
    if any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
        negated = True
    subj = _children(trigger, ["nsubjpass"])
    if any(d.dep_ == "det" and d.lower_ == "no" for o in subj for d in o.children):
        negated = True  # "no deal has been signed"
    head = trigger.head
    if (
        trigger.pos_ == "NOUN"
        and trigger.dep_ == "dobj"
        and head.lemma_ in _JOIN_VERBS
        and any(c.dep_ == "neg" for c in head.children)
    ):
        negated = True  # "has never joined Western sanctions"
    return negated, hedged


#: Verbs of driving forces out or back ("drove the Ukrainian forces out of Kursk").
_EXPEL_VERBS = frozenset(["drive", "push", "force", "chase", "expel", "repel", "repulse", "rout"])
_COMBATANTS = frozenset(
    ["force", "troop", "soldier", "unit", "army", "fighter", "defender", "battalion", "brigade"]
)
#: Seized things that are neither territory nor combatants (ANNOTATION.md's ATTACK).
_CIVIL_THINGS = frozenset(
    [
        "boat",
        "vessel",
        "ship",
        "tanker",
        "trawler",
        "cargo",
        "shipment",
        "asset",
        "property",
        "crew",
    ]
)


#: Verbs of taking part in a measure: their negation negates it ("never joined sanctions").
_JOIN_VERBS = frozenset(["join", "enforce", "adopt", "implement", "apply", "observe"])


def _trigger_type(tok: Any) -> str | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB")):
        if lemma == "warn" and not any(
            c.dep_ == "ccomp" or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children
        ):
            return None  # "warn of consequences": a warning against tests is not a threat
        clauses = [c for c in tok.children if c.dep_ == "ccomp"]
        if (
            lemma == "warn"
            and clauses
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
            and all(
                c.lemma_ == "be" and any(g.dep_ in ("attr", "acomp") for g in c.children)
                for c in clauses
            )
        ):
            # "warned Seoul that joining would be “a grave provocation”": a judgement of the
            # act, no consequence threatened (held-out gold); "… would be treated as …" is one.
            return None
        if lemma == "show" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
            # "Kim showed up in Moscow"; not "Russian help to show up in its programme".
            subj = _children(tok, ["nsubj"])
            return "VISIT" if not subj or subj[0].pos_ in ("PROPN", "PRON") else None
        if lemma == "send":
            # the object, or a passive's subject ("40 pilots were sent to …")
            sent = [t for o in _children(tok, ["dobj", "nsubjpass"]) for t in o.subtree]
            if any(t.lemma_.lower() in _PERSONNEL for t in sent):
                return "DEPLOY"
            mods = [c for o in _children(tok, ["dobj"]) for c in o.children if c.dep_ == "amod"]
            if any(c.lower_ in ("military", "army", "naval") for c in mods):
                return "DEPLOY"  # "military observers", "naval advisers": personnel
            # Goods are support; "sent an observer/envoy/letter/signal" is neither.
            heads = [o.lemma_.lower() for o in _children(tok, ["dobj"])]
            return None if any(h in _NOT_SENT_GOODS for h in heads) else "SUPPORT"
        if lemma in ("reach", "strike", "forge", "clinch", "finalise", "finalize", "broker"):
            objs = _children(tok, ["dobj", "nsubjpass"])
            if any(o.lemma_.lower() in _AGREEMENTS for o in objs):
                return "AGREE"  # "struck a deal with", "reached an agreement with"
            if lemma != "strike":
                return None
        if lemma in _RECEIVE_VERBS:
            # "Russia bought shells from North Korea": the seller supports the buyer.
            holders = [tok, *_children(tok, ["dobj"])]
            if any(True for h in holders for _ in _pobjs(h, ["from"])):
                return "SUPPORT"
            goods = [o for o in holders[1:] if o.lower_ in _MATERIAL or o.lemma_ in _MATERIAL]
            if any(c.dep_ in ("amod", "compound", "poss") for o in goods for c in o.children):
                return "SUPPORT"  # "received North Korean shells": the maker supplies
            return "VISIT" if lemma == "receive" and _hosts_someone(tok) else None
        if lemma in ("seize", "capture", "board", "impound", "detain") and any(
            o.lemma_.lower() in _CIVIL_THINGS for o in _children(tok, ["dobj"])
        ):
            return None  # "seized a fishing boat": no territory or combatants taken
        if lemma in _HOST_VERBS and not _hosts_someone(tok):
            return None  # "welcomed South Korea’s decision" is no meeting
        if lemma in _EXPEL_VERBS:
            # "drove the last Ukrainian forces out of the region": armed force on combatants.
            objs = [o for o in _children(tok, ["dobj"])]
            military = any(o.lemma_.lower() in _COMBATANTS for o in objs)
            out = lemma in ("expel", "repel", "repulse", "rout") or any(
                c.lower_ in ("out", "back")
                for c in tok.children
                if c.dep_ in ("prt", "prep", "advmod")
            )
            return "ATTACK" if military and out else None
        if lemma == "launch":
            objs = [t for o in _children(tok, ["dobj"]) for t in (o, *o.conjuncts)]
            return "ATTACK" if any(o.lemma_.lower() in _PROJECTILES for o in objs) else None
        if lemma in ("approve", "earmark", "allocate", "commit", "authorise", "authorize"):
            # "approved a $330 million sale", "earmarked $1 billion in military financing":
            # money or goods granted are support; "approved the treaty" is an agreement.
            given = [t for o in _children(tok, ["dobj"]) for t in o.subtree]
            if any(t.lemma_.lower() in ("aid", "assistance", "support") for t in given):
                return None  # "approved $24 million in assistance": the noun is the trigger
            granted = any(
                t.lower_ in _MATERIAL or t.lemma_.lower() in _GRANTS or t.text in ("$", "€")
                for t in given
            )
            if granted:
                return "SUPPORT"
            return "AGREE" if lemma == "approve" else None
        if lemma == "add" and any(
            g.lemma_.lower() in _LISTS
            for p in _children(tok, ["prep"])
            if p.lower_ == "to"
            for g in p.children
        ):
            return "SANCTION"  # "added eleven Japanese contractors to its export-control list"
        if lemma in ("give", "pay", "hand", "contribute"):
            # "gave the Philippines $500 million", "contribute $300 million for demining":
            # giving material, not a speech, a chance or an opinion.
            given = [t for o in _children(tok, ["dobj"]) for t in o.subtree]
            material = any(t.lower_ in _MATERIAL or t.text == "$" for t in given)
            return "SUPPORT" if material else None
        return VERB_TRIGGERS.get(lemma)
    if tok.pos_ in ("NOUN", "PROPN"):
        return NOUN_TRIGGERS.get(lemma)
    return None


def _purpose_of(verb: Any, etype: str) -> bool:
    """Whether ``verb`` states the purpose of a trigger of the same type.

    "pledged $22 million to help Manila", "pledged the equivalent of $100 million to train and
    equip the Fijian police": one event, at the pledge.
    """
    tok = verb
    if tok.dep_ == "conj" and tok.head.lemma_ in _PURPOSE_VERBS:
        tok = tok.head
    head = tok.head
    if tok.dep_ in ("xcomp", "advcl"):
        return _trigger_type(head) == etype
    if tok.dep_ in ("acl", "relcl") and head.dep_ == "dobj":
        return _trigger_type(head.head) == etype
    return False


def _governed_by_trigger_verb(noun: Any, etype: str) -> bool:
    """Whether ``noun`` is the object of a trigger verb of the same type (``supplied … aid``).

    A noun of another type under a trigger verb is its own event: ``condemned … transfers``.
    """
    tok = noun
    for _ in range(3):
        if tok.dep_ not in ("dobj", "pobj", "prep", "dative", "attr") or tok.head is tok:
            return False
        if tok.dep_ == "prep" and tok.lower_ in ("for", "after", "before", "during"):
            return False  # "arrived … for his third visit": the visit is its own mention
        tok = tok.head
        if tok.pos_ == "VERB" and _trigger_type(tok) is not None:
            return _trigger_type(tok) == etype
    return False


def events_from_doc(
    doc: Any, mentions: list[Mention], gaz: Gazetteer | None = None, base: int = 0
) -> list[Event]:
    """Events in one parsed text (``doc``); ``base`` is the doc's offset in the whole text.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A parse with tags, lemmas and dependencies.
    mentions : list of Mention
        Actor mentions of the whole text (offsets into the whole text).
    gaz : Gazetteer, optional
        For places standing for their state as DEPLOY/VISIT targets (``visited Vladivostok``).
    base : int
        Offset of ``doc.text`` in the whole text.

    Returns
    -------
    list of Event
        One event per (trigger, source, target), sorted by trigger position.
    """
    idx = _Index(mentions, gaz)
    out: list[Event] = []
    events: list[tuple[Any, Event]] = []  # (trigger token, event) of this doc
    for tok in doc:
        etype = _trigger_type(tok)
        if etype is None:
            continue
        is_noun = tok.pos_ in ("NOUN", "PROPN")
        light = None
        if not is_noun and tok.lemma_ in _PURPOSE_VERBS and _purpose_of(tok, etype):
            continue  # "pledged $22 million to help Manila …": one event, at "pledged"
        if not is_noun and tok.lemma_ in _RECEIVE_VERBS and _purpose_of(tok, "SUPPORT"):
            continue  # "will lend Poland €1 billion to buy shells from Seoul": the loan's use
        if is_noun:
            head = tok.head
            # "supplied … aid", "provide assistance": the verb is the trigger, not the noun.
            if _governed_by_trigger_verb(tok, etype):
                continue
            if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_ in _LIGHT_VERBS:
                light = head
            sources, targets = _noun_args(tok, etype, idx, base)
        else:
            sources, targets = _verb_args(tok, etype, idx, base)
            if etype in SYMMETRIC and not targets and len(sources) == 1 and _plural_pronoun(tok):
                # "Kim welcomed Putin. They signed a pact": the last two actors of that kind.
                pair = idx.previous(base + tok.idx, 2, sources[0].actor_type == "person")
                if sources[0].actor_id in {m.actor_id for m in pair}:
                    sources = pair
            if etype in SYMMETRIC and not targets and len(sources) >= 2:
                sources, targets = sources[1:], sources[:1]
        sources = [m for m in sources if m.surface.lower() not in _PRONOUNS]
        if not sources and not targets and not is_noun and etype in SYMMETRIC:
            sources, targets = _inherited_pair(tok, events, idx)
        if sources and not targets and not is_noun:
            targets = _inherited_targets(tok, etype, sources, events, idx, base)
        if not sources or not targets:
            continue
        if (
            is_noun
            and etype == "VISIT"
            and any(m.actor_type == "org" for m in (*sources, *targets))
        ):
            continue  # "NATO leaders closed their summit in Ankara": a multilateral event
        negated, hedged = _attributes(tok, light)
        trig = tok
        if is_noun and etype == "SUPPORT" and tok.dep_ == "pobj":
            # "announced another $50 million in military aid for Kyiv": the announcing verb,
            # whose object is the amount, heads the event.
            amount = tok.head.head
            if amount.dep_ == "dobj" and amount.head.lemma_ in _ANNOUNCE_VERBS:
                trig = amount.head
        start = base + trig.idx
        seen: set[tuple[str, str]] = set()
        for s in sources:
            for t in targets:
                key = (s.actor_id, t.actor_id)
                if s.actor_id == t.actor_id or key in seen:
                    continue
                seen.add(key)
                ev = Event(
                    etype,
                    s.actor_id,
                    t.actor_id,
                    start,
                    start + len(trig),
                    trig.text,
                    negated,
                    hedged,
                )
                out.append(ev)
                events.append((tok, ev))
    return sorted(out, key=lambda e: e.start)


def _inherited_pair(
    verb: Any, events: list[tuple[Any, Event]], idx: _Index
) -> tuple[list[Mention], list[Mention]]:
    """Both sides of a symmetric act named by no actor, from the sentence's last symmetric event.

    "Ahn signed the contract with his Polish counterpart, and the two men agreed to …" (the two
    are the signing sides); "… held talks in Beijing, but no deal has been signed" (an agreement
    without an agent, between the sides of the talks).
    """
    subj = _children(verb, ["nsubj"])
    passive = _children(verb, ["nsubjpass"])
    group = bool(subj) and (
        _group_size(subj[0]) == 2 or subj[0].lower_ == "both" or subj[0].lemma_ == "side"
    )
    deal = (
        bool(passive)
        and not subj
        and passive[0].lemma_.lower() in _AGREEMENTS
        and not _children(verb, ["agent"])
    )
    if not (group or deal):
        return [], []
    # "both countries", "the two governments": a person side stands for the state of an office.
    states = bool(subj) and subj[0].lemma_.lower() in _GROUP_STATES
    for tok, ev in reversed(events):
        if tok.sent == verb.sent and tok.i < verb.i and ev.type in SYMMETRIC:
            ids = [ev.source, ev.target]
            if states:
                ids = [
                    (idx.office_state(a) or a)
                    if idx.gaz and idx.gaz.actor_type(a) == "person"
                    else a
                    for a in ids
                ]
            if ids[0] == ids[1]:
                return [], []
            sides = [
                Mention(
                    ev.start,
                    ev.end,
                    ev.trigger,
                    a,
                    idx.gaz.actor_type(a) if idx.gaz is not None else "state",
                )
                for a in ids
            ]
            return sides[:1], sides[1:]
    return [], []


#: Verbs announcing a grant whose amount is their object ("announced $50 million in aid").
_ANNOUNCE_VERBS = frozenset(["announce", "unveil"])


def _inherited_targets(
    verb: Any,
    etype: str,
    sources: list[Mention],
    events: list[tuple[Any, Event]],
    idx: _Index,
    base: int,
) -> list[Mention]:
    """Target of a verb that names none, from its own sentence.

    "Moscow paid Minsk $1 billion and is believed to have transferred radars": an earlier event
    of the sentence with the same source and type (symmetric types count as one) lends its
    target. "Pyongyang pulled units out of Kursk and sent fresh troops": a deployment takes the
    place of a coordinated verb.
    """
    if etype not in ("SUPPORT", "DEPLOY") and etype not in SYMMETRIC:
        return []
    if etype in ("SUPPORT", "DEPLOY"):
        # Only a transfer of something named ("transferred radars"), to no one named: not
        # "helping with launches", not "sent Congress a package".
        if not _children(verb, ["dobj"]) or _children(verb, ["dative"]):
            return []
        if any(True for _ in _pobjs(verb, _RECIPIENT_PREPS)):
            return []
    if etype in SYMMETRIC and _children(verb, ["xcomp"]):
        return []  # "held talks with China and agreed to raise its own budget": its own course
    own = {m.actor_id for m in sources}
    sent = verb.sent
    for tok, ev in reversed(events):
        if tok.sent != sent or tok.i >= verb.i or ev.source not in own:
            continue
        if ev.type == etype or (etype in SYMMETRIC and ev.type in SYMMETRIC):
            target = Mention(ev.start, ev.end, ev.trigger, ev.target, "state")
            return [target]
    if etype != "DEPLOY":
        return []
    linked = [verb.head] if verb.dep_ == "conj" else []
    linked += [c for v in list(linked) for c in _children(v, ["xcomp"])]
    for v in linked:
        for h in (v, *_children(v, ["dobj"])):
            for p in _children(h, ["prep"]):
                # "in Kursk", "into Russia", "from Kursk", "out of Russia’s Kursk region".
                inner = [p, *(g for g in p.children if g.dep_ == "prep" and p.lower_ == "out")]
                for q in inner:
                    if q.lower_ not in ("in", "into", "of", "from") or (
                        q is p and q.lower_ == "of"
                    ):
                        continue
                    for o in _children(q, ["pobj"]):
                        found = _actors(o, idx, base, modifiers=True, places=True)
                        if found:
                            return found
    return []


def parse_spans(text: str, max_chars: int = 100_000) -> list[tuple[int, int]]:
    """Paragraph spans of ``text`` to parse separately (long paragraphs cut at whitespace)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        while end - pos > max_chars:
            cut = text.rfind(" ", pos, pos + max_chars)
            cut = cut if cut > pos else pos + max_chars
            spans.append((pos, cut))
            pos = cut
        if text[pos:end].strip():
            spans.append((pos, end))
        pos = end + 1
    return spans


def spans_to_parse(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Paragraph spans holding at least one actor mention (the others cannot yield events)."""
    starts = [m.start for m in mentions]
    return [
        (s, e)
        for s, e in parse_spans(text)
        if bisect.bisect_left(starts, e) > bisect.bisect_left(starts, s)
    ]


#: A dateline opening a paragraph ("SEOUL — "): the parse would take the city for the subject.
_DATELINE = re.compile(r"[A-Z][A-Z .,'’-]{1,40}\s+[—–-]{1,2}\s+(?=[A-Z“\"])")


def _after_dateline(text: str, s: int, e: int) -> tuple[int, int]:
    """The paragraph span ``s:e`` without a leading dateline."""
    m = _DATELINE.match(text, s, e)
    return (m.end(), e) if m else (s, e)


def find_events_parsed(
    text: str, mentions: list[Mention], nlp: Any, gaz: Gazetteer | None = None
) -> list[Event]:
    """Parse ``text`` paragraph by paragraph with ``nlp`` and extract events from the parse.

    Offsets index ``text`` exactly as given (CRLF included); paragraphs without an actor mention
    are not parsed at all.
    """
    spans = [_after_dateline(text, s, e) for s, e in spans_to_parse(text, mentions)]
    out: list[Event] = []
    for (s, _e), doc in zip(spans, nlp.pipe(text[s:e] for s, e in spans), strict=True):
        out.extend(events_from_doc(doc, mentions, gaz, s))
    return sorted(out, key=lambda ev: ev.start)
