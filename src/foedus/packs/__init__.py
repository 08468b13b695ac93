"""Packs: loading, validating, dumping, verifying and tabulating security architectures."""

from foedus.packs.dump import dump_pack, pack_to_dict, write_pack
from foedus.packs.loader import DEFAULT_PACK, bundled_packs, load_pack, parse_pack, resolve_pack
from foedus.packs.schema import pack_json_schema
from foedus.packs.tables import (
    actors_table,
    assessments_table,
    coverage_table,
    events_table,
    flows_table,
    ties_table,
)
from foedus.packs.verify import CitationCheck, iter_citations, span_sha, verify_citations

__all__ = [
    "DEFAULT_PACK",
    "CitationCheck",
    "actors_table",
    "assessments_table",
    "bundled_packs",
    "coverage_table",
    "dump_pack",
    "events_table",
    "flows_table",
    "iter_citations",
    "load_pack",
    "pack_json_schema",
    "pack_to_dict",
    "parse_pack",
    "resolve_pack",
    "span_sha",
    "ties_table",
    "verify_citations",
    "write_pack",
]
