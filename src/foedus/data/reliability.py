"""Alliance-reliability data: performance opportunities in war, with covariates joined.

Two files, in the layout of their authors' replication archives:

``berkemeier_fuhrmann_2018.csv``
    One row per war × alliance (Berkemeier & Fuhrmann 2018), with two codings of whether the
    alliance's commitment applied and was honoured: Leeds, Long & Mitchell's (``*LLM``) and the
    authors' own (``*BF``). A row with ``dnaLLM = 1`` is *not* a performance opportunity (the
    commitment did not apply to that war); among the rest ``honorLLM = 1`` is honoured and
    ``violateLLM = 1`` violated. ``sample = 1`` marks 1816–1944, ``0`` 1945–2003.
``leeds_anac_2005.csv``
    Leeds & Anac (2005): one row per war × alliance × obliged state (``ccode1``), 1816–1944, with
    their institutionalisation (``milinst``) and change-since-signing codings.

:func:`performance_opportunities` keeps the rows where a commitment applied and codes the outcome
(``honoured`` 1/0); :func:`reliability_table` adds the covariates the reliability model uses,
joined by ATOP id and war year from ATOP 5.1 (alliance and member level), COW NMC and V-Dem (via
the shared loaders of :mod:`foedus.data.loaders`). Nothing in the covariates is taken from the
outcome codings (``honor*``, ``violate*``, ``sab*``) or from alliance termination, which could
reflect the violation itself.

Examples
--------
>>> from foedus.data.reliability import reliability_table  # doctest: +SKIP
>>> table = reliability_table("data")  # doctest: +SKIP
>>> table.groupby("post1945").honoured.mean()  # doctest: +SKIP
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from foedus.data._csv import ROW_COLUMN, Col, TableSpec, read_table
from foedus.data._datasets import RELIABILITY_BF, RELIABILITY_LA
from foedus.data.loaders import find_file
from foedus.errors import DataFormatError, DataNotFoundError

__all__ = [
    "BF_FILENAME",
    "COVARIATE_COLUMNS",
    "LA_FILENAME",
    "add_covariates",
    "find_reliability_file",
    "load_berkemeier_fuhrmann",
    "load_leeds_anac",
    "performance_opportunities",
    "reliability_table",
    "war_start_year",
]

BF_FILENAME = "berkemeier_fuhrmann_2018.csv"
LA_FILENAME = "leeds_anac_2005.csv"


def _flag(name: str, *, nullable: bool = True, required: bool = True) -> Col:
    return Col(name, "int", required=required, nullable=nullable, lo=0, hi=1)


# Stricter than the catalogue's spec: every column the model reads is declared, with its range,
# so that a damaged copy fails here with a row and a column instead of skewing a fit.
_BF_SPEC = TableSpec(
    columns=(
        _flag("sample", nullable=False),
        Col("warid", "int", nullable=False, lo=1),
        Col("atopid", "int", nullable=False, lo=1000, hi=9999),
        Col("cowwarid", "int", lo=1, required=False),
        # A missing name only costs the war year (the era then comes from ``sample``).
        Col("warname", "str"),
        Col("cowid", "int", lo=1, hi=9999, required=False),
        _flag("multilateral", nullable=False),
        *(_flag(n, nullable=False) for n in ("defense", "offense", "neutral", "nonagg", "consul")),
        *(_flag(n) for n in ("dnaLLM", "honorLLM", "violateLLM")),
        *(_flag(n, required=False) for n in ("dnaBF", "honorBF", "violateBF")),
        *(_flag(n, required=False) for n in ("sabhon", "sabvio", "cfnaLLM", "cfnaBF")),
    ),
    min_rows=1,
)

_LA_SPEC = TableSpec(
    columns=(
        Col("war", "int", nullable=False, lo=1),
        Col("atopid", "int", nullable=False, lo=1000, hi=9999),
        Col("ccode1", "int", nullable=False, lo=1, hi=999),
        _flag("honor3", nullable=False),
        _flag("honor2", required=False),
        Col("milinst", "int", lo=0, hi=2, required=False, missing=(-9,)),
        Col("formal", "int", lo=0, hi=2, required=False, missing=(-9,)),
        *(
            _flag(n, required=False)
            for n in (
                "chcap2d",
                "dinstch2",
                "origtar1",
                "chalcapd",
                "chcp2d20",
                "regch2",
                "wartime",
                "active",
                "bilat",
            )
        ),
    ),
    min_rows=1,
)

#: Covariate columns :func:`add_covariates` adds (NaN where a source has no value).
COVARIATE_COLUMNS: tuple[str, ...] = (
    "signed_year",
    "wartime",
    "years_in_force",
    "n_members",
    "major_power",
    "min_polyarchy",
    "institutionalised",
    "specific_threat",
    "capability_change",
    "democracy_change",
)


def find_reliability_file(name: str, data_dir: str | Path | None = None) -> Path:
    """Locate ``name`` in ``data_dir`` itself, or in its ``alliance-reliability/`` folder.

    Parameters
    ----------
    name : str
        :data:`BF_FILENAME` or :data:`LA_FILENAME`.
    data_dir : str or Path, optional
        The data directory (default ``$FOEDUS_DATA``); a directory holding the file directly is
        accepted too.

    Raises
    ------
    DataNotFoundError
        The file is in neither place.
    """
    ds = RELIABILITY_BF if name == BF_FILENAME else RELIABILITY_LA
    if data_dir is not None:
        root = Path(data_dir)
        for candidate in (root / name, root / "alliance-reliability" / name):
            if candidate.is_file():
                return candidate
    found = find_file(ds, data_dir)
    if found is None or found.name != name:
        raise DataNotFoundError(
            f"{name} not found in {data_dir or '$FOEDUS_DATA'} (nor its alliance-reliability/ "
            f"folder); get it from {ds.source} ({ds.citation.split('.')[0]})"
        )
    return found


def _resolve(name: str, data_dir: str | Path | None, path: str | Path | None) -> Path:
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise DataNotFoundError(f"{p}: file not found")
        return p
    return find_reliability_file(name, data_dir)


def load_berkemeier_fuhrmann(
    data_dir: str | Path | None = None, *, path: str | Path | None = None
) -> pd.DataFrame:
    """Read the Berkemeier & Fuhrmann (2018) war × alliance file, every row.

    Parameters
    ----------
    data_dir : str or Path, optional
        Where to look (see :func:`find_reliability_file`).
    path : str or Path, optional
        The file itself (any file in the same format, such as an evaluation file).

    Returns
    -------
    pandas.DataFrame
        Lower-case columns with nullable integer dtypes, ``warname`` as text and
        ``source_line`` (the record's line in the file); ``attrs["source"]`` names the file.

    Raises
    ------
    DataFormatError
        CRLF line ends, a byte-order mark and empty cells are accepted; a short or long row, a
        non-numeric or out-of-range flag, or a missing column are not.
    """
    file = _resolve(BF_FILENAME, data_dir, path)
    df = read_table(file, _BF_SPEC)
    df.attrs["source"] = {"file": file.name, "path": str(file), "citation": RELIABILITY_BF.citation}
    return df


def load_leeds_anac(
    data_dir: str | Path | None = None, *, path: str | Path | None = None
) -> pd.DataFrame:
    """Read the Leeds & Anac (2005) replication file (war × alliance × obliged state).

    ``honor3`` is the authors' honoured (1) / violated (0) coding; ``milinst`` their 0–2
    institutionalisation scale. Errors as in :func:`load_berkemeier_fuhrmann`.
    """
    file = _resolve(LA_FILENAME, data_dir, path)
    df = read_table(file, _LA_SPEC)
    df.attrs["source"] = {"file": file.name, "path": str(file), "citation": RELIABILITY_LA.citation}
    return df


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_NAMED_WARS = {"worldwari": 1914, "worldwarii": 1939}


def war_start_year(name: str) -> int | None:
    """The year a war began, read from its name in the B&F file (``Crimean1853-1856`` → 1853).

    Returns None when the name carries no year.

    Examples
    --------
    >>> war_start_year("Korean_1950-53"), war_start_year("WorldWarII"), war_start_year("X")
    (1950, 1939, None)
    """
    key = re.sub(r"[^a-z]", "", name.lower())
    if key in _NAMED_WARS:
        return _NAMED_WARS[key]
    m = _YEAR.search(name)
    return int(m.group(1)) if m else None


def performance_opportunities(bf: pd.DataFrame) -> pd.DataFrame:
    """The rows of a B&F frame where the commitment applied, with the outcome coded.

    Uses the Leeds–Long–Mitchell coding, as the published base rates do: a row with
    ``dnallm = 1`` is dropped; on every other row exactly one of ``honorllm`` and ``violatellm``
    must be 1.

    Parameters
    ----------
    bf : pandas.DataFrame
        As returned by :func:`load_berkemeier_fuhrmann`.

    Returns
    -------
    pandas.DataFrame
        The opportunities, with ``honoured`` (int 0/1), ``war_year`` (float, NaN when the war's
        name carries no year) and ``post1945`` (bool: the war began in 1945 or later; when the
        year is unknown, the file's own era flag ``sample == 0`` decides).

    Raises
    ------
    DataFormatError
        An opportunity is coded both honoured and violated, or neither.
    """
    file = bf.attrs.get("source", {}).get("path", "berkemeier_fuhrmann_2018.csv")
    dna = bf["dnallm"].fillna(0).astype(int) == 1
    opp = bf.loc[~dna].copy()
    hon = opp["honorllm"].fillna(0).astype(int)
    vio = opp["violatellm"].fillna(0).astype(int)
    bad = (hon + vio) != 1
    if bad.any():
        row = opp.loc[bad].iloc[0]
        how = "both honoured and violated" if hon[bad].iloc[0] else "neither honoured nor violated"
        raise DataFormatError(
            file,
            f"war {row['warid']} / alliance {row['atopid']} is a performance opportunity "
            f"(dnaLLM is not 1) but is coded {how}",
            row=int(row[ROW_COLUMN]) if ROW_COLUMN in row else None,
            column="honorLLM",
        )
    opp["honoured"] = hon.astype(int).to_numpy()
    years = [war_start_year(n) if isinstance(n, str) else None for n in opp["warname"]]
    opp["war_year"] = np.array([np.nan if y is None else float(y) for y in years])
    era = opp["sample"].astype(int).to_numpy() == 0
    opp["post1945"] = np.where(np.isnan(opp["war_year"]), era, opp["war_year"] >= 1945)
    opp.attrs = dict(bf.attrs)
    return opp.reset_index(drop=True)


def _in_force_members(members: pd.DataFrame, keys: pd.DataFrame) -> pd.DataFrame:
    """Members of each (row, alliance) in force in the war year, with the year each joined."""
    m = members[["atopid", "member", "yrent", "yrexit"]].dropna(subset=["member"]).copy()
    m = m.astype({"atopid": "int64", "member": "int64"})
    m["yrent"] = m["yrent"].astype("float64")
    m["yrexit"] = m["yrexit"].astype("float64").fillna(0.0)
    # One spell per member: ATOP repeats members across phases; the first entry is the signing.
    m = m.groupby(["atopid", "member"], as_index=False).agg(
        yrent=("yrent", "min"), yrexit=("yrexit", "max")
    )
    j = keys.merge(m, on="atopid", how="left")
    live = (j["yrent"] <= j["year"]) & ((j["yrexit"] == 0) | (j["yrexit"] >= j["year"]))
    # When no member is coded in force (exit in the year before the war, a war-year signing
    # coded later), keep all members rather than lose the row's covariates.
    any_live = live.groupby(j["row"]).transform("any")
    return j.loc[live | ~any_live].dropna(subset=["member"])


def add_covariates(
    opportunities: pd.DataFrame,
    data_dir: str | Path | None = None,
    *,
    atop_alliances: pd.DataFrame | None = None,
    atop_members: pd.DataFrame | None = None,
    nmc: pd.DataFrame | None = None,
    democracy: pd.DataFrame | None = None,
    majors: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Join the model's covariates to performance opportunities (by ATOP id and war year).

    Parameters
    ----------
    opportunities : pandas.DataFrame
        From :func:`performance_opportunities`.
    data_dir : str or Path, optional
        Where ATOP 5.1, COW NMC, the democracy file and COW major powers are found; frames
        passed explicitly are used instead.

    Returns
    -------
    pandas.DataFrame
        ``opportunities`` with the :data:`COVARIATE_COLUMNS`:

        ``signed_year``, ``wartime`` (ATOP: signed while a member was at war),
        ``years_in_force`` (war year − signing year), ``n_members`` (members in force),
        ``major_power`` (any member a COW major power in the war year), ``min_polyarchy``
        (lowest V-Dem polyarchy among members), ``institutionalised`` (ATOP: integrated command,
        common defence policy, bases or subordination — Leeds & Anac's "high"),
        ``specific_threat`` (ATOP ``specthrt`` > 0), ``capability_change`` (largest change of
        any member's share of the alliance's CINC between its entry year and the war year) and
        ``democracy_change`` (largest change of any member's polyarchy over the same span).

    Raises
    ------
    DataNotFoundError
        A covariate dataset is neither passed nor found.
    """
    from foedus.data.loaders import load

    a = atop_alliances if atop_alliances is not None else load("atop_alliances", data_dir)
    mem = atop_members if atop_members is not None else load("atop_members", data_dir)
    cap = nmc if nmc is not None else load("nmc", data_dir)
    dem = democracy if democracy is not None else load("democracy", data_dir)
    maj = majors if majors is not None else load("cow_majors", data_dir)

    out = opportunities.copy()
    n = len(out)
    cols = ["atopid", "begyr", "wartime", "intcom", "milcon", "base", "subord", "specthrt"]
    al = a[cols].astype("float64").drop_duplicates("atopid").set_index("atopid")
    al = al.reindex(out["atopid"].astype("float64").to_numpy())
    out["signed_year"] = al["begyr"].to_numpy()
    year = out["war_year"].to_numpy(dtype=float)
    year = np.where(np.isnan(year), np.where(out["post1945"], 1945.0, 1944.0), year)
    out["wartime"] = al["wartime"].to_numpy()
    out["years_in_force"] = np.clip(year - out["signed_year"].to_numpy(), 0, None)
    inst = (
        (al["intcom"].fillna(0) > 0)
        | (al["milcon"].fillna(0) >= 3)
        | (al["base"].fillna(0) > 0)
        | (al["subord"].fillna(0) > 0)
    )
    out["institutionalised"] = np.where(al["begyr"].isna(), np.nan, inst.astype(float))
    threat = al["specthrt"].to_numpy(dtype=float)
    out["specific_threat"] = np.where(np.isnan(threat), np.nan, (threat > 0).astype(float))

    keys = pd.DataFrame(
        {"row": np.arange(n), "atopid": out["atopid"].astype("int64"), "year": year}
    )
    j = _in_force_members(mem, keys)
    j["year_i"] = j["year"].astype("int64")
    j["yrent_i"] = j["yrent"].fillna(j["year"]).astype("int64")

    c = cap[["ccode", "year", "cinc"]].astype({"ccode": "int64", "year": "int64"})
    c = c.set_index(["ccode", "year"])["cinc"].astype("float64")
    d = dem[["ccode", "year", "v2x_polyarchy"]].astype({"ccode": "int64", "year": "int64"})
    d = d.set_index(["ccode", "year"])["v2x_polyarchy"].astype("float64")

    def look(s: pd.Series, years: str) -> np.ndarray:
        idx = pd.MultiIndex.from_arrays([j["member"].astype("int64"), j[years]])
        return s.reindex(idx).to_numpy(dtype=float)

    j["cinc_war"] = look(c, "year_i")
    j["cinc_sign"] = look(c, "yrent_i")
    j["poly_war"] = look(d, "year_i")
    j["poly_sign"] = look(d, "yrent_i")
    # Shares within the alliance, so that a member's rise or fall is measured against its
    # partners (Leeds 2003: a shift in relative power since signing predicts violation).
    j["share_war"] = j["cinc_war"] / j.groupby("row")["cinc_war"].transform("sum")
    j["share_sign"] = j["cinc_sign"] / j.groupby("row")["cinc_sign"].transform("sum")
    j["dshare"] = (j["share_war"] - j["share_sign"]).abs()
    j["dpoly"] = (j["poly_war"] - j["poly_sign"]).abs()
    mj = maj[["ccode", "styear", "endyear"]].astype("int64")
    mm = j[["row", "member", "year_i"]].merge(mj, left_on="member", right_on="ccode", how="left")
    mm["is_major"] = (mm["styear"] <= mm["year_i"]) & (mm["endyear"] >= mm["year_i"])
    g = j.groupby("row")
    per_row = pd.DataFrame(
        {
            "n_members": g["member"].nunique(),
            "min_polyarchy": g["poly_war"].min(),
            "capability_change": g["dshare"].max(),
            "democracy_change": g["dpoly"].max(),
        }
    )
    per_row["major_power"] = mm.groupby("row")["is_major"].any().astype(float)
    per_row = per_row.reindex(np.arange(n))
    for col in per_row.columns:
        out[col] = per_row[col].to_numpy(dtype=float)
    return out


def reliability_table(
    data_dir: str | Path | None = None,
    *,
    path: str | Path | None = None,
    covariates: bool = True,
) -> pd.DataFrame:
    """Performance opportunities of a B&F-format file, with covariates joined.

    Parameters
    ----------
    data_dir : str or Path, optional
        The data directory (default ``$FOEDUS_DATA``): the reliability file is looked up there
        unless ``path`` is given, and the covariate datasets always are.
    path : str or Path, optional
        A B&F-format file to use instead of the data directory's (an evaluation file).
    covariates : bool
        Join :data:`COVARIATE_COLUMNS` (needs ATOP, NMC, democracy and COW majors).
    """
    opp = performance_opportunities(load_berkemeier_fuhrmann(data_dir, path=path))
    return add_covariates(opp, data_dir) if covariates else opp
