"""Real data: strict loaders for ATOP, COW, democracy scores, MIDs and reliability data; an
embedded DuckDB catalogue; world baselines for any year; directed dyad-years for research.

Examples
--------
>>> from foedus.data import load, build_world, directed_dyad_years  # doctest: +SKIP
>>> nmc = load("nmc", "data")  # doctest: +SKIP
>>> world = build_world(2018, "data")  # doctest: +SKIP
>>> dyads = directed_dyad_years(1816, 2016, "data")  # doctest: +SKIP
"""

from foedus.data._csv import Col, TableSpec, partial_dates, read_table
from foedus.data._datasets import DATASETS, Dataset
from foedus.data.catalogue import Catalogue, ImportResult
from foedus.data.dyads import directed_dyad_years, write_dyad_years
from foedus.data.fetch import FetchResult, fetch
from foedus.data.loaders import (
    available,
    find_file,
    load,
    load_atop_alliances,
    load_atop_members,
    load_mid_participants,
    load_nmc,
    load_sipri_trade_register,
    load_states,
)
from foedus.data.world import WorldSummary, build_world, world_pack_dict, world_yaml

__all__ = [
    "DATASETS",
    "Catalogue",
    "Col",
    "Dataset",
    "FetchResult",
    "ImportResult",
    "TableSpec",
    "WorldSummary",
    "available",
    "build_world",
    "directed_dyad_years",
    "fetch",
    "find_file",
    "load",
    "load_atop_alliances",
    "load_atop_members",
    "load_mid_participants",
    "load_nmc",
    "load_sipri_trade_register",
    "load_states",
    "partial_dates",
    "read_table",
    "world_pack_dict",
    "world_yaml",
    "write_dyad_years",
]
