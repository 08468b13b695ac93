"""The vectorised Monte Carlo kernel: the casus-foederis cascade and deterrence.

Shapes: ``G`` worlds (draws of every uncertain input), ``K`` cascades per world (draws of who
strikes whom and who honours what), ``N = G·K`` draws, ``n`` states, ``m`` obligation rows. Sets
of states are 64-bit masks (bit *i* = state *i*), so the side of the war, who struck whom and an
obligation's named adversaries are compared with one bitwise operation per draw. The only
Python loop runs over cascade rounds (a handful) until no draw changes.

Per draw, round by round (MODEL.md §2):

1. **Strikes.** Belligerents strike the territory of enemy belligerents: a pair (striker *j*,
   victim *v*) strikes iff its fixed uniform is below ``strike`` (the target always suffers the
   trigger; the attacker suffers the target's retaliation with probability ``retaliation``).
   Forces a state deploys on a struck host are hit with probability ``tripwire``.
2. **Triggered obligations.** A defence row *b → t* is triggered when *t* is struck by a named
   adversary (any, if none are named) in the pact's area; a strike that is part of a limited
   trigger (between attacker and target) counts only with the treaty's ``limited_strike_counts``
   probability; a non-provocation clause never protects the initiator. Offence rows owed to the
   attacker are triggered by its attack.
3. **Who joins.** A neutral state whose own forces were struck joins against the striker with
   probability ``struck_joins``; a triggered row is honoured iff its uniform is below the honour
   probability (reliability model + open shifts); any other neutral state joins side *s* with
   probability ``1 − exp(−h_s)``, ``h_s = sympathy·Σ_{j∈s} pos_ij + opportunism·Σ_{j∉s} neg_ij``,
   unless a neutrality or non-aggression promise it honours forbids it.

Deterrence (MODEL.md §4): with capability ``c_i = cinc_i · projection_i · (1 − tied_down_i)``,
``P(win) = C_A^γ / (C_A^γ + C_T^γ)`` per cascade; the attacker, anticipating the intervention
distribution, takes its mean over the world's ``K`` cascades, and attacks iff
``E[P(win)] · V · e^{shift} − C > 0``. Deterrence holds in a world when it does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from foedus.engine._streams import stream, uniforms

CAUSE_NONE = -1
CAUSE_PRINCIPAL = 0
CAUSE_SYMPATHY = 1
CAUSE_OPPORTUNISM = 2
CAUSE_STRUCK = 3
CAUSE_ROW = 10  # + row index

KIND_CODE = {"defense": 0, "offense": 1, "neutrality": 2, "nonaggression": 3, "consultation": 4}


@dataclass(frozen=True)
class KernelInput:
    """Static arrays of one trigger in one compiled scenario."""

    n: int
    attacker: int
    target: int
    limited: bool
    cinc: np.ndarray  # (n,)
    home: np.ndarray  # (n,) int: 0 = war theatre, 1 = global power, 2 = elsewhere
    eu_bits: np.uint64
    ip_bits: np.uint64
    by: np.ndarray  # (m,) int
    to: np.ndarray  # (m,) int
    kind: np.ndarray  # (m,) int, KIND_CODE
    adv: np.ndarray  # (m,) uint64 mask of strikers the row applies against
    static_ok: np.ndarray  # (m,) bool: location ok, condition modelled, not a provoker's pact
    min_adv: np.ndarray  # (m,) int
    counts_p: np.ndarray  # (m,) float
    pos: np.ndarray  # (n, n)
    neg: np.ndarray  # (n, n)
    dep: np.ndarray  # (k,) deployer index
    host: np.ndarray  # (k,) host index
    actor_keys: tuple[str, ...]
    row_keys: tuple[str, ...]
    dep_keys: tuple[str, ...]
    count_keys: tuple[str, ...] = ()  # per row: its obligation's key (default: the row key)
    max_rounds: int = 8

    @property
    def m(self) -> int:
        """Number of obligation rows."""
        return int(self.by.shape[0])


@dataclass(frozen=True)
class WorldInput:
    """Per-world draws of the uncertain inputs (each array has ``G`` rows)."""

    gamma: np.ndarray
    proj_global: np.ndarray
    proj_distant: np.ndarray
    value: np.ndarray  # includes any value shift, e^{shift}·V
    cost: np.ndarray
    retaliation: np.ndarray
    strike: np.ndarray
    tripwire: np.ndarray
    struck_joins: np.ndarray
    sympathy: np.ndarray
    opportunism: np.ndarray
    honour: np.ndarray  # (G, m)
    tie_down: np.ndarray  # (G, n)

    @property
    def G(self) -> int:
        """Number of worlds."""
        return int(self.gamma.shape[0])


@dataclass(frozen=True)
class Draws:
    """The uniforms of the cascades (``N`` rows), keyed by entity names for common numbers."""

    strike: np.ndarray  # (n, n, N) uint8, [victim, striker, draw]; uniform = (byte + 0.5) / 256
    counts: np.ndarray  # (N, m)
    honour: np.ndarray  # (N, m)
    tripwire: np.ndarray  # (N, k)
    struck_join: np.ndarray  # (N, n)
    side: np.ndarray  # (N, n)
    join: np.ndarray  # (N, n): an actor's threshold for joining by sympathy or opportunism


@dataclass(frozen=True)
class Outcome:
    """What the kernel returns."""

    side: np.ndarray  # (N, n) int8: 0 out, 1 attacker's side, 2 target's side
    cause: np.ndarray  # (N, n) int16, CAUSE_* or CAUSE_ROW + row
    joined_round: np.ndarray  # (N, n) int8, -1 if never
    rounds: int  # rounds run (the last one changed nothing, or the cap was hit)
    triggered: np.ndarray  # (N, m) bool: the row was triggered at some round
    pwin: np.ndarray  # (N,)
    capability_share: np.ndarray  # (N,) C_A / (C_A + C_T), the coalition capability ratio
    cross_theatre: np.ndarray  # (N,) bool
    mean_pwin: np.ndarray  # (G,) the attacker's anticipated P(win)
    utility: np.ndarray  # (G,) expected utility of attacking
    holds: np.ndarray  # (G,) bool: deterrence holds


def draw_uniforms(inp: KernelInput, N: int, seed: int) -> Draws:
    """Every uniform a cascade needs, each stream keyed by the names it belongs to."""
    n, m, k = inp.n, inp.m, len(inp.dep_keys)
    # One byte per (victim, striker, draw): strike probabilities are compared at a resolution
    # of 1/256, which keeps the largest array of the run small and quick to draw.
    strike = np.full((n, n, N), 255, dtype=np.uint8)
    for v, vk in enumerate(inp.actor_keys):
        for j, jk in enumerate(inp.actor_keys):
            if v != j:
                strike[v, j] = np.frombuffer(
                    stream(seed, "strike", vk, jk).bytes(N), dtype=np.uint8
                )

    def cols(keys: tuple[str, ...], *tag: str) -> np.ndarray:
        out = np.empty((N, len(keys)), dtype=np.float32)
        for i, key in enumerate(keys):
            out[:, i] = uniforms(seed, N, *tag, key)
        return out

    return Draws(
        strike=strike,
        counts=_counts(inp, N, seed, cols),
        honour=cols(inp.row_keys, "honour") if m else np.zeros((N, 0), np.float32),
        tripwire=cols(inp.dep_keys, "tripwire") if k else np.zeros((N, 0), np.float32),
        struck_join=cols(inp.actor_keys, "struck-join"),
        side=cols(inp.actor_keys, "side"),
        join=cols(inp.actor_keys, "join"),
    )


def _counts(inp: KernelInput, N: int, seed: int, cols: Any) -> np.ndarray:
    """One uniform per obligation, shared by its rows: does a limited strike count?"""
    if not inp.m:
        return np.zeros((N, 0), np.float32)
    keys = inp.count_keys or inp.row_keys
    unique = tuple(dict.fromkeys(keys))
    drawn = cols(unique, "counts")
    return np.ascontiguousarray(drawn[:, [unique.index(k) for k in keys]])


LUT_MAX_STATES = 16


def _side_table(pos: np.ndarray, neg: np.ndarray) -> np.ndarray:
    """``table[mask] = [mask's members summed over pos, and over neg]``, shape (2^n, 2n)."""
    n = pos.shape[0]
    masks = np.arange(1 << n, dtype=np.uint32)
    members = ((masks[:, None] >> np.arange(n, dtype=np.uint32)) & 1).astype(np.float32)
    return np.ascontiguousarray(
        np.einsum("mk,kj->mj", members, np.hstack([pos, neg]).astype(np.float32))
    )


def _pack(bits: np.ndarray) -> np.ndarray:
    """Bool array ``(..., n)`` with n ≤ 64 → uint64 masks ``(...)`` (bit i = column i)."""
    n = bits.shape[-1]
    packed = np.packbits(bits, axis=-1, bitorder="little")
    pad = 8 - packed.shape[-1]
    if pad:
        packed = np.concatenate(
            [packed, np.zeros((*packed.shape[:-1], pad), dtype=np.uint8)], axis=-1
        )
    del n
    return np.ascontiguousarray(packed).view("<u8")[..., 0]


def _popcount(x: np.ndarray) -> np.ndarray:
    return np.bitwise_count(x)


def _padded(rows_of: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    width = max((len(r) for r in rows_of), default=0) or 1
    idx = np.zeros((len(rows_of), width), dtype=np.intp)
    valid = np.zeros((len(rows_of), width), dtype=bool)
    for i, r in enumerate(rows_of):
        idx[i, : len(r)] = r
        valid[i, : len(r)] = True
    return idx, valid


def run_kernel(inp: KernelInput, world: WorldInput, draws: Draws, K: int) -> Outcome:
    """Run the cascades of ``world.G × K`` draws and evaluate deterrence (see module doc)."""
    G = world.G
    N = G * K
    n, m = inp.n, inp.m
    A, T = inp.attacker, inp.target
    one = np.uint64(1)
    bit = np.array([one << np.uint64(i) for i in range(n)], dtype=np.uint64)
    rep = np.repeat  # per-world → per-draw

    # --- fixed strike potentials: pot[d, v] = mask of strikers that would hit v
    thr = rep(world.strike, K) * 256.0 - 0.5  # byte < thr  <=>  (byte + 0.5) / 256 < p
    hits = draws.strike < thr.astype(np.float32)
    hits[A, T] = draws.strike[A, T] < (rep(world.retaliation, K) * 256.0 - 0.5)
    hits[T, A] = True
    hits[np.arange(n), np.arange(n)] = False
    packed = np.packbits(hits, axis=1, bitorder="little")  # (n, bytes, N)
    del hits
    full8 = np.zeros((N, n, 8), dtype=np.uint8)
    full8[:, :, : packed.shape[1]] = packed.transpose(2, 0, 1)
    pot = full8.view("<u8")[..., 0]  # (N, n): bit j of pot[d, v] = j would strike v
    del packed, full8
    limmask = np.zeros(n, dtype=np.uint64)
    if inp.limited:
        limmask[T] = bit[A]
        limmask[A] = bit[T]

    # --- obligation bookkeeping
    # Rows are processed sorted by obliged state, so that "does any of its rows make it join,
    # and which first?" is one reduceat per round; results are mapped back at the end.
    order = np.argsort(inp.by, kind="stable")
    row_of = order if m else np.zeros(1, dtype=np.intp)  # sorted position → original row
    r_by, r_to, r_kind = inp.by[order], inp.to[order], inp.kind[order]
    r_adv, r_static, r_min = inp.adv[order], inp.static_ok[order], inp.min_adv[order]
    is_def = r_kind == 0
    is_off = r_kind == 1
    is_neu = (r_kind == 2) | (r_kind == 3)
    # compare per world without repeating the (G, m) probabilities, then reorder the booleans
    honour_ok = (
        (draws.honour.reshape(G, K, m) < world.honour[:, None, :]).reshape(N, m)[:, order]
        if m
        else np.zeros((N, 0), bool)
    )
    counts_ok = (draws.counts < inp.counts_p[None, :].astype(np.float32))[:, order]
    off_static = is_off & r_static & (r_to == A) & ((r_adv & bit[T]) != 0)
    fights_rows = np.flatnonzero(~is_neu & (r_kind != 4))
    f_actor, f_start = np.unique(r_by[fights_rows], return_index=True)
    # score = (number of fighting rows − position): the maximum picks the first joining row
    score_type = np.int8 if fights_rows.shape[0] < 127 else np.int32
    f_score = (fights_rows.shape[0] - np.arange(fights_rows.shape[0])).astype(score_type)
    neu_rows = [[o for o in range(m) if r_by[o] == i and is_neu[o]] for i in range(n)]
    u_idx, u_valid = _padded(neu_rows)
    trip = (
        draws.tripwire < rep(world.tripwire, K).astype(np.float32)[:, None]
        if len(inp.dep)
        else np.zeros((N, 0), bool)
    )
    struck_join = draws.struck_join < rep(world.struck_joins, K).astype(np.float32)[:, None]
    sym = rep(world.sympathy, K)[:, None]
    opp = rep(world.opportunism, K)[:, None]
    pos = inp.pos.astype(np.float64)
    neg = inp.neg.astype(np.float64)

    has_neu = bool(is_neu.any())
    need_count = bool((r_min > 1).any())
    trig_static = is_def & r_static
    lim_adv = limmask[r_to] & r_adv
    full_adv = ~limmask[r_to] & r_adv
    lim_cols = np.flatnonzero(lim_adv != 0)
    join_u = draws.join
    side_u = draws.side
    # One matmul per round: [in1 in2] @ W gives sympathy to sides 1, 2 and opportunism to 1, 2.
    zeros = np.zeros((n, n))
    W = np.block([[pos, zeros, zeros, neg], [zeros, pos, neg, zeros]]).astype(np.float32)
    # For up to 16 states, a table indexed by a side's bit mask gives the tie sums of every
    # state towards that side in one gather: no matrix product (and no BLAS threads) per round.
    lut = _side_table(pos, neg) if n <= LUT_MAX_STATES else None
    sym = sym.astype(np.float32)
    opp = opp.astype(np.float32)

    side = np.zeros((N, n), dtype=np.int8)
    side[:, A] = 1
    side[:, T] = 2
    cause = np.full((N, n), CAUSE_NONE, dtype=np.int16)
    cause[:, A] = CAUSE_PRINCIPAL
    cause[:, T] = CAUSE_PRINCIPAL
    joined = np.full((N, n), -1, dtype=np.int8)
    joined[:, A] = 0
    joined[:, T] = 0
    S1 = np.full(N, bit[A], dtype=np.uint64)
    S2 = np.full(N, bit[T], dtype=np.uint64)
    ever = np.zeros((N, m), dtype=bool)
    extra = np.zeros((N, n), dtype=np.uint64)  # strikes on deployed forces (tripwires)
    rounds = 0
    # A draw whose state did not change in a round is at its fixed point (a round is a
    # deterministic function of the state and the draw's fixed uniforms), so each round only
    # works on the draws that changed in the previous one.
    live: np.ndarray | slice = slice(None)
    for r in range(inp.max_rounds):
        rounds = r + 1
        sd_ = side[live]
        s1, s2 = S1[live], S2[live]
        ex = extra[live]
        L = sd_.shape[0]
        in1 = sd_ == 1
        in2 = sd_ == 2
        zero = np.uint64(0)
        enemy = np.where(in1, s2[:, None], np.where(in2, s1[:, None], zero))
        # Territorial strikes trigger pacts; strikes on forces deployed abroad (tripwires) only
        # bring the deploying state in: they are not on its territory, so no pact covers them.
        struck = pot[live] & enemy
        if len(inp.dep):
            hit = np.where(trip[live], struck[:, inp.host], zero)
            for k_, d_ in enumerate(inp.dep):  # a handful of deployment ties
                ex[:, d_] |= hit[:, k_]
            extra[live] = ex
        neutral = sd_ == 0
        if m:
            s_to = struck[:, r_to]
            ok = (s_to & full_adv) != 0
            if lim_cols.size:
                ok[:, lim_cols] |= ((s_to[:, lim_cols] & lim_adv[lim_cols]) != 0) & counts_ok[live][
                    :, lim_cols
                ]
            ok &= trig_static
            if need_count:
                ok &= _popcount(s_to & r_adv) >= r_min
            trig = ok | off_static
            ever[live] |= trig
            side_to = sd_[:, r_to]
            engaged = side_to != 0
            hon = honour_ok[live]
            act = (trig & hon & engaged)[:, fights_rows]
            any_act = np.zeros((L, n), bool)
            first = np.zeros((L, n), np.intp)
            ob_side = np.zeros((L, n), np.int8)
            if fights_rows.size:
                best = np.maximum.reduceat(np.where(act, f_score, score_type(0)), f_start, axis=1)
                pos_first = fights_rows[
                    np.maximum(fights_rows.shape[0] - best, 0).clip(max=fights_rows.shape[0] - 1)
                ]
                any_act[:, f_actor] = best > 0
                first[:, f_actor] = pos_first
                ob_side[:, f_actor] = np.take_along_axis(side_to, pos_first, axis=1)
            if has_neu:
                restrain = hon & engaged & is_neu
                upad = restrain[:, u_idx] & u_valid
                uside = side_to[:, u_idx]
                block1 = (upad & (uside == 2)).any(axis=-1)
                block2 = (upad & (uside == 1)).any(axis=-1)
            else:
                block1 = block2 = np.zeros((L, n), bool)
        else:
            any_act = np.zeros((L, n), bool)
            first = np.zeros((L, n), np.intp)
            ob_side = np.zeros((L, n), np.int8)
            block1 = block2 = np.zeros((L, n), bool)

        # self-defence of states whose deployed forces were struck
        sd = neutral & (ex != 0) & struck_join[live]
        sd_side = np.where((ex & s1[:, None]) != 0, 2, 1).astype(np.int8)

        # sympathy and opportunism (threshold model)
        # float32 is ample for hazards of a few tie strengths, and the product is 8× cheaper
        sy, op = sym[live], opp[live]
        if lut is not None:
            t1 = lut[s1.astype(np.intp)]  # (L, 2n): [Σ pos to side 1, Σ neg to side 1]
            t2 = lut[s2.astype(np.intp)]
            a1, a2 = sy * t1[:, :n], sy * t2[:, :n]
            o1, o2 = op * t2[:, n:], op * t1[:, n:]  # negative ties to the other side
        else:
            hh = np.concatenate([in1, in2], axis=1).astype(np.float32) @ W
            a1 = sy * hh[:, :n]
            a2 = sy * hh[:, n : 2 * n]
            o1 = op * hh[:, 2 * n : 3 * n]  # negative ties to the other side's members
            o2 = op * hh[:, 3 * n :]
        h1 = np.where(block1, np.float32(0.0), a1 + o1)
        h2 = np.where(block2, np.float32(0.0), a2 + o2)
        htot = h1 + h2
        drift = neutral & (htot > 0) & (join_u[live] < -np.expm1(-htot))
        with np.errstate(invalid="ignore", divide="ignore"):
            share1 = np.where(htot > 0, h1 / htot, np.float32(0.0))
        drift_side = np.where(side_u[live] < share1, 1, 2).astype(np.int8)
        drift_cause = np.where(
            drift_side == 1,
            np.where(a1 >= o1, CAUSE_SYMPATHY, CAUSE_OPPORTUNISM),
            np.where(a2 >= o2, CAUSE_SYMPATHY, CAUSE_OPPORTUNISM),
        ).astype(np.int16)

        ob_join = neutral & any_act
        new_side = np.where(
            sd, sd_side, np.where(ob_join, ob_side, np.where(drift, drift_side, 0))
        ).astype(np.int8)
        changed = neutral & (new_side != 0)
        moved = changed.any(axis=1)
        if not moved.any():
            break
        new_cause = np.where(
            sd,
            CAUSE_STRUCK,
            np.where(ob_join, CAUSE_ROW + row_of[first], np.where(drift, drift_cause, CAUSE_NONE)),
        ).astype(np.int16)
        side[live] = np.where(changed, new_side, sd_)
        cause[live] = np.where(changed, new_cause, cause[live])
        joined[live] = np.where(changed, np.int8(r + 1), joined[live])
        S1[live] = s1 | np.bitwise_or.reduce(np.where(changed & (new_side == 1), bit, zero), axis=1)
        S2[live] = s2 | np.bitwise_or.reduce(np.where(changed & (new_side == 2), bit, zero), axis=1)
        live = np.flatnonzero(moved) if isinstance(live, slice) else live[moved]

    # --- deterrence
    proj = np.where(
        inp.home[None, :] == 0,
        1.0,
        np.where(inp.home[None, :] == 1, world.proj_global[:, None], world.proj_distant[:, None]),
    )
    cap = inp.cinc[None, :] * proj * (1.0 - world.tie_down)  # (G, n)
    s3 = side.reshape(G, K, n)
    c1 = np.einsum("gkn,gn->gk", (s3 == 1).astype(np.float64), cap)
    c2 = np.einsum("gkn,gn->gk", (s3 == 2).astype(np.float64), cap)
    gam = world.gamma[:, None]
    a, b = c1**gam, c2**gam
    with np.errstate(invalid="ignore", divide="ignore"):
        pwin = np.where(a + b > 0, a / (a + b), 0.5)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(c1 + c2 > 0, c1 / (c1 + c2), 0.5)
    mean_pwin = pwin.mean(axis=1)
    utility = mean_pwin * world.value - world.cost
    holds = utility <= 0.0
    B = S1 | S2
    cross = ((B & inp.eu_bits) != 0) & ((B & inp.ip_bits) != 0)
    triggered = np.empty_like(ever)
    triggered[:, order] = ever
    return Outcome(
        side=side,
        cause=cause,
        joined_round=joined,
        rounds=rounds,
        triggered=triggered,
        pwin=pwin.reshape(N),
        capability_share=share.reshape(N),
        cross_theatre=cross,
        mean_pwin=mean_pwin,
        utility=utility,
        holds=holds,
    )
