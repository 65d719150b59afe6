"""The engine's core semantics against Excel's documented answers, and LibreOffice where it agrees.

Each case is a formula, the value Excel gives (from Microsoft's documentation, cited), and
whether LibreOffice gives it too: where it does, LibreOffice's computed value is asserted as
well (the differential check); where it does not, the reason is listed.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.table import Table
from oracle import cached_values, same

from xlkpi.engine import clear_cache, evaluate
from xlkpi.engine.compiler import Chain, parse
from xlkpi.errors import XLError

VALUE, NAME, REF, NUM = XLError.VALUE, XLError.NAME, XLError.REF, XLError.NUM
LO = None  # LibreOffice gives Excel's answer
# Why LibreOffice's answer is not Excel's, where it is not.
LO_TEXT = "LibreOffice's text has no 32,767-character limit"
LO_EXPONENT = "LibreOffice writes an exponent in three digits (9.00719925474099E+015)"
LO_BOOLEAN = "LibreOffice's booleans are numbers in a boolean format: --TRUE is saved as TRUE, TYPE(TRUE) is 1"

# Column A: what the formulas read (A2:A9 outcomes, B2:B9 amounts; the sheet "it's" holds 42).
OUTCOMES = ["won", "lost", "won", "open", "WON", "lost", "won", "open"]
AMOUNTS = [100, 250, 75, 40, 10, 5, 1.5, 99]

# (formula, Excel's value, None if LibreOffice agrees else why not)
CASES: list[tuple[str, Any, str | None]] = [
    # Negation converts its operand to a number (Microsoft, "Calculation operators and precedence"):
    # TRUE is 1 and numeric text a number, so the double unary makes numbers of both.
    ("=--TRUE", 1.0, LO_BOOLEAN),
    ('=--"5"', 5.0, LO),
    ('=-+-"5"', 5.0, LO),
    ("=--FALSE+0", 0.0, LO),
    ('=SUMPRODUCT(--(A2:A9="won"),B2:B9)', 100 + 75 + 10 + 1.5, LO),
    ('=SUMPRODUCT(--(A2:A9="won"))', 4.0, LO),
    # Comparisons of numbers to 15 significant digits (Microsoft, "Floating-point arithmetic may
    # give inaccurate results in Excel": Excel stores and shows 15 significant digits).
    ("=5.8=5.800000000000001", True, LO),
    ("=5.8<>5.800000000000001", False, LO),
    ("=5.8<5.800000000000001", False, LO),
    ("=0.1+0.2=0.3", True, LO),
    ("=1=1.00000000000001", False, LO),
    ("=1<1.00000000000001", True, LO),
    # Text compared without regard to case, accented letters beside their base letter
    # (Microsoft, "Sort data in a range or table").
    ('="ä"<"b"', True, LO),
    ('="a"<"ä"', True, LO),
    ('="A"="a"', True, LO),
    ('="ä"="a"', False, LO),
    ('="Zebra">"äpfel"', True, LO),
    # Numbers become text with 15 significant digits (Microsoft, "Excel specifications and
    # limits": number precision 15 digits), in full while those digits hold the number exactly.
    ('="x"&1.2E15', "x1200000000000000", LO),
    ('=CONCATENATE("x",1.2E+15)', "x1200000000000000", LO),
    ('="x"&-1234567890123450', "x-1234567890123450", LO),
    ('="x"&2^53', "x9.00719925474099E+15", LO_EXPONENT),
    ('="x"&1E+20', "x1E+20", LO_EXPONENT),
    # Percent signs apply in turn (Microsoft, "Calculation operators and precedence": % is an operator).
    ("=1000%%", 0.1, LO),
    # TYPE (Microsoft, "TYPE function"): error value 16, array 64.
    ("=TYPE(1/0)", 16.0, LO),
    ("=TYPE(NA())", 16.0, LO),
    ('=TYPE("x")', 2.0, LO),
    ("=TYPE(TRUE)", 4.0, LO_BOOLEAN),
    ("=TYPE({1,2})", 64.0, LO),
    # The grid is XFD1048576 (Microsoft, "Excel specifications and limits"): beyond it a
    # reference is a name Excel does not know, and INDIRECT's text no reference.
    ("=XFE1+1", NAME, LO),
    ("=SUM(B1:XFE1048577)", NAME, LO),
    ('=INDIRECT("XFE1")', REF, LO),
    ('=INDIRECT("A1048577")', REF, LO),
    ("=INDIRECT(\"'it''s'!A1\")", 42.0, LO),
    # A cell holds 32,767 characters; REPT beyond is #VALUE! (Microsoft, "REPT function").
    ('=LEN(REPT("x",32767))', 32767.0, LO),
    ('=LEN(REPT("x",40000))', VALUE, LO_TEXT),
    ('=LEN(REPT("x",20000)&REPT("y",20000))', VALUE, LO_TEXT),
]

SUMS = "+".join(f"C{row}" for row in range(1, 401))  # 400 additions, 1,891 characters
NESTED = "".join(f"IF(C{i}>0," for i in range(1, 65)) + "1" + ",0)" * 64  # 64 nesting levels
LONG_TEXT = "&".join(f"C{row}" for row in range(1, 1500))  # 8,000 characters of & (Excel's limit: 8,192)


def _book(path: Path, formulas: dict[str, Any]) -> Path:
    """A workbook of the inputs above (sheet "Calc", and "it's") with ``formulas`` by cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Calc"
    for row, (outcome, amount) in enumerate(zip(OUTCOMES, AMOUNTS), start=2):
        ws.cell(row, 1, outcome)
        ws.cell(row, 2, amount)
    for row in range(1, 1500):
        ws.cell(row, 3, row % 7)
    wb.defined_names["Liste"] = DefinedName("Liste", attr_text="Calc!$B$2:$B$4")
    for cell, formula in formulas.items():
        ws[cell] = formula
    wb.create_sheet("it's")["A1"] = 42
    wb.save(path)
    return path


# Implicit intersection, as Excel computes a formula without dynamic arrays: a block read by an
# operator gives the cell of the formula's row (Microsoft, "Implicit intersection operator: @");
# SUM(A*B) typed without Ctrl+Shift+Enter in a row the blocks miss is #VALUE!.
IMPLICIT = {
    "G2": "=Liste*100+B2:B4", "G3": "=Liste*100+B2:B4", "G20": "=SUM(B2:B6*C2:C6)", "G4": "=SUM(B2:B6*C2:C6)",
    "G5": "=SUMPRODUCT(B2:B6*C2:C6)", "G21": '=SUMPRODUCT((A2:A9="won")*B2:B9)',
    "H1": ArrayFormula("H1", "=SUM(B2:B6*C2:C6)"),
    # a function of single values reads a block the same way
    "J3": "=LEN(A2:A9)", "J20": "=LEN(A2:A9)", "J4": "=SUM(LEN(A2:A9))", "J5": "=SUMPRODUCT(LEN(A2:A9))",
}
LONG = {"F1": f"={SUMS}", "F2": f"={NESTED}", "F3": f"=LEN({LONG_TEXT})"}


def _implicit_expected() -> dict[str, Any]:
    b = {row: amount for row, amount in enumerate(AMOUNTS, start=2)}
    c = {row: row % 7 for row in range(1, 1500)}
    return {
        "G2": b[2] * 100 + b[2],
        "G3": b[3] * 100 + b[3],
        "G20": VALUE,  # row 20 meets neither block
        "G4": b[4] * c[4],  # SUM of the single product in row 4
        "G5": sum(b[r] * c[r] for r in range(2, 7)),  # SUMPRODUCT takes arrays
        "G21": sum(a for o, a in zip(OUTCOMES, AMOUNTS) if o.upper() == "WON"),
        "H1": sum(b[r] * c[r] for r in range(2, 7)),  # the array formula takes the blocks whole
        "J3": float(len(OUTCOMES[1])), "J20": VALUE, "J4": float(len(OUTCOMES[2])),
        "J5": float(sum(len(o) for o in OUTCOMES)),
    }


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory,
          libreoffice_convert: Callable[..., list[Path]]) -> dict[str, tuple[dict, dict]]:
    """name → (the engine's values, LibreOffice's) of each workbook: one per case (a failing
    case fails alone), the implicit intersections, the long formulas; one LibreOffice run."""
    folder = tmp_path_factory.mktemp("core")
    formulas = {f"case{i}": {"E1": case[0]} for i, case in enumerate(CASES)} | {"implicit": IMPLICIT, "long": LONG}
    paths = {name: _book(folder / f"{name}.xlsx", cells) for name, cells in formulas.items()}
    copies = libreoffice_convert(list(paths.values()), tmp_path_factory.mktemp("libreoffice"))
    result = {}
    for (name, path), copy in zip(paths.items(), copies):
        clear_cache()
        values: dict[Any, Any]
        try:
            values = dict(evaluate(path).values)
        except Exception as error:  # noqa: BLE001 (the test of that book reports it)
            values = {"error": error}
        result[name] = (values, cached_values(copy))
    return result


@pytest.mark.parametrize(("index", "formula", "expected", "why"), [(i, *case) for i, case in enumerate(CASES)],
                         ids=[case[0] for case in CASES])
def test_documented_answers(books: dict[str, tuple[dict, dict]], index: int, formula: str, expected: Any,
                            why: str | None) -> None:
    engine, libreoffice = books[f"case{index}"]
    key = ("Calc", "E1")
    assert same(engine.get(key, engine.get("error")), expected), (formula, engine)
    assert same(libreoffice[key], expected) == (why is None), (formula, "LibreOffice", libreoffice[key], why)


def test_long_formulas_do_not_recurse_per_operand(books: dict[str, tuple[dict, dict]]) -> None:
    """400 additions, 64 nested IFs and 8,000 characters of & compute (before: RecursionError)."""
    engine, libreoffice = books["long"]
    c = [row % 7 for row in range(1, 1500)]
    expected = {"F1": float(sum(c[:400])), "F2": 0.0 if 0 in c[:64] else 1.0, "F3": float(sum(len(str(v)) for v in c))}
    for cell, value in expected.items():
        assert same(engine.get(("Calc", cell), engine.get("error")), value), cell
        assert same(libreoffice[("Calc", cell)], value), cell


def test_operator_runs_are_one_node() -> None:
    """A run of one precedence is one node, whatever its length: nothing recurses per operand."""
    token, args = parse(SUMS)
    assert isinstance(token, Chain) and len(args) == 400
    token, args = parse("1-2+3*4*5-6")
    assert isinstance(token, Chain) and token.ops == ["-", "+", "-"] and len(args) == 4


def test_implicit_intersection(books: dict[str, tuple[dict, dict]]) -> None:
    engine, libreoffice = books["implicit"]
    for cell, value in _implicit_expected().items():
        assert same(engine.get(("Calc", cell), engine.get("error")), value), (cell, engine)
        assert same(libreoffice[("Calc", cell)], value), (cell, "LibreOffice", libreoffice[("Calc", cell)])


def _tables_book(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Column1", "Column2", "Column3"])
    for row in [(1, 2, 3), (4, 5, 6), (7, 8, 10)]:
        ws.append(row)
    ws["C5"] = "=SUBTOTAL(101,[Column3])"  # the totals row: [Column3] is its own table's
    ws["B5"] = "=SUBTOTAL(109,[Column2])"
    ws.add_table(Table(displayName="Sales_2026", ref="A1:C5", totalsRowCount=1))
    other = wb.create_sheet("Other")
    other.append(["a", "b"])
    other.append([10, 20])
    other.append([30, 45])
    other.add_table(Table(displayName="\\Q.1_x", ref="A1:B3"))
    other["D1"] = "=SUM(\\Q.1_x[b])"
    other["D2"] = "=SUM(Sales_2026[Column1])"
    other["D3"] = "=COUNTA(\\Q.1_x[[#All],[a]])"
    wb.save(path)
    return path


def test_structured_references(tmp_path: Path) -> None:
    """A totals row's ``SUBTOTAL(101,[Column3])`` (Microsoft, "Using structured references with
    Excel tables": inside a table the table name may be left out); table names with ``\\``,
    ``_`` and ``.`` (Microsoft, "Rename an Excel table": letters, numbers, periods, underscores,
    a first backslash)."""
    clear_cache()
    values = evaluate(_tables_book(tmp_path / "tables.xlsx")).values
    assert values[("Data", "C5")] == pytest.approx((3 + 6 + 10) / 3)
    assert values[("Data", "B5")] == 15.0
    assert values[("Other", "D1")] == 65.0
    assert values[("Other", "D2")] == 12.0
    assert values[("Other", "D3")] == 3.0


def test_results_too_large_are_error_values(tmp_path: Path) -> None:
    """Under a 2 GiB address-space cap, results no cell can hold are error values in their cells
    (REPT: #VALUE! beyond 32,767 characters, Microsoft "REPT function"; arrays beyond what the
    engine builds, an array formula over the whole grid: #NUM!), and the rest of the workbook
    computes."""
    path = tmp_path / "huge.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"] = "=SEQUENCE(1048576,16384)"
    ws["A2"] = '=LEN(REPT("x",2^30))'
    ws["A3"] = "=MAKEARRAY(100000,10000,LAMBDA(r,c,r))"
    ws["A4"] = "=ROWS(SEQUENCE(1000,100))"
    ws["B1"] = "=SUM(C1:XFD1048576)"
    wb.create_sheet("Grid")["A1"] = ArrayFormula("A1:XFD1048576", "=1")  # an array formula over the whole grid
    wb.save(path)
    script = textwrap.dedent(f"""
        import json, resource
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
        from xlkpi.engine import evaluate
        values = evaluate({str(path)!r}, cache=False).values
        print(json.dumps({{f"{{sheet}}!{{cell}}": str(value) for (sheet, cell), value in values.items()}}))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    values = json.loads(done.stdout)
    assert values["S!A1"] == "#NUM!" and values["S!A3"] == "#NUM!"
    assert values["S!A2"] == "#VALUE!"
    assert values["S!A4"] == "1000.0"
    assert values["S!B1"] == "0.0"  # the whole grid but the two first columns: blank
    assert values["Grid!A1"] == "#NUM!"
