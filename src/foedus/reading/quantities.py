"""Quantities: approximator + number (+ million/billion) + the unit's head noun, or $ amounts."""

from __future__ import annotations

import re
from dataclasses import dataclass

_APPROX = (
    r"(?:(?i:roughly|around|about|some|nearly|almost|approximately|more than|over|up to|"
    r"at least|an estimated|as many as)\s+)?"
)
#: Number words count as numerals ("three more patrol vessels", "one million barrels").
WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        re.findall(
            r"\w+",
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty",
        )
    )
} | {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_1_9 = "one|two|three|four|five|six|seven|eight|nine"
_NUM = (
    rf"[$€£¥]?\d{{1,3}}(?:,\d{{3}})+|[$€£¥]?\d+(?:\.\d+)?"
    rf"|(?i:(?:{_TENS})-(?:{_UNITS_1_9})|{_WORDS})(?![\w-])"
)
_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
#: "two hundred", "five hundred thousand", "1.5 million": a scale word, optionally after "hundred".
_SCALES = r"hundred(?:\s+(?:thousand|million|billion))?|thousand|million|billion|trillion"
QUANTITY = re.compile(
    rf"(?<![\w$€£¥-]){_APPROX}(?P<num>{_NUM})(?:\s+(?P<scale>{_SCALES}))?"
    r"(?P<rest>(?:\s+(?:[A-Z][\w-]*|[a-z][\w-]*)){0,4})"
)
#: Head nouns of flows (troops, munitions, fuel, money); anything else is not a flow quantity.
UNITS = frozenset(
    [
        "troops",
        "soldiers",
        "personnel",
        "workers",
        "shells",
        "rounds",
        "containers",
        "missiles",
        "rockets",
        "drones",
        "tons",
        "tonnes",
        "barrels",
        "munitions",
        "weapons",
        "artillery",
        "launchers",
        "howitzers",
        "vehicles",
        "tanks",
        "dollars",
        "engineers",
        "officers",
        "forces",
        "fighters",
        "deminers",
        "sappers",
        "specialists",
        "pilots",
        "labourers",
        "laborers",
        "mercenaries",
        "marines",
        "sailors",
        "instructors",
        "advisers",
        "advisors",
        "systems",
        "batteries",
        "jets",
        "aircraft",
        "helicopters",
        "ships",
        "vessels",
        "warships",
        "boats",
        "interceptors",
        "projectiles",
        "bombs",
        "mines",
        "grenades",
        "rifles",
        "guns",
        "trucks",
        "wagons",
        "railcars",
        "euros",
        "cartridges",
        "warheads",
        "destroyers",
        "frigates",
        "submarines",
        "bombers",
        "warplanes",
        "yen",
        "pounds",
        # more personnel, materiel and currencies counted in flows
        "operators",
        "technicians",
        "crews",
        "medics",
        "commandos",
        "paratroopers",
        "conscripts",
        "recruits",
        "volunteers",
        "airframes",
        "engines",
        "components",
        "radars",
        "satellites",
        "bullets",
        "mortars",
        "trainloads",
        "litres",
        "liters",
        "won",
        "roubles",
        "rubles",
        "yuan",
        "rupees",
        "kroner",
        "kronor",
        "hryvnias",
    ]
)
#: A count of the dead, wounded or captured is no flow ("6,000 soldiers had been killed").
_CASUALTY_AFTER = re.compile(
    r"\s+(?:(?:had|have|has)\s+(?:been\s+)?|were\s+|was\s+|are\s+|being\s+)?"
    r"(?:killed|wounded|injured|captured|dead|died|lost|missing)\b"
)


#: After a number word, the counted unit must follow within two words ("three more vessels").
_COUNTED_AFTER = re.compile(
    r"(?:\s+(?!(?:of|the|its|their|his|her|a|an|to|and|or|in|on|for|from)\b)[A-Za-z][\w-]*)"
    r"{0,2}?\s+(?:" + "|".join(sorted(UNITS)) + r")\b"
)
#: Currency signs → unit codes ("$350 billion" → USD, "€500 million" → EUR).
_CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CAP_BEFORE = re.compile(r"\b(?:cap|ceiling|limit|quota|maximum|minimum)\s+(?:of|at)\s+$")
#: Money that is not a flow between states: "rewards of up to $5 million", "a fine of $2 million".
_NOT_FLOW_BEFORE = re.compile(
    r"\b(?:rewards?|bount(?:y|ies)|fines?|penalt(?:y|ies)|prizes?|ransoms?|bail)\s+(?:of|worth)\s+"
    r"$"
)
_CALIBRE = re.compile(r"(?:\s*|-)(?:mm|millimet(?:re|er)s?|calibre|caliber|cm)\b")


@dataclass(frozen=True)
class Quantity:
    """A quantity span, its value (scale expanded) and unit (head noun as written, or USD)."""

    start: int
    end: int
    surface: str
    value: float
    unit: str


def _word_value(num: str) -> int | None:
    """The value of a number word ("three", "forty-five"), or None for digits."""
    parts = num.lower().split("-")
    if not all(p in WORD_NUMBERS for p in parts):
        return None
    return sum(WORD_NUMBERS[p] for p in parts)


def find_quantities(text: str) -> list[Quantity]:
    """Flow quantities in ``text`` (not dates, rates, casualties or durations).

    Examples
    --------
    >>> [(q.value, q.unit) for q in find_quantities("It sent roughly 11,000 North Korean troops.")]
    [(11000.0, 'troops')]
    >>> [(q.value, q.unit) for q in find_quantities("a $350 billion pledge")]
    [(350000000000.0, 'USD')]
    >>> find_quantities("It sent 155 mm artillery shells.")
    []
    """
    out: list[Quantity] = []
    for m in QUANTITY.finditer(text):
        if _CALIBRE.match(text, m.end("num")):
            continue  # "155 mm artillery shells": a calibre, not a count
        if _CAP_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "a cap of 500,000 barrels": a limit, not a flow
        if _NOT_FLOW_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "rewards of up to $5 million": a payment to informants, not a flow
        num = m.group("num")
        word = _word_value(num)
        if (
            word is not None
            and not m.group("scale")
            and not _COUNTED_AFTER.match(text, m.end("num"))
        ):
            continue  # "one of its boats", "two governments": only counted loads ("three vessels")
        value = float(word) if word is not None else float(num.lstrip("$€£¥").replace(",", ""))
        for scale in (m.group("scale") or "").split():
            value *= _SCALE[scale]
        if num[0] in _CURRENCIES:
            end = m.end("scale") if m.group("scale") else m.end("num")
            out.append(Quantity(m.start(), end, text[m.start() : end], value, _CURRENCIES[num[0]]))
            continue
        rest = m.group("rest") or ""
        offset = m.start("rest") if m.group("rest") is not None else m.end()
        for w in re.finditer(r"[\w-]+", rest):
            if w.group(0).lower() in UNITS:
                end = offset + w.end()
                if _CASUALTY_AFTER.match(text, end):
                    break  # casualties, not a flow
                out.append(Quantity(m.start(), end, text[m.start() : end], value, w.group(0)))
                break
    return out
