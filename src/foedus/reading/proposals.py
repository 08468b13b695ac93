"""Proposals: what an article says, as pack elements for an analyst to accept or reject.

:func:`propose` turns the reading pipeline's output (the JSON format of
``../shared/docs/ANNOTATION.md``) and a :class:`~foedus.model.Pack` into a reviewable diff:

* **actors** mentioned in the article but absent from the pack;
* **ties** from events (see :data:`TIE_KIND_OF_EVENT`); negated events propose nothing, hedged
  ones are proposed and marked;
* **flows** (or new estimates of a flow the pack already has) from quantities attached to
  SUPPORT or DEPLOY events, with units mapped to :data:`foedus.model.UNITS`;
* **assessments** from quotations: the quoted judgement, attributed to its speaker.

Every proposal cites the article — added as a :class:`~foedus.model.Source` with its sha256 and
length unless the pack already holds a source with the same sha256 — by character span and
``span_sha``, never by copying its sentences. Proposal ids are stable: a hash of the article's
sha256, the proposal's kind, its anchoring span and the actors involved, so the same article gives
the same ids. :func:`apply` adds accepted proposals to a pack and returns the new pack. Both are
pure functions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from foedus.errors import FoedusError
from foedus.model import (
    DIRECTED_KINDS,
    SECTIONS,
    UNITS,
    Actor,
    Assessment,
    Citation,
    Estimate,
    Flow,
    Pack,
    Quantity,
    Source,
    Tie,
)
from foedus.reading.gazetteer import Gazetteer, load_gazetteer

ProposalKind = Literal["actor", "tie", "flow", "estimate", "assessment"]
Status = Literal["new", "duplicate", "skipped", "accepted", "rejected"]
Element = Actor | Tie | Flow | Assessment

#: Tie kind proposed for each event type; ``None``: the event type makes no tie (a meeting or
#: talks are events, not standing relations). SUPPORT is refined by :func:`_support_kind`.
TIE_KIND_OF_EVENT: dict[str, str | None] = {
    "AGREE": "strategic_partnership",
    "CONSULT": None,
    "VISIT": None,
    "SUPPORT": "diplomatic_support",
    "ACCUSE": "condemnation",
    "THREATEN": "rivalry",
    "SANCTION": "sanctions",
    "DEPLOY": "troop_deployment",
    "ATTACK": "war",
}

#: Event types whose quantities are flows from the event's source to its target.
FLOW_EVENTS = frozenset({"SUPPORT", "DEPLOY"})

#: Cooperative, undirected tie kinds: one of them between the same members already covers a
#: proposed AGREE (the pack may have encoded the agreement as a pact).
ALIGNMENT = frozenset(
    {
        "defense_pact",
        "offense_pact",
        "neutrality_pact",
        "nonaggression_pact",
        "consultation_pact",
        "strategic_partnership",
        "security_framework",
    }
)

#: Head nouns of quantities (as written, lower case) → the pack's units.
UNIT_SYNONYMS: dict[str, str] = {
    "troop": "troops",
    "soldier": "troops",
    "soldiers": "troops",
    "personnel": "troops",
    "servicemen": "troops",
    "fighters": "troops",
    "worker": "workers",
    "labourers": "workers",
    "laborers": "workers",
    "shell": "shells",
    "artillery shells": "shells",
    "round": "rounds",
    "projectiles": "rounds",
    "container": "containers",
    "missile": "missiles",
    "rockets": "missiles",
    "launcher": "launchers",
    "vehicle": "vehicles",
    "tanks": "vehicles",
    "planes": "aircraft",
    "jets": "aircraft",
    "voyage": "voyages",
    "shipments": "voyages",
    "tons": "tonnes",
    "tonne": "tonnes",
    "ton": "tonnes",
    "barrel": "barrels",
    "dollars": "USD",
    "usd": "USD",
    "euros": "EUR",
    "eur": "EUR",
    "won": "KRW",
    "roubles": "RUB",
    "rubles": "RUB",
}

#: Commodity of a new flow by its unit.
COMMODITY_OF_UNIT: dict[str, str] = {
    "troops": "troops",
    "workers": "workers",
    "shells": "munitions",
    "rounds": "munitions",
    "containers": "munitions",
    "missiles": "munitions",
    "launchers": "equipment",
    "vehicles": "equipment",
    "aircraft": "equipment",
    "voyages": "shipments",
    "tonnes": "goods",
    "barrels": "oil",
    "USD": "money",
    "EUR": "money",
    "KRW": "money",
    "RUB": "money",
    "units": "materiel",
}

# Word starts (so that "said" is not "aid"): arms first, then money; otherwise diplomatic.
_ARMS_WORDS = re.compile(
    r"\b(?:arms|weapon|munition|shell|missile|ammunition|suppl)", re.IGNORECASE
)
_MONEY_WORDS = re.compile(
    r"\b(?:aid|assist|fund|loan|credit|econom|financ|food|oil)", re.IGNORECASE
)
_APPROX = re.compile(
    r"^(?:about|around|roughly|some|approximately|nearly|almost|over|more than|"
    r"up to|at least|an estimated|estimated|close to)\b",
    re.IGNORECASE,
)
_KIND_PREFIX = {"actor": "a", "tie": "t", "flow": "f", "estimate": "f", "assessment": "q"}
_SECTION = {
    "actor": "actors",
    "tie": "ties",
    "flow": "flows",
    "estimate": "flows",
    "assessment": "assessments",
}


@dataclass(frozen=True)
class Proposal:
    """One proposed addition to a pack, with where in the article it comes from.

    Parameters
    ----------
    id : str
        Stable proposal id (``t-1a2b3c4d``): the same article gives the same ids.
    kind : str
        ``actor``, ``tie``, ``flow``, ``estimate`` (a new estimate of a flow already in the pack:
        ``element`` is that flow with only the new estimate) or ``assessment``.
    section : str
        The pack section the element goes into.
    element : Actor, Tie, Flow or Assessment, or None
        The element to add; ``None`` for a skipped proposal.
    span : (int, int)
        The anchoring span in the article: first mention, event trigger, quantity, quotation.
    surface : str
        The article's text at the anchoring span (a name, a trigger word, a quantity; the
        quotation's first words only), for the reviewer's eyes; never written into the pack.
    status : str
        ``new`` (open for review), ``duplicate`` (the pack or an earlier proposal already has
        it), ``skipped`` (cannot become a valid element; see ``reason``), ``accepted`` or
        ``rejected`` (decided earlier, remembered in the review file).
    summary : str
        One line saying what the proposal adds.
    hedged : bool
        The source hedges the event (alleged, planned, conditional…).
    depends_on : tuple of str
        Proposal ids of new actors the element refers to; accepting it accepts them too.
    duplicate_of : str, optional
        The pack element (or proposal id) it duplicates.
    reason : str, optional
        Why it is a duplicate or skipped.
    source : Source
        The article as a pack source (added by :func:`apply` if the pack lacks it).
    """

    id: str
    kind: ProposalKind
    section: str
    element: Element | None
    span: tuple[int, int]
    surface: str
    status: Status
    summary: str
    source: Source
    hedged: bool = False
    depends_on: tuple[str, ...] = ()
    duplicate_of: str | None = None
    reason: str | None = None

    @property
    def element_id(self) -> str | None:
        """Id of the element the proposal adds (None when skipped)."""
        return None if self.element is None else self.element.id


@dataclass(frozen=True)
class Proposals:
    """The proposals of one article against one pack.

    ``source`` is the article as a pack source; ``source_is_new`` says whether the pack lacks it.
    """

    source: Source
    source_is_new: bool
    proposals: tuple[Proposal, ...]

    def by_id(self) -> dict[str, Proposal]:
        """Proposals keyed by id."""
        return {p.id: p for p in self.proposals}

    def counts(self) -> dict[str, dict[str, int]]:
        """``{kind: {status: n}}`` over all proposals."""
        out: dict[str, dict[str, int]] = {}
        for p in self.proposals:
            out.setdefault(p.kind, {}).setdefault(p.status, 0)
            out[p.kind][p.status] += 1
        return out


# --------------------------------------------------------------------------------- helpers
def proposal_id(article_sha256: str, kind: str, span: tuple[int, int], *parts: str) -> str:
    """The stable id of a proposal: a hash of article sha256, kind, span and involved actors.

    Examples
    --------
    >>> proposal_id("ab" * 32, "tie", (10, 14), "RUS", "PRK")
    't-cd5e7f47'
    """
    key = "|".join((article_sha256, kind, str(span[0]), str(span[1]), *parts))
    return f"{_KIND_PREFIX[kind]}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:8]}"


def span_fingerprint(text: str) -> str:
    """First 12 hex digits of the sha256 of ``text`` (as :attr:`Citation.span_sha`)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: from the last sentence end before it to the next.

    A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotation marks) followed by
    white space, or at a line break; initialisms (``U.S.``) and common abbreviations (``Dr.``)
    do not end one. The span is a citation for the reviewer, not a parse.

    Examples
    --------
    >>> t = "First one. The U.S. said Russia sent troops to Kursk. Last."
    >>> s, e = sentence_span(t, 31, 35)
    >>> t[s:e]
    'The U.S. said Russia sent troops to Kursk.'
    """
    lo, hi = max(0, start - 1500), min(len(text), end + 1500)
    begin, stop = lo, hi
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if m.group(0).startswith((".", "!", "?")) and _abbreviation(text, m.start()):
            continue
        if m.end() <= start:
            begin = m.end()
        elif m.start() >= end:
            stop = m.start() if m.group(0).startswith(("\n", "\r")) else m.end()
            break
    while begin < start and text[begin].isspace():
        begin += 1
    stop = len(text) if stop == hi and hi == len(text) else stop
    return begin, max(stop, end)


_SENTENCE_END = re.compile(r"[.!?][”\"’)]*(?=\s|$)|\r?\n")
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "no", "vs", "sen"})


def _abbreviation(text: str, dot: int) -> bool:
    """Whether the ``.`` at ``dot`` ends an initialism (``U.S.``) or a common abbreviation."""
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot]
    return bool(re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word)) or word.lower() in _ABBREVIATIONS


def _slug(value: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9_.\-]+", "-", value).strip("-.").lower()
    if not slug or not slug[0].isalpha():
        slug = "article-" + slug
    return slug[:40]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _cow_code(iso3: str, year: int) -> int | None:
    # The project's COW↔ISO table, read backwards (foedus.data owns it).
    from foedus.data._cow_iso import _rows

    for code, lo, hi, iso in _rows():
        if iso == iso3 and lo <= year <= hi:
            return code
    return None


def _state_of(person: str, pack: Pack, gaz: Gazetteer, day: dt.date) -> str | None:
    """The state (or organisation) a person acts for on ``day``: pack offices, then gazetteer."""
    if person in pack._index["actors"]:
        for office in pack.actor(person).offices:
            if office.held_on(day):
                return office.of
    for o in gaz.offices:
        if o.person_id == person and o.start <= day and (o.end is None or day < o.end):
            return o.holder_of
    return None


def article_source(
    pack: Pack,
    text: str,
    sha256: str,
    *,
    doc_id: str,
    text_file: str | None = None,
    title: str | None = None,
    date: dt.date | None = None,
) -> tuple[Source, bool]:
    """The article as a pack source, and whether the pack lacks it.

    A pack source with the same sha256 is reused as it is. Otherwise a new ``article`` source is
    made: id from ``doc_id`` (made unique), ``title`` (default: ``doc_id``), ``date`` (default:
    the pack's ``default_as_of``, said so in the locator), the text's sha256 and length.

    Raises
    ------
    FoedusError
        When a new source is needed and neither ``date`` nor the pack's default as-of date is
        known.
    """
    for s in pack.sources:
        if s.sha256 == sha256:
            return s, False
    locator = "Added by foedus read --into."
    if date is None:
        if pack.default_as_of is None:
            raise FoedusError(
                "the pack has no source with this article's sha256 and no default_as_of: "
                "give the article's publication date with --date YYYY-MM-DD"
            )
        date = pack.default_as_of
        locator += " Publication date not given; set to the pack's default as-of date."
    taken = {item.id for section in SECTIONS for item in getattr(pack, section)}
    base = _slug(doc_id)
    sid = base if base not in taken else f"{base}-{sha256[:8]}"
    source = Source(
        id=sid,
        kind="article",
        title=title or doc_id,
        date=date,
        locator=locator,
        sha256=sha256,
        text_file=text_file,
        length=len(text),
    )
    return source, True


# --------------------------------------------------------------------------------- propose
def propose(
    annotation: Mapping[str, Any],
    text: str,
    pack: Pack,
    source: Source,
    *,
    decided: Mapping[str, str] | None = None,
    gazetteer: Gazetteer | None = None,
) -> Proposals:
    """The proposals of an article (its reading ``annotation`` and ``text``) against ``pack``.

    Parameters
    ----------
    annotation : mapping
        :func:`foedus.reading.pipeline.read_text` output (ANNOTATION.md JSON).
    text : str
        The article's text, which the annotation's offsets index.
    pack : Pack
        The pack to propose into (the merged pack when it extends another).
    source : Source
        The article as a pack source (:func:`article_source`); its date dates every element.
    decided : mapping, optional
        Earlier decisions, ``{proposal id: "accepted" | "rejected"}``: such proposals keep that
        status and are not open again.
    gazetteer : Gazetteer, optional
        Names and offices of actors (default: the packaged one).

    Returns
    -------
    Proposals

    Examples
    --------
    >>> from foedus import load_pack
    >>> from foedus.reading.pipeline import read_text
    >>> pack = load_pack()
    >>> text = "Japan imposed sanctions on Iran on Monday."
    >>> ann = read_text(text)
    >>> src, _ = article_source(pack, text, ann["text_sha256"], doc_id="demo")
    >>> [(p.kind, p.status) for p in propose(ann, text, pack, src).proposals]
    [('actor', 'new'), ('tie', 'new')]
    """
    gaz = gazetteer or load_gazetteer()
    sha = str(annotation["text_sha256"])
    day = source.date
    builder = _Builder(pack, text, sha, source, gaz, day)
    builder.actors(annotation.get("actors", []), annotation.get("quotes", []))
    events = list(annotation.get("events", []))
    builder.ties(events)
    builder.flows(annotation.get("quantities", []), events)
    builder.assessments(annotation.get("quotes", []), annotation.get("actors", []))
    out = builder.finish(decided or {})
    return Proposals(source, source.id not in pack._index["sources"], out)


class _Builder:
    """Accumulates proposals; one method per kind of proposal."""

    def __init__(
        self, pack: Pack, text: str, sha: str, source: Source, gaz: Gazetteer, day: dt.date
    ) -> None:
        self.pack = pack
        self.text = text
        self.sha = sha
        self.source = source
        self.gaz = gaz
        self.day = day
        self.items: list[Proposal] = []
        self.actor_proposal: dict[str, Proposal] = {}

    # -- shared
    def _cite(self, span: tuple[int, int]) -> Citation:
        s, e = span
        return Citation(
            source=self.source.id, span=(s, e), span_sha=span_fingerprint(self.text[s:e])
        )

    def _template(
        self,
        pid: str,
        kind: ProposalKind,
        span: tuple[int, int],
        summary: str,
        hedged: bool,
        deps: tuple[str, ...],
    ) -> Proposal:
        """A new proposal without its element yet."""
        return Proposal(
            id=pid,
            kind=kind,
            section=_SECTION[kind],
            element=None,
            span=span,
            surface=self._surface(span),
            status="new",
            summary=summary,
            source=self.source,
            hedged=hedged,
            depends_on=deps,
        )

    @staticmethod
    def _duplicate(base: Proposal, of: str, why: str) -> Proposal:
        return replace(base, status="duplicate", duplicate_of=of, reason=why)

    def _surface(self, span: tuple[int, int], limit: int = 60) -> str:
        s = self.text[span[0] : span[1]]
        return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"

    def _cited_overlap(self, cites: Iterable[Citation], span: tuple[int, int]) -> bool:
        return any(
            c.source == self.source.id and c.span is not None and _overlaps(c.span, span)
            for c in cites
        )

    def _skip(
        self,
        kind: ProposalKind,
        span: tuple[int, int],
        parts: Sequence[str],
        summary: str,
        why: str,
    ) -> None:
        self.items.append(
            Proposal(
                id=proposal_id(self.sha, kind, span, *parts),
                kind=kind,
                section=_SECTION[kind],
                element=None,
                span=span,
                surface=self._surface(span),
                status="skipped",
                summary=summary,
                source=self.source,
                reason=why,
            )
        )

    def _known(self, actor_id: str) -> bool:
        return actor_id in self.pack._index["actors"]

    def _needs(self, ids: Iterable[str]) -> tuple[tuple[str, ...], str | None]:
        """Proposal ids of the new actors among ``ids``, or a reason why they cannot exist."""
        deps = []
        for a in ids:
            if self._known(a):
                continue
            prop = self.actor_proposal.get(a)
            if prop is None or prop.status == "skipped":
                why = prop.reason if prop is not None else "not proposed"
                return (), f"actor {a!r} is not in the pack and cannot be added ({why})"
            deps.append(prop.id)
        return tuple(dict.fromkeys(deps)), None

    def _as_actor(self, actor_id: str) -> str | None:
        """Persons act for their state (by office on the article's date); others as they are."""
        kind = self._kind_of(actor_id)
        if kind != "person":
            return actor_id
        return _state_of(actor_id, self.pack, self.gaz, self.day)

    def _kind_of(self, actor_id: str) -> str:
        if self._known(actor_id):
            return self.pack.actor(actor_id).kind
        return self.gaz.actor_type(actor_id)

    # -- actors
    def actors(
        self, actors: Sequence[Mapping[str, Any]], quotes: Sequence[Mapping[str, Any]]
    ) -> None:
        speakers = {
            str(q["speaker_id"]): q for q in quotes if q.get("speaker_id") and q.get("speaker_name")
        }
        for a in actors:
            aid = str(a["id"])
            mentions = a.get("mentions") or []
            if self._known(aid) or not mentions:
                continue
            first = min((int(m[0]), int(m[1])) for m in mentions)
            kind = str(a.get("type") or self.gaz.actor_type(aid))
            summary = f"actor {aid} ({kind})"
            note = (
                f"Mentioned {len(mentions)}× in source {self.source.id} (first at "
                f"[{first[0]}, {first[1]}]); added by foedus read."
            )
            fields: dict[str, Any] = {"id": aid, "kind": kind, "note": note}
            if kind == "state":
                code = _cow_code(aid, self.day.year)
                if code is None:
                    self._skip("actor", first, (aid,), summary, f"no COW code known for {aid!r}")
                    self.actor_proposal[aid] = self.items[-1]
                    continue
                fields["cow_code"] = code
                fields["name"] = self._name(aid, "name", mentions)
            elif kind == "org":
                fields["name"] = self._name(aid, "org", mentions)
            else:
                q = speakers.get(aid)
                person = self.gaz.persons.get(aid)
                if person is not None:
                    fields["name"] = person.name
                elif q is not None:
                    fields["name"] = str(q["speaker_name"])
                else:
                    fields["name"] = max((str(m[2]) for m in mentions), key=len)
                if q is not None and q.get("affiliation"):
                    fields["affiliation"] = str(q["affiliation"])
            try:
                actor = Actor(**fields)
            except ValueError as exc:
                self._skip("actor", first, (aid,), summary, f"invalid actor: {exc}")
                self.actor_proposal[aid] = self.items[-1]
                continue
            prop = Proposal(
                id=proposal_id(self.sha, "actor", first, aid),
                kind="actor",
                section="actors",
                element=actor,
                span=first,
                surface=self._surface(first),
                status="new",
                summary=f"{summary}: {actor.name}",
                source=self.source,
            )
            self.items.append(prop)
            self.actor_proposal[aid] = prop

    def _name(self, aid: str, entry_kind: str, mentions: Sequence[Sequence[Any]]) -> str:
        names = [
            e.surface
            for e in self.gaz.entries.values()
            if e.actor_id == aid and e.kind == entry_kind
        ]
        if names:
            return max(names, key=len) if entry_kind == "org" else names[0]
        return max((str(m[2]) for m in mentions), key=len)

    # -- ties
    def ties(self, events: Sequence[Mapping[str, Any]]) -> None:
        seen: dict[tuple[str, tuple[str, ...]], Proposal] = {}
        # In text order, so that a relation said twice is proposed at its first mention.
        for ev in sorted(events, key=lambda ev: (int(ev["trigger"][0]), int(ev["trigger"][1]))):
            etype = str(ev.get("type"))
            trig = (int(ev["trigger"][0]), int(ev["trigger"][1]))
            src, tgt = str(ev.get("source")), str(ev.get("target"))
            parts = (etype, src, tgt)
            label = f"{etype} {src} → {tgt} (“{ev['trigger'][2]}”)"
            if ev.get("negated"):
                self._skip(
                    "tie", trig, parts, label, "the article says it did not happen (negated)"
                )
                continue
            kind = TIE_KIND_OF_EVENT.get(etype)
            if kind is None:
                self._skip("tie", trig, parts, label, f"a {etype} event makes no tie")
                continue
            if kind == "diplomatic_support":
                kind = _support_kind(self.text, trig)
            a, b = self._as_actor(src), self._as_actor(tgt)
            if a is None or b is None:
                who = src if a is None else tgt
                self._skip("tie", trig, parts, label, f"person {who!r} holds no known office")
                continue
            if a == b:
                self._skip(
                    "tie",
                    trig,
                    parts,
                    label,
                    f"source and target are both {a} once persons stand for their states",
                )
                continue
            deps, why = self._needs((a, b))
            if why:
                self._skip("tie", trig, parts, label, why)
                continue
            directed = kind in DIRECTED_KINDS
            members = (a, b)
            key = (kind, members if directed else tuple(sorted(members)))
            pid = proposal_id(self.sha, "tie", trig, *parts)
            hedged = bool(ev.get("hedged"))
            cite = self._cite(sentence_span(self.text, *trig))
            summary = f"tie {kind} {a} {'→' if directed else '–'} {b} from {label}"
            base = self._template(pid, "tie", trig, summary, hedged, deps)
            dup = self._tie_in_pack(kind, members, directed, trig)
            if dup is not None:
                self.items.append(self._duplicate(base, dup[0], dup[1]))
                continue
            if key in seen:
                first = seen[key]
                # Same relation again in the article: cite this sentence too, propose it once.
                assert isinstance(first.element, Tie)
                merged = first.element.model_copy(
                    update={"cite": (*first.element.cite, cite)}
                    if cite not in first.element.cite
                    else {}
                )
                i = self.items.index(first)
                self.items[i] = seen[key] = replace(
                    first, element=merged, hedged=first.hedged and hedged
                )
                why = f"the same relation as proposal {first.id} (cited there too)"
                self.items.append(self._duplicate(base, first.id, why))
                continue
            word = str(ev["trigger"][2])
            note = f"Proposed by foedus read from an event of type {etype} (trigger “{word}”)"
            note += "; hedged in the source (alleged, planned or conditional)." if hedged else "."
            note += " Start is the article's date, not necessarily when the relation began."
            tie_id = f"{a}-{b}-{kind}-{pid[2:]}".lower().replace("_", "-")
            tie = Tie(
                id=tie_id,
                kind=kind,
                members=members,
                start=self.day,
                note=note,
                cite=(cite,),
            )
            prop = replace(base, element=tie)
            self.items.append(prop)
            seen[key] = prop

    def _tie_in_pack(
        self, kind: str, members: tuple[str, str], directed: bool, trig: tuple[int, int]
    ) -> tuple[str, str] | None:
        for t in self.pack.ties:
            same_members = (
                t.members == members if directed and t.directed else set(members) <= set(t.members)
            )
            if not same_members:
                continue
            if self._cited_overlap(t.cite, trig):
                return t.id, f"tie {t.id} already cites this passage for these actors"
            in_force = t.in_force(self.day)
            if t.kind == kind and in_force:
                return t.id, f"tie {t.id} ({t.kind}) already links them on {self.day}"
            if kind in ALIGNMENT and t.kind in ALIGNMENT and in_force:
                return t.id, f"tie {t.id} ({t.kind}) already aligns them on {self.day}"
        return None

    # -- flows
    def flows(
        self, quantities: Sequence[Mapping[str, Any]], events: Sequence[Mapping[str, Any]]
    ) -> None:
        for q in quantities:
            span = (int(q["span"][0]), int(q["span"][1]))
            idx = q.get("attached_event_index")
            written = str(q.get("unit"))
            label = f"“{q['span'][2]}”"
            if idx is None or not 0 <= int(idx) < len(events):
                self._skip("flow", span, (), f"quantity {label}", "not attached to an event")
                continue
            ev = events[int(idx)]
            etype = str(ev.get("type"))
            src, tgt = str(ev.get("source")), str(ev.get("target"))
            parts = (src, tgt, written)
            summary = f"quantity {label} of {etype} {src} → {tgt}"
            if ev.get("negated"):
                self._skip("flow", span, parts, summary, "its event is negated")
                continue
            if etype not in FLOW_EVENTS:
                self._skip("flow", span, parts, summary, f"a {etype} quantity is not a flow")
                continue
            unit = written if written in UNITS else UNIT_SYNONYMS.get(written.lower())
            if unit is None:
                self._skip("flow", span, parts, summary,
                           f"unit {written!r} is not one of the pack's units")  # fmt: skip
                continue
            a, b = self._as_actor(src), self._as_actor(tgt)
            if a is None or b is None or a == b:
                self._skip("flow", span, parts, summary, "no distinct source and target states")
                continue
            deps, why = self._needs((a, b))
            if why:
                self._skip("flow", span, parts, summary, why)
                continue
            value = float(q["value"])
            try:
                quantity = Quantity(low=value, high=value, unit=unit)
            except ValueError as exc:
                self._skip("flow", span, parts, summary, f"invalid quantity: {exc}")
                continue
            estimate = Estimate(date=self.day, quantity=quantity, cite=(self._cite(span),))
            existing = [
                f
                for f in self.pack.flows
                if f.source == a
                and f.target == b
                and any(e.quantity.unit == unit for e in f.estimates)
            ]
            kind: ProposalKind = "estimate" if existing else "flow"
            pid = proposal_id(self.sha, "flow", span, *parts)
            hedged = bool(ev.get("hedged"))
            base = self._template(pid, kind, span, summary, hedged, deps)
            dup = next(
                (
                    f.id
                    for f in existing
                    for e in f.estimates
                    if self._cited_overlap(e.cite, span)
                    or (e.quantity.unit == unit and e.quantity.low <= value <= e.quantity.high
                        and e.date == self.day)
                ),
                None,
            )  # fmt: skip
            text_sum = f"{value:,.0f} {unit} {a} → {b}"
            if dup is not None:
                base = replace(base, summary=f"estimate {text_sum}")
                self.items.append(
                    self._duplicate(base, dup, f"flow {dup} already has this estimate")
                )
                continue
            approx = bool(_APPROX.match(str(q["span"][2])))
            if existing:
                flow = existing[0].model_copy(update={"estimates": (estimate,)})
                summary = f"estimate {text_sum} for flow {flow.id}"
            else:
                note = "Proposed by foedus read; start is the article's date."
                if approx:
                    note += " The article's figure is approximate; widen low/high as needed."
                if hedged:
                    note += " Hedged in the source."
                flow = Flow(
                    id=f"{a}-{b}-{COMMODITY_OF_UNIT[unit]}-{pid[2:]}".lower().replace("_", "-"),
                    source=a,
                    target=b,
                    commodity=COMMODITY_OF_UNIT[unit],
                    start=self.day,
                    estimates=(estimate,),
                    note=note,
                )
                summary = f"flow {text_sum}"
            self.items.append(replace(base, element=flow, summary=summary))

    # -- assessments
    def assessments(
        self, quotes: Sequence[Mapping[str, Any]], actors: Sequence[Mapping[str, Any]]
    ) -> None:
        mentions = sorted(
            (int(m[0]), int(m[1]), str(a["id"])) for a in actors for m in a.get("mentions") or []
        )
        for q in quotes:
            span = (int(q["span"][0]), int(q["span"][1]))
            speaker = q.get("speaker_id")
            parts = (str(speaker),)
            summary = f"quotation by {q.get('speaker_name') or speaker}"
            if not speaker:
                self._skip("assessment", span, parts, summary, "no speaker found")
                continue
            speaker = str(speaker)
            if self._kind_of(speaker) != "person":
                self._skip("assessment", span, parts, summary,
                           f"the speaker {speaker!r} is not a person")  # fmt: skip
                continue
            subject = self._subject(span, speaker, mentions)
            if subject is None:
                self._skip("assessment", span, parts, summary,
                           "no actor named in the quotation or its paragraph")  # fmt: skip
                continue
            deps, why = self._needs(
                [speaker] + ([subject] if subject not in self.pack._index["ties"] else [])
            )
            if why:
                self._skip("assessment", span, parts, summary, why)
                continue
            pid = proposal_id(self.sha, "assessment", span, *parts)
            dup = next(
                (a.id for a in self.pack.assessments
                 if a.speaker == speaker and self._cited_overlap(a.cite, span)),
                None,
            )  # fmt: skip
            summary = f"assessment by {speaker} about {subject}"
            base = self._template(pid, "assessment", span, summary, False, deps)
            if dup is not None:
                why = f"assessment {dup} already cites this quotation"
                self.items.append(self._duplicate(base, dup, why))
                continue
            affiliation = q.get("affiliation")
            if not affiliation and self._known(speaker):
                affiliation = self.pack.actor(speaker).affiliation
            name = q.get("speaker_name") or speaker
            note = (
                f"{name}'s judgement as quoted in source {self.source.id}. Proposed by foedus "
                "read: the subject is the actor (or the pack tie between the two actors) the "
                "quotation names most; stance, reading and effect are left for the analyst."
            )
            assessment = Assessment(
                id=f"{speaker}-quote-{pid[2:]}".replace("_", "-"),
                speaker=speaker,
                affiliation=str(affiliation or "not stated in the source"),
                date=self.day,
                subject=subject,
                aspect="quoted_judgement",
                note=note,
                cite=(self._cite(span),),
            )
            self.items.append(replace(base, element=assessment))

    def _subject(
        self, span: tuple[int, int], speaker: str, mentions: Sequence[tuple[int, int, str]]
    ) -> str | None:
        for lo, hi in (span, _paragraph(self.text, span)):
            named = Counter(aid for s, e, aid in mentions if lo <= s and e <= hi and aid != speaker)
            if not named:
                continue
            ranked = [aid for aid, _ in named.most_common()]
            usable = [
                a
                for a in ranked
                if self._known(a)
                or (a in self.actor_proposal and self.actor_proposal[a].status != "skipped")
            ]
            if not usable:
                continue
            states = [self._as_actor(a) or a for a in usable[:2]]
            if len(states) == 2 and states[0] != states[1]:
                for t in self.pack.ties:
                    if set(states) <= set(t.members) and t.in_force(self.day):
                        return t.id
            return usable[0]
        return None

    # -- review state
    def finish(self, decided: Mapping[str, str]) -> tuple[Proposal, ...]:
        out = []
        for p in self.items:
            if p.status in ("new", "duplicate") and p.id in decided:
                verdict = decided[p.id]
                p = replace(p, status="accepted" if verdict == "accepted" else "rejected")
            elif p.status == "new" and p.element is not None:
                present = self.pack._index[p.section].get(p.element.id)
                if present is not None and p.kind != "estimate":
                    p = replace(p, status="duplicate", duplicate_of=p.element.id,
                                reason=f"{p.element.id} is already in the pack")  # fmt: skip
            out.append(p)
        order = {"actor": 0, "tie": 1, "flow": 2, "estimate": 2, "assessment": 3}
        return tuple(sorted(out, key=lambda p: (order[p.kind], p.span, p.id)))


def _support_kind(text: str, trig: tuple[int, int]) -> str:
    """Arms, economic or diplomatic support, from the words of the trigger's sentence."""
    s, e = sentence_span(text, *trig)
    words = text[s:e].lower()
    if _ARMS_WORDS.search(words):
        return "arms_transfer"
    if _MONEY_WORDS.search(words):
        return "economic_support"
    return "diplomatic_support"


def _paragraph(text: str, span: tuple[int, int]) -> tuple[int, int]:
    lo = max(text.rfind("\n\n", 0, span[0]), text.rfind("\r\n\r\n", 0, span[0]))
    hi_candidates = [
        i for i in (text.find("\n\n", span[1]), text.find("\r\n\r\n", span[1])) if i >= 0
    ]
    return (0 if lo < 0 else lo, min(hi_candidates) if hi_candidates else len(text))


# --------------------------------------------------------------------------------- accept
def with_dependencies(proposals: Proposals, ids: Iterable[str]) -> list[Proposal]:
    """The proposals ``ids`` plus the new actors they depend on, in proposal order.

    Raises
    ------
    FoedusError
        For an unknown id, a proposal that is not open (duplicate, skipped, decided earlier),
        or one that needs an actor proposal that was rejected.
    """
    index = proposals.by_id()
    wanted: set[str] = set()
    for pid in ids:
        p = index.get(pid)
        if p is None:
            raise FoedusError(f"unknown proposal id {pid!r} (see the list without --accept)")
        if p.status != "new":
            detail = f" ({p.reason})" if p.reason else ""
            raise FoedusError(
                f"proposal {pid} is {p.status}{detail}; only new ones can be accepted"
            )
        wanted.add(pid)
        for dep in p.depends_on:
            d = index[dep]
            if d.status == "rejected":
                raise FoedusError(f"proposal {pid} needs actor proposal {dep}, which was rejected")
            if d.status == "new":
                wanted.add(dep)
    return [p for p in proposals.proposals if p.id in wanted]


def apply(pack: Pack, accepted: Sequence[Proposal]) -> Pack:
    """``pack`` with the accepted proposals added (and their article source, if missing).

    New elements go to the end of their section; an ``estimate`` proposal adds its estimate to
    the flow it names. The result is not cross-checked here: use
    :func:`foedus.packs.checks.check_pack` (or reload the written file) for that.

    Parameters
    ----------
    pack : Pack
    accepted : sequence of Proposal
        Open (``new``) proposals; :func:`with_dependencies` adds the actors they need.

    Returns
    -------
    Pack

    Examples
    --------
    >>> from foedus import load_pack
    >>> from foedus.reading.pipeline import read_text
    >>> pack = load_pack()
    >>> text = "Japan imposed sanctions on Iran on Monday."
    >>> ann = read_text(text)
    >>> src, _ = article_source(pack, text, ann["text_sha256"], doc_id="demo")
    >>> new = apply(pack, propose(ann, text, pack, src).proposals)
    >>> len(new.ties) - len(pack.ties), new.actor("IRN").cow_code
    (1, 630)
    """
    update: dict[str, list[Any]] = {s: list(getattr(pack, s)) for s in SECTIONS}
    for p in accepted:
        if p.status != "new" or p.element is None:
            raise FoedusError(f"proposal {p.id} is {p.status}, not open for acceptance")
        if p.source.id not in {s.id for s in update["sources"]}:
            update["sources"].append(p.source)
        if p.kind == "estimate":
            assert isinstance(p.element, Flow)
            flows = update["flows"]
            i = next(i for i, f in enumerate(flows) if f.id == p.element.id)
            flows[i] = flows[i].model_copy(
                update={"estimates": (*flows[i].estimates, *p.element.estimates)}
            )
        else:
            update[p.section].append(p.element)
    # A fresh Pack, not model_copy: a copy would keep the original's cached id index.
    fields = {name: getattr(pack, name) for name in Pack.model_fields}
    fields.update({k: tuple(v) for k, v in update.items()})
    return Pack.model_validate(fields)
