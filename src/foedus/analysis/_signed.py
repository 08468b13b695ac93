"""The signed graph that the balance analytics work on, and ways to build one.

A :class:`SignedGraph` is a simple undirected graph (no self-loops, at most one edge per pair)
whose edges carry a sign (+1 friendly, −1 hostile) and a positive weight. It is stored as
parallel NumPy arrays so that the solvers and the triad census can work on whole edge sets at
once; it can be built from an edge list, a networkx graph or a CSV file.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from foedus.errors import DataFormatError, FoedusError

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

__all__ = ["SignedGraph", "read_signed_edges"]


def _frozen(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
    a = np.ascontiguousarray(a)
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False)
class SignedGraph:
    """An immutable weighted signed graph.

    Parameters
    ----------
    nodes : tuple of str
        Node labels; position ``i`` is node index ``i``.
    u, v : ndarray of int, shape (m,)
        End points of each edge as node indices, with ``u < v``.
    sign : ndarray of int, shape (m,)
        +1 or −1 for each edge.
    weight : ndarray of float, shape (m,)
        Positive weight of each edge (1.0 in an unweighted graph).

    Use :meth:`from_edges`, :meth:`from_networkx` or :func:`read_signed_edges` rather than the
    constructor; they check the invariants and order the end points.

    Examples
    --------
    >>> g = SignedGraph.from_edges([("a", "b", 1), ("b", "c", -1), ("a", "c", 1)])
    >>> g.n_nodes, g.n_edges, int(g.sign.sum())
    (3, 3, 1)
    """

    nodes: tuple[str, ...]
    u: IntArray
    v: IntArray
    sign: IntArray
    weight: FloatArray
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        m = len(self.u)
        if not (len(self.v) == len(self.sign) == len(self.weight) == m):
            raise ValueError("u, v, sign and weight must have the same length")
        object.__setattr__(self, "u", _frozen(np.asarray(self.u, dtype=np.int64)))
        object.__setattr__(self, "v", _frozen(np.asarray(self.v, dtype=np.int64)))
        object.__setattr__(self, "sign", _frozen(np.asarray(self.sign, dtype=np.int64)))
        object.__setattr__(self, "weight", _frozen(np.asarray(self.weight, dtype=np.float64)))
        object.__setattr__(self, "nodes", tuple(str(n) for n in self.nodes))
        n = len(self.nodes)
        if len(set(self.nodes)) != n:
            raise ValueError("node labels must be unique")
        if m:
            if self.u.min() < 0 or self.v.max() >= n:
                raise ValueError("edge end point out of range")
            if np.any(self.u >= self.v):
                raise ValueError("edges must satisfy u < v (no self-loops)")
            if not np.all(np.isin(self.sign, (-1, 1))):
                raise ValueError("signs must be +1 or -1")
            if not np.all(np.isfinite(self.weight)) or np.any(self.weight <= 0):
                raise ValueError("weights must be finite and positive")
            key = self.u * n + self.v
            if len(np.unique(key)) != m:
                raise ValueError("at most one edge per pair of nodes")
        object.__setattr__(self, "_index", {label: i for i, label in enumerate(self.nodes)})

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_edges(
        cls,
        edges: Iterable[Sequence[Any]],
        nodes: Iterable[str] | None = None,
    ) -> SignedGraph:
        """Build from ``(source, target, sign)`` or ``(source, target, sign, weight)`` tuples.

        ``sign`` may be any number: its sign is used (zero is an error). Node order is ``nodes``
        if given (extra end points are appended), else order of first appearance.
        Raises ``ValueError`` on self-loops, duplicate pairs or non-positive weights.
        """
        order: dict[str, int] = {}
        for label in nodes or ():
            order.setdefault(str(label), len(order))
        us: list[int] = []
        vs: list[int] = []
        signs: list[int] = []
        weights: list[float] = []
        for edge in edges:
            if len(edge) not in (3, 4):
                raise ValueError(f"edge {edge!r}: expected (source, target, sign[, weight])")
            a, b = str(edge[0]), str(edge[1])
            s = float(edge[2])
            if s == 0 or math.isnan(s):
                raise ValueError(f"edge {a}-{b}: sign must be non-zero")
            w = float(edge[3]) if len(edge) == 4 else 1.0
            ia = order.setdefault(a, len(order))
            ib = order.setdefault(b, len(order))
            if ia == ib:
                raise ValueError(f"edge {a}-{b}: self-loops are not allowed")
            us.append(min(ia, ib))
            vs.append(max(ia, ib))
            signs.append(1 if s > 0 else -1)
            weights.append(w)
        return cls(tuple(order), np.array(us), np.array(vs), np.array(signs), np.array(weights))

    @classmethod
    def from_networkx(
        cls, graph: nx.Graph, sign: str = "sign", weight: str | None = "weight"
    ) -> SignedGraph:
        """Build from an undirected networkx graph whose edges carry a ``sign`` attribute.

        ``weight`` names the weight attribute (default 1.0 when absent); ``None`` ignores it.
        """
        if graph.is_directed() or graph.is_multigraph():
            raise ValueError("expected a simple undirected graph (nx.Graph)")
        edges = []
        for a, b, data in graph.edges(data=True):
            if sign not in data:
                raise ValueError(f"edge {a}-{b} has no {sign!r} attribute")
            w = data.get(weight, 1.0) if weight is not None else 1.0
            edges.append((a, b, data[sign], w))
        return cls.from_edges(edges, nodes=[str(n) for n in graph.nodes])

    # ------------------------------------------------------------------ views
    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    @property
    def n_edges(self) -> int:
        """Number of edges."""
        return len(self.u)

    @property
    def is_weighted(self) -> bool:
        """True when some weight differs from 1."""
        return bool(np.any(self.weight != 1.0))

    def index(self, label: str) -> int:
        """Index of the node called ``label``."""
        try:
            return self._index[label]
        except KeyError:
            raise KeyError(f"no node {label!r}") from None

    def adjacency(self, kind: str = "signed") -> sp.csr_array:
        """Symmetric sparse adjacency matrix.

        Parameters
        ----------
        kind : {"signed", "positive", "negative", "unsigned"}
            ``signed`` holds ``sign * weight``; ``positive``/``negative`` hold 1 on edges of that
            sign; ``unsigned`` holds 1 on every edge.
        """
        n = self.n_nodes
        if kind == "signed":
            data = self.sign * self.weight
            mask = np.ones(self.n_edges, dtype=bool)
        elif kind == "positive":
            mask = self.sign > 0
            data = np.ones(int(mask.sum()))
        elif kind == "negative":
            mask = self.sign < 0
            data = np.ones(int(mask.sum()))
        elif kind == "unsigned":
            mask = np.ones(self.n_edges, dtype=bool)
            data = np.ones(self.n_edges)
        else:
            raise ValueError(f"unknown adjacency kind {kind!r}")
        if kind == "signed":
            data = data[mask]
        u, v = self.u[mask], self.v[mask]
        a = sp.coo_array(
            (np.concatenate([data, data]), (np.concatenate([u, v]), np.concatenate([v, u]))),
            shape=(n, n),
        )
        return a.tocsr()

    def to_networkx(self) -> nx.Graph:
        """A networkx graph with ``sign`` and ``weight`` edge attributes."""
        g = nx.Graph()
        g.add_nodes_from(self.nodes)
        for a, b, s, w in zip(self.u, self.v, self.sign, self.weight, strict=True):
            g.add_edge(self.nodes[a], self.nodes[b], sign=int(s), weight=float(w))
        return g

    def edge_tuples(self) -> list[tuple[str, str, int, float]]:
        """Edges as ``(source, target, sign, weight)`` with labels."""
        return [
            (self.nodes[a], self.nodes[b], int(s), float(w))
            for a, b, s, w in zip(self.u, self.v, self.sign, self.weight, strict=True)
        ]


_SIGN_WORDS = {"+": 1, "-": -1, "+1": 1, "-1": -1, "1": 1, "positive": 1, "negative": -1}


def read_signed_edges(path: str | Path) -> SignedGraph:
    """Read a signed edge list from a CSV file.

    The header must name ``source``, ``target`` and ``sign`` columns, and may name ``weight``
    (other columns are ignored). ``sign`` is ``+``/``-``, ``1``/``-1``/``+1`` or
    ``positive``/``negative``; ``weight`` a positive number (default 1).

    Raises
    ------
    DataNotFoundError
        The file does not exist.
    DataFormatError
        Naming the file, the line (1-based, the header is line 1) and the column of the first
        problem: a missing column, an empty or unreadable value, a self-loop or a repeated pair.
    """
    from foedus.errors import DataNotFoundError

    p = Path(path)
    if not p.is_file():
        raise DataNotFoundError(f"{p}: no such file")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFormatError(p, f"not UTF-8 text ({exc.reason})") from None
    reader = csv.reader(text.splitlines())
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise DataFormatError(
            p, "empty file: expected a header source,target,sign[,weight]", row=1
        ) from None
    missing = [c for c in ("source", "target", "sign") if c not in header]
    if missing:
        raise DataFormatError(
            p, f"header lacks column(s) {', '.join(missing)} (found {', '.join(header)})", row=1
        )
    names = ("source", "target", "sign", "weight")
    col = {name: header.index(name) for name in names if name in header}
    edges: list[tuple[str, str, int, float]] = []
    seen: dict[tuple[str, str], int] = {}
    for line_no, row in enumerate(reader, start=2):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) < len(header):
            raise DataFormatError(
                p, f"expected {len(header)} fields, found {len(row)}", row=line_no
            )
        a, b = row[col["source"]].strip(), row[col["target"]].strip()
        for name, value in (("source", a), ("target", b)):
            if not value:
                raise DataFormatError(p, "empty node label", row=line_no, column=name)
        if a == b:
            raise DataFormatError(p, f"self-loop on {a!r}", row=line_no, column="target")
        raw_sign = row[col["sign"]].strip().lower()
        if raw_sign not in _SIGN_WORDS:
            raise DataFormatError(
                p,
                f"sign {raw_sign!r} is not one of +, -, 1, -1, positive, negative",
                row=line_no,
                column="sign",
            )
        w = 1.0
        if "weight" in col:
            raw_w = row[col["weight"]].strip()
            if raw_w:
                try:
                    w = float(raw_w)
                except ValueError:
                    raise DataFormatError(
                        p, f"weight {raw_w!r} is not a number", row=line_no, column="weight"
                    ) from None
                if not math.isfinite(w) or w <= 0:
                    raise DataFormatError(
                        p, f"weight {raw_w!r} must be positive", row=line_no, column="weight"
                    )
        pair = (min(a, b), max(a, b))
        if pair in seen:
            raise DataFormatError(
                p,
                f"pair {a}-{b} repeats line {seen[pair]} (one edge per pair)",
                row=line_no,
                column="source",
            )
        seen[pair] = line_no
        edges.append((a, b, _SIGN_WORDS[raw_sign], w))
    if not edges:
        raise DataFormatError(p, "no edges")
    try:
        return SignedGraph.from_edges(edges)
    except ValueError as exc:  # pragma: no cover - the checks above catch these first
        raise FoedusError(f"{p}: {exc}") from None
