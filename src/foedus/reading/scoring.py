"""Scoring by ANNOTATION.md: P/R/F1 per category; attribute and affiliation accuracy."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from foedus.reading.events import SYMMETRIC


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "pred": n_pred, "gold": n_gold}


def _overlap(a: tuple[int, int], b: tuple[int, int], slack: int = 0) -> bool:
    return a[0] < b[1] + slack and b[0] < a[1] + slack


def _match(pred: list[Any], gold: list[Any], ok: Any) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of predictions to gold items."""
    used: set[int] = set()
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if j not in used and ok(p, g):
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def _tokens(s: str | None) -> list[str]:
    return (s or "").lower().replace(",", " ").split()


def _token_f1(a: str | None, b: str | None) -> float:
    ta, tb = _tokens(a), _tokens(b)
    if not ta and not tb:
        return 1.0
    common = sum(min(ta.count(t), tb.count(t)) for t in set(ta))
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def score(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Counts and P/R/F1 for mentions, events, quantities and quotes of one document."""
    pm = {(s, e, a["id"]) for a in pred["actors"] for s, e, _ in a["mentions"]}
    gm = {(s, e, a["id"]) for a in gold["actors"] for s, e, _ in a["mentions"]}

    def ev_ok(p: dict[str, Any], g: dict[str, Any]) -> bool:
        if p["type"] != g["type"] or not _overlap(tuple(p["trigger"][:2]), tuple(g["trigger"][:2])):
            return False
        if (p["source"], p["target"]) == (g["source"], g["target"]):
            return True
        return g["type"] in SYMMETRIC and (p["source"], p["target"]) == (g["target"], g["source"])

    ev_pairs = _match(pred["events"], gold["events"], ev_ok)
    ev_map = dict(ev_pairs)
    attr_ok = sum(
        pred["events"][i]["negated"] == gold["events"][j]["negated"]
        and pred["events"][i]["hedged"] == gold["events"][j]["hedged"]
        for i, j in ev_pairs
    )

    def q_ok(p: dict[str, Any], g: dict[str, Any]) -> bool:
        return (
            _overlap(tuple(p["span"][:2]), tuple(g["span"][:2]))
            and p["value"] == g["value"]
            and ev_map.get(p["attached_event_index"], -1) == g["attached_event_index"]
        )

    def quote_ok(p: dict[str, Any], g: dict[str, Any]) -> bool:
        return _overlap(tuple(p["span"]), tuple(g["span"]), slack=1)

    quote_pairs = _match(pred["quotes"], gold["quotes"], quote_ok)
    speaker_ok = [
        pred["quotes"][i]["speaker_id"] == gold["quotes"][j]["speaker_id"] for i, j in quote_pairs
    ]
    return {
        "mentions": _prf(len(pm & gm), len(pm), len(gm)),
        "events": _prf(len(ev_pairs), len(pred["events"]), len(gold["events"])),
        "event_attributes_accuracy": attr_ok / len(ev_pairs) if ev_pairs else None,
        "quantities": _prf(
            len(_match(pred["quantities"], gold["quantities"], q_ok)),
            len(pred["quantities"]),
            len(gold["quantities"]),
        ),
        "quotes": _prf(sum(speaker_ok), len(pred["quotes"]), len(gold["quotes"])),
        "quote_spans": _prf(len(quote_pairs), len(pred["quotes"]), len(gold["quotes"])),
        "speaker_accuracy": sum(speaker_ok) / len(speaker_ok) if speaker_ok else None,
        "affiliation_token_f1": (
            sum(
                _token_f1(pred["quotes"][i]["affiliation"], gold["quotes"][j]["affiliation"])
                for i, j in quote_pairs
            )
            / len(quote_pairs)
            if quote_pairs
            else None
        ),
    }


def evaluate_dir(gold_dir: str | Path, *, use_model: bool = True) -> dict[str, Any]:
    """Micro-averaged scores over every ``NAME.txt`` with a ``NAME.gold.json`` beside it.

    ``use_model=False`` scores the rule-only path even when a spaCy model is installed.
    """
    from foedus.errors import DataNotFoundError
    from foedus.reading.pipeline import read_file

    d = Path(gold_dir)
    docs = sorted(
        p for p in d.glob("*.gold.json") if (d / (p.name[: -len(".gold.json")] + ".txt")).is_file()
    )
    if not docs:
        raise DataNotFoundError(f"{d}: no NAME.txt with a NAME.gold.json beside it")
    per_doc = {}
    totals: dict[str, list[int]] = {}
    for g in docs:
        name = g.name[: -len(".gold.json")]
        s = score(
            read_file(d / f"{name}.txt", use_model=use_model), json.loads(g.read_text("utf-8"))
        )
        per_doc[name] = s
        for cat in ("mentions", "events", "quantities", "quotes", "quote_spans"):
            t = totals.setdefault(cat, [0, 0, 0])
            t[0] += s[cat]["tp"]
            t[1] += s[cat]["pred"]
            t[2] += s[cat]["gold"]
    overall: dict[str, dict[str, float | None]] = {cat: dict(_prf(*t)) for cat, t in totals.items()}
    qs = totals["quote_spans"][0]
    overall["speaker_accuracy"] = {"value": totals["quotes"][0] / qs if qs else None}
    return {"overall": overall, "documents": per_doc}
