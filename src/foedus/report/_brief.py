"""``foedus brief``: run the bundled scenario set, compare each with its baseline, write outputs.

Compute first, render second: :func:`compute_brief` returns the ``results.json`` document (and
the few arrays the figures need); :func:`write_brief` renders the HTML report and writes both
files atomically.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from foedus import __version__
from foedus._io import atomic_write_text
from foedus._rng import DEFAULT_SEED
from foedus.engine import (
    ReliabilityProvider,
    Scenario,
    bundled_scenarios,
    default_provider,
    load_scenario,
    run_scenario,
    sensitivity,
)
from foedus.engine._run import _paired
from foedus.report._analyses import BRIEF_WEDGE_DRAWS, PACT, SPREAD_PAIRS, add_spread

DEFAULT_BRIEF_DRAWS = 100_000
SENSITIVITY_SCENARIO = "prk-limited-strike"


@dataclass
class ScenarioRun:
    """What one scenario's worker sends back: its summary and the arrays for comparisons."""

    summary: dict[str, Any]
    actors: tuple[str, ...]
    theatres: tuple[str | None, ...]
    holds: np.ndarray  # (G,)
    utility: np.ndarray  # (G,)
    mean_pwin: np.ndarray  # (G,)
    cross: np.ndarray  # (N,) bool
    side: np.ndarray  # (N, n) int8
    kernel_seconds: float
    actor_draw_rounds: int


def _run_one(args: tuple[str | Scenario, int, int, ReliabilityProvider]) -> ScenarioRun:
    import time

    scenario, draws, seed, provider = args
    t0 = time.perf_counter()
    scen = load_scenario(scenario) if isinstance(scenario, str) else scenario
    result = run_scenario(scen, draws=draws, seed=seed, provider=provider)
    elapsed = time.perf_counter() - t0
    prim = result.primary
    out = prim.outcome
    return ScenarioRun(
        summary=result.to_dict(),
        actors=prim.compiled.actors,
        theatres=prim.compiled.theatre,
        holds=out.holds,
        utility=out.utility,
        mean_pwin=out.mean_pwin,
        cross=out.cross_theatre,
        side=out.side,
        kernel_seconds=elapsed,
        actor_draw_rounds=int(out.side.shape[0] * out.side.shape[1] * out.rounds),
    )


def _analyses(args: tuple[str, str, int, ReliabilityProvider, int]) -> dict[str, Any]:
    from foedus.report._analyses import compute_analyses

    pack_id, as_of, seed, provider, wedge_draws = args
    return compute_analyses(pack_id, as_of, seed, provider, wedge_draws)


def _extra_runs(ids: list[str]) -> dict[str, Scenario]:
    """Runs the analyses need beyond the scenario set: an origin scenario without the pact."""
    from foedus.analysis.spread import without_ties

    out: dict[str, Scenario] = {}
    for origin, without_id in SPREAD_PAIRS:
        if origin in ids and without_id not in ids:
            out[without_id] = without_ties(load_scenario(origin), (PACT,))
    return out


def _sensitivity(args: tuple[str, int, ReliabilityProvider]) -> dict[str, Any]:
    scenario_id, seed, provider = args
    return sensitivity(
        load_scenario(scenario_id), base_samples=128, cascades=20, seed=seed, provider=provider
    )


def compare_runs(a: ScenarioRun, b: ScenarioRun) -> dict[str, Any]:
    """B − A on common random numbers, with paired 95% intervals over worlds."""
    g = len(a.holds)  # worlds: one outcome each
    out: dict[str, Any] = {
        "a": a.summary["id"],
        "b": b.summary["id"],
        "deterrence_holds": _paired(a.holds.astype(float), b.holds.astype(float), g),
        "p_cross_theatre": _paired(a.cross.astype(float), b.cross.astype(float), g),
        "attacker_pwin": _paired(a.mean_pwin, b.mean_pwin, g),
        "actors": {},
    }
    for actor in a.actors:
        if actor not in b.actors:
            continue
        ia, ib = a.actors.index(actor), b.actors.index(actor)
        entry = {}
        for label, code in (("p_join_attacker", 1), ("p_join_target", 2)):
            entry[label] = _paired(
                (a.side[:, ia] == code).astype(float), (b.side[:, ib] == code).astype(float), g
            )
        out["actors"][actor] = entry
    return out


def compute_brief(
    draws: int = DEFAULT_BRIEF_DRAWS,
    seed: int = DEFAULT_SEED,
    scenarios: list[str] | None = None,
    workers: int | None = None,
    on_done: Callable[[str], None] | None = None,
    with_sensitivity: bool = True,
    provider: ReliabilityProvider | None = None,
    with_analyses: bool = True,
    wedge_draws: int = BRIEF_WEDGE_DRAWS,
) -> tuple[dict[str, Any], dict[str, ScenarioRun]]:
    """Run the scenario set (in parallel processes) and build the ``results.json`` document.

    Returns
    -------
    results : dict
        ``{"foedus", "draws", "seed", "scenarios": [...], "comparisons": [...],
        "sensitivity": {...}}``; each scenario entry has at least ``id``, ``as_of``, ``draws``,
        ``seed``, ``deterrence_holds`` ``{p, ci95}``, ``p_cross_theatre`` and ``actors``
        ``{ID: {p_join_attacker, p_join_target}}``. ``analyses`` (when ``with_analyses``) holds
        one section per alignment analysis (see :func:`foedus.report._analyses.compute_analyses`);
        its wedge runs ``wedge_draws`` draws per engine run.
    runs : dict
        The per-scenario arrays (for the figures).
    """
    ids = scenarios or bundled_scenarios()
    wedge_draws = min(wedge_draws, draws)  # the wedge never runs more draws than the scenarios
    for sid in ids:  # fail fast, in this process, on a bad scenario
        load_scenario(sid)
    first = load_scenario(ids[0])
    extra = _extra_runs(ids) if with_analyses else {}
    workers = workers or min(len(ids), os.cpu_count() or 1, 4)
    runs: dict[str, ScenarioRun] = {}
    extra_runs: dict[str, ScenarioRun] = {}
    sens: dict[str, Any] | None = None
    analyses: dict[str, Any] | None = None
    # Fit (or choose) the reliability model once, here, and use it for every run.
    provider = provider or default_provider()
    analyses_job = (first.pack.id, first.as_of.isoformat(), seed, provider, wedge_draws)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            # the longest jobs first: the analyses (a wedge of engine runs) and the sensitivity
            analyses_future = pool.submit(_analyses, analyses_job) if with_analyses else None
            sens_future = (
                pool.submit(_sensitivity, (SENSITIVITY_SCENARIO, seed, provider))
                if with_sensitivity and SENSITIVITY_SCENARIO in ids
                else None
            )
            futures = {pool.submit(_run_one, (sid, draws, seed, provider)): sid for sid in ids}
            extra_futures = {
                pool.submit(_run_one, (scen, draws, seed, provider)): key
                for key, scen in extra.items()
            }
            for future, sid in futures.items():
                runs[sid] = future.result()
                if on_done:
                    on_done(sid)
            for future, key in extra_futures.items():
                extra_runs[key] = future.result()
            if sens_future is not None:
                sens = sens_future.result()
                if on_done:
                    on_done("sensitivity")
            if analyses_future is not None:
                analyses = analyses_future.result()
                if on_done:
                    on_done("analyses")
    else:
        for sid in ids:
            runs[sid] = _run_one((sid, draws, seed, provider))
            if on_done:
                on_done(sid)
        for key, scen in extra.items():
            extra_runs[key] = _run_one((scen, draws, seed, provider))
        if with_sensitivity and SENSITIVITY_SCENARIO in ids:
            sens = _sensitivity((SENSITIVITY_SCENARIO, seed, provider))
            if on_done:
                on_done("sensitivity")
        if with_analyses:
            analyses = _analyses(analyses_job)
            if on_done:
                on_done("analyses")
    if analyses is not None:
        add_spread(analyses, {**runs, **extra_runs})
    comparisons = []
    for sid in ids:
        base = runs[sid].summary.get("baseline")
        if base and base in runs:
            comparisons.append(compare_runs(runs[base], runs[sid]))
    results = {
        "foedus": __version__,
        "draws": draws,
        "seed": seed,
        "scenarios": [runs[sid].summary for sid in ids],
        "comparisons": comparisons,
        "sensitivity": sens,
        "analyses": analyses,
    }
    return results, runs


def write_brief(
    out_dir: str | Path,
    results: dict[str, Any],
    runs: dict[str, ScenarioRun],
) -> tuple[Path, Path]:
    """Render ``report.html`` and write it and ``results.json`` atomically into ``out_dir``."""
    import json

    from foedus.report._html import render_report

    out = Path(out_dir)
    html = render_report(results, runs)
    text = json.dumps(_clean(results), indent=2, ensure_ascii=False, sort_keys=False)
    json_path = atomic_write_text(out / "results.json", text + "\n")
    html_path = atomic_write_text(out / "report.html", html)
    return html_path, json_path


def _clean(x: Any) -> Any:
    """Plain JSON values (NumPy scalars to Python, NaN to None)."""
    if isinstance(x, dict):
        return {str(k): _clean(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_clean(v) for v in x]
    if isinstance(x, np.generic):
        x = x.item()
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, float) and not np.isfinite(x):
        return None
    return x
