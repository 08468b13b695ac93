"""Scenario files: a base pack, an as-of date, triggers, concurrent crises and modifications.

A scenario is YAML, validated like a pack: every problem is reported at once with its file,
line, column, field and reason (:class:`~foedus.errors.PackError`). A scenario may ``extend``
another: its scalar fields replace the parent's, ``triggers`` and ``crises`` replace the
parent's lists when given, and ``modifications`` accumulate (lists are concatenated, parameter
overrides merged, the child's winning).

Example
-------
.. code-block:: yaml

    foedus_scenario: 1
    id: prk-limited-strike
    title: A DPRK limited strike on the ROK
    claims: [C17]
    pack: putin-kim-2024
    as_of: 2024-07-15
    triggers:
      - {attacker: PRK, target: KOR, kind: limited_strike}
    modifications:
      assessments_on: [lee-limited-attack]
      parameters:
        strike: {low: 0.3, high: 0.7}
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, model_validator

from foedus.engine._params import DEFAULTS
from foedus.errors import PackError, Problem
from foedus.model import Pack, Range, Tie
from foedus.model._base import Frozen, Id
from foedus.model.actor import Theatre
from foedus.packs import DEFAULT_PACK, load_pack, resolve_pack
from foedus.packs._yaml import Positions, format_path, load_yaml, read_yaml_file

TriggerKind = Literal["limited_strike", "invasion", "blockade"]
Orientation = Literal["hardline", "engagement", "neutral"]
MAX_SCENARIO_BYTES = 5 * 1024 * 1024
BUNDLED_SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios" / "bundled"

#: A number, or a range {low, high, central?}.
Uncertain = float | Range


def as_range(value: Uncertain) -> tuple[float, float, float | None]:
    """``(low, high, central)`` of a number or a :class:`~foedus.model.Range`."""
    if isinstance(value, Range):
        return (value.low, value.high, value.central)
    return (float(value), float(value), None)


class Trigger(Frozen):
    """The event that starts the war: ``attacker`` acts against ``target``."""

    attacker: Id
    target: Id
    kind: TriggerKind = "invasion"
    label: str | None = None

    @model_validator(mode="after")
    def _distinct(self) -> Trigger:
        if self.attacker == self.target:
            raise ValueError("attacker and target must differ")
        return self


class Crisis(Frozen):
    """A concurrent crisis elsewhere: who is engaged in it and how much it ties down.

    ``ties_down`` maps an actor to the share of its capability the crisis absorbs (a number or a
    range); the engine removes that share from what the actor can bring to the scenario's war.
    """

    id: Id
    parties: tuple[Id, ...] = Field(min_length=1)
    theatre: Theatre | None = None
    ties_down: dict[Id, Uncertain] = Field(default_factory=dict)
    note: str | None = None

    @model_validator(mode="after")
    def _shares(self) -> Crisis:
        for actor, share in self.ties_down.items():
            low, high, _ = as_range(share)
            if not (0.0 <= low <= high <= 1.0):
                raise ValueError(f"ties_down of {actor} must lie in [0, 1]")
        return self


class LeaderChange(Frozen):
    """A different leader in office, and what it does to the credibility of the state's pledges.

    ``reliability_logit`` shifts the log-odds that the state honours each obligation it owes.
    """

    actor: Id
    person: Id | None = None
    reliability_logit: Uncertain = 0.0
    note: str | None = None


class GovernmentChange(Frozen):
    """A government with a different orientation (``engagement`` versus ``hardline``)."""

    actor: Id
    orientation: Orientation
    note: str | None = None


class TieScale(Frozen):
    """Multiply a tie's strength (its weight in sympathy and opportunism) by ``factor``."""

    tie: Id
    factor: float = Field(ge=0.0)


class ReliabilityShift(Frozen):
    """Shift the log-odds of honouring obligations of a tie, or owed by an actor, or both."""

    tie: Id | None = None
    by: Id | None = None
    shift: Uncertain
    note: str | None = None

    @model_validator(mode="after")
    def _some(self) -> ReliabilityShift:
        if self.tie is None and self.by is None:
            raise ValueError("a reliability shift names a tie, an obliged actor (by), or both")
        return self


class Modifications(Frozen):
    """Changes the scenario makes to the as-of architecture."""

    leaders: tuple[LeaderChange, ...] = ()
    governments: tuple[GovernmentChange, ...] = ()
    add_ties: tuple[Tie, ...] = ()
    remove_ties: tuple[Id, ...] = ()
    scale_ties: tuple[TieScale, ...] = ()
    reliability_shifts: tuple[ReliabilityShift, ...] = ()
    assessments_on: tuple[Id, ...] = ()
    assessments_off: tuple[Id, ...] = ()
    parameters: dict[str, Uncertain] = Field(default_factory=dict)

    def merged(self, child: Modifications) -> Modifications:
        """This (a parent's) modifications with ``child``'s on top."""
        out: dict[str, Any] = {}
        for name in type(self).model_fields:
            mine, theirs = getattr(self, name), getattr(child, name)
            out[name] = {**mine, **theirs} if isinstance(mine, dict) else (*mine, *theirs)
        # A child switching an assessment off wins over the parent switching it on.
        out["assessments_on"] = tuple(
            a for a in out["assessments_on"] if a not in child.assessments_off
        )
        return Modifications.model_validate(out)


class ScenarioSpec(Frozen):
    """The validated content of a scenario file (after ``extends`` is resolved)."""

    foedus_scenario: Literal[1] = 1
    id: Id
    title: str
    description: str | None = None
    claims: tuple[Id, ...] = ()
    pack: str = DEFAULT_PACK
    as_of: dt.date | None = None
    extends: str | None = None
    baseline: Id | None = None
    triggers: tuple[Trigger, ...] = Field(default=(), min_length=0)
    crises: tuple[Crisis, ...] = ()
    modifications: Modifications = Modifications()
    draws: int | None = Field(default=None, ge=100, le=10_000_000)
    seed: int | None = Field(default=None, ge=0)


@dataclass(frozen=True)
class Scenario:
    """A loaded scenario: its spec, its base pack (full, not yet as-of) and where it came from.

    Attributes
    ----------
    spec : ScenarioSpec
    pack : Pack
        The base pack as loaded (use :attr:`as_of` for the date the scenario is set on).
    file : str
    """

    spec: ScenarioSpec
    pack: Pack
    file: str

    @property
    def id(self) -> str:
        """The scenario's id."""
        return self.spec.id

    @property
    def as_of(self) -> dt.date:
        """The scenario date: its own ``as_of``, else the pack's default, else today."""
        return self.spec.as_of or self.pack.default_as_of or dt.date.today()


# ------------------------------------------------------------------------------------ loading
def bundled_scenarios() -> list[str]:
    """Ids of the scenarios shipped with foedus, in the order the brief runs them."""
    from foedus.scenarios import bundled_order

    return bundled_order()


def resolve_scenario(name_or_path: str | Path, base_dir: Path | None = None) -> Path:
    """The file of a bundled scenario id, or ``name_or_path`` itself."""
    text = str(name_or_path)
    candidate = Path(text)
    if base_dir is not None and not candidate.is_absolute():
        candidate = base_dir / candidate
    if candidate.is_file():
        return candidate
    bundled = BUNDLED_SCENARIOS / f"{text}.yaml"
    if "/" not in text and "\\" not in text and bundled.is_file():
        return bundled
    names = ", ".join(sorted(p.stem for p in BUNDLED_SCENARIOS.glob("*.yaml")))
    raise PackError(
        [Problem(text, None, None, "", f"no such scenario file or bundled scenario ({names})")]
    )


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load and validate a scenario, bundled by id or from a YAML file.

    Every problem found is reported at once in a :class:`~foedus.errors.PackError`.

    Examples
    --------
    >>> from foedus.engine import load_scenario
    >>> s = load_scenario("prk-limited-strike")
    >>> s.spec.triggers[0].kind
    'limited_strike'
    """
    return _load(resolve_scenario(name_or_path), ())


def parse_scenario(text: str, file: str = "<string>", base_dir: Path | None = None) -> Scenario:
    """Validate a scenario given as YAML text (relative paths resolve against ``base_dir``)."""
    return _parse(text, file, base_dir or Path.cwd(), ())


def _load(path: Path, chain: tuple[Path, ...]) -> Scenario:
    text = read_yaml_file(path, chain, MAX_SCENARIO_BYTES, "scenario")
    return _parse(text, str(path), path.parent, (*chain, path.resolve()))


def _parse(text: str, file: str, base_dir: Path, chain: tuple[Path, ...]) -> Scenario:
    if "\x00" in text:
        raise PackError([Problem(file, None, None, "", "binary data, not a YAML scenario")])
    data, positions, problems = load_yaml(text, file)
    if problems:
        raise PackError(problems)
    if not isinstance(data, dict):
        raise PackError([Problem(file, 1, 1, "", "a scenario must be a mapping of fields")])
    try:
        own = ScenarioSpec.model_validate(data)
    except ValidationError as exc:
        raise PackError(_validation_problems(exc, file, positions)) from None

    parent: Scenario | None = None
    if own.extends:
        if not chain:
            chain = (Path(file).resolve(),)
        try:
            parent_path = resolve_scenario(own.extends, base_dir)
        except PackError as exc:
            raise PackError(
                [_problem(file, positions, ("extends",), p.reason) for p in exc.problems]
            ) from None
        parent = _load(parent_path, chain)

    pack: Pack
    if parent is not None and "pack" not in own.model_fields_set:
        pack = parent.pack
    else:
        try:
            pack = _cached_pack(resolve_pack(own.pack, base_dir))
        except PackError as exc:
            if any(p.file != own.pack for p in exc.problems):
                raise
            raise PackError(
                [_problem(file, positions, ("pack",), p.reason) for p in exc.problems]
            ) from None

    spec = _merge(parent.spec, own) if parent is not None else own
    if not spec.triggers:
        problems.append(_problem(file, positions, ("triggers",), "a scenario needs a trigger"))
    as_of = spec.as_of or pack.default_as_of or dt.date.today()
    problems.extend(_reference_problems(own, pack.as_of(as_of), file, positions))
    if problems:
        raise PackError(_dedupe(problems))
    return Scenario(spec=spec, pack=pack, file=file)


def _cached_pack(path: Path) -> Pack:
    """Load a pack once per process while its file is unchanged (packs are immutable)."""
    stat = path.stat()
    return _load_pack_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _load_pack_cached(path: str, mtime_ns: int, size: int) -> Pack:
    del mtime_ns, size  # part of the cache key only
    return load_pack(Path(path))


def _merge(parent: ScenarioSpec, child: ScenarioSpec) -> ScenarioSpec:
    update: dict[str, Any] = {
        name: getattr(child, name)
        for name in child.model_fields_set
        if name not in ("modifications", "extends")
    }
    update["modifications"] = parent.modifications.merged(child.modifications)
    update["extends"] = child.extends
    return parent.model_copy(update=update)


def _reference_problems(
    spec: ScenarioSpec, pack: Pack, file: str, positions: Positions
) -> list[Problem]:
    """Cross-references of one file's own fields against the as-of pack."""
    out: list[Problem] = []
    actors = {a.id: a for a in pack.actors}
    states = {a.id for a in pack.actors if a.kind == "state"}
    mods = spec.modifications
    added = {t.id for t in mods.add_ties}
    ties = {t.id for t in pack.ties} | added
    assessments = {a.id: a for a in pack.assessments}

    def need(
        path: tuple[str | int, ...], ref: str, pool: set[str] | dict[str, Any], what: str
    ) -> None:
        if ref not in pool:
            out.append(
                _problem(
                    file,
                    positions,
                    path,
                    f"unknown {what} {ref!r} in {pack.id} as of {pack.as_of_date}",
                )
            )

    for i, trig in enumerate(spec.triggers):
        need(("triggers", i, "attacker"), trig.attacker, states, "state")
        need(("triggers", i, "target"), trig.target, states, "state")
    for i, crisis in enumerate(spec.crises):
        for j, party in enumerate(crisis.parties):
            need(("crises", i, "parties", j), party, states, "state")
        for actor in crisis.ties_down:
            need(("crises", i, "ties_down", actor), actor, states, "state")
    base = ("modifications",)
    for i, lead in enumerate(mods.leaders):
        need((*base, "leaders", i, "actor"), lead.actor, states, "state")
        if lead.person is not None:
            person = actors.get(lead.person)
            if person is None or person.kind != "person":
                out.append(
                    _problem(
                        file,
                        positions,
                        (*base, "leaders", i, "person"),
                        f"{lead.person!r} is not a person of {pack.id}",
                    )
                )
    for i, gov in enumerate(mods.governments):
        need((*base, "governments", i, "actor"), gov.actor, states, "state")
    for i, tie in enumerate(mods.add_ties):
        here: tuple[str | int, ...] = (*base, "add_ties", i)
        if tie.id in {t.id for t in pack.ties}:
            out.append(_problem(file, positions, (*here, "id"), f"tie {tie.id!r} already exists"))
        for j, member in enumerate(tie.members):
            need((*here, "members", j), member, actors, "actor")
        sources = {s.id for s in pack.sources}
        for j, cite in enumerate(tie.cite):
            need((*here, "cite", j, "source"), cite.source, sources, "source")
        for j, ob in enumerate(tie.obligations):
            for k, who in enumerate((*ob.by, *ob.to)):
                if who not in tie.members:
                    out.append(
                        _problem(
                            file,
                            positions,
                            (*here, "obligations", j),
                            f"{who!r} is not a member of tie {tie.id!r}",
                        )
                    )
                    del k
                    break
    for i, tie_id in enumerate(mods.remove_ties):
        need((*base, "remove_ties", i), tie_id, ties, "tie")
    for i, scale in enumerate(mods.scale_ties):
        need((*base, "scale_ties", i, "tie"), scale.tie, ties, "tie")
    for i, shift in enumerate(mods.reliability_shifts):
        if shift.tie is not None:
            need((*base, "reliability_shifts", i, "tie"), shift.tie, ties, "tie")
        if shift.by is not None:
            need((*base, "reliability_shifts", i, "by"), shift.by, states, "state")
    for field in ("assessments_on", "assessments_off"):
        for i, aid in enumerate(getattr(mods, field)):
            if aid not in assessments:
                need((*base, field, i), aid, assessments, "assessment")
            elif field == "assessments_on" and assessments[aid].effect is None:
                out.append(
                    _problem(
                        file,
                        positions,
                        (*base, field, i),
                        f"assessment {aid!r} has no effect to switch on",
                    )
                )
    for name, value in mods.parameters.items():
        here = (*base, "parameters", name)
        if name not in DEFAULTS:
            known = ", ".join(sorted(DEFAULTS))
            out.append(_problem(file, positions, here, f"unknown parameter (known: {known})"))
            continue
        low, high, _ = as_range(value)
        if _is_probability(name) and not (0.0 <= low <= high <= 1.0):
            out.append(_problem(file, positions, here, "a probability must lie in [0, 1]"))
        elif low < 0 and not name.endswith("_logit"):
            out.append(_problem(file, positions, here, "must not be negative"))
    claims = {c.id for c in pack.claims}
    for i, cid in enumerate(spec.claims):
        need(("claims", i), cid, claims, "claim")
    return out


def _is_probability(name: str) -> bool:
    return name.startswith(("retaliation_", "tripwire_", "projection_")) or name in (
        "strike",
        "struck_joins",
    )


def _validation_problems(exc: ValidationError, file: str, positions: Positions) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        # Pydantic reports union members as extra path parts ("float", "Range"); drop them.
        loc = tuple(
            p for p in err["loc"] if p not in ("float", "Range", "function-after[_check(), Range]")
        )
        reason = "unknown field" if err["type"] == "extra_forbidden" else err["msg"]
        if reason.startswith("Value error, "):
            reason = reason[len("Value error, ") :]
        out.append(_problem(file, positions, loc, reason))
    return _dedupe(out)


def _problem(file: str, positions: Positions, path: tuple[Any, ...], reason: str) -> Problem:
    where = None
    for cut in range(len(path), -1, -1):
        where = positions.get(tuple(path[:cut]))
        if where is not None:
            break
    line, col = where if where else (None, None)
    return Problem(file, line, col, format_path(tuple(path)), reason)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    out = []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def spec_to_dict(spec: BaseModel) -> dict[str, Any]:
    """JSON-ready dump of a spec (dates as ISO strings)."""
    return spec.model_dump(mode="json", exclude_defaults=True)
