"""Actor mentions: gazetteer names, demonyms, capitals standing for governments, and persons."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from foedus.reading.gazetteer import Gazetteer

# A capital after one of these words is a place ("talks in Pyongyang"), not the government.
_PLACE_PREPS = frozenset(
    [
        "in",
        "at",
        "to",
        "from",
        "into",
        "near",
        "around",
        "outside",
        "across",
        "visited",
        "visiting",
        "visit",
        "arrived",
        "toured",
    ]
)
_TITLES = frozenset(
    [
        "President",
        "Minister",
        "Professor",
        "Prof.",
        "Dr.",
        "chief",
        "leader",
        "Leader",
        "Fellow",
        "Secretary",
        "Ambassador",
        "General",
        "Gen.",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "analyst",
        "researcher",
        "envoy",
        "director",
        "Director",
        "Senator",
        "Chairman",
        "chairman",
        "Premier",
        "Prime",
        "Admiral",
        "Commander",
        "commander",
        "By",
        "minister",
        "secretary",
        "counterpart",
        "president",
        "ambassador",
        "Defense",
        "Defence",
        "Foreign",
        "Deputy",
        "Vice",
        "State",
        # Offices written in capitals: "Chief Cabinet Secretary Minoru Kihara".
        "Chief",
        "Cabinet",
        "Senior",
        "Special",
        "National",
        "Security",
        "Adviser",
        "Advisor",
        "Trade",
        "Finance",
        "Interior",
        "Unification",
        "Governor",
        "Chancellor",
        "Envoy",
        "Representative",
        # Ranks and honorifics: "Major Taras Bondar" → taras_bondar.
        "Major",
        "Maj.",
        "Colonel",
        "Col.",
        "Lieutenant",
        "Lt.",
        "Captain",
        "Capt.",
        "Sergeant",
        "Sgt.",
        "Corporal",
        "Brigadier",
        "Marshal",
        "Lt",
        "Dr",
        "Mr",
        "Mr.",
        "Mrs",
        "Mrs.",
        "Ms",
        "Ms.",
    ]
)
# Latin letters with diacritics count ("Halász", "Łukasz"): upper A–Z, À–Þ; lower a–z, ß–ÿ, Ā–ſ.
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿĀ-ſ"
_NAME_TOKEN = rf"[{_UP}][{_LOW}]+(?:-[{_UP}{_LOW}][{_LOW}]+)?"
#: Last words of institutions, not persons ("National Intelligence Service").
_ORG_WORDS = frozenset(
    (
        "Service",
        "Institute",
        "Ministry",
        "Agency",
        "Council",
        "Department",
        "University",
        "Centre",
        "Center",
        "Committee",
        "Office",
        "Party",
        "Assembly",
        "Command",
        "Bank",
        "News",
        "Foundation",
        "Academy",
        "School",
        "College",
        "Forum",
        "Studies",
        "Programme",
        "Program",
        "Society",
        "Group",
        "Association",
        "Commission",
        "Company",
        "Corporation",
        "Affairs",
        "Relations",
        "Security",
        "Policy",
        "Strategy",
        "Research",
        "Logistics",
        "Shipping",
        "Trading",
        "Holdings",
        "Industries",
        "Airlines",
        "Lines",
        "Railways",
        "Bureau",
        "Times",
        "Sea",
        "Ocean",
        "Strait",
        "Gulf",
        "Peninsula",
        "Island",
        "Islands",
        "River",
        "Mountains",
        "Shoal",
        "Post",
        "Guard",
        "Monitor",
        "Review",
        "Watch",
        "Initiative",
        "Project",
        "Network",
        "Fund",
        "Trust",
        "Observatory",
        "Journal",
        "Herald",
        "Daily",
    )
)
_FLOW_BEFORE = re.compile(
    r"\b(?:sent|sends|send|sending|ship|shipped|ships|shipping|sell|supplied|supplies|supplying|"
    r"deliver|supply|provide|give|lend|lent|donate|donated|handed|"
    r"delivered|delivers|delivering|transfer|transfers|transferred|provided|provides|pledged|"
    r"pledges|gave|gives|sold|sells|exported|exports|aid|assistance|support|sale|sales|"
    r"shipment|shipments|delivery|deliveries|contribute|contributes|contributed|committed|"
    r"commits|paid|pays)\b[^.;:!?,\n]*$"
)
_ACCORDING = re.compile(r"(?i:according)\s+to\s*$")
#: A state's name, demonym or capital at the start of an institution's proper name
#: ("Stockholm Centre for …", "Norwegian Institute of …") is not a mention of the state.
_INSTITUTION_AFTER = re.compile(
    r"(?:\s+[A-Z][\w’'-]*){0,3}?\s+(?:" + "|".join(sorted(_ORG_WORDS)) + r")\b"
)
#: Domestic organs (coded to their state): "China Coast Guard", "Russian Defence Ministry".
_ORGAN_AFTER = re.compile(
    r"(?:\s+[A-Z][\w’'-]*){0,2}?\s+(?:Guard|Ministry|Navy|Army|Command|Agency|Forces|Office)\b"
)
#: A seat of government after "at/in/inside … the" is a place ("talks at the Kremlin").
_SEAT_AS_PLACE = re.compile(r"\b(?:at|in|inside|outside|near|visited|toured)\s+the\s+$")
#: "the U.S. State Department": both annotations read the state's name as a mention here.
_DEPARTMENT_AFTER = re.compile(r"\s+(?:State|Defen[cs]e|Treasury|Commerce|Justice) Department\b")
#: Organs of the EU: no mention of it, but what they do or say is the EU's.
_EU_ORGANS = re.compile(r"\bEuropean (?:Commission|Council|Parliament|External Action Service)\b")
#: National news agencies speak for their state ("KCNA said" → PRK, "TASS quoted the ministry"
#: → RUS, "Yonhap called the deliveries …" → KOR), like a ministry; they are organs, not
#: mentions. Private or cooperative agencies (Kyodo, Reuters) are not coded.
STATE_AGENCIES = {
    "KCNA": "PRK",
    "Korean Central News Agency": "PRK",
    "Rodong Sinmun": "PRK",
    "Xinhua": "CHN",
    "TASS": "RUS",
    "RIA Novosti": "RUS",
    "Yonhap": "KOR",
}
_STATE_AGENCY_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, STATE_AGENCIES)) + r")\b")
#: A capitalised word or "U.S." before a hyphen: the second member of a pair of names.
#: A currency named by its state ("100 million Australian dollars", "South Korean won").
_CURRENCY_AFTER = re.compile(
    r"\s+(?:dollars?|yuan|renminbi|yen|roubles?|rubles?|rupees?|pesos?|hryvnias?|pounds?"
    r"|francs?|krona|kronor|kroner|zloty|ringgit|baht|rupiah|dong)\b"
)
#: The state owning a domestic body named like an organisation ("Russia’s Security Council",
#: "the Russian Security Council"): that body is an organ, not the organisation.
_OWNER_BEFORE = re.compile(r"(?:’s|'s)\s+$")
_DOMESTIC_NAMES = frozenset(["Security Council"])
_PAIR_BEFORE = re.compile(r"(?:\b[A-Z][\w’'.]*|U\.S\.)-$")
_INSTITUTION_BEFORE = re.compile(
    r"\b(?:University|Institute|Bank|Academy|College|Museum|School|Embassy|Ministry|"
    r"Department) (?:of|for) (?:the )?$"
)
_SPEECH_AFTER = (
    r"(?:said|says|added|argued|argues|told|wrote|writes|noted|notes|warned|warns|asserted|"
    r"believed|believes|feared|fears|agreed|explained|stressed|cautioned)"
)
_PERSON_RE = re.compile(
    rf"(?<![\w\-])({_NAME_TOKEN}(?: {_NAME_TOKEN}){{1,4}}(?: Jr\.| Sr\.)?)(?![\w\-])"
)
_STOP = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "But",
        "And",
        "Of",
        "To",
        "If",
        "While",
        "With",
        "After",
        "Before",
        "Unlike",
        "Given",
        "Even",
        "So",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "Its",
        "Beyond",
        "By",
        "Relations",
        "Cold",
        "War",
        "Political",
        "Science",
        "School",
        "Center",
        "Scholars",
        "International",
        "Summit",
        "Security",
        "East",
        "West",
        "North",
        "South",
        "Asian",
        "European",
        # sentence openers that join a name's capitalised run ("When Maxim Ryzhenkov …")
        "When",
        "Whether",
        "Although",
        "Though",
        "Since",
        "As",
        "Asked",
        "Then",
        "Yet",
        "Still",
        "Now",
        "Last",
        "Next",
        "Both",
        "Once",
        "Until",
        "During",
        "Despite",
        "Under",
        "From",
        "Across",
        "Against",
        "Without",
        "Among",
        "Meanwhile",
        "However",
        "Instead",
    ]
)


@dataclass(frozen=True)
class Mention:
    """One actor mention: half-open character span, surface and actor id."""

    start: int
    end: int
    surface: str
    actor_id: str
    actor_type: str


#: Words before "from/at/to <capital>" that make the capital the government, not a place:
#: "requests from Kyiv", "comes from Pyongyang", "aimed at Tokyo", "a line open to Moscow".
_GOVERNMENT_BEFORE = {
    "from": frozenset(
        re.findall(
            r"\w+",
            "request requests message messages pressure demand demands warning warnings signal "
            "view views reaction reactions "
            "signals statement response objection objections protest protests criticism comes "
            "come came coming orders approval permission help support aid assistance invitation "
            "offer threat threats backing funding money",
        )
    ),
    "at": frozenset(
        re.findall(
            r"\w+",
            "aimed aim aiming directed targeted pointed angry anger swipe jab only also squarely "
            "largely mainly partly fired lashed",
        )
    ),
    "to": frozenset(
        re.findall(
            r"\w+",
            "open closer overture overtures appeal appealed message letter signal loyal ties line "
            "lines deliver supply provide give hand handed lend lent donate donated sell",
        )
    ),
}


def _government_after(text: str, start: int, prep: str) -> bool:
    """Whether a capital after ``prep`` stands for its government (see _GOVERNMENT_BEFORE)."""
    words = _GOVERNMENT_BEFORE.get(prep)
    if words is None:
        return False
    m = re.search(r"(\w+)\s+\w+\s*$", text[max(0, start - 40) : start])
    return m is not None and m.group(1).lower() in words


def _owned_by_state(text: str, start: int, gaz: Gazetteer) -> bool:
    """Whether a state's possessive or demonym comes right before ``start``."""
    before = text[max(0, start - 40) : start]
    own = _OWNER_BEFORE.search(before)
    if own is not None:
        before = before[: own.start()]
    elif not before.endswith(" "):
        return False
    m = re.search(r"((?:[A-Z][\w.]*\s)?[A-Z][\w.]*)\s*$", before)
    if m is None:
        return False
    for cand in (m.group(1), m.group(1).split()[-1]):
        e = gaz.lookup(cand)
        if e is not None and e.actor_type == "state" and (own or e.kind == "demonym"):
            return True
    return False


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"(\S+)\s*$", text[max(0, start - 30) : start])
    return m.group(1).strip(',;:()“”"') if m else ""


#: First words that make a capitalised pair a place or a thing, not a given name.
_NOT_GIVEN = frozenset(
    [
        "Western",
        "Eastern",
        "Northern",
        "Southern",
        "Central",
        "Every",
        "Comprehensive",
        "Strategic",
        "Council",
        "General",
        "Joint",
        "Federal",
        "National",
        "Supreme",
        "Grand",
        "Great",
        "New",
        "Old",
        "Upper",
        "Lower",
    ]
)
#: A title, perhaps with its post, right before a name set off by a comma.
_TITLE_BEFORE = re.compile(
    r"\b(?:ambassador|minister|secretary|spokesman|spokeswoman|spokesperson|envoy|chief|"
    r"adviser|advisor|president|chancellor|commander|director|analyst|researcher)"
    r"(?:\s+(?:in|to|at|for)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)?,\s+$"
)
#: A finite verb after a bare surname ("Lukashenko told", "Lukashenko, for his part, says").
_SUBJECT_VERB = (
    r"(?:has|had|is|was|will|would|did|does|says|said|told|tells|added|adds|argued|argues|"
    r"wrote|writes|warned|warns|insisted|insists|noted|notes|believes|believed|thinks|thought|"
    r"met|visited|called|described|declined|refused|replied|agreed)\b"
)


_ACTING = re.compile(rf"(?<![\w-])({_NAME_TOKEN})(?:,\s[^,“”]{{1,100}},)?\s+{_SUBJECT_VERB}")


def _person_candidates(text: str, gaz: Gazetteer) -> dict[str, str]:
    """Full names introduced in the text (not in the gazetteer) → person id."""
    found: dict[str, str] = {}
    # Capitalised words acting as a subject ("Lukashenko told"), read once for the whole text.
    acting: dict[str, list[int]] = {}
    for a in _ACTING.finditer(text):
        acting.setdefault(a.group(1), []).append(a.start())
    for m in _PERSON_RE.finditer(text):
        name = m.group(1)
        if name.endswith((" Jr", " Sr")) and text.startswith(".", m.end()):
            name += "."  # "Ferdinand Marcos Jr."
        tokens = name.split()
        start = m.start()
        while tokens and (
            tokens[0] in _TITLES
            or tokens[0] in _STOP
            # "Korean President Lee Jae-myung": a word before a title belongs to the title
            or (len(tokens) > 2 and tokens[1] in _TITLES)
        ):
            # "President Lee Jae-myung", "For Farah Idris, …": a title or a sentence's opening
            # word is not part of the name.
            start += len(tokens[0]) + 1
            tokens = tokens[1:]
        # Up to four tokens: "Le Thi Thu Ha" (Vietnamese names often have four).
        if not 2 <= len(tokens) <= 4 + (tokens[-1] in ("Jr.", "Sr.")):
            continue
        name = " ".join(tokens)
        if any(t in _STOP for t in tokens) or any(gaz.lookup(t) for t in tokens):
            continue
        if tokens[-1] in _ORG_WORDS or _is_headline(text, start):
            continue
        if gaz.lookup(name) is not None:
            continue
        after = text[m.end() : m.end() + 40]
        before = _prev_word(text, start)
        cue = (
            before in _TITLES
            or re.match(r",\s+(?:(?:a|an|the|who|whose) \w|[A-Z])", after) is not None
            or re.match(rf",?\s+{_SPEECH_AFTER}\b", after) is not None
            or re.search(r"(?i:said|according to)\s*$", text[max(0, start - 15) : start])
            is not None
            # "Jung Min-ho of the Korea Institute …", "Oleksandr Hrytsenko has learned …"
            or (
                # (not inside an institution's name: "Institute for Peace Economics called")
                before.lower() not in ("for", "of", "the", "and")
                and re.match(rf"\s+of\s+the\s+[A-Z]|\s+{_SUBJECT_VERB}", after) is not None
            )
            # "Russia’s ambassador in Seoul, Georgy Zinoviev, …": a title in apposition before
            or _TITLE_BEFORE.search(text, max(0, start - 60), start) is not None
        )
        # No title, apposition or verb of saying: a name whose surname recurs on its own
        # ("Alexander Lukashenko has never …", later "Lukashenko told …") is a person too.
        # The surname must then act as a subject: a verb follows it, perhaps after an aside.
        surname = tokens[-1]
        recurs = tokens[0] not in _NOT_GIVEN and any(
            at != start + len(name) - len(surname) for at in acting.get(surname, ())
        )
        if cue or recurs:
            found.setdefault(name, person_id(name))
    return found


_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "Ae"}
)


def person_id(name: str) -> str:
    """``firstname_lastname`` in snake case, diacritics folded (``Viktor Halász`` → viktor_halasz).

    Examples
    --------
    >>> person_id("Jun-ho Baek"), person_id("Viktor Halász"), person_id("Radosław Sikorski")
    ('jun_ho_baek', 'viktor_halasz', 'radoslaw_sikorski')
    """
    # Letters NFKD does not decompose ("Radosław" → radoslaw, "Søren" → soren).
    name = name.translate(_UNDECOMPOSED)
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")


def _surnames(name: str) -> list[str]:
    """Surnames a full name may be cited by: the last token, and the first one of a name in
    East Asian order whose given name is hyphenated ("Yoon Hae-jin" → Yoon, Hae-jin)."""
    tokens = [t for t in name.split() if t not in ("Jr.", "Sr.")]
    out = [tokens[-1]]
    if len(tokens) == 2 and (
        re.fullmatch(rf"[{_UP}][{_LOW}]+-[{_LOW}]+", tokens[1]) or tokens[0] in _FAMILY_FIRST
    ):
        out.append(tokens[0])
    return out


#: Common Chinese, Korean and Vietnamese family names, written first ("Xu Hang" → Xu).
_FAMILY_FIRST = frozenset(
    re.findall(
        r"\w+",
        "Xu Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu Sun Ma Hu Guo He Lin Gao Luo Zheng "
        "Liang Xie Tang Cao Deng Feng Dong Yu Pan Jiang Cai Lu Wei Xue Ye Du Dai Fu Fang Shen "
        "Lee Park Choi Jung Kang Cho Yoon Jang Lim Shin Han Oh Seo Kwon Hwang Ahn Song Yoo Hong "
        "Moon Yang Baek Nam Nguyen Tran Le Pham Hoang Vu Dang Bui Do Ho Ngo Duong Ly",
    )
)


def _nearest_named(pids: list[str], full_starts: dict[str, list[int]], pos: int) -> str:
    """The person a bare surname at ``pos`` stands for: the one whose full name was written
    last before it, else the first candidate (persons of the text before the gazetteer's)."""
    best, best_pos = pids[0], -1
    for pid in pids:
        starts = full_starts.get(pid, [])  # sorted
        k = bisect.bisect_left(starts, pos)
        if k and starts[k - 1] > best_pos:
            best, best_pos = pid, starts[k - 1]
    return best


def _is_headline(text: str, pos: int) -> bool:
    """Whether ``pos`` lies on a line without sentence punctuation (a title or byline)."""
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    line = text[s : len(text) if e < 0 else e].rstrip()
    return not re.search(r"[.!?:;”\"]", line)


def find_mentions(text: str, gaz: Gazetteer) -> list[Mention]:
    """All actor mentions in ``text``, non-overlapping, longest name first.

    Examples
    --------
    >>> from foedus.reading.gazetteer import load_gazetteer
    >>> [m.actor_id for m in find_mentions("Talks in Pyongyang angered Seoul.", load_gazetteer())]
    ['KOR']
    """
    return find_mentions_and_organs(text, gaz)[0]


def find_mentions_and_organs(text: str, gaz: Gazetteer) -> tuple[list[Mention], list[Mention]]:
    """:func:`find_mentions`, and the state names that open a domestic organ's proper name.

    "The China Coast Guard said …": the organ is no mention of the state (ANNOTATION.md), but
    what it does or says is coded to the state, so the second list (type ``state``, span of the
    state's name) serves as event arguments and speakers only.

    Examples
    --------
    >>> from foedus.reading.gazetteer import load_gazetteer
    >>> ms, organs = find_mentions_and_organs("The China Coast Guard said so.", load_gazetteer())
    >>> ms, [(o.actor_id, o.surface) for o in organs]
    ([], [('CHN', 'China')])
    """
    organs: list[Mention] = []
    cands: list[tuple[int, int, str | None, str | None]] = []
    for m in gaz.pattern.finditer(text):
        e = gaz.lookup(m.group(0))
        if e is None or e.kind == "place":
            continue
        if (
            m.start() > 0
            and text[m.start() - 1] == "-"
            and not _PAIR_BEFORE.search(text, max(0, m.start() - 40), m.start())
        ):
            continue  # "pro-Russian", "anti-Japanese"; but "Russia-North Korea", "U.S.-Japan"
        prev = _prev_word(text, m.start()).lower()
        # A capital after "in/to/…" is a place, except "according to Seoul" (the government).
        according = prev == "to" and _ACCORDING.search(text, max(0, m.start() - 20), m.start())
        # "shipped shells to Pyongyang": the recipient government, not a destination.
        recipient = prev == "to" and _FLOW_BEFORE.search(text, max(0, m.start() - 80), m.start())
        possessive = text.startswith(("’s", "'s"), m.end())  # "Pyongyang’s affairs"
        if e.kind in ("name", "demonym") and _CURRENCY_AFTER.match(text, m.end()):
            continue  # "Australian dollars": a currency
        if m.group(0) in _DOMESTIC_NAMES and _owned_by_state(text, m.start(), gaz):
            continue  # "Russia’s Security Council": a state's organ, not the UN's
        if (
            e.kind == "capital"
            and prev in _PLACE_PREPS
            and not (according or recipient or possessive)
            and not _government_after(text, m.start(), prev)
        ):
            continue
        department = _DEPARTMENT_AFTER.match(text, m.end())  # "the U.S. State Department"
        if (
            e.kind in ("name", "demonym", "capital")
            and not department
            and _INSTITUTION_AFTER.match(text, m.end())
        ):
            if e.actor_type == "state" and e.actor_id and _ORGAN_AFTER.match(text, m.end()):
                organs.append(Mention(m.start(), m.end(), m.group(0), e.actor_id, "state"))
            continue
        if e.kind == "name" and _INSTITUTION_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue  # "the University of the Philippines"
        if (
            e.kind == "demonym"
            and _INSTITUTION_BEFORE.search(text, max(0, m.start() - 40), m.start())
            and re.match(r"\s+[A-Z]", text[m.end() : m.end() + 3])
        ):
            continue  # "the Institute for North Korean Affairs"
        if e.kind == "seat" and _SEAT_AS_PLACE.search(text, max(0, m.start() - 20), m.start()):
            continue  # "met Albanese at the White House": a place
        if e.kind in ("name", "capital") and text.startswith("-based", m.end()):
            continue  # "a Manila-based forum": a place
        cands.append((m.start(), m.end(), e.actor_id, e.actor_type))
    for m in _EU_ORGANS.finditer(text):
        eu = gaz.lookup("European Union")
        if eu is not None and eu.actor_id == "EU":
            organs.append(Mention(m.start(), m.end(), m.group(0), "EU", "org"))
    for m in _STATE_AGENCY_RE.finditer(text):
        if gaz.actor_type(STATE_AGENCIES[m.group(0)]) == "state":
            organs.append(
                Mention(m.start(), m.end(), m.group(0), STATE_AGENCIES[m.group(0)], "state")
            )
    people = _person_candidates(text, gaz)
    # Surname → the persons it may stand for: those introduced in the text first, then the
    # gazetteer's ("Yoon said" after "Yoon Hae-jin, who leads …" is the analyst, not a president).
    surnames: dict[str, list[str]] = {}
    full_starts: dict[str, list[int]] = {}
    for name, pid in people.items():
        for m in re.finditer(rf"(?<![\w\-]){re.escape(name)}(?![\w\-])", text):
            cands.append((m.start(), m.end(), pid, "person"))
            full_starts.setdefault(pid, []).append(m.start())
        for sn in _surnames(name):
            surnames.setdefault(sn, []).append(pid)
    for c in cands:
        if c[3] == "person" and c[2] is not None:
            full_starts.setdefault(c[2], []).append(c[0])  # full names from the gazetteer
    for p in gaz.persons.values():
        if p.surname:
            surnames.setdefault(p.surname, []).append(p.id)
    for v in full_starts.values():
        v.sort()
    for sn, pids in surnames.items():
        for m in re.finditer(rf"(?<![\w\-]){re.escape(sn)}(?![\w])", text):
            cands.append(
                (m.start(), m.end(), _nearest_named(pids, full_starts, m.start()), "person")
            )
    # Longest wins; among equals, the earlier candidate (gazetteer before surname).
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, str | None, str | None]] = []
    occupied = bytearray(len(text) + 1)
    for c in cands:
        if any(occupied[c[0] : c[1]]):
            continue
        occupied[c[0] : c[1]] = b"\x01" * (c[1] - c[0])
        taken.append(c)
    out = [
        Mention(s, e, text[s:e], aid, atype)
        for s, e, aid, atype in sorted(taken)
        if aid is not None and atype is not None
    ]
    return out, sorted(organs, key=lambda m: m.start)
