"""Twin ≡ function: LibreOffice computes the native twin of every hand-worked KPI case, and the
values equal the KPI functions' (errors included).

One workbook holds every case of ``kpi_cases.CASES`` three ways: its arguments in cells (column
A, ranges as columns of the Ranges sheet, every third case's first range as a row), the same
with literal arguments (column B, cases whose arguments are all scalars), and inside other
formulas (nested calls, arithmetic around a call, a defined name, shared and array formulas).
``xlkpi export --native`` rewrites it, the cached values are dropped so that LibreOffice
computes every formula, and LibreOffice's values, and the engine's on the native formulas, are
compared with the Python functions'.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from benchmark_recalc import without_cached_values
from kpi_cases import CASES
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.formula import ArrayFormula
from oracle import cached_values, same
from test_engine import _share_formulas

from xlkpi import REGISTRY, XLError, registry
from xlkpi.engine import evaluate
from xlkpi.export import export_native, find_calls, rewrite
from xlkpi.native_twins import NoTwin, twin_of
from xlkpi.registry import declare, register
from xlkpi.values import excel_serial


def _is_range(value: object) -> bool:
    return isinstance(value, (list, tuple))


def _representable(args: tuple) -> bool:
    """A cell can hold every argument (Excel has no infinity)."""
    cells = [c for a in args for c in (a if _is_range(a) else [a])]
    cells = [c for c in cells for c in (c if _is_range(c) else [c])]
    return not any(isinstance(c, float) and not math.isfinite(c) for c in cells)


def _put(ws, coordinate: str, value: object) -> None:
    """A cell holding ``value`` as Excel would: errors through a formula giving them."""
    if isinstance(value, (dt.date, dt.datetime)):
        value = excel_serial(value)
    error = XLError.parse(value) if isinstance(value, (str, XLError)) else None
    if error is not None:
        ws[coordinate] = f"={error.value}"
    elif value is not None:
        ws[coordinate] = value


def _literal(value: object) -> str | None:
    """``value`` as a formula literal, or None when it has none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, XLError) or (isinstance(value, str) and XLError.parse(value)):
        return XLError.parse(str(value)).value  # type: ignore[union-attr]
    if isinstance(value, (int, float)):
        return repr(value) if value >= 0 else f"-{-value!r}"
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    return None


EXTRA = {  # formula with KPI calls inside other formulas → the value the functions give
    "KPI_RATE(KPI_CPL(500,25),40)": REGISTRY["KPI_RATE"](REGISTRY["KPI_CPL"](500, 25), 40),  # 20 / 40
    "2*KPI_ROI(12000,4000)+1": 2 * 2.0 + 1,
    '-KPI_RATE(1,4)%': -0.25 / 100,
    'IF(KPI_BAND(0.04,Ranges!$A$1:$A$4,Ranges!$B$1:$B$4)="good","yes, good","no")': "yes, good",
    'KPI_CPL(IF(TRUE,"a,b)","x"),2)': XLError.VALUE,  # a string with a comma and a bracket
    "KPI_CPL(500,)": XLError.DIV0,  # an empty argument is a blank
    "_xludf.KPI_CPL(500,25)": 20.0,  # as Excel stores a UDF it does not know
    "BadName": XLError.DIV0,  # a defined name calling a KPI: KPI_UPLIFT(0,100)
}


def write_cases(wb: openpyxl.Workbook, title: str, cases: list[tuple[str, tuple]], first_column: int = 1,
                ) -> dict[tuple[str, str], object]:
    """Sheet ``title`` computing each case ``(name, args)`` twice: column A with its arguments in
    cells (ranges as columns of sheet ``title``Ranges from ``first_column`` on; every third case's
    first range as a row), column B with literal arguments when all are scalars. Returns cell →
    the value the KPI function gives."""
    ws = wb.create_sheet(title)
    ranges_title = f"{title}Ranges"
    ranges = wb[ranges_title] if ranges_title in wb.sheetnames else wb.create_sheet(ranges_title)
    column = first_column - 1
    expected: dict[tuple[str, str], object] = {}
    row = 1
    for number, (name, args) in enumerate(cases):
        if not _representable(args):
            continue
        row += 1
        texts, literals = [], []
        first_range = next((k for k, a in enumerate(args) if _is_range(a)), None)
        for j, arg in enumerate(args):
            if _is_range(arg):
                cells = [c for a in arg for c in (a if _is_range(a) else [a])]
                if number % 3 == 0 and j == first_range:
                    at = 1000 + number  # this case's first range as a row
                    for k, value in enumerate(cells):
                        _put(ranges, f"{get_column_letter(k + 1)}{at}", value)
                    texts.append(f"{ranges_title}!$A${at}:${get_column_letter(len(cells))}${at}")
                else:
                    column += 1
                    letter = get_column_letter(column)
                    for k, value in enumerate(cells):
                        _put(ranges, f"{letter}{k + 1}", value)
                    texts.append(f"{ranges_title}!${letter}$1:${letter}${len(cells)}")
                literals.append(None)
            else:
                cell = f"{get_column_letter(3 + j)}{row}"
                _put(ws, cell, arg)
                texts.append(cell)
                literals.append(_literal(arg))
        want = REGISTRY[name](*args)
        ws[f"A{row}"] = f"={name}({','.join(texts)})"
        expected[(title, f"A{row}")] = want
        if all(literal is not None for literal in literals):
            ws[f"B{row}"] = f"={name}({','.join(literals)})"  # type: ignore[arg-type]
            expected[(title, f"B{row}")] = want
    return expected


def _cases_workbook(path: Path) -> dict[tuple[str, str], object]:
    """The workbook of every hand-worked case, and of KPI calls inside other formulas; returns
    cell → the value the KPI functions give."""
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    ranges = wb.create_sheet("Ranges")
    for i, label in enumerate(["low", "common", "good", "excellent"]):  # A:B the bands of EXTRA
        ranges.cell(i + 1, 1, [0, 0.01, 0.03, 0.06][i])
        ranges.cell(i + 1, 2, label)
    expected = write_cases(wb, "Cases", [(name, args) for name, args, _, _ in CASES], first_column=4)
    extra = wb.create_sheet("Extra")
    wb.defined_names["BadName"] = DefinedName("BadName", attr_text="KPI_UPLIFT(0,100)")
    for i, (formula, want) in enumerate(EXTRA.items(), start=1):
        extra[f"A{i}"] = f"={formula}"
        expected[("Extra", f"A{i}")] = want
    # an array formula over three cells, and a shared formula filled down C1:C5 of Shared
    extra["C1"] = ArrayFormula("C1:C3", "=KPI_RATE(Ranges!$C$1,4)*Ranges!$C$1:$C$3")
    for i in range(3):
        ranges[f"C{i + 1}"] = i + 1
        expected[("Extra", f"C{i + 1}")] = (i + 1) / 4
    shared = wb.create_sheet("Shared")
    for r in range(1, 6):
        shared[f"A{r}"], shared[f"B{r}"] = 100 * r, r - 1
        shared[f"C{r}"] = f"=KPI_CPL(A{r},B{r})"
        expected[("Shared", f"C{r}")] = REGISTRY["KPI_CPL"](100 * r, r - 1)
        # an array twin in a shared formula: each cell becomes its own array formula
        shared[f"D{r}"] = f"=KPI_BAND(B{r}/100,Ranges!$A$1:$A$4,Ranges!$B$1:$B$4)"
        expected[("Shared", f"D{r}")] = REGISTRY["KPI_BAND"]((r - 1) / 100, [0, 0.01, 0.03, 0.06],
                                                              ["low", "common", "good", "excellent"])
    wb.save(path)
    part = f"xl/worksheets/sheet{wb.sheetnames.index('Shared') + 1}.xml"  # openpyxl numbers the parts in order
    _share_formulas(path, part, [("C", 1, 5), ("D", 1, 5)])
    return expected


def uncached(path: Path) -> Path:
    """``path`` with the cached values of its formula cells dropped: LibreOffice, which shows
    the values a file stores, computes those formulas itself."""
    return without_cached_values(path, path.with_name(f"{path.stem}-uncached{path.suffix}"))


def test_every_kpi_has_a_twin_or_says_why() -> None:
    for name, kpi in REGISTRY.items():
        assert kpi.twin is not None or kpi.twin_note.strip(), name


def test_a_declaration_without_twin_or_reason_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    cpl = REGISTRY["KPI_CPL"]
    others = {name: kpi for name, kpi in REGISTRY.items() if name != "KPI_CPL"}
    monkeypatch.setattr(registry, "REGISTRY", others)  # KPI_CPL is declared anew below, its texts in the catalogue
    with pytest.raises(TypeError, match="twin"):
        declare("KPI_CPL", cpl.category, cpl.number_format, cpl.impl, *cpl.params)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="KPI_CPL: declare its native twin, or twin=None with the reason"):
        declare("KPI_CPL", cpl.category, cpl.number_format, cpl.impl, *cpl.params, twin=None)
    with pytest.raises(ValueError, match="KPI_CPL: declare its native twin"):
        register(replace(cpl, twin=None, twin_note=" "))
    assert "KPI_CPL" not in others
    assert declare("KPI_CPL", cpl.category, cpl.number_format, cpl.impl, *cpl.params, twin=None,
                   twin_note="why").twin_note == "why"


def test_a_kpi_declared_without_twin_gives_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(REGISTRY, "KPI_CPL", replace(REGISTRY["KPI_CPL"], twin=None, twin_note="no twin in this test"))
    with pytest.raises(NoTwin, match="no twin in this test"):
        twin_of("KPI_CPL", ["1", "2"])
    with pytest.raises(NoTwin, match="KPI_NOPE is not a KPI function"):
        twin_of("KPI_NOPE", ["1"])


def test_find_calls_reads_strings_sheet_names_and_nesting() -> None:
    text = """IF(A1=0,"KPI_CPL(1,2)",KPI_RATE('It''s, (a) sheet'!B2,KPI_CPL(C1,"x,)")))"""
    outer, inner = find_calls(text)
    assert (outer.name, inner.name) == ("KPI_RATE", "KPI_CPL")
    assert [text[a:b] for a, b in outer.args] == ["'It''s, (a) sheet'!B2", 'KPI_CPL(C1,"x,)")']
    assert [text[a:b] for a, b in inner.args] == ["C1", '"x,)"']
    assert rewrite(text).text == ("""IF(A1=0,"KPI_CPL(1,2)",IF(--'It''s, (a) sheet'!B2<0,--#NUM!,'It''s, (a) sheet'!B2)"""
                                  """/IF(--((--C1)/IF(--"x,)"<0,--#NUM!,"x,)"))<0,--#NUM!,((--C1)/IF(--"x,)"<0,--#NUM!,"x,)"))))""")


def test_a_multi_cell_range_where_a_number_is_expected_is_value_error() -> None:
    assert twin_of("KPI_CPL", ["A1:A2", "B1"], lambda t: (2, 1) if ":" in t else (1, 1)).formula.startswith("#VALUE!/")


def test_calls_a_twin_cannot_read_have_none() -> None:
    with pytest.raises(NoTwin, match="at most 2"):
        twin_of("KPI_CPL", ["1", "2", "3"])
    with pytest.raises(NoTwin, match="needs 2"):
        twin_of("KPI_CPL", ["1"])
    with pytest.raises(NoTwin, match="not a range"):
        twin_of("KPI_BAND", ["0.04", "{0,0.01}", '{"low","high"}'])


def test_libreoffice_computes_every_twin_as_the_functions_do(tmp_path: Path,
                                                             libreoffice_convert: Callable[..., list[Path]]) -> None:
    source = tmp_path / "cases.xlsx"
    expected = _cases_workbook(source)
    result = export_native(source, tmp_path / "native.xlsx")
    assert result.left_as_values == {} and result.names_left == {}
    assert result.names_rewritten == 1
    native = openpyxl.load_workbook(tmp_path / "native.xlsx")
    leftover = [(ws.title, c.coordinate) for ws in native.worksheets for r in ws.iter_rows() for c in r
                if "KPI_" in str(getattr(c.value, "text", c.value))]
    assert leftover == []
    (copy,) = libreoffice_convert([uncached(tmp_path / "native.xlsx")], tmp_path / "lo")
    computed = cached_values(copy)
    cases = sum(sheet == "Cases" for sheet, _ in expected)
    assert cases > 150  # every representable case in cells, most again as literals
    wrong = [(key, computed.get(key), want) for key, want in expected.items() if not same(want, computed.get(key))]
    assert wrong == []
    # the engine, which follows Excel where LibreOffice does not (SUM ignores TRUE in an array), agrees too
    engine = evaluate(tmp_path / "native.xlsx").values
    assert [(key, engine.get(key), want) for key, want in expected.items() if not same(engine.get(key), want)] == []
