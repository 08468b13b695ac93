"""Frustration index, camps and triad census against slow, obvious references."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foedus.analysis import (
    SignedGraph,
    frustration_heuristic,
    frustration_index,
    partition_frustration,
    triad_census,
    triangle_lower_bound,
    triangles,
)


# ----------------------------------------------------------------------------- references
def brute_force_index(g: SignedGraph) -> float:
    """Minimum frustration over all 2^(n-1) splits (node 0 fixed in camp 0), as one array op."""
    n = g.n_nodes
    if n <= 1 or g.n_edges == 0:
        return 0.0
    codes = np.arange(2 ** (n - 1), dtype=np.int64)
    x = np.zeros((len(codes), n), dtype=np.int64)
    x[:, 1:] = (codes[:, None] >> np.arange(n - 1)) & 1
    across = x[:, g.u] != x[:, g.v]
    frustrated = np.where(g.sign > 0, across, ~across)
    return float((frustrated * g.weight).sum(axis=1).min())


def loop_triad_census(g: SignedGraph) -> dict[str, int]:
    """Triangles by number of negative edges, by looping over every triple."""
    sign = {}
    for a, b, s, _ in g.edge_tuples():
        sign[frozenset((a, b))] = s
    counts = {"+++": 0, "++-": 0, "+--": 0, "---": 0}
    for a, b, c in itertools.combinations(g.nodes, 3):
        pairs = [frozenset(p) for p in ((a, b), (b, c), (a, c))]
        if all(p in sign for p in pairs):
            neg = sum(sign[p] < 0 for p in pairs)
            counts[["+++", "++-", "+--", "---"][neg]] += 1
    return counts


@st.composite
def signed_graphs(
    draw: st.DrawFn, max_nodes: int = 14, weighted: bool | None = None
) -> SignedGraph:
    n = draw(st.integers(2, max_nodes))
    density = draw(st.floats(0.1, 1.0))
    seed = draw(st.integers(0, 2**32 - 1))
    is_weighted = draw(st.booleans()) if weighted is None else weighted
    rng = np.random.default_rng(seed)
    iu, iv = np.triu_indices(n, 1)
    keep = rng.random(len(iu)) < density
    u, v = iu[keep], iv[keep]
    sign = np.where(rng.random(len(u)) < draw(st.floats(0.0, 1.0)), 1, -1)
    weight = rng.integers(1, 6, len(u)).astype(float) if is_weighted else np.ones(len(u))
    if is_weighted and draw(st.booleans()):
        weight = weight + rng.random(len(u))  # non-integer weights too
    return SignedGraph(tuple(f"n{i}" for i in range(n)), u, v, sign, weight)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ----------------------------------------------------------------------------- properties
@SETTINGS
@given(signed_graphs(weighted=False))
def test_exact_equals_brute_force_unweighted(g: SignedGraph) -> None:
    r = frustration_index(g, heuristic=False)
    assert r.exact
    assert r.frustration_index == pytest.approx(brute_force_index(g), abs=1e-9)


@SETTINGS
@given(signed_graphs(weighted=True))
def test_exact_equals_brute_force_weighted(g: SignedGraph) -> None:
    r = frustration_index(g)
    assert r.exact
    assert r.frustration_index == pytest.approx(brute_force_index(g), abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(signed_graphs())
def test_camps_reproduce_the_index(g: SignedGraph) -> None:
    r = frustration_index(g)
    assert sorted(r.camps[0] + r.camps[1]) == sorted(g.nodes)
    assert not set(r.camps[0]) & set(r.camps[1])
    assert partition_frustration(g, r.camps[1]) == pytest.approx(r.frustration_index)
    assert partition_frustration(g, r.camps[0]) == pytest.approx(r.frustration_index)
    assert sum(e[3] for e in r.frustrated_edges) == pytest.approx(r.frustration_index)
    camp_of = {a: 0 for a in r.camps[0]} | {a: 1 for a in r.camps[1]}
    for a, b, s, _ in r.frustrated_edges:
        assert (camp_of[a] == camp_of[b]) == (s < 0)


@settings(max_examples=100, deadline=None)
@given(signed_graphs(), st.integers(0, 1000))
def test_heuristic_bounds_bracket_the_exact_value(g: SignedGraph, seed: int) -> None:
    exact = brute_force_index(g)
    h = frustration_heuristic(g, seed=seed, restarts=4, rounds=3)
    assert h.frustration_index >= exact - 1e-9
    assert h.lower_bound <= exact + 1e-9
    assert triangle_lower_bound(g) <= exact + 1e-9
    assert partition_frustration(g, h.camps[1]) == pytest.approx(h.frustration_index)
    if h.exact:
        assert h.frustration_index == pytest.approx(exact)


@settings(max_examples=60, deadline=None)
@given(st.integers(4, 40), st.floats(0.2, 0.9), st.integers(0, 8), st.integers(0, 2**32 - 1))
def test_planted_two_camps_with_k_flips(n: int, density: float, k: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    camp = rng.random(n) < 0.5
    iu, iv = np.triu_indices(n, 1)
    keep = rng.random(len(iu)) < density
    u, v = iu[keep], iv[keep]
    sign = np.where(camp[u] == camp[v], 1, -1)
    k = min(k, len(u))
    sign[rng.choice(len(u), size=k, replace=False)] *= -1
    g = SignedGraph(tuple(str(i) for i in range(n)), u, v, sign, np.ones(len(u)))
    r = frustration_index(g, time_limit=20)
    assert r.exact
    assert r.frustration_index <= k
    assert partition_frustration(g, camp.astype(int)) == k  # the planted split costs k


@settings(max_examples=100, deadline=None)
@given(signed_graphs(max_nodes=12))
def test_triad_census_matches_loop(g: SignedGraph) -> None:
    census = triad_census(g).to_dict()
    expected = loop_triad_census(g)
    for key, value in expected.items():
        assert census[key] == value
    assert len(triangles(g)) == sum(expected.values())


# ----------------------------------------------------------------------------- hand-made cases
def test_balanced_graph_has_zero_index_and_its_camps() -> None:
    g = SignedGraph.from_edges(
        [("a", "b", 1), ("c", "d", 1), ("a", "c", -1), ("a", "d", -1), ("b", "d", -1)]
    )
    r = frustration_index(g)
    assert r.exact and r.frustration_index == 0
    assert {frozenset(r.camps[0]), frozenset(r.camps[1])} == {
        frozenset("ab"),
        frozenset("cd"),
    }
    assert r.camps[0][0] == "a"  # first node in the first camp


def test_all_negative_triangle_needs_one_flip() -> None:
    g = SignedGraph.from_edges([("a", "b", -1), ("b", "c", -1), ("a", "c", -1, 2.5)])
    r = frustration_index(g)
    assert r.frustration_index == 1.0
    assert r.frustrated_edges[0][3] == 1.0  # never the heavy edge


def test_time_limit_reports_a_bound_not_exact() -> None:
    rng = np.random.default_rng(3)
    n = 70
    iu, iv = np.triu_indices(n, 1)
    keep = rng.random(len(iu)) < 0.35
    u, v = iu[keep], iv[keep]
    sign = np.where(rng.random(len(u)) < 0.5, 1, -1)
    g = SignedGraph(tuple(str(i) for i in range(n)), u, v, sign, np.ones(len(u)))
    r = frustration_index(g, time_limit=0.5)
    assert not r.exact
    assert r.lower_bound < r.frustration_index
    assert r.gap == pytest.approx(r.frustration_index - r.lower_bound)
    assert partition_frustration(g, r.camps[1]) == pytest.approx(r.frustration_index)


def test_from_networkx_and_back() -> None:
    graph = nx.Graph()
    graph.add_edge("x", "y", sign=1, weight=2.0)
    graph.add_edge("y", "z", sign=-1)
    g = SignedGraph.from_networkx(graph)
    assert g.weight.tolist() == [2.0, 1.0]
    back = g.to_networkx()
    assert back["y"]["z"]["sign"] == -1
    with pytest.raises(ValueError):
        SignedGraph.from_edges([("a", "b", 1), ("b", "a", -1)])
    with pytest.raises(ValueError):
        SignedGraph.from_edges([("a", "a", 1)])
    with pytest.raises(ValueError):
        g.u[0] = 5  # arrays are read-only


def test_empty_graph() -> None:
    g = SignedGraph.from_edges([], nodes=["a", "b"])
    assert frustration_index(g).frustration_index == 0
    assert triad_census(g).total == 0
