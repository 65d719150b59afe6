"""VALUE, DATEVALUE, TIMEVALUE (text read as Excel reads it), HOUR/MINUTE/SECOND (rounded to the
second), DAYS360, WORKDAY.INTL, SEARCH (wildcards), SUBSTITUTE and TRIM: Excel's documented answers, then a
grid against LibreOffice where it agrees."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from library_oracle import disagreements, engine_values, recalc
from oracle import same

from xlkpi.engine.library.datetime_text import parse_datetime, serial

T_12_13 = (12 * 60 + 13) / 1440

# (formula, Excel's answer). Sources: Microsoft's VALUE, DATEVALUE, TIMEVALUE, DAYS360, SEARCH,
# SUBSTITUTE and TRIM pages; issue 17's list; IronCalc's Excel-checked reports (issues 606,
# 1360, 1361, 1403: HOUR/MINUTE/SECOND of 0.999999999 are 0, SECOND(0.999) is 34,
# TIMEVALUE("25:00") wraps, "4:35:00.5" keeps its half second).
CASES: list[tuple[str, object]] = [
    ('VALUE("7/5/1998 12:13")', 35981 + T_12_13),
    ('VALUE("0:13 PM")', T_12_13),
    ('VALUE("1,234.567e6")', 1234567000),
    ('VALUE("$1,000")', 1000),
    ('VALUE("5-Jul-1998")', 35981),
    ('VALUE("July 5, 1998")', 35981),
    ('VALUE("25:00")', 25 / 24),
    ('VALUE("4 pm")', 16 / 24),
    ('VALUE("1.2.3")', "#VALUE!"),
    ('DATEVALUE("8/22/2011")', 40777),
    ('DATEVALUE("22-MAY-2011")', 40685),
    ('DATEVALUE("2011/02/23")', 40597),
    ('DATEVALUE("12:13")', 0),
    ('DATEVALUE("2007")', "#VALUE!"),
    ('DATEVALUE("7/5/1998 12:13")', 35981),
    ('DATEVALUE("1/1/1900")', 1),  # LibreOffice: 2 (its calendar has no 1900-02-29)
    ('DATEVALUE("2/29/1900")', 60),
    ('DATEVALUE(35000)', "#VALUE!"),
    ('TIMEVALUE("2:24 AM")', 0.1),
    ('TIMEVALUE("22-Aug-2011 6:35 AM")', (6 * 60 + 35) / 1440),
    ('TIMEVALUE("25:00")', 1 / 24),
    ('TIMEVALUE("4:65")', (5 * 60 + 5) / 1440),
    ('TIMEVALUE("4:35:00.5")', (4 * 3600 + 35 * 60 + 0.5) / 86400),
    ('HOUR(0.999999999)', 0),
    ('MINUTE(0.999999999)', 0),
    ('SECOND(0.999999999)', 0),
    ('SECOND(0.999)', 34),
    ('HOUR("2:30 PM")', 14),
    ('HOUR(-1)', "#NUM!"),
    ('DAYS360("1/30/2011","12/31/2011")', 330),
    ('DAYS360("2/28/2011","3/31/2011")', 30),  # the last day of February is the 30th
    ('DAYS360("2/28/2011","3/31/2011",TRUE)', 32),
    ('DAYS360("1/1/2011","12/31/2011")', 360),
    ('DAYS360("1/31/2011","3/31/2011",TRUE)', 60),
    ('DAYS360(0,10)', 10),  # IronCalc's Excel-saved DAYS360.xlsx: serial 0 is no month's last day
    ('DAYS360(45992.000001,46000.999999)', 9),  # … and a time that rounds to the next day's second
    ('DAYS360(FALSE,TRUE)', 1),
    ('WORKDAY.INTL(DATE(2012,1,1),30,0)', "#NUM!"),  # Microsoft's examples
    ('WORKDAY.INTL(DATE(2012,1,1),90,11)', 41013),
    ('WORKDAY.INTL(DATE(2012,1,1),30,17)', 40944),
    ('WORKDAY.INTL(41700,24,,{41710})', 41733),  # an omitted weekend is 1 (was #NUM!)
    ('WORKDAY.INTL(41700,24,1,{41710})', 41733),  # a holiday array (was #VALUE!)
    ('WORKDAY.INTL(41700,5,"0000011")', 41705),
    ('WORKDAY.INTL(41700,-10,7)', 41686),
    ('SEARCH("e","Statements",6)', 7),
    ('SEARCH("a*c","xxabc")', 3),
    ('SEARCH("a?c","xxabc")', 3),
    ('SEARCH("~*","ab*c")', 3),
    ('SEARCH("x","abc")', "#VALUE!"),
    ('SUBSTITUTE("Sales Data","Sales","Cost")', "Cost Data"),
    ('SUBSTITUTE("Quarter 1, 2011","1","2",3)', "Quarter 1, 2012"),
    ('SUBSTITUTE("abc","","x")', "abc"),
    ('SUBSTITUTE("aaa","a","b",0)', "#VALUE!"),
    ('TRIM(" First Quarter   Earnings ")', "First Quarter Earnings"),
    ('_xlfn.TEXTBEFORE("Little Red Riding Hood\'s red hood","hood")', "Little Red Riding Hood's red "),
    ('_xlfn.TEXTAFTER("Little Red Riding Hood\'s red hood","HOOD",1,1)', "'s red hood"),
    ('_xlfn.TEXTBEFORE("Little Red Riding Hood\'s red hood","red",,1)', "Little "),
    ('_xlfn.TEXTBEFORE("Little Red Riding Hood\'s red hood","Hood",-1)', "Little Red Riding "),
    ('_xlfn.TEXTAFTER("Little Red Riding Hood\'s red hood","hood")', ""),
    ('_xlfn.TEXTAFTER("Little Red Riding Hood\'s red hood","Hood",-1)', "'s red hood"),
    ('_xlfn.TEXTAFTER("Marketing, Sales, Finance",{",",";"},2)', " Finance"),
    ('_xlfn.TEXTAFTER("Email - me@example.com","- ",-1,,1)', "me@example.com"),
    ('_xlfn.TEXTAFTER("you@example.com","- ",-1,,1)', "you@example.com"),  # match_end: the start counts
    ('_xlfn.TEXTAFTER("123 the 456 the 891","the",-1.2)', " 456 the 891"),  # -1.2 is -2
    ('_xlfn.TEXTAFTER("abc","x")', "#N/A"),
]


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return engine_values(tmp_path_factory.mktemp("dt-hand"), [formula for formula, _ in CASES])


@pytest.mark.parametrize(("formula", "expected"), CASES)
def test_documented_answers(hand: dict[str, object], formula: str, expected: object) -> None:
    assert same(hand[formula], expected), (formula, hand[formula])


def test_parse_datetime() -> None:
    today = dt.date(2026, 3, 1)
    assert parse_datetime("7/5", today).date == serial(2026, 7, 5)  # type: ignore[union-attr]
    assert parse_datetime("Jul-98", today).date == serial(1998, 7, 1)  # type: ignore[union-attr]
    assert parse_datetime("5 July", today).date == serial(2026, 7, 5)  # type: ignore[union-attr]
    assert parse_datetime("1/5/29", today).date == serial(2029, 1, 5)  # type: ignore[union-attr]
    assert parse_datetime("1/5/30", today).date == serial(1930, 1, 5)  # type: ignore[union-attr]
    assert parse_datetime("13:00 PM", today) is None
    assert parse_datetime("2/30/2011", today) is None
    assert parse_datetime("hello", today) is None


# --- LibreOffice, where it agrees --------------------------------------------------------------------

TEXTS = ['"7/5/1998 12:13"', '"0:13 PM"', '"12%"', '"(1,234)"', '"-.5e-1"', '"Jul 98"', '"31-Dec-9999"',
         '"13/1/2000"', '"3/1/1900"', '"16:48:10"', '"abc"', '""']
FORMULAS = (
    [f"VALUE({t})" for t in TEXTS] + [f"TIMEVALUE({t})" for t in TEXTS[:2] + TEXTS[9:10]]
    + [f"DATEVALUE({t})" for t in TEXTS[:1] + TEXTS[5:9]]
    + [f"{fn}({x})" for fn in ("HOUR", "MINUTE", "SECOND") for x in ("0.5", "0.75001", "1.25", '"14:30:45"')]
    + [f'DAYS360("{a}","{b}"{m})' for a, b in (("1/31/2011", "2/28/2011"), ("2/28/2012", "3/31/2012"),
                                               ("3/30/2011", "5/31/2011"), ("12/31/2011", "1/1/2010"))
       for m in ("", ",TRUE")]
    + ['SEARCH("B","abcb",3)', 'SEARCH("*","abc")', 'SEARCH("c*","abc")', 'SEARCH(1,12341)', 'SEARCH("a","abc",0)',
       'SUBSTITUTE("aaa","a","b",4)', 'SUBSTITUTE("aaa","aa","b")', 'SUBSTITUTE(1231,1,9)', 'TRIM(12)']
)
# LibreOffice differs from Excel (so these are only in CASES): DATEVALUE of a time alone (#VALUE!,
# Excel 0), dates before March 1900 (one day later), SEARCH("", …) (#VALUE!, Excel its start),
# HOUR/MINUTE of a time that rounds to midnight (23 and 59, Excel 0), HOUR of a negative (0).


def test_same_as_libreoffice(tmp_path: Path) -> None:
    assert disagreements(recalc(tmp_path, FORMULAS), {}) == []
