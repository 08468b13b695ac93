"""Structural balance of a signed network: frustration index, camps and triad census.

A signed graph is *balanced* when its nodes split into two camps with every positive edge inside a
camp and every negative edge between them (Harary 1953; Cartwright & Harary 1956). The
**frustration index** is the least total weight of edges that must be deleted (equivalently, have
their sign flipped) to make it balanced; the optimal split gives the two camps and the edges that
break them, the *frustrated* edges.

Computing it is NP-hard; :func:`frustration_index` solves it exactly as a binary linear program
with HiGHS (through :func:`scipy.optimize.milp`), after Aref, Mason & Wilson (2020, *Networks*
75(1):95–110, the "AND" model), under a time limit. :func:`frustration_heuristic` returns a fast
upper bound (spectral and spanning-tree starts, then greedy single-node moves, iterated) and a
lower bound from a packing of unbalanced triangles; it never claims exactness unless the two bounds
meet. :func:`triad_census` counts triangles by sign pattern with sparse matrix products.

Model (node ``i`` in camp ``x_i ∈ {0, 1}``; ``y_ij`` stands for the product ``x_i x_j``)::

    frustration of a positive edge  f_ij = x_i + x_j − 2 y_ij,   y_ij ≤ x_i,  y_ij ≤ x_j
    frustration of a negative edge  f_ij = 1 − x_i − x_j + 2 y_ij,  y_ij ≥ x_i + x_j − 1
    minimise Σ w_ij f_ij

Because the objective pushes ``y`` to ``min(x_i, x_j)`` on positive edges and to
``max(0, x_i + x_j − 1)`` on negative ones, ``y`` can stay continuous: only the ``n`` node
variables are integer. One node per connected component is fixed to camp 1 (the two camps are
interchangeable), and each unbalanced triangle adds the valid inequality ``f_a + f_b + f_c ≥ 1``
(at least one of its edges is frustrated), which tightens the LP relaxation considerably.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse.csgraph import breadth_first_order, connected_components, minimum_spanning_tree

from foedus._rng import make_rng
from foedus.analysis._signed import FloatArray, IntArray, SignedGraph

__all__ = [
    "FrustrationResult",
    "TriadCensus",
    "frustration_heuristic",
    "frustration_index",
    "partition_frustration",
    "triad_census",
    "triangle_lower_bound",
    "triangles",
]

_TOL = 1e-9


# ---------------------------------------------------------------------------- results
@dataclass(frozen=True)
class FrustrationResult:
    """The outcome of a frustration-index computation.

    Attributes
    ----------
    frustration_index : float
        Total weight of the frustrated edges of the best split found: the exact index when
        ``exact`` is true, otherwise an upper bound.
    exact : bool
        True only when the split is proved optimal.
    lower_bound : float
        A proved lower bound on the index (equal to it when ``exact``).
    camps : tuple of two tuples of str
        The two camps of the best split; the first holds the graph's first node.
    frustrated_edges : tuple of (source, target, sign, weight)
        Edges that violate the split: positive edges across camps, negative edges within one.
    method : str
        ``"milp"``, ``"heuristic"``, or ``"milp+heuristic"`` when the solver stopped at its time
        limit and the best of both is reported.
    status : str
        The solver's message, or a short description.
    seconds : float
        Wall-clock time spent.
    """

    frustration_index: float
    exact: bool
    lower_bound: float
    camps: tuple[tuple[str, ...], tuple[str, ...]]
    frustrated_edges: tuple[tuple[str, str, int, float], ...]
    method: str
    status: str
    seconds: float
    n_nodes: int
    n_edges: int

    @property
    def gap(self) -> float:
        """Upper bound minus lower bound (0 when exact)."""
        return max(0.0, self.frustration_index - self.lower_bound)

    @property
    def relative_gap(self) -> float:
        """:attr:`gap` divided by the upper bound (0 when both are 0)."""
        return self.gap / self.frustration_index if self.frustration_index > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "frustration_index": self.frustration_index,
            "exact": self.exact,
            "lower_bound": self.lower_bound,
            "gap": self.gap,
            "relative_gap": self.relative_gap,
            "camps": [list(self.camps[0]), list(self.camps[1])],
            "frustrated_edges": [
                {"source": a, "target": b, "sign": s, "weight": w}
                for a, b, s, w in self.frustrated_edges
            ],
            "method": self.method,
            "status": self.status,
            "seconds": self.seconds,
            "n_nodes": self.n_nodes,
            "n_edges": self.n_edges,
        }


@dataclass(frozen=True)
class TriadCensus:
    """Counts of the triangles of a signed graph by their number of negative edges.

    Under strict (Heider/Cartwright–Harary) balance a triangle is balanced when it has an even
    number of negative edges (``+++``, ``+−−``); under Davis's weak balance ``−−−`` is also
    acceptable.
    """

    ppp: int
    ppn: int
    pnn: int
    nnn: int

    @property
    def total(self) -> int:
        """Number of triangles."""
        return self.ppp + self.ppn + self.pnn + self.nnn

    @property
    def balanced(self) -> int:
        """Triangles with an even number of negative edges."""
        return self.ppp + self.pnn

    @property
    def unbalanced(self) -> int:
        """Triangles with an odd number of negative edges."""
        return self.ppn + self.nnn

    @property
    def balanced_fraction(self) -> float:
        """Share of balanced triangles (NaN when there are none)."""
        return self.balanced / self.total if self.total else float("nan")

    @property
    def weakly_balanced_fraction(self) -> float:
        """Share of triangles that are not ``++−`` (Davis 1967's weak balance)."""
        return (self.total - self.ppn) / self.total if self.total else float("nan")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {
            "+++": self.ppp,
            "++-": self.ppn,
            "+--": self.pnn,
            "---": self.nnn,
            "total": self.total,
            "balanced": self.balanced,
            "unbalanced": self.unbalanced,
            "balanced_fraction": self.balanced_fraction if self.total else None,
            "weakly_balanced_fraction": self.weakly_balanced_fraction if self.total else None,
        }


# ---------------------------------------------------------------------------- helpers
def _assignment(graph: SignedGraph, camps: Any) -> IntArray:
    """A 0/1 camp vector from a vector or from an iterable of node labels (camp 1)."""
    if isinstance(camps, np.ndarray) and camps.shape == (graph.n_nodes,):
        return (np.asarray(camps) > 0.5).astype(np.int64)
    x = np.zeros(graph.n_nodes, dtype=np.int64)
    for label in camps:
        x[graph.index(str(label))] = 1
    return x


def _frustrated_mask(graph: SignedGraph, x: IntArray) -> npt.NDArray[np.bool_]:
    across = x[graph.u] != x[graph.v]
    return np.where(graph.sign > 0, across, ~across)


def partition_frustration(graph: SignedGraph, camp: Any) -> float:
    """Total weight of the edges a given split frustrates.

    Parameters
    ----------
    graph : SignedGraph
    camp : array of shape (n,) with 0/1 entries, or an iterable of the labels of one camp

    Examples
    --------
    >>> g = SignedGraph.from_edges([("a", "b", 1), ("b", "c", -1), ("a", "c", 1)])
    >>> partition_frustration(g, ["c"])  # c alone: the positive edge a-c is frustrated
    1.0
    """
    x = _assignment(graph, camp)
    return float(graph.weight[_frustrated_mask(graph, x)].sum())


def _result(
    graph: SignedGraph,
    x: IntArray,
    *,
    exact: bool,
    lower: float,
    method: str,
    status: str,
    t0: float,
) -> FrustrationResult:
    x = np.asarray(x, dtype=np.int64)
    if graph.n_nodes and x[0] == 1:
        x = 1 - x  # normalise: the first node is in the first camp
    mask = _frustrated_mask(graph, x)
    value = float(graph.weight[mask].sum())
    nodes = np.array(graph.nodes, dtype=object)
    camps = (tuple(nodes[x == 0].tolist()), tuple(nodes[x == 1].tolist()))
    frustrated = tuple(
        (graph.nodes[a], graph.nodes[b], int(s), float(w))
        for a, b, s, w in zip(
            graph.u[mask], graph.v[mask], graph.sign[mask], graph.weight[mask], strict=True
        )
    )
    lower = min(lower, value)
    return FrustrationResult(
        frustration_index=value,
        exact=bool(exact),
        lower_bound=value if exact else max(0.0, lower),
        camps=camps,
        frustrated_edges=frustrated,
        method=method,
        status=status,
        seconds=time.perf_counter() - t0,
        n_nodes=graph.n_nodes,
        n_edges=graph.n_edges,
    )


# ---------------------------------------------------------------------------- triangles
def triangles(graph: SignedGraph) -> IntArray:
    """Every triangle as a row of three edge indices, shape (t, 3).

    Vectorised: for each edge ``(u, v)`` with ``u < v`` the common higher neighbours ``w > v`` are
    the non-zeros of the element-wise product of rows ``u`` and ``v`` of the upper-triangular
    adjacency matrix, so each triangle is found once.
    """
    n, m = graph.n_nodes, graph.n_edges
    if m < 3:
        return np.zeros((0, 3), dtype=np.int64)
    upper = sp.csr_array((np.ones(m), (graph.u, graph.v)), shape=(n, n))
    common = (upper[graph.u] * upper[graph.v]).tocoo()  # row = edge (u, v), col = w
    e_uv = common.row.astype(np.int64)
    w = common.col.astype(np.int64)
    key = graph.u * n + graph.v
    order = np.argsort(key)
    sorted_key = key[order]
    e_uw = order[np.searchsorted(sorted_key, graph.u[e_uv] * n + w)]
    e_vw = order[np.searchsorted(sorted_key, graph.v[e_uv] * n + w)]
    return np.stack([e_uv, e_uw, e_vw], axis=1)


def _unbalanced_triangles(graph: SignedGraph) -> IntArray:
    tri = triangles(graph)
    if len(tri) == 0:
        return tri
    negatives = (graph.sign[tri] < 0).sum(axis=1)
    return tri[negatives % 2 == 1]


def triangle_lower_bound(graph: SignedGraph, unbalanced: IntArray | None = None) -> float:
    """A lower bound on the frustration index from a packing of unbalanced triangles.

    Each unbalanced triangle needs at least one frustrated edge. Greedily, each triangle takes
    the smallest residual weight ``δ`` among its edges, adds ``δ`` to the bound and removes
    ``δ`` from the residual of its three edges; the sum is a feasible dual solution of the
    triangle-covering LP and so a valid bound (for unit weights: a set of edge-disjoint
    unbalanced triangles). Triangles are taken heaviest-first by their lightest edge.
    """
    tri = _unbalanced_triangles(graph) if unbalanced is None else unbalanced
    if len(tri) == 0:
        return 0.0
    residual = graph.weight.astype(np.float64).copy()
    # Triangles whose edges are used by few other triangles first: they block fewer others.
    use = np.bincount(tri.ravel(), minlength=graph.n_edges)
    tri = tri[np.argsort(use[tri].sum(axis=1), kind="stable")]
    bound = 0.0
    for a, b, c in tri.tolist():  # sequential by nature: each step changes the residuals
        d = min(residual[a], residual[b], residual[c])
        if d > 0:
            bound += d
            residual[a] -= d
            residual[b] -= d
            residual[c] -= d
    return bound


def triad_census(graph: SignedGraph) -> TriadCensus:
    """Count the triangles of a signed graph by sign pattern.

    With ``P`` and ``N`` the 0/1 adjacency matrices of the positive and negative edges::

        +++ = Σ P∘(P P) / 6     ++− = Σ N∘(P P) / 2
        +−− = Σ P∘(N N) / 2     −−− = Σ N∘(N N) / 6

    (``∘`` element-wise): ``(P P)_ij`` counts the positive two-paths closing edge ``ij``.

    Examples
    --------
    >>> g = SignedGraph.from_edges([("a", "b", 1), ("b", "c", -1), ("a", "c", 1)])
    >>> triad_census(g).ppn
    1
    """
    p = graph.adjacency("positive")
    q = graph.adjacency("negative")
    pp = p @ p
    qq = q @ q
    return TriadCensus(
        ppp=round(float((p * pp).sum()) / 6),
        ppn=round(float((q * pp).sum()) / 2),
        pnn=round(float((p * qq).sum()) / 2),
        nnn=round(float((q * qq).sum()) / 6),
    )


# ---------------------------------------------------------------------------- heuristic
def _dense_or_sparse(graph: SignedGraph) -> Any:
    a = graph.adjacency("signed")
    return a.toarray() if graph.n_nodes <= 4000 else a


def _spanning_tree_start(graph: SignedGraph, rng: np.random.Generator) -> IntArray:
    """Spins that satisfy every edge of a random spanning forest (balanced on the forest)."""
    n = graph.n_nodes
    keys = rng.random(graph.n_edges) + 1e-3
    forest = minimum_spanning_tree(sp.csr_array((keys, (graph.u, graph.v)), shape=(n, n)))
    forest = forest + forest.T
    sign_of = sp.csr_array(
        (
            np.concatenate([graph.sign, graph.sign]).astype(np.float64),
            (np.concatenate([graph.u, graph.v]), np.concatenate([graph.v, graph.u])),
        ),
        shape=(n, n),
    )
    spins = np.ones(n, dtype=np.int64)
    done = np.zeros(n, dtype=bool)
    for root in rng.permutation(n):
        if done[root]:
            continue
        order, pred = breadth_first_order(forest, int(root), directed=False)
        spins[root] = 1 if rng.random() < 0.5 else -1
        for node in order[1:]:  # parent precedes child in BFS order
            parent = pred[node]
            spins[node] = spins[parent] * int(sign_of[parent, node])
        done[order] = True
    return spins


def _local_search(a: Any, spins: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Greedy single-node moves on many spin vectors at once, until none improves.

    With spins ``σ ∈ {±1}`` the cost is ``Σ w (1 − s σ_i σ_j) / 2`` and moving node ``i`` changes
    it by ``σ_i h_i`` where ``h = A σ`` (``A`` the signed weighted adjacency); each round moves
    the best node of every vector that still has an improving move.
    """
    spins = spins.copy()
    field = np.asarray(spins @ a)  # (R, n); A is symmetric
    rows_all = np.arange(len(spins))
    for _ in range(50 * spins.shape[1] + 100):
        delta = spins * field
        best = delta.argmin(axis=1)
        gain = delta[rows_all, best]
        active = gain < -_TOL
        if not active.any():
            break
        rows = rows_all[active]
        idx = best[active]
        old = spins[rows, idx]
        col = a[idx] if isinstance(a, np.ndarray) else a[idx].toarray()
        field[rows] -= 2.0 * old[:, None] * col
        spins[rows, idx] = -old
    return spins


def _spin_costs(graph: SignedGraph, spins: npt.NDArray[np.float64]) -> FloatArray:
    agree = spins[:, graph.u] * spins[:, graph.v] * graph.sign
    return np.asarray((graph.weight * (agree < 0)).sum(axis=1), dtype=np.float64)


def _heuristic_spins(
    graph: SignedGraph, restarts: int, rounds: int, rng: np.random.Generator
) -> tuple[IntArray, float]:
    n = graph.n_nodes
    a = _dense_or_sparse(graph)
    starts = []
    # Spectral start: the sign pattern of the leading eigenvector of the signed adjacency
    # approximates the balanced split (it is exact on a balanced graph with a connected support).
    if n <= 4000:
        _, vecs = np.linalg.eigh(np.asarray(a, dtype=np.float64))
        lead = vecs[:, -1]
    else:  # pragma: no cover - large graphs only
        from scipy.sparse.linalg import eigsh

        _, vecs = eigsh(a.astype(np.float64), k=1, which="LA")
        lead = vecs[:, 0]
    starts.append(np.where(lead >= 0, 1, -1))
    for _ in range(max(0, restarts - 1)):
        starts.append(_spanning_tree_start(graph, rng))
    spins = _local_search(a, np.array(starts, dtype=np.float64))
    costs = _spin_costs(graph, spins)
    best = spins[costs.argmin()].copy()
    best_cost = float(costs.min())
    # Iterated local search: perturb the incumbent in several ways, descend, keep the best.
    n_flip = max(1, n // 10)
    for _ in range(rounds):
        trial = np.repeat(best[None, :], max(1, restarts), axis=0)
        picks = rng.random((len(trial), n)).argsort(axis=1)[:, :n_flip]
        np.put_along_axis(trial, picks, -np.take_along_axis(trial, picks, axis=1), axis=1)
        trial = _local_search(a, trial)
        c = _spin_costs(graph, trial)
        if c.min() < best_cost - _TOL:
            best_cost = float(c.min())
            best = trial[c.argmin()].copy()
    return (best > 0).astype(np.int64), best_cost


def frustration_heuristic(
    graph: SignedGraph,
    *,
    restarts: int = 16,
    rounds: int = 20,
    seed: int | np.random.Generator | None = None,
) -> FrustrationResult:
    """A fast upper bound on the frustration index, with a triangle-packing lower bound.

    Starts from the spectral split and from ``restarts − 1`` random spanning-forest splits,
    descends by greedy single-node moves (all starts at once, as arrays), then perturbs the
    incumbent ``rounds`` times. ``exact`` is true only if the upper bound meets the lower bound.

    Examples
    --------
    >>> g = SignedGraph.from_edges([("a", "b", 1), ("b", "c", -1), ("a", "c", 1)])
    >>> r = frustration_heuristic(g, seed=1)
    >>> r.frustration_index, r.exact
    (1.0, True)
    """
    t0 = time.perf_counter()
    if graph.n_edges == 0:
        x0 = np.zeros(graph.n_nodes, dtype=np.int64)
        return _result(
            graph, x0, exact=True, lower=0.0, method="heuristic", status="no edges", t0=t0
        )
    x, value = _heuristic_spins(graph, restarts, rounds, make_rng(seed))
    lower = triangle_lower_bound(graph)
    exact = bool(value - lower <= _TOL * max(1.0, value))
    status = "bounds meet: proved optimal" if exact else "upper bound (local search)"
    return _result(graph, x, exact=exact, lower=lower, method="heuristic", status=status, t0=t0)


# ---------------------------------------------------------------------------- exact MILP
def _frustration_rows(graph: SignedGraph) -> tuple[sp.csr_array, FloatArray]:
    """Each edge's frustration as an affine function ``F z + k`` of ``z = (x, y)``."""
    n, m = graph.n_nodes, graph.n_edges
    e = np.arange(m)
    pos = graph.sign > 0
    s = np.where(pos, 1.0, -1.0)  # coefficient of x_i and x_j
    rows = np.concatenate([e, e, e])
    cols = np.concatenate([graph.u, graph.v, n + e])
    vals = np.concatenate([s, s, -2.0 * s])
    f = sp.csr_array((vals, (rows, cols)), shape=(m, n + m))
    k = np.where(pos, 0.0, 1.0)
    return f, k


def frustration_index(
    graph: SignedGraph,
    *,
    time_limit: float = 60.0,
    triangle_cuts: bool = True,
    max_cuts: int = 200_000,
    heuristic: bool = True,
    seed: int | np.random.Generator | None = None,
) -> FrustrationResult:
    """The exact frustration index of a weighted signed graph, with its camps.

    Solves the binary linear program of the module docstring with HiGHS. If the solver stops at
    ``time_limit`` seconds, the best split found (by the solver or by
    :func:`frustration_heuristic`) is returned with ``exact=False`` and the best proved lower
    bound (the solver's dual bound or the triangle packing).

    Parameters
    ----------
    graph : SignedGraph
    time_limit : float
        Seconds allowed to the MILP solver.
    triangle_cuts : bool
        Add ``f_a + f_b + f_c ≥ 1`` for each unbalanced triangle (at most ``max_cuts``).
    heuristic : bool
        Also run the heuristic first: if its bounds already meet, the MILP is skipped.
    seed : int or Generator, optional
        For the heuristic's random starts.

    Examples
    --------
    >>> g = SignedGraph.from_edges(
    ...     [("a", "b", 1), ("c", "d", 1), ("a", "c", -1), ("b", "d", -1), ("a", "d", 1)]
    ... )
    >>> r = frustration_index(g)
    >>> r.frustration_index, r.exact, r.frustrated_edges
    (1.0, True, (('a', 'd', 1, 1.0),))
    """
    t0 = time.perf_counter()
    n, m = graph.n_nodes, graph.n_edges
    if m == 0:
        x0 = np.zeros(n, dtype=np.int64)
        return _result(graph, x0, exact=True, lower=0.0, method="milp", status="no edges", t0=t0)

    unbalanced = _unbalanced_triangles(graph)
    lower = triangle_lower_bound(graph, unbalanced)
    best_x: IntArray | None = None
    best_value = np.inf
    if heuristic:
        hx, hv = _heuristic_spins(graph, 8, 10, make_rng(seed))
        best_x, best_value = hx, hv
        if hv - lower <= _TOL * max(1.0, hv):
            return _result(
                graph, hx, exact=True, lower=lower, method="heuristic",
                status="heuristic split meets the triangle lower bound: optimal", t0=t0,
            )  # fmt: skip

    f, k = _frustration_rows(graph)
    w = graph.weight
    c = np.asarray(w @ f).ravel()
    const = float(w @ k)

    # Linking constraints y ≤ x_i, y ≤ x_j (positive edges) and x_i + x_j − y ≤ 1 (negative).
    e = np.arange(m)
    pos_e = e[graph.sign > 0]
    neg_e = e[graph.sign < 0]
    n_pos, n_neg = len(pos_e), len(neg_e)
    r_pos = np.arange(2 * n_pos)
    link_pos = sp.csr_array(
        (
            np.concatenate([np.ones(2 * n_pos), -np.ones(2 * n_pos)]),
            (
                np.concatenate([r_pos, r_pos]),
                np.concatenate([n + pos_e, n + pos_e, graph.u[pos_e], graph.v[pos_e]]),
            ),
        ),
        shape=(2 * n_pos, n + m),
    )
    r_neg = np.arange(n_neg)
    link_neg = sp.csr_array(
        (
            np.concatenate([np.ones(n_neg), np.ones(n_neg), -np.ones(n_neg)]),
            (
                np.concatenate([r_neg, r_neg, r_neg]),
                np.concatenate([graph.u[neg_e], graph.v[neg_e], n + neg_e]),
            ),
        ),
        shape=(n_neg, n + m),
    )
    constraints = [
        LinearConstraint(link_pos, -np.inf, 0.0),
        LinearConstraint(link_neg, -np.inf, 1.0),
    ]
    if triangle_cuts and len(unbalanced):
        tri = unbalanced[:max_cuts]
        t = len(tri)
        incidence = sp.csr_array(
            (np.ones(3 * t), (np.repeat(np.arange(t), 3), tri.ravel())), shape=(t, m)
        )
        constraints.append(LinearConstraint(incidence @ f, 1.0 - incidence @ k, np.inf))

    if best_x is not None:
        # The heuristic's split is feasible: no optimum costs more, so nodes whose bound exceeds
        # it can be pruned before HiGHS finds an incumbent of its own.
        constraints.append(LinearConstraint(c[None, :], -np.inf, best_value - const + 1e-7))
    lb = np.zeros(n + m)
    ub = np.ones(n + m)
    # The camps are interchangeable in each connected component: fix its heaviest node to 1.
    _, comp = connected_components(graph.adjacency("unsigned"), directed=False)
    strength = np.bincount(graph.u, w, n) + np.bincount(graph.v, w, n)
    order = np.lexsort((-strength, comp))
    first = order[np.r_[True, comp[order][1:] != comp[order][:-1]]]
    lb[first] = 1.0
    integrality = np.concatenate([np.ones(n), np.zeros(m)])

    res = milp(
        c,
        constraints=constraints,
        integrality=integrality,
        bounds=Bounds(lb, ub),
        options={"time_limit": float(time_limit), "mip_rel_gap": 0.0},
    )
    solver_x: IntArray | None = None
    if res.x is not None:
        solver_x = (res.x[:n] > 0.5).astype(np.int64)
        solver_value = partition_frustration(graph, solver_x)
        if solver_value < best_value - _TOL or best_x is None:
            best_x, best_value = solver_x, solver_value
    if res.status == 0 and solver_x is not None:
        return _result(graph, solver_x, exact=True, lower=best_value, method="milp",
                       status=str(res.message), t0=t0)  # fmt: skip
    dual = getattr(res, "mip_dual_bound", None)
    if dual is not None and np.isfinite(dual):
        lower = max(lower, float(dual) + const)
    if best_x is None:  # no incumbent at all: fall back on the heuristic
        best_x, best_value = _heuristic_spins(graph, 8, 10, make_rng(seed))
    exact = bool(best_value - lower <= _TOL * max(1.0, best_value))
    method = "milp+heuristic" if heuristic else "milp"
    return _result(graph, best_x, exact=exact, lower=lower, method=method,
                   status=str(res.message), t0=t0)  # fmt: skip
