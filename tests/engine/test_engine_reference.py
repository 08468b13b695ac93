"""A slow, obvious reference implementation of the cascade; the vectorised kernel must agree.

The reference loops over draws, rounds, states and obligation rows in plain Python and applies
the rules of ``foedus.engine._kernel`` as written in its module docstring. Both read the same
uniforms, so they must produce the same sides, causes and deterrence outcomes draw for draw.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from foedus.engine import BaseRateProvider, compile_scenario, load_scenario
from foedus.engine._compile import covariates
from foedus.engine._kernel import (
    CAUSE_NONE,
    CAUSE_OPPORTUNISM,
    CAUSE_PRINCIPAL,
    CAUSE_ROW,
    CAUSE_STRUCK,
    CAUSE_SYMPATHY,
    KernelInput,
    WorldInput,
    draw_uniforms,
    run_kernel,
)
from foedus.engine._run import kernel_input, world_input


def reference(inp: KernelInput, world: WorldInput, draws, K: int):
    n, m = inp.n, inp.m
    A, T = inp.attacker, inp.target
    N = world.G * K
    side = np.zeros((N, n), dtype=int)
    cause = np.full((N, n), CAUSE_NONE)
    for d in range(N):
        g = d // K
        # who would strike whom: strikes[v] = set of strikers
        pot = [set() for _ in range(n)]
        for v in range(n):
            for j in range(n):
                if v == j:
                    continue
                u = (int(draws.strike[v, j, d]) + 0.5) / 256
                p = world.strike[g]
                if (v, j) == (A, T):
                    p = world.retaliation[g]
                if (v, j) == (T, A) or u < p:
                    pot[v].add(j)
        s = [0] * n
        c = [CAUSE_NONE] * n
        s[A], s[T] = 1, 2
        c[A] = c[T] = CAUSE_PRINCIPAL
        extra = [set() for _ in range(n)]
        for _ in range(inp.max_rounds):
            enemies = {1: {i for i in range(n) if s[i] == 2}, 2: {i for i in range(n) if s[i] == 1}}
            struck = [pot[v] & enemies[s[v]] if s[v] else set() for v in range(n)]
            for k in range(len(inp.dep)):
                if draws.tripwire[d, k] < world.tripwire[g]:
                    extra[inp.dep[k]] |= struck[inp.host[k]]
            new = list(s)
            newc = list(c)
            for i in range(n):
                if s[i] != 0:
                    continue
                # 1. own forces struck
                if extra[i] and draws.struck_join[d, i] < world.struck_joins[g]:
                    new[i] = 2 if any(s[x] == 1 for x in extra[i]) else 1
                    newc[i] = CAUSE_STRUCK
                    continue
                # 2. obligations, first row in order
                joined = False
                blocked = set()
                for o in range(m):
                    if inp.by[o] != i:
                        continue
                    t = inp.to[o]
                    honoured = draws.honour[d, o] < world.honour[g, o]
                    if s[t] == 0 or not honoured:
                        continue
                    kind = inp.kind[o]
                    if kind in (2, 3):
                        blocked.add(3 - s[t])
                        continue
                    if kind == 4:
                        continue
                    if kind == 1:
                        trig = (
                            bool(inp.static_ok[o])
                            and t == A
                            and bool(inp.adv[o] >> np.uint64(T) & np.uint64(1))
                        )
                    else:
                        strikers = {
                            x for x in struck[t] if inp.adv[o] >> np.uint64(x) & np.uint64(1)
                        }
                        # the trigger's own exchange (A on T, T on A) is limited when the
                        # trigger is: it counts only with the treaty's probability
                        lim = {x for x in strikers if inp.limited and {t, x} == {A, T}}
                        full = strikers - lim
                        counts = draws.counts[d, o] < inp.counts_p[o]
                        trig = (
                            inp.kind[o] == 0
                            and bool(inp.static_ok[o])
                            and len(strikers) >= inp.min_adv[o]
                            and (bool(full) or (bool(lim) and counts))
                        )
                    if trig and not joined:
                        new[i] = s[t]
                        newc[i] = CAUSE_ROW + o
                        joined = True
                if joined:
                    continue
                # 3. sympathy and opportunism (threshold)
                h = {}
                parts = {}
                for side_ in (1, 2):
                    other = 3 - side_
                    a = world.sympathy[g] * sum(inp.pos[i, j] for j in range(n) if s[j] == side_)
                    b = world.opportunism[g] * sum(inp.neg[i, j] for j in range(n) if s[j] == other)
                    h[side_] = 0.0 if side_ in blocked else a + b
                    parts[side_] = (a, b)
                tot = h[1] + h[2]
                if tot > 0 and draws.join[d, i] < -math.expm1(-tot):
                    pick = 1 if draws.side[d, i] < h[1] / tot else 2
                    new[i] = pick
                    a, b = parts[pick]
                    newc[i] = CAUSE_SYMPATHY if a >= b else CAUSE_OPPORTUNISM
            if new == s:
                break
            s, c = new, newc
        side[d], cause[d] = s, c
    return side, cause


@pytest.mark.parametrize("table", [True, False], ids=["side-table", "matrix-product"])
@pytest.mark.parametrize(
    "scenario_id",
    ["prk-invasion", "prk-limited-strike", "rus-nato-escalation", "prk-invasion-china-reengages"],
)
def test_kernel_agrees_with_reference(
    scenario_id: str, table: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import foedus.engine._kernel as kernel

    if not table:  # the path packs with more than 16 states take
        monkeypatch.setattr(kernel, "LUT_MAX_STATES", 0)
    s = load_scenario(scenario_id)
    c = compile_scenario(s)
    trig = s.spec.triggers[0]
    G, K = 40, 5
    base = BaseRateProvider().honour_probability(covariates(c), G, 11)
    inp = kernel_input(c, trig)
    world = world_input(c, trig, G, 11, base)
    # Turn up the noise so that every mechanism fires in a few hundred draws.
    world = WorldInput(
        **{
            **world.__dict__,
            "sympathy": np.full(G, 0.31),
            "opportunism": np.full(G, 0.17),
            "strike": np.full(G, 0.5),
            "honour": np.clip(world.honour * 2, 0, 1),
        }
    )
    draws = draw_uniforms(inp, G * K, 11)
    fast = run_kernel(inp, world, draws, K)
    side, cause = reference(inp, world, draws, K)
    assert np.array_equal(fast.side, side)
    assert np.array_equal(fast.cause, cause)
    # deterrence from the reference sides
    proj = np.where(
        inp.home == 0,
        1.0,
        np.where(inp.home == 1, world.proj_global[:, None], world.proj_distant[:, None]),
    )
    cap = inp.cinc * proj * (1 - world.tie_down)
    pw = np.zeros((G, K))
    for g in range(G):
        for k in range(K):
            row = side[g * K + k]
            c1 = sum(cap[g, i] for i in range(inp.n) if row[i] == 1) ** world.gamma[g]
            c2 = sum(cap[g, i] for i in range(inp.n) if row[i] == 2) ** world.gamma[g]
            pw[g, k] = c1 / (c1 + c2)
    holds = pw.mean(axis=1) * world.value - world.cost <= 0
    assert np.allclose(fast.mean_pwin, pw.mean(axis=1))
    assert np.array_equal(fast.holds, holds)
