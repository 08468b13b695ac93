"""Cross-reference checks of a pack: everything a single entry cannot check about itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import get_args

from foedus.model import Citation, Pack
from foedus.model.actor import Theatre

THEATRES = frozenset(get_args(Theatre))

#: (section, element id, path inside the element, reason)
Finding = tuple[str, str, tuple[str | int, ...], str]


def check_pack(pack: Pack) -> list[Finding]:
    """Every cross-reference problem of ``pack``, in a stable order (empty when it is sound)."""
    return list(_findings(pack))


def _findings(pack: Pack) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for section in (
        "sources",
        "actors",
        "ties",
        "flows",
        "assessments",
        "events",
        "claims",
        "parameters",
    ):
        for item in getattr(pack, section):
            if item.id in seen:
                yield (
                    section,
                    item.id,
                    ("id",),
                    (f"duplicate id {item.id!r} (already used in {seen[item.id]})"),
                )
            else:
                seen[item.id] = section

    actors = {a.id: a for a in pack.actors}
    sources = {s.id: s for s in pack.sources}

    def actor_ref(
        section: str, owner: str, path: tuple[str | int, ...], ref: str, kind: str | None = None
    ) -> Iterator[Finding]:
        if ref not in actors:
            yield section, owner, path, f"unknown actor {ref!r}"
        elif kind is not None and actors[ref].kind != kind:
            yield section, owner, path, f"{ref!r} is a {actors[ref].kind}, expected a {kind}"

    def cites(
        section: str, owner: str, path: tuple[str | int, ...], citations: tuple[Citation, ...]
    ) -> Iterator[Finding]:
        for i, c in enumerate(citations):
            here = (*path, "cite", i)
            source = sources.get(c.source)
            if source is None:
                yield section, owner, (*here, "source"), f"unknown source {c.source!r}"
                continue
            if c.span is not None:
                if source.length is None:
                    yield (
                        section,
                        owner,
                        (*here, "span"),
                        (f"a span needs the length of source {c.source!r}'s text (set its length)"),
                    )
                elif c.span[1] > source.length:
                    yield (
                        section,
                        owner,
                        (*here, "span"),
                        (
                            f"span {list(c.span)} is outside the text of {c.source!r} "
                            f"({source.length} characters)"
                        ),
                    )

    for actor in pack.actors:
        for i, member in enumerate(actor.members):
            yield from actor_ref("actors", actor.id, ("members", i), member)
        for i, office in enumerate(actor.offices):
            yield from actor_ref("actors", actor.id, ("offices", i, "of"), office.of)
            yield from cites("actors", actor.id, ("offices", i), office.cite)
        for i, value in enumerate(actor.attributes):
            yield from cites("actors", actor.id, ("attributes", i), value.cite)

    for tie in pack.ties:
        for i, member in enumerate(tie.members):
            yield from actor_ref("ties", tie.id, ("members", i), member)
        if tie.via is not None:
            yield from actor_ref("ties", tie.id, ("via",), tie.via, "org")
        yield from cites("ties", tie.id, (), tie.cite)
        for j, ob in enumerate(tie.obligations):
            for field in ("by", "to"):
                for i, ref in enumerate(getattr(ob, field)):
                    if ref not in tie.members:
                        yield (
                            "ties",
                            tie.id,
                            ("obligations", j, field, i),
                            (f"{ref!r} is not a member of tie {tie.id!r}"),
                        )
            for i, ref in enumerate(ob.conditions.adversaries):
                yield from actor_ref(
                    "ties", tie.id, ("obligations", j, "conditions", "adversaries", i), ref
                )
            for i, ref in enumerate(ob.conditions.locations):
                if ref not in THEATRES and ref not in actors:
                    yield (
                        "ties",
                        tie.id,
                        ("obligations", j, "conditions", "locations", i),
                        f"{ref!r} is neither a theatre ({', '.join(sorted(THEATRES))}) "
                        "nor an actor",
                    )
            yield from cites("ties", tie.id, ("obligations", j), ob.cite)

    for flow in pack.flows:
        yield from actor_ref("flows", flow.id, ("source",), flow.source)
        yield from actor_ref("flows", flow.id, ("target",), flow.target)
        for i, est in enumerate(flow.estimates):
            yield from cites("flows", flow.id, ("estimates", i), est.cite)

    claim_ids = {c.id for c in pack.claims}
    for a in pack.assessments:
        yield from actor_ref("assessments", a.id, ("speaker",), a.speaker, "person")
        if a.subject not in seen:
            yield "assessments", a.id, ("subject",), f"unknown subject {a.subject!r}"
        if a.effect is not None and a.effect.target is not None and a.effect.target not in seen:
            yield (
                "assessments",
                a.id,
                ("effect", "target"),
                (f"unknown effect target {a.effect.target!r}"),
            )
        for i, claim_id in enumerate(a.claims):
            if claim_ids and claim_id not in claim_ids:
                yield "assessments", a.id, ("claims", i), f"unknown claim {claim_id!r}"
        yield from cites("assessments", a.id, (), a.cite)

    for event in pack.events:
        for i, ref in enumerate(event.actors):
            yield from actor_ref("events", event.id, ("actors", i), ref)
        yield from cites("events", event.id, (), event.cite)

    for claim in pack.claims:
        for i, ref in enumerate(claim.elements):
            if ref not in seen:
                yield "claims", claim.id, ("elements", i), f"unknown element {ref!r}"
        for i, ref in enumerate(claim.speakers):
            yield from actor_ref("claims", claim.id, ("speakers", i), ref)
        yield from cites("claims", claim.id, (), claim.cite)

    for param in pack.parameters:
        yield from cites("parameters", param.id, (), param.cite)
