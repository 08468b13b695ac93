"""Which assumption drives P(deterrence holds)? Sobol or Morris indices with SALib.

Each uncertain input of a trigger (its ``ParamSpec``; plus one global log-odds shift of every
honour probability, standing for the reliability model's own uncertainty) is a factor on
[0, 1], mapped through the input's quantile function. Every design point is one *world*; the
kernel runs ``K`` cascades for it, and the world's output is whether deterrence holds
(``holds``) or the attacker's expected utility (``utility``). All design points share the same
``K`` cascades (common random numbers), so each output is a deterministic function of the inputs.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from foedus.engine._compile import compile_scenario, covariates
from foedus.engine._honour import ReliabilityProvider, default_provider
from foedus.engine._kernel import Draws, draw_uniforms, run_kernel
from foedus.engine._params import ParamSpec
from foedus.engine._run import kernel_input, used_params, world_input
from foedus.engine._scenario import Scenario


def _tiled(d: Draws, G: int) -> Draws:
    """The draws of ``K`` cascades repeated for ``G`` worlds (draw ``g·K + k`` = cascade k)."""
    return Draws(
        strike=np.tile(d.strike, (1, 1, G)),
        counts=np.tile(d.counts, (G, 1)),
        honour=np.tile(d.honour, (G, 1)),
        tripwire=np.tile(d.tripwire, (G, 1)),
        struck_join=np.tile(d.struck_join, (G, 1)),
        side=np.tile(d.side, (G, 1)),
        join=np.tile(d.join, (G, 1)),
    )


RELIABILITY_FACTOR = ParamSpec(
    "reliability_shift",
    -1.0,
    1.0,
    None,
    "log-odds shift of every honour probability (the reliability model's uncertainty)",
    "assumption",
    "foedus: ±1 on the log-odds scale spans the literature's base rates (22%–74%)",
)


def sensitivity(
    scenario: Scenario,
    method: Literal["sobol", "morris"] = "sobol",
    base_samples: int = 256,
    cascades: int = 20,
    output: Literal["holds", "utility"] = "holds",
    seed: int = 0,
    provider: ReliabilityProvider | None = None,
) -> dict[str, Any]:
    """Sensitivity indices of the first trigger's deterrence outcome.

    Parameters
    ----------
    scenario : Scenario
    method : {"sobol", "morris"}
        Sobol (Saltelli design, first-order and total indices) or Morris elementary effects.
    base_samples : int
        Sobol: base sample size N (the design has N·(D + 2) worlds); Morris: trajectories.
    cascades : int
        Cascades per world.
    output : {"holds", "utility"}
        Deterrence holds (0/1) per world, or the attacker's expected utility of attacking.

    Returns
    -------
    dict
        ``factors`` sorted by total (Sobol ``ST``) or ``mu_star`` (Morris), each with its
        description and source, plus the design size.
    """
    from SALib.analyze import morris as morris_analyze
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import morris as morris_sample
    from SALib.sample import sobol as sobol_sample

    c = compile_scenario(scenario)
    trigger = scenario.spec.triggers[0]
    specs = {k: v for k, v in used_params(c, trigger).items() if not v.fixed}
    specs["reliability_shift"] = RELIABILITY_FACTOR
    names = list(specs)
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    if method == "sobol":
        # SALib wants a power of two for the Sobol sequence.
        n_base = 1 << max(3, int(np.ceil(np.log2(max(8, base_samples)))))
        X = sobol_sample.sample(problem, n_base, calc_second_order=False, seed=seed)
    else:
        X = morris_sample.sample(problem, max(4, base_samples), num_levels=4, seed=seed)
    G = X.shape[0]
    fixed = {name: specs[name].ppf(X[:, j]) for j, name in enumerate(names)}
    provider = provider or default_provider()
    cov = covariates(c)
    if len(c.rows):
        mean_honour = provider.honour_probability(cov, 512, seed).mean(axis=0)
        base = np.broadcast_to(mean_honour, (G, len(c.rows)))
    else:
        base = np.zeros((G, 0))
    inp = kernel_input(c, trigger)
    world = world_input(c, trigger, G, seed, base, fixed)
    # Every design point reuses the same cascades, so the output is a deterministic function
    # of the inputs; otherwise the cascades' own noise would inflate every total index.
    out = run_kernel(inp, world, _tiled(draw_uniforms(inp, cascades, seed), G), cascades)
    Y = out.holds.astype(float) if output == "holds" else out.utility
    factors: list[dict[str, Any]] = []
    if method == "sobol":
        res = sobol_analyze.analyze(
            problem, Y, calc_second_order=False, num_resamples=200, seed=seed
        )
        for j, name in enumerate(names):
            factors.append(
                {
                    "name": name,
                    "S1": float(res["S1"][j]),
                    "S1_conf": float(res["S1_conf"][j]),
                    "ST": float(res["ST"][j]),
                    "ST_conf": float(res["ST_conf"][j]),
                }
            )
        factors.sort(key=lambda f: -f["ST"])
    else:
        res = morris_analyze.analyze(problem, X, Y, num_levels=4, seed=seed)
        for j, name in enumerate(names):
            factors.append(
                {
                    "name": name,
                    "mu_star": float(res["mu_star"][j]),
                    "mu_star_conf": float(res["mu_star_conf"][j]),
                    "sigma": float(res["sigma"][j]),
                }
            )
        factors.sort(key=lambda f: -f["mu_star"])
    for f in factors:
        spec = specs[f["name"]]
        f.update(
            {
                "description": spec.description,
                "low": spec.low,
                "high": spec.high,
                "basis": spec.basis,
                "source": spec.source,
            }
        )
    return {
        "scenario": scenario.id,
        "method": method,
        "output": output,
        "worlds": G,
        "cascades_per_world": cascades,
        "seed": seed,
        "p_deterrence_holds_in_design": float(out.holds.mean()),
        "factors": factors,
    }
