"""The test oracle: every formula of a workbook evaluated by ``formulas``' own ExcelModel.

This was xlkpi's engine before the shape-compiled one (:mod:`xlkpi.engine`); the tests compare
the two value for value. It compiles a schedula dispatcher per cell (seconds for a weekly
workbook), keeps compiled models in memory under a fingerprint of the formulas and dispatches
with schedula.

Bad input raises :class:`~xlkpi.errors.WorkbookError` naming the sheet and cell: a formula
``formulas`` cannot parse, an unknown function or name, a reference to a missing sheet (or
another workbook), a circular reference. ``formulas`` itself turns unknown functions, names and
sheets into #NAME?/#REF! values and leaves the cells of a cycle uncomputed, without a word, so
they are looked for in the compiled model.

Nothing is ever written to the workbook.
"""
from __future__ import annotations

import hashlib
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import schedula as sh
from formulas import ExcelModel
from formulas.cell import Cell as FormulaCell
from formulas.cell import InvRangesAssembler, RangesAssembler, Ref
from formulas.errors import FormulaError
from formulas.excel import BOOK
from formulas.excel.xlreader import load_workbook
from formulas.ranges import Ranges
from formulas.tokens.function import run_function
from formulas.tokens.operand import XlError
from formulas_bridge import EMPTY_CELL, cell_value, formulas_session
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula

from xlkpi.engine import Evaluation
from xlkpi.engine.program import _cycles  # the engine's own Tarjan: only the values are compared
from xlkpi.errors import WorkbookError

# Every workbook is loaded under this name, so node ids ("'[book.xlsx]SHEET'!A1") and a cached
# model do not depend on the file's name.
BOOK_NAME = "book.xlsx"
CACHE_SIZE = 2  # compiled models kept in memory (~0.5 GB each for a full 5-channel weekly workbook)

CellKey = tuple[str, str]  # (sheet, "A1")
Where = tuple[str | None, str]  # (sheet title, "A1"), or (None, "name X") for a defined name


@dataclass
class _Compiled:
    """A compiled model and where its nodes sit in a workbook (sheets upper-cased, as formulas has them)."""

    model: ExcelModel
    outputs: dict[str, list[CellKey]]  # formula node → its cells (an array formula has several), row by row
    inputs: dict[CellKey, str]  # input cell → its data node (a blank cell is fed as blank)
    loose: dict[str, str]  # sheet → node-id prefix of cells range assemblers read from the solution

    def solve(self, inputs: Mapping[str, Any]) -> Mapping[str, Any]:
        """The solution for ``inputs`` (over the compiled workbook's own values)."""
        return self.model.calculate(inputs)


_CACHE: OrderedDict[str, _Compiled] = OrderedDict()
_LOCK = threading.Lock()  # a model's dispatcher is not thread-safe, nor is the registration


def evaluate(path: str | Path) -> Evaluation:
    """The value of every formula cell of the workbook at ``path``; raises WorkbookError on bad input."""
    book = _read(path)
    key = _fingerprint(book)
    with _LOCK:
        compiled = _CACHE.get(key)
        if compiled is None:
            compiled = _compile(path, book)
            solution = compiled.solve({})
        else:
            solution = compiled.solve(_feed(compiled, book))
        values = _values(path, compiled, solution)
        _remember(key, compiled)
    return Evaluation(values, len(values))


def clear_cache() -> None:
    """Forget every compiled model."""
    with _LOCK:
        _CACHE.clear()


def _remember(key: str, compiled: _Compiled) -> None:
    """Keep the model, dropping the least recently used beyond CACHE_SIZE."""
    _CACHE[key] = compiled
    _CACHE.move_to_end(key)
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)


# --- Reading -----------------------------------------------------------------------------------


def _read(path: str | Path) -> Workbook:
    """The workbook as ``formulas`` reads it (dates as serial numbers, formulas as text)."""
    if not Path(path).is_file():
        raise WorkbookError(path, "no such file")
    try:
        return load_workbook(str(path))
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise WorkbookError(path, f"not a readable .xlsx/.xlsm workbook ({error})") from error


def _cells(book: Workbook) -> Iterable[tuple[str, Any]]:
    """(sheet title, openpyxl cell) for every stored cell."""
    for sheet in book.worksheets:
        for cell in sheet._cells.values():
            yield sheet.title, cell


def _formula(cell: Any) -> str:
    value = cell.value
    return f"{{{value.ref}}}{value.text}" if isinstance(value, ArrayFormula) else str(value)


def _fingerprint(book: Workbook) -> str:
    """What decides the compiled model: sheets, formulas (and error literals, which formulas
    compiles like formulas), defined names. Input values are left out."""
    formulas = sorted(
        (title, cell.coordinate, cell.data_type, _formula(cell))
        for title, cell in _cells(book) if cell.data_type in ("f", "e")
    )
    names = sorted((n.name, n.value, bool(n.hidden)) for n in book.defined_names.values())
    local = sorted((s.title, n.name, n.value) for s in book.worksheets for n in s.defined_names.values())
    text = repr((book.sheetnames, formulas, names, local))
    return hashlib.sha256(text.encode()).hexdigest()


def _input_values(book: Workbook) -> dict[CellKey, Any]:
    """Every non-formula cell's value, as ``formulas`` would store it."""
    values = {}
    for title, cell in _cells(book):
        if cell.data_type in ("f", "e") or cell.value is None:
            continue
        value = cell.value
        values[(title.upper(), cell.coordinate)] = round(value, 15) if isinstance(value, float) else value
    return values


# --- Compiling -----------------------------------------------------------------------------------


class _Model(ExcelModel):
    """An ExcelModel that names the cell whose formula it cannot parse."""

    def __init__(self, path: str | Path):
        super().__init__()
        self.path = path

    def compile_cell(self, cell: Any, *args: Any) -> Any:
        try:
            return super().compile_cell(cell, *args)
        except FormulaError as error:
            message = f"cannot parse the formula {_formula(cell)!r}"
            raise WorkbookError(self.path, message, cell.parent.title, cell.coordinate) from error


def _compile(path: str | Path, book: Workbook) -> _Compiled:
    """Parse and link every formula, refusing what ``formulas`` would silently get wrong."""
    titles = {title.upper(): title for title in book.sheetnames}  # formulas upper-cases sheet names
    _repair_names(book)
    model = _Model(path)
    model.books[BOOK_NAME.upper()] = {BOOK: book}  # already read: load() takes it from here
    with formulas_session():
        try:
            model.load(BOOK_NAME)
        except FormulaError as error:  # cells' formulas are reported by _Model.compile_cell
            raise WorkbookError(path, f"cannot parse the defined name {error.args[-1]!r}") from error
        _check_names(path, model, titles)
        _check_sheets(path, model, titles)
        model.complete().anchors()  # (finish() without inverse_references: inputs are cells only)
        model.assemble()
    _check_cycles(path, model, titles)
    return _Compiled(model, _outputs(model, book, titles), *_input_nodes(model))


def _repair_names(book: Workbook) -> None:
    """Excel keeps a name whose sheet was deleted as "#REF!$A$1", which formulas cannot parse;
    in Excel its value is #REF!, so it becomes just that (in memory, never in the file)."""
    for name in book.defined_names.values():
        if name.value.startswith("#REF!"):
            name.value = "#REF!"


def _location(cell: FormulaCell, titles: Mapping[str, str]) -> Where:
    if isinstance(cell, Ref):
        return None, f"name {_display(cell.output)}"
    rng = cell.range.ranges[0]
    return titles[rng["sheet"]], f"{rng['c1']}{rng['r1']}"


def _display(node: str) -> str:
    """A node id without the workbook's internal name: "'[book.xlsx]'!RATE" → "RATE"."""
    return node.replace(f"'[{BOOK_NAME}]'!", "").replace(f"[{BOOK_NAME}]", "")


def _sorted(where: Iterable[Where]) -> list[Where]:
    return sorted(set(where), key=lambda w: (w[0] or "", len(w[1]), w[1]))


def _listed(where: Iterable[Where]) -> str:
    """"Data!B2, Data!B10, name RATE"."""
    return ", ".join(f"{sheet}!{cell}" if sheet else cell for sheet, cell in _sorted(where))


def _fail(path: str | Path, message: str, where: Iterable[Where]) -> None:
    """Raise WorkbookError at the first of ``where`` (a defined name has no sheet nor cell)."""
    sheet, cell = _sorted(where)[0]
    raise WorkbookError(path, message, sheet, cell if sheet else None)


def _report(path: str | Path, what: str, found: Mapping[str, list[Where]]) -> None:
    """"unknown function FOO in Data!B2, Data!B3; BAR in Other!A1"."""
    if found:
        listed = "; ".join(f"{name} in {_listed(where)}" for name, where in sorted(found.items()))
        _fail(path, f"{what} {listed}", [w for where in found.values() for w in where])


def _unresolved(cell: FormulaCell) -> set[str]:
    """Names ``formulas`` could resolve neither as a reference nor as a defined name."""
    return {name for key, names in (cell.inputs or {}).items() if isinstance(key, XlError) for name in names}


def _called(cell: FormulaCell) -> set[str]:
    """Names called as functions that ``formulas`` does not implement (it would answer #NAME?)."""
    nodes = cell.func.func.dsp.function_nodes.values()
    return {node["inputs"][0] for node in nodes if node["function"] is run_function}


def _check_names(path: str | Path, model: ExcelModel, titles: Mapping[str, str]) -> None:
    """Unknown functions first (naming every cell that calls one), then unknown names."""
    functions: dict[str, list[Where]] = {}
    names: dict[str, list[Where]] = {}
    for cell in model.cells.values():
        if cell.func is None:
            continue
        unresolved = _unresolved(cell)
        called = _called(cell) & unresolved
        for name in called:
            functions.setdefault(_display(name), []).append(_location(cell, titles))
        for name in unresolved - called:
            names.setdefault(_display(name), []).append(_location(cell, titles))
    _report(path, "unknown function", functions)
    _report(path, "unknown name", names)


def _check_sheets(path: str | Path, model: ExcelModel, titles: Mapping[str, str]) -> None:
    """References to sheets the workbook does not have, or to other workbooks (formulas: #REF!)."""
    missing: dict[str, list[Where]] = {}
    for cell in model.cells.values():
        for key in cell.inputs or ():
            rng = None if isinstance(key, sh.Token) or key in model.references else _range(key)
            if rng and (rng.get("filename", BOOK_NAME) != BOOK_NAME or rng["sheet"] not in titles):
                missing.setdefault(_display(rng["sheet_id"]), []).append(_location(cell, titles))
    _report(path, "reference to a missing sheet", missing)


def _graph(model: ExcelModel) -> dict[Hashable, list[Hashable]]:
    """Node → successors of the model, without the inverse range assemblers (they only serve
    to feed a whole range as an input, and would close false cycles)."""
    nodes, succ = model.dsp.nodes, model.dsp.dmap.succ
    skip = {k for k, node in nodes.items() if isinstance(node.get("function"), InvRangesAssembler)}
    return {k: [n for n in succ[k] if n not in skip] for k in nodes if k not in skip}


def _check_cycles(path: str | Path, model: ExcelModel, titles: Mapping[str, str]) -> None:
    """A circular reference: ``formulas`` would leave its cells (and all that depend on them) out."""
    where = [_location(model.cells[k], titles) for cycle in _cycles(_graph(model)) for k in cycle if k in model.cells]
    if where:
        _fail(path, f"circular reference between {_listed(where)}", where)


# --- Where the nodes are ---------------------------------------------------------------------------


def _cells_of(rng: Mapping[str, Any]) -> list[str]:
    """"A1"-style cells of a range, row by row."""
    return [
        f"{get_column_letter(col)}{row}"
        for row in range(int(rng["r1"]), int(rng["r2"]) + 1)
        for col in range(rng["n1"], rng["n2"] + 1)
    ]


def _outputs(model: ExcelModel, book: Workbook, titles: Mapping[str, str]) -> dict[str, list[CellKey]]:
    """Formula node → the (sheet title, cell) pairs it fills. Error literals, which formulas
    compiles like formulas, are input cells and left out."""
    anchors = {(title.upper(), cell.coordinate) for title, cell in _cells(book) if cell.data_type == "f"}
    outputs = {}
    for node, cell in model.cells.items():
        if isinstance(cell, Ref) or cell.func is None:
            continue
        rng = cell.range.ranges[0]
        if (rng["sheet"], f"{rng['c1']}{rng['r1']}") in anchors:
            outputs[node] = [(titles[rng["sheet"]], ref) for ref in _cells_of(rng)]
    return outputs


def _range(node: str) -> dict[str, Any] | None:
    """The parts of a range's node id (sheet, cells …), None for a name."""
    try:
        return Ranges.get_range(node, raise_anchor=False)
    except ValueError:
        return None


def _cell_key(node: str) -> CellKey | None:
    """(SHEET, "A1") of a single-cell node id, None for a range or a name."""
    rng = _range(node)
    return (rng["sheet"], rng["ref"]) if rng and rng["ref"] == f"{rng['c1']}{rng['r1']}" else None


def _input_nodes(model: ExcelModel) -> tuple[dict[CellKey, str], dict[str, str]]:
    """Input cells with a data node; and, for each sheet where a range assembler also reads
    cells that have no node (blank when compiled) from the solution, its node-id prefix."""
    inputs = {}
    for node in model.dsp.default_values:
        if isinstance(node, str) and not isinstance(node, sh.Token):  # value cells and read blanks
            key = _cell_key(node)
            if key is not None:
                inputs[key] = node
    loose = {}
    for node in model.dsp.function_nodes.values():
        function = node["function"]
        if type(function) is RangesAssembler and sh.SELF in function.inputs:
            rng = function.range.ranges[0]
            loose[rng["sheet"]] = rng["sheet_id"]
    return inputs, loose


# --- Calculating -------------------------------------------------------------------------------


def _feed(compiled: _Compiled, book: Workbook) -> dict[str, Any]:
    """Inputs of a cached model for this workbook: every input cell, blank where it is blank."""
    values = _input_values(book)
    feed = {node: values.get(key, EMPTY_CELL) for key, node in compiled.inputs.items()}
    for (sheet, cell), value in values.items():
        if sheet in compiled.loose and (sheet, cell) not in compiled.inputs:
            feed[f"{compiled.loose[sheet]}!{cell}"] = value  # blank when compiled: no node
    return feed


def _values(path: str | Path, compiled: _Compiled, solution: Mapping[str, Any]) -> dict[CellKey, object]:
    values = {}
    for node, cells in compiled.outputs.items():
        if node not in solution:
            sheet, cell = cells[0]
            raise WorkbookError(path, "the formula could not be evaluated", sheet, cell)
        for key, value in zip(cells, solution[node].value.ravel()):
            values[key] = cell_value(value)
    return values
