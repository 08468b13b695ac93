"""``foedus analyze …``: alignment analytics; ``foedus bench balance``: their benchmark."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer
from rich.table import Table

from foedus.cli._common import JsonOption, console, parse_date, print_json

analyze_app = typer.Typer(
    name="analyze",
    help="Alignment analytics: balance and camps, brokerage, alignment basis, coupling and spread, "
    "sustainment of a war of attrition, the wedge ranking.",
    no_args_is_help=True,
)

PackOpt = Annotated[
    str | None,
    typer.Option("--pack", "-p", help="Bundled pack name or pack YAML path (default: bundled)."),
]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Date YYYY-MM-DD (default: the pack's own date).")
]


WeightOpt = Annotated[
    list[str] | None,
    typer.Option("--weight", help="Override a tie kind's weight: KIND=W (repeatable)."),
]
SignOpt = Annotated[
    list[str] | None,
    typer.Option("--sign", help="Override a tie kind's sign: KIND=+1 or KIND=-1 (repeatable)."),
]
OrgsOpt = Annotated[
    str,
    typer.Option("--orgs", help="Ties of organisations: 'expand' to member states, or 'drop'."),
]


def _mapping(
    weights: list[str] | None, signs: list[str] | None, orgs: str, without: tuple[str, ...] = ()
) -> Any:
    """The sign mapping from command-line overrides (clear errors for malformed ones)."""
    from foedus.analysis.network import DEFAULT_KIND_WEIGHTS, DEFAULT_MAPPING
    from foedus.errors import FoedusError

    def pairs(items: list[str] | None, option: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for item in items or ():
            kind, sep, value = item.partition("=")
            kind = kind.strip()
            if not sep or kind not in DEFAULT_KIND_WEIGHTS:
                raise FoedusError(
                    f"{option} {item!r}: expected KIND=VALUE with KIND one of "
                    f"{', '.join(DEFAULT_KIND_WEIGHTS)}"
                )
            try:
                out[kind] = float(value)
            except ValueError:
                raise FoedusError(f"{option} {item!r}: {value!r} is not a number") from None
        return out

    w = pairs(weights, "--weight")
    sg = pairs(signs, "--sign")
    if any(v < 0 for v in w.values()):
        raise FoedusError("--weight: weights cannot be negative")
    if any(v not in (-1.0, 1.0) for v in sg.values()):
        raise FoedusError("--sign: a sign is +1 or -1")
    if orgs not in ("expand", "drop"):
        raise FoedusError(f"--orgs: {orgs!r} is not 'expand' or 'drop'")
    return DEFAULT_MAPPING.with_overrides(
        weights=w,
        signs={k: int(v) for k, v in sg.items()},
        tie_weights={t: 0.0 for t in without},
        orgs=orgs,  # type: ignore[arg-type]
    )


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add ``analyze`` to ``app`` and the ``balance`` benchmark to ``bench_app``."""
    app.add_typer(analyze_app, name="analyze")
    bench_app.command("balance")(bench_balance)


def _load(pack: str | None) -> Any:
    from foedus.packs import DEFAULT_PACK, load_pack

    return load_pack(pack or DEFAULT_PACK)


def _check_ties(pack: Any, ties: tuple[str, ...]) -> None:
    from foedus.errors import FoedusError

    known = {t.id for t in pack.ties}
    unknown = [t for t in ties if t not in known]
    if unknown:
        raise FoedusError(f"--without: no tie {', '.join(unknown)} in pack {pack.id}")


# ----------------------------------------------------------------------------- balance
@analyze_app.command("balance")
def balance(
    edges: Annotated[
        Path | None,
        typer.Option(
            "--edges", help="CSV signed edge list: source,target,sign[,weight] (instead of a pack)."
        ),
    ] = None,
    pack: PackOpt = None,
    as_of: AsOfOpt = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds allowed to the exact solver.")
    ] = 60.0,
    heuristic_only: Annotated[
        bool, typer.Option("--heuristic", help="Only the fast heuristic (an upper bound).")
    ] = False,
    unweighted: Annotated[
        bool, typer.Option("--unweighted", help="Count frustrated edges, ignoring weights.")
    ] = False,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed of the heuristic.")] = None,
    weight: WeightOpt = None,
    sign: SignOpt = None,
    orgs: OrgsOpt = "expand",
    without: Annotated[
        list[str] | None, typer.Option("--without", help="Tie id to leave out (repeatable).")
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Exact frustration index, the two optimal camps, frustrated edges and the triad census."""
    from foedus.analysis import (
        SignedGraph,
        frustration_heuristic,
        frustration_index,
        read_signed_edges,
        triad_census,
    )
    from foedus.analysis.network import signed_network

    net = None
    if edges is not None:
        graph = read_signed_edges(edges)
        origin: dict[str, Any] = {"edges": str(edges)}
    else:
        p = _load(pack)
        removed = tuple(without or ())
        _check_ties(p, removed)
        net = signed_network(p, parse_date(as_of), _mapping(weight, sign, orgs, removed))
        graph = net.graph
        origin = {"pack": net.pack_id, "as_of": net.as_of, "mapping": net.mapping.to_dict()}
    if unweighted:
        graph = SignedGraph(graph.nodes, graph.u, graph.v, graph.sign, np.ones(graph.n_edges))
    if heuristic_only:
        result = frustration_heuristic(graph, seed=seed)
    else:
        result = frustration_index(graph, time_limit=time_limit, seed=seed)
    census = triad_census(graph)
    out = {**origin, **result.to_dict(), "triads": census.to_dict()}
    if net is not None:
        for item in out["frustrated_edges"]:
            item["ties"] = [c.tie for c in net.ties_behind(item["source"], item["target"])]
    if json_out:
        print_json(out)
        return
    kind = "exact" if result.exact else f"upper bound (lower bound {result.lower_bound:g})"
    console.print(
        f"frustration index {result.frustration_index:g} \\[{kind}] on {graph.n_nodes} nodes, "
        f"{graph.n_edges} edges ({result.method}, {result.seconds:.3f} s)"
    )
    for i, camp in enumerate(result.camps):
        console.print(f"camp {i + 1}: {', '.join(camp)}")
    if result.frustrated_edges:
        table = Table("source", "target", "sign", "weight", "ties", title="frustrated edges")
        for item in out["frustrated_edges"]:
            table.add_row(
                item["source"],
                item["target"],
                f"{item['sign']:+d}",
                f"{item['weight']:g}",
                ", ".join(item.get("ties", [])),
            )
        console.print(table)
    t = out["triads"]
    console.print(
        f"triads: {t['total']} (+++ {t['+++']}, ++- {t['++-']}, +-- {t['+--']}, --- {t['---']}); "
        f"balanced {t['balanced']}"
    )


# ----------------------------------------------------------------------------- bench
def bench_balance(
    sizes: Annotated[
        str, typer.Option("--sizes", help="Comma-separated node counts of random graphs.")
    ] = "50,100,200,400",
    degree: Annotated[float, typer.Option("--degree", help="Mean degree.")] = 10.0,
    noise: Annotated[
        float, typer.Option("--noise", help="Share of edges whose sign is flipped.")
    ] = 0.05,
    time_limit: Annotated[float, typer.Option("--time-limit")] = 60.0,
    seed: Annotated[int, typer.Option("--seed")] = 1,
    pack: PackOpt = None,
    world_year: Annotated[
        int | None,
        typer.Option(
            "--world-year",
            help="Also the world signed network of this year (ATOP alliances +, MIDs −); "
            "needs the datasets ($FOEDUS_DATA or --data-dir).",
        ),
    ] = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir")] = None,
    json_out: JsonOption = False,
) -> None:
    """Time the exact frustration index, the heuristic and the triad census."""
    from foedus._rng import make_rng
    from foedus.analysis import (
        SignedGraph,
        frustration_heuristic,
        frustration_index,
        triad_census,
    )
    from foedus.analysis.network import signed_network

    rows: list[dict[str, Any]] = []

    def run(name: str, graph: SignedGraph) -> None:
        t0 = time.perf_counter()
        census = triad_census(graph)
        t_census = time.perf_counter() - t0
        heur = frustration_heuristic(graph, seed=seed)
        exact = frustration_index(graph, time_limit=time_limit, seed=seed)
        rows.append(
            {
                "graph": name,
                "nodes": graph.n_nodes,
                "edges": graph.n_edges,
                "triangles": census.total,
                "census_s": t_census,
                "heuristic": heur.frustration_index,
                "heuristic_s": heur.seconds,
                "index": exact.frustration_index,
                "exact": exact.exact,
                "lower_bound": exact.lower_bound,
                "method": exact.method,
                "exact_s": exact.seconds,
            }
        )

    rng = make_rng(seed)
    for n in [int(s) for s in sizes.split(",") if s.strip()]:
        p = min(1.0, degree / max(1, n - 1))
        camp = rng.random(n) < 0.5
        iu, iv = np.triu_indices(n, 1)
        keep = rng.random(len(iu)) < p
        u, v = iu[keep], iv[keep]
        sign = np.where(camp[u] == camp[v], 1, -1)
        flip = rng.random(len(u)) < noise
        sign[flip] *= -1
        g = SignedGraph(tuple(str(i) for i in range(n)), u, v, sign, np.ones(len(u)))
        run(f"planted n={n} deg={degree:g} noise={noise:g}", g)
    run(f"pack {pack or 'bundled'}", signed_network(_load(pack)).graph)
    if world_year is not None:
        from foedus.analysis.world import world_signed_network

        run(f"world {world_year}", world_signed_network(world_year, data_dir=data_dir).graph)
    if json_out:
        print_json(rows)
        return
    table = Table(
        "graph", "nodes", "edges", "triangles", "census s", "heuristic", "heur s", "index",
        "exact", "exact s",
    )  # fmt: skip
    for r in rows:
        table.add_row(
            r["graph"],
            str(r["nodes"]),
            str(r["edges"]),
            str(r["triangles"]),
            f"{r['census_s']:.4f}",
            f"{r['heuristic']:g}",
            f"{r['heuristic_s']:.3f}",
            f"{r['index']:g}" + ("" if r["exact"] else f" (≥{r['lower_bound']:g})"),
            str(r["exact"]),
            f"{r['exact_s']:.3f}",
        )
    console.print(table)


# ----------------------------------------------------------------------------- sustainment
@analyze_app.command("sustainment")
def sustainment_cmd(
    intensity: Annotated[
        str,
        typer.Option(
            "--intensity",
            help="Rounds fired per day, or a preset: rusi-jan-2024 (10,000), summer-2023, "
            "late-2023, aug-2024, early-2022.",
        ),
    ] = "rusi-jan-2024",
    draws: Annotated[int, typer.Option("--draws", min=1, help="Monte Carlo draws.")] = 10_000,
    seed: Annotated[int | None, typer.Option("--seed", help="Random seed.")] = None,
    horizon: Annotated[
        int | None, typer.Option("--horizon", min=1, help="Months to simulate (default 120).")
    ] = None,
    stock: Annotated[
        float | None,
        typer.Option("--stock", help="Serviceable rounds in stock at the start (fixed)."),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Months of sustainable artillery fire, with and without each foreign supplier."""
    from dataclasses import replace

    from foedus.analysis.sustainment import (
        DEFAULT_PARAMETERS,
        INTENSITY_PRESETS,
        CitedRange,
        sustainment,
    )
    from foedus.errors import FoedusError

    params = DEFAULT_PARAMETERS
    if intensity in INTENSITY_PRESETS:
        params = replace(params, intensity=INTENSITY_PRESETS[intensity])
    else:
        try:
            rate = float(intensity)
        except ValueError:
            raise FoedusError(
                f"--intensity: {intensity!r} is neither a number of rounds per day nor a preset "
                f"({', '.join(INTENSITY_PRESETS)})"
            ) from None
        if not rate > 0:
            raise FoedusError("--intensity must be positive")
        params = params.with_intensity(rate)
    if horizon is not None:
        params = replace(params, horizon_months=horizon)
    if stock is not None:
        if stock < 0:
            raise FoedusError("--stock cannot be negative")
        params = replace(params, stock=CitedRange.fixed(stock, "rounds", "user", "--stock"))
    result = sustainment(params, draws=draws, seed=seed)
    out = result.to_dict()
    if json_out:
        print_json(out)
        return
    console.print(
        f"intensity {out['intensity_per_day']:,.0f} rounds/day; supply covers "
        f"{out['share_of_fire_covered']:.0%} of it (median); sustainable indefinitely: "
        f"{out['sustainable_intensity_per_day']:,.0f} rounds/day"
    )
    table = Table(
        "scenario", "months q05", "median", "q95", f"P(≥ {params.horizon_months} months)",
        title=f"months of sustainable fire ({draws:,} draws)",
    )  # fmt: skip

    def fmt(v: float | None) -> str:
        return f"≥{params.horizon_months}" if v is None else f"{v:.1f}"

    for sc in out["scenarios"]:
        m = sc["months"]
        table.add_row(
            sc["scenario"], fmt(m["q05"]), fmt(m["q50"]), fmt(m["q95"]),
            f"{sc['p_beyond_horizon']:.2f}",
        )  # fmt: skip
    console.print(table)
    console.print(
        "initial stock: " + params.stock.source + " — see --json for every input's citation"
    )


# ----------------------------------------------------------------------------- brokerage
@analyze_app.command("brokerage")
def brokerage_cmd(
    pack: PackOpt = None,
    as_of: AsOfOpt = None,
    groups: Annotated[
        str,
        typer.Option("--groups", help="Groups for the roles: 'camps' (balance) or 'theatres'."),
    ] = "camps",
    top: Annotated[int, typer.Option("--top", min=1, help="Rows to print.")] = 10,
    without: Annotated[
        list[str] | None,
        typer.Option("--without", help="Tie id to leave out, e.g. rus-prk-csp-2024 (repeatable)."),
    ] = None,
    weight: WeightOpt = None,
    sign: SignOpt = None,
    orgs: OrgsOpt = "expand",
    json_out: JsonOption = False,
) -> None:
    """Who sits between camps: betweenness and Gould–Fernandez roles on the positive network."""
    from foedus.analysis.brokerage import brokerage
    from foedus.analysis.network import signed_network
    from foedus.errors import FoedusError

    p = _load(pack)
    removed = tuple(without or ())
    _check_ties(p, removed)
    net = signed_network(p, parse_date(as_of), _mapping(weight, sign, orgs, removed))
    group_of: dict[str, str] | None = None
    if groups == "theatres":
        view = p.as_of(net.as_of) if net.as_of else p
        theatre = {a.id: a.theatre or "none" for a in view.actors}
        group_of = {v: theatre.get(v, "none") for v in net.graph.nodes}
    elif groups != "camps":
        raise FoedusError(f"--groups: {groups!r} is not 'camps' or 'theatres'")
    result = brokerage(net.graph, group_of, as_of=net.as_of)
    if json_out:
        print_json(
            {"pack": net.pack_id, "groups": groups, "without": list(removed), **result.to_dict()}
        )
        return
    table = Table(
        "actor", "group", "betweenness", "coord.", "itin.", "gate./repr.", "liaison",
        "brokered pairs", title=f"brokerage on {net.as_of} (groups: {groups})",
    )  # fmt: skip
    for row in result.ranked()[:top]:
        pairs = ", ".join("–".join(pair) for pair in row["brokered_pairs"][:6])
        if len(row["brokered_pairs"]) > 6:
            pairs += f" … (+{len(row['brokered_pairs']) - 6})"
        table.add_row(
            row["actor"], row["group"], f"{row['betweenness']:.3f}", f"{row['coordinator']:g}",
            f"{row['itinerant']:g}", f"{row['gatekeeper_representative']:g}",
            f"{row['liaison']:g}", pairs,
        )  # fmt: skip
    console.print(table)


# ----------------------------------------------------------------------------- basis
@analyze_app.command("basis")
def basis_cmd(
    a: Annotated[str, typer.Argument(help="First actor id (e.g. RUS).")],
    b: Annotated[str, typer.Argument(help="Second actor id (e.g. PRK).")],
    pack: PackOpt = None,
    as_of: AsOfOpt = None,
    weight: WeightOpt = None,
    sign: SignOpt = None,
    orgs: OrgsOpt = "expand",
    json_out: JsonOption = False,
) -> None:
    """What an alignment rests on: shared enemies versus shared interests, with durability."""
    from foedus.analysis.basis import alignment_basis
    from foedus.errors import FoedusError

    try:
        result = alignment_basis(_load(pack), a, b, parse_date(as_of), _mapping(weight, sign, orgs))
    except KeyError as exc:
        raise FoedusError(str(exc.args[0])) from None
    out = result.to_dict()
    if json_out:
        print_json(out)
        return
    share = out["enemy_share"]
    console.print(
        f"{a}–{b} on {out['as_of']}: [bold]{out['basis']}[/] "
        f"(enemy share {'n/a' if share is None else f'{share:.2f}'}; direct tie {out['direct']:+g})"
    )

    def listing(items: list[dict[str, Any]], key: str = "actor") -> str:
        return ", ".join(f"{i[key]} {i['weight']:g}" for i in items) or "—"

    console.print(f"  shared enemies ({result.enemy_weight:g}): {listing(out['shared_enemies'])}")
    console.print(f"  shared friends ({result.friend_weight:g}): {listing(out['shared_friends'])}")
    console.print(
        f"  material exchange ({result.material_weight:g}): {listing(out['material'], 'item')}"
    )
    if out["regime_similarity"] is not None:
        va, vb = out["regime_values"]
        console.print(
            f"  regime similarity {out['regime_similarity']:.2f} "
            f"({out['regime_measure']}: {a} {va:g}, {b} {vb:g})"
        )
    console.print(f"  divergent third parties: {listing(out['divergent'])}")
    for reading in out["readings"]:
        console.print(f"  · {reading}")


# ----------------------------------------------------------------------------- engine helpers
ScenarioOpt = Annotated[
    str | None, typer.Option("--scenario", help="Bundled scenario id or scenario YAML path.")
]
EngineDrawsOpt = Annotated[
    int, typer.Option("--draws", "-n", min=100, help="Monte Carlo draws (cascades) per run.")
]
EngineSeedOpt = Annotated[
    int | None,
    typer.Option(
        "--seed", "-s", min=0, help="Random seed (default: the scenario's, else foedus's)."
    ),
]
BaseRatesOpt = Annotated[
    bool,
    typer.Option("--base-rates", help="Use the literature base rates of alliance reliability."),
]


def _scenario_at(scenario: Any, as_of: str | None) -> Any:
    """``scenario`` moved to ``--as-of`` (checked against the pack on that date)."""
    import dataclasses

    from foedus.errors import FoedusError

    day = parse_date(as_of)
    if day is None:
        return scenario
    view = scenario.pack.as_of(day)
    states = {a.id for a in view.actors if a.kind == "state"}
    for t in scenario.spec.triggers:
        for who in (t.attacker, t.target):
            if who not in states:
                raise FoedusError(
                    f"--as-of {day}: {who} (trigger of {scenario.spec.id}) is not a state of "
                    f"{view.id} on that date"
                )
    spec = scenario.spec.model_copy(update={"as_of": day})
    return dataclasses.replace(scenario, spec=spec)


def _reliability(base_rates: bool) -> Any:
    from foedus.engine import BaseRateProvider, default_provider

    return BaseRateProvider() if base_rates else default_provider()


# ----------------------------------------------------------------------------- coupling
@analyze_app.command("coupling")
def coupling_cmd(
    pack: PackOpt = None,
    as_of: AsOfOpt = None,
    without: Annotated[
        list[str] | None,
        typer.Option("--without", help="Tie id to remove in the comparison (repeatable)."),
    ] = None,
    theatres: Annotated[
        str, typer.Option("--theatres", help="Two theatres, comma-separated.")
    ] = "europe,indo_pacific",
    spread: Annotated[
        bool,
        typer.Option(
            "--spread/--no-spread",
            help="Also P(a war in one theatre spreads to the other) from the engine.",
        ),
    ] = True,
    spread_scenario: Annotated[
        list[str] | None,
        typer.Option(
            "--spread-scenario",
            help="Scenario starting the war, one per direction (repeatable; default: "
            "rus-nato-escalation and prk-limited-strike).",
        ),
    ] = None,
    draws: EngineDrawsOpt = 20_000,
    seed: EngineSeedOpt = None,
    base_rates: BaseRatesOpt = False,
    weight: WeightOpt = None,
    sign: SignOpt = None,
    orgs: OrgsOpt = "expand",
    json_out: JsonOption = False,
) -> None:
    """Cross-theatre tie and flow weight, and P(war spreads across theatres), with and without
    some ties (default: the 2024 Russia–DPRK pact)."""
    import dataclasses

    from foedus.analysis.coupling import compare_coupling
    from foedus.analysis.spread import DEFAULT_ORIGINS, theatre_spread
    from foedus.engine import load_scenario
    from foedus.errors import FoedusError

    names = tuple(t.strip() for t in theatres.split(",") if t.strip())
    if len(names) != 2:
        raise FoedusError(f"--theatres: expected two theatres, got {theatres!r}")
    p = _load(pack)
    removed = tuple(without) if without else ("rus-prk-csp-2024",)
    _check_ties(p, removed)
    with_all, without_some = compare_coupling(
        p,
        parse_date(as_of),
        without=removed,
        theatres=(names[0], names[1]),
        mapping=_mapping(weight, sign, orgs),
    )
    spread_out: list[dict[str, Any]] | None = None
    note = None
    if spread:
        scen = [_scenario_at(load_scenario(s), as_of) for s in spread_scenario or DEFAULT_ORIGINS]
        foreign = sorted({s.spec.id for s in scen if s.pack.id != p.id})
        if foreign and not spread_scenario:
            note = (
                f"not computed: the default spread scenarios are on pack {scen[0].pack.id}, not "
                f"{p.id} (pass --spread-scenario)"
            )
        else:
            if foreign:
                raise FoedusError(
                    f"--spread-scenario: {', '.join(foreign)} not on pack {p.id}; use scenarios "
                    "of the analysed pack"
                )
            try:
                entries = theatre_spread(
                    scen,
                    removed,
                    (names[0], names[1]),
                    draws=draws,
                    seed=seed,
                    provider=_reliability(base_rates),
                )
            except ValueError as exc:
                raise FoedusError(f"--spread-scenario: {exc}") from None
            spread_out = [e.to_dict() for e in entries]
            forward = [e for e in entries if (e.origin, e.to) == names]
            if forward:
                with_all = dataclasses.replace(with_all, p_spread=forward[0].p_with)
                without_some = dataclasses.replace(without_some, p_spread=forward[0].p_without)
    else:
        note = "not computed (--no-spread)"
    out = {
        "pack": p.id,
        "with": with_all.to_dict(),
        "without": without_some.to_dict(),
        "delta_cross": with_all.cross - without_some.cross,
        "delta_index": with_all.index - without_some.index,
        "spread": spread_out,
        "spread_definition": "P(the belligerents of a war started in one theatre include a state "
        "of the other), engine runs with and without the removed ties on common random numbers; "
        "p_spread in 'with'/'without' is the first theatre → second theatre direction",
    }
    if note:
        out["spread_note"] = note
    if json_out:
        print_json(out)
        return
    console.print(f"coupling of {names[0]} and {names[1]} on {with_all.as_of}:")
    for label, r in (("with every tie", with_all), (f"without {', '.join(removed)}", without_some)):
        console.print(
            f"  {label}: cross {r.cross:g}, within {r.within:g}, bridged by global actors "
            f"{r.bridged:g}; coupling index {r.index:.3f}"
        )
    table = Table("source", "target", "weight", "ties", "flows", title="cross-theatre edges")
    for e in with_all.cross_edges:
        table.add_row(
            e["source"],
            e["target"],
            f"{e['weight']:g}",
            ", ".join(e["ties"]),
            ", ".join(e["flows"]),
        )
    console.print(table)
    if spread_out:
        st = Table(
            "war starts in (scenario)", "spreads to", "P with", f"P without {', '.join(removed)}",
            "Δ [95%]", "s.e. paired / indep.",
            title=f"P(war spreads across theatres), engine, {spread_out[0]['draws']:,} draws, "
            f"seed {spread_out[0]['seed']}",
        )  # fmt: skip
        for e in spread_out:
            st.add_row(
                f"{e['from']} ({e['scenario']}: {e['trigger']})", e["to"], f"{e['p_with']:.4f}",
                f"{e['p_without']:.4f}",
                f"{e['diff']:+.4f} [{e['ci95'][0]:+.4f}, {e['ci95'][1]:+.4f}]",
                f"{e['se']:.4f} / {e['se_independent']:.4f}",
            )  # fmt: skip
        console.print(st)
    elif note:
        console.print(f"P(war spreads across theatres): {note}")


# ----------------------------------------------------------------------------- wedge
def _default_scenario(exposed: str) -> str:
    """The first bundled base scenario (no baseline) whose first trigger targets ``exposed``."""
    from foedus.engine import bundled_scenarios, load_scenario
    from foedus.errors import FoedusError

    for sid in bundled_scenarios():
        s = load_scenario(sid)
        if s.spec.baseline is None and s.spec.triggers[0].target == exposed:
            return sid
    raise FoedusError(
        f"--exposed {exposed}: no bundled scenario attacks it; pass --scenario with one that does"
    )


@analyze_app.command("wedge")
def wedge_cmd(
    camp: Annotated[
        str,
        typer.Option(
            "--camp",
            help="Camp members: states or organisations (expanded to member states), "
            "comma-separated.",
        ),
    ] = "NATO,IP4",
    exposed: Annotated[
        str,
        typer.Option(
            "--exposed", help="The exposed member (must be the scenario's trigger target)."
        ),
    ] = "KOR",
    scenario: ScenarioOpt = None,
    swing: Annotated[
        float,
        typer.Option(
            "--swing",
            min=0.0,
            max=1.0,
            help="How much a wavering member weakens: tie strengths and honour odds × (1 − swing).",
        ),
    ] = 0.5,
    draws: EngineDrawsOpt = 100_000,
    seed: EngineSeedOpt = None,
    as_of: AsOfOpt = None,
    base_rates: BaseRatesOpt = False,
    json_out: JsonOption = False,
) -> None:
    """Whose wavering most lowers P(deterrence holds) for the camp's exposed member (C20–C21).

    Each member in turn wavers (its positive ties to the camp weakened as a scenario
    modification); the engine runs every variant on common random numbers.
    """
    from foedus.analysis.wedge import engine_wedge
    from foedus.engine import load_scenario

    scen = _scenario_at(load_scenario(scenario or _default_scenario(exposed)), as_of)
    result = engine_wedge(
        scen,
        [c for c in camp.split(",") if c.strip()],
        exposed,
        swing=swing,
        draws=draws,
        seed=seed,
        provider=_reliability(base_rates),
    )
    out = result.to_dict()
    if json_out:
        print_json(out)
        return
    console.print(
        f"[bold]wedge[/] on {out['scenario']} ({out['scenario_title']}), pack {out['pack']} as of "
        f"{out['as_of']}: P(deterrence holds) for {out['exposed']} = {out['p_base']:.4f} "
        f"({out['draws']:,} draws, {out['worlds']:,} worlds, seed {out['seed']}; reliability: "
        f"{out['reliability']})"
    )
    console.print(
        f"camp: {', '.join(out['camp'])}; a wavering member's camp ties: strength × "
        f"{1 - swing:g}, log-odds of honouring {out['logit_shift']:+.3f}"
    )
    table = Table(
        "rank", "member", "P(holds) base", "P(holds) wavering", "drop", "s.e. paired",
        "s.e. independent", "ties weakened",
    )  # fmt: skip
    for i, e in enumerate(out["ranking"], 1):
        table.add_row(
            str(i), e["member"], f"{e['p_base']:.4f}", f"{e['p_waver']:.4f}",
            f"{e['drop']:+.4f}", f"{e['drop_se']:.4f}", f"{e['se_independent']:.4f}",
            ", ".join(e["ties"]) or "—",
        )  # fmt: skip
    console.print(table)
    for n in out["notes"]:
        console.print(f"note: {n}")
