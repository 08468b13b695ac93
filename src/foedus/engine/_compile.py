"""Compile a scenario (pack as of a date + modifications) into the arrays the kernel runs on.

The domain objects are read once here; the kernel never touches a pydantic object. Everything
the kernel uses keeps a pointer back to where it came from (tie ids, articles, citations,
assessment ids, parameter names), so that each output number can list its provenance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from foedus.engine._params import ParamSpec, resolve_params
from foedus.engine._scenario import Scenario, as_range
from foedus.errors import FoedusError
from foedus.model import Pack, Tie

#: Obligation kinds in the order of their integer codes.
OBLIGATION_KINDS = ("defense", "offense", "neutrality", "nonaggression", "consultation")
MAX_ACTORS = 64  # actor sets are held as 64-bit masks in the kernel


@dataclass(frozen=True)
class ObligationRow:
    """One obligation of one obliged state towards one protected state."""

    tie: str
    tie_name: str
    article: str | None
    kind: str
    by: str
    to: str
    adversaries: tuple[str, ...]
    locations: tuple[str, ...]
    state_of_war: bool
    non_provocation: bool
    min_adversaries: int
    unsupported: tuple[str, ...]
    limited_strike_counts: float
    sources: tuple[str, ...]
    members: int
    via: str | None
    start: dt.date

    @property
    def label(self) -> str:
        """``tie:BY→TO``."""
        return f"{self.tie}:{self.by}→{self.to}"

    @property
    def obligation_key(self) -> str:
        """Key shared by every row of one obligation (whether a limited strike counts as the
        treaty's armed attack is one judgement for all its members, not one per member)."""
        return f"{self.tie}|{self.article or ''}|{self.kind}"

    @property
    def key(self) -> str:
        """Stable key of the row's random streams (independent of its array position)."""
        return f"{self.tie}|{self.article or ''}|{self.kind}|{self.by}|{self.to}"


@dataclass(frozen=True)
class Shift:
    """An open, sourced shift of honour log-odds on some obligation rows."""

    origin: str  # "assessment:lee-paper-agreement", "leader:USA", ...
    rows: np.ndarray  # bool (m,)
    spec: ParamSpec
    note: str


@dataclass(frozen=True)
class Compiled:
    """A scenario as arrays (``n`` states, ``m`` obligation rows)."""

    scenario_id: str
    as_of: dt.date
    pack: Pack
    actors: tuple[str, ...]
    names: tuple[str, ...]
    theatre: tuple[str | None, ...]
    cinc: np.ndarray
    major_power: np.ndarray
    polyarchy: np.ndarray
    orientation: tuple[str | None, ...]
    rows: tuple[ObligationRow, ...]
    pos: np.ndarray  # (n, n) summed strength of positive ties
    neg: np.ndarray  # (n, n) summed strength of negative ties
    pos_ties: dict[tuple[int, int], tuple[str, ...]]
    neg_ties: dict[tuple[int, int], tuple[str, ...]]
    deployments: tuple[tuple[int, int, str], ...]  # (deployer, host, tie id)
    shifts: tuple[Shift, ...]
    value_shifts: tuple[tuple[str, str, ParamSpec], ...]  # (attacker, origin, spec)
    tie_down: dict[int, list[tuple[str, ParamSpec]]]
    params: dict[str, ParamSpec]
    assessments_applied: tuple[str, ...]
    modifications: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def n(self) -> int:
        """Number of states."""
        return len(self.actors)

    def index(self, actor: str) -> int:
        """Position of ``actor`` in the arrays."""
        return self.actors.index(actor)


def compile_scenario(scenario: Scenario) -> Compiled:
    """Read the pack as of the scenario date, apply the modifications, and build the arrays."""
    spec = scenario.spec
    mods = spec.modifications
    pack = scenario.pack.as_of(scenario.as_of)
    notes: list[str] = []
    applied_mods: list[str] = []

    # ---------------------------------------------------------------- ties after modifications
    removed = set(mods.remove_ties)
    ties: list[Tie] = [t for t in pack.ties if t.id not in removed]
    ties.extend(mods.add_ties)
    scale = {s.tie: s.factor for s in mods.scale_ties}
    if removed:
        applied_mods.append("removed ties: " + ", ".join(sorted(removed)))
    if mods.add_ties:
        applied_mods.append("added ties: " + ", ".join(t.id for t in mods.add_ties))
    for s in mods.scale_ties:
        applied_mods.append(f"tie {s.tie} strength × {s.factor:g}")

    states = [a for a in pack.actors if a.kind == "state"]
    if len(states) > MAX_ACTORS:
        raise FoedusError(
            f"the engine handles up to {MAX_ACTORS} states; pack {pack.id} has {len(states)}"
        )
    ids = tuple(a.id for a in states)
    where = {a: i for i, a in enumerate(ids)}
    orgs = {a.id: a.members for a in pack.actors if a.kind == "org"}

    def expand(member: str) -> tuple[str, ...]:
        return tuple(m for m in orgs.get(member, (member,)) if m in where)

    def attr(actor: Any, name: str) -> Any:
        value = actor.attribute(name, scenario.as_of)
        return None if value is None else value.value

    cinc = np.array([float(attr(a, "cinc") or 0.0) for a in states])
    major = np.array([bool(attr(a, "major_power")) for a in states])
    poly = np.array(
        [
            np.nan if attr(a, "v2x_polyarchy") is None else float(attr(a, "v2x_polyarchy"))
            for a in states
        ]
    )
    orientation = [attr(a, "government_orientation") for a in states]
    for gov in mods.governments:
        orientation[where[gov.actor]] = gov.orientation
        applied_mods.append(f"{gov.actor} government orientation: {gov.orientation}")
    for a in states:
        if attr(a, "cinc") is None:
            notes.append(f"{a.id} has no cinc as of {scenario.as_of}; its capability counts as 0")

    # ---------------------------------------------------------------- signed tie strengths
    n = len(ids)
    pos = np.zeros((n, n))
    neg = np.zeros((n, n))
    pos_ties: dict[tuple[int, int], list[str]] = {}
    neg_ties: dict[tuple[int, int], list[str]] = {}
    deployments: list[tuple[int, int, str]] = []
    for tie in ties:
        strength = tie.strength * scale.get(tie.id, 1.0)
        if tie.kind == "troop_deployment" and len(tie.members) == 2:
            dep, host = tie.members
            if dep in where and host in where:
                deployments.append((where[dep], where[host], tie.id))
        if any(ob.kind in ("defense", "offense") for ob in tie.obligations):
            # A pact's pull on its members is its obligations, modelled as such; counting its
            # strength as sympathy as well would count it twice.
            continue
        target, book = (pos, pos_ties) if tie.sign == 1 else (neg, neg_ties)
        # Members of the same organisation are not tied to each other by the org's tie with a
        # third party (the IP4 condemning Russia ties each IP4 state to Russia only).
        groups = [expand(member) for member in tie.members]
        for gi, ga in enumerate(groups):
            for gb in groups[gi + 1 :]:
                for x in ga:
                    for y in gb:
                        if x == y:
                            continue
                        ia, ib = where[x], where[y]
                        target[ia, ib] += strength
                        target[ib, ia] += strength
                        book.setdefault((min(ia, ib), max(ia, ib)), []).append(tie.id)

    # ---------------------------------------------------------------- obligation rows
    rows: list[ObligationRow] = []
    for tie in ties:
        for ob in tie.obligations:
            unsupported = tuple(
                name
                for name, flag in (
                    ("demand_noncompliance", ob.conditions.demand_noncompliance),
                    ("specific_conflict", ob.conditions.specific_conflict),
                )
                if flag
            )
            by_list = [m for member in tie.owed_by(ob) for m in expand(member)]
            to_list = [m for member in tie.owed_to(ob) for m in expand(member)]
            for b in by_list:
                for t in to_list:
                    if b == t:
                        continue
                    rows.append(
                        ObligationRow(
                            tie=tie.id,
                            tie_name=tie.name or tie.id,
                            article=ob.article,
                            kind=ob.kind,
                            by=b,
                            to=t,
                            adversaries=ob.conditions.adversaries,
                            locations=ob.conditions.locations,
                            state_of_war=ob.conditions.state_of_war,
                            non_provocation=ob.conditions.non_provocation,
                            min_adversaries=ob.conditions.min_adversaries or 0,
                            unsupported=unsupported,
                            limited_strike_counts=ob.conditions.limited_strike_counts,
                            sources=tuple(dict.fromkeys(c.source for c in (*ob.cite, *tie.cite))),
                            members=len(tie.members),
                            via=tie.via,
                            start=tie.start,
                        )
                    )
    m = len(rows)

    # ---------------------------------------------------------------- parameters and shifts
    params = resolve_params({k: as_range(v) for k, v in mods.parameters.items()})
    # A pack may state its own ranges for engine parameters (its `parameters` section, by id),
    # with citations; a scenario override still wins.
    for p in pack.parameters:
        if p.id in params and p.id not in mods.parameters:
            params[p.id] = ParamSpec(
                p.id,
                p.value.low,
                p.value.high,
                p.value.central,
                p.description,
                "assumption",
                f"pack {pack.id}: " + "; ".join(dict.fromkeys(c.source for c in p.cite)),
            )
            applied_mods.append(f"parameter {p.id} from the pack")
    for name in mods.parameters:
        applied_mods.append(f"parameter {name} overridden")
    shifts: list[Shift] = []
    value_shifts: list[tuple[str, str, ParamSpec]] = []
    active = {a.id: a for a in pack.assessments}
    on = [a for a in mods.assessments_on if a not in set(mods.assessments_off)]
    applied: list[str] = []
    for aid in on:
        asm = active[aid]
        eff = asm.effect
        if eff is None:
            continue
        spec_ = ParamSpec(
            f"assessment:{aid}",
            eff.shift,
            eff.shift,
            None,
            f"{asm.speaker} ({asm.affiliation}): {asm.aspect} of {asm.subject}",
            "seed",
            "; ".join(dict.fromkeys(c.source for c in asm.cite))
            + " — shift is foedus's quantification",
        )
        if eff.parameter == "reliability_logit":
            sel = np.array([r.tie == eff.target or r.by == eff.target for r in rows], dtype=bool)
            shifts.append(Shift(f"assessment:{aid}", sel, spec_, asm.note or ""))
            applied.append(aid)
        elif eff.parameter == "attack_value_logit":
            value_shifts.append((eff.target or asm.subject, f"assessment:{aid}", spec_))
            applied.append(aid)
        else:
            notes.append(f"assessment {aid}: effect on {eff.parameter!r} is not modelled")
    for lead in mods.leaders:
        low, high, central = as_range(lead.reliability_logit)
        sel = np.array([r.by == lead.actor for r in rows], dtype=bool)
        who = f" ({lead.person})" if lead.person else ""
        shifts.append(
            Shift(
                f"leader:{lead.actor}",
                sel,
                ParamSpec(
                    f"leader:{lead.actor}",
                    low,
                    high,
                    central,
                    f"leadership change in {lead.actor}{who}: credibility of its pledges",
                    "assumption",
                    "scenario; Leeds 2003 (violations follow changes since signing)",
                ),
                lead.note or "",
            )
        )
        applied_mods.append(f"leader change in {lead.actor}{who}")
    for i, rs in enumerate(mods.reliability_shifts):
        low, high, central = as_range(rs.shift)
        sel = np.array(
            [
                (rs.tie is None or r.tie == rs.tie) and (rs.by is None or r.by == rs.by)
                for r in rows
            ],
            dtype=bool,
        )
        label = f"shift:{rs.tie or ''}{'/' if rs.tie and rs.by else ''}{rs.by or ''}"
        shifts.append(
            Shift(
                label,
                sel,
                ParamSpec(
                    f"{label}#{i}",
                    low,
                    high,
                    central,
                    rs.note or "scenario reliability shift",
                    "assumption",
                    "scenario",
                ),
                rs.note or "",
            )
        )
        applied_mods.append(f"reliability shift on {rs.tie or rs.by}")
    for i, ori in enumerate(orientation):
        if ori == "engagement":
            sel = np.array([r.by == ids[i] for r in rows], dtype=bool)
            shifts.append(
                Shift(
                    f"orientation:{ids[i]}",
                    sel,
                    params["engagement_reliability_logit"],
                    f"{ids[i]} government oriented to engagement",
                )
            )

    tie_down: dict[int, list[tuple[str, ParamSpec]]] = {}
    for crisis in spec.crises:
        for actor, share in crisis.ties_down.items():
            low, high, central = as_range(share)
            tie_down.setdefault(where[actor], []).append(
                (
                    crisis.id,
                    ParamSpec(
                        f"ties_down:{crisis.id}:{actor}",
                        low,
                        high,
                        central,
                        f"share of {actor}'s capability absorbed by the {crisis.id} crisis",
                        "assumption",
                        crisis.note or "scenario",
                    ),
                )
            )
    if m == 0:
        notes.append("no obligations in force: only sympathy, opportunism and tripwires act")
    return Compiled(
        scenario_id=spec.id,
        as_of=scenario.as_of,
        pack=pack,
        actors=ids,
        names=tuple(a.name for a in states),
        theatre=tuple(a.theatre for a in states),
        cinc=cinc,
        major_power=major,
        polyarchy=poly,
        orientation=tuple(orientation),
        rows=tuple(rows),
        pos=pos,
        neg=neg,
        pos_ties={k: tuple(v) for k, v in pos_ties.items()},
        neg_ties={k: tuple(v) for k, v in neg_ties.items()},
        deployments=tuple(deployments),
        shifts=tuple(shifts),
        value_shifts=tuple(value_shifts),
        tie_down=tie_down,
        params=params,
        assessments_applied=tuple(applied),
        modifications=tuple(applied_mods),
        notes=tuple(notes),
    )


def covariates(c: Compiled) -> Any:
    """The reliability covariates of every obligation row (see ``ObligationCovariates``)."""
    from foedus.engine._honour import ObligationCovariates

    idx = {a: i for i, a in enumerate(c.actors)}
    by = np.array([idx[r.by] for r in c.rows], dtype=int)
    to = np.array([idx[r.to] for r in c.rows], dtype=int)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(
            c.cinc[to] > 0, c.cinc[by] / np.where(c.cinc[to] > 0, c.cinc[to], 1), np.nan
        )
    return ObligationCovariates(
        kind=np.array([r.kind for r in c.rows], dtype=object),
        post1945=np.full(len(c.rows), c.as_of.year > 1945),
        bilateral=np.array([r.members == 2 for r in c.rows], dtype=bool),
        n_members=np.array([r.members for r in c.rows], dtype=int),
        obliged_major_power=c.major_power[by] if len(by) else np.zeros(0, bool),
        protected_major_power=c.major_power[to] if len(to) else np.zeros(0, bool),
        obliged_polyarchy=c.polyarchy[by] if len(by) else np.zeros(0),
        protected_polyarchy=c.polyarchy[to] if len(to) else np.zeros(0),
        capability_ratio=ratio if len(by) else np.zeros(0),
        years_in_force=np.array([(c.as_of - r.start).days / 365.25 for r in c.rows]),
        institutionalised=np.array([r.via is not None for r in c.rows], dtype=bool),
        labels=tuple(r.label for r in c.rows),
    )
