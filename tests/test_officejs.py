"""xlkpi.officejs through xlwings' own Office.js machinery (xlwings.server), in CPython.

``custom_functions_meta`` builds what xlwings Lite registers with Excel, and
``custom_functions_call`` calls a function as the add-in does, with Office.js-shaped arguments
(tests/officejs_requests.py). The same hand-worked cases run in real Pyodide in
test_officejs_pyodide.py.
"""
from __future__ import annotations

import asyncio
import subprocess
import sys
from types import ModuleType
from typing import Any

import pytest
from kpi_cases import CASES, same_result
from officejs_requests import SHAPES, office_result, python_api, request

from xlkpi import REGISTRY, XLError

server = pytest.importorskip("xlwings.server", reason="xlwings.server needs xlwings ≥ 0.33 and XLWINGS_LICENSE_KEY")


@pytest.fixture(scope="module")
def officejs() -> ModuleType:
    import xlkpi.officejs

    return xlkpi.officejs


def call(module: ModuleType, data: dict[str, Any]) -> Any:
    return asyncio.run(server.custom_functions_call(data, module))




def test_metadata_lists_every_function_with_its_help(officejs: ModuleType) -> None:
    meta = server.custom_functions_meta(officejs)
    functions = {f["id"]: f for f in meta["functions"]}
    assert sorted(functions) == sorted(REGISTRY)
    for name, kpi in REGISTRY.items():
        f = functions[name]
        assert f["name"] == name and f["description"] == kpi.describe() and len(f["description"]) <= 255
        assert [p["name"] for p in f["parameters"]] == [p.name for p in kpi.params]
        for p, meta_param in zip(kpi.params, f["parameters"]):
            assert meta_param["description"] == kpi.arg_doc(p.name) and len(meta_param["description"]) <= 255
            assert meta_param.get("optional", False) is p.optional, f"{name}.{p.name}"
            assert meta_param["dimensionality"] == "matrix"
        assert f["result"] == {"dimensionality": "matrix", "type": "any"}
    assert meta["allowErrorForDataTypeAny"] is True  # error cells reach the functions


def test_ranges_are_one_dimensional_and_errors_read_as_text(officejs: ModuleType) -> None:
    for name, kpi in REGISTRY.items():
        for p in kpi.params:
            options = getattr(officejs, name).__xlfunc__["argmap"][p.name]["options"]
            assert options == {"err_to_str": True, **({"ndim": 1} if p.kind.is_range else {})}, f"{name}.{p.name}"


@pytest.mark.parametrize("runtime", ["1.4", "1.3"])
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("name, args, expected, note", CASES, ids=[f"{c[0]}:{c[3][:40]}" for c in CASES])
def test_case_through_custom_functions_call(officejs: ModuleType, name: str, args: tuple, expected: object,
                                            note: str, shape: str, runtime: str) -> None:
    [[result]] = call(officejs, request(name, args, shape, runtime))
    [[wanted]] = office_result(expected, runtime)
    assert same_result(result, wanted), f"{name}{args} = {result!r}, expected {wanted!r} ({note})"
    api = python_api(name, args)
    if api is not None:
        assert result == office_result(api, runtime)[0][0]


def test_blank_cells_and_omitted_arguments(officejs: ModuleType) -> None:
    base = {"func_name": "KPI_ROI", "version": request("KPI_ROI", (), "column", "1.4")["version"],
            "client": "Office.js", "runtime": "1.4"}
    assert call(officejs, {**base, "args": [[[12000]], [[4000]], None]}) == [[2.0]]  # mode omitted: "net"
    assert call(officejs, {**base, "args": [[[12000]], [[4000]], [[None]]]}) == [[2.0]]  # mode blank: "net"
    assert call(officejs, {**base, "args": [[[12000]], [[4000]], [["RATIO"]]]}) == [[3.0]]
    assert call(officejs, {**base, "args": [[[12000]], [[""]]]}) == [[{"type": "Error", "errorType": "Div0"}]]
    dates = {**base, "func_name": "KPI_AVG_DAYS"}
    starts, ends = [[46023.0, 46025.0, 46033.0]], [[46053.0, None, 46063.0]]  # a row with a blank
    assert call(officejs, {**dates, "args": [starts, ends]}) == [[30.0]]


def test_an_error_cell_propagates(officejs: ModuleType) -> None:
    error = {"type": "Error", "basicType": "Error", "basicValue": "#REF!", "errorType": "Ref"}
    data = request("KPI_RATE", (1, 2), "column", "1.4")
    data["args"][1] = [[error]]
    assert call(officejs, data) == [[{"type": "Error", "errorType": "Ref"}]]
    data = request("KPI_AVG_DAYS", ([1.0, 2.0], [3.0, 4.0]), "column", "1.3")
    data["args"][0][1] = [error]
    assert call(officejs, data) == [["#REF!"]]


def test_errors_are_text_for_every_error(officejs: ModuleType) -> None:
    for error in XLError:  # what the function returns: the text, which runtime ≥ 1.4 makes an error cell
        assert officejs.KPI_RATE(error.value, 1) == error.value


IMPORTS = """
import sys
{before}
loaded = set(sys.modules)
{code}
new = sorted(set(sys.modules) - loaded)
print("\\n".join(new))
"""


def new_modules(code: str, before: str = "") -> list[str]:
    """The modules ``code`` imports, in a fresh interpreter, after ``before`` ran."""
    out = subprocess.run([sys.executable, "-c", IMPORTS.format(before=before, code=code)],
                         capture_output=True, text=True, check=True)
    return out.stdout.split()


ENGINE = ("pandas", "numpy", "openpyxl", "formulas", "lxml", "xlwings")


def test_import_and_a_scalar_call_need_only_the_standard_library() -> None:
    loaded = new_modules("import xlkpi\nxlkpi.roi(12000, 4000, mode='ratio')\nxlkpi.avg_days([1, 2], [3, 5])")
    assert "xlkpi.kpis" in loaded and "xlkpi.api" in loaded  # the call did happen
    assert [m for m in loaded if m.split(".")[0] in ENGINE] == []
    foreign = [m for m in loaded if m.split(".")[0] not in sys.stdlib_module_names and m.split(".")[0] != "xlkpi"]
    assert foreign == []


def test_officejs_adds_nothing_beyond_xlwings() -> None:
    loaded = new_modules("import xlkpi.officejs", before="import xlwings.server")
    assert "xlkpi.officejs" in loaded
    foreign = [m for m in loaded if m.split(".")[0] not in sys.stdlib_module_names and m.split(".")[0] != "xlkpi"]
    assert foreign == []
