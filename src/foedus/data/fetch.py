"""Downloading the official dataset releases into a data directory.

``foedus data fetch`` downloads each dataset that has a direct source (or every dataset from a
``--mirror`` that lays files out as ``FOLDER/FILE``, as the data directory does), into a
``.part`` file first. A broken transfer leaves the ``.part`` file and a clear error; the next run
resumes it with an HTTP range request (or starts over when the server ignores ranges). A finished
file is checked against the release's SHA-256 before it is renamed into place, so a damaged
download never replaces a good file.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import httpx

from foedus.data._datasets import BY_KEY, DATASETS, Dataset
from foedus.data.loaders import sha256_file
from foedus.errors import FoedusError

CHUNK = 1 << 16


@dataclass(frozen=True)
class FetchResult:
    """What happened to one dataset: ``downloaded``, ``resumed``, ``present`` or ``manual``."""

    key: str
    status: str
    path: str
    bytes: int = 0
    message: str = ""


def _download(client: httpx.Client, url: str, part: Path) -> tuple[int, bool]:
    """Fetch ``url`` into ``part``, resuming from its current size; (bytes received, resumed)."""
    have = part.stat().st_size if part.exists() else 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    received = 0
    try:
        with client.stream("GET", url, headers=headers) as resp:
            if resp.status_code == 416 and have:
                # Nothing left to send: the part file is already whole.
                return 0, True
            if resp.status_code not in (200, 206):
                raise FoedusError(f"{url}: HTTP {resp.status_code}")
            resumed = resp.status_code == 206
            mode = "ab" if resumed else "wb"
            expected = resp.headers.get("Content-Length")
            with open(part, mode) as fh:
                for chunk in resp.iter_bytes(CHUNK):
                    fh.write(chunk)
                    received += len(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            if expected is not None and received < int(expected):
                raise FoedusError(
                    f"{url}: transfer broken after {received} of {expected} bytes; "
                    f"the partial file {part.name} is kept: run fetch again to resume"
                )
            return received, resumed
    except httpx.HTTPError as exc:
        raise FoedusError(
            f"{url}: transfer failed after {received} bytes ({type(exc).__name__}: {exc}); "
            f"the partial file {part.name} is kept: run fetch again to resume"
        ) from None


def _payload(part: Path, ds: Dataset, target_name: str) -> bytes | None:
    """The dataset file inside a downloaded zip (or ``None`` when the download is the file)."""
    if not zipfile.is_zipfile(part):
        return None
    with zipfile.ZipFile(part) as zf:
        want = ds.member or target_name
        names = [n for n in zf.namelist() if Path(n).name == want]
        if not names:
            raise FoedusError(f"{part.name}: the archive holds no {want}")
        return zf.read(names[0])


def fetch_dataset(
    ds: Dataset,
    data_dir: Path,
    *,
    mirror: str | None = None,
    client: httpx.Client | None = None,
) -> FetchResult:
    """Download one dataset into ``data_dir/FOLDER/FILE`` (see the module docstring)."""
    name = ds.filenames[0]
    if "*" in name or not ds.folder:
        return FetchResult(ds.key, "manual", "", message=f"download it yourself from {ds.source}")
    target = data_dir / ds.folder / name
    if target.is_file() and (not ds.sha256 or sha256_file(target) == ds.sha256):
        return FetchResult(ds.key, "present", str(target), target.stat().st_size)
    if mirror:
        url = f"{mirror.rstrip('/')}/{ds.folder}/{name}"
    elif ds.url:
        url = ds.url
    else:
        return FetchResult(
            ds.key, "manual", str(target), message=f"no direct download: get it from {ds.source}"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    own = client is None
    http = client or httpx.Client(timeout=60.0, follow_redirects=True)
    try:
        _received, resumed = _download(http, url, part)
    finally:
        if own:
            http.close()
    try:
        data = _payload(part, ds, name)
    except (FoedusError, zipfile.BadZipFile) as exc:
        part.unlink(missing_ok=True)  # a whole download that is not what we need: start over
        raise FoedusError(f"{url}: {exc}") from None
    digest = hashlib.sha256(data).hexdigest() if data is not None else sha256_file(part)
    if ds.sha256 and digest != ds.sha256:
        part.unlink(missing_ok=True)
        raise FoedusError(
            f"{url}: checksum mismatch for {name} (got sha256 {digest[:16]}…, expected "
            f"{ds.sha256[:16]}…); the download was discarded"
        )
    if data is not None:
        from foedus._io import atomic_write_bytes

        atomic_write_bytes(target, data)
        part.unlink(missing_ok=True)
    else:
        os.replace(part, target)
    return FetchResult(
        ds.key, "resumed" if resumed else "downloaded", str(target), target.stat().st_size
    )


def fetch(
    data_dir: str | Path,
    keys: Iterable[str] | None = None,
    *,
    mirror: str | None = None,
    client: httpx.Client | None = None,
) -> list[FetchResult]:
    """Download the datasets ``keys`` (default: all with a known file) into ``data_dir``."""
    root = Path(data_dir)
    root.mkdir(parents=True, exist_ok=True)
    wanted = list(keys) if keys else []
    unknown = [k for k in wanted if k not in BY_KEY]
    if unknown:
        raise FoedusError(f"unknown dataset(s) {unknown}; known: {', '.join(BY_KEY)}")
    chosen = [BY_KEY[k] for k in wanted] if wanted else [d for d in DATASETS if d.folder]
    return [fetch_dataset(ds, root, mirror=mirror, client=client) for ds in chosen]


__all__ = ["FetchResult", "fetch", "fetch_dataset"]
