"""Core commands: validate, show, sources, coverage, schema — and the pack benchmark."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from foedus._io import atomic_write_text
from foedus.cli._common import JsonOption, PackOption, console, parse_date, print_json
from foedus.errors import PackError
from foedus.packs import (
    DEFAULT_PACK,
    coverage_table,
    load_pack,
    pack_json_schema,
    verify_citations,
)
from foedus.paths import texts_dir


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add the core commands to ``app`` and their benchmark to ``bench_app``."""
    app.command()(validate)
    app.command()(show)
    app.command()(sources)
    app.command()(coverage)
    app.command()(schema)
    app.command()(version)
    bench_app.command("pack")(bench_pack)


def version(json_out: JsonOption = False) -> None:
    """Print the foedus version."""
    from foedus import __version__

    if json_out:
        print_json({"version": __version__})
    else:
        typer.echo(__version__)


def validate(
    paths: Annotated[list[Path], typer.Argument(help="Pack YAML files to validate.")],
    json_out: JsonOption = False,
) -> None:
    """Validate pack files; list every problem with file:line:column, field and reason."""
    results: list[dict[str, Any]] = []
    for path in paths:
        try:
            pack = load_pack(path)
        except PackError as exc:
            results.append(
                {"path": str(path), "valid": False, "problems": [p.__dict__ for p in exc.problems]}
            )
            continue
        results.append({"path": str(path), "valid": True, "problems": [], "counts": _counts(pack)})
    if json_out:
        print_json(results)
    else:
        for r in results:
            if r["valid"]:
                counts = ", ".join(f"{v} {k}" for k, v in r["counts"].items())
                console.print(f"[green]valid[/] {r['path']}: {counts}")
            else:
                n = len(r["problems"])
                typer.echo(f"invalid {r['path']}: {n} problem{'s' if n != 1 else ''}", err=True)
                for p in r["problems"]:
                    from foedus.errors import Problem

                    typer.echo(f"  {Problem(**p)}", err=True)
    if not all(r["valid"] for r in results):
        raise typer.Exit(1)


def _counts(pack: Any) -> dict[str, int]:
    return {
        s: len(getattr(pack, s))
        for s in ("sources", "actors", "ties", "flows", "assessments", "events", "claims")
    }


def show(
    pack_name: PackOption = DEFAULT_PACK,
    as_of: Annotated[
        str, typer.Option("--as-of", help="Date of the view (YYYY-MM-DD or 'today').")
    ] = "today",
    json_out: JsonOption = False,
) -> None:
    """Show the architecture in force on a date: actors, ties, flows, judgements, events."""
    from foedus.packs import (
        actors_table,
        assessments_table,
        events_table,
        flows_table,
        pack_to_dict,
        ties_table,
    )

    day = parse_date(as_of)
    assert day is not None
    view = load_pack(pack_name).as_of(day)
    if json_out:
        print_json(pack_to_dict(view))
        return
    counts = ", ".join(f"{v} {k}" for k, v in _counts(view).items())
    console.rule(f"[bold]{view.title}[/] — as of {day.isoformat()}")
    console.print(f"pack [bold]{view.id}[/]: {counts}")
    console.print("Nothing published after the as-of date is used (no look-ahead).", style="dim")

    actors = actors_table(view)
    states = actors[actors["kind"] == "state"]
    t = Table(title="States", show_lines=False)
    for col in ("id", "name", "cow", "theatre", "leader", "CINC", "polyarchy", "major", "nuclear"):
        t.add_column(col, overflow="fold")
    for actor_id, row in states.iterrows():
        t.add_row(
            str(actor_id),
            str(row["name"]),
            str(row["cow_code"]),
            str(row["theatre"] or ""),
            _text(row.get("leader")),
            _fmt(row.get("cinc")),
            _fmt(row.get("v2x_polyarchy")),
            _yes(row.get("major_power")),
            _yes(row.get("nuclear")),
        )
    console.print(t)

    ties = ties_table(view)
    t = Table(title="Ties in force")
    for col in ("id", "kind", "members", "sign", "since", "obligations"):
        t.add_column(col, overflow="fold")
    for tie_id, row in ties.iterrows():
        arrow = " → " if row["directed"] else " – "
        t.add_row(
            str(tie_id),
            str(row["kind"]),
            arrow.join(str(row["members"]).split(",")),
            f"{int(row['sign']):+d}",
            str(row["start"]),
            str(row["obligations"]),
        )
    console.print(t)

    flows = flows_table(view)
    if not flows.empty:
        latest = flows.sort_values("estimate_date").groupby("id").tail(1)
        t = Table(title="Flows (latest estimate visible)")
        for col in ("id", "from → to", "commodity", "low", "central", "high", "unit", "dated"):
            t.add_column(col)
        for _, row in latest.iterrows():
            t.add_row(
                row["id"],
                f"{row['source']} → {row['target']}",
                row["commodity"],
                f"{row['low']:,.0f}",
                f"{row['central']:,.0f}",
                f"{row['high']:,.0f}",
                f"{row['unit']}/{row['per']}",
                str(row["estimate_date"]),
            )
        console.print(t)

    assessments = assessments_table(view)
    if not assessments.empty:
        t = Table(title="Expert assessments")
        for col in ("id", "speaker", "about", "stance", "reading", "effect", "claims"):
            t.add_column(col)
        for a_id, row in assessments.iterrows():
            reading = (
                ""
                if row["low"] is None or row["low"] != row["low"]
                else (f"{row['low']:.2f}–{row['high']:.2f}")
            )
            t.add_row(
                str(a_id),
                str(row["speaker"]),
                f"{row['subject']} ({row['aspect']})",
                str(row["stance"]),
                reading,
                str(row["effect"] or ""),
                str(row["claims"]),
            )
        console.print(t)

    events = events_table(view)
    if not events.empty:
        t = Table(title="Events")
        for col in ("date", "id", "kind", "actors", "note"):
            t.add_column(col)
        for e_id, row in events.sort_values("date").iterrows():
            t.add_row(
                str(row["date"]), str(e_id), str(row["kind"]), str(row["actors"]), str(row["note"])
            )
        console.print(t)


def _fmt(value: Any) -> str:
    try:
        return "" if value is None or value != value else f"{float(value):.3f}"
    except (TypeError, ValueError):
        return str(value)


def _text(value: Any) -> str:
    return "" if value is None or value != value else str(value)


def _yes(value: Any) -> str:
    return "yes" if value is True else ""


def sources(
    pack_name: PackOption = DEFAULT_PACK,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify",
            help="Check every span against its text; "
            "exit 1 if any fails or a cited text is missing.",
        ),
    ] = False,
    texts: Annotated[
        Path | None,
        typer.Option("--texts", help="Folder of source texts (default: $FOEDUS_TEXTS)."),
    ] = None,
    cite: Annotated[
        str | None,
        typer.Option("--cite", help="Print the text cited by this element id (needs the texts)."),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """List a pack's sources; verify spans and print cited passages from the source texts."""
    pack = load_pack(pack_name)
    folder = texts_dir(texts)
    checks = verify_citations(pack, folder) if (verify or cite) else []
    if cite is not None:
        chosen = [c for c in checks if c.element == cite or c.element.startswith(cite + ".")]
        if not chosen:
            from foedus.errors import FoedusError

            raise FoedusError(f"no citation by element {cite!r} in pack {pack.id!r}")
        if json_out:
            print_json([c.__dict__ for c in chosen])
            return
        for c in chosen:
            where = f"[{c.span[0]}:{c.span[1]}]" if c.span else (c.locator or "")
            body = c.cited_text if c.cited_text is not None else f"({c.status})"
            console.print(f"[bold]{c.element}[/] ← {c.source} {where}\n  {body}")
        return
    if json_out:
        out: dict[str, Any] = {
            "sources": [s.model_dump(mode="json", exclude_none=True) for s in pack.sources]
        }
        if verify:
            out["checks"] = [c.__dict__ for c in checks]
        print_json(out)
    else:
        t = Table(title=f"Sources of {pack.id}")
        for col in ("id", "kind", "date", "title", "text"):
            t.add_column(col)
        for s in pack.sources:
            t.add_row(s.id, s.kind, str(s.date), s.title, s.text_file or "")
        console.print(t)
        if verify:
            from collections import Counter

            tally = Counter(c.status for c in checks)
            console.print("citations: " + ", ".join(f"{n} {k}" for k, n in sorted(tally.items())))
            for c in checks:
                if c.status not in ("ok", "locator"):
                    typer.echo(f"  {c.status}: {c.element} cites {c.source} {c.span}", err=True)
            if folder is None and tally.get("text_missing"):
                typer.echo("  (no texts folder: pass --texts DIR or set FOEDUS_TEXTS)", err=True)
    if verify and any(c.status not in ("ok", "locator") for c in checks):
        raise typer.Exit(1)


def coverage(
    pack_name: PackOption = DEFAULT_PACK,
    json_out: JsonOption = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print as Markdown.")] = False,
) -> None:
    """The claim coverage table: claim → pack elements → what answers it."""
    if markdown:
        from foedus.packs.reference import coverage_markdown

        typer.echo(coverage_markdown(pack_name), nl=False)
        return
    table = coverage_table(load_pack(pack_name))
    if json_out:
        print_json(table.reset_index().to_dict(orient="records"))
        return
    t = Table(title="Seed claims and what answers them", show_lines=True)
    for col in ("claim", "summary", "elements", "answered by"):
        t.add_column(col, overflow="fold")
    for claim, row in table.iterrows():
        style = "yellow" if row["status"] == "not yet" else ""
        t.add_row(
            str(claim),
            row["summary"],
            row["elements"].replace(",", ", "),
            row["answered_by"],
            style=style,
        )
    console.print(t)
    n = len(table)
    done = int((table["status"] == "answered").sum())
    console.print(f"{done} of {n} claims answered by a command today; the rest say what will.")


def schema(
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file.")] = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="The human-readable format reference instead.")
    ] = False,
    json_out: Annotated[
        bool, typer.Option("--json", help="JSON output (the default; accepted for uniformity).")
    ] = False,
) -> None:
    """Print (or write) the JSON Schema of the pack format, or its Markdown reference."""
    if markdown and json_out:
        from foedus.errors import FoedusError

        raise FoedusError("--markdown and --json exclude each other")
    if markdown:
        from foedus.packs.reference import pack_format_markdown

        text = pack_format_markdown().rstrip("\n")
    else:
        text = json.dumps(pack_json_schema(), indent=2, ensure_ascii=False)
    if out is None:
        typer.echo(text)
    else:
        atomic_write_text(out, text + "\n")
        console.print(f"wrote {out}")


def bench_pack(
    repeat: Annotated[int, typer.Option(help="Number of timed loads.")] = 20,
    json_out: JsonOption = False,
) -> None:
    """Time loading and validating the bundled pack (target: under 0.5 s)."""
    timings = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        load_pack(DEFAULT_PACK)
        timings.append(time.perf_counter() - t0)
    timings.sort()
    result: dict[str, Any] = {
        "benchmark": "load+validate bundled pack",
        "repeat": repeat,
        "min_s": timings[0],
        "median_s": timings[len(timings) // 2],
        "max_s": timings[-1],
        "target_s": 0.5,
    }
    if json_out:
        print_json(result)
    else:
        console.print(
            f"load+validate {DEFAULT_PACK}: median {result['median_s'] * 1000:.1f} ms "
            f"(min {result['min_s'] * 1000:.1f}, max {result['max_s'] * 1000:.1f}; "
            f"{repeat} runs; target < 500 ms)"
        )
