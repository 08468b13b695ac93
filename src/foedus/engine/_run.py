"""Running scenarios: draws of the uncertain inputs, the kernel, and summaries with provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.special import expit, logit

from foedus._intervals import clustered_wilson, paired_difference, wilson
from foedus._rng import DEFAULT_SEED
from foedus.engine._compile import Compiled, compile_scenario, covariates
from foedus.engine._honour import BaseRateProvider, ReliabilityProvider, default_provider
from foedus.engine._kernel import (
    CAUSE_OPPORTUNISM,
    CAUSE_PRINCIPAL,
    CAUSE_ROW,
    CAUSE_STRUCK,
    CAUSE_SYMPATHY,
    KIND_CODE,
    Draws,
    KernelInput,
    Outcome,
    WorldInput,
    draw_uniforms,
    run_kernel,
)
from foedus.engine._params import ParamSpec
from foedus.engine._scenario import Scenario, Trigger
from foedus.engine._trigger import TriggerFinding, adversary_ok, location_ok, triggered_obligations

DEFAULT_DRAWS = 20_000
MAX_CASCADES_PER_WORLD = 50


def cascades_per_world(draws: int) -> int:
    """How many cascades share one draw of the uncertain inputs (the attacker's anticipation).

    50 for large runs; fewer for small ones so that there are at least 100 worlds.
    """
    return max(1, min(MAX_CASCADES_PER_WORLD, draws // 100))


# ------------------------------------------------------------------------------ building inputs
def kernel_input(c: Compiled, trigger: Trigger, max_rounds: int | None = None) -> KernelInput:
    """The kernel's static arrays for ``trigger`` in ``c``.

    ``max_rounds`` defaults to the number of states: every round that changes a draw adds a
    belligerent, so the cascade always reaches its fixed point within that many rounds.
    """
    idx = {a: i for i, a in enumerate(c.actors)}
    A, T = idx[trigger.attacker], idx[trigger.target]
    war = c.theatre[T] if c.theatre[T] not in (None, "global") else c.theatre[A]
    home = np.array(
        [0 if (th == war) else (1 if th == "global" else 2) for th in c.theatre], dtype=np.int8
    )
    full = np.uint64(0xFFFFFFFFFFFFFFFF)

    def mask(ids: tuple[str, ...]) -> np.uint64:
        out = np.uint64(0)
        for a in ids:
            if a in idx:
                out |= np.uint64(1) << np.uint64(idx[a])
        return out

    eu = mask(tuple(a for a, th in zip(c.actors, c.theatre, strict=True) if th == "europe"))
    ip = mask(tuple(a for a, th in zip(c.actors, c.theatre, strict=True) if th == "indo_pacific"))
    rows = c.rows
    by = np.array([idx[r.by] for r in rows], dtype=np.intp)
    to = np.array([idx[r.to] for r in rows], dtype=np.intp)
    adv = np.array([mask(r.adversaries) if r.adversaries else full for r in rows], dtype=np.uint64)
    static_ok = np.array(
        [
            location_ok(r, r.to, c.theatre[idx[r.to]])
            and not r.unsupported
            and not (r.non_provocation and r.to == trigger.attacker)
            for r in rows
        ],
        dtype=bool,
    )
    # An offence row is triggered by its ally's attack on T, in T's location.
    for o, r in enumerate(rows):
        if r.kind == "offense":
            static_ok[o] = location_ok(r, trigger.target, c.theatre[T]) and adversary_ok(
                r, trigger.target
            )
    return KernelInput(
        n=c.n,
        attacker=A,
        target=T,
        limited=trigger.kind != "invasion",
        cinc=c.cinc.astype(np.float64),
        home=home,
        eu_bits=eu,
        ip_bits=ip,
        by=by,
        to=to,
        kind=np.array([KIND_CODE[r.kind] for r in rows], dtype=np.int8),
        adv=adv,
        static_ok=static_ok,
        min_adv=np.array([r.min_adversaries for r in rows], dtype=np.int64),
        counts_p=np.array([r.limited_strike_counts for r in rows], dtype=np.float64),
        pos=c.pos,
        neg=c.neg,
        dep=np.array([d for d, _, _ in c.deployments], dtype=np.intp),
        host=np.array([h for _, h, _ in c.deployments], dtype=np.intp),
        actor_keys=c.actors,
        row_keys=tuple(r.key for r in rows),
        dep_keys=tuple(t for _, _, t in c.deployments),
        count_keys=tuple(r.obligation_key for r in rows),
        max_rounds=max_rounds if max_rounds is not None else max(2, c.n),
    )


def used_params(c: Compiled, trigger: Trigger) -> dict[str, ParamSpec]:
    """The parameters that one trigger's run draws, by role."""
    kind = trigger.kind
    p = c.params
    out = {
        "gamma": p["gamma"],
        "projection_global": p["projection_global"],
        "projection_distant": p["projection_distant"],
        "value": p[f"value_{kind}"],
        "cost": p[f"cost_{kind}"],
        "retaliation": p[f"retaliation_{kind}"],
        "strike": p["strike"],
        "tripwire": p[f"tripwire_{kind}"],
        "struck_joins": p["struck_joins"],
        "sympathy": p["sympathy"],
        "opportunism": p["opportunism"],
        "initiator_logit": p["initiator_logit"],
    }
    target_orientation = c.orientation[c.index(trigger.target)]
    if target_orientation == "engagement":
        out["engagement_retaliation_logit"] = p["engagement_retaliation_logit"]
    if any(s.origin.startswith("orientation:") for s in c.shifts):
        out["engagement_reliability_logit"] = p["engagement_reliability_logit"]
    for s in c.shifts:
        if not s.origin.startswith("orientation:"):
            out[s.spec.name] = s.spec
    for attacker, origin, spec in c.value_shifts:
        if attacker == trigger.attacker:
            out[origin] = spec
    for entries in c.tie_down.values():
        for _crisis, spec in entries:
            out[spec.name] = spec
    return out


def world_input(
    c: Compiled,
    trigger: Trigger,
    G: int,
    seed: int,
    base_honour: np.ndarray,
    fixed: dict[str, np.ndarray] | None = None,
) -> WorldInput:
    """Draw the uncertain inputs of ``G`` worlds (``fixed`` replaces named draws)."""
    fixed = fixed or {}
    specs = used_params(c, trigger)

    def draw(role: str) -> np.ndarray:
        if role in fixed:
            return np.asarray(fixed[role], dtype=np.float64)
        spec = specs[role]
        return spec.sample(G, seed)

    idx = {a: i for i, a in enumerate(c.actors)}
    A = idx[trigger.attacker]
    # honour: base (G, m) on the log-odds scale plus the open shifts
    m = len(c.rows)
    lo = logit(np.clip(base_honour, 1e-9, 1 - 1e-9)) if m else np.zeros((G, 0))
    for s in c.shifts:
        role = (
            "engagement_reliability_logit" if s.origin.startswith("orientation:") else s.spec.name
        )
        lo = lo + draw(role)[:, None] * s.rows[None, :]
    if m:
        init_rows = np.array([r.to == trigger.attacker and r.kind == "defense" for r in c.rows])
        lo = lo + draw("initiator_logit")[:, None] * init_rows[None, :]
        if "reliability_shift" in fixed:
            lo = lo + fixed["reliability_shift"][:, None]
    honour = expit(lo) if m else np.zeros((G, 0))
    retaliation = draw("retaliation")
    if "engagement_retaliation_logit" in specs:
        retaliation = expit(
            logit(np.clip(retaliation, 1e-9, 1 - 1e-9)) + draw("engagement_retaliation_logit")
        )
    value = draw("value")
    for attacker, origin, _spec in c.value_shifts:
        if attacker == trigger.attacker:
            value = value * np.exp(draw(origin))
    free = np.ones((G, c.n))
    for actor_i, entries in c.tie_down.items():
        for _crisis, spec in entries:
            free[:, actor_i] *= 1.0 - draw(spec.name)
    del A
    return WorldInput(
        gamma=draw("gamma"),
        proj_global=draw("projection_global"),
        proj_distant=draw("projection_distant"),
        value=value,
        cost=draw("cost"),
        retaliation=retaliation,
        strike=draw("strike"),
        tripwire=draw("tripwire"),
        struck_joins=draw("struck_joins"),
        sympathy=draw("sympathy"),
        opportunism=draw("opportunism"),
        honour=honour,
        tie_down=1.0 - free,
    )


# ------------------------------------------------------------------------------ results
@dataclass
class TriggerResult:
    """The outcome of one trigger of a scenario, with summaries and provenance."""

    trigger: Trigger
    compiled: Compiled
    draws: int
    worlds: int
    cascades_per_world: int
    seed: int
    outcome: Outcome
    findings: list[TriggerFinding]
    params: dict[str, ParamSpec]
    provider: str
    provider_sources: tuple[str, ...]
    summary: dict[str, Any] = field(default_factory=dict)

    def deterrence(self) -> dict[str, Any]:
        """P(deterrence holds) with its Wilson 95% interval over worlds (one outcome per world)."""
        r = clustered_wilson(self.outcome.holds, self.worlds)
        return {"p": float(r.p), "ci95": [float(r.lo), float(r.hi)], "worlds": self.worlds}


@dataclass
class ScenarioResult:
    """Every trigger's result for one scenario."""

    scenario: Scenario
    compiled: Compiled
    triggers: list[TriggerResult]
    draws: int
    seed: int

    @property
    def primary(self) -> TriggerResult:
        """The first trigger's result (the one ``results.json`` reports at the top level)."""
        return self.triggers[0]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (the schema of ``results.json``'s scenario entries)."""
        return scenario_summary(self)


def run_scenario(
    scenario: Scenario,
    draws: int | None = None,
    seed: int | None = None,
    provider: ReliabilityProvider | None = None,
    max_rounds: int | None = None,
) -> ScenarioResult:
    """Run every trigger of ``scenario`` as a Monte Carlo of ``draws`` cascades.

    Parameters
    ----------
    scenario : Scenario
        From :func:`~foedus.engine.load_scenario`.
    draws : int, optional
        Number of cascades (default: the scenario's ``draws``, else 20,000). Rounded up to a
        multiple of the cascades per world.
    seed : int, optional
        Default: the scenario's ``seed``, else foedus's default seed.
    provider : ReliabilityProvider, optional
        Default: the fitted reliability model when available, else the literature base rates.

    Examples
    --------
    >>> from foedus.engine import load_scenario, run_scenario
    >>> r = run_scenario(load_scenario("prk-invasion"), draws=2000, seed=1)
    >>> 0.0 <= r.primary.deterrence()["p"] <= 1.0
    True
    """
    c = compile_scenario(scenario)
    n_draws = int(draws or scenario.spec.draws or DEFAULT_DRAWS)
    the_seed = int(
        seed
        if seed is not None
        else (scenario.spec.seed if scenario.spec.seed is not None else DEFAULT_SEED)
    )
    provider = provider or default_provider()
    K = cascades_per_world(n_draws)
    G = -(-n_draws // K)
    N = G * K
    cov = covariates(c)
    base = provider.honour_probability(cov, G, the_seed) if len(c.rows) else np.zeros((G, 0))
    results = []
    for trigger in scenario.spec.triggers:
        inp = kernel_input(c, trigger, max_rounds)
        world = world_input(c, trigger, G, the_seed, base)
        uni = draw_uniforms(inp, N, the_seed)
        out = run_kernel(inp, world, uni, K)
        del uni
        tr = TriggerResult(
            trigger=trigger,
            compiled=c,
            draws=N,
            worlds=G,
            cascades_per_world=K,
            seed=the_seed,
            outcome=out,
            findings=triggered_obligations(c, trigger),
            params=used_params(c, trigger),
            provider=provider.name,
            provider_sources=tuple(provider.sources),
        )
        tr.summary = trigger_summary(tr)
        results.append(tr)
    return ScenarioResult(scenario=scenario, compiled=c, triggers=results, draws=N, seed=the_seed)


def run_draws(
    c: Compiled,
    trigger: Trigger,
    G: int,
    K: int,
    seed: int,
    base_honour: np.ndarray,
    fixed: dict[str, np.ndarray] | None = None,
    draws: Draws | None = None,
    max_rounds: int | None = None,
) -> Outcome:
    """Lower-level run used by the sensitivity analysis (fixed world inputs)."""
    inp = kernel_input(c, trigger, max_rounds)
    world = world_input(c, trigger, G, seed, base_honour, fixed)
    uni = draws or draw_uniforms(inp, G * K, seed)
    return run_kernel(inp, world, uni, K)


# ------------------------------------------------------------------------------ summaries
def _cite_list(c: Compiled, source_ids: tuple[str, ...] | list[str]) -> list[str]:
    out = []
    for sid in source_ids:
        try:
            s = c.pack.source(sid)
            out.append(f"{s.title} ({s.date.isoformat()})")
        except KeyError:
            out.append(sid)
    return out


def _tie_sources(c: Compiled, tie_id: str) -> list[str]:
    try:
        tie = c.pack.tie(tie_id)
    except KeyError:
        return []
    return list(dict.fromkeys(x.source for x in tie.cite))


def cause_label(c: Compiled, code: int) -> dict[str, Any]:
    """What a join cause code means, with the elements and sources behind it."""
    if code == CAUSE_PRINCIPAL:
        return {"cause": "principal", "text": "attacker or target"}
    if code == CAUSE_SYMPATHY:
        return {"cause": "sympathy", "text": "positive ties to a side's belligerents"}
    if code == CAUSE_OPPORTUNISM:
        return {"cause": "opportunism", "text": "negative ties to the other side's belligerents"}
    if code == CAUSE_STRUCK:
        return {"cause": "tripwire", "text": "its forces deployed on a belligerent were struck"}
    row = c.rows[code - CAUSE_ROW]
    art = f" {row.article}" if row.article and row.article not in row.tie_name else ""
    return {
        "cause": "obligation",
        "tie": row.tie,
        "text": f"{row.tie_name}{art} ({row.kind}, owed to {row.to})",
        "sources": list(row.sources),
    }


def trigger_summary(tr: TriggerResult) -> dict[str, Any]:
    """Every number of one trigger's run, each with its provenance."""
    c, out = tr.compiled, tr.outcome
    N, G = tr.draws, tr.worlds
    side = out.side
    # every state's join shares at once, intervals from the per-world means (clustered draws)
    j1 = clustered_wilson(side == 1, G)
    j2 = clustered_wilson(side == 2, G)
    actors: dict[str, Any] = {}
    for i, a in enumerate(c.actors):
        p1, p2 = float(j1.p[i]), float(j2.p[i])
        codes, counts = np.unique(out.cause[:, i], return_counts=True)
        causes: list[dict[str, Any]] = []
        for code, cnt in zip(codes.tolist(), counts.tolist(), strict=True):
            if code < 0:
                continue
            entry = cause_label(c, code)
            entry["p"] = cnt / N
            causes.append(entry)
        causes.sort(key=lambda e: -e["p"])
        pos_ties = sorted({t for (x, y), ts in c.pos_ties.items() if i in (x, y) for t in ts})
        neg_ties = sorted({t for (x, y), ts in c.neg_ties.items() if i in (x, y) for t in ts})
        actors[a] = {
            "name": c.names[i],
            "p_join_attacker": p1,
            "p_join_target": p2,
            "ci95_attacker": [float(j1.lo[i]), float(j1.hi[i])],
            "ci95_target": [float(j2.lo[i]), float(j2.hi[i])],
            "design_effect_attacker": float(j1.deff[i]),
            "design_effect_target": float(j2.deff[i]),
            "via": causes,
            "ties": {"positive": pos_ties, "negative": neg_ties},
        }
    count = (side != 0).sum(axis=1)
    ks, kc = np.unique(count, return_counts=True)
    belligerents = {int(k): float(v) / N for k, v in zip(ks, kc, strict=True)}
    cr = clustered_wilson(out.cross_theatre, G)
    cross = float(cr.p)
    rows: list[dict[str, Any]] = []
    trig_rate = out.triggered.mean(axis=0) if len(c.rows) else np.zeros(0)
    for o, f in enumerate(tr.findings):
        d = f.to_dict()
        d["p_triggered"] = float(trig_rate[o])
        d["p_joined_by"] = float((out.cause == CAUSE_ROW + o).mean())
        d["source_titles"] = _cite_list(c, f.row.sources)
        rows.append(d)
    det = tr.deterrence()
    params = {k: v.to_dict() for k, v in tr.params.items()}
    provenance_common = {
        "pack": c.pack.id,
        "as_of": c.as_of.isoformat(),
        "reliability": {"model": tr.provider, "sources": list(tr.provider_sources)},
        "assessments_on": list(c.assessments_applied),
        "modifications": list(c.modifications),
        "notes": list(c.notes),
    }
    pw = out.mean_pwin
    return {
        "trigger": tr.trigger.model_dump(mode="json", exclude_none=True),
        "draws": N,
        "worlds": tr.worlds,
        "cascades_per_world": tr.cascades_per_world,
        "rounds": out.rounds,
        "deterrence_holds": {
            **det,
            "provenance": {
                **provenance_common,
                "formula": "holds iff E[P(win)]·V − C ≤ 0, P(win) = C_A^γ/(C_A^γ + C_T^γ)",
                "parameters": [k for k in params if k not in ("sympathy", "opportunism")]
                + ["sympathy", "opportunism"],
                "ties": sorted({r["tie"] for r in rows if r["p_triggered"] > 0}),
            },
        },
        "attacker_pwin": {
            "mean": float(pw.mean()),
            "q05": float(np.quantile(pw, 0.05)),
            "q50": float(np.quantile(pw, 0.5)),
            "q95": float(np.quantile(pw, 0.95)),
        },
        "attacker_capability_share": {
            "mean": float(out.capability_share.mean()),
            "q05": float(np.quantile(out.capability_share, 0.05)),
            "q95": float(np.quantile(out.capability_share, 0.95)),
            "definition": "C_A / (C_A + C_T): the attacker coalition's share of the capability "
            "at war, after projection and tie-down",
        },
        "utility": {
            "mean": float(out.utility.mean()),
            "q05": float(np.quantile(out.utility, 0.05)),
            "q95": float(np.quantile(out.utility, 0.95)),
        },
        "p_cross_theatre": cross,
        "p_cross_theatre_ci95": [float(cr.lo), float(cr.hi)],
        "p_cross_theatre_design_effect": float(cr.deff),
        "belligerents": belligerents,
        "actors": actors,
        "obligations": rows,
        "parameters": params,
        "provenance": provenance_common,
    }


def scenario_summary(r: ScenarioResult) -> dict[str, Any]:
    """The ``results.json`` entry of a scenario: the primary trigger at the top level."""
    spec = r.scenario.spec
    prim = r.primary.summary
    return {
        "id": spec.id,
        "title": spec.title,
        "description": spec.description,
        "claims": list(spec.claims),
        "baseline": spec.baseline,
        "as_of": r.compiled.as_of.isoformat(),
        "draws": r.draws,
        "seed": r.seed,
        "trigger": prim["trigger"],
        "deterrence_holds": {
            "p": prim["deterrence_holds"]["p"],
            "ci95": prim["deterrence_holds"]["ci95"],
            "worlds": prim["deterrence_holds"]["worlds"],
            "provenance": prim["deterrence_holds"]["provenance"],
        },
        "p_cross_theatre": prim["p_cross_theatre"],
        "p_cross_theatre_ci95": prim["p_cross_theatre_ci95"],
        "p_cross_theatre_design_effect": prim["p_cross_theatre_design_effect"],
        "attacker_pwin": prim["attacker_pwin"],
        "attacker_capability_share": prim["attacker_capability_share"],
        "utility": prim["utility"],
        "belligerents": prim["belligerents"],
        "actors": prim["actors"],
        "obligations": prim["obligations"],
        "parameters": prim["parameters"],
        "crises": [cr.model_dump(mode="json", exclude_none=True) for cr in spec.crises],
        "triggers": [t.summary for t in r.triggers[1:]],
    }


# ------------------------------------------------------------------------------ comparison
def compare_results(a: ScenarioResult, b: ScenarioResult) -> dict[str, Any]:
    """Differences B − A with 95% intervals, paired on common random numbers.

    Both runs must share seed and draws; then the same world carries the same draws of every
    shared input, and the paired differences have much smaller variance than independent runs.
    Standard errors come from the per-world paired differences (draws of a world are
    correlated), see :func:`foedus._intervals.paired_difference`.
    """
    if a.draws != b.draws or a.seed != b.seed:
        raise ValueError("compare needs runs with the same draws and seed")
    ta, tb = a.primary, b.primary
    G = ta.worlds
    ha = ta.outcome.holds.astype(float)
    hb = tb.outcome.holds.astype(float)
    out: dict[str, Any] = {
        "a": a.scenario.id,
        "b": b.scenario.id,
        "draws": a.draws,
        "seed": a.seed,
        "deterrence_holds": _paired(ha, hb, G) | {"a": ha.mean(), "b": hb.mean()},
        "p_cross_theatre": _paired(ta.outcome.cross_theatre, tb.outcome.cross_theatre, G),
        "attacker_pwin": _paired(ta.outcome.mean_pwin, tb.outcome.mean_pwin, G),
        "actors": {},
    }
    common = [x for x in ta.compiled.actors if x in tb.compiled.actors]
    for actor in common:
        ia, ib = ta.compiled.index(actor), tb.compiled.index(actor)
        entry = {}
        for label, code in (("p_join_attacker", 1), ("p_join_target", 2)):
            xa = ta.outcome.side[:, ia] == code
            xb = tb.outcome.side[:, ib] == code
            entry[label] = _paired(xa, xb, G)
        out["actors"][actor] = entry
    return out


def _paired(xa: np.ndarray, xb: np.ndarray, worlds: int) -> dict[str, Any]:
    """Paired difference ``xb − xa`` over ``worlds`` worlds (per-world arrays: ``worlds`` = len)."""
    return paired_difference(xa, xb, worlds)


__all__ = [
    "DEFAULT_DRAWS",
    "BaseRateProvider",
    "ScenarioResult",
    "TriggerResult",
    "clustered_wilson",
    "compare_results",
    "paired_difference",
    "run_scenario",
    "wilson",
]
