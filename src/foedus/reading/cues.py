"""Cues of reported speech, shared by the quotation finder and the speaker ranker."""

from __future__ import annotations

import re

SPEECH = re.compile(
    r"\b(?:said|says|say|added|adds|argued|argues|told|wrote|writes|noted|notes|warned|asserted|"
    r"believed|believes|feared|fears|highlighted|stressed|explained|insisted|claimed|"
    r"[Aa]ccording to|put it|asked|replied|declared|concluded|suggested|cautioned|accused|"
    r"accusing|denounced|condemned|urged|vowed|stated|announced|called|described|warning|saying|"
    r"adding|arguing|insisting|noting|describing|calling|telling|tells|"
    # verbs of judging aloud: "dismissed the charge as “…”", "hailed the deal as “…”"
    r"dismissed|dismisses|rejected|hailed|welcomed|praised|criticised|criticized|blamed|"
    r"branded|labelled|labeled|termed|threatened|promised|pledged|conceded|acknowledged|"
    r"admitted|recalled|observed|remarked|countered|responded|reiterated|states|adds|calls|"
    r"describes|"
    r"reported|reports|"
    # infinitives after a verb of intent: "used his speech to declare that …"
    r"declare|warn|insist|argue|stress|claim|announce|accuse|condemn|denounce|urge|criticise|"
    r"criticize)\b"
)
#: A sentence end (not "U.S." or an initial) followed by the next sentence's first word.
SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\bU\.S)[.!?][”\"]?\s+(?=[“\"A-Z])")
CLAUSE_END = re.compile(
    SENTENCE_END.pattern
    # ", and" opens a clause when a subject follows it, not a second verb or a participle
    # ("…, and warned that …", "…, and seen by …" keep the clause's subject); the comma may
    # sit inside a quotation that ends there ("… a direct participant,” while KCNA …").
    + r"|;\s+|,”?\s+(?:and|but)\s+(?=[A-Z“]|(?:the|a|an|its|his|her|their|this|that|these|"
    r"those|it|he|she|they|we|one|some|many|most|several|other|others)\b)"
    + r"|,”?\s+(?:while|whereas)\s+|”\s+(?:but|while|whereas)\s+|\s+and\s+then\s+"
)
#: A parenthetical adverb between a speaker and the cue: "The ambassador, however, told …".
ASIDE = (
    r",\s*(?:however|in turn|meanwhile|too|though|also|instead|for (?:its|his|her|their) part)"
    r"\s*,\s*$"
)
#: A description instead of a name next to the speech cue: "one Chinese scholar said".
UNNAMED = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any|[Oo]ther)\s+"
    r"(?:[\w’'-]+\s+){0,4}?"
    r"(?:official|diplomat|scholar|analyst|expert|researcher|source|observer|aide|lawmaker|"
    r"legislator|commander|officer|soldier|resident|insider|person|adviser|advisor|academic|"
    r"professor|economist|strategist|negotiator|envoy|spokesperson|spokesman|spokeswoman|"
    r"member|veteran|employee|admiral|general|colonel|delegate|representative|participant)s?\b"
    # "a spokesman in Beijing said": where the unnamed person sits is no speaker.
    r"(?:\s+(?:in|from|at)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?(?![\w’'-]))?"
    # "the official said", "U.S. officials said": unnamed officials are no named speaker.
    r"|\b(?:[Tt]he\s+(?:[\w’'-]+\s+){0,2}?)?(?:official|diplomat|source|aide|insider)s?\b"
    # "the ambassador said", "Russia’s ambassador in Ulaanbaatar warned": an unnamed envoy.
    r"|\b(?:[Tt]he\s+|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?(?:’s|'s)\s+)(?:[\w’'-]+\s+){0,2}?"
    r"(?:ambassador|envoy)s?"
    r"(?:\s+(?:in|to|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)?(?![\w’'-])"
)
#: A leader described without a state ("the president said"): no speaker can be named.
UNNAMED_LEADER = (
    r"(?:^|\s)[Tt]he\s+(?:[a-z]+\s+){0,2}?(?:president|prime minister|chancellor|premier|"
    r"foreign minister|defen[cs]e minister|secretary|minister|spokesperson|spokesman|spokeswoman)"
    r"\s*$"
)
#: He or she as the subject of the speech cue ("“…,” he says", "she said").
PRONOUN_SUBJECT = re.compile(r"\b(?:he|she|He|She)\s*$|^\s*(?:he|she)\b")
#: An unnamed person described before the quotation ("the younger prisoner, a 21-year-old
#: rifleman, says …"): a later "he says" is that person, who has no id.
PERSON_DESCRIPTION = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\w’'-]+\s+){0,3}?(?:man|woman|prisoner|"
    r"soldier|rifleman|legislator|lawmaker|delegate|"
    r"sniper|sapper|medic|nurse|doctor|engineer|driver|trader|smuggler|guard|welder|"
    r"defector|refugee|resident|farmer|worker|fisherman|sailor|pilot|officer|veteran|"
    r"survivor|witness|student|mother|father|son|daughter|official|diplomat|analyst|expert|"
    r"scholar|researcher|adviser|advisor|admiral|general|colonel|commander|envoy|ambassador)"
    r"(?:\s+(?:in|from|at)\s+[A-Z][\w’'-]*)?"
    # ... as the subject of a verb of saying, perhaps after an apposition or a relative clause.
    r"(?:,[^,“”]{0,80},|\s+(?:who|whose)\s[^“”.]{0,80}?,?)?\s+(?:says|said|told|tells|"
    r"recalls|recalled|describes|described|explains|explained|adds|added|insists|insisted)\b"
)
#: Speech participles after a comma: their subject is the main clause's ("The EU criticised
#: Mongolia …, saying …" → the EU), never the object right before them.
PARTICIPLES = frozenset(
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
