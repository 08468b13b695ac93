"""Loaders for the official files of ATOP, COW, democracy scores, MIDs and reliability data.

Every loader takes either a file path or a data directory, reads the file strictly (see
:mod:`foedus.data._csv`) and returns a :class:`pandas.DataFrame` whose ``attrs["source"]`` names
the dataset, version, file and checksum, and whose ``source_line`` column holds each record's
line in that file, so that anything built from it can cite the exact row.

Examples
--------
>>> from foedus.data import load  # doctest: +SKIP
>>> nmc = load("nmc", data_dir="data")  # doctest: +SKIP
>>> nmc.query("ccode == 2 and year == 2016").cinc  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from foedus.data._csv import partial_dates, read_table
from foedus.data._datasets import BY_KEY, DATASETS, Dataset
from foedus.errors import DataFormatError, DataNotFoundError
from foedus.paths import data_dir as resolve_data_dir

ATOP_LAST_YEAR = 2018
"""Last year ATOP 5.1 covers: an alliance with ``yrexit == 0`` was in force through it."""


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def find_file(dataset: Dataset | str, data_dir: str | Path | None = None) -> Path | None:
    """The first file under ``data_dir`` (searched recursively) matching the dataset's names."""
    ds = BY_KEY[dataset] if isinstance(dataset, str) else dataset
    root = resolve_data_dir(data_dir)
    if root is None or not root.is_dir():
        return None
    for name in ds.filenames:
        if ds.folder and "*" not in name and (root / ds.folder / name).is_file():
            return root / ds.folder / name
        if "*" not in name and (root / name).is_file():
            return root / name
        hits = sorted(p for p in root.rglob(name) if p.is_file() and ".foedus" not in p.parts)
        if hits:
            return hits[0]
    return None


def _need_file(ds: Dataset, path: str | Path | None, data_dir: str | Path | None) -> Path:
    if path is not None:
        return Path(path)
    found = find_file(ds, data_dir)
    if found is None:
        root = resolve_data_dir(data_dir)
        where = (
            f"under {root}" if root else "(no data directory: pass --data DIR or set FOEDUS_DATA)"
        )
        raise DataNotFoundError(
            f"{ds.title} ({', '.join(ds.filenames)}) not found {where}; "
            f"download it from {ds.source}"
        )
    return found


def _add_dates(frame: pd.DataFrame, prefix: str, y: str, m: str, d: str, *, end: bool) -> None:
    dates, prec = partial_dates(frame[y], frame[m], frame[d], end=end)
    frame[f"{prefix}_date"] = dates.to_numpy()
    frame[f"{prefix}_precision"] = prec.to_numpy()


def _post_atop_members(path: Path, df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    open_ended = df["yrexit"].fillna(0).to_numpy() == 0
    # yrexit 0 means the membership had not ended by the last year ATOP covers.
    df["in_force_at_end"] = open_ended
    df["last_year"] = np.where(open_ended, ATOP_LAST_YEAR, df["yrexit"].fillna(0).to_numpy())
    _add_dates(df, "start", "yrent", "moent", "dayent", end=False)
    ey = df["yrexit"].where(~open_ended, ATOP_LAST_YEAR)
    em = df["moexit"].where(~open_ended, 12)
    ed = df["dayexit"].where(~open_ended, 31)
    dates, prec = partial_dates(ey, em, ed, end=True)
    df["end_date"] = dates.to_numpy()
    df["end_precision"] = np.where(open_ended, "open", prec.to_numpy())
    bad = df["last_year"].to_numpy() < df["yrent"].to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise DataFormatError(
            path,
            "membership exits before it begins",
            row=int(df["source_line"].iloc[i]),
            column="yrexit",
        )
    return df


def _post_atop_alliances(path: Path, df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    _add_dates(df, "start", "begyr", "begmo", "begday", end=False)
    open_ended = df["endyr"].fillna(0).to_numpy() == 0
    df["in_force_at_end"] = open_ended
    df["last_year"] = np.where(open_ended, ATOP_LAST_YEAR, df["endyr"].fillna(0).to_numpy())
    mem_cols = [c for c in df.columns if c.startswith("mem") and c[3:].isdigit()]
    mems = df[mem_cols].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    df["members"] = [tuple(int(x) for x in row[~np.isnan(row)]) for row in mems]
    return df


def _post_spells(path: Path, df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    _add_dates(df, "start", "styear", "stmonth", "stday", end=False)
    _add_dates(df, "end", "endyear", "endmonth", "endday", end=True)
    bad = (df["end_date"] < df["start_date"]).to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise DataFormatError(
            path,
            "spell ends before it starts",
            row=int(df["source_line"].iloc[i]),
            column="endyear",
        )
    return df


def _post_mid(path: Path, df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    _add_dates(df, "start", "styear", "stmon", "stday", end=False)
    _add_dates(df, "end", "endyear", "endmon", "endday", end=True)
    return df


def _post_vdem(path: Path, df: pd.DataFrame) -> pd.DataFrame:
    df = df.rename(columns={"cowcode": "ccode"})
    return df[df["ccode"].notna()].reset_index(drop=True)


def _post_unique(keys: tuple[str, ...]) -> Callable[[Path, pd.DataFrame], pd.DataFrame]:
    def check(path: Path, df: pd.DataFrame) -> pd.DataFrame:
        dup = df.duplicated(list(keys), keep="first").to_numpy()
        if dup.any():
            i = int(np.flatnonzero(dup)[0])
            key_values = [int(v) for v in df.loc[df.index[i], list(keys)]]
            raise DataFormatError(
                path,
                f"duplicate record for {dict(zip(keys, key_values, strict=True))}",
                row=int(df["source_line"].iloc[i]),
            )
        return df

    return check


def _post_ddyr(path: Path, df: pd.DataFrame) -> pd.DataFrame:
    # The official file names the pair stateA/stateB; peacesciencer's names are used throughout.
    names = {"statea": "ccode1", "stateb": "ccode2"}
    names.update({o: f"atop_{o}" for o in ("defense", "offense", "neutral", "nonagg", "consul")})
    out = df.rename(columns=names)
    return _post_unique(("ccode1", "ccode2", "year"))(path, out)


_POST = {
    "atop_ddyr": _post_ddyr,
    "atop_members": _post_atop_members,
    "atop_alliances": _post_atop_alliances,
    "cow_states": _post_spells,
    "cow_majors": _post_spells,
    "mid_a": _post_mid,
    "mid_b": _post_mid,
    "vdem": _post_vdem,
    "nmc": _post_unique(("ccode", "year")),
    "cow_system": _post_unique(("ccode", "year")),
    "democracy": _post_unique(("ccode", "year")),
    "atop_ddy": _post_unique(("ccode1", "ccode2", "year")),
    "atop_state_year": _post_unique(("state", "year")),
}


def load(
    key: str, data_dir: str | Path | None = None, *, path: str | Path | None = None
) -> pd.DataFrame:
    """Load one dataset by key (``"atop_members"``, ``"nmc"``, …; see :data:`DATASETS`).

    Parameters
    ----------
    key : str
        The dataset.
    data_dir : str or Path, optional
        Where to look for the file; defaults to ``$FOEDUS_DATA``.
    path : str or Path, optional
        The file itself, bypassing the search.
    """
    if key not in BY_KEY:
        raise DataNotFoundError(f"unknown dataset {key!r}; known: {', '.join(BY_KEY)}")
    ds = BY_KEY[key]
    file = _need_file(ds, path, data_dir)
    df = read_table(file, ds.spec)
    post = _POST.get(key)
    if post is not None:
        df = post(file, df)
    version = ds.version
    if key == "nmc" and "version" in df.columns and df["version"].notna().any():
        version = f"{float(df['version'].dropna().iloc[0]):g}"
    elif key == "nmc" and "-60-" in file.name:
        version = "6.0"
    df.attrs["source"] = {
        "dataset": key,
        "title": ds.title,
        "version": version,
        "file": file.name,
        "sha256": sha256_file(file),
        "citation": ds.citation,
    }
    return df


def load_atop_alliances(
    data_dir: str | Path | None = None, *, path: str | Path | None = None
) -> pd.DataFrame:
    """ATOP alliance-level file (one row per alliance; ``members`` lists COW codes)."""
    return load("atop_alliances", data_dir, path=path)


def load_atop_members(
    data_dir: str | Path | None = None, *, path: str | Path | None = None
) -> pd.DataFrame:
    """ATOP member-level file: one row per member and phase, with obligation conditions."""
    return load("atop_members", data_dir, path=path)


def load_nmc(data_dir: str | Path | None = None, *, path: str | Path | None = None) -> pd.DataFrame:
    """COW National Material Capabilities (v6 abridged or v7 layout); −9 becomes missing."""
    return load("nmc", data_dir, path=path)


def load_states(
    data_dir: str | Path | None = None, *, path: str | Path | None = None
) -> pd.DataFrame:
    """COW state-system spells (``states2016.csv``)."""
    return load("cow_states", data_dir, path=path)


def load_mid_participants(
    data_dir: str | Path | None = None, *, path: str | Path | None = None
) -> pd.DataFrame:
    """COW MID 5.0 participant-level file (MIDB)."""
    return load("mid_b", data_dir, path=path)


def load_sipri_trade_register(path: str | Path) -> pd.DataFrame:
    """A user's own download of SIPRI's trade-register CSV (Latin-1, 11 preamble lines).

    Records split by unquoted line breaks in the Comments column are joined back together.
    """
    return load("sipri_trade", path=path)


def available(data_dir: str | Path | None = None) -> dict[str, Path]:
    """Every known dataset found under ``data_dir``, by key."""
    out: dict[str, Path] = {}
    for ds in DATASETS:
        p = find_file(ds, data_dir)
        if p is not None:
            out[ds.key] = p
    return out
