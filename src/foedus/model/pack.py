"""The pack: one security architecture — its sources, actors, ties, flows, judgements, events.

A :class:`Pack` is immutable. :meth:`Pack.as_of` returns the architecture in force on a date,
with nothing whose source is dated after that date (no look-ahead).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import Any, Literal, TypeVar

from pydantic import Field

from foedus.model._base import Citation, Frozen, Id
from foedus.model.actor import Actor
from foedus.model.assessment import Assessment
from foedus.model.claim import Claim, Parameter
from foedus.model.event import Event
from foedus.model.flow import Flow
from foedus.model.source import Source
from foedus.model.tie import Tie

FORMAT_VERSION = 1

T = TypeVar("T")

#: Sections of a pack whose entries carry ids.
SECTIONS = ("sources", "actors", "ties", "flows", "assessments", "events", "claims", "parameters")

HEAD_ROLES = ("head_of_state", "head_of_government", "supreme_leader")


class Pack(Frozen):
    """A security architecture: every fact with its sources.

    Build one with :func:`foedus.load_pack`; the constructor validates each entry but not the
    cross-references between them (that is the loader's job, which reports file and line).

    Parameters
    ----------
    id, title : str
    description : str, optional
    extends : str, optional
        Name or relative path of the pack this one extends.
    as_of : date, optional
        Set on a view made by :meth:`as_of`; ``None`` for the full pack.
    """

    foedus: Literal[1] = 1
    id: Id
    title: str
    description: str | None = None
    extends: str | None = None
    default_as_of: dt.date | None = None
    as_of_date: dt.date | None = Field(default=None, alias="as_of")
    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...] = ()
    ties: tuple[Tie, ...] = ()
    flows: tuple[Flow, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    remove: tuple[Id, ...] = ()

    model_config = Frozen.model_config | {"populate_by_name": True}

    # ----------------------------------------------------------------------------- look-ups
    @cached_property
    def _index(self) -> dict[str, dict[str, Any]]:
        return {section: {item.id: item for item in getattr(self, section)} for section in SECTIONS}

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Pack:
        """A copy with ``update`` applied; the id index is rebuilt for the copy's own sections."""
        copy = super().model_copy(update=update, deep=deep)
        # pydantic copies ``__dict__`` wholesale, cached look-ups included: without this, a view
        # from ``as_of`` would still find the elements it dropped.
        copy.__dict__.pop("_index", None)
        return copy

    def source(self, source_id: str) -> Source:
        """The source with this id (``KeyError`` if none)."""
        return self._lookup("sources", source_id)

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (``KeyError`` if none)."""
        return self._lookup("actors", actor_id)

    def tie(self, tie_id: str) -> Tie:
        """The tie with this id (``KeyError`` if none)."""
        return self._lookup("ties", tie_id)

    def flow(self, flow_id: str) -> Flow:
        """The flow with this id (``KeyError`` if none)."""
        return self._lookup("flows", flow_id)

    def assessment(self, assessment_id: str) -> Assessment:
        """The assessment with this id (``KeyError`` if none)."""
        return self._lookup("assessments", assessment_id)

    def event(self, event_id: str) -> Event:
        """The event with this id (``KeyError`` if none)."""
        return self._lookup("events", event_id)

    def parameter(self, parameter_id: str) -> Parameter:
        """The parameter with this id (``KeyError`` if none)."""
        return self._lookup("parameters", parameter_id)

    def get(self, element_id: str) -> Any:
        """Any element by id, whatever its section (``KeyError`` if none)."""
        for section in SECTIONS:
            if element_id in self._index[section]:
                return self._index[section][element_id]
        raise KeyError(f"no element {element_id!r} in pack {self.id!r}")

    def _lookup(self, section: str, element_id: str) -> Any:
        try:
            return self._index[section][element_id]
        except KeyError:
            raise KeyError(f"no {section[:-1]} {element_id!r} in pack {self.id!r}") from None

    def ties_of(self, actor_id: str, kinds: Iterable[str] | None = None) -> tuple[Tie, ...]:
        """Ties that ``actor_id`` is a member of, optionally of the given kinds only."""
        wanted = None if kinds is None else frozenset(kinds)
        return tuple(
            t for t in self.ties if actor_id in t.members and (wanted is None or t.kind in wanted)
        )

    def leader(self, state_id: str, on: dt.date | None = None) -> Actor | None:
        """The person heading ``state_id`` on ``on`` (default: this view's as-of date)."""
        day = on or self.as_of_date or dt.date.today()
        holders = [
            (office.start, actor)
            for role in HEAD_ROLES
            for actor in self.actors
            for office in actor.offices
            if office.of == state_id and office.role == role and office.held_on(day)
        ]
        # The latest to take office wins (a successor sworn in before a predecessor's end).
        return max(holders, key=lambda pair: pair[0])[1] if holders else None

    # ----------------------------------------------------------------------------- time
    def as_of(self, day: dt.date | str) -> Pack:
        """The architecture in force on ``day``, using nothing published after it.

        * sources dated after ``day`` are dropped, and so are citations of them; an element
          left with no citation is dropped (it rested only on later information);
        * ties and flows not yet begun, or ended by ``day`` (end exclusive), are dropped;
        * events and assessments dated after ``day`` are dropped, as are attribute values and
          offices not begun by ``day`` (offices ended by then are kept, with their end date);
        * an end date after ``day`` is not yet known on ``day``, so it is cleared.

        Parameters
        ----------
        day : date or ISO string

        Returns
        -------
        Pack
            A new pack with ``as_of_date`` set.

        Examples
        --------
        >>> from foedus import load_pack
        >>> pack = load_pack("putin-kim-2024")
        >>> "rus-prk-csp-2024" in {t.id for t in pack.as_of("2024-07-15").ties}
        True
        >>> "rus-prk-csp-2024" in {t.id for t in pack.as_of("2024-06-01").ties}
        False
        """
        day = dt.date.fromisoformat(day) if isinstance(day, str) else day
        visible = {s.id for s in self.sources if s.date <= day}
        sources = tuple(s for s in self.sources if s.id in visible)

        def keep(cites: Sequence[Citation]) -> tuple[Citation, ...]:
            return tuple(c for c in cites if c.source in visible)

        actors = []
        for actor in self.actors:
            attributes = []
            for value in actor.attributes:
                cites = keep(value.cite)
                if value.date <= day and cites:
                    attributes.append(value.model_copy(update={"cite": cites}))
            offices = []
            for office in actor.offices:
                cites = keep(office.cite)
                if office.start <= day and cites:
                    offices.append(
                        office.model_copy(update={"cite": cites, "end": _known(office.end, day)})
                    )
            actors.append(
                actor.model_copy(
                    update={"attributes": tuple(attributes), "offices": tuple(offices)}
                )
            )

        ties = []
        for tie in self.ties:
            cites = keep(tie.cite)
            if not tie.in_force(day) or not cites:
                continue
            obligations = tuple(
                o.model_copy(update={"cite": keep(o.cite) or cites}) for o in tie.obligations
            )
            ties.append(
                tie.model_copy(
                    update={"cite": cites, "obligations": obligations, "end": _known(tie.end, day)}
                )
            )

        flows = []
        for flow in self.flows:
            if flow.start > day or (flow.end is not None and flow.end <= day):
                continue
            estimates = []
            for est in flow.estimates:
                cites = keep(est.cite)
                if est.date <= day and cites:
                    estimates.append(est.model_copy(update={"cite": cites}))
            if estimates:
                flows.append(
                    flow.model_copy(
                        update={"estimates": tuple(estimates), "end": _known(flow.end, day)}
                    )
                )

        def dated(items: Sequence[T], date_of: str = "date") -> tuple[T, ...]:
            out = []
            for item in items:
                cites = keep(item.cite)  # type: ignore[attr-defined]
                if getattr(item, date_of) <= day and cites:
                    out.append(item.model_copy(update={"cite": cites}))  # type: ignore[attr-defined]
            return tuple(out)

        def cited(items: Sequence[T]) -> tuple[T, ...]:
            out = []
            for item in items:
                cites = keep(item.cite)  # type: ignore[attr-defined]
                if cites:
                    out.append(item.model_copy(update={"cite": cites}))  # type: ignore[attr-defined]
            return tuple(out)

        return self.model_copy(
            update={
                "as_of_date": day,
                "sources": sources,
                "actors": tuple(actors),
                "ties": tuple(ties),
                "flows": tuple(flows),
                "assessments": dated(self.assessments),
                "events": dated(self.events),
                "claims": cited(self.claims),
                "parameters": cited(self.parameters),
            }
        )


def _known(end: dt.date | None, day: dt.date) -> dt.date | None:
    """An end date as known on ``day``: one still in the future is not known yet."""
    return end if end is not None and end <= day else None
