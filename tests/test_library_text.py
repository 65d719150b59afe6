"""The text library (TEXT and its number formats, DOLLAR, VALUE, NUMBERVALUE, CHAR/CODE,
UNICHAR/UNICODE, CONCAT, TEXTJOIN): hand-worked cases from Microsoft's documentation, and a
grid of inputs against LibreOffice."""
from __future__ import annotations

import numpy as np
import pytest
from library_oracle import cells, disagreements, engine_values, grid, recalc
from oracle import same

from xlkpi.engine import numfmt
from xlkpi.engine.library.text import FUNCTIONS

TIME_4_36 = (16 * 3600 + 36 * 60 + 3.75) / 86400  # 4:36:03.75 PM, the time of Microsoft's format table
TIME_4_36_03 = (16 * 3600 + 36 * 60 + 3) / 86400  # the table's "4:36:03 P" for h:mm:ss: Excel rounds .75 up

# (formula, Excel's answer): Microsoft's TEXT, DOLLAR, VALUE … pages and its number-format guide.
CASES: list[tuple[str, object]] = [
    ('TEXT(1234.567,"$#,##0.00")', "$1,234.57"),
    ('TEXT(0.285,"0.0%")', "28.5%"),
    ('TEXT(4.34,"# ?/?")', "4 1/3"),
    ('TRIM(TEXT(0.34,"# ?/?"))', "1/3"),
    ('TEXT(12200000,"0.00E+00")', "1.22E+07"),
    ('TEXT(1234567898,"[<=9999999]###-####;(###) ###-####")', "(123) 456-7898"),
    ('TEXT(1234,"0000000")', "0001234"),
    ("TEXT(123456,\"##0° 00' 00''\")", "12° 34' 56''"),
    ('TEXT(1234.59,"####.#")', "1234.6"),
    ('TEXT(8.9,"#.000")', "8.900"),
    ('TEXT(0.631,"0.#")', "0.6"),
    ('TEXT(12,"#.0#")', "12.0"),
    ('TEXT(1234.568,"#.0#")', "1234.57"),
    ('TEXT(44.398,"???.???")', " 44.398"),
    ('TEXT(2.8,"???.???")', "  2.8  "),
    ('TEXT(5.25,"# ???/???")', "5   1/4  "),
    ('TEXT(12000,"#,###")', "12,000"),
    ('TEXT(12000,"#,")', "12"),
    ('TEXT(12200000,"0.0,,")', "12.2"),
    ('TEXT(1234.5,"# ##0 €")', "1 235 €"),  # en-US codes: the space is a literal, not a separator
    ('TEXT(-1234.5,"#,##0.00;(#,##0.00)")', "(1,234.50)"),
    ('TEXT(0,"0.00;-0.00;""zero""")', "zero"),
    ('TEXT("abc","0;0;0;""<""@"">""")', "<abc>"),
    ('TEXT("abc","0.00")', "abc"),
    ('TEXT("12","0.00")', "12.00"),  # numeric text is a number
    ('TEXT(TRUE,"0.00")', "TRUE"),  # a boolean stays its name when the code has no text section
    ('TEXT(2.675,"0.00")', "2.68"),  # the 15-digit decimal rounds half away from zero
    ('TEXT(-2.5,"0")', "-3"),
    ('TEXT(-0.001,"0.00")', "-0.00"),  # Excel keeps the sign of a negative that rounds to zero
    ('TEXT(3,"#.##")', "3."),
    ('TEXT(12345,"##0.0E+0")', "12.3E+3"),
    ('TEXT(0.5,"?/16")', "8/16"),
    ('TEXT(1/3,"General")', "0.333333333"),  # General: at most 11 characters
    ('TEXT(123456789012,"General")', "1.23457E+11"),
    ('TEXT(5,"\\x0_)*-")', "x5 "),
    ('TEXT(50,"[Red][<100]0;0.00")', "50"),
    ('TEXT(150,"[Red][<100]0;0.00")', "150.00"),
    ('TEXT(1234.567,"YYYY-MM-DD HH:MM:SS")', "1903-05-18 13:36:29"),  # ECMA-376's example: seconds round
    ('TEXT(45000,"m mm mmm mmmm mmmmm")', "3 03 Mar March M"),
    ('TEXT(45000,"d dd ddd dddd")', "15 15 Wed Wednesday"),
    ('TEXT(45000,"yy yyyy")', "23 2023"),
    (f'TEXT({TIME_4_36},"h AM/PM")', "4 PM"),
    (f'TEXT({TIME_4_36},"h:mm AM/PM")', "4:36 PM"),
    (f'TEXT({TIME_4_36_03},"h:mm:ss A/P")', "4:36:03 P"),
    (f'TEXT({TIME_4_36},"h:mm:ss A/P")', "4:36:04 P"),
    (f'TEXT({TIME_4_36},"h:mm:ss.00")', "16:36:03.75"),
    ('TEXT(62/1440,"[h]:mm")', "1:02"),
    ('TEXT(3736/86400,"[mm]:ss")', "62:16"),
    ('TEXT(3735.8/86400,"[ss].00")', "3735.80"),
    ('TEXT(1.5,"[h]")', "36"),
    ('TEXT(60,"yyyy-mm-dd dddd")', "1900-02-29 Wednesday"),  # the 1900 system's fictitious day
    ('TEXT(0,"yyyy-mm-dd")', "1900-01-00"),
    ('TEXT(-1,"yyyy-mm-dd")', "#VALUE!"),  # no negative dates
    ('TEXT(-0.5,"h:mm")', "#VALUE!"),
    ('TEXT(0.5,"[h]:mm;-[h]:mm")', "12:00"),
    ('TEXT(1/0,"0")', "#DIV/0!"),
    ('TEXT(123123123,"###0,.00")', "123123.12"),  # a comma before the point scales by 1,000
    ('TEXT(123123123,"#,##0,.00")', "123,123.12"),
    ('TEXT(TRUE,"0;0;0;""x""@")', "xTRUE"),  # a boolean is shown by the text section
    ('TEXT(1,"foo")', "#VALUE!"),  # a bare word is no format code (quoted, it is text: "0 ""kg""")
    ('TEXT(1,"0 ""kg""")', "1 kg"),
    # Excel's own answers in Apache POI's NumberFormatTests.xlsx (test-data/spreadsheet): blank
    # ?-digits keep the thousands grouping; fractions with literals around the slash and a
    # separator between the whole part and the numerator.
    ('TEXT(1234567,"?,?????????")', "    1,234,567"),
    ('TEXT(23.75,"|#\\:#=/=#|")', "|23:3=/=4|"),
    ('TEXT(0.75,"|#\\:#=/=#|")', "|3=/=4|"),
    ('TEXT(0,"|#\\:#=/=#|")', "|0|"),
    ('TEXT(0,"|#\\:#=/=?|")', "|0      |"),
    ('TEXT(0,"|#\\:0=/=#|")', "|0=/=1|"),
    ('TEXT(0,"|?\\:0=/=#|")', "|0:0=/=1|"),
    ('TEXT(0.75,"|?\\:#=/=#|")', "|  3=/=4|"),
    ('TEXT(0.75,"|#\\:?=/=#|")', "| 3=/=4|"),
    ('TEXT(0.75,"|0\\:#=/=#|")', "|0:3=/=4|"),
    ('TEXT(1,"|#\\:0=/=#|")', "|1:0=/=1|"),
    ('TEXT(23.75,"|#\\:? ?0#/000")', "|2:3  03/004"),
    ('TEXT(0,"|#\\:? ?0#/000")', "|:0  00/001"),
    ('TEXT(0.75,"|?\\:?0=/=#|")', "|   3=/=4|"),
    ('TEXT(3.75,"|#_#/#|")', "|15 /4|"),
    ('TEXT(0,"|#_#/#|")', "|0 /1|"),
    ('FIXED(1234.567,1)', "1,234.6"),
    ('FIXED(1234.567,-1)', "1,230"),
    ('FIXED(-1234.567,-1,TRUE)', "-1230"),
    ('FIXED(44.332)', "44.33"),
    ('FIXED(-7,-1)', "-10"),
    ('FIXED(1,200)', "#VALUE!"),
    ('DOLLAR(1234.567,2)', "$1,234.57"),
    ('DOLLAR(1234.567,-2)', "$1,200"),
    ('DOLLAR(-1234.567,-2)', "($1,200)"),
    ('DOLLAR(-0.123,4)', "($0.1230)"),
    ('DOLLAR(99.888)', "$99.89"),
    ('VALUE("$1,000")', 1000),
    ('VALUE("16:48:00")-VALUE("12:00:00")', 0.2),
    ('VALUE("(12)")', -12),
    ('VALUE(TRUE)', "#VALUE!"),
    ('VALUE("abc")', "#VALUE!"),
    ('_xlfn.NUMBERVALUE("2.500,27",",",".")', 2500.27),
    ('_xlfn.NUMBERVALUE("3.5%")', 0.035),
    ('_xlfn.NUMBERVALUE(" 3 000 ")', 3000),
    ('_xlfn.NUMBERVALUE("")', 0),
    ('_xlfn.NUMBERVALUE("1.2.3")', "#VALUE!"),
    ('_xlfn.NUMBERVALUE("1.234,5",".",",")', "#VALUE!"),  # a group separator after the decimal point
    ('CHAR(65)', "A"),
    ('CHAR(33)', "!"),
    ('CHAR(128)', "€"),  # Windows-1252
    ('CHAR(150)', "–"),
    ('CHAR(0)', "#VALUE!"),
    ('CHAR(256)', "#VALUE!"),
    ('CODE("A")', 65),
    ('CODE("!")', 33),
    ('CODE("€uro")', 128),
    ('CODE("")', "#VALUE!"),
    ('_xlfn.UNICHAR(66)', "B"),
    ('_xlfn.UNICHAR(32)', " "),
    ('_xlfn.UNICHAR(0)', "#VALUE!"),
    ('_xlfn.UNICHAR(55296)', "#N/A"),  # a lone surrogate
    ('_xlfn.UNICODE("B")', 66),
    ('_xlfn.UNICODE(" ")', 32),
    ('_xlfn.UNICODE("")', "#VALUE!"),
    ('_xlfn.CONCAT("Stream population for ","brook"," ","trout"," is ",32,"/mile.")',
     "Stream population for brook trout is 32/mile."),
    ('_xlfn.CONCAT({"a","b";"c","d"},TRUE,1/4)', "abcdTRUE0.25"),  # arrays row by row
    ('_xlfn.TEXTJOIN(", ",TRUE,"US Dollar","","Euro")', "US Dollar, Euro"),
    ('_xlfn.TEXTJOIN(", ",FALSE,"US Dollar","","Euro")', "US Dollar, , Euro"),
    ('_xlfn.TEXTJOIN({",",";"},TRUE,"a","b","c","d")', "a,b;c,d"),  # delimiters in turn
    ('_xlfn.TEXTJOIN("-",TRUE,1/0,"a")', "#DIV/0!"),
    ('_xlfn.TEXTJOIN("",TRUE,REPT("x",20000),REPT("y",20000))', "#VALUE!"),  # longer than a cell holds
]


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    return engine_values(tmp_path_factory.mktemp("text-hand"), [formula for formula, _ in CASES])


@pytest.mark.parametrize(("formula", "expected"), CASES)
def test_documented_answers(hand: dict[str, object], formula: str, expected: object) -> None:
    assert same(hand[formula], expected), (formula, hand[formula])


def test_general_and_number_text() -> None:
    assert [numfmt.general(x) for x in (0, 1e-5, 0.000012345678, 12345678901.7, 1e11, -1 / 3)] == \
        ["0", "0.00001", "1.23457E-05", "12345678902", "1E+11", "-0.333333333"]
    assert [numfmt.number_text(x) for x in (1 / 3, 2**53, 1e-9, 123456789012345.0)] == \
        ["0.333333333333333", "9.00719925474099E+15", "0.000000001", "123456789012345"]


# --- LibreOffice ---------------------------------------------------------------------------------------

NUMBER_FORMATS = ["0", "0.00", "#,##0.00", "#,##0", "0%", "0.0%", "0.00E+00", "##0.0E+0", "$#,##0.00_);($#,##0.00)",
                  '0.00;[Red]-0.00;"zero";"text: "@', "@", "General", "#,##0,", '0.0,,"M"', "000-00-0000",
                  '[<100]"small";[>1000]"big";0', "0.0#", '"$"#,##0', "# ##0", "\\x0", "_(0_)", "*-0", "0;-0;;@",
                  '0;"neg"', '"x"', '[<0]-0.0;0', '[>=100]0;[<0]"neg";0.0']
FRACTION_FORMATS = ["# ?/?", "# ??/??", "?/?", "# ??/16"]
DATE_FORMATS = ["yyyy-mm-dd", "dddd, mmmm d, yyyy", "d-mmm-yy", "mmmmm", "h:mm AM/PM", "hh:mm", "[h]:mm:ss", "[mm]:ss",
                "[ss]", "mm:ss.00", "h:mm a/p"]
NUMBERS = cells("pos", "neg", "zero", "half", "date", "blank", "text", "numtext", "div0", "na", "empty", "three")


def _text(values: list[str], formats: list[str]) -> list[str]:
    return grid('TEXT({0},"{1}")', values, [f.replace('"', '""') for f in formats])


FORMULAS = (
    _text(NUMBERS + cells("big"), NUMBER_FORMATS)
    + _text(NUMBERS, FRACTION_FORMATS)
    + _text(cells("date", "datetext", "text", "div0", "neg"), DATE_FORMATS)
    + grid("FIXED({0},{1})", cells(), ["2", "0", "-1"])
    + grid("FIXED({0},1,TRUE)", cells())
    + grid("DOLLAR({0})", cells("pos", "zero", "half", "three", "text", "numtext", "div0"))
    + grid("VALUE({0})", cells("pos", "zero", "text", "numtext", "datetext", "blank", "empty", "div0"))
    + grid('VALUE("{0}")', ["$1,000", "12%", "1e3", " 12 ", "1/1/2020", "12:00 PM", "-7"])
    + grid("_xlfn.NUMBERVALUE({0})", cells("pos", "numtext", "text", "div0", "blank"))
    + grid('_xlfn.NUMBERVALUE("{0}",",",".")', ["2.500,27", "1,5", "1.000.000", "-3,25"])
    + grid("CHAR({0})", cells("div0", "text", "pos") + ["65", "97.9", "32", "126"])
    + grid("CODE({0})", cells("pos", "text", "numtext", "true", "div0") + ['"z"', '"~x"'])
    + grid("_xlfn.UNICHAR({0})", ["65", "8364", "233", "128512"] + cells("div0", "text"))
    + grid("_xlfn.UNICODE({0})", ['"€"', '"é"', '"😀"', '"A"'] + cells("pos", "true", "div0"))
    + grid("_xlfn.CONCAT({0},{1})", cells(), cells("pos", "text", "blank"))
    + grid("_xlfn.CONCAT(In!A1:A5)")
    + grid('_xlfn.TEXTJOIN("-",{0},In!A1:A8)', ["TRUE", "FALSE"])
    + grid("_xlfn.TEXTJOIN({0},TRUE,{1},{0})", cells("text", "three", "blank", "empty"), cells("pos", "text", "empty", "blank"))
)

DATES = [f for f in FORMULAS if any(f'"{d}"' in f for d in DATE_FORMATS)]

# Where LibreOffice answers differently from Excel, Excel's answer.
EXCEL: dict[str, object] = {
    # Excel has no negative dates or times: TEXT answers #VALUE! (LibreOffice shows a date before 1900).
    **{f: "#VALUE!" for f in DATES if cells("neg")[0] in f and "[" not in f},
    # … but a negative duration shown elapsed ([h], [mm], [ss]) keeps its sign: Excel's own values in
    # Apache POI's ElapsedFormatTests.xlsx (tests/excel_saved/) read "-2:3:4.000" (LibreOffice: #VALUE!).
    # -1234.5678 days = -106,666,658 s (rounded): 29,629 h 37 min 38 s.
    f'TEXT({cells("neg")[0]},"[h]:mm:ss")': "-29629:37:38",
    f'TEXT({cells("neg")[0]},"[mm]:ss")': f"-{106666658 // 60}:{106666658 % 60:02d}",
    f'TEXT({cells("neg")[0]},"[ss]")': "-106666658",
    # General is at most 11 characters wide in Excel (LibreOffice writes up to 15 digits); "@" shows
    # a number in General.
    'TEXT(In!A16,"General")': "1E+15",
    'TEXT(In!A16,"@")': "1E+15",
    # Excel rounds a time to the second shown (LibreOffice truncates): 45351.25 is exact, 45000.75 too.
    # DOLLAR's en-US negative format is "($1,234.57)" (LibreOffice writes "-$1,234.57").
    # VALUE of a boolean is #VALUE! in Excel (LibreOffice: the boolean).
    # CHAR/CODE use Windows-1252 in Excel (LibreOffice on Linux: the first byte of UTF-8), equal below 128.
    'CODE(In!A7)': 116,
    # Excel writes a negative number that rounds to zero with its sign ("-0.0M"); LibreOffice drops it.
    'TEXT(In!A2,"0.0,,""M""")': "-0.0M",
    # Text functions read a boolean as its name: CODE(TRUE) is CODE("TRUE"), CONCAT writes TRUE
    # (LibreOffice reads TRUE as 1).
    "CODE(In!A9)": 84,
    "_xlfn.UNICODE(In!A9)": 84,
    "_xlfn.CONCAT(In!A9,In!A1)": "TRUE1234.5678",
    "_xlfn.CONCAT(In!A9,In!A7)": "TRUEtext",
    "_xlfn.CONCAT(In!A9,In!A6)": "TRUE",
    "_xlfn.CONCAT(In!A10,In!A1)": "FALSE1234.5678",
    "_xlfn.CONCAT(In!A10,In!A7)": "FALSEtext",
    "_xlfn.CONCAT(In!A10,In!A6)": "FALSE",
    # NUMBERVALUE reads a number as its text and a blank as "" (0, as documented); LibreOffice
    # answers #VALUE! to both.
    "_xlfn.NUMBERVALUE(In!A1)": 1234.5678,
    "_xlfn.NUMBERVALUE(In!A8)": 12.5,
    "_xlfn.NUMBERVALUE(In!A6)": 0,
}


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[object, object]]:
    return recalc(tmp_path_factory.mktemp("text-libreoffice"), FORMULAS)


def test_same_as_libreoffice(libreoffice: dict[str, tuple[object, object]]) -> None:
    assert disagreements(libreoffice, EXCEL) == []


def test_libreoffice_grid_is_large(libreoffice: dict[str, tuple[object, object]]) -> None:
    assert len(libreoffice) > 600


def test_text_of_an_array() -> None:
    result = FUNCTIONS["TEXT"].impl(np.array([[1.0, 2.5]], dtype=object), "0.0")
    assert result.tolist() == [["1.0", "2.5"]]

