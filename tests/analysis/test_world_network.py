"""The world signed network on the real ATOP and MID files (skipped without them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from foedus.analysis import frustration_index, partition_frustration, triad_census
from foedus.analysis.brokerage import brokerage
from foedus.analysis.world import world_signed_network


def test_world_2018(shared_data: Path) -> None:
    world = world_signed_network(2018, data_dir=shared_data)
    g = world.graph
    assert g.n_nodes > 150 and g.n_edges > 4000
    assert world.mid_years == (2005, 2014)
    assert int((g.sign < 0).sum()) == world.n_dispute_pairs
    assert "USA" in g.nodes and "RUS" in g.nodes
    census = triad_census(g)
    assert census.balanced_fraction > 0.85  # the range the literature reports for states
    r = frustration_index(g, time_limit=60)
    assert r.exact
    assert r.lower_bound == r.frustration_index
    assert partition_frustration(g, r.camps[1]) == pytest.approx(r.frustration_index)
    roles = brokerage(g, {v: "all" for v in g.nodes})
    assert max(roles.betweenness.values()) > 0
