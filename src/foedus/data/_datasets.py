"""The datasets foedus reads: their files, layouts, versions, citations and official sources.

Each :class:`Dataset` names the file(s) a user downloads from the provider, how to recognise them
in a data directory (by file name, anywhere below it), the column expectations the strict reader
checks, the citation to use and where the official release lives.
"""

from __future__ import annotations

from dataclasses import dataclass

from foedus.data._csv import Col, TableSpec

FLAG = {"kind": "int", "lo": 0, "hi": 1}


def _flags(*names: str, nullable: bool = False) -> tuple[Col, ...]:
    return tuple(Col(n, "int", lo=0, hi=1, nullable=nullable) for n in names)


OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")
CONDITIONS = (
    "defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr",
    "offcoadv", "offcoloc", "offcocon", "offconum", "offcodem",
    "neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem", "neuconpr", "neucoatt",
    "concoadv", "concoloc", "concocon", "concoreq",
)  # fmt: skip

ATOP_VERSION = Col("version", "float", exact=5.1, required=True)
ATOP_CITE = (
    "Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell and Andrew G. Long. 2002. "
    '"Alliance Treaty Obligations and Provisions, 1815-1944." International Interactions '
    "28: 237-260. Data: ATOP version 5.1."
)
COW_STATES_CITE = (
    'Correlates of War Project. 2017. "State System Membership List, v2016." '
    "Online, http://correlatesofwar.org"
)
NMC_CITE = (
    'Singer, J. David, Stuart Bremer and John Stuckey. 1972. "Capability Distribution, '
    'Uncertainty, and Major Power War, 1820-1965." In Bruce Russett (ed.), Peace, War, and '
    "Numbers. Beverly Hills: Sage, 19-48. Data: COW National Material Capabilities, version {v}."
)
MID_CITE = (
    "Palmer, Glenn, Roseanne W. McManus, Vito D'Orazio, Michael R. Kenwick, Mikaela Karstens, "
    "Chase Bloch, Nick Dietrich, Kayla Kahn, Kellan Ritter and Michael J. Soules. 2022. "
    '"The MID5 Dataset, 2011-2014: Procedures, coding rules, and description." Conflict '
    "Management and Peace Science 39(4): 470-482. Data: COW MID version 5.0."
)
DEMOCRACY_CITE = (
    'Coppedge, Michael, et al. 2020. "V-Dem Dataset v10." Varieties of Democracy (V-Dem) '
    "Project (CC BY-SA 4.0); Marshall, Monty G. and Ted Robert Gurr. Polity IV Project: "
    "Political Regime Characteristics and Transitions, 1800-2018; Marquez, Xavier. 2016. "
    '"A Quick Method for Extending the Unified Democracy Scores." As assembled by Miller, '
    'Steven V. 2022. "peacesciencer: An R Package for Quantitative Peace Science Research." '
    "Conflict Management and Peace Science 39(6)."
)


@dataclass(frozen=True)
class Dataset:
    """One dataset file foedus can read.

    Parameters
    ----------
    key : str
        Short name, also the catalogue table's name.
    title, version : str
        What it is, and the release.
    filenames : tuple of str
        File names to look for under the data directory (first match wins; glob patterns allowed).
    spec : TableSpec
        What the strict reader checks.
    citation : str
        The reference to cite.
    source : str
        Where the official release is published.
    url : str
        Where ``foedus data fetch`` downloads it from (a CSV, or a zip holding ``member``).
    member : str
        File inside the zip at ``url``, when it is one.
    folder : str
        Folder the fetched file goes into under the data directory.
    sha256 : str
        Checksum of the official file, for ``fetch`` and for ``status`` to flag modified copies.
    optional : bool
        Not needed by the world builder (reliability data, SIPRI, alternative layouts).
    """

    key: str
    title: str
    version: str
    filenames: tuple[str, ...]
    spec: TableSpec
    citation: str
    source: str
    url: str = ""
    member: str = ""
    folder: str = ""
    sha256: str = ""
    optional: bool = False


_YEAR = {"lo": 1800, "hi": 2100}

ATOP_ALLIANCES = Dataset(
    key="atop_alliances",
    sha256="eafd146fa5c5bc2737ae829288c87d01c990a55fbc82dcc2dc08b94c0d7b5b7d",
    title="ATOP alliance-level data",
    version="5.1",
    filenames=("atop5_1a.csv",),
    spec=TableSpec(
        columns=(
            Col("atopid", nullable=False, lo=1000, hi=9999),
            Col("begyr", nullable=False, lo=1815, hi=2100),
            Col("begmo", lo=0, hi=12, missing=(-9,)),
            Col("begday", lo=0, hi=31, missing=(-9,)),
            Col("endyr", lo=0, hi=2100, missing=(-9,)),
            Col("endmo", lo=0, hi=12, missing=(-9,)),
            Col("endday", lo=0, hi=31, missing=(-9,)),
            *_flags("ineffect", "bilat", *OBLIGATIONS),
            ATOP_VERSION,
        )
    ),
    citation=ATOP_CITE,
    source="http://www.atopdata.org/data.html",
    url="http://www.atopdata.org/uploads/6/9/1/3/69134503/atop_5.1__.csv_.zip",
    member="atop5_1a.csv",
    folder="atop-5.1",
)

ATOP_MEMBERS = Dataset(
    key="atop_members",
    sha256="0e3c803f65275c3cb9309d08c04710416dff16aee936c8b4f887c7b67ee5b55b",
    title="ATOP member-level data (obligations and their conditions)",
    version="5.1",
    filenames=("atop5_1m.csv",),
    spec=TableSpec(
        columns=(
            Col("atopid", nullable=False, lo=1000, hi=9999),
            Col("member", nullable=False, lo=1, hi=9999),
            Col("yrent", nullable=False, lo=1815, hi=2100),
            Col("moent", lo=0, hi=12, missing=(-9,)),
            Col("dayent", lo=0, hi=31, missing=(-9,)),
            Col("yrexit", nullable=False, lo=0, hi=2100),
            Col("moexit", lo=0, hi=12, missing=(-9,)),
            Col("dayexit", lo=0, hi=31, missing=(-9,)),
            Col("phase", lo=0, hi=20),
            *_flags("ineffect", "bilat", *OBLIGATIONS, *CONDITIONS),
            Col("statthr1", lo=0, hi=999, missing=(-9,)),
            Col("statthr2", lo=0, hi=999, missing=(-9,)),
            ATOP_VERSION,
        )
    ),
    citation=ATOP_CITE,
    source="http://www.atopdata.org/data.html",
    url=ATOP_ALLIANCES.url,
    member="atop5_1m.csv",
    folder="atop-5.1",
)

ATOP_STATE_YEAR = Dataset(
    key="atop_state_year",
    sha256="187ce932d5b77002f795d849b67b5b2dd6baa170304bed58663c4194e240f929",
    title="ATOP state-year data",
    version="5.1",
    filenames=("atop5_1sy.csv",),
    spec=TableSpec(
        columns=(
            Col("state", nullable=False, lo=1, hi=9999),
            Col("year", nullable=False, lo=1815, hi=2100),
            *_flags("atopally", *OBLIGATIONS),
            Col("number", lo=0, hi=200),
            ATOP_VERSION,
        )
    ),
    citation=ATOP_CITE,
    source="http://www.atopdata.org/data.html",
    url=ATOP_ALLIANCES.url,
    member="atop5_1sy.csv",
    folder="atop-5.1",
    optional=True,
)

ATOP_DDY = Dataset(
    key="atop_ddy",
    sha256="681567e23d41c85f7d466308a55241238c15be1225b91852e360cfee4ab27719",
    title="ATOP directed dyad-year data (peacesciencer layout)",
    version="5.1",
    filenames=("atop_alliance_directed_dyad_year.csv",),
    spec=TableSpec(
        columns=(
            Col("ccode1", nullable=False, lo=1, hi=9999),
            Col("ccode2", nullable=False, lo=1, hi=9999),
            Col("year", nullable=False, lo=1815, hi=2100),
            *(Col(f"atop_{o}", lo=0, hi=1, nullable=False) for o in OBLIGATIONS),
        )
    ),
    citation=ATOP_CITE + " Directed dyad-years as derived by peacesciencer (Miller 2022).",
    source="http://www.atopdata.org/data.html",
    folder="atop-5.1-derived",
    optional=True,
)

ATOP_DDYR = Dataset(
    key="atop_ddyr",
    title="ATOP directed dyad-year data (official layout)",
    version="5.1",
    filenames=("atop5_1ddyr.csv",),
    spec=TableSpec(
        columns=(
            Col("statea", nullable=False, lo=1, hi=9999),
            Col("stateb", nullable=False, lo=1, hi=9999),
            Col("year", nullable=False, lo=1815, hi=2100),
            *_flags("atopally", *OBLIGATIONS, nullable=True),
        )
    ),
    citation=ATOP_CITE,
    source="http://www.atopdata.org/data.html",
    url=ATOP_ALLIANCES.url,
    member="atop5_1ddyr.csv",
    folder="atop-5.1",
    optional=True,
)

NMC = Dataset(
    key="nmc",
    sha256="81f5863d4d50bc3eea30a7ed0c69c6ad5deab0aef3caaf58b5e6f164edbccda8",
    title="COW National Material Capabilities",
    version="7.0",
    filenames=(
        "cow_nmc_7.0.csv",
        "NMC-70-abridged.csv",
        "NMC-70-wsupplementary.csv",
        "NMC-60-abridged.csv",
        "NMC-60-wsupplementary.csv",
    ),
    spec=TableSpec(
        columns=(
            Col("stateabb", "str", required=False),
            Col("ccode", nullable=False, lo=1, hi=999),
            Col("year", nullable=False, lo=1816, hi=2100),
            Col("milex", "float", missing=(-9,), lo=0),
            Col("milper", "float", missing=(-9,), lo=0),
            Col("irst", "float", missing=(-9,), lo=0),
            Col("pec", "float", missing=(-9,), lo=0),
            Col("tpop", "float", missing=(-9,), lo=0),
            Col("upop", "float", missing=(-9,), lo=0),
            Col("cinc", "float", missing=(-9,), lo=0, hi=1),
            Col("version", "float", required=False),
        )
    ),
    citation=NMC_CITE.format(v="7.0"),
    source="https://correlatesofwar.org/data-sets/national-material-capabilities/",
    folder="cow-nmc-7.0",
)

STATES = Dataset(
    key="cow_states",
    sha256="21822fe1ef67aedf2e64ebe9746e2b875c6175c8ce599750bc0e77e4ce393167",
    title="COW State System Membership: state spells",
    version="2016",
    filenames=("states2016.csv",),
    spec=TableSpec(
        columns=(
            Col("stateabb", "str", nullable=False),
            Col("ccode", nullable=False, lo=1, hi=999),
            Col("statenme", "str", nullable=False),
            Col("styear", nullable=False, lo=1816, hi=2100),
            Col("stmonth", lo=0, hi=12, missing=(-9,)),
            Col("stday", lo=0, hi=31, missing=(-9,)),
            Col("endyear", nullable=False, lo=1816, hi=2100),
            Col("endmonth", lo=0, hi=12, missing=(-9,)),
            Col("endday", lo=0, hi=31, missing=(-9,)),
            Col("version", exact=2016),
        )
    ),
    citation=COW_STATES_CITE,
    source="https://correlatesofwar.org/data-sets/state-system-membership/",
    url="https://correlatesofwar.org/wp-content/uploads/states2016.csv",
    folder="cow-states-2016",
)

MAJORS = Dataset(
    key="cow_majors",
    sha256="6ba42de12f2f63401ff5a61e6d0037d17b5dd03ed9aca07d0bc16660e03694eb",
    title="COW State System Membership: major powers",
    version="2016",
    filenames=("majors2016.csv",),
    spec=TableSpec(
        columns=(
            Col("stateabb", "str", nullable=False),
            Col("ccode", nullable=False, lo=1, hi=999),
            Col("styear", nullable=False, lo=1816, hi=2100),
            Col("stmonth", lo=0, hi=12, missing=(-9,)),
            Col("stday", lo=0, hi=31, missing=(-9,)),
            Col("endyear", nullable=False, lo=1816, hi=2100),
            Col("endmonth", lo=0, hi=12, missing=(-9,)),
            Col("endday", lo=0, hi=31, missing=(-9,)),
            Col("version", exact=2016),
        )
    ),
    citation=COW_STATES_CITE,
    source=STATES.source,
    url="https://correlatesofwar.org/wp-content/uploads/majors2016.csv",
    folder="cow-states-2016",
)

SYSTEM = Dataset(
    key="cow_system",
    sha256="280e10b408c0aefb3b452e1d35d59a54d78935c08ac3a6039c47cb982cdc9f17",
    title="COW State System Membership: state-years",
    version="2016",
    filenames=("system2016.csv",),
    spec=TableSpec(
        columns=(
            Col("stateabb", "str", nullable=False),
            Col("ccode", nullable=False, lo=1, hi=999),
            Col("year", nullable=False, lo=1816, hi=2100),
            Col("version", exact=2016),
        )
    ),
    citation=COW_STATES_CITE,
    source=STATES.source,
    url="https://correlatesofwar.org/wp-content/uploads/system2016.csv",
    folder="cow-states-2016",
)

POLITY_MISSING = (-66, -77, -88)

DEMOCRACY = Dataset(
    key="democracy",
    sha256="0721899bbde6d0183a0dafdb674260a1a79e07319e96684c5cd02da6a98f8725",
    title="Democracy scores by COW state-year (V-Dem polyarchy, Polity2, UDS)",
    version="peacesciencer (V-Dem v10, Polity IV 2018)",
    filenames=("ccode_democracy.csv",),
    spec=TableSpec(
        columns=(
            Col("ccode", nullable=False, lo=1, hi=999),
            Col("year", nullable=False, lo=1800, hi=2100),
            Col("v2x_polyarchy", "float", lo=0, hi=1),
            Col("polity2", "float", lo=-10, hi=10, missing=POLITY_MISSING),
            Col("xm_qudsest", "float", required=False),
        )
    ),
    citation=DEMOCRACY_CITE,
    source="https://www.v-dem.net/data/ and https://www.systemicpeace.org/inscrdata.html",
    folder="democracy",
)

POLITY = Dataset(
    key="polity",
    title="Polity IV / Polity5 annual time series (official layout)",
    version="p5v2018 / p4v2018",
    filenames=("p5v2018.csv", "p4v2018.csv", "p4v2017.csv"),
    spec=TableSpec(
        columns=(
            Col("ccode", nullable=False, lo=1, hi=999),
            Col("year", nullable=False, lo=1700, hi=2100),
            Col("polity2", "float", lo=-10, hi=10, missing=POLITY_MISSING),
            Col("polity", "float", lo=-10, hi=10, missing=POLITY_MISSING, required=False),
            Col("democ", "float", lo=0, hi=10, missing=POLITY_MISSING, required=False),
            Col("autoc", "float", lo=0, hi=10, missing=POLITY_MISSING, required=False),
        )
    ),
    citation="Marshall, Monty G. and Ted Robert Gurr. Polity5: Political Regime Characteristics "
    "and Transitions, 1800-2018. Center for Systemic Peace.",
    source="https://www.systemicpeace.org/inscrdata.html",
    folder="democracy",
    optional=True,
)

VDEM = Dataset(
    key="vdem",
    title="V-Dem country-year (official layout)",
    version="as downloaded",
    filenames=("V-Dem-CY-Core*.csv", "V-Dem-CY-Full*.csv", "vdem*.csv"),
    spec=TableSpec(
        columns=(
            Col("cowcode", lo=1, hi=999),
            Col("year", nullable=False, lo=1700, hi=2100),
            Col("v2x_polyarchy", "float", lo=0, hi=1),
            Col("country_text_id", "str", required=False),
        ),
        keep_other_columns=False,
    ),
    citation="Coppedge, Michael, et al. V-Dem Country-Year Dataset. Varieties of Democracy "
    "(V-Dem) Project. CC BY-SA 4.0.",
    source="https://www.v-dem.net/data/",
    folder="democracy",
    optional=True,
)

_MID_DATE = (
    Col("stday", lo=0, hi=31, missing=(-9,)),
    Col("stmon", lo=0, hi=12, missing=(-9,)),
    Col("styear", nullable=False, lo=1816, hi=2100),
    Col("endday", lo=0, hi=31, missing=(-9,)),
    Col("endmon", lo=0, hi=12, missing=(-9,)),
    Col("endyear", lo=1816, hi=2100, missing=(-9,)),
)

MIDA = Dataset(
    key="mid_a",
    sha256="fa00331f8b5e68b57d510303039081a1494b4d45df680ca38dfd8640d32c8474",
    title="COW Militarized Interstate Disputes: dispute level",
    version="5.0",
    filenames=("MIDA_5.0.csv",),
    spec=TableSpec(
        columns=(
            Col("dispnum", nullable=False, lo=1, hi=99999),
            *_MID_DATE,
            Col("outcome", lo=0, hi=10, missing=(-9,)),
            Col("fatality", lo=0, hi=6, missing=(-9,)),
            Col("hiact", lo=0, hi=23, missing=(-9,)),
            Col("hostlev", lo=1, hi=5, missing=(-9,)),
            Col("numa", lo=0, hi=100),
            Col("numb", lo=0, hi=100),
            Col("version", "float", exact=5.0),
        )
    ),
    citation=MID_CITE,
    source="https://correlatesofwar.org/data-sets/mids/",
    folder="cow-mid-5.0",
)

MIDB = Dataset(
    key="mid_b",
    sha256="5189071e3b8aa32e1338f3df43fe574f4a0f2a06b2f481a3213c9e8f01211722",
    title="COW Militarized Interstate Disputes: participant level",
    version="5.0",
    filenames=("MIDB_5.0.csv",),
    spec=TableSpec(
        columns=(
            Col("dispnum", nullable=False, lo=1, hi=99999),
            Col("stabb", "str"),
            Col("ccode", nullable=False, lo=1, hi=999),
            *_MID_DATE,
            Col("sidea", nullable=False, lo=0, hi=1),
            Col("revstate", lo=0, hi=1, missing=(-9,)),
            Col("fatality", lo=0, hi=6, missing=(-9,)),
            Col("hiact", lo=0, hi=23, missing=(-9,)),
            Col("hostlev", lo=1, hi=5, missing=(-9,)),
            Col("orig", lo=0, hi=1, missing=(-9,)),
            Col("version", "float", exact=5.0),
        )
    ),
    citation=MID_CITE,
    source="https://correlatesofwar.org/data-sets/mids/",
    folder="cow-mid-5.0",
)

RELIABILITY_BF = Dataset(
    key="reliability_bf",
    sha256="79cf1d077eb76700bf4dd69baf94a56ca0be39b98b4ec871276b41f8f4e132e4",
    title="Alliance performance in war (Berkemeier & Fuhrmann 2018; LLM and BF codings)",
    version="2018",
    filenames=("berkemeier_fuhrmann_2018.csv",),
    spec=TableSpec(
        columns=(
            Col("sample", lo=0, hi=1),
            Col("warid"),
            Col("atopid", lo=1000, hi=9999),
            Col("cowid", lo=1, hi=9999),
            Col("warname", "str", required=False),
            *_flags("honorllm", "violatellm", "dnallm", nullable=True),
            *_flags("honorbf", "violatebf", "dnabf", nullable=True),
        )
    ),
    citation='Berkemeier, Molly and Matthew Fuhrmann. 2018. "Reassessing the fulfillment of '
    'alliance commitments in war." Research & Politics 5(2); Leeds, Brett Ashley, Andrew G. '
    'Long and Sara McLaughlin Mitchell. 2000. "Reevaluating Alliance Reliability." Journal of '
    "Conflict Resolution 44(5): 686-699.",
    source="Research & Politics replication archive (Harvard Dataverse)",
    folder="alliance-reliability",
    optional=True,
)

RELIABILITY_LA = Dataset(
    key="reliability_la",
    sha256="180022488b13351d545f734a45968c1092f0e23c3a8fda81b2893233f05780da",
    title="Leeds & Anac 2005 alliance-reliability replication data",
    version="2005",
    filenames=("leeds_anac_2005.csv",),
    spec=TableSpec(
        columns=(
            Col("war"),
            Col("atopid", lo=1000, hi=9999),
            Col("ccode1", lo=1, hi=999),
            Col("honor3", lo=0, hi=1, missing=(-9,)),
        )
    ),
    citation='Leeds, Brett Ashley and Sezi Anac. 2005. "Alliance Institutionalization and '
    'Alliance Performance." International Interactions 31(3): 183-202.',
    source="Author's replication files",
    folder="alliance-reliability",
    optional=True,
)

SIPRI = Dataset(
    key="sipri_trade",
    title="SIPRI Arms Transfers Database: trade register (user's own download)",
    version="as downloaded",
    filenames=("trade-register*.csv", "TradeRegister*.csv", "sipri_trade_register*.csv"),
    spec=TableSpec(
        columns=(
            Col("recipient", "str", nullable=False),
            Col("supplier", "str", nullable=False),
            Col("year of order", lo=1900, hi=2100, nullable=True),
        ),
        encoding="latin-1",
        skip_lines=11,
        repair_broken_rows=True,
    ),
    citation="SIPRI Arms Transfers Database, Stockholm International Peace Research Institute "
    "(trade register, with the download date). Not redistributed by foedus.",
    source="https://www.sipri.org/databases/armstransfers",
    optional=True,
)

DATASETS: tuple[Dataset, ...] = (
    ATOP_ALLIANCES,
    ATOP_MEMBERS,
    ATOP_STATE_YEAR,
    ATOP_DDY,
    ATOP_DDYR,
    NMC,
    STATES,
    MAJORS,
    SYSTEM,
    DEMOCRACY,
    POLITY,
    VDEM,
    MIDA,
    MIDB,
    RELIABILITY_BF,
    RELIABILITY_LA,
    SIPRI,
)
BY_KEY = {d.key: d for d in DATASETS}
