"""Throughput of the whole reading pipeline (``foedus bench read``), on one core.

The pipeline is timed end to end — gazetteer mentions, quotations, quantities and events,
including the spaCy parse when a model is used — over copies of a built-in sample (our own
words, in the style of the seed: paragraphs with and without actors, quotations, amounts).
"""

from __future__ import annotations

import os
import time
from typing import Any

#: Built-in sample (original text), repeated ``repeat`` times.
SAMPLE = (
    "Seoul said on Tuesday that North Korea had sent roughly 11,000 troops to Russia’s Kursk "
    "region, and Moscow has provided $350 million in aid to Pyongyang.\n"
    "“This is not a marriage of equals,” said Jane Roe, a fellow at a think tank. “It is a "
    "trade, and both sides know the price,” she added.\n"
    "The European Union sanctioned two Russian banks, while Japan did not impose sanctions on "
    "any Chinese firm. Officials in Kyiv believe Pyongyang may also have shipped missiles.\n"
    "Analysts expect the exchange to continue for as long as the war lasts, and perhaps longer, "
    "because the factories that make the shells have been running for two years.\n"
)


def _parsed_fraction(text: str) -> float:
    """Share of the words that lie in paragraphs the event parser parses."""
    from foedus.reading.depevents import spans_to_parse
    from foedus.reading.gazetteer import load_gazetteer
    from foedus.reading.mentions import find_mentions

    spans = spans_to_parse(text, find_mentions(text, load_gazetteer()))
    return sum(len(text[s:e].split()) for s, e in spans) / max(1, len(text.split()))


def _pin_one_core() -> int | None:
    """Restrict this process to one CPU (Linux); the CPU used, or None where unsupported."""
    if not hasattr(os, "sched_setaffinity") or not hasattr(os, "sched_getaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def bench_reading(
    repeat: int = 200, use_model: bool = True, one_core: bool = True, sample: str = SAMPLE
) -> dict[str, Any]:
    """Time the reading pipeline on ``repeat`` copies of ``sample``.

    Parameters
    ----------
    repeat : int
        Copies of the sample (200 copies of :data:`SAMPLE` ≈ 22,000 words).
    use_model : bool
        Also time the whole pipeline with the spaCy parse (when a model is installed), the
        model's load time, and the bare spaCy pipeline for comparison.
    one_core : bool
        Pin the process to one CPU first (Linux), so that the figures are per core.
    sample : str
        The text to repeat (default :data:`SAMPLE`; ``foedus bench read --text FILE``).

    Returns
    -------
    dict
        ``words``, ``rule_only_words_per_second``, ``gazetteer_load_seconds``, ``cpu``; with
        a model also ``model``, ``model_load_seconds``, ``words_per_second`` (whole pipeline
        with the parse), ``parsed_words_fraction`` (paragraphs without an actor mention
        are not parsed) and ``spacy_only_words_per_second`` (every paragraph parsed).

    Examples
    --------
    >>> res = bench_reading(repeat=2, use_model=False, one_core=False)
    >>> res["words"] > 0 and res["rule_only_words_per_second"] > 0
    True
    """
    from foedus.reading.gazetteer import load_gazetteer
    from foedus.reading.pipeline import read_text

    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    cpu = _pin_one_core() if one_core else None
    t0 = time.perf_counter()
    load_gazetteer()
    res: dict[str, Any] = {"cpu": cpu, "gazetteer_load_seconds": time.perf_counter() - t0}
    if not sample.endswith("\n"):
        sample += "\n"
    text = sample * repeat
    words = len(text.split())
    res["words"] = words
    t0 = time.perf_counter()
    out = read_text(text, use_model=False)
    res["rule_only_seconds"] = time.perf_counter() - t0
    res["rule_only_words_per_second"] = words / res["rule_only_seconds"]
    res["rule_only_events"] = len(out["events"])
    res["model"] = None
    if use_model:
        from foedus.reading.nlp import load_pipeline

        t0 = time.perf_counter()
        nlp, name = load_pipeline()
        res["model"] = name
        res["model_load_seconds"] = time.perf_counter() - t0
        if nlp is not None:
            t0 = time.perf_counter()
            out = read_text(text, nlp=nlp)
            res["seconds"] = time.perf_counter() - t0
            res["words_per_second"] = words / res["seconds"]
            res["events"] = len(out["events"])
            res["parsed_words_fraction"] = _parsed_fraction(text)
            t0 = time.perf_counter()
            for _ in nlp.pipe(text.splitlines()):
                pass
            res["spacy_only_words_per_second"] = words / (time.perf_counter() - t0)
    return res
