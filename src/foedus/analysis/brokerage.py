"""Who sits between camps: betweenness and Gould–Fernandez brokerage roles.

A *broker* ``b`` links ``a`` and ``c`` when ``a–b`` and ``b–c`` are ties but ``a–c`` is not
(an open two-path). Gould & Fernandez (1989, *Sociological Methodology* 19:89–126) classify each
such path by the groups of the three actors: **coordinator** (all in one group), **itinerant**
(``a`` and ``c`` in one group, the broker outside it), **representative** (broker with ``a``,
``c`` outside), **gatekeeper** (broker with ``c``, ``a`` outside) and **liaison** (three
different groups). On an undirected network representative and gatekeeper are mirror images and
are counted together. Betweenness (Freeman 1977) is the share of shortest paths through a node.

The counts are one array expression: with ``A`` the adjacency, ``G`` the one-hot group matrix
and ``Q = 1 − A − I`` (pairs not directly tied)::

    C[b, g, h] = Σ_{a, c} A[a, b] G[a, g] · Q[a, c] · A[b, c] G[c, h]

is the number of open two-paths through ``b`` from group ``g`` to group ``h``; each role is a sum
of entries of ``C[b]`` chosen by ``b``'s own group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt

from foedus.analysis._signed import SignedGraph

__all__ = [
    "ROLES",
    "BrokerageResult",
    "brokerage",
    "brokerage_role_counts",
]

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def brokerage_role_counts(
    adjacency: npt.ArrayLike, groups: Sequence[int] | npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """Gould–Fernandez role counts of every node, shape (n, 5) in the order of :data:`ROLES`.

    Parameters
    ----------
    adjacency : array (n, n)
        0/1 adjacency; ``adjacency[a, b] = 1`` for a tie from ``a`` to ``b``. Symmetric for an
        undirected network (then each open path is counted in both directions).
    groups : sequence of int, length n
        Group index of each node.

    Examples
    --------
    >>> a = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]])  # a path 0 - 1 - 2
    >>> brokerage_role_counts(a, [0, 1, 0])[1].tolist()  # node 1 is an itinerant, both ways
    [0.0, 2.0, 0.0, 0.0, 0.0]
    """
    a = (np.asarray(adjacency) != 0).astype(np.float64)
    np.fill_diagonal(a, 0.0)
    n = a.shape[0]
    g = np.asarray(groups, dtype=np.int64)
    k = int(g.max()) + 1 if n else 0
    onehot = np.zeros((n, k))
    onehot[np.arange(n), g] = 1.0
    q = 1.0 - a - np.eye(n)
    left = a.T[:, :, None] * onehot[None, :, :]  # [b, a, g] = A[a, b] G[a, g]
    right = a[:, :, None] * onehot[None, :, :]  # [b, c, h] = A[b, c] G[c, h]
    c = np.einsum("bag,ac,bch->bgh", left, q, right, optimize=True)
    own = onehot  # [b, g] = 1 if b is in g
    coordinator = np.einsum("bgh,bg,bh->b", c, own, own)
    same_ends = np.einsum("bgg->bg", c)  # a and c in the same group g
    itinerant = (same_ends * (1 - own)).sum(axis=1)
    representative = np.einsum("bgh,bg->b", c, own) - coordinator  # a with b, c elsewhere
    gatekeeper = np.einsum("bgh,bh->b", c, own) - coordinator  # c with b, a elsewhere
    total = c.sum(axis=(1, 2))
    liaison = total - coordinator - itinerant - representative - gatekeeper
    return np.stack([coordinator, itinerant, representative, gatekeeper, liaison], axis=1)


@dataclass(frozen=True)
class BrokerageResult:
    """Betweenness and brokerage roles of each actor on the positive network."""

    nodes: tuple[str, ...]
    groups: Mapping[str, str]
    betweenness: Mapping[str, float]
    roles: Mapping[str, Mapping[str, float]]
    pairs_brokered: Mapping[str, tuple[tuple[str, str], ...]]
    as_of: dt.date | None = None

    def ranked(self) -> list[dict[str, Any]]:
        """Actors by betweenness, then by the number of pairs they broker."""
        rows: list[dict[str, Any]] = [
            {
                "actor": v,
                "group": self.groups[v],
                "betweenness": self.betweenness[v],
                **dict(self.roles[v]),
                "brokered_pairs": [list(p) for p in self.pairs_brokered[v]],
            }
            for v in self.nodes
        ]
        rows.sort(key=lambda r: (-r["betweenness"], -len(r["brokered_pairs"]), r["actor"]))
        return rows

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        return {"as_of": self.as_of, "actors": self.ranked()}


def brokerage(
    graph: SignedGraph,
    groups: Mapping[str, str] | None = None,
    *,
    as_of: dt.date | None = None,
) -> BrokerageResult:
    """Betweenness and brokerage roles on the positive part of a signed network.

    Parameters
    ----------
    graph : SignedGraph
        Only its positive edges are used: brokerage is about who passes cooperation along.
    groups : mapping of node to group label, optional
        Default: the two camps of the exact frustration index (``camp 1``/``camp 2``).

    Examples
    --------
    >>> g = SignedGraph.from_edges([("RUS", "CHN", 1), ("CHN", "PRK", 1), ("RUS", "USA", -1)])
    >>> r = brokerage(g)
    >>> r.pairs_brokered["CHN"]
    (('PRK', 'RUS'),)
    """
    from foedus.analysis.balance import frustration_index

    if groups is None:
        result = frustration_index(graph, time_limit=60.0)
        groups = {v: f"camp {i + 1}" for i, camp in enumerate(result.camps) for v in camp}
    missing = [v for v in graph.nodes if v not in groups]
    if missing:
        raise ValueError(f"no group for {', '.join(missing)}")
    labels = sorted({groups[v] for v in graph.nodes})
    gidx = np.array([labels.index(groups[v]) for v in graph.nodes], dtype=np.int64)
    positive = graph.adjacency("positive").toarray()
    counts = brokerage_role_counts(positive, gidx) / 2.0  # undirected: each path both ways
    roles: dict[str, dict[str, float]] = {}
    for i, v in enumerate(graph.nodes):
        c = counts[i]
        roles[v] = {
            "coordinator": float(c[0]),
            "itinerant": float(c[1]),
            "gatekeeper_representative": float(c[2] + c[3]),
            "liaison": float(c[4]),
        }
    g = nx.Graph()
    g.add_nodes_from(graph.nodes)
    mask = graph.sign > 0
    g.add_edges_from(
        (graph.nodes[a], graph.nodes[b]) for a, b in zip(graph.u[mask], graph.v[mask], strict=True)
    )
    between = nx.betweenness_centrality(g, normalized=True)
    # The open pairs each broker links, by name: the non-zeros of A_b· A_b·ᵀ ∘ Q.
    tied = positive != 0
    pairs: dict[str, tuple[tuple[str, str], ...]] = {}
    for i, v in enumerate(graph.nodes):  # for the report only: one small matrix per actor
        nb = np.flatnonzero(tied[i])
        sub = ~tied[np.ix_(nb, nb)]
        ia, ic = np.nonzero(np.triu(sub, 1))
        pairs[v] = tuple(
            sorted(
                (
                    min(graph.nodes[nb[x]], graph.nodes[nb[y]]),
                    max(graph.nodes[nb[x]], graph.nodes[nb[y]]),
                )
                for x, y in zip(ia, ic, strict=True)
            )
        )
    return BrokerageResult(
        nodes=graph.nodes,
        groups=dict(groups),
        betweenness={v: float(between[v]) for v in graph.nodes},
        roles=roles,
        pairs_brokered=pairs,
        as_of=as_of,
    )
