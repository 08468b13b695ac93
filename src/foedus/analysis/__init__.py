"""Alignment analytics: plain functions over signed networks, packs and arrays.

One topic per module: :mod:`~foedus.analysis.balance` (frustration index, camps, triad census),
:mod:`~foedus.analysis.sustainment` (stock-and-flow model of a war of attrition).
"""

from foedus.analysis._signed import SignedGraph, read_signed_edges
from foedus.analysis.balance import (
    FrustrationResult,
    TriadCensus,
    frustration_heuristic,
    frustration_index,
    partition_frustration,
    triad_census,
    triangle_lower_bound,
    triangles,
)

__all__ = [
    "FrustrationResult",
    "SignedGraph",
    "TriadCensus",
    "frustration_heuristic",
    "frustration_index",
    "partition_frustration",
    "read_signed_edges",
    "triad_census",
    "triangle_lower_bound",
    "triangles",
]
