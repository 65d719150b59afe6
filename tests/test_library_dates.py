"""Week numbers (WEEKNUM, ISOWEEKNUM) by hand from Microsoft's documentation, and these with
formulas' WEEKDAY, DATEDIF, NETWORKDAYS, EOMONTH, EDATE, YEARFRAC over a grid of dates against
LibreOffice."""
from __future__ import annotations

import datetime as dt

import pytest
from library_oracle import cells, disagreements, engine_values, grid, recalc
from oracle import same


def serial(year: int, month: int, day: int) -> int:
    return (dt.date(year, month, day) - dt.date(1899, 12, 30)).days


# (formula, Excel's answer).
CASES: list[tuple[str, object]] = [
    (f"WEEKNUM({serial(2012, 3, 9)})", 10),  # Microsoft's example: week begins on Sunday
    (f"WEEKNUM({serial(2012, 3, 9)},2)", 11),  # … on Monday
    (f"WEEKNUM({serial(2023, 1, 1)},1)", 1),  # 1 January is always in week 1 (system 1)
    (f"WEEKNUM({serial(2023, 1, 1)},2)", 1),
    (f"WEEKNUM({serial(2023, 1, 2)},2)", 2),  # Sunday 1 January 2023, Monday the 2nd starts week 2
    (f"WEEKNUM({serial(2023, 1, 2)},1)", 1),
    (f"WEEKNUM({serial(2023, 1, 3)},12)", 2),  # weeks from Tuesday
    (f"WEEKNUM({serial(2023, 1, 3)},13)", 1),  # … from Wednesday
    (f"WEEKNUM({serial(2023, 1, 5)},14)", 2),  # … from Thursday
    (f"WEEKNUM({serial(2023, 1, 6)},15)", 2),
    (f"WEEKNUM({serial(2023, 1, 7)},16)", 2),
    (f"WEEKNUM({serial(2023, 1, 8)},17)", 2),
    (f"WEEKNUM({serial(2023, 1, 1)},21)", 52),  # ISO (system 2): the last week of 2022
    (f"WEEKNUM({serial(2020, 12, 31)},21)", 53),
    (f"WEEKNUM({serial(2023, 12, 31)},2)", 53),
    (f"WEEKNUM({serial(2023, 1, 1)},3)", "#NUM!"),  # no such return type
    (f"WEEKNUM({serial(2023, 1, 1)},11.5)", "#NUM!"),
    ("WEEKNUM(-1)", "#NUM!"),
    ("WEEKNUM(2958466)", "#NUM!"),
    ('WEEKNUM("abc")', "#VALUE!"),
    ("WEEKNUM(0)", 0),  # 1900-01-00, a Saturday before Sunday 1900-01-01's week 1
    ("WEEKNUM(1)", 1),
    ("WEEKNUM(7,1)", 1),  # Saturday 1900-01-07 in Excel's calendar
    ("WEEKNUM(8,1)", 2),
    ("WEEKNUM(60,1)", 9),  # the fictitious 1900-02-29, a Wednesday
    (f"WEEKNUM(\"{dt.date(2012, 3, 9):%Y-%m-%d}\")", 10),  # text that is a date
    (f"_xlfn.ISOWEEKNUM({serial(2012, 3, 9)})", 10),  # Microsoft's example
    (f"_xlfn.ISOWEEKNUM({serial(2021, 1, 3)})", 53),
    (f"_xlfn.ISOWEEKNUM({serial(2021, 1, 4)})", 1),
    (f"_xlfn.ISOWEEKNUM({serial(2024, 12, 30)})", 1),
    ("_xlfn.ISOWEEKNUM(1)", 52),  # Sunday 1900-01-01 closes the last ISO week of 1899
    ("_xlfn.ISOWEEKNUM(-1)", "#NUM!"),
    ("_xlfn.ISOWEEKNUM(TRUE)", "#VALUE!"),
]


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return engine_values(tmp_path_factory.mktemp("dates-hand"), [formula for formula, _ in CASES])


@pytest.mark.parametrize(("formula", "expected"), CASES)
def test_documented_answers(hand: dict[str, object], formula: str, expected: object) -> None:
    assert same(hand[formula], expected), (formula, hand[formula])


# --- LibreOffice: every day around the turn of the years 2015-2028, and some other days ----------
# (serials from 61: LibreOffice counts the days before 1900-03-01 from 1899-12-30, Excel from its
# fictitious 1900-01-00 and 1900-02-29.)

DAYS = [str(serial(year, 12, 24) + k) for year in range(2015, 2029) for k in range(15)] + \
    [str(serial(2024, 2, 29)), str(serial(2023, 2, 28)), str(serial(2000, 6, 15) + 0.75), "61", "2958465"]
RETURN_TYPES = ["", ",1", ",2", ",11", ",12", ",13", ",14", ",15", ",16", ",17", ",21"]
OTHERS = ["45000.75", "45350", "44985", "44620"]  # 2023-03-15 18:00, 2024-02-27, 2023-02-28, 2022-03-01

FORMULAS = (
    grid("WEEKNUM({0}{1})", DAYS, RETURN_TYPES)
    + grid("_xlfn.ISOWEEKNUM({0})", DAYS)
    + grid("WEEKNUM({0})", cells("text", "numtext", "div0", "date", "datetext"))
    + grid("WEEKDAY({0}{1})", DAYS[::5], ["", ",1", ",2", ",3", ",11", ",12", ",13", ",14", ",15", ",16", ",17"])
    + grid('DATEDIF({0},{1},"{2}")', OTHERS, OTHERS + DAYS[::20], ["Y", "M", "D", "YM"])
    + grid("NETWORKDAYS({0},{1})", OTHERS, OTHERS + DAYS[::20])
    + grid("EOMONTH({0},{1})", OTHERS + DAYS[::20], ["0", "1", "-1", "12", "2.7"])
    + grid("EDATE({0},{1})", OTHERS + DAYS[::20], ["0", "1", "-1", "12", "-13"])
    + grid("YEARFRAC({0},{1}{2})", OTHERS, OTHERS + DAYS[::20], [",2", ",3", ",4"])
)


EPOCH = dt.date(1899, 12, 30)


def weeks_by_counting(day: int, return_type: int) -> int:
    """WEEKNUM worked another way: 1 + the days from 2 January to ``day`` that begin a week."""
    date = EPOCH + dt.timedelta(days=day)
    start = {1: 6, 17: 6, 2: 0, 11: 0, 12: 1, 13: 2, 14: 3, 15: 4, 16: 5}[return_type]  # Python's Monday is 0
    second = date.replace(month=1, day=2)
    return 1 + sum(1 for n in range((date - second).days + 1) if (second + dt.timedelta(days=n)).weekday() == start)


def _week_cases() -> dict[str, object]:
    """LibreOffice 7.4's WEEKNUM numbers the last days of December 1 when the next year's first
    week has begun; Excel goes on counting (53, or 54)."""
    return {f"WEEKNUM({day}{kind})": weeks_by_counting(int(float(day)), int(kind[1:] or 1))
            for day in DAYS for kind in RETURN_TYPES[:-1]
            if (EPOCH + dt.timedelta(days=int(float(day)))).month == 12}


# Where LibreOffice answers differently from Excel, Excel's answer.
EXCEL: dict[str, object] = {
    **_week_cases(),
    # Excel counts weekdays from serial 1, a Sunday (1900-01-01 was a Monday): LibreOffice uses the
    # real calendar for 1900-01-01 … 1900-02-28, so 1900-03-01 is in week 9 for it, 10 for Excel.
    "WEEKNUM(61,2)": 10,
    "WEEKNUM(61,11)": 10,
    # "If start_date is greater than end_date, the result will be #NUM!" (LibreOffice: #VALUE!).
    **{f'DATEDIF({a},{b},"{unit}")': "#NUM!" for a in OTHERS for b in OTHERS + DAYS[::20]
       for unit in ("Y", "M", "D", "YM") if float(a) > float(b)},
}


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[object, object]]:
    return recalc(tmp_path_factory.mktemp("dates-libreoffice"), FORMULAS)


def test_same_as_libreoffice(libreoffice: dict[str, tuple[object, object]]) -> None:
    assert disagreements(libreoffice, EXCEL) == []
