"""Pack-based analytics on a hand-computable fixture and on the bundled pack."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foedus.analysis import frustration_index
from foedus.analysis.basis import READINGS, alignment_basis
from foedus.analysis.brokerage import ROLES, brokerage, brokerage_role_counts
from foedus.analysis.coupling import compare_coupling, theatre_coupling
from foedus.analysis.network import DEFAULT_MAPPING, SignMapping, signed_network
from foedus.cli.main import main
from foedus.packs import load_pack

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "analysis" / "two_theatres.yaml"


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return load_pack(FIXTURE)


def edge_map(net) -> dict[tuple[str, str], float]:  # type: ignore[no-untyped-def]
    return {(a, b): s * w for a, b, s, w in net.graph.edge_tuples()}


# ----------------------------------------------------------------------------- network
def test_signed_network_by_hand(pack) -> None:  # type: ignore[no-untyped-def]
    e = edge_map(signed_network(pack, "2021-01-01"))
    assert e[("NNN", "RRR")] == pytest.approx(1.75)  # pact 1 + arms 0.75
    assert e[("GGG", "NNN")] == pytest.approx(-0.5)  # rivalry at strength 0.5
    assert e[("NNN", "WWW")] == pytest.approx(-0.25)  # ORG's condemnation reaches its members
    assert e[("EEE", "NNN")] == pytest.approx(-0.25)
    assert ("EEE", "WWW") in e and ("EEE", "GGG") in e  # the three-member pact is a clique
    assert not any("ORG" in pair for pair in e)


def test_as_of_and_overrides(pack) -> None:  # type: ignore[no-untyped-def]
    before = edge_map(signed_network(pack, "2019-06-01"))
    assert before[("NNN", "RRR")] == pytest.approx(0.75)  # no pact yet, arms only
    assert ("NNN", "WWW") not in before
    m = DEFAULT_MAPPING.with_overrides(tie_weights={"red-pact": 0.0}, orgs="drop")
    e = edge_map(signed_network(pack, "2021-01-01", m))
    assert e[("NNN", "RRR")] == pytest.approx(0.75)
    assert ("NNN", "WWW") not in e
    flipped = edge_map(signed_network(pack, "2021-01-01", SignMapping(signs={"war": 1})))
    assert flipped[("RRR", "WWW")] > 0
    with pytest.raises(ValueError):
        SignMapping(signs={"war": 0})
    with pytest.raises(ValueError):
        SignMapping(weights={"war": -1.0})


def test_fixture_is_balanced_with_the_expected_camps(pack) -> None:  # type: ignore[no-untyped-def]
    r = frustration_index(signed_network(pack).graph)
    assert r.exact and r.frustration_index == 0
    assert {frozenset(c) for c in r.camps} == {
        frozenset({"WWW", "EEE", "GGG"}),
        frozenset({"RRR", "NNN", "CCC"}),
    }


# ----------------------------------------------------------------------------- basis
def test_basis_by_hand(pack) -> None:  # type: ignore[no-untyped-def]
    b = alignment_basis(pack, "RRR", "NNN", "2021-01-01")
    assert b.shared_enemies == (("GGG", 0.5), ("WWW", 0.25))
    assert b.shared_friends == (("CCC", 0.75),)
    assert b.material_weight == pytest.approx(0.75 + 0.25)  # arms tie + one flow
    assert b.regime_similarity == pytest.approx(0.8)
    assert b.enemy_share == pytest.approx(0.75 / (0.75 + 0.75 + 1.0 + 0.8))
    assert b.basis == "mutual interest"
    assert READINGS["autocratic pair"][0] in b.readings
    assert b.direct == pytest.approx(1.75)
    assert set(b.direct_ties) == {"red-pact", "red-arms"}


def test_basis_mutual_enemy_when_only_enemies_are_shared(pack) -> None:  # type: ignore[no-untyped-def]
    # GGG and WWW: common enemy RRR (1 and 1), and NNN; a common friend EEE.
    m = DEFAULT_MAPPING.with_overrides(tie_weights={"west-pact": 0.0})
    b = alignment_basis(pack, "GGG", "WWW", "2021-01-01", m)
    assert b.friend_weight == 0 and b.material_weight == 0
    assert b.regime_similarity is None  # GGG has no regime attribute
    assert b.basis == "mutual enemy"
    assert b.readings[0] == READINGS["mutual enemy"][0]
    with pytest.raises(KeyError):
        alignment_basis(pack, "RRR", "XXX")


# ----------------------------------------------------------------------------- coupling
def test_coupling_by_hand(pack) -> None:  # type: ignore[no-untyped-def]
    with_pact, without = compare_coupling(pack, "2021-01-01", without=["red-pact"])
    assert with_pact.cross == pytest.approx(1 + 2.0 + 0.75 + 0.25)
    assert with_pact.within == pytest.approx(1 + 1 + 0.25)
    assert with_pact.index == pytest.approx(4.0 / 6.25)
    assert with_pact.bridged == pytest.approx(1.5)  # GGG: 2 towards europe, 1.5 towards asia
    assert without.cross == pytest.approx(3.0)
    assert without.index == pytest.approx(3.0 / 5.25)
    assert without.excluded_ties == ("red-pact",)
    assert with_pact.p_spread is None


def test_coupling_spread_hook_is_called(pack) -> None:  # type: ignore[no-untyped-def]
    seen = []

    def spread(view, t1: str, t2: str) -> float:  # type: ignore[no-untyped-def]
        seen.append((view.as_of_date, t1, t2))
        return 0.25

    r = theatre_coupling(pack, "2021-01-01", spread=spread)
    assert r.p_spread == 0.25
    assert seen and seen[0][1:] == ("europe", "indo_pacific")


# ----------------------------------------------------------------------------- brokerage


def loop_roles(adj: np.ndarray, groups: list[int]) -> np.ndarray:
    """Gould–Fernandez roles by looping over every ordered triple."""
    n = len(groups)
    out = np.zeros((n, 5))
    for a, b, c in itertools.permutations(range(n), 3):
        if adj[a, b] and adj[b, c] and not adj[a, c]:
            ga, gb, gc = groups[a], groups[b], groups[c]
            if ga == gb == gc:
                role = 0
            elif ga == gc:
                role = 1
            elif ga == gb:
                role = 2
            elif gb == gc:
                role = 3
            else:
                role = 4
            out[b, role] += 1
    return out


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 9), st.integers(1, 3), st.booleans(), st.integers(0, 2**32 - 1))
def test_roles_match_the_loop(n: int, k: int, directed: bool, seed: int) -> None:
    rng = np.random.default_rng(seed)
    adj = (rng.random((n, n)) < 0.5).astype(int)
    np.fill_diagonal(adj, 0)
    if not directed:
        adj = np.triu(adj, 1)
        adj = adj + adj.T
    groups = rng.integers(0, k, n).tolist()
    assert np.array_equal(brokerage_role_counts(adj, groups), loop_roles(adj, groups))
    assert len(ROLES) == 5


def test_broker_appears_when_the_direct_tie_goes(pack) -> None:  # type: ignore[no-untyped-def]
    closed = brokerage(signed_network(pack, "2021-01-01").graph)
    assert closed.pairs_brokered["CCC"] == ()
    m = DEFAULT_MAPPING.with_overrides(tie_weights={"red-pact": 0.0, "red-arms": 0.0})
    opened = brokerage(signed_network(pack, "2021-01-01", m).graph)
    assert opened.pairs_brokered["CCC"] == (("NNN", "RRR"),)
    assert opened.roles["CCC"]["coordinator"] == 1
    assert opened.betweenness["CCC"] > 0
    assert opened.ranked()[0]["actor"] == "CCC"


# ----------------------------------------------------------------------------- CLI
def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_pack_commands(capsys: pytest.CaptureFixture[str]) -> None:
    p = str(FIXTURE)
    code, out, _ = run(capsys, "analyze", "basis", "RRR", "NNN", "--pack", p, "--json")
    assert code == 0 and json.loads(out)["basis"] == "mutual interest"
    code, out, _ = run(capsys, "analyze", "coupling", "--pack", p, "--without", "red-pact",
                       "--json")  # fmt: skip
    data = json.loads(out)
    assert code == 0 and data["delta_cross"] == pytest.approx(1.0)
    code, out, _ = run(capsys, "analyze", "brokerage", "--pack", p, "--without", "red-pact",
                       "--without", "red-arms", "--json")  # fmt: skip
    assert code == 0 and json.loads(out)["actors"][0]["actor"] == "CCC"
    code, _, err = run(capsys, "analyze", "coupling", "--pack", p)  # default tie not in fixture
    assert code == 2 and "rus-prk-csp-2024" in err
    code, _, err = run(capsys, "analyze", "basis", "RRR", "QQQ", "--pack", p)
    assert code == 2 and "QQQ" in err


def test_bundled_pack_seed_questions(capsys: pytest.CaptureFixture[str]) -> None:
    for a, b in (("RUS", "PRK"), ("CHN", "PRK"), ("USA", "KOR"), ("KOR", "JPN")):
        code, out, _ = run(capsys, "analyze", "basis", a, b, "--json")
        assert code == 0
        data = json.loads(out)
        assert data["basis"] in {"mutual enemy", "mutual interest", "mixed"}
        assert data["readings"]
    code, out, _ = run(capsys, "analyze", "coupling", "--json")
    data = json.loads(out)
    assert data["with"]["cross"] > data["without"]["cross"]  # the 2024 pact crosses theatres


def test_public_api_is_complete() -> None:
    import foedus.analysis as analysis

    exported = set(analysis.__all__)
    assert all(hasattr(analysis, name) for name in exported)
    for module in ("balance", "basis", "brokerage", "coupling", "network", "sustainment", "wedge"):
        mod = __import__(f"foedus.analysis.{module}", fromlist=["__all__"])
        for name in mod.__all__:
            assert (
                name in exported
                or name.isupper()
                or name
                in {
                    "ROLES",
                    "MATERIAL_KINDS",
                    "READINGS",
                    "SpreadModel",
                    "Contribution",
                    "ScenarioOutcome",
                    "months_of_fire",
                    "INTENSITY_PRESETS",
                    "DAYS_PER_MONTH",
                    "DEFAULT_KIND_WEIGHTS",
                    "Evaluator",
                }
            ), f"{module}.{name} is not re-exported"
