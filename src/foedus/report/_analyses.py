"""The brief's alignment analytics: one section per ``foedus analyze`` command, with provenance.

:func:`compute_analyses` runs in a worker process beside the scenarios; :func:`add_spread`
completes the coupling section with P(war spreads across theatres) from the scenario runs the
brief already has (common random numbers, the brief's draws).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from foedus.engine import ReliabilityProvider

#: Draws of each wedge run in the brief (the command's default is 100,000): nine engine runs at
#: full brief draws would double the brief's time; 20,000 draws give 400 worlds per run.
BRIEF_WEDGE_DRAWS = 20_000
WEDGE_SCENARIO = "prk-limited-strike"
BASIS_PAIRS = (("RUS", "PRK"), ("CHN", "PRK"), ("USA", "KOR"), ("KOR", "JPN"))
PACT = "rus-prk-csp-2024"
SUSTAINMENT_DRAWS = 10_000
#: (origin scenario, its run without the pact): a war starting in Europe and one in Asia.
SPREAD_PAIRS = (
    ("rus-nato-escalation", "rus-nato-escalation~without-pact"),
    ("prk-limited-strike", "prk-limited-strike-no-pact"),
)


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def compute_analyses(
    pack_id: str,
    as_of: str,
    seed: int,
    provider: ReliabilityProvider,
    wedge_draws: int = BRIEF_WEDGE_DRAWS,
) -> dict[str, Any]:
    """Every analysis of the brief on ``pack_id`` as of ``as_of``, each with its provenance.

    Returns
    -------
    dict
        ``{"balance", "coupling", "basis", "brokerage", "sustainment", "wedge"}``; each entry has
        a ``provenance`` with the pack, date, the command that reproduces it, and the ties or
        sources behind it.
    """
    from foedus.analysis import (
        DEFAULT_CAMP,
        DEFAULT_MAPPING,
        DEFAULT_PARAMETERS,
        alignment_basis,
        brokerage,
        compare_coupling,
        engine_wedge,
        frustration_index,
        signed_network,
        sustainment,
        triad_census,
    )
    from foedus.engine import load_scenario
    from foedus.packs import load_pack

    pack = load_pack(pack_id)
    day = dt.date.fromisoformat(as_of)
    net = signed_network(pack, day, DEFAULT_MAPPING)
    mapping = net.mapping.to_dict()
    base_prov = {"pack": pack.id, "as_of": as_of}

    # balance
    fr = frustration_index(net.graph, seed=seed)
    balance = fr.to_dict()
    del balance["seconds"]  # solver time: not part of a reproducible results.json
    for item in balance["frustrated_edges"]:
        item["ties"] = [c.tie for c in net.ties_behind(item["source"], item["target"])]
    balance["triads"] = triad_census(net.graph).to_dict()
    balance["provenance"] = {
        **base_prov,
        "command": f"foedus analyze balance --as-of {as_of}",
        "ties": sorted(
            {c.tie for a, b, _, _ in net.graph.edge_tuples() for c in net.ties_behind(a, b)}
        ),
        "mapping": mapping,
        "method": "Aref–Mason–Wilson binary programme (SciPy milp / HiGHS)",
    }

    # coupling (structural; spread is added from the scenario runs)
    with_all, without = compare_coupling(pack, day, without=(PACT,))
    coupling = {
        "with": with_all.to_dict(),
        "without": without.to_dict(),
        "delta_cross": with_all.cross - without.cross,
        "delta_index": with_all.index - without.index,
        "spread": None,
        "provenance": {
            **base_prov,
            "command": f"foedus analyze coupling --as-of {as_of}",
            "removed": [PACT],
            "ties": sorted({t for e in with_all.cross_edges for t in e["ties"]}),
            "flows": sorted({f for e in with_all.cross_edges for f in e["flows"]}),
        },
    }

    # basis
    basis = []
    for a, b in BASIS_PAIRS:
        r = alignment_basis(pack, a, b, day).to_dict()
        r["provenance"] = {
            **base_prov,
            "command": f"foedus analyze basis {a} {b} --as-of {as_of}",
            "ties": list(r.get("direct_ties", [])),
        }
        basis.append(r)

    # brokerage
    br = brokerage(net.graph, as_of=net.as_of)
    brokerage_out = {
        "actors": br.ranked(),
        "provenance": {
            **base_prov,
            "command": f"foedus analyze brokerage --as-of {as_of}",
            "groups": "the two camps of the exact balance partition",
            "network": "positive ties of the signed network (same mapping as balance)",
        },
    }

    # sustainment, with and without DPRK supply
    sus = sustainment(DEFAULT_PARAMETERS, draws=SUSTAINMENT_DRAWS, seed=seed).to_dict()
    sus["provenance"] = {
        "command": f"foedus analyze sustainment --draws {SUSTAINMENT_DRAWS} --seed {seed}",
        "sources": sorted(
            {str(v.get("source")) for v in _cited(sus.get("parameters", {})) if v.get("source")}
        ),
    }

    # wedge, on the engine
    wedge = engine_wedge(
        load_scenario(WEDGE_SCENARIO), draws=wedge_draws, seed=seed, provider=provider
    ).to_dict()
    wedge["camp_from"] = list(DEFAULT_CAMP)
    wedge["provenance"] = {
        "pack": wedge["pack"],
        "as_of": wedge["as_of"],
        "scenario": wedge["scenario"],
        "command": f"foedus analyze wedge --draws {wedge_draws} --seed {seed}",
        "ties": sorted({t for e in wedge["ranking"] for t in e["ties"]}),
        "reliability": wedge["reliability"],
    }
    return {
        "as_of": as_of,
        "pack": pack.id,
        "balance": balance,
        "coupling": coupling,
        "basis": basis,
        "brokerage": brokerage_out,
        "sustainment": sus,
        "wedge": wedge,
    }


def _cited(params: Any) -> list[dict[str, Any]]:
    """Every dictionary with a ``source`` inside the sustainment parameters."""
    out: list[dict[str, Any]] = []
    if isinstance(params, dict):
        if "source" in params:
            out.append(params)
        for v in params.values():
            out.extend(_cited(v))
    elif isinstance(params, list):
        for v in params:
            out.extend(_cited(v))
    return out


def add_spread(analyses: dict[str, Any], sides: dict[str, Any]) -> None:
    """Fill ``analyses["coupling"]["spread"]`` from scenario runs (``id → (run)``).

    ``sides`` maps a run id to an object with ``actors``, ``theatres``, ``side``, ``summary``,
    ``draws`` and ``seed``; a pair whose runs are missing is left out.
    """
    from foedus.analysis.spread import spread_entry, war_theatre

    entries = []
    for origin_id, without_id in SPREAD_PAIRS:
        a, b = sides.get(origin_id), sides.get(without_id)
        if a is None or b is None or a.actors != b.actors:
            continue
        trig = a.summary["trigger"]
        th = a.theatres
        origin = war_theatre(th, a.actors.index(trig["attacker"]), a.actors.index(trig["target"]))
        if origin not in ("europe", "indo_pacific"):
            continue
        other = "indo_pacific" if origin == "europe" else "europe"
        e = spread_entry(
            origin_id,
            f"{trig['attacker']} → {trig['target']} ({trig['kind']})",
            th,
            origin,
            other,
            a.side,
            b.side,
            draws=int(a.side.shape[0]),
            seed=int(a.summary["seed"]),
            without=(PACT,),
            worlds=int(a.summary["deterrence_holds"]["worlds"]),
        ).to_dict()
        e["without_run"] = without_id
        entries.append(e)
    coupling = analyses["coupling"]
    coupling["spread"] = entries or None
    fwd = [e for e in entries if e["from"] == "europe"]
    if fwd:
        coupling["with"]["p_spread"] = fwd[0]["p_with"]
        coupling["without"]["p_spread"] = fwd[0]["p_without"]
    coupling["provenance"]["spread_definition"] = (
        "P(the belligerents of a war started in one theatre include a state of the other), "
        "engine runs with and without the pact on common random numbers"
    )


__all__ = [
    "BASIS_PAIRS",
    "BRIEF_WEDGE_DRAWS",
    "SPREAD_PAIRS",
    "add_spread",
    "compute_analyses",
]
