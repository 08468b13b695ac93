"""Wedge: whose wavering hurts the camp's most exposed member most (seed claims C20–C21).

A member of a camp *wavers* when a leadership or government swing weakens its ties to the rest
of the camp. With a swing ``s`` in [0, 1), every positive tie the member shares with another camp
member is weakened as a scenario modification:

* its ``strength`` (the weight it carries in sympathy and opportunism) is multiplied by ``1 − s``;
* the odds that the member honours each obligation of that tie are multiplied by ``1 − s``, i.e.
  the log-odds shift by ``ln(1 − s)`` (for ``s = 0.5``, −0.69: within the range the bundled
  US leadership-change scenario uses, −1.5 to −0.3).

Other members' obligations towards the wavering member, troop deployments (the tripwire stays)
and every tie outside the camp are unchanged.

For every member in turn, :func:`wedge_ranking` asks an *evaluator* for the per-draw outcome
"deterrence holds" for the exposed member with that member wavering, and ranks the members by
how much their wavering lowers P(deterrence holds):

    drop_m = mean_w( holds_w(base) − holds_w(m wavers) )

The evaluator must use the same random numbers on every call (common random numbers), so that
the per-draw differences measure the change and not Monte Carlo noise; ``drop_se`` is the
standard error of that paired mean, ``se_independent`` the one two independent runs of the same
size would have. :func:`engine_wedge` is the evaluator on the scenario engine.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from foedus._intervals import paired_difference
from foedus.model import Pack

if TYPE_CHECKING:
    from foedus.engine import ReliabilityProvider, Scenario
    from foedus.engine._scenario import Modifications

__all__ = [
    "DEFAULT_CAMP",
    "DEFAULT_EXPOSED",
    "DEFAULT_SWING",
    "Evaluator",
    "WedgeEntry",
    "WedgeResult",
    "engine_wedge",
    "pack_evaluator",
    "resolve_camp",
    "waver",
    "waver_modifications",
    "waver_ties",
    "wedge_ranking",
]

#: The democracies of the seed's claim C21: the members of NATO and of the IP4 (orgs expanded).
DEFAULT_CAMP = ("NATO", "IP4")
#: The camp's most exposed member: the ROK, next to the DPRK.
DEFAULT_EXPOSED = "KOR"
#: Default swing: the wavering member's tie strengths and honour odds are halved.
DEFAULT_SWING = 0.5
#: Log-odds floor for a swing of 1 (honouring becomes practically impossible).
MIN_LOGIT_SHIFT = -30.0

#: ``evaluator(member)`` → per-draw outcomes for the exposed member when ``member`` wavers
#: (``None``: nobody wavers), on common random numbers.
Evaluator = Callable[[str | None], npt.ArrayLike]


def _check_swing(swing: float) -> None:
    if not 0.0 <= swing <= 1.0:
        raise ValueError("swing must be in [0, 1]")


def waver_ties(pack: Pack, member: str, camp: Iterable[str]) -> tuple[str, ...]:
    """Ids of the positive ties ``member`` shares with at least one other member of ``camp``.

    Examples
    --------
    >>> from foedus.packs import load_pack
    >>> view = load_pack("putin-kim-2024").as_of("2024-07-15")
    >>> waver_ties(view, "JPN", ["USA", "JPN", "KOR"])
    ('usa-jpn-1960', 'usfj', 'camp-david-trilateral', 'jpn-kor-rapprochement')
    """
    others = set(camp) - {member}
    return tuple(
        t.id
        for t in pack.ties
        if member in t.members and (t.sign or 0) > 0 and others & set(t.members)
    )


def waver(pack: Pack, member: str, camp: Iterable[str], swing: float = DEFAULT_SWING) -> Pack:
    """A copy of ``pack`` in which the strength of ``member``'s positive camp ties is × (1 − swing).

    The pack-only part of wavering (a pack has no honour probabilities); the engine applies the
    full modification through :func:`waver_modifications`.
    """
    _check_swing(swing)
    weakened = set(waver_ties(pack, member, camp))
    ties = tuple(
        t.model_copy(update={"strength": t.strength * (1.0 - swing)}) if t.id in weakened else t
        for t in pack.ties
    )
    fields = {name: getattr(pack, name) for name in type(pack).model_fields}
    fields["ties"] = ties
    return type(pack)(**fields)  # a fresh object: no cached look-ups of the old ties


def waver_modifications(
    pack: Pack,
    member: str,
    camp: Iterable[str],
    swing: float = DEFAULT_SWING,
    existing: Modifications | None = None,
) -> Modifications:
    """The scenario modifications of ``member`` wavering (see the module docstring).

    Parameters
    ----------
    pack : Pack
        The pack as of the scenario date.
    member : str
    camp : iterable of str
    swing : float
        In [0, 1].
    existing : Modifications, optional
        The scenario's own modifications: a tie it already scales keeps that factor, times
        ``1 − swing``.

    Returns
    -------
    Modifications
        ``scale_ties`` and ``reliability_shifts`` (empty when the member has no camp tie).
    """
    from foedus.engine._scenario import Modifications, ReliabilityShift, TieScale

    _check_swing(swing)
    factor = 1.0 - swing
    shift = max(math.log(factor), MIN_LOGIT_SHIFT) if factor > 0 else MIN_LOGIT_SHIFT
    prior = {s.tie: s.factor for s in existing.scale_ties} if existing is not None else {}
    scales, shifts = [], []
    note = f"{member} wavers (swing {swing:g}): odds of honouring × {factor:g}"
    for tie_id in waver_ties(pack, member, camp):
        tie = pack.tie(tie_id)
        scales.append(TieScale(tie=tie_id, factor=prior.get(tie_id, 1.0) * factor))
        if any(member in tie.owed_by(ob) for ob in tie.obligations):
            shifts.append(ReliabilityShift(tie=tie_id, by=member, shift=shift, note=note))
    return Modifications(scale_ties=tuple(scales), reliability_shifts=tuple(shifts))


@dataclass(frozen=True)
class WedgeEntry:
    """The effect of one member's wavering on the exposed member."""

    member: str
    p_base: float
    p_waver: float
    drop: float
    drop_se: float
    se_independent: float
    ties: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        out = dict(self.__dict__)
        out["ties"] = list(self.ties)
        return out


def wedge_ranking(
    camp: Iterable[str],
    exposed: str,
    evaluator: Evaluator,
    worlds: int | None = None,
) -> tuple[WedgeEntry, ...]:
    """Rank the members of ``camp`` by how much their wavering lowers P(deterrence) for ``exposed``.

    Parameters
    ----------
    camp : iterable of str
        The camp's members (``exposed`` itself is not ranked).
    exposed : str
    evaluator : callable
        ``evaluator(member or None)`` → per-draw outcomes (0/1 or probabilities), the same
        number of draws on every call, on common random numbers.
    worlds : int, optional
        When the outcomes are draws clustered in worlds of equal size (world after world), the
        number of worlds; the standard errors then come from the per-world paired differences.
        Default: every outcome is its own world (as for the engine's per-world "deterrence
        holds").

    Returns
    -------
    tuple of WedgeEntry
        Sorted by ``drop`` (largest first, ties by member id); ``drop_se`` is the standard error
        of the mean paired difference over worlds, ``se_independent`` that of independent runs.

    Examples
    --------
    >>> import numpy as np
    >>> effect = {"A": 0.3, "B": 0.1}
    >>> noise = np.random.default_rng(0).uniform(0, 0.05, 100)
    >>> ev = lambda m: 0.8 - effect.get(m, 0.0) - noise
    >>> [e.member for e in wedge_ranking(["A", "B", "X"], "X", ev)]
    ['A', 'B']
    """
    members = [m for m in dict.fromkeys(camp) if m != exposed]
    base = np.asarray(evaluator(None), dtype=np.float64).ravel()
    g = len(base) if worlds is None else worlds
    entries = []
    for m in members:  # one engine run per member: a handful, not a hot loop
        outcome = np.asarray(evaluator(m), dtype=np.float64).ravel()
        if outcome.shape != base.shape:
            raise ValueError("the evaluator must return the same number of draws every time")
        paired = paired_difference(outcome, base, g)  # base − outcome, per world
        se = paired["se"] if g > 1 else 0.0
        se_ind = paired["se_independent"] if g > 1 else 0.0
        entries.append(
            WedgeEntry(
                m, float(base.mean()), float(outcome.mean()), float(paired["diff"]), se, se_ind
            )
        )
    entries.sort(key=lambda e: (-e.drop, e.member))
    return tuple(entries)


def pack_evaluator(
    pack: Pack,
    camp: Iterable[str],
    outcome: Callable[[Pack], npt.ArrayLike],
    swing: float = DEFAULT_SWING,
) -> Evaluator:
    """An evaluator from a function of the pack: ``outcome(waver(pack, member, camp, swing))``.

    For closed-form stand-ins of the engine (the pack-only part of wavering: tie strengths).
    """
    members = tuple(camp)
    _check_swing(swing)

    def evaluate(member: str | None) -> npt.ArrayLike:
        return outcome(pack if member is None else waver(pack, member, members, swing))

    return evaluate


def resolve_camp(pack: Pack, ids: Iterable[str]) -> tuple[str, ...]:
    """States of ``ids`` in ``pack``, organisations expanded to their member states, in order.

    Raises
    ------
    KeyError
        For an id that is neither a state nor an organisation of the pack.
    """
    actors = {a.id: a for a in pack.actors}
    out: list[str] = []
    for raw in ids:
        aid = raw.strip()
        if not aid:
            continue
        actor = actors.get(aid)
        if actor is None or actor.kind not in ("state", "org"):
            known = ", ".join(sorted(a for a, x in actors.items() if x.kind in ("state", "org")))
            raise KeyError(f"{aid!r} is not a state or organisation of {pack.id} (known: {known})")
        if actor.kind == "org":
            out.extend(m for m in actor.members if m in actors and actors[m].kind == "state")
        else:
            out.append(aid)
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class WedgeResult:
    """A wedge ranking on the engine, with its provenance."""

    scenario: str
    scenario_title: str
    pack: str
    as_of: str
    exposed: str
    camp: tuple[str, ...]
    swing: float
    draws: int
    worlds: int
    seed: int
    reliability: str
    entries: tuple[WedgeEntry, ...]
    p_base: float
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "scenario": self.scenario,
            "scenario_title": self.scenario_title,
            "pack": self.pack,
            "as_of": self.as_of,
            "exposed": self.exposed,
            "camp": list(self.camp),
            "swing": self.swing,
            "logit_shift": max(math.log(1 - self.swing), MIN_LOGIT_SHIFT)
            if self.swing < 1
            else MIN_LOGIT_SHIFT,
            "draws": self.draws,
            "worlds": self.worlds,
            "seed": self.seed,
            "reliability": self.reliability,
            "outcome": "deterrence holds (per world of draws), exposed member = trigger target",
            "p_base": self.p_base,
            "ranking": [e.to_dict() for e in self.entries],
            "notes": list(self.notes),
        }


def engine_wedge(
    scenario: Scenario,
    camp: Iterable[str] = DEFAULT_CAMP,
    exposed: str | None = None,
    *,
    swing: float = DEFAULT_SWING,
    draws: int | None = None,
    seed: int | None = None,
    provider: ReliabilityProvider | None = None,
) -> WedgeResult:
    """The wedge ranking on the scenario engine, on common random numbers.

    Parameters
    ----------
    scenario : Scenario
        Its first trigger's target is the exposed member, whose P(deterrence holds) is measured.
    camp : iterable of str
        States or organisations (expanded to their member states) of the pack.
    exposed : str, optional
        Must be the target of the scenario's first trigger (default: that target).
    swing : float
        In [0, 1]; see the module docstring.
    draws, seed : int, optional
        As for :func:`~foedus.engine.run_scenario`; one seed for every run (common random
        numbers).
    provider : ReliabilityProvider, optional

    Returns
    -------
    WedgeResult

    Examples
    --------
    >>> from foedus.engine import load_scenario
    >>> r = engine_wedge(load_scenario("prk-limited-strike"), ["USA", "KOR", "JPN"], draws=2000)
    >>> [e.member for e in r.entries]
    ['USA', 'JPN']
    """
    from foedus.engine import default_provider, run_scenario
    from foedus.engine._scenario import Scenario as ScenarioType
    from foedus.errors import FoedusError

    _check_swing(swing)
    spec = scenario.spec
    target = spec.triggers[0].target
    exposed = exposed or target
    if exposed != target:
        raise FoedusError(
            f"--exposed {exposed}: scenario {spec.id} measures deterrence for {target} (the target "
            "of its first trigger); choose a scenario whose trigger targets the exposed member"
        )
    view = scenario.pack.as_of(scenario.as_of)
    try:
        members = resolve_camp(view, camp)
    except KeyError as exc:
        raise FoedusError(f"--camp: {exc.args[0]}") from None
    if not [m for m in members if m != exposed]:
        raise FoedusError("--camp: the camp needs at least one member besides the exposed one")
    removed = set(spec.modifications.remove_ties)
    provider = provider or default_provider()
    the_seed = seed if seed is not None else spec.seed
    first = run_scenario(scenario, draws=draws, seed=the_seed, provider=provider)
    n_draws, n_seed = first.draws, first.seed
    ties_of: dict[str, tuple[str, ...]] = {}

    def evaluate(member: str | None) -> npt.ArrayLike:
        if member is None:
            return first.primary.outcome.holds
        mods = waver_modifications(view, member, members, swing, spec.modifications)
        # ties the scenario removes stay removed: nothing to weaken there
        mods = mods.model_copy(
            update={
                "scale_ties": tuple(s for s in mods.scale_ties if s.tie not in removed),
                "reliability_shifts": tuple(
                    s for s in mods.reliability_shifts if s.tie not in removed
                ),
            }
        )
        ties_of[member] = tuple(s.tie for s in mods.scale_ties)
        if not mods.scale_ties:
            return first.primary.outcome.holds  # nothing changes: the same run
        changed = spec.model_copy(update={"modifications": spec.modifications.merged(mods)})
        run = run_scenario(
            ScenarioType(changed, scenario.pack, scenario.file),
            draws=n_draws,
            seed=n_seed,
            provider=provider,
        )
        return run.primary.outcome.holds

    entries = wedge_ranking(members, exposed, evaluate)
    entries = tuple(replace(e, ties=ties_of.get(e.member, ())) for e in entries)
    det = first.primary.deterrence()
    notes = list(first.compiled.notes)  # e.g. capabilities missing on an early as-of date
    if exposed not in members:
        notes.append(f"the exposed member {exposed} is not in the camp")
    return WedgeResult(
        scenario=spec.id,
        scenario_title=spec.title,
        pack=view.id,
        as_of=scenario.as_of.isoformat(),
        exposed=exposed,
        camp=members,
        swing=swing,
        draws=n_draws,
        worlds=int(det["worlds"]),
        seed=n_seed,
        reliability=provider.name,
        entries=entries,
        p_base=float(det["p"]),
        notes=tuple(notes),
    )
