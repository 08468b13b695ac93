"""Reading commands: ``foedus read ARTICLE.txt``, ``foedus read eval --gold DIR``, ``bench read``.

``read`` takes one positional argument; the literal ``eval`` (with ``--gold``) selects the
evaluation, so that ``read FILE`` and ``read eval`` live in one command without a click group.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from foedus.cli._common import JsonOption, console, parse_date, print_json
from foedus.errors import FoedusError


def _fit_speakers(
    dirs: list[Path], patterns: list[Path], alpha: float, out: Path | None, json_out: bool
) -> None:
    """Leave-one-folder-out accuracy of the speaker ranker, and the weights fitted on all."""
    from foedus._io import atomic_write_text
    from foedus.reading.speaker_training import (
        annotated_texts,
        cross_validate,
        training_cases,
        weights_json,
    )
    from foedus.reading.speakers import fit

    if not dirs:
        raise FoedusError("read fit-speakers needs --gold DIR (repeat for several folders)")
    if alpha <= 0:
        raise FoedusError(f"--alpha must be positive, got {alpha}")
    for d in [*dirs, *patterns]:
        if not d.is_dir():
            raise FoedusError(f"{d}: no such folder")
    docs = annotated_texts([*dirs, *patterns])
    if not docs:
        raise FoedusError("no NAME.txt with a NAME.gold.json beside it in the --gold folders")
    cases = training_cases(docs)
    train_only = {d.name for d in patterns}
    held = {d.group for d in docs} - train_only
    folds = cross_validate(docs, alpha, train_only) if len(held) > 1 else {}
    right = sum(r for r, _n in folds.values())
    total = sum(n for _r, n in folds.values())
    if out is not None:
        atomic_write_text(out, weights_json(fit(cases.cases, alpha), docs, alpha))
    if json_out:
        print_json(
            {
                "texts": len(docs),
                "quotations": len(cases.cases) + cases.unreachable,
                "unreachable": cases.unreachable,
                "alpha": alpha,
                "leave_one_folder_out": {
                    g: {"correct": r, "total": n} for g, (r, n) in folds.items()
                },
                "accuracy": right / total if total else None,
                "written": str(out) if out is not None else None,
            }
        )
        return
    console.print(
        f"{len(docs)} texts, {len(cases.cases)} quotations to learn from, {cases.unreachable} "
        "whose gold speaker is no candidate"
    )
    for g, (r, n) in folds.items():
        console.print(f"held out {g:12} {r}/{n} = {r / n:.3f}" if n else f"held out {g}: none")
    if total:
        console.print(
            f"leave-one-folder-out speaker accuracy {right}/{total} = {right / total:.3f}"
        )
    if out is not None:
        console.print(f"weights written to {out}")


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Add ``read`` to ``app`` and ``read`` to ``bench_app``."""

    @app.command("read")
    def read(
        article: Annotated[str, typer.Argument(help="ARTICLE.txt, or 'eval' with --gold DIR.")],
        more_ids: Annotated[
            list[str] | None,
            typer.Argument(
                help="Further proposal ids for the one --accept or --reject given.",
                show_default=False,
            ),
        ] = None,
        gold: Annotated[
            list[Path] | None,
            typer.Option(
                "--gold",
                help="Folder of NAME.txt + NAME.gold.json (fit-speakers: repeat for several).",
            ),
        ] = None,
        alpha: Annotated[
            float, typer.Option("--alpha", help="fit-speakers: the L2 penalty of the ranker.")
        ] = 0.1,
        patterns: Annotated[
            list[Path] | None,
            typer.Option(
                "--patterns",
                help="fit-speakers: gold folders always fitted on, never held out.",
            ),
        ] = None,
        out_file: Annotated[
            Path | None,
            typer.Option("--out", help="fit-speakers: write the fitted weights to this file."),
        ] = None,
        into: Annotated[
            Path | None,
            typer.Option("--into", help="Propose the article's content as additions to PACK.yaml."),
        ] = None,
        accept: Annotated[
            list[str] | None,
            typer.Option(
                "--accept", help="With --into: 'all' or proposal ids to write into the pack."
            ),
        ] = None,
        reject: Annotated[
            list[str] | None,
            typer.Option("--reject", help="With --into: proposal ids never to propose again."),
        ] = None,
        date: Annotated[
            str | None,
            typer.Option("--date", help="With --into: the article's date if the pack lacks it."),
        ] = None,
        title: Annotated[
            str | None,
            typer.Option("--title", help="With --into: the article's title if the pack lacks it."),
        ] = None,
        json_out: JsonOption = False,
    ) -> None:
        """Extract actors, events, quantities and quotations from an article (or score: eval).

        ``foedus read fit-speakers --gold DIR …`` cross-validates the speaker ranker on the
        annotated quotations (leave one folder out) and, with --out, writes the weights fitted
        on all of them.

        With --into PACK.yaml: list what the article adds to the pack (new actors, ties from
        events, flows from quantities, assessments from quotations) as proposals with stable
        ids; nothing is written until --accept; --reject is remembered in PACK.review.yaml.
        """
        accept_ids = [i for a in accept or [] for i in a.split(",") if i]
        reject_ids = [i for r in reject or [] for i in r.split(",") if i]
        if more_ids:
            if into is None or bool(accept_ids) == bool(reject_ids):
                raise FoedusError(
                    f"unexpected arguments {' '.join(more_ids)}: several ids follow one --accept "
                    "or --reject (with --into); with both, repeat the option or use commas"
                )
            (accept_ids if accept_ids else reject_ids).extend(more_ids)
        if into is None and (accept_ids or reject_ids or date or title):
            raise FoedusError("--accept, --reject, --date and --title need --into PACK.yaml")
        if into is not None:
            from foedus.reading.into import read_into, result_json

            into_res = read_into(
                article,
                into,
                accept=accept_ids,
                reject=reject_ids,
                date=parse_date(date),
                title=title,
            )
            if json_out:
                print_json(result_json(into_res))
                return
            props = into_res.proposals
            src = props.source
            art = into_res.article
            console.print(
                f"[bold]{art['doc_id']}[/] (sha256 {art['sha256'][:12]}…, {art['length']} "
                f"characters) into {into_res.pack_path}; source {src.id} "
                + ("(new: added with the first accepted)" if props.source_is_new else "(known)")
            )
            from foedus.reading.pack_append import dump_items, element_yaml

            if props.source_is_new and not into_res.accepted:
                console.print("      + sources:", markup=False)
                for line in dump_items([element_yaml(src)]).splitlines():
                    console.print(f"      + {line}", markup=False)
            marks = {"new": "+", "duplicate": "=", "skipped": "·", "accepted": "✓", "rejected": "✗"}
            for p in props.proposals:
                flags = " [hedged]" * p.hedged
                deps = f" (needs {', '.join(p.depends_on)})" if p.depends_on else ""
                console.print(
                    f"{marks[p.status]} {p.id} {p.status:9} {p.summary}{flags}{deps} "
                    f"@[{p.span[0]}:{p.span[1]}]",
                    markup=False,
                )
                if p.reason and p.status in ("duplicate", "skipped"):
                    console.print(f"      {p.reason}", markup=False)
                if p.status == "new" and p.element is not None:
                    body = dump_items([element_yaml(p.element)])
                    where = "estimates of " if p.kind == "estimate" else ""
                    console.print(f"      + {where}{p.section}:", markup=False)
                    for line in body.splitlines():
                        console.print(f"      + {line}", markup=False)
            totals = {k: sum(v.values()) for k, v in props.counts().items()}
            console.print(
                "counts: "
                + "; ".join(
                    f"{k} {totals[k]} (" + ", ".join(f"{s} {n}" for s, n in sorted(v.items())) + ")"
                    for k, v in props.counts().items()
                )
            )
            if into_res.written:
                console.print("written: " + ", ".join(str(w) for w in into_res.written))
            else:
                console.print(
                    "Nothing written. Accept with --accept all or --accept ID …; "
                    "reject with --reject ID …"
                )
            return
        if article == "fit-speakers" and not Path(article).is_file():
            _fit_speakers(gold or [], patterns or [], alpha, out_file, json_out)
            return
        if article == "eval" and not Path("eval").is_file():
            from foedus.reading.scoring import evaluate_dir

            if not gold or len(gold) > 1:
                raise FoedusError("read eval needs one --gold DIR")
            res = evaluate_dir(gold[0])
            if json_out:
                print_json(res)
                return
            for cat, s in res["overall"].items():
                if "f1" in s:
                    console.print(
                        f"{cat:12} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}"
                        f"  (tp={s['tp']} pred={s['pred']} gold={s['gold']})"
                    )
                else:
                    console.print(f"{cat:12} {s['value']}")
            return
        from foedus.reading.pipeline import read_file

        out = read_file(article)
        if json_out:
            print_json(out)
            return
        console.print(f"[bold]{out['doc_id']}[/] sha256 {out['text_sha256'][:12]}…")
        console.print(
            "actors: " + ", ".join(f"{a['id']}×{len(a['mentions'])}" for a in out["actors"])
        )
        for e in out["events"]:
            flags = " negated" * e["negated"] + " hedged" * e["hedged"]
            console.print(
                f"event {e['type']} {e['source']} → {e['target']} ({e['trigger'][2]}){flags}"
            )
        for q in out["quantities"]:
            console.print(f"quantity {q['span'][2]!r} = {q['value']:g} {q['unit']}")
        for q in out["quotes"]:
            console.print(
                f"quote [{q['span'][0]}:{q['span'][1]}] {q['speaker_name']} ({q['affiliation']})"
            )

    @bench_app.command("read")
    def bench_read(
        repeat: Annotated[int, typer.Option(help="Copies of the built-in sample text.")] = 200,
        model: Annotated[
            bool,
            typer.Option("--model/--no-model", help="Also time the pipeline with the spaCy parse."),
        ] = True,
        text: Annotated[
            Path | None, typer.Option("--text", help="Time this article instead of the sample.")
        ] = None,
        json_out: JsonOption = False,
    ) -> None:
        """Words per second of the whole reading pipeline on one core (with and without spaCy)."""
        from foedus.reading.bench import SAMPLE, bench_reading
        from foedus.reading.pipeline import load_article

        sample = load_article(text)[0] if text is not None else SAMPLE
        try:
            res = bench_reading(repeat=repeat, use_model=model, sample=sample)
        except ValueError as exc:
            raise FoedusError(str(exc)) from None
        if json_out:
            print_json(res)
            return
        console.print(
            f"{res['words']} words on cpu {res['cpu']}; gazetteer load "
            f"{res['gazetteer_load_seconds']:.3f} s"
        )
        console.print(f"rule-only pipeline: {res['rule_only_words_per_second']:,.0f} words/s")
        if not model:
            return
        if res["model"] is None:
            console.print("no spaCy model installed: the reader runs its rule-only path")
            return
        console.print(f"model {res['model']}: loaded in {res['model_load_seconds']:.2f} s")
        if "words_per_second" in res:
            console.print(
                f"whole pipeline with the spaCy parse: {res['words_per_second']:,.0f} words/s "
                f"({res['parsed_words_fraction']:.0%} of the words parsed; spaCy alone on "
                f"every paragraph: {res['spacy_only_words_per_second']:,.0f} words/s)"
            )
