"""Fitting and cross-validating the speaker ranker on annotated quotations.

The training quotations are the gold files of ANNOTATION.md (``NAME.gold.json`` beside
``NAME.txt``). As in ANNOTATION.md's scoring, speaker accuracy counts the gold quotations the
finder found; one whose gold speaker is not among its candidates (a name the gazetteer and the
name finder missed) cannot be learnt from, is counted as unreachable, and is an error in
cross-validation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from foedus.errors import DataFormatError
from foedus.reading.gazetteer import load_gazetteer
from foedus.reading.mentions import Mention
from foedus.reading.pipeline import actor_arguments, load_article
from foedus.reading.quotes import quote_contexts
from foedus.reading.speakers import FEATURES, NOBODY, QuoteContext, choose, fit, walk


@dataclass(frozen=True)
class AnnotatedText:
    """One gold text: its group (the directory), text, and gold quotations (span → speaker)."""

    group: str
    name: str
    text: str
    gold: tuple[tuple[int, int, str | None], ...]


def annotated_texts(dirs: Iterable[Path]) -> list[AnnotatedText]:
    """Every ``NAME.txt`` with a ``NAME.gold.json`` beside it, in the given directories."""
    out = []
    for d in dirs:
        for g in sorted(Path(d).glob("*.gold.json")):
            txt = g.with_name(g.name.removesuffix(".gold.json") + ".txt")
            if not txt.is_file():
                continue
            text, _sha = load_article(txt)
            try:
                quotes = json.loads(g.read_text("utf-8")).get("quotes", [])
                gold = tuple((q["span"][0], q["span"][1], q.get("speaker_id")) for q in quotes)
            except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
                raise DataFormatError(
                    g, f"not a gold file of ANNOTATION.md's format: {exc}"
                ) from None
            out.append(AnnotatedText(Path(d).name, txt.stem, text, gold))
    return out


def _gold_speaker(ctx: QuoteContext, gold: Sequence[tuple[int, int, str | None]]) -> object:
    """The gold speaker of the quotation at ``ctx`` (span overlap, ±1 for the marks)."""
    for s, e, speaker in gold:
        if s - 1 < ctx.end and ctx.start < e + 1:
            return speaker
    return _UNMATCHED


_UNMATCHED = object()


@dataclass(frozen=True)
class Cases:
    """The learnable quotations of some texts, and what could not be learnt."""

    cases: list[tuple[NDArray[np.float64], int]]
    unreachable: int


def _contexts(doc: AnnotatedText) -> tuple[list[QuoteContext], list[Mention]]:
    _mentions, arguments = actor_arguments(doc.text, load_gazetteer())
    return quote_contexts(doc.text, arguments)


def _doc_cases(doc: AnnotatedText) -> Cases:
    contexts, speakers = _contexts(doc)
    golds = [_gold_speaker(c, doc.gold) for c in contexts]
    cases: list[tuple[NDArray[np.float64], int]] = []
    unreachable = 0

    def teach(i: int, ids: list[str], x: NDArray[np.float64]) -> str | None:
        nonlocal unreachable
        gold = golds[i]
        if gold is _UNMATCHED:
            return None
        key = NOBODY if gold is None else str(gold)
        if key in ids:
            cases.append((x, ids.index(key)))
        else:
            unreachable += 1
        return None if gold is None else str(gold)

    walk(contexts, speakers, teach)
    return Cases(cases, unreachable)


def training_cases(docs: Sequence[AnnotatedText]) -> Cases:
    """Feature matrices and gold rows; the previous gold speaker is the "last speaker"."""
    per_doc = [_doc_cases(d) for d in docs]
    return Cases([c for p in per_doc for c in p.cases], sum(p.unreachable for p in per_doc))


def accuracy(docs: Sequence[AnnotatedText], w: NDArray[np.float64]) -> tuple[int, int]:
    """Correct speakers and gold quotations found by the finder, with weights ``w``."""
    right = total = 0
    for doc in docs:
        contexts, speakers = _contexts(doc)
        chosen = walk(contexts, speakers, lambda _i, ids, x: choose(ids, x, w))
        for ctx, got in zip(contexts, chosen, strict=True):
            gold = _gold_speaker(ctx, doc.gold)
            if gold is _UNMATCHED:
                continue
            total += 1
            right += got == gold
    return right, total


def cross_validate(
    docs: Sequence[AnnotatedText], alpha: float = 1.0, train_only: Iterable[str] = ()
) -> dict[str, tuple[int, int]]:
    """Leave-one-group-out: for each group, fit on the others and score it.

    Groups in ``train_only`` (constructed pattern sentences, no sample of real text) are always
    fitted on and never scored.
    """
    groups = sorted({d.group for d in docs} - set(train_only))
    out = {}
    for g in groups:
        train = [d for d in docs if d.group != g]
        test = [d for d in docs if d.group == g]
        w = fit(training_cases(train).cases, alpha)
        out[g] = accuracy(test, w)
    return out


def weights_json(w: NDArray[np.float64], docs: Sequence[AnnotatedText], alpha: float) -> str:
    """The shipped weights file: weights by feature name, and what they were fitted on."""
    return (
        json.dumps(
            {
                "fitted_on": sorted({f"{d.group}/{d.name}" for d in docs}),
                "alpha": alpha,
                "weights": {name: round(float(v), 6) for name, v in zip(FEATURES, w, strict=True)},
            },
            indent=1,
        )
        + "\n"
    )
