"""COW state codes to ISO 3166-1 alpha-3 actor ids.

States of today get their ISO 3166-1 code; states that have gone keep their ISO 3166-3 former
code where one exists (``DDR``, ``CSK``, ``YUG``, ``YMD``) and otherwise a user-assigned code from
ISO's ``X..`` range (Bavaria ``XBV``, Austria-Hungary ``XAH``), so every state of the COW system
has a three-letter id. A code can change over a state's life (COW 345: ``YUG`` to 2005, ``SRB``
from 2006). The COW code is always kept beside the id.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache

import numpy as np

_TABLE = """\
ccode,from_year,to_year,iso3,note
2,,,USA,
20,,,CAN,
31,,,BHS,
40,,,CUB,
41,,,HTI,
42,,,DOM,
51,,,JAM,
52,,,TTO,
53,,,BRB,
54,,,DMA,
55,,,GRD,
56,,,LCA,
57,,,VCT,
58,,,ATG,
60,,,KNA,
70,,,MEX,
80,,,BLZ,
90,,,GTM,
91,,,HND,
92,,,SLV,
93,,,NIC,
94,,,CRI,
95,,,PAN,
100,,,COL,
101,,,VEN,
110,,,GUY,
115,,,SUR,
130,,,ECU,
135,,,PER,
140,,,BRA,
145,,,BOL,
150,,,PRY,
155,,,CHL,
160,,,ARG,
165,,,URY,
200,,,GBR,
205,,,IRL,
210,,,NLD,
211,,,BEL,
212,,,LUX,
220,,,FRA,
221,,,MCO,
223,,,LIE,
225,,,CHE,
230,,,ESP,
232,,,AND,
235,,,PRT,
240,,,XHA,Hanover: no ISO code; user-assigned X code
245,,,XBV,Bavaria: user-assigned X code
255,,,DEU,Germany (Prussia and the unified Germany)
260,,,DEU,German Federal Republic (West Germany) 1955-1990
265,,,DDR,German Democratic Republic (ISO 3166-3 former code)
267,,,XBD,Baden: user-assigned X code
269,,,XSX,Saxony: user-assigned X code
271,,,XWT,Wuerttemberg: user-assigned X code
273,,,XHE,Hesse Electoral: user-assigned X code
275,,,XHG,Hesse Grand Ducal: user-assigned X code
280,,,XMS,Mecklenburg-Schwerin: user-assigned X code
290,,,POL,
300,,,XAH,Austria-Hungary: user-assigned X code
305,,,AUT,
310,,,HUN,
315,,,CSK,Czechoslovakia (ISO 3166-3 former code)
316,,,CZE,
317,,,SVK,
325,,,ITA,
327,,,XPS,Papal States: user-assigned X code
329,,,XTS,Two Sicilies: user-assigned X code
331,,,SMR,
332,,,XMO,Modena: user-assigned X code
335,,,XPR,Parma: user-assigned X code
337,,,XTU,Tuscany: user-assigned X code
338,,,MLT,
339,,,ALB,
341,,,MNE,
343,,,MKD,
344,,,HRV,
345,,2005,YUG,Yugoslavia / Serbia and Montenegro (ISO 3166-3 former code)
345,2006,,SRB,Serbia (COW continues Yugoslavia's code)
346,,,BIH,
347,,,XKX,Kosovo: the commonly used user-assigned code
349,,,SVN,
350,,,GRC,
352,,,CYP,
355,,,BGR,
359,,,MDA,
360,,,ROU,
365,,,RUS,Russia (the USSR keeps COW code 365)
366,,,EST,
367,,,LVA,
368,,,LTU,
369,,,UKR,
370,,,BLR,
371,,,ARM,
372,,,GEO,
373,,,AZE,
375,,,FIN,
380,,,SWE,
385,,,NOR,
390,,,DNK,
395,,,ISL,
402,,,CPV,
403,,,STP,
404,,,GNB,
411,,,GNQ,
420,,,GMB,
432,,,MLI,
433,,,SEN,
434,,,BEN,
435,,,MRT,
436,,,NER,
437,,,CIV,
438,,,GIN,
439,,,BFA,
450,,,LBR,
451,,,SLE,
452,,,GHA,
461,,,TGO,
471,,,CMR,
475,,,NGA,
481,,,GAB,
482,,,CAF,
483,,,TCD,
484,,,COG,
490,,,COD,
500,,,UGA,
501,,,KEN,
510,,,TZA,
511,,,XZN,Zanzibar: user-assigned X code
516,,,BDI,
517,,,RWA,
520,,,SOM,
522,,,DJI,
530,,,ETH,
531,,,ERI,
540,,,AGO,
541,,,MOZ,
551,,,ZMB,
552,,,ZWE,
553,,,MWI,
560,,,ZAF,
565,,,NAM,
570,,,LSO,
571,,,BWA,
572,,,SWZ,Swaziland (Eswatini)
580,,,MDG,
581,,,COM,
590,,,MUS,
591,,,SYC,
600,,,MAR,
615,,,DZA,
616,,,TUN,
620,,,LBY,
625,,,SDN,
626,,,SSD,
630,,,IRN,
640,,,TUR,
645,,,IRQ,
651,,,EGY,
652,,,SYR,
660,,,LBN,
663,,,JOR,
666,,,ISR,
670,,,SAU,
678,,,XYA,Yemen Arab Republic (North Yemen): user-assigned X code
679,,,YEM,
680,,,YMD,Yemen People's Republic (ISO 3166-3 former code)
690,,,KWT,
692,,,BHR,
694,,,QAT,
696,,,ARE,
698,,,OMN,
700,,,AFG,
701,,,TKM,
702,,,TJK,
703,,,KGZ,
704,,,UZB,
705,,,KAZ,
710,,,CHN,
712,,,MNG,
713,,,TWN,
730,,,XKE,Korea before 1910: user-assigned X code
731,,,PRK,
732,,,KOR,
740,,,JPN,
750,,,IND,
760,,,BTN,
770,,,PAK,
771,,,BGD,
775,,,MMR,
780,,,LKA,
781,,,MDV,
790,,,NPL,
800,,,THA,
811,,,KHM,
812,,,LAO,
816,,,VNM,
817,,,XSV,Republic of Vietnam (South Vietnam): user-assigned X code
820,,,MYS,
830,,,SGP,
835,,,BRN,
840,,,PHL,
850,,,IDN,
860,,,TLS,
900,,,AUS,
910,,,PNG,
920,,,NZL,
935,,,VUT,
940,,,SLB,
946,,,KIR,
947,,,TUV,
950,,,FJI,
955,,,TON,
970,,,NRU,
983,,,MHL,
986,,,PLW,
987,,,FSM,
990,,,WSM,
"""


@lru_cache(maxsize=1)
def _rows() -> tuple[tuple[int, int, int, str], ...]:
    out = []
    for r in csv.DictReader(io.StringIO(_TABLE)):
        lo = int(r["from_year"]) if r["from_year"] else 0
        hi = int(r["to_year"]) if r["to_year"] else 9999
        out.append((int(r["ccode"]), lo, hi, r["iso3"]))
    return tuple(out)


def iso3(ccode: int, year: int) -> str | None:
    """The actor id of COW state ``ccode`` in ``year`` (``None`` if the code is unknown).

    Examples
    --------
    >>> iso3(731, 2018), iso3(345, 2000), iso3(345, 2010)
    ('PRK', 'YUG', 'SRB')
    """
    for code, lo, hi, iso in _rows():
        if code == ccode and lo <= year <= hi:
            return iso
    return None


def iso3_array(ccodes: np.ndarray, year: int) -> np.ndarray:
    """Vectorised :func:`iso3` for one year; unknown codes give ``None``."""
    table = {code: iso for code, lo, hi, iso in _rows() if lo <= year <= hi}
    return np.array([table.get(int(c)) for c in ccodes], dtype=object)
