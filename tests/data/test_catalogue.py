"""The DuckDB catalogue: imports once, skips unchanged files, survives a crash mid-import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from foedus.data import Catalogue
from foedus.errors import DataNotFoundError


def _mini_data(src: Path, dst: Path) -> Path:
    (dst / "cow-states-2016").mkdir(parents=True)
    for name in ("states2016.csv", "majors2016.csv"):
        shutil.copy(src / "cow-states-2016" / name, dst / "cow-states-2016" / name)
    return dst


def test_import_then_unchanged_then_changed(shared_data: Path, tmp_path: Path) -> None:
    data = _mini_data(shared_data, tmp_path / "data")
    db = tmp_path / "cat.duckdb"
    with Catalogue.open(data, db) as cat:
        first = {r.key: r for r in cat.ensure(["cow_states", "cow_majors", "nmc"])}
        assert first["cow_states"].status == "imported" and first["cow_states"].rows == 243
        assert first["nmc"].status == "missing"
        stamp = cat.recorded("cow_states")["imported_at"]  # type: ignore[index]
    with Catalogue.open(data, db) as cat:
        again = cat.ensure(["cow_states"])[0]
        assert again.status == "unchanged"
        assert cat.recorded("cow_states")["imported_at"] == stamp  # type: ignore[index]
        assert cat.query("select count(*) as n from cow_states")["n"].item() == 243
    # Change the file: drop the last spell (keeping a valid file) and import again.
    f = data / "cow-states-2016" / "states2016.csv"
    text = f.read_text()
    f.write_text(text[: text.rfind("\n")] + "\n")
    with Catalogue.open(data, db) as cat:
        res = cat.ensure(["cow_states"])[0]
        assert res.status == "imported" and res.rows == 242
        assert len(cat.table("cow_states")) == 242
        assert cat.source("cow_states")["version"] == "2016"


def test_crash_in_the_middle_of_an_import_keeps_the_old_table(
    shared_data: Path, tmp_path: Path
) -> None:
    data = _mini_data(shared_data, tmp_path / "data")
    db = tmp_path / "cat.duckdb"
    with Catalogue.open(data, db) as cat:
        cat.ensure(["cow_states"])
    f = data / "cow-states-2016" / "states2016.csv"
    text = f.read_text()
    f.write_text(text[: text.rfind("\n")] + "\n")
    # A separate process stages the new table and dies before the swap.
    script = textwrap.dedent(
        f"""
        import os
        import foedus.data.catalogue as c
        c._after_stage = lambda key: os._exit(7)
        cat = c.Catalogue.open({str(data)!r}, {str(db)!r})
        cat.ensure(["cow_states"])
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, timeout=120, env={**os.environ}
    )
    assert proc.returncode == 7, proc.stderr.decode()
    with Catalogue.open(data, db) as cat:
        # The old, complete table is still there and still recorded.
        assert cat.query("select count(*) as n from cow_states")["n"].item() == 243
        assert cat.recorded("cow_states")["rows"] == 243  # type: ignore[index]
        res = cat.ensure(["cow_states"])[0]
        assert res.status == "imported" and res.rows == 242
        staging = cat.query(
            "select count(*) as n from information_schema.tables where table_name like '%staging'"
        )["n"].item()
        assert staging == 0


def test_catalogue_needs_a_data_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FOEDUS_DATA", raising=False)
    with pytest.raises(DataNotFoundError, match="FOEDUS_DATA"):
        Catalogue.open(None)
    with pytest.raises(DataNotFoundError, match="does not exist"):
        Catalogue.open(tmp_path / "nope")


def test_default_location_for_a_read_only_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from foedus.data.catalogue import default_catalogue_path

    monkeypatch.delenv("FOEDUS_CATALOGUE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ro = tmp_path / "ro"
    ro.mkdir()
    rw_path = default_catalogue_path(ro)
    assert rw_path == ro / ".foedus" / "catalogue.duckdb"
    ro.chmod(0o555)
    try:
        p = default_catalogue_path(ro)
        assert p.parent == tmp_path / "cache" / "foedus"
    finally:
        ro.chmod(0o755)
