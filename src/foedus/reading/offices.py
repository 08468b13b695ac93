"""Office-holders named by description: "the South Korean president" → who held it that day.

The article's date is the latest full or month date written in it (an article reports up to its
own date); the gazetteer's dated offices then give the holder. Without a date in the text, the
holder whose tenure is still open is taken. A description is not a name, so these are not actor
mentions of the output: they stand for the person as an event argument or a speaker only.
"""

from __future__ import annotations

import datetime
import re

from foedus.reading.gazetteer import Gazetteer
from foedus.reading.mentions import Mention

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        re.findall(
            r"\w+",
            "january february march april may june july august september october november december",
        )
    )
}
_DATE = re.compile(
    r"\b(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+(?:(?P<day>\d{1,2}),?\s+)?(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"
)
#: Title words (as written, lower case) → the gazetteer's office names.
TITLES = {
    "president": "president",
    "leader": "leader",
    "prime minister": "prime minister",
    "premier": "prime minister",
    "foreign minister": "foreign minister",
    "defence minister": "defence minister",
    "defense minister": "defence minister",
    "secretary of state": "secretary of state",
    "secretary general": "secretary general",
    "secretary-general": "secretary general",
}
_TITLE = "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True))
_AFTER_STATE = re.compile(rf"(?:’s|'s)?\s+(?P<title>(?i:{_TITLE}))\b(?!\s+[A-Z])(?![\w-]|’s|'s)")
_OF_STATE = re.compile(rf"\b(?P<title>(?i:{_TITLE}))\s+of\s+(?:the\s+)?$")
_NOT_CURRENT = re.compile(r"(?i:\b(?:former|ex|late|then|previous|next|future)[\s-]+)$")


def article_date(text: str) -> datetime.date | None:
    """The latest date written in ``text`` ("June 19, 2024", "August 2025", "2025-06-04").

    Examples
    --------
    >>> article_date("Talks began in June 2024 and resumed on March 3, 2025.")
    datetime.date(2025, 3, 3)
    >>> article_date("No date here.") is None
    True
    """
    best: datetime.date | None = None
    for m in _DATE.finditer(text):
        try:
            if m.group("iso"):
                d = datetime.date.fromisoformat(m.group("iso"))
            else:
                d = datetime.date(
                    int(m.group("year")),
                    _MONTHS[m.group("month").lower()],
                    int(m.group("day") or 1),
                )
        except ValueError:
            continue
        if best is None or d > best:
            best = d
    return best


def _holder(gaz: Gazetteer, office: str, of: str, on: datetime.date | None) -> str | None:
    if on is not None:
        return gaz.holder(office, of, on)
    tenures = [o for o in gaz.offices if o.office == office and o.holder_of == of]
    current = [o.person_id for o in tenures if o.end is None]
    return current[0] if current else None


def office_mentions(
    text: str, mentions: list[Mention], gaz: Gazetteer, on: datetime.date | None = None
) -> list[Mention]:
    """Persons named by title and state: "the South Korean president", "Japan’s prime minister",
    "the president of South Korea". The span is the title's; the surface the person's name.

    ``on`` defaults to :func:`article_date` of ``text``. "Former"/"new"/"then" titles and titles
    followed by a name ("President Lee …", found as a name already) are skipped.

    Examples
    --------
    >>> from foedus.reading.gazetteer import load_gazetteer
    >>> from foedus.reading.mentions import find_mentions
    >>> gaz = load_gazetteer()
    >>> t = "In July 2025 the South Korean president flew to Tokyo."
    >>> [(m.actor_id, t[m.start:m.end]) for m in office_mentions(t, find_mentions(t, gaz), gaz)]
    [('lee_jae_myung', 'president')]
    """
    if on is None:
        on = article_date(text)
    out: list[Mention] = []
    for m in mentions:
        if m.actor_type == "person":
            continue
        a = _AFTER_STATE.match(text, m.end)
        if a is not None and not _NOT_CURRENT.search(text, max(0, m.start - 20), m.start):
            span = (a.start("title"), a.end("title"))
        else:
            b = _OF_STATE.search(text, max(0, m.start - 40), m.start)
            if b is None or _NOT_CURRENT.search(text, max(0, b.start() - 20), b.start()):
                continue
            span = (b.start("title"), b.end("title"))
        title = re.sub(r"\s+", " ", text[span[0] : span[1]].lower())
        pid = _holder(gaz, TITLES[title], m.actor_id, on)
        if pid is None:
            continue
        out.append(Mention(span[0], span[1], gaz.persons[pid].name, pid, "person"))
    return out
