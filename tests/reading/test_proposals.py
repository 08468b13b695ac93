"""Reviewing an article into a pack: proposals, accept/reject, the review file, atomic writes."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from foedus.cli.main import app
from foedus.errors import DataFormatError, FoedusError, PackError
from foedus.model import Estimate, Quantity, Source
from foedus.packs import load_pack, parse_pack
from foedus.packs.checks import check_pack
from foedus.reading import into as into_mod
from foedus.reading.into import read_into, result_json
from foedus.reading.pack_append import append_elements
from foedus.reading.proposals import (
    Proposal,
    apply,
    article_source,
    proposal_id,
    propose,
    sentence_span,
    with_dependencies,
)
from foedus.reading.review import load_review, review_path

PACK_YAML = """\
# A small test pack. This comment must survive every accept.
foedus: 1
id: test-pack
title: Test pack
default_as_of: 2024-07-15
sources:
- id: rec
  kind: web
  title: Public record
  date: 2024-01-01
  locator: test
actors:
- id: JPN
  kind: state
  name: Japan
  cow_code: 740
- id: PRK
  kind: state
  name: North Korea
  cow_code: 731   # inline comment kept
- id: RUS
  kind: state
  name: Russia
  cow_code: 365
ties:
- id: prk-rus-arms
  kind: arms_transfer
  members: [PRK, RUS]
  start: 2023-01-01
  cite:
  - source: rec
    locator: test
flows:
- id: prk-rus-shells
  source: PRK
  target: RUS
  commodity: munitions
  start: 2023-01-01
  estimates:
  - date: 2024-01-01
    quantity: {low: 1000000, high: 2000000, unit: shells}
    cite:
    - source: rec
      locator: test
# closing comment
"""

TEXT = (
    "Japan imposed sanctions on Iran on Monday. "
    "North Korea sent about 2,000 soldiers to Russia. "
    "Russia did not attack Japan. "
    "Russia may sanction Japan later. "
    "North Korea also supplied 300,000 shells to Russia.\n\n"
    "“This changes the balance around Japan,” said Jane Roe, a fellow at Some Institute."
)


def _span(word: str, nth: int = 0) -> list[Any]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return [start, start + len(word), word]


def _annotation(text: str = TEXT) -> dict[str, Any]:
    """A hand-made reading of TEXT in the ANNOTATION.md format (no extractor involved)."""
    q0 = text.index("“") + 1
    q1 = text.index("”")
    return {
        "doc_id": "test-article",
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "actors": [
            {"id": "JPN", "type": "state", "mentions": [_span("Japan", i) for i in range(4)]},
            {"id": "IRN", "type": "state", "mentions": [_span("Iran")]},
            {"id": "PRK", "type": "state", "mentions": [_span("North Korea", i) for i in range(2)]},
            {"id": "RUS", "type": "state", "mentions": [_span("Russia", i) for i in range(4)]},
            {"id": "jane_roe", "type": "person", "mentions": [_span("Jane Roe")]},
        ],
        "events": [
            {"type": "SANCTION", "source": "JPN", "target": "IRN", "trigger": _span("sanctions"),
             "negated": False, "hedged": False},
            {"type": "DEPLOY", "source": "PRK", "target": "RUS", "trigger": _span("sent"),
             "negated": False, "hedged": False},
            {"type": "ATTACK", "source": "RUS", "target": "JPN", "trigger": _span("attack"),
             "negated": True, "hedged": False},
            {"type": "SANCTION", "source": "RUS", "target": "JPN", "trigger": _span("sanction", 1),
             "negated": False, "hedged": True},
            {"type": "SUPPORT", "source": "PRK", "target": "RUS", "trigger": _span("supplied"),
             "negated": False, "hedged": False},
        ],
        "quantities": [
            {"span": _span("about 2,000 soldiers"), "value": 2000, "unit": "soldiers",
             "attached_event_index": 1},
            {"span": _span("300,000 shells"), "value": 300000, "unit": "shells",
             "attached_event_index": 4},
        ],
        "quotes": [
            {"span": [q0, q1], "speaker_id": "jane_roe", "speaker_name": "Jane Roe",
             "affiliation": "fellow at Some Institute"},
        ],
    }  # fmt: skip


@pytest.fixture()
def pack() -> Any:
    return parse_pack(PACK_YAML, "test.yaml")


def _props(pack: Any, ann: dict[str, Any] | None = None, decided: Any = None) -> Any:
    ann = ann or _annotation()
    source, _ = article_source(pack, TEXT, ann["text_sha256"], doc_id="test-article")
    return propose(ann, TEXT, pack, source, decided=decided)


def _by(props: Any, kind: str) -> list[Proposal]:
    return [p for p in props.proposals if p.kind == kind]


# ----------------------------------------------------------------------------- pure functions
def test_ids_are_stable_and_depend_on_the_article(pack: Any) -> None:
    a, b = _props(pack), _props(pack)
    assert [p.id for p in a.proposals] == [p.id for p in b.proposals]
    assert len({p.id for p in a.proposals}) == len(a.proposals)
    sha = "0" * 64
    assert proposal_id(sha, "tie", (1, 5), "X") == proposal_id(sha, "tie", (1, 5), "X")
    assert proposal_id(sha, "tie", (1, 5), "X") != proposal_id("1" * 64, "tie", (1, 5), "X")
    assert proposal_id(sha, "tie", (1, 5)) != proposal_id(sha, "tie", (1, 6))
    assert proposal_id(sha, "tie", (1, 5)) != proposal_id(sha, "flow", (1, 5))


def test_new_actors_ties_flows_and_assessments(pack: Any) -> None:
    props = _props(pack)
    assert props.source_is_new and props.source.sha256 == _annotation()["text_sha256"]
    assert props.source.length == len(TEXT)
    actors = {p.element_id: p for p in _by(props, "actor")}
    assert set(actors) == {"IRN", "jane_roe"}  # JPN, PRK, RUS are in the pack already
    assert actors["IRN"].element.cow_code == 630  # type: ignore[union-attr]
    assert actors["jane_roe"].element.affiliation == "fellow at Some Institute"  # type: ignore[union-attr]

    ties = {TEXT[p.span[0] : p.span[1]]: p for p in _by(props, "tie")}
    sanction = ties["sanctions"]
    assert sanction.status == "new" and sanction.element.kind == "sanctions"  # type: ignore[union-attr]
    assert sanction.element.members == ("JPN", "IRN")  # type: ignore[union-attr]
    assert sanction.depends_on == (actors["IRN"].id,)
    assert ties["attack"].status == "skipped" and "negated" in (ties["attack"].reason or "")
    hedged = ties["sanction"]
    assert hedged.hedged and hedged.status == "new" and "hedged" in hedged.element.note  # type: ignore[union-attr]
    assert ties["sent"].element.kind == "troop_deployment"  # type: ignore[union-attr]

    flows = {TEXT[p.span[0] : p.span[1]]: p for p in props.proposals if p.section == "flows"}
    troops = flows["about 2,000 soldiers"]
    assert troops.kind == "flow" and troops.status == "new"
    est = troops.element.estimates[0]  # type: ignore[union-attr]
    assert (est.quantity.unit, est.quantity.low, est.quantity.high) == ("troops", 2000, 2000)
    assert "approximate" in troops.element.note  # type: ignore[union-attr]
    shells = flows["300,000 shells"]  # the pack has a PRK → RUS flow in shells: a new estimate
    assert shells.kind == "estimate" and shells.element.id == "prk-rus-shells"  # type: ignore[union-attr]

    (quote,) = _by(props, "assessment")
    a = quote.element
    assert a is not None and a.speaker == "jane_roe" and a.subject == "JPN"
    assert quote.depends_on == (actors["jane_roe"].id,)
    s, e = a.cite[0].span  # type: ignore[misc]
    assert TEXT[s:e].startswith("This changes")
    assert a.cite[0].span_sha == hashlib.sha256(TEXT[s:e].encode()).hexdigest()[:12]


def test_citations_index_the_text_and_copy_no_sentence(pack: Any) -> None:
    props = _props(pack)
    new = apply(pack, [p for p in props.proposals if p.status == "new"])
    assert check_pack(new) == []
    dumped = json.dumps([p.element.model_dump(mode="json") for p in props.proposals if p.element])
    for sentence in TEXT.replace("\n", " ").split(". "):
        assert sentence.strip() not in dumped
    for p in props.proposals:
        if p.element is None:
            continue
        for c in p.element.model_dump().get("cite", []):
            s, e = c["span"]
            assert 0 <= s < e <= len(TEXT)


def test_support_kind_from_the_sentence_words() -> None:
    from foedus.reading.proposals import _support_kind

    def kind(sentence: str) -> str:
        i = sentence.index("backs")
        return _support_kind(sentence, (i, i + 5))

    assert kind("Moscow backs Pyongyang with missiles.") == "arms_transfer"
    assert kind("Moscow backs Pyongyang with food aid.") == "economic_support"
    assert kind("Moscow backs Pyongyang, she said.") == "diplomatic_support"  # not "aid"


def test_sentence_span_skips_initialisms() -> None:
    t = "It rained. The U.S. and Japan met in Tokyo. Then more."
    s, e = sentence_span(t, t.index("Japan"), t.index("Japan") + 5)
    assert t[s:e] == "The U.S. and Japan met in Tokyo."


def test_duplicates_are_recognised_not_proposed(pack: Any) -> None:
    props = _props(pack)
    # prk-rus-arms (arms_transfer PRK → RUS) is in force: SUPPORT "supplied" shells duplicates it.
    supplied = next(p for p in _by(props, "tie") if TEXT[p.span[0] : p.span[1]] == "supplied")
    assert supplied.status == "duplicate" and supplied.duplicate_of == "prk-rus-arms"
    assert supplied.element is None

    # The same relation twice in one article: proposed once, citing both sentences.
    ann = _annotation()
    ann["events"].append(dict(ann["events"][0], trigger=_span("sanction", 1)))
    props2 = _props(pack, ann)
    jpn_irn = [p for p in _by(props2, "tie") if p.summary.startswith("tie sanctions JPN → IRN")]
    first, second = jpn_irn
    assert first.status == "new" and second.status == "duplicate"
    assert second.duplicate_of == first.id and len(first.element.cite) == 2  # type: ignore[union-attr]

    # Once accepted into the pack, everything accepted shows up as a duplicate.
    grown = apply(pack, [p for p in props.proposals if p.status == "new"])
    again = _props(grown)
    assert not [p for p in again.proposals if p.status == "new"]
    assert not again.source_is_new


def test_decided_proposals_keep_their_verdict(pack: Any) -> None:
    props = _props(pack)
    tie = next(p for p in _by(props, "tie") if p.status == "new")
    again = _props(pack, decided={tie.id: "rejected"})
    assert again.by_id()[tie.id].status == "rejected"
    with pytest.raises(FoedusError, match="rejected"):
        with_dependencies(again, [tie.id])


def test_dependencies_are_accepted_together(pack: Any) -> None:
    props = _props(pack)
    sanction = next(p for p in _by(props, "tie") if "IRN" in p.summary)
    chosen = with_dependencies(props, [sanction.id])
    assert {p.kind for p in chosen} == {"actor", "tie"}
    new = apply(pack, chosen)
    assert check_pack(new) == [] and new.actor("IRN").cow_code == 630
    with pytest.raises(FoedusError, match="unknown proposal id"):
        with_dependencies(props, ["t-00000000"])


def test_apply_adds_an_estimate_to_an_existing_flow(pack: Any) -> None:
    props = _props(pack)
    est = next(p for p in props.proposals if p.kind == "estimate")
    new = apply(pack, [est])
    assert [e.quantity.low for e in new.flow("prk-rus-shells").estimates] == [1e6, 3e5]
    assert new.source(props.source.id).sha256 == props.source.sha256


# ----------------------------------------------------------------------------- text appending
def test_append_keeps_comments_and_nests_estimates() -> None:
    src = Source(id="new-src", kind="web", title="T", date="2024-02-02", locator="x")
    est = Estimate(
        date="2024-02-02",
        quantity=Quantity(low=5, high=5, unit="shells"),
        cite=({"source": "new-src", "locator": "x"},),  # type: ignore[arg-type]
    )
    out = append_elements(PACK_YAML, [("sources", src)], [("prk-rus-shells", est)])
    assert out.startswith(PACK_YAML.split("actors:")[0].rstrip("\n"))
    assert "# inline comment kept" in out and out.rstrip().endswith("# closing comment")
    pack = parse_pack(out, "t.yaml")
    assert [e.quantity.low for e in pack.flow("prk-rus-shells").estimates] == [1e6, 5]
    assert pack.source("new-src") == src
    # A missing section is created at the end.
    bare = "foedus: 1\nid: p\ntitle: P\n"
    assert parse_pack(append_elements(bare, [("sources", src)]), "b.yaml").sources == (src,)
    with pytest.raises(FoedusError, match="not a block list"):
        append_elements("id: p\nsources: [{id: a}]\n", [("sources", src)])


# ----------------------------------------------------------------------------- files and CLI
@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    pack = tmp_path / "mine.yaml"
    pack.write_text(PACK_YAML, "utf-8")
    article = tmp_path / "test-article.txt"
    article.write_text(TEXT, "utf-8")
    return pack, article


@pytest.fixture()
def fixed_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace the extractor by the hand-made annotation, so file tests do not depend on it."""
    monkeypatch.setattr(
        into_mod, "read_file", lambda path: _annotation(Path(path).read_text("utf-8"))
    )


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.usefixtures("fixed_reading")
def test_nothing_is_written_without_accept(files: tuple[Path, Path]) -> None:
    pack, article = files
    before = _snapshot(pack.parent)
    res = read_into(article, pack)
    assert res.written == () and _snapshot(pack.parent) == before
    assert any(p.status == "new" for p in res.proposals.proposals)
    data = result_json(res)
    assert data["source"]["new"] and data["counts"]["tie"]["new"] >= 2
    json.dumps(data)


@pytest.mark.usefixtures("fixed_reading")
def test_accept_writes_a_valid_pack_and_keeps_the_rest(files: tuple[Path, Path]) -> None:
    pack, article = files
    res = read_into(article, pack)
    sanction = next(p for p in res.proposals.proposals if "JPN → IRN" in p.summary)
    done = read_into(article, pack, accept=[sanction.id])
    assert set(done.accepted) == {sanction.id, *sanction.depends_on}
    text = pack.read_text("utf-8")
    for line in PACK_YAML.splitlines():
        assert line in text  # every original line (comments too) is still there
    reloaded = load_pack(pack)
    assert reloaded.tie(sanction.element_id or "").members == ("JPN", "IRN")
    assert reloaded.source(res.proposals.source.id).sha256 == res.proposals.source.sha256
    decisions = load_review(review_path(pack))
    assert {d.verdict for d in decisions.values()} == {"accepted"}
    # Accepted ones are remembered: the next run shows them as accepted, not new.
    after = read_into(article, pack).proposals.by_id()
    assert after[sanction.id].status == "accepted"
    # Accept everything open; the pack stays valid and nothing is left to propose.
    read_into(article, pack, accept=["all"])
    assert check_pack(load_pack(pack)) == []
    assert not [p for p in read_into(article, pack).proposals.proposals if p.status == "new"]


@pytest.mark.usefixtures("fixed_reading")
def test_reject_is_remembered(files: tuple[Path, Path]) -> None:
    pack, article = files
    res = read_into(article, pack)
    tie = next(p for p in res.proposals.proposals if p.kind == "tie" and p.status == "new")
    pack_before = pack.read_bytes()
    read_into(article, pack, reject=[tie.id])
    assert pack.read_bytes() == pack_before
    assert load_review(review_path(pack))[tie.id].verdict == "rejected"
    again = read_into(article, pack)
    assert again.proposals.by_id()[tie.id].status == "rejected"
    read_into(article, pack, accept=["all"])
    assert tie.element_id not in {t.id for t in load_pack(pack).ties}
    with pytest.raises(FoedusError, match="only new ones"):
        read_into(article, pack, accept=[tie.id])


@pytest.mark.usefixtures("fixed_reading")
def test_bad_input_changes_nothing(files: tuple[Path, Path], tmp_path: Path) -> None:
    pack, article = files
    before = _snapshot(tmp_path)
    with pytest.raises(FoedusError, match="unknown proposal id"):
        read_into(article, pack, accept=["t-deadbeef"])
    res = read_into(article, pack)
    new = next(p.id for p in res.proposals.proposals if p.status == "new" and p.kind == "tie")
    with pytest.raises(FoedusError, match="accepted and rejected"):
        read_into(article, pack, accept=[new], reject=[new])
    with pytest.raises(PackError, match="no such pack file"):
        read_into(article, tmp_path / "absent.yaml", accept=["all"])
    assert _snapshot(tmp_path) == before

    broken = tmp_path / "broken.yaml"
    broken.write_text(PACK_YAML.replace("cow_code: 365", "cow_code: many"), "utf-8")
    with pytest.raises(PackError) as exc:
        read_into(article, broken, accept=["all"])
    assert exc.value.problems[0].line is not None and "cow_code" in exc.value.problems[0].field
    assert not review_path(broken).exists()

    bad_review = review_path(pack)
    bad_review.write_text("decisions: nope\n", "utf-8")
    with pytest.raises(DataFormatError, match="not a review file"):
        read_into(article, pack, accept=["all"])
    bad_review.unlink()
    assert pack.read_text("utf-8") == PACK_YAML


@pytest.mark.usefixtures("fixed_reading")
def test_crlf_and_bom_are_kept(files: tuple[Path, Path]) -> None:
    pack, article = files
    original = b"\xef\xbb\xbf" + PACK_YAML.replace("\n", "\r\n").encode("utf-8")
    pack.write_bytes(original)
    read_into(article, pack, accept=["all"])
    raw = pack.read_bytes()
    assert raw.startswith(original.split(b"actors:")[0])
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert check_pack(load_pack(pack)) == []


@pytest.mark.usefixtures("fixed_reading")
def test_a_child_pack_gets_the_elements_and_the_parent_is_untouched(
    files: tuple[Path, Path],
) -> None:
    parent, article = files
    child = parent.with_name("child.yaml")
    child.write_text("# child\nfoedus: 1\nid: child\ntitle: Child\nextends: mine.yaml\n", "utf-8")
    read_into(article, child, accept=["all"])
    assert parent.read_text("utf-8") == PACK_YAML
    assert child.read_text("utf-8").startswith("# child\n")
    merged = load_pack(child)
    # The estimate of the parent's flow overrides that flow in the child, whole.
    assert [e.quantity.low for e in merged.flow("prk-rus-shells").estimates] == [1e6, 3e5]
    assert merged.actor("IRN").cow_code == 630 and check_pack(merged) == []


def test_unreadable_article_changes_nothing(files: tuple[Path, Path], tmp_path: Path) -> None:
    pack, _ = files
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02 binary")
    before = _snapshot(tmp_path)
    with pytest.raises(FoedusError):
        read_into(binary, pack, accept=["all"])
    with pytest.raises(FoedusError):
        read_into(tmp_path / "missing.txt", pack, accept=["all"])
    assert _snapshot(tmp_path) == before


@pytest.mark.usefixtures("fixed_reading")
def test_would_be_invalid_pack_is_not_written(
    files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    pack, article = files
    # Pretend the appended text came out wrong: the loader must catch it before any write.
    monkeypatch.setattr(into_mod, "append_elements", lambda text, *a, **k: text + "ties: 3\n")
    with pytest.raises(FoedusError, match="nothing was written"):
        read_into(article, pack, accept=["all"])
    assert pack.read_text("utf-8") == PACK_YAML and not review_path(pack).exists()


@pytest.mark.usefixtures("fixed_reading")
def test_write_is_atomic(files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    pack, article = files

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        read_into(article, pack, accept=["all"])
    assert pack.read_text("utf-8") == PACK_YAML
    assert sorted(p.name for p in pack.parent.iterdir()) == ["mine.yaml", "test-article.txt"]


def test_seed_against_the_bundled_pack(seeds_dir: Path, tmp_path: Path) -> None:
    """The real reader on the seed: what the bundled pack already encodes is recognised."""
    from foedus.packs.loader import BUNDLED_DIR

    pack = tmp_path / "pk.yaml"
    pack.write_bytes((BUNDLED_DIR / "putin-kim-2024.yaml").read_bytes())
    res = read_into(seeds_dir / "putin-kim-summit-2024.txt", pack)
    props = res.proposals
    assert not props.source_is_new and props.source.id == "seed"
    dups = [p for p in props.proposals if p.status == "duplicate"]
    assert any(p.kind == "assessment" for p in dups)
    known = {i.id for s in ("ties", "flows", "assessments") for i in getattr(load_pack(pack), s)}
    for p in dups:
        assert p.duplicate_of in known or p.duplicate_of in props.by_id()
    read_into(seeds_dir / "putin-kim-summit-2024.txt", pack, accept=["all"])
    grown = load_pack(pack)
    assert check_pack(grown) == []
    again = read_into(seeds_dir / "putin-kim-summit-2024.txt", pack).proposals
    assert not [p for p in again.proposals if p.status == "new"]


@pytest.mark.usefixtures("fixed_reading")
def test_cli_accepts_several_ids_and_prints_json(files: tuple[Path, Path]) -> None:
    pack, article = files
    runner = CliRunner()
    out = runner.invoke(app, ["read", str(article), "--into", str(pack), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    ids = [p["id"] for p in data["proposals"] if p["status"] == "new" and p["kind"] == "tie"]
    assert len(ids) >= 2 and data["written"] == []
    out = runner.invoke(app, ["read", str(article), "--into", str(pack), "--accept", *ids[:2]])
    assert out.exit_code == 0, out.output
    assert "written:" in out.output
    reloaded = load_pack(pack)
    accepted = {p["element_id"] for p in data["proposals"] if p["id"] in ids[:2]}
    assert accepted <= {t.id for t in reloaded.ties}
    out = runner.invoke(app, ["read", str(article), "--accept", "all"])
    assert out.exit_code != 0


def test_docstring_examples_run() -> None:
    import doctest

    from foedus.reading import into, pack_append, proposals, review

    for module in (proposals, pack_append, review, into):
        failures, _ = doctest.testmod(module, verbose=False)
        assert failures == 0, module.__name__
