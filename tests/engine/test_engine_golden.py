"""Hand-computed golden cases on tiny packs: triggering, the cascade, deterrence."""

from __future__ import annotations

import math

import numpy as np
import pytest

from foedus.engine import compile_scenario, run_scenario, triggered_obligations

IP = "indo_pacific"


def status(findings: list, by: str, to: str) -> tuple[str, float]:
    for f in findings:
        if f.row.by == by and f.row.to == to:
            return f.status, f.probability
    raise AssertionError(f"no row {by}→{to}")


# ------------------------------------------------------------------------------- triggering
def test_triggering_statuses(tiny, fixed, pact) -> None:
    actors = {
        "AAA": (0.3, IP),
        "TTT": (0.2, IP),
        "XXX": (0.1, IP),
        "YYY": (0.1, IP),
        "ZZZ": (0.1, IP),
        "EEE": (0.1, "europe"),
    }
    ties = [
        pact("x-t", "XXX", "TTT", limited_strike_counts=0.4),
        pact("y-a", "YYY", "AAA"),
        pact("z-t", "ZZZ", "TTT", adversaries=["YYY"]),
        pact("e-t", "EEE", "TTT", locations=["europe"]),
        pact("y-a-np", "YYY", "AAA", non_provocation=True),
    ]
    for kind, p in (("invasion", 1.0), ("limited_strike", 0.4)):
        s = tiny(actors, ties, kind=kind)
        found = triggered_obligations(compile_scenario(s), s.spec.triggers[0])
        assert status(found, "XXX", "TTT") == ("triggered", p)
        # a defensive pact with the attacker is not triggered by its own attack
        assert status(found, "YYY", "AAA")[0] == "conditional"
        # named-adversary condition: only against YYY, and AAA attacked
        assert status(found, "ZZZ", "TTT") == ("not_triggered", 0.0)
        # location condition: TTT is in the Indo-Pacific, the pact covers Europe only
        assert status(found, "EEE", "TTT") == ("not_triggered", 0.0)
        # the obliged actor is already a party
        assert status(found, "TTT", "XXX") == ("not_triggered", 0.0)
    np_rows = [
        f
        for f in triggered_obligations(compile_scenario(s), s.spec.triggers[0])
        if f.row.tie == "y-a-np" and f.row.to == "AAA"
    ]
    assert np_rows[0].status == "not_triggered"
    assert "non-provocation" in np_rows[0].reason


# ------------------------------------------------------------------------------- cascade
@pytest.mark.parametrize(("kind", "counts"), [("invasion", 1.0), ("limited_strike", 0.4)])
def test_single_ally_joins_with_honour_times_counts(
    tiny, fixed, pact, kind: str, counts: float
) -> None:
    """P(X joins T) = p · (1 for an invasion, limited_strike_counts for a limited strike)."""
    actors = {"AAA": (0.3, IP), "TTT": (0.2, IP), "XXX": (0.5, IP)}
    s = tiny(actors, [pact("x-t", "XXX", "TTT", limited_strike_counts=counts)], kind=kind)
    p = 0.6
    r = run_scenario(s, draws=40_000, seed=3, provider=fixed({"x-t": p}))
    x = r.primary.summary["actors"]["XXX"]
    expected = p * counts
    se = math.sqrt(expected * (1 - expected) / 40_000)
    assert x["p_join_target"] == pytest.approx(expected, abs=4 * se)
    assert x["p_join_attacker"] == 0.0
    # every join of XXX came through its pact
    assert [v["cause"] for v in x["via"]] == ["obligation"]


def test_chain_ganging_through_a_strike(tiny, fixed, pact) -> None:
    """X (T's ally) joins, strikes A, which triggers Y's pact with A: P(Y joins) = p·q."""
    actors = {"AAA": (0.3, IP), "TTT": (0.2, IP), "XXX": (0.2, IP), "YYY": (0.2, IP)}
    ties = [pact("x-t", "XXX", "TTT"), pact("y-a", "YYY", "AAA")]
    p, q = 0.7, 0.5
    prov = fixed({"x-t": p, "y-a": q})
    n = 40_000
    # (a) nobody strikes A: Y's pact is never triggered
    r0 = run_scenario(tiny(actors, ties), draws=n, seed=5, provider=prov)
    assert r0.primary.summary["actors"]["YYY"]["p_join_attacker"] == 0.0
    # (b) belligerents strike each other's territory: T and X strike A
    r1 = run_scenario(
        tiny(actors, ties, parameters={"strike": 1.0}), draws=n, seed=5, provider=prov
    )
    y = r1.primary.summary["actors"]["YYY"]
    # T retaliates? no (retaliation 0); X, once in, strikes A with certainty → p·q
    assert y["p_join_attacker"] == pytest.approx(p * q, abs=4 * math.sqrt(p * q / n))
    # (c) the target retaliates with certainty: A is struck in round one → q
    r2 = run_scenario(
        tiny(actors, ties, parameters={"retaliation_invasion": 1.0}),
        draws=n,
        seed=5,
        provider=prov,
    )
    y2 = r2.primary.summary["actors"]["YYY"]
    assert y2["p_join_attacker"] == pytest.approx(q, abs=4 * math.sqrt(q / n))


def test_cross_theatre_spread(tiny, fixed, pact) -> None:
    """A European ally of the target carries the war into a second theatre."""
    actors = {"AAA": (0.3, IP), "TTT": (0.2, IP), "EEE": (0.2, "europe")}
    s = tiny(actors, [pact("e-t", "EEE", "TTT")])
    r = run_scenario(s, draws=20_000, seed=1, provider=fixed({"e-t": 0.25}))
    summ = r.primary.summary
    assert summ["p_cross_theatre"] == pytest.approx(
        summ["actors"]["EEE"]["p_join_target"], abs=1e-12
    )
    assert 0.2 < summ["p_cross_theatre"] < 0.3


def test_tripwire_brings_the_deploying_state_in(tiny, fixed, pact) -> None:
    actors = {"AAA": (0.3, IP), "TTT": (0.2, IP), "UUU": (0.5, IP)}
    ties = [{"id": "u-forces", "kind": "troop_deployment", "members": ["UUU", "TTT"]}]
    s = tiny(actors, ties, parameters={"tripwire_invasion": 1.0, "struck_joins": 1.0})
    r = run_scenario(s, draws=2_000, seed=1, provider=fixed({}))
    u = r.primary.summary["actors"]["UUU"]
    assert u["p_join_target"] == 1.0
    assert u["via"][0]["cause"] == "tripwire"


# ------------------------------------------------------------------------------- deterrence
@pytest.mark.parametrize(
    ("p", "gamma", "pwin"),
    [
        (0.0, 1.0, 0.3 / 0.5),  # A alone against T: 0.3 / (0.3 + 0.2)
        (1.0, 1.0, 0.3 / 1.0),  # X always joins T: 0.3 / (0.3 + 0.2 + 0.5)
        (1.0, 2.0, 0.09 / (0.09 + 0.49)),  # γ = 2: 0.3² / (0.3² + 0.7²)
    ],
)
def test_contest_success_function(tiny, fixed, pact, p: float, gamma: float, pwin: float) -> None:
    actors = {"AAA": (0.3, IP), "TTT": (0.2, IP), "XXX": (0.5, IP)}
    s = tiny(actors, [pact("x-t", "XXX", "TTT")], parameters={"gamma": gamma})
    r = run_scenario(s, draws=1_000, seed=2, provider=fixed({"x-t": p}))
    out = r.primary.outcome
    assert np.allclose(out.mean_pwin, pwin)
    # V = 1, C = 0.5: the attack pays iff P(win) > 0.5
    assert r.primary.deterrence()["p"] == (0.0 if pwin > 0.5 else 1.0)


def test_anticipation_averages_over_coalitions(tiny, fixed, pact) -> None:
    """With X joining half the time the attacker expects 0.5·0.6 + 0.5·0.3 = 0.45 < 0.5."""
    actors = {"AAA": (0.3, IP), "TTT": (0.2, IP), "XXX": (0.5, IP)}
    s = tiny(actors, [pact("x-t", "XXX", "TTT")])
    r = run_scenario(s, draws=100_000, seed=4, provider=fixed({"x-t": 0.5}))
    assert r.primary.summary["attacker_pwin"]["mean"] == pytest.approx(0.45, abs=0.003)


def test_projection_and_tie_down(tiny, fixed, pact) -> None:
    """A distant ally counts with the projection share; a crisis removes its tied-down share."""
    actors = {"AAA": (0.3, IP), "TTT": (0.2, IP), "EEE": (0.5, "europe")}
    crisis = [{"id": "elsewhere", "parties": ["EEE"], "ties_down": {"EEE": 0.5}}]
    s = tiny(
        actors,
        [pact("e-t", "EEE", "TTT")],
        parameters={"projection_distant": 0.4},
        crises=crisis,
    )
    r = run_scenario(s, draws=1_000, seed=1, provider=fixed({"e-t": 1.0}))
    # T side: 0.2 + 0.5 · 0.4 · (1 − 0.5) = 0.3 → P(win) = 0.3 / 0.6
    assert np.allclose(r.primary.outcome.mean_pwin, 0.5)


def test_costly_attack_is_deterred(tiny, fixed, pact) -> None:
    """Without allies P(win) = 0.6; with C = 0.7 > 0.6·V the attack never pays."""
    actors = {"AAA": (0.3, IP), "TTT": (0.2, IP)}
    base = tiny(actors, [], parameters={"cost_invasion": 0.7})
    assert run_scenario(base, draws=500, seed=1).primary.deterrence()["p"] == 1.0
    cheap = tiny(actors, [], parameters={"cost_invasion": 0.5})
    assert run_scenario(cheap, draws=500, seed=1).primary.deterrence()["p"] == 0.0


def test_a_limited_strike_counts_once_for_all_members_of_a_pact(tiny, fixed, pact) -> None:
    """Whether a limited strike is the treaty's armed attack is one judgement per obligation:
    two members of one pact honouring for sure join together, with probability c (not c²)."""
    actors = {"AAA": (0.3, IP), "TTT": (0.2, IP), "XXX": (0.2, IP), "YYY": (0.2, IP)}
    alliance = {
        "id": "trio",
        "kind": "defense_pact",
        "members": ["XXX", "YYY", "TTT"],
        "obligations": [{"kind": "defense", "conditions": {"limited_strike_counts": 0.4}}],
    }
    s = tiny(actors, [alliance], kind="limited_strike")
    r = run_scenario(s, draws=20_000, seed=8, provider=fixed({"trio": 1.0}))
    side = r.primary.outcome.side
    c = compile_scenario(s)
    x, y = c.index("XXX"), c.index("YYY")
    assert (side[:, x] == side[:, y]).all()
    assert (side[:, x] == 2).mean() == pytest.approx(0.4, abs=4 * math.sqrt(0.24 / 20_000))


def test_a_pack_can_state_engine_parameters(tiny, fixed, pact) -> None:
    """A pack's `parameters` entry with an engine parameter's id sets its range (cited);
    a scenario override still wins."""
    actors = {"AAA": (0.3, IP), "TTT": (0.2, IP), "XXX": (0.5, IP)}
    gamma2 = [{"id": "gamma", "value": {"low": 2.0, "high": 2.0}, "description": "sharper"}]
    ties = [pact("x-t", "XXX", "TTT")]
    from_pack = compile_scenario(tiny(actors, ties, pack_parameters=gamma2, quiet=False))
    assert from_pack.params["gamma"].low == from_pack.params["gamma"].high == 2.0
    assert from_pack.params["gamma"].source.startswith("pack tiny")
    # QUIET fixes gamma = 1 in the scenario: P(win) = 0.3 / (0.3 + 0.7)
    overridden = tiny(actors, ties, pack_parameters=gamma2)
    r = run_scenario(overridden, draws=500, seed=1, provider=fixed({"x-t": 1.0}))
    assert np.allclose(r.primary.outcome.mean_pwin, 0.3)
