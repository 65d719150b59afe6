"""The hand-worked KPI cases as xlwings Lite sends them to ``custom_functions_call``.

Office.js hands every argument of a custom function over as a matrix: a cell as ``[[x]]``, a
blank cell as ``[[None]]``, an omitted argument as None, an error cell as
``{"type": "Error", "basicValue": "#DIV/0!", "errorType": "Div0"}``, dates as their serials
(cells hold numbers), and a range as its rows. A flat list in a case is a range, read here as a
column or as a row. Shared by the CPython test and the one in real Pyodide.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import xlkpi
from xlkpi import REGISTRY, XLError
from xlkpi.values import excel_serial

ERROR_TYPES = {  # Office.js' Excel.ErrorCellValueType for each error
    XLError.NULL: "Null", XLError.DIV0: "Div0", XLError.VALUE: "Value", XLError.REF: "Ref",
    XLError.NAME: "Name", XLError.NUM: "Num", XLError.NA: "NotAvailable",
}
SHAPES = ("column", "row")


def cell(value: Any) -> Any:
    """One cell's value as Office.js sends it."""
    if isinstance(value, XLError):
        return {"type": "Error", "basicType": "Error", "basicValue": value.value, "errorType": ERROR_TYPES[value]}
    if isinstance(value, (dt.date, dt.datetime)):
        return excel_serial(value)
    return value


def matrix(value: Any, shape: str) -> list[list[Any]]:
    """An argument as Office.js sends it: ``[[x]]`` for a cell, rows of cells for a range."""
    if isinstance(value, list) and value and isinstance(value[0], list):
        return [[cell(c) for c in row] for row in value]
    if isinstance(value, list):
        cells = [cell(c) for c in value]
        return [cells] if shape == "row" else [[c] for c in cells]
    return [[cell(value)]]


def request(name: str, args: tuple, shape: str, runtime: str) -> dict[str, Any]:
    """The data xlwings Lite posts for ``=name(args…)``: one entry per argument of the function."""
    import xlwings

    return {"func_name": name, "args": [matrix(a, shape) for a in args], "version": xlwings.__version__,
            "client": "Office.js", "runtime": runtime}


def office_result(value: Any, runtime: str) -> list[list[Any]]:
    """What custom_functions_call answers for a KPI result: an error object on runtime ≥ 1.4."""
    if isinstance(value, XLError):
        return [[value.value if float(runtime) < 1.4 else {"type": "Error", "errorType": ERROR_TYPES[value]}]]
    return [[value]]


def python_api(name: str, args: tuple) -> Any:
    """The Python API's answer, or None where it works element-wise (a list for a scalar)."""
    kpi = REGISTRY[name]
    if any(isinstance(a, list) and not p.kind.is_range for p, a in zip(kpi.params, args)):
        return None
    return getattr(xlkpi, kpi.python_name)(*args)
