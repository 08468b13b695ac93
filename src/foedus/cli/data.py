"""Data commands: ``data status|import|fetch``, ``world``, ``dyads`` and their benchmarks."""

from __future__ import annotations

import resource
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from foedus.cli._common import JsonOption, console, print_json
from foedus.errors import FoedusError

DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="Dataset directory (default: $FOEDUS_DATA)."),
]
CatalogueOption = Annotated[
    Path | None,
    typer.Option(
        "--catalogue",
        help="Catalogue database file (default: $FOEDUS_CATALOGUE, else DATA/.foedus/ or the "
        "user cache).",
    ),
]

data_app = typer.Typer(
    name="data", help="Datasets: what is found, importing, downloading.", no_args_is_help=True
)


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add the data commands to ``app`` and their benchmarks to ``bench_app``."""
    app.add_typer(data_app, name="data")
    data_app.command("status")(status)
    data_app.command("import")(import_cmd)
    data_app.command("fetch")(fetch_cmd)
    app.command("world")(world)
    app.command("dyads")(dyads)
    bench_app.command("world")(bench_world)
    bench_app.command("dyads")(bench_dyads)
    bench_app.command("catalogue")(bench_catalogue)


def _root(data: Path | None) -> Path:
    from foedus.errors import DataNotFoundError
    from foedus.paths import data_dir

    root = data_dir(data)
    if root is None:
        raise DataNotFoundError(
            "no data directory: pass --data DIR or set FOEDUS_DATA (see docs/data.md for "
            "where to download each dataset)"
        )
    if not root.is_dir():
        raise DataNotFoundError(f"data directory {root} does not exist")
    return root


def status(data: DataOption = None, json_out: JsonOption = False) -> None:
    """Which datasets were found, their versions, row counts, checksums and citations."""
    from foedus.data import DATASETS, find_file, load
    from foedus.data.loaders import sha256_file

    root = _root(data)
    rows: list[dict[str, Any]] = []
    for ds in DATASETS:
        path = find_file(ds, root)
        entry: dict[str, Any] = {
            "dataset": ds.key,
            "title": ds.title,
            "found": path is not None,
            "file": str(path) if path else None,
            "version": ds.version,
            "rows": None,
            "checksum": None,
            "citation": ds.citation,
            "source": ds.source,
            "optional": ds.optional,
        }
        if path is not None:
            try:
                frame = load(ds.key, path=path)
                entry["rows"] = len(frame)
                entry["version"] = frame.attrs["source"]["version"]
                digest = frame.attrs["source"]["sha256"]
            except FoedusError as exc:
                entry["error"] = str(exc)
                digest = sha256_file(path)
            entry["checksum"] = (
                "official" if digest == ds.sha256 else ("unknown" if not ds.sha256 else "differs")
            )
        rows.append(entry)
    if json_out:
        print_json({"data_dir": str(root), "datasets": rows})
        return
    t = Table(title=f"Datasets in {root}")
    for col in ("dataset", "found", "version", "rows", "checksum", "file / problem"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(
            r["dataset"],
            "yes" if r["found"] else ("no (optional)" if r["optional"] else "NO"),
            str(r["version"]),
            "" if r["rows"] is None else f"{r['rows']:,}",
            r["checksum"] or "",
            r.get("error") or (Path(r["file"]).name if r["file"] else r["source"]),
        )
    console.print(t)
    console.print("Cite each dataset you use; `--json` prints the full citations.", style="dim")


def import_cmd(
    data: DataOption = None,
    catalogue: CatalogueOption = None,
    force: Annotated[bool, typer.Option("--force", help="Re-import unchanged files.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Import every dataset found into the catalogue (unchanged files are skipped)."""
    from foedus.data import Catalogue

    with Catalogue.open(_root(data), catalogue) as cat:
        results = cat.ensure(force=force)
        path = cat.path
    out = [r.__dict__ for r in results]
    if json_out:
        print_json({"catalogue": str(path), "imports": out})
        return
    for r in results:
        console.print(f"{r.key:18} {r.status:10} {r.rows:>9,} rows  {r.seconds:6.2f} s")
    console.print(f"catalogue: {path}")


def fetch_cmd(
    data: DataOption = None,
    dataset: Annotated[
        list[str] | None, typer.Option("--dataset", "-d", help="Only these dataset keys.")
    ] = None,
    mirror: Annotated[
        str | None,
        typer.Option("--mirror", help="Base URL serving FOLDER/FILE copies of the releases."),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Download the official releases (checksums verified; broken transfers resume)."""
    from foedus.data import fetch

    root = data
    if root is None:
        from foedus.paths import data_dir

        root = data_dir(None)
    if root is None:
        raise FoedusError("no data directory: pass --data DIR or set FOEDUS_DATA")
    results = fetch(root, dataset or None, mirror=mirror)
    if json_out:
        print_json([r.__dict__ for r in results])
        return
    for r in results:
        console.print(f"{r.key:18} {r.status:10} {r.bytes:>10,} B  {r.message or r.path}")


def world(
    year: Annotated[int, typer.Option("--year", "-y", help="Year, 1816–2018.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the pack YAML here.")
    ] = None,
    data: DataOption = None,
    catalogue: CatalogueOption = None,
    mid_window: Annotated[
        int,
        typer.Option(
            "--mid-window", help="Disputes begun in this many years become rivalry ties (0: none)."
        ),
    ] = 10,
    only: Annotated[
        str | None,
        typer.Option("--only", help="Comma-separated ISO ids or COW codes to keep (a sub-world)."),
    ] = None,
    theatre: Annotated[
        list[str] | None,
        typer.Option("--theatre", help="Keep the states of this theatre (repeatable)."),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Build the world baseline pack of every state in the system in YEAR."""
    from foedus._io import atomic_write_text
    from foedus.data import Catalogue, world_pack_dict, world_yaml
    from foedus.data.world import pack_from_dict

    with Catalogue.open(_root(data), catalogue) as cat:
        pack_data, summary = world_pack_dict(
            year,
            catalogue=cat,
            mid_window=mid_window,
            only=only.split(",") if only else None,
            theatres=theatre or None,
        )
    pack_from_dict(pack_data)  # validate before anything is written
    text = world_yaml(pack_data)
    if out is not None:
        atomic_write_text(out, text)
    if json_out:
        print_json({**summary.__dict__, "out": str(out) if out else None})
        return
    if out is None:
        typer.echo(text, nl=False)
        return
    console.print(
        f"world-{year}: {summary.states} states, {summary.alliances} ATOP alliances in force "
        f"({summary.alliances_skipped} with fewer than two members among these states skipped), "
        f"{summary.rivalries} rivalry ties → {out}"
    )


def dyads(
    start: Annotated[int, typer.Option("--from", help="First year (≥ 1816).")] = 1816,
    end: Annotated[int, typer.Option("--to", help="Last year (≤ 2018).")] = 2016,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to FILE.parquet (or .csv).")
    ] = None,
    data: DataOption = None,
    catalogue: CatalogueOption = None,
    atop_source: Annotated[
        str,
        typer.Option(
            "--atop-source",
            help="auto (ATOP's dyad file if found), atop_ddyr, atop_ddy or atop_members.",
        ),
    ] = "auto",
    json_out: JsonOption = False,
) -> None:
    """Build every directed dyad-year with ATOP, NMC, democracy and MID covariates."""
    from foedus.data import Catalogue, directed_dyad_years, write_dyad_years

    with Catalogue.open(_root(data), catalogue) as cat:
        if out is not None:
            n = write_dyad_years(out, start, end, catalogue=cat, atop_source=atop_source)
            result: dict[str, Any] = {"rows": n, "from": start, "to": end, "out": str(out)}
        else:
            frame = directed_dyad_years(start, end, catalogue=cat, atop_source=atop_source)
            result = {
                "rows": len(frame),
                "from": start,
                "to": end,
                "out": None,
                "columns": list(frame.columns),
            }
    if json_out:
        print_json(result)
        return
    where = f" → {out}" if out else " (use --out FILE.parquet to save)"
    console.print(f"{result['rows']:,} directed dyad-years {start}–{end}{where}")


def _peak_gib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024**2)


def bench_world(
    year: Annotated[int, typer.Option("--year")] = 2018,
    data: DataOption = None,
    catalogue: CatalogueOption = None,
    repeat: Annotated[int, typer.Option(help="Timed builds.")] = 3,
    json_out: JsonOption = False,
) -> None:
    """Time building and validating one year's world pack (target: under 5 s)."""
    from foedus.data import Catalogue, world_pack_dict, world_yaml
    from foedus.data.world import pack_from_dict

    timings = []
    with Catalogue.open(_root(data), catalogue) as cat:
        cat.ensure()
        for _ in range(repeat):
            t0 = time.perf_counter()
            d, _s = world_pack_dict(year, catalogue=cat)
            pack_from_dict(d)
            world_yaml(d)
            timings.append(time.perf_counter() - t0)
    timings.sort()
    res = {
        "benchmark": f"world pack {year} (build+validate+YAML)",
        "median_s": timings[len(timings) // 2],
        "min_s": timings[0],
        "max_s": timings[-1],
        "target_s": 5.0,
    }
    if json_out:
        print_json(res)
    else:
        console.print(
            f"world {year}: median {res['median_s']:.2f} s (min {res['min_s']:.2f}, "
            f"max {res['max_s']:.2f}; {repeat} runs; target < 5 s)"
        )


def bench_dyads(
    start: Annotated[int, typer.Option("--from")] = 1816,
    end: Annotated[int, typer.Option("--to")] = 2016,
    data: DataOption = None,
    catalogue: CatalogueOption = None,
    json_out: JsonOption = False,
) -> None:
    """Time all directed dyad-years with all covariates (target: < 30 s and < 4 GiB)."""
    from foedus.data import Catalogue, directed_dyad_years

    with Catalogue.open(_root(data), catalogue) as cat:
        cat.ensure()
        t0 = time.perf_counter()
        frame = directed_dyad_years(start, end, catalogue=cat)
        secs = time.perf_counter() - t0
    res = {
        "benchmark": f"directed dyad-years {start}-{end}",
        "rows": len(frame),
        "columns": frame.shape[1],
        "seconds": secs,
        "peak_rss_gib": _peak_gib(),
        "target_s": 30.0,
        "target_gib": 4.0,
    }
    if json_out:
        print_json(res)
    else:
        console.print(
            f"{len(frame):,} dyad-years × {frame.shape[1]} columns in {secs:.1f} s; "
            f"peak RSS {res['peak_rss_gib']:.2f} GiB (targets < 30 s, < 4 GiB)"
        )


def bench_catalogue(
    data: DataOption = None,
    json_out: JsonOption = False,
) -> None:
    """Time a first import of every dataset into a fresh catalogue, then a warm start."""
    import tempfile

    from foedus.data import Catalogue

    root = _root(data)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        with Catalogue.open(root, db) as cat:
            first = cat.ensure()
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        with Catalogue.open(root, db) as cat:
            again = cat.ensure()
        warm = time.perf_counter() - t0
    res = {
        "benchmark": "catalogue import",
        "first_import_s": cold,
        "warm_start_s": warm,
        "imported": sum(r.status == "imported" for r in first),
        "rows": sum(r.rows for r in first),
        "unchanged_on_warm_start": sum(r.status == "unchanged" for r in again),
    }
    if json_out:
        print_json(res)
    else:
        console.print(
            f"first import of {res['imported']} datasets ({res['rows']:,} rows): "
            f"{cold:.2f} s; warm start: {warm:.3f} s"
        )
