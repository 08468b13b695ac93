"""The world signed network of a year, from ATOP alliances and COW militarised disputes.

Positive edges: pairs of states with any ATOP obligation in force between them in ``year``
(defence, offence, neutrality, non-aggression or consultation; the ATOP directed dyad-year file).
Negative edges: pairs of states on opposite sides of a COW militarised interstate dispute (MID
5.0, participant level) active in the ``mid_window`` years up to ``year`` (MID 5.0 ends in 2014,
so the window is clipped to it and reported). A pair both allied and in dispute counts as hostile:
the dispute is the more direct evidence of the state of the relation. Nodes are COW codes,
labelled with their ISO 3166-1 alpha-3 ids when the data package's mapping knows them.

This follows the construction used in the structural-balance literature on states (Doreian &
Mrvar 2015 use COW alliances and MIDs; Aref & Wilson 2019 compute the frustration index of such
networks).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from foedus.analysis._signed import SignedGraph

__all__ = ["WorldNetwork", "world_signed_network"]

MID_LAST_YEAR = 2014


@dataclass(frozen=True)
class WorldNetwork:
    """The world signed network with how it was built."""

    graph: SignedGraph
    year: int
    mid_years: tuple[int, int]
    n_alliance_pairs: int
    n_dispute_pairs: int
    n_overridden: int
    sources: tuple[dict[str, Any], ...]


def _pairs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    keep = lo != hi
    return np.unique(np.stack([lo[keep], hi[keep]], axis=1), axis=0)


def world_signed_network(
    year: int, *, mid_window: int = 10, data_dir: str | Path | None = None
) -> WorldNetwork:
    """Build the signed network of the state system in ``year``.

    Parameters
    ----------
    year : int
        Alliance year (ATOP 5.1 covers 1815–2018).
    mid_window : int
        Disputes active in the last ``mid_window`` years up to ``year`` (clipped to 2014).
    data_dir : path, optional
        Where the datasets are (default ``$FOEDUS_DATA``).
    """
    from foedus.data.loaders import load, load_mid_participants

    ddy = load("atop_ddy", data_dir)
    obligations = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
    rows = ddy[(ddy["year"] == year)]
    rows = rows[rows[obligations].fillna(0).to_numpy().sum(axis=1) > 0]
    allied = _pairs(rows["ccode1"].to_numpy(np.int64), rows["ccode2"].to_numpy(np.int64))

    mid = load_mid_participants(data_dir)
    last = min(year, MID_LAST_YEAR)
    first = last - mid_window + 1
    active = mid[(mid["styear"] <= last) & (mid["endyear"] >= first)]
    side = active[["dispnum", "ccode", "sidea"]].to_numpy(np.int64)
    a_side = side[side[:, 2] == 1]
    b_side = side[side[:, 2] == 0]
    # Opposite sides of the same dispute: a join on the dispute number, done as arrays.
    order = np.argsort(b_side[:, 0], kind="stable")
    b_sorted = b_side[order]
    lo = np.searchsorted(b_sorted[:, 0], a_side[:, 0], side="left")
    hi = np.searchsorted(b_sorted[:, 0], a_side[:, 0], side="right")
    counts = hi - lo
    left = np.repeat(a_side[:, 1], counts)
    starts = np.repeat(lo, counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    right = b_sorted[starts + offsets, 1]
    hostile = _pairs(left, right) if len(left) else np.zeros((0, 2), dtype=np.int64)

    codes = np.unique(np.concatenate([allied.ravel(), hostile.ravel()]))
    key_allied = allied[:, 0] * 10_000 + allied[:, 1]
    key_hostile = hostile[:, 0] * 10_000 + hostile[:, 1]
    overridden = np.isin(key_allied, key_hostile)
    allied = allied[~overridden]
    pairs = np.concatenate([allied, hostile])
    sign = np.concatenate([np.ones(len(allied), np.int64), -np.ones(len(hostile), np.int64)])
    index = np.searchsorted(codes, pairs)

    try:
        from foedus.data._cow_iso import iso3
    except ImportError:  # pragma: no cover - the data package without its mapping
        iso3 = None  # type: ignore[assignment]
    labels = []
    for c in codes.tolist():
        name = iso3(int(c), year) if iso3 is not None else None
        labels.append(f"{name}" if name else f"COW{c}")
    if len(set(labels)) != len(labels):  # keep labels unique whatever the mapping says
        labels = [f"{lab}:{c}" for lab, c in zip(labels, codes.tolist(), strict=True)]
    graph = SignedGraph(tuple(labels), index[:, 0], index[:, 1], sign, np.ones(len(sign)))
    return WorldNetwork(
        graph=graph,
        year=year,
        mid_years=(first, last),
        n_alliance_pairs=len(key_allied),
        n_dispute_pairs=len(hostile),
        n_overridden=int(overridden.sum()),
        sources=(dict(ddy.attrs.get("source", {})), dict(mid.attrs.get("source", {}))),
    )
