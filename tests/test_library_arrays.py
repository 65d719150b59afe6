"""Lookup and dynamic-array functions (xlkpi/engine/library/arrays.py).

Hand-worked cases follow the examples of Microsoft's function reference; the classic lookups
(VLOOKUP, HLOOKUP, MATCH, LOOKUP) are also compared with LibreOffice. This LibreOffice (7.4)
lacks XLOOKUP, XMATCH, FILTER, UNIQUE, SORT, SORTBY, SEQUENCE, TAKE, DROP, VSTACK, HSTACK,
TOCOL, TOROW, CHOOSECOLS, CHOOSEROWS and EXPAND (24.8 has the first ones): hand-worked only.
Excel's #CALC! does not exist in ``formulas``: the engine answers #VALUE! there.
"""
from __future__ import annotations

from typing import Any

import pytest
from library_books import excel, libreoffice_values, values
from oracle import same

from xlkpi.engine.refs import cell_name

NA, CALC = "#N/A", "#VALUE!"

DATA: dict[str, Any] = {}


def _table(top_left: str, rows: list[list[Any]]) -> None:
    from xlkpi.engine.refs import split_cell

    r, c = split_cell(top_left)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                DATA[cell_name((r + i, c + j))] = value


# XLOOKUP examples 1 and 2 (countries, employees); the SUM(XLOOKUP(…):XLOOKUP(…)) example
_table("A1", [["Country", "Abbr", "Code"], ["China", "CN", 86], ["India", "IN", 91], ["United States", "US", 1],
              ["Indonesia", "ID", 62], ["Pakistan", "PK", 92], ["Brazil", "BR", 55], ["Nigeria", "NG", 234],
              ["Bangladesh", "BD", 880], ["Russia", "RU", 7], ["Mexico", "MX", 52]])
_table("E1", [["ID", "Name", "Dept"], [4390, "Ned Lanning", "Marketing"], [8604, "Margo Hendrix", "Sales"],
              [8389, "Dianne Pugh", "Finance"], [4937, "Earlene McCartney", "Accounting"], [8299, "Mia Arnold", "Operations"]])
_table("I1", [["From", "Rate"], [0, 0.1], [9700, 0.12], [39475, 0.22], [84200, 0.24], [160726, 0.32], [204100, 0.35]])
_table("L1", [["Product", "Qty"], ["Apples", 5], ["Grapes", 10], ["Bananas", 20], ["Pears", 30], ["Oranges", 40]])
# FILTER's example table: region, sales rep, product, units
_table("O1", [["Region", "Rep", "Product", "Units"], ["East", "Tom", "Apple", 6380], ["West", "Fred", "Grape", 5619],
              ["North", "Amy", "Pear", 4565], ["South", "Sal", "Banana", 5323], ["East", "Fritz", "Apple", 4394],
              ["West", "Sravan", "Grape", 7195], ["North", "Xi", "Pear", 5231], ["South", "Hector", "Banana", 2427]])
# mixed cells: number, text, blank, boolean, error, text that reads as a number
_table("T1", [[1, "one"], ["b", "bee"], [None, "blank"], [True, "true"], ["#N/A", "error"], ["3", "text 3"],
              [3, "three"], [False, "false"], ["a", "a"]])

COUNTRY = "A2:A11", "C2:C11"
CASES: list[tuple[str, Any]] = [
    # XLOOKUP
    ('XLOOKUP("Brazil",A2:A11,C2:C11)', 55),
    ('XLOOKUP("brazil",A2:A11,B2:B11)', "BR"),  # case-insensitive
    ("XLOOKUP(8389,E2:E6,F2:G6)", [["Dianne Pugh", "Finance"]]),  # a row of the return array
    ('XLOOKUP("Ned Lanning",F2:F6,E2:E6)', 4390),
    ('XLOOKUP("Spain",A2:A11,C2:C11,"Item not found")', "Item not found"),
    ('XLOOKUP("Spain",A2:A11,C2:C11)', NA),
    ("XLOOKUP(46523,I2:I7,J2:J7,0,-1)", 0.22),  # next smaller
    ("XLOOKUP(46523,I2:I7,J2:J7,0,1)", 0.24),  # next larger
    ("XLOOKUP(46523,I2:I7,J2:J7,0,-1,2)", 0.22),  # binary search, ascending
    ("XLOOKUP(84200,I2:I7,J2:J7,0,0,2)", 0.24),
    ("XLOOKUP(46523,I2:I7,J2:J7,0,0,2)", 0),  # not found: if_not_found
    ("XLOOKUP(-1,I2:I7,J2:J7,0,-1)", 0),
    ("XLOOKUP(999999,I2:I7,J2:J7,0,1)", 0),
    ('XLOOKUP("Uni*",A2:A11,C2:C11,,2)', 1),
    ('XLOOKUP("In*",A2:A11,C2:C11,,2,-1)', 62),  # last to first
    ('XLOOKUP("In*",A2:A11,C2:C11,,2)', 91),
    ('XLOOKUP("In*",A2:A11,C2:C11)', NA),  # no wildcards in an exact match
    ('SUM(XLOOKUP("Grapes",L2:L6,M2:M6):XLOOKUP("Pears",L2:L6,M2:M6))', 60),  # XLOOKUP returns a reference
    ("XLOOKUP(TRUE,T1:T9,U1:U9)", "true"),  # a boolean matches booleans only
    ("XLOOKUP(FALSE,T1:T9,U1:U9)", "false"),
    ("XLOOKUP(3,T1:T9,U1:U9)", "three"),  # a number never matches text that reads as it
    ('XLOOKUP("3",T1:T9,U1:U9)', "text 3"),
    ("XLOOKUP(T3,T1:T9,U1:U9)", "blank"),  # a blank value finds a blank cell
    ("XLOOKUP(NA(),T1:T9,U1:U9)", NA),
    ('XLOOKUP("B",T1:T9,U1:U9)', "bee"),
    ("XLOOKUP(1,A2:A11,C2:C5)", "#VALUE!"),  # arrays of different lengths
    ("XLOOKUP(1,A2:B11,C2:C11)", "#VALUE!"),  # a two-dimensional lookup array
    ("XLOOKUP(1,I2:I7,J2:J7,,3)", "#VALUE!"),  # no such match mode
    ("XLOOKUP(1,I2:I7,J2:J7,,0,3)", "#VALUE!"),
    ('XLOOKUP({"India","Russia"},A2:A11,C2:C11)', [[91, 7]]),
    ('XLOOKUP("Pears",L2:L6,L1:L6)', "#VALUE!"),
    ('XLOOKUP("Product",L1:M1,L2:M6)', [["Apples"], ["Grapes"], ["Bananas"], ["Pears"], ["Oranges"]]),  # along a row
    ("XLOOKUP(\"Qty\",L1:M1,L2:M6)", [[5], [10], [20], [30], [40]]),
    # XMATCH
    ("XMATCH(4,{5,4,3,2,1})", 2),
    ("XMATCH(4.5,{5,4,3,2,1},1)", 1),
    ('XMATCH("Gra",{"Apple";"Grape";"Pear";"Banana";"Cherry"},1)', 2),
    ('XMATCH("p*",O2:R2)', NA),
    ('XMATCH("*e",{"Apple";"Grape";"Pear"},2,-1)', 2),
    ("XMATCH(5000,{2427,4394,4565,5231},-1,2)", 3),
    ("XMATCH(5000,{5231,4565,4394},1,-2)", 1),
    ("XMATCH(5000,{5231,4565,4394},-1,-2)", 2),
    ("XMATCH(4565,{5231,4565,4394},0,-2)", 2),
    ('XMATCH("a*",{"a","b"},2,2)', "#VALUE!"),
    ("XMATCH({3,1},T1:T9)", [[7, 1]]),
    ("XMATCH(1,A1:B2)", "#VALUE!"),
    # classic lookups where formulas' own versions differ from Excel
    ("VLOOKUP(8389,E2:G6,0,FALSE)", "#VALUE!"),
    ("VLOOKUP(8389,E2:G6,4,FALSE)", "#REF!"),
    ("VLOOKUP(8389,E2:G6,3,FALSE)", "Finance"),
    ("VLOOKUP(8389,E2:G6,3,)", "Finance"),  # an empty range_lookup is FALSE
    ('HLOOKUP("Qty",L1:M6,3,FALSE)', 10),
    ("MATCH(1,A1:B2,0)", NA),  # a two-dimensional lookup array
    ('MATCH("3",T1:T9,0)', 6),  # text "3" is not the number 3 (LibreOffice: 7)
    ("MATCH(TRUE,T1:T9,0)", 4),  # LibreOffice's TRUE is the number 1: 1
    ("MATCH(0,T1:T9,0)", NA),  # LibreOffice's FALSE is 0: 8
    ('MATCH("*",A1:C1,0)', 1),  # * matches text only (LibreOffice: any value)
    ('MATCH("*",E1:E3,0)', 1),
    ('MATCH("*",E2:E3,0)', NA),
    ("MATCH(NA(),A1:A11,0)", NA),  # the lookup value's error
    ("VLOOKUP(#DIV/0!,A1:B11,2)", "#DIV/0!"),
    ("LOOKUP(50000,I2:J7)", 0.22),  # array form: taller than wide, first column → last column
    ('LOOKUP("Pears",{"Apples",5;"Grapes",10;"Pears",30})', 30),
    ('LOOKUP("Rate",I1:J2)', "Rate"),  # square: searched in the first column
    ("LOOKUP(9800,I2:I7,J2)", 0.12),  # a one-cell result vector extends down
    ("LOOKUP(9800,I2:I7,{1,2,3,4,5,6})", 2),
    ("LOOKUP(-5,I2:I7,J2:J7)", NA),
    # FILTER
    ('FILTER(O2:R9,O2:O9="East")', [["East", "Tom", "Apple", 6380], ["East", "Fritz", "Apple", 4394]]),
    ('FILTER(P2:P9,(O2:O9="West")*(R2:R9>6000))', [["Sravan"]]),
    ('FILTER(O2:R9,O2:O9="Mid","none")', "none"),
    ('FILTER(O2:R9,O2:O9="Mid")', CALC),
    ('FILTER(O1:R2,{1,0,0,1})', [["Region", "Units"], ["East", 6380]]),  # columns by a row of flags
    ('FILTER(O2:R9,O2:O3="East")', "#VALUE!"),
    ("FILTER(U1:U4,T1:T4=TRUE)", [["true"]]),
    ("FILTER(U1:U9,T1:T9=TRUE)", NA),  # T5 is #N/A: so is the include array's fifth value
    ('FILTER(U1:U9,{1;0;0;0;0;0;0;0;"x"})', "#VALUE!"),
    ("FILTER(U1:U9,{1;0;0;0;0;0;0;0;#N/A})", NA),
    ('SORT(FILTER(P2:R9,O2:O9="North"),3,-1)', [["Xi", "Pear", 5231], ["Amy", "Pear", 4565]]),
    # UNIQUE
    ("UNIQUE(O2:O9)", [["East"], ["West"], ["North"], ["South"]]),
    ('UNIQUE({"a";"b";"A";"c"})', [["a"], ["b"], ["c"]]),  # case-insensitive
    ('UNIQUE({"a";"b";"A";"c"},,TRUE)', [["b"], ["c"]]),  # exactly once
    ('UNIQUE({1,"1",TRUE,1,1})', [[1, "1", True, 1, 1]]),  # one row: rows compared
    ('UNIQUE({1,"1",TRUE,1,1},TRUE)', [[1, "1", True]]),  # by column
    ("UNIQUE(O2:P9,,TRUE)", [["East", "Tom"], ["West", "Fred"], ["North", "Amy"], ["South", "Sal"],
                             ["East", "Fritz"], ["West", "Sravan"], ["North", "Xi"], ["South", "Hector"]]),
    ("UNIQUE(O2:O9,,TRUE)", CALC),
    # SORT, SORTBY
    ("SORT(O2:O9)", [["East"], ["East"], ["North"], ["North"], ["South"], ["South"], ["West"], ["West"]]),
    ("SORT(P2:R5,3,-1)", [["Tom", "Apple", 6380], ["Fred", "Grape", 5619], ["Sal", "Banana", 5323], ["Amy", "Pear", 4565]]),
    ("SORT({3,1,2},1,1,TRUE)", [[1, 2, 3]]),
    ('SORT({"b";2;TRUE;"A";#N/A;1;FALSE})', [[1], [2], ["A"], ["b"], [False], [True], [NA]]),
    ('SORT({"b";2;TRUE;"A";1},1,-1)', [[True], ["b"], ["A"], [2], [1]]),
    ("SORT(T1:U3)", [[1, "one"], ["b", "bee"], [0, "blank"]]),  # blanks last
    ("SORT(O2:P5,{1,2},{1,-1})", [["East", "Tom"], ["North", "Amy"], ["South", "Sal"], ["West", "Fred"]]),
    ("SORT(O2:O5,3)", "#VALUE!"),
    ("SORT(O2:O5,1,2)", "#VALUE!"),
    ("SORTBY(P2:P5,R2:R5,-1)", [["Tom"], ["Fred"], ["Sal"], ["Amy"]]),
    ("SORTBY(P2:P9,O2:O9,1,R2:R9,-1)", [["Tom"], ["Fritz"], ["Xi"], ["Amy"], ["Sal"], ["Hector"], ["Sravan"], ["Fred"]]),
    ("SORTBY({1,2,3},{3,1,2})", [[2, 3, 1]]),
    ("SORTBY(P2:P5,R2:R4)", "#VALUE!"),
    # SEQUENCE
    ("SEQUENCE(4,5)", [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12, 13, 14, 15], [16, 17, 18, 19, 20]]),
    ("SEQUENCE(3,1,10,-2)", [[10], [8], [6]]),
    ("SEQUENCE(2,,5)", [[5], [6]]),  # an empty columns argument: 1
    ("SEQUENCE(2,2,0,0.5)", [[0, 0.5], [1, 1.5]]),
    ("SEQUENCE(0)", CALC),
    ("SEQUENCE(-1)", "#VALUE!"),
    ("SUM(SEQUENCE(10))", 55),
    # TAKE, DROP
    ("TAKE({1,2,3;4,5,6;7,8,9},2)", [[1, 2, 3], [4, 5, 6]]),
    ("TAKE({1,2,3;4,5,6;7,8,9},,3)", [[1, 2, 3], [4, 5, 6], [7, 8, 9]]),
    ("TAKE({1,2,3;4,5,6;7,8,9},-2)", [[4, 5, 6], [7, 8, 9]]),
    ("TAKE({1,2,3;4,5,6;7,8,9},2,2)", [[1, 2], [4, 5]]),
    ("TAKE({1,2,3;4,5,6;7,8,9},,-1)", [[3], [6], [9]]),
    ("TAKE({1,2,3;4,5,6;7,8,9},5)", [[1, 2, 3], [4, 5, 6], [7, 8, 9]]),
    ("DROP({1,2,3;4,5,6;7,8,9},2,2)", [[9]]),
    ("DROP({1,2,3;4,5,6;7,8,9},2)", [[7, 8, 9]]),
    ("DROP({1,2,3;4,5,6;7,8,9},-2)", [[1, 2, 3]]),
    ("DROP({1,2,3;4,5,6;7,8,9},,2)", [[3], [6], [9]]),
    ("DROP({1,2,3;4,5,6;7,8,9},3)", CALC),
    # VSTACK, HSTACK
    ("VSTACK({1,2,3;4,5,6},{7,8;9,10})", [[1, 2, 3], [4, 5, 6], [7, 8, NA], [9, 10, NA]]),
    ("HSTACK({1;2},{3,4;5,6},7)", [[1, 3, 4, 7], [2, 5, 6, NA]]),
    ("VSTACK(L1:M2,O1:O2)", [["Product", "Qty"], ["Apples", 5], ["Region", NA], ["East", NA]]),
    # TOCOL, TOROW
    ("TOCOL({1,2;3,4})", [[1], [2], [3], [4]]),
    ("TOCOL({1,2;3,4},,TRUE)", [[1], [3], [2], [4]]),
    ("TOROW(T1:T5,1)", [[1, "b", True, NA]]),  # blanks left out
    ("TOROW(T1:T5,2)", [[1, "b", 0, True]]),  # errors left out (the blank cell shows 0)
    ("TOCOL(T1:T5,3)", [[1], ["b"], [True]]),
    ("TOCOL(T1:T5,4)", "#VALUE!"),
    ("TOCOL(T3,1)", CALC),
    # CHOOSECOLS, CHOOSEROWS
    ("CHOOSECOLS(O1:R3,1,3,1)", [["Region", "Product", "Region"], ["East", "Apple", "East"], ["West", "Grape", "West"]]),
    ("CHOOSECOLS(O1:R2,-1,{2,3})", [["Units", "Rep", "Product"], [6380, "Tom", "Apple"]]),
    ("CHOOSECOLS(O1:R2,5)", "#VALUE!"),
    ("CHOOSECOLS(O1:R2,0)", "#VALUE!"),
    ("CHOOSEROWS(O2:P9,1,3,1)", [["East", "Tom"], ["North", "Amy"], ["East", "Tom"]]),
    ("CHOOSEROWS(O2:P9,-1,-2)", [["South", "Hector"], ["North", "Xi"]]),
    ("CHOOSEROWS(O2:P9,9)", "#VALUE!"),
    # EXPAND
    ("EXPAND({1,2;3,4},3,3)", [[1, 2, NA], [3, 4, NA], [NA, NA, NA]]),
    ('EXPAND({1,2;3,4},3,,"-")', [[1, 2], [3, 4], ["-", "-"]]),
    ("EXPAND({1,2;3,4},1,2)", "#VALUE!"),
    # Excel's collation: case-blind, an accented letter right after its base letter ("ä" < "b")
    ('MATCH("b",{"a","ä","b"},1)', 3),
    ('MATCH("ä",{"a","ä","b"},0)', 2),
    ('MATCH("A",{"ä","a","b"},0)', 2),  # "ä" is not "a"
    ('SORT({"b";"ä";"a";"Z"})', [["a"], ["ä"], ["b"], ["Z"]]),
    ('SORT({"b";"ä";"a";"Z"},1,-1)', [["Z"], ["b"], ["ä"], ["a"]]),
    # errors sort by their code (IronCalc's Excel-saved SORT.xlsx): #DIV/0! (2), #NAME? (5), #N/A (7)
    ("SORT({1;#N/A;#DIV/0!;#NAME?})", [[1], ["#DIV/0!"], ["#NAME?"], ["#N/A"]]),
    ("SORT({1;#N/A;#DIV/0!;#NAME?},1,-1)", [["#N/A"], ["#NAME?"], ["#DIV/0!"], [1]]),
]

PREFIX = {"FILTER": "_xlfn._xlws.", "SORT": "_xlfn._xlws."}  # other new functions: "_xlfn."
NEW = ("XLOOKUP", "XMATCH", "FILTER", "UNIQUE", "SORTBY", "SORT", "SEQUENCE", "TAKE", "DROP", "VSTACK", "HSTACK",
       "TOCOL", "TOROW", "CHOOSECOLS", "CHOOSEROWS", "EXPAND")


def in_file(formula: str) -> str:
    """A formula as Excel saves it: the newer functions carry the _xlfn. prefix."""
    import re

    pattern = re.compile(r"\b(" + "|".join(NEW) + r")\(")
    return "=" + pattern.sub(lambda m: PREFIX.get(m.group(1), "_xlfn.") + m.group(0), formula)


def layout(cases: list[tuple[str, Any]], first_row: int = 20) -> dict[str, str]:
    """Each case's formula at column A from ``first_row`` on, as an array formula over the size
    of its expected result when that is an array."""
    placed: dict[str, str] = {}
    row = first_row
    for formula, expected in cases:
        height, width = (len(expected), len(expected[0])) if isinstance(expected, list) else (1, 1)
        key = cell_name((row, 1)) if height == width == 1 and not isinstance(expected, list) else \
            f"{cell_name((row, 1))}:{cell_name((row + height - 1, width))}"
        placed[key] = in_file(formula)
        row += height
    return placed


PLACED = layout(CASES)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return values(tmp_path_factory.mktemp("arrays") / "cases.xlsx", DATA, PLACED)


PARAMS = [pytest.param(key, case, id=case[0]) for key, case in zip(PLACED, CASES)]


@pytest.mark.parametrize(("key", "case"), PARAMS)
def test_hand_worked(results: dict[str, Any], key: str, case: tuple[str, Any]) -> None:
    _, expected = case
    assert same(results[key], excel(expected)), results[key]


def test_prefixes_are_those_excel_writes() -> None:
    assert in_file("SORT(FILTER(A1:A2,B1:B2))+XLOOKUP(1,A1:A2,B1:B2)") == \
        "=_xlfn._xlws.SORT(_xlfn._xlws.FILTER(A1:A2,B1:B2))+_xlfn.XLOOKUP(1,A1:A2,B1:B2)"


# --- against LibreOffice: VLOOKUP, HLOOKUP, MATCH, LOOKUP ---------------------------------------------

# LibreOffice has no boolean type (TRUE is 1) and matches the text "3" with the number 3: those
# cases are hand-worked above. Approximate lookups run over sorted data, where the answer is defined.
KEYS = [1, 3, "b", None, 5, "A", "#N/A", "apple", 7, "a*c", 2.5]  # unsorted: exact matches
ASCENDING = [1, 2, 4, None, 8, 16, "a", "c", "e"]  # approximate matches
DESCENDING = [16, 8, 4, 2, 1]
ORACLE_DATA: dict[str, Any] = {
    **{f"A{i}": v for i, v in enumerate(KEYS, 1) if v is not None},
    **{f"B{i}": f"r{i}" for i in range(1, len(KEYS) + 1)},
    **{f"C{i}": v for i, v in enumerate(ASCENDING, 1) if v is not None},
    **{f"D{i}": 10 * i for i in range(1, len(ASCENDING) + 1)},
    **{f"E{i}": v for i, v in enumerate(DESCENDING, 1)},
    **{f"F{i}": i for i in range(1, len(KEYS) + 1)},
    **{cell_name((20, i)): v for i, v in enumerate(KEYS, 1) if v is not None},  # KEYS along a row
    **{cell_name((21, i)): f"h{i}" for i in range(1, len(KEYS) + 1)},
}

LOOKUP_VALUES = ['1', '3', '"B"', '"APPLE"', '"a*"', '"ap?le"', '"x"', '5', '0', '2', '17', '0.5', '"A"', '"a~*c"',
                 '"b"', '"d"', '2.5', "H1", '"~"', '"_"', '"a-c"']
ORACLE_FORMULAS = [
    f for v in LOOKUP_VALUES for f in (
        f"=VLOOKUP({v},A1:B11,2,FALSE)", f"=MATCH({v},A1:A11,0)", f"=HLOOKUP({v},A20:K21,2,FALSE)",
        f"=VLOOKUP({v},C1:D9,2,TRUE)", f"=VLOOKUP({v},C1:D9,2)", f"=MATCH({v},C1:C9,1)", f"=MATCH({v},C1:C9)",
        f"=LOOKUP({v},C1:C9,D1:D9)", f"=LOOKUP({v},C1:D9)", f"=MATCH({v},E1:E5,-1)", f"=INDEX(F1:F11,MATCH({v},A1:A11,0))",
    )
] + ["=VLOOKUP(1,A1:B11,2,TRUE)", "=LOOKUP(3,{1,2,3},{\"x\",\"y\",\"z\"})", "=LOOKUP(2.5,{1;2;3})",
     "=MATCH(4,{1,2,4,8},1)", "=MATCH(9,{8,4,2},-1)"]
ORACLE_CELLS = {f"H{30 + i}": f for i, f in enumerate(ORACLE_FORMULAS)}


@pytest.fixture(scope="module")
def oracle(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    return libreoffice_values(tmp_path_factory.mktemp("arrays-lo"), ORACLE_DATA, ORACLE_CELLS)


@pytest.mark.parametrize("cell", ORACLE_CELLS, ids=ORACLE_FORMULAS)
def test_classic_lookups_match_libreoffice(oracle: tuple[dict[str, Any], dict[str, Any]], cell: str) -> None:
    engine, expected = oracle
    assert same(engine[cell], expected[cell]), (engine[cell], expected[cell])

