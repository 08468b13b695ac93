"""Alignment analytics: plain functions over signed networks, packs and arrays.

One topic per module:

* :mod:`~foedus.analysis.balance` — exact frustration index (MILP), heuristic bounds, camps,
  triad census;
* :mod:`~foedus.analysis.network` — the signed network of a pack as of a date;
* :mod:`~foedus.analysis.world` — the world signed network of a year (ATOP + MID);
* :mod:`~foedus.analysis.brokerage` — betweenness and Gould–Fernandez roles;
* :mod:`~foedus.analysis.basis` — shared enemies versus shared interests;
* :mod:`~foedus.analysis.coupling` — cross-theatre tie and flow weight;
* :mod:`~foedus.analysis.sustainment` — stock-and-flow Monte Carlo of a war of attrition;
* :mod:`~foedus.analysis.spread` — P(a war spreads across theatres), from the engine;
* :mod:`~foedus.analysis.wedge` — whose wavering hurts the exposed member most (on the engine).

Pack-based modules import the model lazily through :mod:`foedus.analysis.network`; importing
this package does not load any pack.
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
from foedus.analysis.basis import AlignmentBasis, alignment_basis
from foedus.analysis.brokerage import BrokerageResult, brokerage, brokerage_role_counts
from foedus.analysis.coupling import CouplingResult, compare_coupling, theatre_coupling
from foedus.analysis.network import DEFAULT_MAPPING, PackNetwork, SignMapping, signed_network
from foedus.analysis.spread import (
    DEFAULT_ORIGINS,
    DEFAULT_WITHOUT,
    SpreadEntry,
    entry_from_results,
    spread_entry,
    spread_indicator,
    theatre_spread,
    war_theatre,
    without_ties,
)
from foedus.analysis.sustainment import (
    DEFAULT_PARAMETERS,
    CitedRange,
    Supplier,
    SustainmentParameters,
    SustainmentResult,
    sustainment,
)
from foedus.analysis.wedge import (
    DEFAULT_CAMP,
    DEFAULT_EXPOSED,
    DEFAULT_SWING,
    Evaluator,
    WedgeEntry,
    WedgeResult,
    engine_wedge,
    pack_evaluator,
    resolve_camp,
    waver,
    waver_modifications,
    waver_ties,
    wedge_ranking,
)

__all__ = [
    "DEFAULT_CAMP",
    "DEFAULT_EXPOSED",
    "DEFAULT_MAPPING",
    "DEFAULT_ORIGINS",
    "DEFAULT_PARAMETERS",
    "DEFAULT_SWING",
    "DEFAULT_WITHOUT",
    "AlignmentBasis",
    "BrokerageResult",
    "CitedRange",
    "CouplingResult",
    "Evaluator",
    "FrustrationResult",
    "PackNetwork",
    "SignMapping",
    "SignedGraph",
    "SpreadEntry",
    "Supplier",
    "SustainmentParameters",
    "SustainmentResult",
    "TriadCensus",
    "WedgeEntry",
    "WedgeResult",
    "alignment_basis",
    "brokerage",
    "brokerage_role_counts",
    "compare_coupling",
    "engine_wedge",
    "entry_from_results",
    "frustration_heuristic",
    "frustration_index",
    "pack_evaluator",
    "partition_frustration",
    "read_signed_edges",
    "resolve_camp",
    "signed_network",
    "spread_entry",
    "spread_indicator",
    "sustainment",
    "theatre_coupling",
    "theatre_spread",
    "triad_census",
    "triangle_lower_bound",
    "triangles",
    "war_theatre",
    "waver",
    "waver_modifications",
    "waver_ties",
    "wedge_ranking",
    "without_ties",
]
