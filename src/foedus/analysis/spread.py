"""Theatre spread: P(a war started in one theatre draws in a state of the other), from the engine.

For a scenario whose trigger starts a war in theatre ``T1`` (the target's home theatre, or the
attacker's when the target is a global power), the **spread** is

    P(spread T1 → T2) = P(the belligerents at the cascade's fixed point include a state whose
                          home theatre is T2)

over the scenario's Monte Carlo draws (global powers such as the United States belong to
neither theatre: their joining is not spread by itself, though the states they bring in can
be). It is computed with every tie and with some ties removed (by default the 2024
Russia–DPRK pact), on common random numbers, so the paired difference isolates what the ties
do. The default pair of scenarios covers both directions: ``rus-nato-escalation`` (a Russian
strike on Poland, Europe → Indo-Pacific) and ``prk-limited-strike`` (a DPRK strike on the ROK,
Indo-Pacific → Europe).

This is the engine's counterpart to the structural coupling index
(:mod:`foedus.analysis.coupling`): chain-ganging through alliance obligations (Christensen &
Snyder 1990) and the diffusion of war through alliance ties (Siverson & Starr 1991).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from foedus._intervals import Z95, paired_difference

if TYPE_CHECKING:
    from foedus.engine import ReliabilityProvider, Scenario, ScenarioResult

__all__ = [
    "DEFAULT_ORIGINS",
    "DEFAULT_WITHOUT",
    "SpreadEntry",
    "entry_from_results",
    "spread_entry",
    "spread_indicator",
    "theatre_spread",
    "war_theatre",
    "without_ties",
]

#: One scenario per direction: a war starting in Europe, and one starting in the Indo-Pacific.
DEFAULT_ORIGINS = ("rus-nato-escalation", "prk-limited-strike")
DEFAULT_WITHOUT = ("rus-prk-csp-2024",)


def war_theatre(theatres: Sequence[str | None], attacker: int, target: int) -> str | None:
    """The theatre a war starts in: the target's, else (a global target) the attacker's."""
    t = theatres[target]
    return t if t not in (None, "global") else theatres[attacker]


def spread_indicator(
    side: npt.NDArray[np.integer[Any]], theatres: Sequence[str | None], other: str
) -> npt.NDArray[np.bool_]:
    """Per draw: whether a belligerent (side ≠ 0) has ``other`` as its home theatre.

    Examples
    --------
    >>> import numpy as np
    >>> side = np.array([[1, 2, 0], [1, 2, 1]])
    >>> spread_indicator(side, ["europe", "europe", "indo_pacific"], "indo_pacific").tolist()
    [False, True]
    """
    cols = np.array([t == other for t in theatres], dtype=bool)
    return np.asarray((side[:, cols] != 0).any(axis=1), dtype=bool)


@dataclass(frozen=True)
class SpreadEntry:
    """P(spread) from one origin scenario, with and without some ties."""

    scenario: str
    trigger: str
    origin: str
    to: str
    p_with: float
    p_without: float
    diff: float
    se: float
    se_independent: float
    draws: int
    seed: int
    without: tuple[str, ...]
    worlds: int = 0

    @property
    def ci95(self) -> tuple[float, float]:
        """Paired normal 95% interval of ``diff`` (with − without), ``se`` over worlds."""
        return (self.diff - Z95 * self.se, self.diff + Z95 * self.se)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "scenario": self.scenario,
            "trigger": self.trigger,
            "from": self.origin,
            "to": self.to,
            "p_with": self.p_with,
            "p_without": self.p_without,
            "diff": self.diff,
            "ci95": list(self.ci95),
            "se": self.se,
            "se_independent": self.se_independent,
            "draws": self.draws,
            "worlds": self.worlds,
            "seed": self.seed,
            "without": list(self.without),
        }


def spread_entry(
    scenario: str,
    trigger: str,
    theatres: Sequence[str | None],
    origin: str,
    other: str,
    side_with: npt.NDArray[np.integer[Any]],
    side_without: npt.NDArray[np.integer[Any]],
    *,
    draws: int,
    seed: int,
    without: Iterable[str],
    worlds: int,
) -> SpreadEntry:
    """A :class:`SpreadEntry` from two runs' ``side`` arrays on common random numbers.

    ``worlds`` is the runs' number of worlds: the draws of a world share their uncertain inputs,
    so the standard errors come from the per-world paired differences
    (:func:`foedus._intervals.paired_difference`).
    """
    a = spread_indicator(side_with, theatres, other).astype(np.float64)
    b = spread_indicator(side_without, theatres, other).astype(np.float64)
    if a.shape != b.shape:
        raise ValueError("both runs must have the same draws")
    paired = paired_difference(b, a, worlds)  # with − without
    se = paired["se"] if worlds > 1 else 0.0
    se_ind = paired["se_independent"] if worlds > 1 else 0.0
    return SpreadEntry(
        scenario=scenario,
        trigger=trigger,
        origin=origin,
        to=other,
        p_with=float(a.mean()),
        p_without=float(b.mean()),
        diff=float(paired["diff"]),
        se=se,
        se_independent=se_ind,
        draws=draws,
        seed=seed,
        without=tuple(without),
        worlds=worlds,
    )


def without_ties(scenario: Scenario, ties: Iterable[str]) -> Scenario:
    """``scenario`` with ``ties`` removed too (ties it does not have are ignored)."""
    from foedus.engine._scenario import Modifications
    from foedus.engine._scenario import Scenario as ScenarioType

    spec = scenario.spec
    present = {t.id for t in scenario.pack.as_of(scenario.as_of).ties}
    drop = tuple(t for t in ties if t in present and t not in spec.modifications.remove_ties)
    mods = spec.modifications.merged(Modifications(remove_ties=drop))
    return ScenarioType(
        spec.model_copy(update={"modifications": mods}), scenario.pack, scenario.file
    )


def entry_from_results(
    with_run: ScenarioResult,
    without_run: ScenarioResult,
    theatres: tuple[str, str],
    without: Iterable[str],
) -> SpreadEntry:
    """The spread entry of a scenario's run and its run without some ties (same seed, draws)."""
    if with_run.draws != without_run.draws or with_run.seed != without_run.seed:
        raise ValueError("spread needs two runs with the same draws and seed")
    c = with_run.compiled
    trig = with_run.scenario.spec.triggers[0]
    origin = war_theatre(c.theatre, c.index(trig.attacker), c.index(trig.target))
    if origin not in theatres:
        raise ValueError(f"scenario {c.scenario_id} starts a war in {origin!r}, not in {theatres}")
    other = theatres[1] if origin == theatres[0] else theatres[0]
    if c.actors != without_run.compiled.actors:
        raise ValueError("both runs must have the same states")
    return spread_entry(
        c.scenario_id,
        f"{trig.attacker} → {trig.target} ({trig.kind})",
        c.theatre,
        origin,
        other,
        with_run.primary.outcome.side,
        without_run.primary.outcome.side,
        draws=with_run.draws,
        seed=with_run.seed,
        without=without,
        worlds=with_run.primary.worlds,
    )


def theatre_spread(
    scenarios: Iterable[str | Scenario] = DEFAULT_ORIGINS,
    without: Iterable[str] = DEFAULT_WITHOUT,
    theatres: tuple[str, str] = ("europe", "indo_pacific"),
    *,
    draws: int | None = None,
    seed: int | None = None,
    provider: ReliabilityProvider | None = None,
) -> tuple[SpreadEntry, ...]:
    """P(spread) from each origin scenario, with and without ``without``, on common random numbers.

    Parameters
    ----------
    scenarios : iterable of scenario ids, paths or Scenario objects
        Each starts a war in one of ``theatres``.
    without : iterable of str
        Tie ids removed in the "without" run (ties the scenario does not have are ignored).
    theatres : (str, str)
    draws, seed : int, optional
        As for :func:`~foedus.engine.run_scenario`; both runs of a scenario share them.
    provider : ReliabilityProvider, optional

    Returns
    -------
    tuple of SpreadEntry

    Examples
    --------
    >>> (e,) = theatre_spread(["rus-nato-escalation"], draws=2000)
    >>> (e.origin, e.to), 0.0 <= e.p_without <= e.p_with <= 1.0
    (('europe', 'indo_pacific'), True)
    """
    from foedus.engine import default_provider, load_scenario, run_scenario

    provider = provider or default_provider()
    ties = tuple(without)
    out = []
    for item in scenarios:
        scen = load_scenario(item) if isinstance(item, str) else item
        a = run_scenario(scen, draws=draws, seed=seed, provider=provider)
        b = run_scenario(without_ties(scen, ties), draws=a.draws, seed=a.seed, provider=provider)
        out.append(entry_from_results(a, b, theatres, ties))
    return tuple(out)
