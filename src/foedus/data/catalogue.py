"""An embedded DuckDB catalogue of the datasets.

Each dataset file is read strictly once and stored as a table named after its key; the
``_imports`` table records the file's SHA-256, row count, version and citation. Re-importing a file
whose checksum has not changed does nothing. An import writes a staging table first and swaps it
in within one transaction, so a crash in the middle of an import leaves the previous table (or
none) and never a half-filled one; a stale staging table is dropped by the next import.

Where the catalogue lives: ``--catalogue FILE`` or ``$FOEDUS_CATALOGUE``; else
``DATA_DIR/.foedus/catalogue.duckdb`` when the data directory is writable; else a file in the user
cache (``$XDG_CACHE_HOME/foedus`` or ``~/.cache/foedus``) named after the data directory.

Examples
--------
>>> from foedus.data import Catalogue  # doctest: +SKIP
>>> with Catalogue.open("data") as cat:  # doctest: +SKIP
...     cat.ensure(["nmc"])
...     cat.query("select cinc from nmc where ccode = 2 and year = 2016")
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pandas as pd

from foedus.data._datasets import BY_KEY, DATASETS
from foedus.data.loaders import find_file, load, sha256_file
from foedus.errors import DataNotFoundError, FoedusError
from foedus.paths import data_dir as resolve_data_dir

CATALOGUE_ENV = "FOEDUS_CATALOGUE"
SCHEMA_VERSION = 2

# Test hook: called between writing the staging table and swapping it in (crash simulation).
_after_stage: Callable[[str], None] | None = None


@dataclass(frozen=True)
class ImportResult:
    """What one import did: ``status`` is ``imported``, ``unchanged`` or ``missing``."""

    key: str
    status: str
    rows: int
    seconds: float
    file: str = ""


def default_catalogue_path(data_dir: Path) -> Path:
    """Where the catalogue of ``data_dir`` lives unless told otherwise."""
    env = os.environ.get(CATALOGUE_ENV)
    if env:
        return Path(env)
    # Write bits, not os.access: as root, access() says yes to a folder shipped read-only
    # (a shared copy of the datasets), which must not be written into.
    if os.access(data_dir, os.W_OK) and data_dir.stat().st_mode & stat.S_IWUSR:
        return data_dir / ".foedus" / "catalogue.duckdb"
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "foedus"
    tag = hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:12]
    return cache / f"catalogue-{tag}.duckdb"


class Catalogue:
    """A DuckDB database holding imported datasets; use :meth:`open`."""

    def __init__(self, path: Path, data_dir: Path) -> None:
        self.path = path
        self.data_dir = data_dir
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(path))
        except duckdb.Error as exc:
            raise FoedusError(f"cannot open the catalogue {path}: {exc}") from None
        self.con.execute(
            """create table if not exists _imports (
                key varchar primary key, file varchar, sha256 varchar, size bigint,
                rows bigint, version varchar, citation varchar, source json,
                imported_at double, schema_version integer)"""
        )

    @classmethod
    def open(cls, data_dir: str | Path | None = None, path: str | Path | None = None) -> Catalogue:
        """Open (creating if needed) the catalogue for ``data_dir``."""
        root = resolve_data_dir(data_dir)
        if root is None:
            raise DataNotFoundError(
                "no data directory: pass --data DIR or set FOEDUS_DATA to the folder holding "
                "the dataset files"
            )
        if not root.is_dir():
            raise DataNotFoundError(f"data directory {root} does not exist")
        return cls(Path(path) if path else default_catalogue_path(root), root)

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connection."""
        self.con.close()

    # -- imports -----------------------------------------------------------------------------
    def recorded(self, key: str) -> dict[str, Any] | None:
        """The ``_imports`` record of ``key``, if imported."""
        row = self.con.execute(
            "select key, file, sha256, size, rows, version, citation, source, imported_at "
            "from _imports where key = ? and schema_version = ?",
            [key, SCHEMA_VERSION],
        ).fetchone()
        if row is None:
            return None
        names = [
            "key",
            "file",
            "sha256",
            "size",
            "rows",
            "version",
            "citation",
            "source",
            "imported_at",
        ]
        rec = dict(zip(names, row, strict=True))
        rec["source"] = json.loads(rec["source"]) if rec["source"] else {}
        return rec

    def has_table(self, key: str) -> bool:
        """Whether a table named ``key`` exists."""
        n = self.con.execute(
            "select count(*) from information_schema.tables where table_name = ?", [key]
        ).fetchone()
        return bool(n and n[0])

    def import_dataset(self, key: str, *, force: bool = False) -> ImportResult:
        """Import one dataset if its file changed since the last import (or ``force``)."""
        t0 = time.perf_counter()
        ds = BY_KEY[key]
        file = find_file(ds, self.data_dir)
        if file is None:
            return ImportResult(key, "missing", 0, time.perf_counter() - t0)
        digest = sha256_file(file)
        rec = self.recorded(key)
        if not force and rec is not None and rec["sha256"] == digest and self.has_table(key):
            return ImportResult(
                key, "unchanged", int(rec["rows"]), time.perf_counter() - t0, str(file)
            )
        frame = load(key, path=file)
        source = dict(frame.attrs.get("source", {}))
        frame = _storable(frame)
        staging = f"{key}__staging"
        self.con.execute(f'drop table if exists "{staging}"')
        self.con.register("_incoming", frame)
        try:
            self.con.execute(f'create table "{staging}" as select * from _incoming')
        finally:
            self.con.unregister("_incoming")
        if _after_stage is not None:
            _after_stage(key)
        self.con.execute("begin transaction")
        try:
            self.con.execute(f'drop table if exists "{key}"')
            self.con.execute(f'alter table "{staging}" rename to "{key}"')
            self.con.execute("delete from _imports where key = ?", [key])
            self.con.execute(
                "insert into _imports values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    key,
                    str(file),
                    digest,
                    file.stat().st_size,
                    len(frame),
                    str(source.get("version", ds.version)),
                    ds.citation,
                    json.dumps(source),
                    time.time(),
                    SCHEMA_VERSION,
                ],
            )
            self.con.execute("commit")
        except BaseException:
            self.con.execute("rollback")
            raise
        self.con.execute("checkpoint")
        return ImportResult(key, "imported", len(frame), time.perf_counter() - t0, str(file))

    def ensure(
        self, keys: Iterable[str] | None = None, *, force: bool = False
    ) -> list[ImportResult]:
        """Import ``keys`` (default: every known dataset found) when needed."""
        wanted = list(keys) if keys is not None else [d.key for d in DATASETS]
        return [self.import_dataset(k, force=force) for k in wanted]

    def require(self, keys: Iterable[str]) -> None:
        """Import ``keys`` when needed; raise :class:`DataNotFoundError` if one is missing."""
        for res in self.ensure(keys):
            if res.status == "missing":
                ds = BY_KEY[res.key]
                raise DataNotFoundError(
                    f"{ds.title} ({', '.join(ds.filenames)}) not found under {self.data_dir}; "
                    f"download it from {ds.source}"
                )

    # -- queries -----------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        """Run SQL against the catalogue and return a DataFrame."""
        return self.con.execute(sql, params or []).df()

    def table(self, key: str) -> pd.DataFrame:
        """A whole dataset table, with ``attrs["source"]`` as the loader set it."""
        self.require([key])
        df = self.con.execute(f'select * from "{key}"').df()
        rec = self.recorded(key)
        df.attrs["source"] = rec["source"] if rec else {}
        return df

    def source(self, key: str) -> dict[str, Any]:
        """Dataset, version, file, checksum and citation of an imported table."""
        rec = self.recorded(key)
        return dict(rec["source"]) if rec else {}


def _storable(frame: pd.DataFrame) -> pd.DataFrame:
    """Make columns DuckDB stores well: tuples become lists, ``None``-filled objects text."""
    out = frame.copy()
    for name in out.columns:
        col = out[name]
        if (
            col.dtype == object
            and len(col)
            and isinstance(col.dropna().iloc[0] if col.notna().any() else "", tuple)
        ):
            out[name] = col.map(lambda t: list(t) if isinstance(t, tuple) else t)
        elif col.dtype == object or str(col.dtype) in ("str", "string"):
            out[name] = col.astype("string")
    return out
