"""The xlwings UDFs through xlwings' own Windows machinery: only pywin32 and Excel are faked.

``xlkpi.udfs`` is imported with xlwings' real decorators (see ``xlwings_windows``); the VBA
module comes from xlwings' ``generate_vba_wrapper``, and calls go through its ``call_udf``,
which converts every argument and the result with ``xlwings.conversion`` exactly as the COM
server does when Excel recalculates. Arguments are what COM hands to ``call_udf``: literals
as values (numbers as float, error values as their SCODE, dates as datetimes, arrays as tuples
of rows) and cell references as Excel.Range dispatches, which xlwings reads through
``Range.Value`` (a single cell as its value, a range as a tuple of rows). Not covered: the
VARIANT marshalling of ``com_server.XLPython.CallUDF`` and the VBA itself, which need pywin32
and Excel.
"""
from __future__ import annotations

import datetime as dt
import decimal
import io
import re
import sys
from collections.abc import Iterator
from types import ModuleType, SimpleNamespace
from typing import Any
from unittest.mock import MagicMock

import pytest
import xlwings
from kpi_cases import CASES, D0, same_result
from xlwings_windows import DECORATORS, PYWIN32, XLWINGS_WINDOWS, windows_xlwings

import xlkpi
from xlkpi import REGISTRY, Kpi, Param, XLError
from xlkpi.registry import REQUIRED
from xlkpi.values import Kind

MODULE = "xlkpi.udfs"
DAY0 = float(D0)  # a cell holding 2026-01-01's serial, as COM passes numbers
RANGE_IID = "{00020846-0000-0000-C000-000000000046}"  # Excel.Range: how call_udf tells a cell reference
MISSING = -2147352572  # DISP_E_PARAMNOTFOUND: an Optional argument the formula left out
XL_ERR = {  # Excel's xlErr* codes; COM passes an error value as the SCODE 0x800A0000 + code
    XLError.NULL: 2000, XLError.DIV0: 2007, XLError.VALUE: 2015, XLError.REF: 2023,
    XLError.NAME: 2029, XLError.NUM: 2036, XLError.NA: 2042,
}
VBA_RESERVED = set("""and array as boolean byref byte byval call case cbool cbyte ccur cdate cdbl cdec
    cint clng clnglng clngptr const csng cstr currency cvar cverr date decimal declare defbool defbyte
    defcur defdate defdbl defint deflng deflnglng deflngptr defobj defsng defstr defvar dim do double
    each else elseif empty end endif enum eqv erase event exit false for friend function get global
    gosub goto if imp implements in input integer is lbound let like long longlong longptr loop lset
    me mod new next not nothing null on option optional or paramarray preserve private public
    raiseevent redim rem resume return rset select set single static stop string sub then to true
    type typeof ubound until variant wend while with xor""".split())  # VBA keywords  # noqa: SIM905


@pytest.fixture(scope="module")
def xw_udfs() -> Iterator[ModuleType]:
    with windows_xlwings(MODULE) as udfs:
        yield udfs


@pytest.fixture(scope="module")
def kpi_udfs(xw_udfs: ModuleType) -> ModuleType:
    return sys.modules[MODULE]


def com_error(error: XLError) -> int:
    return 0x800A0000 + XL_ERR[error] - (1 << 32)


def com_value(value: Any) -> Any:
    """A value as COM hands it to Python: a 1×1 range is its cell, a flat list is a column."""
    if isinstance(value, list):
        rows = value if isinstance(value[0], list) else [[cell] for cell in value]
        cells = tuple(tuple(com_value(cell) for cell in row) for row in rows)
        return cells[0][0] if len(cells) == 1 and len(cells[0]) == 1 else cells
    error = XLError.parse(value) if isinstance(value, str) else None
    if error is not None:
        return com_error(error)
    if isinstance(value, dt.datetime):  # pywin32's dates are timezone-aware
        return value.replace(tzinfo=dt.timezone.utc)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value


def cell_ref(value: Any) -> MagicMock:
    """A cell reference as COM hands it to Python: an Excel.Range dispatch (``value`` as COM's)."""
    rng = MagicMock(name="Range", Value=value)
    rng._oleobj_.GetTypeInfo.return_value.GetTypeAttr.return_value.iid = RANGE_IID
    rows = value if isinstance(value, tuple) else ((value,),)
    rng.Rows.Count, rng.Columns.Count = len(rows), len(rows[0])
    return rng


def call(xw_udfs: ModuleType, name: str, *args: Any) -> Any:
    """``=name(args…)`` as the VBA wrapper calls it: every parameter, a missing one as MISSING."""
    padded = args + (MISSING,) * (len(REGISTRY[name].params) - len(args))
    result = xw_udfs.call_udf(MODULE, name, padded, None, MagicMock(name="caller"))
    assert isinstance(result, list) and len(result) == 1 and len(result[0]) == 1, result
    return result[0][0]


def excel_text(value: Any) -> Any:
    return value.value if isinstance(value, XLError) else value




def spy(monkeypatch: pytest.MonkeyPatch, module: ModuleType, name: str) -> list[tuple]:
    """Record the arguments the UDF ``name`` receives from call_udf."""
    udf = getattr(module, name)
    seen: list[tuple] = []

    def recording(*args: Any) -> Any:
        seen.append(args)
        return udf(*args)

    recording.__xlfunc__ = udf.__xlfunc__  # type: ignore[attr-defined]
    monkeypatch.setattr(module, name, recording)
    return seen


def metadata_problems(kpi: Kpi, xlfunc: dict[str, Any]) -> list[str]:
    """How the UDF's xlwings metadata differs from the registry entry (Excel caps docs at 255)."""
    problems = [f"{key} is {xlfunc[key]!r}" for key, want in
                {"name": kpi.name, "category": "xlkpi", "sub": False, "volatile": False}.items()
                if xlfunc[key] != want]
    doc = xlfunc["ret"]["doc"]
    if not doc or doc != kpi.description or len(doc) > 255:
        problems.append(f"description {doc!r}")
    if [a["name"] for a in xlfunc["args"]] != [p.name for p in kpi.params]:
        problems.append(f"arguments {[a['name'] for a in xlfunc['args']]}")
    for p, a in zip(kpi.params, xlfunc["args"]):
        if not a["doc"] or a["doc"] != kpi.arg_doc(p.name) or len(a["doc"]) > 255:
            problems.append(f"{p.name}: doc {a['doc']!r}")
        if a["options"] != {"err_to_str": True, **({"ndim": 1} if p.kind.is_range else {})}:
            problems.append(f"{p.name}: options {a['options']}")
        if a.get("optional", REQUIRED) != p.default or a["vararg"] or a["vba"] is not None:
            problems.append(f"{p.name}: optional {a.get('optional', '(required)')!r}")
    return problems


def _state() -> tuple:
    names = (*PYWIN32, *XLWINGS_WINDOWS, MODULE)
    return ({n: sys.modules.get(n) for n in names}, {n: getattr(xlwings, n, None) for n in DECORATORS},
            list(xlwings.engines))


def test_helper_leaves_no_trace() -> None:  # runs first, before the module fixture
    before = _state()
    with windows_xlwings(MODULE) as udfs:
        assert sys.modules[MODULE].KPI_ROI.__xlfunc__ and xlwings.func is udfs.xlfunc
    assert _state() == before


# --- metadata and VBA

def test_one_udf_per_registry_entry(kpi_udfs: ModuleType) -> None:
    udfs = {name for name in dir(kpi_udfs) if hasattr(getattr(kpi_udfs, name), "__xlfunc__")}
    assert udfs == set(REGISTRY)


@pytest.mark.parametrize("kpi", REGISTRY.values(), ids=list(REGISTRY))
def test_udf_metadata(kpi_udfs: ModuleType, kpi: Kpi) -> None:
    assert metadata_problems(kpi, getattr(kpi_udfs, kpi.name).__xlfunc__) == []


def test_a_wrong_entry_is_caught(kpi_udfs: ModuleType) -> None:
    roi = REGISTRY["KPI_ROI"]
    wrong = Kpi(roi.name, roi.category, roi.number_format, roi.impl, (*roi.params[:2], Param("mode", Kind.TEXT)))
    assert metadata_problems(wrong, kpi_udfs.make_udf(roi).__xlfunc__) == ["mode: optional 'net'"]


def test_vba_wrappers(xw_udfs: ModuleType, kpi_udfs: ModuleType) -> None:
    vba = io.StringIO()
    xw_udfs.generate_vba_wrapper(MODULE, kpi_udfs, vba, SimpleNamespace(Name="prospecting.xlsm"))
    declared = re.findall(r"^Function (\w+)\((.*)\)$", vba.getvalue(), re.MULTILINE)
    assert sorted(name for name, _ in declared) == sorted(REGISTRY)
    for name, params in declared:
        kpi = REGISTRY[name]
        assert params == ", ".join(("Optional " if p.optional else "") + p.name for p in kpi.params)
        names = ", ".join(p.name for p in kpi.params)
        assert (f'{name} = XLPy.CallUDF("{MODULE}", "{name}", Array({names}), ThisWorkbook, Application.Caller)'
                in vba.getvalue())
        for p in kpi.params:  # a VBA keyword as a parameter name breaks the whole module
            assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,254}", p.name) and p.name.lower() not in VBA_RESERVED


# --- calls through xlwings' conversion

@pytest.mark.parametrize("by_reference", [False, True], ids=["values", "cells"])
@pytest.mark.parametrize("name, args, expected, note", CASES, ids=[f"{c[0]}:{c[3][:40]}" for c in CASES])
def test_case_through_call_udf(xw_udfs: ModuleType, name: str, args: tuple, expected: object, note: str,
                               by_reference: bool) -> None:
    excel_args = [com_value(a) for a in args]
    result = call(xw_udfs, name, *(cell_ref(a) if by_reference else a for a in excel_args))
    assert same_result(result, excel_text(expected)), f"{name}{args} = {result!r}, expected {expected!r} ({note})"
    kpi = REGISTRY[name]
    # The Python API applies scalar parameters element-wise over lists; Excel reads a range there.
    if not any(isinstance(a, list) and not p.kind.is_range for p, a in zip(kpi.params, args)):
        assert result == excel_text(getattr(xlkpi, kpi.python_name)(*args))


def test_missing_and_empty_arguments(xw_udfs: ModuleType, kpi_udfs: ModuleType,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    seen = spy(monkeypatch, kpi_udfs, "KPI_ROI")
    assert call(xw_udfs, "KPI_ROI", cell_ref(12000.0), cell_ref(None)) == "#DIV/0!"
    assert call(xw_udfs, "KPI_ROI", 12000.0, 4000.0, cell_ref(None)) == 2.0
    assert seen == [(12000.0, None, "net"), (12000.0, 4000.0, None)]


def test_column_and_row_ranges_with_blanks(xw_udfs: ModuleType, kpi_udfs: ModuleType,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    seen = spy(monkeypatch, kpi_udfs, "KPI_AVG_DAYS")
    starts, ends = [DAY0, DAY0 + 2, DAY0 + 10], [DAY0 + 30, None, DAY0 + 40]
    column = call(xw_udfs, "KPI_AVG_DAYS", cell_ref(tuple((c,) for c in starts)), cell_ref(tuple((c,) for c in ends)))
    row = call(xw_udfs, "KPI_AVG_DAYS", cell_ref((tuple(starts),)), cell_ref((tuple(ends),)))
    assert column == row == 30.0  # rows with both dates: (30 + 30) / 2
    assert seen[0][:2] == seen[1][:2] == (starts, ends)


def test_currency_cells(xw_udfs: ModuleType) -> None:
    # COM reads a currency-formatted cell as VT_CY, which pywin32 hands over as a Decimal.
    assert call(xw_udfs, "KPI_CPL", cell_ref(decimal.Decimal("500.00")), cell_ref(25.0)) == 20.0


def test_date_cells(xw_udfs: ModuleType, kpi_udfs: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = spy(monkeypatch, kpi_udfs, "KPI_AVG_DAYS")
    utc = dt.timezone.utc
    starts = ((dt.datetime(2026, 1, 1, tzinfo=utc),), (dt.datetime(2026, 1, 5, 12, tzinfo=utc),))
    ends = ((dt.datetime(2026, 1, 3, tzinfo=utc),), (dt.datetime(2026, 1, 9, tzinfo=utc),))
    assert call(xw_udfs, "KPI_AVG_DAYS", cell_ref(starts), cell_ref(ends)) == 2.75  # (2 + 3.5) / 2
    assert seen[0][0] == [dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 5, 12)]  # naive, as xlwings reads them


def test_error_cells_propagate(xw_udfs: ModuleType) -> None:
    assert call(xw_udfs, "KPI_CPL", cell_ref(com_error(XLError.NA)), 0.0) == "#N/A"
    assert call(xw_udfs, "KPI_RATE", 1.0, com_error(XLError.REF)) == "#REF!"
    dates = cell_ref(((DAY0,), (com_error(XLError.VALUE),)))
    assert call(xw_udfs, "KPI_AVG_DAYS", dates, cell_ref(((DAY0 + 1,), (DAY0 + 2,)))) == "#VALUE!"
    # A KPI cell holding an error shows its text; another KPI reads that text back as the error.
    shown = call(xw_udfs, "KPI_CPL", 500.0, cell_ref(None))
    assert type(shown) is str and shown == "#DIV/0!"
    assert call(xw_udfs, "KPI_RATE", cell_ref(shown), 10.0) == "#DIV/0!"
