"""`foedus data fetch` against a local HTTP server on loopback serving copies of the releases."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from foedus.data import fetch, load
from foedus.data._datasets import BY_KEY
from foedus.errors import FoedusError


@dataclass
class Behaviour:
    """How the test server misbehaves: cut a file short, corrupt it, ignore ranges."""

    cut_after: dict[str, int] = field(default_factory=dict)
    corrupt: set[str] = field(default_factory=set)
    ranges: bool = True
    requests: list[tuple[str, str | None]] = field(default_factory=list)


def _server(root: Path, behaviour: Behaviour) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            rel = self.path.lstrip("/")
            behaviour.requests.append((rel, self.headers.get("Range")))
            path = root / rel
            if ".." in rel or not path.is_file():
                self.send_error(404)
                return
            body = path.read_bytes()
            if rel in behaviour.corrupt:
                body = body.replace(b"1", b"7", 1)
            start = 0
            rng = self.headers.get("Range")
            if rng and behaviour.ranges:
                start = int(rng.split("=")[1].split("-")[0])
                if start >= len(body):
                    self.send_response(416)
                    self.end_headers()
                    return
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            else:
                self.send_response(200)
            chunk = body[start:]
            self.send_header("Content-Length", str(len(chunk)))
            self.end_headers()
            cut = behaviour.cut_after.pop(rel, None)
            if cut is not None:
                # Send part of the body, then drop the connection: a broken transfer.
                self.wfile.write(chunk[:cut])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(chunk)

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


@pytest.fixture
def served(shared_data: Path) -> Iterator[tuple[str, Behaviour]]:
    behaviour = Behaviour()
    server = _server(shared_data, behaviour)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", behaviour
    finally:
        server.shutdown()
        server.server_close()


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_fetch_downloads_and_verifies(
    served: tuple[str, Behaviour], tmp_path: Path, shared_data: Path
) -> None:
    url, _ = served
    res = fetch(tmp_path, ["cow_states", "cow_majors", "nmc"], mirror=url)
    assert [r.status for r in res] == ["downloaded"] * 3
    got = tmp_path / "cow-states-2016" / "states2016.csv"
    assert _sha(got) == BY_KEY["cow_states"].sha256
    assert len(load("cow_states", tmp_path)) == 243
    # Run again: everything present, nothing requested.
    again = fetch(tmp_path, ["cow_states"], mirror=url)
    assert again[0].status == "present"


def test_broken_transfer_keeps_part_then_resumes(
    served: tuple[str, Behaviour], tmp_path: Path
) -> None:
    url, behaviour = served
    rel = "cow-nmc-7.0/cow_nmc_7.0.csv"
    behaviour.cut_after[rel] = 100_000
    with pytest.raises(FoedusError, match="resume") as info:
        fetch(tmp_path, ["nmc"], mirror=url)
    assert "cow_nmc_7.0.csv.part" in str(info.value)
    part = tmp_path / "cow-nmc-7.0" / "cow_nmc_7.0.csv.part"
    target = tmp_path / "cow-nmc-7.0" / "cow_nmc_7.0.csv"
    kept = part.stat().st_size
    assert 0 < kept <= 100_000  # whatever arrived whole before the cut
    assert not target.exists()
    res = fetch(tmp_path, ["nmc"], mirror=url)
    assert res[0].status == "resumed"
    assert behaviour.requests[-1] == (rel, f"bytes={kept}-")
    assert _sha(target) == BY_KEY["nmc"].sha256 and not part.exists()


def test_server_without_ranges_restarts_cleanly(
    served: tuple[str, Behaviour], tmp_path: Path
) -> None:
    url, behaviour = served
    behaviour.ranges = False
    rel = "cow-states-2016/system2016.csv"
    behaviour.cut_after[rel] = 5_000
    with pytest.raises(FoedusError):
        fetch(tmp_path, ["cow_system"], mirror=url)
    res = fetch(tmp_path, ["cow_system"], mirror=url)
    assert res[0].status == "downloaded"
    assert _sha(tmp_path / "cow-states-2016" / "system2016.csv") == BY_KEY["cow_system"].sha256


def test_checksum_mismatch_is_refused_and_discarded(
    served: tuple[str, Behaviour], tmp_path: Path
) -> None:
    url, behaviour = served
    behaviour.corrupt.add("cow-states-2016/majors2016.csv")
    with pytest.raises(FoedusError, match="checksum mismatch"):
        fetch(tmp_path, ["cow_majors"], mirror=url)
    folder = tmp_path / "cow-states-2016"
    assert not (folder / "majors2016.csv").exists()
    assert not (folder / "majors2016.csv.part").exists()


def test_missing_file_on_server_is_a_clear_error(
    served: tuple[str, Behaviour], tmp_path: Path
) -> None:
    url, _ = served
    with pytest.raises(FoedusError, match="HTTP 404"):
        fetch(tmp_path, ["polity"], mirror=url)


def test_unreachable_server_fails_cleanly(tmp_path: Path) -> None:
    # A port on loopback that nothing listens on.
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    with pytest.raises(FoedusError, match="transfer failed"):
        fetch(tmp_path, ["cow_majors"], mirror=f"http://127.0.0.1:{port}")


def test_unknown_dataset_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FoedusError, match="unknown dataset"):
        fetch(tmp_path, ["nope"])


def test_official_zip_release_is_unpacked_and_verified(tmp_path: Path, shared_data: Path) -> None:
    import dataclasses
    import zipfile

    from foedus.data.fetch import fetch_dataset

    root = tmp_path / "server"
    root.mkdir()
    with zipfile.ZipFile(root / "atop.zip", "w") as zf:
        zf.write(shared_data / "atop-5.1" / "atop5_1a.csv", "ATOP 5.1 (.csv)/atop5_1a.csv")
        zf.write(shared_data / "atop-5.1" / "atop5_1m.csv", "ATOP 5.1 (.csv)/atop5_1m.csv")
    behaviour = Behaviour()
    server = _server(root, behaviour)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/atop.zip"
        ds = dataclasses.replace(BY_KEY["atop_members"], url=url)
        data = tmp_path / "data"
        res = fetch_dataset(ds, data)
        assert res.status == "downloaded"
        got = data / "atop-5.1" / "atop5_1m.csv"
        assert _sha(got) == BY_KEY["atop_members"].sha256
        assert not (data / "atop-5.1" / "atop5_1m.csv.part").exists()
        wrong = dataclasses.replace(BY_KEY["atop_alliances"], url=url, member="atop5_1x.csv")
        with pytest.raises(FoedusError, match=r"holds no atop5_1x\.csv"):
            fetch_dataset(wrong, data)
        assert not (data / "atop-5.1" / "atop5_1a.csv.part").exists()
    finally:
        server.shutdown()
        server.server_close()
