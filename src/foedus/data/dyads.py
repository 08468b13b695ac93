"""Directed dyad-years of the state system with alliance, capability, regime and dispute data.

The job peacesciencer's ``create_dyadyears()`` + ``add_atop_alliance()`` + ``add_nmc()`` +
``add_democracy()`` + ``add_cow_mids()`` pipeline does in R, done in DuckDB SQL over the
catalogue, so that all directed dyad-years 1816–2016 (about two million rows) build in seconds.

Columns (peacesciencer's names where one exists):

* ``ccode1``, ``ccode2``, ``year`` — every ordered pair of distinct system members in the year.
* ``atop_defense``, ``atop_offense``, ``atop_neutral``, ``atop_nonagg``, ``atop_consul`` — 1 if
  ``ccode1`` has an obligation of that kind towards ``ccode2`` in an ATOP alliance in force in the
  year: from ATOP's directed dyad-year file when found, else computed from the member-level file
  (both are members that year and ``ccode1``'s row carries the obligation — which over-states
  asymmetric multilateral pacts, where ATOP's dyad file says towards whom).
* ``milex1`` … ``upop1``, ``cinc1`` — NMC components and CINC of ``ccode1`` (``…2``: ``ccode2``).
* ``cinc_ratio`` — ``cinc1 / cinc2`` (missing when ``cinc2`` is 0 or missing);
  ``cinc_share1`` — ``cinc1 / (cinc1 + cinc2)``, ``ccode1``'s share of the dyad's capability.
* ``v2x_polyarchy1``, ``polity21``, ``xm_qudsest1`` (and ``…2``) — regime scores.
* ``cowmaj1``, ``cowmaj2`` — COW major power in the year.
* ``cowmidonset`` — 1 if the two began a MID against each other that year (on opposite sides;
  the onset is the year the later of the two joined); ``cowmidongoing`` — 1 if they were on
  opposite sides of a MID in the year; ``cowmid_hostlev`` — the highest hostility level either
  reached in those MIDs.

For 2017–2018 (ATOP's last years, past the v2016 state list) the states of the end of 2016 are
carried forward.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from foedus.data.catalogue import Catalogue
from foedus.errors import FoedusError

FIRST_YEAR = 1816
LAST_YEAR = 2018

NMC_COLUMNS = ("milex", "milper", "irst", "pec", "tpop", "upop", "cinc")
DEM_COLUMNS = ("v2x_polyarchy", "polity2", "xm_qudsest")
OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")

NEEDED = ("cow_system", "cow_states", "cow_majors", "nmc", "democracy", "atop_members", "mid_b")
ATOP_SOURCES = ("auto", "atop_ddyr", "atop_ddy", "atop_members")


def _choose_atop(cat: Catalogue, atop_source: str) -> str:
    """``auto``: ATOP's own dyad-year file if found, else peacesciencer's, else the member file."""
    if atop_source not in ATOP_SOURCES:
        raise FoedusError(f"atop_source must be one of {ATOP_SOURCES}, not {atop_source!r}")
    if atop_source != "auto":
        cat.require([atop_source])
        return atop_source
    for key in ("atop_ddyr", "atop_ddy"):
        if cat.ensure([key])[0].status != "missing":
            return key
    return "atop_members"


def _atop_cte(source: str, y1: int, y2: int) -> str:
    """The ATOP dyad-year obligations, from a dyad file or computed from the member file."""
    cols = ", ".join(f"atop_{o}" for o in OBLIGATIONS)
    if source in ("atop_ddyr", "atop_ddy"):
        return f"""atop as (
        select ccode1, ccode2, year, {cols} from {source} where year between {y1} and {y2}
    )"""
    atop_max = ", ".join(f"max(m1.{o}) as atop_{o}" for o in OBLIGATIONS)
    return f"""member_years as (
        select atopid, member as ccode, unnest(range(yrent, last_year + 1)) as year,
               defense, offense, neutral, nonagg, consul
        from atop_members
        where yrent <= {y2} and last_year >= {y1}
    ),
    atop as (
        select m1.ccode as ccode1, m2.ccode as ccode2, m1.year, {atop_max}
        from member_years m1
        join member_years m2
          on m1.atopid = m2.atopid and m1.year = m2.year and m1.ccode <> m2.ccode
        where m1.year between {y1} and {y2}
        group by all
    )"""


def _sql(y1: int, y2: int, atop_source: str = "atop_members") -> str:
    nmc1 = ", ".join(f"n1.{c} as {c}1" for c in NMC_COLUMNS)
    nmc2 = ", ".join(f"n2.{c} as {c}2" for c in NMC_COLUMNS)
    dem1 = ", ".join(f"d1.{c} as {c}1" for c in DEM_COLUMNS)
    dem2 = ", ".join(f"d2.{c} as {c}2" for c in DEM_COLUMNS)
    atop = ", ".join(f"coalesce(a.atop_{o}, 0)::tinyint as atop_{o}" for o in OBLIGATIONS)
    return f"""
    with sys as (
        select ccode, year from cow_system where year between {y1} and {y2}
        union all
        -- past the v2016 list: the states in the system at its end, carried forward
        select s.ccode, y.year
        from (select ccode from cow_system where year = 2016) s,
             range(greatest(2017, {y1}), {y2} + 1) y(year)
    ),
    {_atop_cte(atop_source, y1, y2)},
    part as (
        select dispnum, ccode, sidea, styear, coalesce(endyear, styear) as endyear, hostlev
        from mid_b
        where styear <= {y2} and coalesce(endyear, styear) >= {y1}
    ),
    mid_pairs as (
        select p1.ccode as ccode1, p2.ccode as ccode2, p1.dispnum,
               greatest(p1.styear, p2.styear) as onset,
               least(p1.endyear, p2.endyear) as stop,
               greatest(coalesce(p1.hostlev, 0), coalesce(p2.hostlev, 0)) as hostlev
        from part p1 join part p2 on p1.dispnum = p2.dispnum and p1.sidea <> p2.sidea
    ),
    mids as (
        select ccode1, ccode2, year,
               max((year = onset)::tinyint) as cowmidonset,
               1::tinyint as cowmidongoing,
               max(hostlev) as cowmid_hostlev
        from (select *, unnest(range(onset, greatest(onset, stop) + 1)) as year from mid_pairs)
        where year between {y1} and {y2}
        group by all
    ),
    majors as (
        select distinct ccode, y.year
        from cow_majors,
             range(greatest(styear, {y1}), least(endyear, {y2}) + 1) y(year)
        where styear <= {y2} and endyear >= {y1}
        union
        select ccode, y.year
        from cow_majors, range(greatest(2017, {y1}), {y2} + 1) y(year)
        where endyear = 2016 and endmonth = 12 and endday = 31
    )
    select s1.ccode::integer as ccode1, s2.ccode::integer as ccode2, s1.year::integer as year,
           {atop},
           {nmc1}, {nmc2},
           case when n2.cinc > 0 then n1.cinc / n2.cinc end as cinc_ratio,
           case when n1.cinc + n2.cinc > 0 then n1.cinc / (n1.cinc + n2.cinc) end as cinc_share1,
           {dem1}, {dem2},
           (mj1.ccode is not null)::tinyint as cowmaj1,
           (mj2.ccode is not null)::tinyint as cowmaj2,
           coalesce(m.cowmidonset, 0)::tinyint as cowmidonset,
           coalesce(m.cowmidongoing, 0)::tinyint as cowmidongoing,
           m.cowmid_hostlev::tinyint as cowmid_hostlev
    from sys s1
    join sys s2 on s1.year = s2.year and s1.ccode <> s2.ccode
    left join atop a on a.ccode1 = s1.ccode and a.ccode2 = s2.ccode and a.year = s1.year
    left join nmc n1 on n1.ccode = s1.ccode and n1.year = s1.year
    left join nmc n2 on n2.ccode = s2.ccode and n2.year = s1.year
    left join democracy d1 on d1.ccode = s1.ccode and d1.year = s1.year
    left join democracy d2 on d2.ccode = s2.ccode and d2.year = s1.year
    left join majors mj1 on mj1.ccode = s1.ccode and mj1.year = s1.year
    left join majors mj2 on mj2.ccode = s2.ccode and mj2.year = s1.year
    left join mids m on m.ccode1 = s1.ccode and m.ccode2 = s2.ccode and m.year = s1.year
    order by year, ccode1, ccode2
    """


def _check_years(y1: int, y2: int) -> None:
    if y1 > y2:
        raise FoedusError(f"--from {y1} is after --to {y2}")
    if y1 < FIRST_YEAR or y2 > LAST_YEAR:
        raise FoedusError(
            f"directed dyad-years cover {FIRST_YEAR}–{LAST_YEAR} (the state system and ATOP); "
            f"asked for {y1}–{y2}"
        )


def directed_dyad_years(
    start: int = FIRST_YEAR,
    end: int = 2016,
    data_dir: str | Path | None = None,
    *,
    catalogue: Catalogue | None = None,
    atop_source: str = "auto",
) -> pd.DataFrame:
    """Every directed dyad-year of the state system from ``start`` to ``end``, with covariates.

    Parameters
    ----------
    start, end : int
        Inclusive years, within 1816–2018.
    data_dir : str or Path, optional
        Dataset directory (default ``$FOEDUS_DATA``).
    catalogue : Catalogue, optional
        An open catalogue (default: the data directory's).
    atop_source : {"auto", "atop_ddyr", "atop_ddy", "atop_members"}
        Where the ATOP columns come from. ``auto`` prefers ATOP's own directed dyad-year file,
        then peacesciencer's export of it, and otherwise computes them from the member file.

    Returns
    -------
    pandas.DataFrame
        One row per (``ccode1``, ``ccode2``, ``year``); see the module docstring for columns.

    Examples
    --------
    >>> dyads = directed_dyad_years(2000, 2000, "data")  # doctest: +SKIP
    >>> dyads.query("ccode1 == 2 and ccode2 == 740").atop_defense.item()  # doctest: +SKIP
    1
    """
    _check_years(start, end)
    own = catalogue is None
    cat = catalogue or Catalogue.open(data_dir)
    try:
        cat.require(NEEDED)
        return cat.query(_sql(start, end, _choose_atop(cat, atop_source)))
    finally:
        if own:
            cat.close()


def write_dyad_years(
    path: str | Path,
    start: int = FIRST_YEAR,
    end: int = 2016,
    data_dir: str | Path | None = None,
    *,
    catalogue: Catalogue | None = None,
    atop_source: str = "auto",
) -> int:
    """Write the directed dyad-years to a Parquet (or ``.csv``) file; returns the row count.

    DuckDB streams the result into a temporary file beside ``path`` that is then renamed, so a
    failure never leaves a half-written file.
    """
    _check_years(start, end)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fmt = "csv" if target.suffix.lower() == ".csv" else "parquet"
    own = catalogue is None
    cat = catalogue or Catalogue.open(data_dir)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        cat.require(NEEDED)
        quoted = tmp.replace("'", "''")
        sql = _sql(start, end, _choose_atop(cat, atop_source))
        cat.con.execute(f"copy ({sql}) to '{quoted}' (format {fmt})")
        n = cat.con.execute(f"select count(*) from read_{fmt}('{quoted}')").fetchone()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        if own:
            cat.close()
    return int(n[0]) if n else 0
