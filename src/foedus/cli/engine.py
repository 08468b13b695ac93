"""Engine commands: run, compare, sensitivity, brief — and the brief benchmark."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from foedus._rng import DEFAULT_SEED
from foedus.cli._common import JsonOption, console, print_json
from foedus.errors import FoedusError

ScenarioArg = Annotated[str, typer.Argument(help="Bundled scenario id or path to a scenario YAML.")]
DrawsOption = Annotated[
    int | None, typer.Option("--draws", "-n", min=100, help="Monte Carlo draws (cascades).")
]
SeedOption = Annotated[int | None, typer.Option("--seed", "-s", min=0, help="Random seed.")]
DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Data folder with the alliance-reliability files (default: $FOEDUS_DATA); the "
        "reliability model is fitted on it, else the literature base rates are used.",
    ),
]
BaseRatesOption = Annotated[
    bool,
    typer.Option("--base-rates", help="Use the literature base rates, not the fitted model."),
]


def _provider(data: Path | None, base_rates: bool) -> Any:
    """The reliability provider the options ask for (fitted model, or base-rate fallback)."""
    from foedus.engine import BaseRateProvider, default_provider, fitted_provider

    if base_rates:
        return BaseRateProvider()
    if data is not None:
        fitted = fitted_provider(str(data))
        if fitted is None:
            raise FoedusError(f"--data {data}: cannot fit the reliability model on this folder")
        return fitted
    return default_provider()


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add the engine commands to ``app`` and the brief benchmark to ``bench_app``."""
    app.command()(run)
    app.command()(compare)
    app.command()(sensitivity)
    app.command()(brief)
    app.command()(scenarios)
    bench_app.command("brief")(bench_brief)


def scenarios(json_out: JsonOption = False) -> None:
    """List the bundled scenarios and the claims they answer."""
    from foedus.engine import bundled_scenarios, load_scenario

    rows: list[dict[str, Any]] = []
    for sid in bundled_scenarios():
        s = load_scenario(sid)
        t = s.spec.triggers[0]
        rows.append(
            {
                "id": sid,
                "title": s.spec.title,
                "claims": list(s.spec.claims),
                "trigger": f"{t.attacker} → {t.target} ({t.kind})",
                "baseline": s.spec.baseline,
            }
        )
    if json_out:
        print_json(rows)
        return
    table = Table("id", "claims", "trigger", "baseline", "title")
    for r in rows:
        table.add_row(
            r["id"], ", ".join(r["claims"]), r["trigger"], r["baseline"] or "", r["title"]
        )
    console.print(table)


def run(
    scenario: ScenarioArg,
    draws: DrawsOption = None,
    seed: SeedOption = None,
    data_dir: DataOption = None,
    base_rates: BaseRatesOption = False,
    json_out: JsonOption = False,
) -> None:
    """Run a scenario: who joins which side, P(deterrence holds), spread, and their sources."""
    from foedus.engine import load_scenario, run_scenario

    scen = load_scenario(scenario)
    result = run_scenario(scen, draws=draws, seed=seed, provider=_provider(data_dir, base_rates))
    data = result.to_dict()
    if json_out:
        print_json(data)
        return
    _print_run(data)


def _print_run(d: dict[str, Any]) -> None:
    det = d["deterrence_holds"]
    t = d["trigger"]
    console.print(
        f"[bold]{d['id']}[/]: {d['title']} — as of {d['as_of']}, "
        f"{d['draws']} draws, seed {d['seed']}"
    )
    console.print(
        f"trigger {t['attacker']} → {t['target']} ({t['kind']}); claims {', '.join(d['claims'])}"
    )
    console.print(
        f"P(deterrence holds) = [bold]{det['p']:.3f}[/] "
        f"(95% {det['ci95'][0]:.3f}–{det['ci95'][1]:.3f},"
        f" {det['worlds']} worlds); P(war spans both theatres) = {d['p_cross_theatre']:.3f}; "
        f"attacker's anticipated P(win) = {d['attacker_pwin']['mean']:.3f}; attacker coalition's "
        f"capability share = {d['attacker_capability_share']['mean']:.3f}"
    )
    bel = ", ".join(f"{k}: {v:.3f}" for k, v in d["belligerents"].items())
    console.print(f"number of belligerents: {bel}")
    table = Table(
        "state", "P(attacker's side)", "P(target's side)", "brought in by (share of draws)"
    )
    for aid, a in d["actors"].items():
        if a["p_join_attacker"] + a["p_join_target"] < 0.0005:
            continue
        via = "; ".join(f"{v['text']}: {v['p']:.3f}" for v in a["via"][:3])
        table.add_row(aid, f"{a['p_join_attacker']:.3f}", f"{a['p_join_target']:.3f}", via)
    console.print(table)
    obl = Table("tie (article)", "by → to", "status", "P(counts)", "P(triggered)", "sources")
    for ob in d["obligations"]:
        if ob["status"] in ("triggered", "conditional") or ob["p_triggered"] > 0:
            obl.add_row(
                f"{ob['tie']} ({ob['article'] or ''})",
                f"{ob['by']} → {ob['to']}",
                f"{ob['status']}: {ob['reason']}",
                f"{ob['probability']:.2f}",
                f"{ob['p_triggered']:.3f}",
                ", ".join(ob["sources"]),
            )
    console.print(obl)
    prov = det["provenance"]
    console.print(
        f"sources and assumptions: pack {prov['pack']} as of {prov['as_of']}; reliability: "
        f"{prov['reliability']['model']}; assessments on: "
        f"{', '.join(prov['assessments_on']) or 'none'};"
        f" modifications: {'; '.join(prov['modifications']) or 'none'}; parameters: "
        f"{', '.join(prov['parameters'])} (ranges and sources: --json)"
    )


def compare(
    a: Annotated[str, typer.Argument(help="Baseline scenario (id or path).")],
    b: Annotated[str, typer.Argument(help="Scenario to compare with it.")],
    draws: DrawsOption = None,
    seed: SeedOption = None,
    data_dir: DataOption = None,
    base_rates: BaseRatesOption = False,
    json_out: JsonOption = False,
) -> None:
    """B − A on common random numbers: differences with paired 95% intervals."""
    from foedus.engine import compare_results, load_scenario, run_scenario

    sa, sb = load_scenario(a), load_scenario(b)
    n = draws or sa.spec.draws or sb.spec.draws
    s = seed if seed is not None else (sa.spec.seed if sa.spec.seed is not None else DEFAULT_SEED)
    provider = _provider(data_dir, base_rates)
    ra = run_scenario(sa, draws=n, seed=s, provider=provider)
    rb = run_scenario(sb, draws=n, seed=s, provider=provider)
    data = compare_results(ra, rb)
    if json_out:
        print_json(data)
        return
    console.print(
        f"[bold]{data['b']} − {data['a']}[/] ({data['draws']} draws, seed {data['seed']})"
    )
    for key, label in (
        ("deterrence_holds", "P(deterrence holds)"),
        ("p_cross_theatre", "P(war spans both theatres)"),
        ("attacker_pwin", "attacker's anticipated P(win)"),
    ):
        x = data[key]
        console.print(
            f"Δ {label} = {x['diff']:+.4f} (95% {x['ci95'][0]:+.4f} … {x['ci95'][1]:+.4f}; "
            f"s.e. {x['se']:.4f} paired vs {x['se_independent']:.4f} independent)"
        )
    table = Table("state", "Δ P(attacker's side) [95%]", "Δ P(target's side) [95%]")
    for aid, e in data["actors"].items():
        x1, x2 = e["p_join_attacker"], e["p_join_target"]
        if abs(x1["diff"]) < 0.0005 and abs(x2["diff"]) < 0.0005:
            continue
        table.add_row(
            aid,
            f"{x1['diff']:+.4f} [{x1['ci95'][0]:+.4f}, {x1['ci95'][1]:+.4f}]",
            f"{x2['diff']:+.4f} [{x2['ci95'][0]:+.4f}, {x2['ci95'][1]:+.4f}]",
        )
    console.print(table)


def sensitivity(
    scenario: ScenarioArg,
    method: Annotated[str, typer.Option(help="sobol or morris.")] = "sobol",
    samples: Annotated[
        int, typer.Option(min=8, help="Base samples (Sobol) or trajectories.")
    ] = 256,
    cascades: Annotated[int, typer.Option(min=1, help="Cascades per world.")] = 20,
    output: Annotated[str, typer.Option(help="holds (0/1 per world) or utility.")] = "holds",
    seed: SeedOption = None,
    data_dir: DataOption = None,
    base_rates: BaseRatesOption = False,
    json_out: JsonOption = False,
) -> None:
    """Which assumption drives P(deterrence holds): Sobol or Morris indices (SALib)."""
    from foedus.engine import load_scenario
    from foedus.engine import sensitivity as sens

    if method not in ("sobol", "morris"):
        raise FoedusError(f"--method must be sobol or morris, not {method!r}")
    if output not in ("holds", "utility"):
        raise FoedusError(f"--output must be holds or utility, not {output!r}")
    data = sens(
        load_scenario(scenario),
        method=method,  # type: ignore[arg-type]
        base_samples=samples,
        cascades=cascades,
        output=output,  # type: ignore[arg-type]
        seed=seed or 0,
        provider=_provider(data_dir, base_rates),
    )
    if json_out:
        print_json(data)
        return
    console.print(
        f"[bold]{data['scenario']}[/]: {data['method']} indices of {data['output']} "
        f"({data['worlds']} worlds × {data['cascades_per_world']} cascades)"
    )
    if method == "sobol":
        table = Table("input", "total ST", "first-order S1", "range", "source")
        for f in data["factors"]:
            table.add_row(
                f["name"],
                f"{f['ST']:.3f} ± {f['ST_conf']:.3f}",
                f"{f['S1']:.3f} ± {f['S1_conf']:.3f}",
                f"{f['low']:g} – {f['high']:g}",
                f["source"],
            )
    else:
        table = Table("input", "mu*", "sigma", "range", "source")
        for f in data["factors"]:
            table.add_row(
                f["name"],
                f"{f['mu_star']:.3f}",
                f"{f['sigma']:.3f}",
                f"{f['low']:g} – {f['high']:g}",
                f["source"],
            )
    console.print(table)


def brief(
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("brief"),
    draws: Annotated[
        int, typer.Option("--draws", "-n", min=100, help="Draws per scenario.")
    ] = 100_000,
    seed: Annotated[int, typer.Option("--seed", "-s", min=0, help="Random seed.")] = DEFAULT_SEED,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes (default: the CPU count).")
    ] = None,
    wedge_draws: Annotated[
        int,
        typer.Option(
            "--wedge-draws",
            min=100,
            help="Draws of each engine run of the wedge analysis (at most --draws).",
        ),
    ] = 20_000,
    data_dir: DataOption = None,
    base_rates: BaseRatesOption = False,
    json_out: JsonOption = False,
) -> None:
    """Run the bundled scenarios and the alignment analytics; write OUT/report.html
    (self-contained) and OUT/results.json."""
    from foedus.engine import bundled_scenarios
    from foedus.report import compute_brief, write_brief

    if out.exists() and not out.is_dir():
        raise FoedusError(f"--out {out}: exists and is not a folder")
    t0 = time.perf_counter()
    ids = bundled_scenarios()
    progress = Progress(
        TextColumn("[bold]brief[/]"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} {task.description}"),
        TimeElapsedColumn(),
        console=console,
        disable=json_out,
        transient=False,
    )
    with progress:
        task = progress.add_task("scenarios", total=len(ids) + 3)
        progress.update(task, description="reliability model")
        provider = _provider(data_dir, base_rates)
        results, runs = compute_brief(
            draws=draws,
            seed=seed,
            workers=workers,
            provider=provider,
            on_done=lambda sid: progress.update(task, advance=1, description=sid),
            wedge_draws=wedge_draws,
        )
        progress.update(task, description="rendering report")
        html_path, json_path = write_brief(out, results, runs)
        progress.update(task, advance=1, description="done")
    elapsed = time.perf_counter() - t0
    summary = {
        "report": str(html_path),
        "results": str(json_path),
        "scenarios": len(results["scenarios"]),
        "draws": draws,
        "wedge_draws": (results.get("analyses") or {}).get("wedge", {}).get("draws"),
        "seed": seed,
        "seconds": elapsed,
    }
    if json_out:
        print_json(summary)
        return
    table = Table("scenario", "claims", "P(deterrence holds) [95%]", "P(both theatres)")
    for s in results["scenarios"]:
        d = s["deterrence_holds"]
        table.add_row(
            s["id"],
            ", ".join(s["claims"]),
            f"{d['p']:.3f} [{d['ci95'][0]:.3f}, {d['ci95'][1]:.3f}]",
            f"{s['p_cross_theatre']:.3f}",
        )
    console.print(table)
    an = results.get("analyses")
    if an:
        for e in an["coupling"].get("spread") or []:
            console.print(
                f"P(war spreads {e['from']} → {e['to']}) from {e['scenario']}: "
                f"{e['p_with']:.3f} with the pact, {e['p_without']:.3f} without"
            )
        w = an["wedge"]
        ranked = ", ".join(f"{e['member']} {e['drop']:+.4f}" for e in w["ranking"][:3])
        console.print(
            f"wedge ({w['scenario']}, {w['draws']:,} draws): wavering that lowers P(deterrence "
            f"holds) for {w['exposed']} most: {ranked}"
        )
    console.print(f"wrote {html_path} and {json_path} in {elapsed:.1f} s")


def bench_brief(
    draws: Annotated[int, typer.Option(help="Draws per scenario.")] = 100_000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = DEFAULT_SEED,
    wedge_draws: Annotated[
        int, typer.Option("--wedge-draws", min=100, help="Draws of each wedge engine run.")
    ] = 20_000,
    out: Annotated[
        Path | None, typer.Option(help="Where to write the brief (default: a temporary folder).")
    ] = None,
    data_dir: DataOption = None,
    base_rates: BaseRatesOption = False,
    json_out: JsonOption = False,
) -> None:
    """Time the full brief (target: < 10 s at 100,000 draws per scenario, < 2 GiB peak memory)."""
    import resource
    import tempfile

    from foedus.report import compute_brief, write_brief

    t0 = time.perf_counter()
    provider = _provider(data_dir, base_rates)
    results, runs = compute_brief(
        draws=draws, seed=seed, provider=provider, wedge_draws=wedge_draws
    )
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        write_brief(out or Path(tmp), results, runs)
    t2 = time.perf_counter()
    adr = sum(r.actor_draw_rounds for r in runs.values())
    kernel_s = sum(r.kernel_seconds for r in runs.values())
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    data = {
        "benchmark": "foedus brief",
        "scenarios": len(runs),
        "draws_per_scenario": draws,
        "wedge_draws": (results.get("analyses") or {}).get("wedge", {}).get("draws"),
        "analyses": sorted(
            k for k in (results.get("analyses") or {}) if k not in ("pack", "as_of")
        ),
        "total_s": t2 - t0,
        "compute_s": t1 - t0,
        "render_write_s": t2 - t1,
        "scenario_run_s_sum": kernel_s,
        "actor_draw_rounds": adr,
        "actor_draw_rounds_per_s": adr / kernel_s if kernel_s else None,
        "peak_rss_mib_main": own,
        "peak_rss_mib_worker": children,
        "reliability": provider.name,
        "target_s": 10.0,
        "target_peak_mib": 2048,
    }
    if json_out:
        print_json(data)
        return
    console.print(
        f"brief: {data['scenarios']} scenarios × {draws} draws in {data['total_s']:.2f} s "
        f"(compute {data['compute_s']:.2f} s, render+write {data['render_write_s']:.2f} s; "
        "target < 10 s)"
    )
    console.print(
        f"engine: {adr:,} actor-draw-rounds in {kernel_s:.2f} s of scenario runs = "
        f"{data['actor_draw_rounds_per_s']:,.0f} per second"
    )
    console.print(
        f"peak memory: main {own:.0f} MiB, largest worker {children:.0f} MiB (target < 2048 MiB)"
    )
