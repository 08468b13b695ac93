"""The review file: which proposals an analyst accepted or rejected, kept next to the pack.

``PACK.yaml`` gets ``PACK.review.yaml``: one entry per decided proposal, so that a rejected
proposal is not proposed again and an accepted one is shown as accepted. The file is written
atomically; a malformed one is a clear error, never silently ignored (it would resurrect
rejected proposals).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from foedus._io import atomic_write_text
from foedus.errors import DataFormatError

Verdict = Literal["accepted", "rejected"]
REVIEW_FORMAT = 1


@dataclass(frozen=True)
class Decision:
    """One decided proposal.

    Parameters
    ----------
    id : str
        The proposal id.
    verdict : {"accepted", "rejected"}
    article_sha256 : str
        The article the proposal came from.
    kind, summary : str
        What it proposed, for a human reading the file.
    element : str, optional
        Id of the element it added (accepted) or would have added.
    decided : date
        When it was decided.
    """

    id: str
    verdict: Verdict
    article_sha256: str
    kind: str
    summary: str
    element: str | None
    decided: dt.date

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the YAML file."""
        out: dict[str, Any] = {
            "id": self.id,
            "verdict": self.verdict,
            "article_sha256": self.article_sha256,
            "kind": self.kind,
            "summary": self.summary,
        }
        if self.element is not None:
            out["element"] = self.element
        out["decided"] = self.decided
        return out


def review_path(pack_path: str | Path) -> Path:
    """The review file of a pack file: ``x.yaml`` → ``x.review.yaml``.

    Examples
    --------
    >>> review_path("packs/mine.yaml").name
    'mine.review.yaml'
    """
    p = Path(pack_path)
    return p.with_name(f"{p.stem}.review.yaml")


def load_review(path: str | Path) -> dict[str, Decision]:
    """Decisions by proposal id; empty when the file does not exist.

    Raises
    ------
    DataFormatError
        When the file exists but is not a review file (with the entry and field at fault).
    """
    p = Path(path)
    if not p.exists():
        return {}
    try:
        data = yaml.safe_load(p.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataFormatError(p, f"cannot read the review file: {exc}") from None
    if not isinstance(data, dict) or data.get("foedus_review") != REVIEW_FORMAT:
        raise DataFormatError(p, f"not a review file (expected 'foedus_review: {REVIEW_FORMAT}')")
    entries = data.get("decisions") or []
    if not isinstance(entries, list):
        raise DataFormatError(p, "'decisions' must be a list")
    out: dict[str, Decision] = {}
    for i, entry in enumerate(entries):
        where = f"decisions[{i}]"
        if not isinstance(entry, dict):
            raise DataFormatError(p, f"{where} must be a mapping")
        for field in ("id", "verdict", "article_sha256", "kind", "summary", "decided"):
            if field not in entry:
                raise DataFormatError(p, f"{where}.{field} is missing")
        verdict = entry["verdict"]
        if verdict not in ("accepted", "rejected"):
            raise DataFormatError(p, f"{where}.verdict must be 'accepted' or 'rejected'")
        decided = entry["decided"]
        if not isinstance(decided, dt.date):
            raise DataFormatError(p, f"{where}.decided must be a date (YYYY-MM-DD)")
        element = entry.get("element")
        out[str(entry["id"])] = Decision(
            id=str(entry["id"]),
            verdict=verdict,
            article_sha256=str(entry["article_sha256"]),
            kind=str(entry["kind"]),
            summary=str(entry["summary"]),
            element=None if element is None else str(element),
            decided=decided,
        )
    return out


def record(decisions: dict[str, Decision], new: Iterable[Decision]) -> dict[str, Decision]:
    """``decisions`` with ``new`` added (a later decision on the same id replaces the earlier)."""
    out = dict(decisions)
    for d in new:
        out[d.id] = d
    return out


def dump_review(decisions: dict[str, Decision], pack_name: str) -> str:
    """The review file's text."""
    head = (
        f"# Review decisions on proposals read into {pack_name} (foedus read --into).\n"
        "# Delete an entry to have its proposal offered again.\n"
    )
    body = {
        "foedus_review": REVIEW_FORMAT,
        "decisions": [d.to_dict() for d in decisions.values()],
    }
    return head + yaml.dump(body, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes a repeated date out instead of as an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_review(decisions: dict[str, Decision], path: str | Path, pack_name: str) -> Path:
    """Write the review file atomically."""
    return atomic_write_text(path, dump_review(decisions, pack_name))
