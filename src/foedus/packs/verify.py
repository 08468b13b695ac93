"""Checking citations against source texts, and printing what a span cites."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from foedus.model import Citation, Pack, Source

Status = Literal["ok", "span_mismatch", "text_missing", "text_changed", "locator"]


@dataclass(frozen=True)
class CitationCheck:
    """The result of checking one citation.

    ``status`` is ``ok`` (span verified), ``span_mismatch`` (the cited text's hash differs from
    ``span_sha`` or the span runs past the text), ``text_missing`` (no text file found),
    ``text_changed`` (the file's sha256 differs from the source's) or ``locator`` (a citation
    by locator, nothing to verify against a text).
    """

    element: str
    source: str
    span: tuple[int, int] | None
    locator: str | None
    status: Status
    cited_text: str | None = None


def iter_citations(pack: Pack) -> list[tuple[str, Citation]]:
    """Every citation in the pack with the id of the element that makes it."""
    out: list[tuple[str, Citation]] = []
    for actor in pack.actors:
        for office in actor.offices:
            out += [(actor.id, c) for c in office.cite]
        for value in actor.attributes:
            out += [(f"{actor.id}.{value.name}", c) for c in value.cite]
    for tie in pack.ties:
        out += [(tie.id, c) for c in tie.cite]
        for ob in tie.obligations:
            out += [(f"{tie.id}.{ob.kind}", c) for c in ob.cite]
    for flow in pack.flows:
        for est in flow.estimates:
            out += [(f"{flow.id}@{est.date}", c) for c in est.cite]
    for section in ("assessments", "events", "claims", "parameters"):
        for item in getattr(pack, section):
            out += [(item.id, c) for c in item.cite]
    return out


def read_source_text(source: Source, texts_dir: Path | None) -> tuple[str | None, bool]:
    """The text of ``source`` from ``texts_dir`` and whether its sha256 matches.

    Returns ``(None, False)`` when the source has no text file or it is not found.
    """
    if source.text_file is None or texts_dir is None:
        return None, False
    path = texts_dir / source.text_file
    if not path.is_file():
        return None, False
    raw = path.read_bytes()
    ok = source.sha256 is None or hashlib.sha256(raw).hexdigest() == source.sha256
    return raw.decode("utf-8", errors="replace"), ok


def span_sha(text: str) -> str:
    """The 12-hex-digit fingerprint stored in :attr:`Citation.span_sha` for a cited passage."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def verify_citations(pack: Pack, texts_dir: Path | None) -> list[CitationCheck]:
    """Check every citation of ``pack`` against the source texts found in ``texts_dir``.

    Examples
    --------
    >>> from foedus import load_pack
    >>> checks = verify_citations(load_pack(), None)
    >>> {c.status for c in checks} <= {"locator", "text_missing"}
    True
    """
    texts: dict[str, tuple[str | None, bool]] = {
        s.id: read_source_text(s, texts_dir) for s in pack.sources
    }
    checks = []
    for element, cite in iter_citations(pack):
        if cite.span is None:
            checks.append(CitationCheck(element, cite.source, None, cite.locator, "locator"))
            continue
        text, hash_ok = texts.get(cite.source, (None, False))
        status: Status
        cited = None
        if text is None:
            status = "text_missing"
        elif not hash_ok:
            status = "text_changed"
        else:
            start, end = cite.span
            cited = text[start:end]
            if end > len(text) or (cite.span_sha is not None and span_sha(cited) != cite.span_sha):
                status = "span_mismatch"
            else:
                status = "ok"
        checks.append(CitationCheck(element, cite.source, cite.span, cite.locator, status, cited))
    return checks
