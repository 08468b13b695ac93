"""foedus: sourced, quantitative models of security architectures.

The public API for notebooks; the ``foedus`` command only calls these.

Examples
--------
>>> import foedus
>>> pack = foedus.load_pack()                       # the bundled putin-kim-2024 pack
>>> view = pack.as_of("2024-07-15")                 # what was in force, known on that day
>>> view.tie("rus-prk-csp-2024").obligations[0].kind
'defense'
>>> foedus.ties_table(view).loc["usa-kor-1953", "kind"]
'defense_pact'
"""

from __future__ import annotations

from foedus.errors import (
    DataFormatError,
    DataNotFoundError,
    FoedusError,
    LookAheadError,
    PackError,
    Problem,
)
from foedus.model import (
    Actor,
    Assessment,
    AttributeValue,
    Citation,
    Claim,
    Conditions,
    Effect,
    Estimate,
    Event,
    Flow,
    Obligation,
    Office,
    Pack,
    Parameter,
    ProbabilityRange,
    Quantity,
    Range,
    Source,
    Tie,
)
from foedus.packs import (
    DEFAULT_PACK,
    CitationCheck,
    actors_table,
    assessments_table,
    bundled_packs,
    coverage_table,
    dump_pack,
    events_table,
    flows_table,
    load_pack,
    pack_json_schema,
    parse_pack,
    ties_table,
    verify_citations,
    write_pack,
)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_PACK",
    "Actor",
    "Assessment",
    "AttributeValue",
    "Citation",
    "CitationCheck",
    "Claim",
    "Conditions",
    "DataFormatError",
    "DataNotFoundError",
    "Effect",
    "Estimate",
    "Event",
    "Flow",
    "FoedusError",
    "LookAheadError",
    "Obligation",
    "Office",
    "Pack",
    "PackError",
    "Parameter",
    "ProbabilityRange",
    "Problem",
    "Quantity",
    "Range",
    "Source",
    "Tie",
    "__version__",
    "actors_table",
    "assessments_table",
    "bundled_packs",
    "coverage_table",
    "dump_pack",
    "events_table",
    "flows_table",
    "load_pack",
    "pack_json_schema",
    "parse_pack",
    "ties_table",
    "verify_citations",
    "write_pack",
]
