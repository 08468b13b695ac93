"""Reading an article into a pack file: propose, then accept or reject, then write atomically.

This is the one place that touches files for ``foedus read ARTICLE --into PACK.yaml``: it loads
the pack and the review file, calls the pure :func:`~foedus.reading.proposals.propose` and
:func:`~foedus.reading.proposals.apply`, appends accepted elements to the pack's YAML text
(:mod:`foedus.reading.pack_append`), validates the would-be file with the pack loader and only
then writes it, and records decisions in the review file (:mod:`foedus.reading.review`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from foedus._io import atomic_write_text
from foedus.errors import FoedusError, PackError, Problem
from foedus.model import Estimate, Flow, Frozen, Pack
from foedus.packs import load_pack, parse_pack
from foedus.reading.pack_append import append_elements, element_yaml
from foedus.reading.pipeline import read_file
from foedus.reading.proposals import (
    Proposal,
    Proposals,
    apply,
    article_source,
    propose,
    with_dependencies,
)
from foedus.reading.review import Decision, load_review, record, review_path, write_review


@dataclass(frozen=True)
class IntoResult:
    """What ``read --into`` found and did.

    ``proposals`` carry their final status (``accepted``/``rejected`` for those decided in this
    run); ``written`` lists the files written (empty when nothing was accepted or rejected).
    """

    pack_path: Path
    review_path: Path
    article: dict[str, Any]
    proposals: Proposals
    accepted: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()
    written: tuple[Path, ...] = field(default_factory=tuple)


def read_into(
    article: str | Path,
    pack_path: str | Path,
    *,
    accept: Sequence[str] = (),
    reject: Sequence[str] = (),
    date: dt.date | None = None,
    title: str | None = None,
    today: dt.date | None = None,
) -> IntoResult:
    """Propose what ``article`` says as additions to the pack file ``pack_path``.

    Parameters
    ----------
    article : path
        The article's text file (UTF-8).
    pack_path : path
        A pack YAML file (not a bundled pack name: bundled packs are not edited in place).
    accept : sequence of str
        Proposal ids to accept, or ``["all"]`` for every open one. The new actors an accepted
        proposal needs are accepted with it.
    reject : sequence of str
        Proposal ids to reject (remembered in the review file).
    date, title : optional
        Publication date and title of the article when the pack lacks it as a source (the date
        defaults to the pack's ``default_as_of``).
    today : date, optional
        The decision date recorded in the review file (default: today).

    Returns
    -------
    IntoResult

    Raises
    ------
    PackError
        The pack file is missing or invalid (file, line, field), or accepting would make it
        invalid — then nothing is written.
    FoedusError
        The article is unreadable, an id is unknown or not open, or an id is both accepted and
        rejected. Nothing is written.
    """
    path = Path(pack_path)
    if not path.is_file():
        from foedus.packs import bundled_packs

        hint = (
            " (bundled packs are not edited in place: copy it to a file first)"
            if str(pack_path) in bundled_packs()
            else ""
        )
        raise PackError([Problem(str(path), None, None, "", "no such pack file" + hint)])
    pack = load_pack(path)
    annotation = read_file(article)
    text = Path(article).read_bytes().decode("utf-8")
    sha = str(annotation["text_sha256"])
    rpath = review_path(path)
    decisions = load_review(rpath)
    source, _ = article_source(
        pack,
        text,
        sha,
        doc_id=str(annotation.get("doc_id") or Path(article).stem),
        text_file=Path(article).name,
        title=title,
        date=date,
    )
    props = propose(
        annotation, text, pack, source, decided={k: d.verdict for k, d in decisions.items()}
    )
    index = props.by_id()
    accept_ids = _expand(accept, props)
    reject_ids = list(dict.fromkeys(reject))
    for pid in reject_ids:
        if pid not in index:
            raise FoedusError(f"unknown proposal id {pid!r} (see the list without --reject)")
        if index[pid].status != "new":
            raise FoedusError(
                f"proposal {pid} is {index[pid].status}; only new ones can be rejected"
            )
    chosen = with_dependencies(props, accept_ids) if accept_ids else []
    both = {p.id for p in chosen} & set(reject_ids)
    if both:
        raise FoedusError(f"accepted and rejected at once: {', '.join(sorted(both))}")

    written: list[Path] = []
    if chosen:
        raw = path.read_bytes()
        bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
        old_text = raw.decode("utf-8-sig")
        new_pack = apply(pack, chosen)
        new_text = _appended_text(old_text, pack, new_pack, chosen, props)
        try:
            reloaded = parse_pack(new_text, str(path), path.parent)
        except PackError as exc:
            raise FoedusError(
                f"accepting would make {path} invalid, so nothing was written:\n{exc}"
            ) from None
        _check_same(reloaded, new_pack, chosen)
        written.append(atomic_write_text(path, bom + new_text))
    day = today or dt.date.today()
    new_decisions = [_decision(p, "accepted", day) for p in chosen] + [
        _decision(index[pid], "rejected", day) for pid in reject_ids
    ]
    if new_decisions:
        written.append(write_review(record(decisions, new_decisions), rpath, path.name))
    verdicts = {d.id: d.verdict for d in new_decisions}
    final = tuple(
        replace(p, status=verdicts[p.id]) if p.id in verdicts else p for p in props.proposals
    )
    return IntoResult(
        pack_path=path,
        review_path=rpath,
        article={
            "file": str(article),
            "doc_id": annotation.get("doc_id"),
            "sha256": sha,
            "length": len(text),
        },
        proposals=replace(props, proposals=final),
        accepted=tuple(p.id for p in chosen),
        rejected=tuple(reject_ids),
        written=tuple(written),
    )


def _expand(accept: Sequence[str], props: Proposals) -> list[str]:
    if "all" in accept:
        if len(accept) > 1:
            raise FoedusError("--accept all takes no other ids")
        return [p.id for p in props.proposals if p.status == "new"]
    return list(dict.fromkeys(accept))


def _decision(p: Proposal, verdict: str, day: dt.date) -> Decision:
    return Decision(
        id=p.id,
        verdict="accepted" if verdict == "accepted" else "rejected",
        article_sha256=p.source.sha256 or "",
        kind=p.kind,
        summary=p.summary,
        element=p.element_id,
        decided=day,
    )


def _appended_text(
    old_text: str, pack: Pack, new_pack: Pack, chosen: Sequence[Proposal], props: Proposals
) -> str:
    """The pack file's text with the accepted elements appended."""
    data = yaml.safe_load(old_text) or {}
    own_flows = {f.get("id") for f in (data.get("flows") or []) if isinstance(f, dict)}
    additions: list[tuple[str, Frozen]] = []
    estimates: list[tuple[str, Estimate]] = []
    if props.source.id not in {s.id for s in pack.sources}:
        additions.append(("sources", props.source))
    for p in chosen:
        assert p.element is not None
        if p.kind == "estimate":
            assert isinstance(p.element, Flow)
            if p.element.id in own_flows:
                estimates.extend((p.element.id, e) for e in p.element.estimates)
            else:
                # The flow comes from the pack this one extends: override it here, whole.
                additions.append(("flows", new_pack.flow(p.element.id)))
        else:
            additions.append((p.section, p.element))
    return append_elements(old_text, additions, estimates)


def _check_same(reloaded: Pack, expected: Pack, chosen: Sequence[Proposal]) -> None:
    """The written text must give exactly the elements :func:`apply` made."""
    for p in chosen:
        assert p.element is not None
        got = reloaded.get(p.element.id)
        want = expected.get(p.element.id)
        if element_yaml(got) != element_yaml(want):
            raise FoedusError(
                f"internal error: {p.element.id} would not be written as accepted; nothing written"
            )


def result_json(result: IntoResult) -> dict[str, Any]:
    """``result`` as JSON-compatible data (what ``read --into --json`` prints)."""
    props = result.proposals
    counts = props.counts()
    return {
        "pack": str(result.pack_path),
        "review_file": str(result.review_path),
        "article": result.article,
        "source": {"id": props.source.id, "new": props.source_is_new},
        "counts": counts,
        "proposals": [
            {
                "id": p.id,
                "kind": p.kind,
                "status": p.status,
                "section": p.section,
                "element_id": p.element_id,
                "summary": p.summary,
                "span": list(p.span),
                "surface": p.surface,
                "hedged": p.hedged,
                "depends_on": list(p.depends_on),
                "duplicate_of": p.duplicate_of,
                "reason": p.reason,
                "element": None
                if p.element is None
                else p.element.model_dump(mode="json", exclude_none=True, exclude_defaults=True),
            }
            for p in props.proposals
        ],
        "accepted": list(result.accepted),
        "rejected": list(result.rejected),
        "written": [str(w) for w in result.written],
    }
