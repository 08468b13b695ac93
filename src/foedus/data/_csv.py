"""A strict CSV reader for research datasets.

The official files of ATOP, COW, Polity and MID come with quirks (CRLF line endings, a UTF-8
byte-order mark, missing-value codes such as −9 or −66/−77/−88, partial dates) and users' copies
can be truncated or damaged. This reader accepts the quirks and refuses damage: a short or long
row, a non-numeric cell in a numeric column, a value out of its range or a wrong version stamp
raises :class:`~foedus.errors.DataFormatError` naming the file, the line and the column. It never
returns a frame with silently wrong numbers.

Row numbers in errors are 1-based line numbers of the file, the header being line 1.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from foedus.errors import DataFormatError, DataNotFoundError

Kind = Literal["int", "float", "str"]

ROW_COLUMN = "source_line"
"""Name of the column that carries each record's line number in its source file."""


@dataclass(frozen=True)
class Col:
    """The expectation for one column of a dataset file.

    Parameters
    ----------
    name : str
        Column name as it appears in the header (matched case-insensitively).
    kind : {"int", "float", "str"}
        How the cells are parsed.
    required : bool
        Whether the header must contain the column.
    nullable : bool
        Whether empty cells (and missing-value codes) are allowed.
    missing : tuple of float
        Codes that mean "missing" and become ``NA`` (for example ``-9``).
    lo, hi : float or None
        Inclusive bounds of valid (non-missing) values.
    exact : str or float or None
        A value every non-empty cell must equal (a version stamp); a truncated last line usually
        breaks it, which is why files that carry one are checked against it.
    """

    name: str
    kind: Kind = "int"
    required: bool = True
    nullable: bool = True
    missing: tuple[float, ...] = ()
    lo: float | None = None
    hi: float | None = None
    exact: str | float | None = None


@dataclass(frozen=True)
class TableSpec:
    """What a dataset file must look like: its columns, encoding and preamble."""

    columns: tuple[Col, ...]
    encoding: str = "utf-8"
    skip_lines: int = 0
    keep_other_columns: bool = True
    delimiter: str = ","
    min_rows: int = 1
    repair_broken_rows: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def _decode(path: Path, raw: bytes, encoding: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFormatError(
            path, f"not valid {encoding} text (byte {exc.start}: {exc.reason})", row=line
        ) from None


def _records(
    path: Path, text: str, spec: TableSpec
) -> tuple[list[str], list[list[str]], np.ndarray]:
    """Split ``text`` into a header, records and each record's line number.

    Handles CRLF and lone CR, and (for the SIPRI register) records broken by unquoted line
    breaks: when ``repair_broken_rows`` is set, a short record is joined to the next line(s)
    until it has the header's width.
    """
    lines = text.splitlines()
    lines = lines[spec.skip_lines :]
    offset = spec.skip_lines
    # Drop wholly blank trailing lines (a final newline, or a stray CRLF), not inner ones.
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise DataFormatError(path, "the file is empty (no header line)", row=offset + 1)
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=spec.delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise DataFormatError(path, f"malformed CSV: {exc}", row=reader.line_num + offset) from None
    # csv.reader may merge physical lines (quoted newlines); recompute line numbers from it.
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=spec.delimiter, strict=True)
    ends: list[int] = []
    for _ in reader:
        ends.append(reader.line_num + offset)
    header = [h.strip() for h in rows[0]]
    # ATOP's files end their header with a comma in some releases: an empty last name with empty
    # cells is harmless; anything else unnamed is not.
    while header and header[-1] == "":
        header.pop()
    # SIPRI's register leaves some inner header cells blank (flag columns): give them names.
    header = [h if h else f"unnamed_{i + 1}" for i, h in enumerate(header)]
    width = len(header)
    body = rows[1:]
    line_no = ends[1:]
    if spec.repair_broken_rows:
        body, line_no = _repair(body, line_no, width)
    out: list[list[str]] = []
    for rec, ln in zip(body, line_no, strict=True):
        if len(rec) == width:
            out.append(rec)
            continue
        if len(rec) > width and all(c.strip() == "" for c in rec[width:]):
            out.append(rec[:width])
            continue
        if not rec or (len(rec) == 1 and rec[0].strip() == ""):
            raise DataFormatError(path, "blank line inside the data", row=ln)
        short = len(rec) < width
        raise DataFormatError(
            path,
            f"{'too few' if short else 'too many'} fields: {len(rec)} where the header has "
            f"{width} (the file may be truncated or damaged)",
            row=ln,
            # The first column without a value (short row) or the first unexpected field.
            column=header[len(rec)] if short else f"#{width + 1}",
        )
    return header, out, np.asarray(line_no, dtype=np.int64)


def _repair(
    body: list[list[str]], line_no: list[int], width: int
) -> tuple[list[list[str]], list[int]]:
    fixed: list[list[str]] = []
    lines: list[int] = []
    i = 0
    while i < len(body):
        rec = list(body[i])
        start = line_no[i]
        while len(rec) < width and i + 1 < len(body):
            nxt = body[i + 1]
            # The break fell inside a text cell: glue the next line's first cell onto it.
            rec[-1] = rec[-1] + " " + (nxt[0] if nxt else "")
            rec.extend(nxt[1:])
            i += 1
        fixed.append(rec)
        lines.append(start)
        i += 1
    return fixed, lines


def _fail_at(path: Path, lines: np.ndarray, mask: np.ndarray, column: str, reason: str) -> None:
    idx = int(np.flatnonzero(mask)[0])
    raise DataFormatError(path, reason, row=int(lines[idx]), column=column)


def _parse_column(
    path: Path, raw: pd.Series, col: Col, lines: np.ndarray, header_name: str
) -> pd.Series:
    s = raw.str.strip()
    empty = (s == "").to_numpy() | s.isin(["NA", "NaN", "nan", "."]).to_numpy()
    if col.exact is not None and empty.any():
        _fail_at(
            path,
            lines,
            empty,
            header_name,
            f"empty where the version stamp {col.exact!r} should be (a truncated line?)",
        )
    if col.kind == "str":
        out = s.mask(empty)
        if col.exact is not None:
            bad = ~empty & (s != str(col.exact)).to_numpy()
            if bad.any():
                _fail_at(path, lines, bad, header_name, f"expected {col.exact!r}")
        if not col.nullable and empty.any():
            _fail_at(path, lines, empty, header_name, "empty cell in a column that needs a value")
        return out
    num = pd.to_numeric(s.mask(empty), errors="coerce")
    values = num.to_numpy(dtype=float, na_value=np.nan)
    bad = ~empty & np.isnan(values)
    if bad.any():
        idx = int(np.flatnonzero(bad)[0])
        raise DataFormatError(
            path,
            f"{s.iloc[idx]!r} is not a number",
            row=int(lines[idx]),
            column=header_name,
        )
    if col.missing:
        values = np.where(np.isin(values, np.asarray(col.missing, dtype=float)), np.nan, values)
    present = ~np.isnan(values)
    if col.kind == "int":
        frac = present & (values != np.floor(values))
        if frac.any():
            idx = int(np.flatnonzero(frac)[0])
            raise DataFormatError(
                path,
                f"{s.iloc[idx]!r} is not a whole number",
                row=int(lines[idx]),
                column=header_name,
            )
    if col.exact is not None:
        off = present & (values != float(col.exact))
        if off.any():
            idx = int(np.flatnonzero(off)[0])
            raise DataFormatError(
                path,
                f"{s.iloc[idx]!r} where the version stamp should be {col.exact!r} "
                "(wrong release, or a truncated line)",
                row=int(lines[idx]),
                column=header_name,
            )
    if col.lo is not None or col.hi is not None:
        lo = -np.inf if col.lo is None else col.lo
        hi = np.inf if col.hi is None else col.hi
        out_of = present & ((values < lo) | (values > hi))
        if out_of.any():
            idx = int(np.flatnonzero(out_of)[0])
            raise DataFormatError(
                path,
                f"{s.iloc[idx]!r} is outside the valid range [{col.lo}, {col.hi}]",
                row=int(lines[idx]),
                column=header_name,
            )
    if not col.nullable and not present.all():
        _fail_at(path, lines, ~present, header_name, "missing value in a column that needs one")
    if col.kind == "int":
        return pd.Series(
            pd.array(np.where(present, values, 0).astype(np.int64), dtype="Int64")
        ).mask(~present)
    return pd.Series(values, dtype="float64")


def _auto(raw: pd.Series) -> pd.Series:
    """A column the spec does not name: numbers if every non-empty cell is one, else text."""
    s = raw.str.strip()
    empty = s == ""
    num = pd.to_numeric(s.mask(empty), errors="coerce")
    if bool((num.isna() & ~empty).any()):
        return s.mask(empty)
    return num.astype("float64")


def read_table(path: str | Path, spec: TableSpec) -> pd.DataFrame:
    """Read and validate one dataset file.

    Parameters
    ----------
    path : str or Path
        The file.
    spec : TableSpec
        The columns expected, with their types, ranges and missing-value codes.

    Returns
    -------
    pandas.DataFrame
        Columns named in ``spec`` (lower case) with nullable integer or float dtypes, other
        columns kept as text when ``spec.keep_other_columns``, and ``source_line``: each record's
        line number in the file, for citations.

    Raises
    ------
    DataNotFoundError
        The file does not exist.
    DataFormatError
        The file is malformed; the message names file, line and column.
    """
    p = Path(path)
    if not p.is_file():
        raise DataNotFoundError(f"{p}: file not found")
    text = _decode(p, p.read_bytes(), spec.encoding)
    if (
        text
        and not text.endswith(("\n", "\r"))
        and not any(c.exact is not None for c in spec.columns)
    ):
        # Without a version stamp on every line, a cut inside the last number would pass as a
        # different number; an unterminated last line is the only sign of it, so refuse it.
        raise DataFormatError(
            p,
            "the last line is not terminated by a line break: the file looks truncated",
            row=text.count("\n") + 1,
        )
    header, records, lines = _records(p, text, spec)
    lower = [h.lower() for h in header]
    dupes = {h for h in lower if lower.count(h) > 1}
    if dupes:
        raise DataFormatError(
            p, f"duplicate column(s) in header: {sorted(dupes)}", row=1 + spec.skip_lines
        )
    missing = [c.name for c in spec.columns if c.required and c.name.lower() not in lower]
    if missing:
        raise DataFormatError(
            p,
            f"header lacks required column(s) {missing}; found {header[:12]}"
            + ("…" if len(header) > 12 else ""),
            row=1 + spec.skip_lines,
        )
    if len(records) < spec.min_rows:
        raise DataFormatError(
            p, f"only {len(records)} data rows (at least {spec.min_rows} expected)"
        )
    frame = (
        pd.DataFrame(records, columns=lower, dtype=object)
        if records
        else pd.DataFrame({h: pd.Series([], dtype=object) for h in lower})
    )
    out: dict[str, pd.Series] = {}
    known = {c.name.lower(): c for c in spec.columns}
    for name in lower:
        col = known.get(name)
        if col is None:
            if spec.keep_other_columns:
                out[name] = _auto(frame[name].astype(str))
            continue
        idx = lower.index(name)
        out[name] = _parse_column(p, frame[name].astype(str), col, lines, header[idx]).set_axis(
            frame.index
        )
    result = pd.DataFrame(out)
    result[ROW_COLUMN] = lines
    return result


def partial_dates(
    year: pd.Series, month: pd.Series, day: pd.Series, *, end: bool = False
) -> tuple[pd.Series, pd.Series]:
    """Turn year/month/day columns with unknown parts into dates and a precision.

    ATOP and COW code an unknown month or day as ``0`` or ``-9`` (after :func:`read_table`, ``-9``
    may already be ``NA``). An unknown part is taken as the earliest possible value for a start
    date and the latest for an end date, so that a spell is never shortened by imputation.

    Returns
    -------
    (dates, precision)
        ``datetime64`` dates (``NaT`` where the year is unknown) and ``"day"``, ``"month"``,
        ``"year"`` or ``None``.

    Examples
    --------
    >>> import pandas as pd
    >>> d, p = partial_dates(pd.Series([1902]), pd.Series([7]), pd.Series([-9]))
    >>> str(d[0].date()), p[0]
    ('1902-07-01', 'month')
    """
    y = pd.to_numeric(year, errors="coerce").astype(float).to_numpy()
    m = pd.to_numeric(month, errors="coerce").astype(float).to_numpy()
    d = pd.to_numeric(day, errors="coerce").astype(float).to_numpy()
    m_known = ~np.isnan(m) & (m >= 1) & (m <= 12)
    d_known = m_known & ~np.isnan(d) & (d >= 1) & (d <= 31)
    y_known = ~np.isnan(y) & (y > 0)
    yy = np.where(y_known, y, 2000).astype(int)
    mm = np.where(m_known, m, 12 if end else 1).astype(int)
    first = pd.to_datetime(
        pd.DataFrame({"year": yy, "month": mm, "day": np.ones_like(yy)}), errors="coerce"
    )
    last_day = (first + pd.offsets.MonthEnd(0)).dt.day.to_numpy()
    dd = np.where(d_known, np.minimum(d, last_day), last_day if end else 1).astype(int)
    dates = pd.to_datetime(pd.DataFrame({"year": yy, "month": mm, "day": dd}), errors="coerce")
    dates = dates.where(y_known)
    precision = np.where(d_known, "day", np.where(m_known, "month", "year")).astype(object)
    precision = np.where(y_known, precision, np.array(None, dtype=object))
    return dates, pd.Series(precision, index=dates.index, dtype=object)


def require_columns(path: Path, frame: pd.DataFrame, names: Sequence[str]) -> None:
    """Raise a :class:`DataFormatError` if ``frame`` lacks any of ``names``."""
    lacking = [n for n in names if n not in frame.columns]
    if lacking:
        raise DataFormatError(path, f"header lacks required column(s) {lacking}", row=1)
