"""A workbook that reads right without the add-in: ``xlkpi export --native`` and ``--values``.

``--native`` (:func:`export_native`) replaces every ``KPI_*`` call of every formula — cell
formulas (nested calls, shared and array formulas), defined names, conditional-formatting and
validation formulas — by its native twin (:mod:`xlkpi.native_twins`). A cell whose formula
calls a KPI without a twin is left as its value. ``--values`` (:func:`export_values`) replaces
every cell formula by its value: a snapshot to send to a client; its defined names and rules,
which have no value to leave, get the native twins as in ``--native``. In a name or a rule, a
range function's twin relies on the spreadsheet reading it as an array formula (Excel does).

Both first recalculate the workbook with the engine and store the values
(:func:`xlkpi.xlsx.writer.write_values`), then edit only the ``<f>`` elements of the worksheet XML
(and, for ``--native``, the formula texts of xl/workbook.xml): every other zip entry is copied
as its stored bytes. The calculation chain (xl/calcChain.xml, a cache Excel rebuilds) goes,
with its two references, since it would list formulas that are no longer there. The source is
only read; the export goes to another file, written atomically.
"""
from __future__ import annotations

import functools
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, unescape

from .a1 import MAX_COL, MAX_ROW, Cell, cell_name, split_cell
from .engine import Evaluation, evaluate
from .engine.book import Book, Sheet, read_book
from .errors import WorkbookError
from .formula_tokens import TOKEN
from .native_twins import NoTwin, Shape, twin_of
from .registry import REGISTRY
from .xlsx.formulas import translate
from .xlsx.package import Package, open_package
from .xlsx.writer import CELL, SHEET_DATA, PartEdit, atomic_output, copy_package, write_values

CellKey = tuple[str, str]  # (sheet, "A1")
CALC_CHAIN = "xl/calcChain.xml"

_FORMULA = re.compile(rb"(\s*)<((?:[\w.-]+:)?)f(?=[\s/>])([^>]*?)(?:/>|>(.*?)</\2f>)", re.DOTALL)
_F_ATTR = re.compile(rb"""\s(t|ref|si)\s*=\s*["'][^"']*["']""")
# formulas of conditional formatting and validation rules, and of their Excel 2010 versions (<xm:f>)
_EXPRESSION = re.compile(rb"<((?:[\w.-]+:)?)(formula|formula1|formula2|(?<=<xm:)f)>([^<]*)</\1\2>")
_DEFINED_NAME = re.compile(rb"(<(?:[\w.-]+:)?definedName\b[^>]*>)(.*?)(</(?:[\w.-]+:)?definedName>)", re.DOTALL)
_CHAIN_OVERRIDE = re.compile(rb"""<(?:[\w.-]+:)?Override\b[^>]*PartName\s*=\s*["']/xl/calcChain\.xml["'][^>]*/>""")
_CHAIN_REL = re.compile(rb"""<(?:[\w.-]+:)?Relationship\b[^>]*Target\s*=\s*["'][^"']*calcChain\.xml["'][^>]*/>""")
_AREA = re.compile(r"\$?([A-Za-z]{1,3})?\$?(\d+)?(?::\$?([A-Za-z]{1,3})?\$?(\d+)?)?")


# --- Finding KPI calls in a formula's text ---------------------------------------------------------


@dataclass
class KpiCall:
    """A ``KPI_*`` call in a formula's text: its name, its span and its arguments' spans."""

    name: str
    start: int
    end: int = -1  # just after its ")"
    args: list[tuple[int, int]] = field(default_factory=list)


def kpi_name(word: str) -> str | None:
    """The registry name a function name written in a formula calls, if it is a KPI."""
    name = word.upper().removeprefix("_XLUDF.")
    return name if name in REGISTRY else None


def find_calls(text: str) -> list[KpiCall]:
    """Every KPI call in ``text`` (a formula without "="), outer calls before the calls they hold.

    The formula tokenizer (:mod:`xlkpi.formula_tokens`) reads the text, so commas and brackets
    inside strings, quoted sheet names and table references are not taken for separators.
    Raises ValueError when the brackets do not balance."""
    tokens = [t for t in TOKEN.finditer(text)]
    stack: list[tuple[str, KpiCall | None, int]] = []  # (opening bracket, its KPI call, where the argument starts)
    calls: list[KpiCall] = []
    for i, token in enumerate(tokens):
        if token.lastgroup != "other":
            continue
        char = token.group(0)
        if char in "({":
            before = tokens[i - 1] if i else None
            name = kpi_name(before.group(0)) if char == "(" and before and before.lastgroup == "word" else None
            call = KpiCall(name, before.start()) if name and before else None
            if call:
                calls.append(call)
            stack.append((char, call, token.end()))
        elif char in ")}":
            if not stack or stack[-1][0] != ("(" if char == ")" else "{"):
                raise ValueError(f"unbalanced brackets in {text!r}")
            _, call, start = stack.pop()
            if call:
                call.args.append((start, token.start()))
                call.end = token.end()
        elif char == "," and stack and stack[-1][1] is not None:
            bracket, call, start = stack[-1]
            call.args.append((start, token.start()))  # type: ignore[union-attr]
            stack[-1] = (bracket, call, token.end())
    if stack:
        raise ValueError(f"unbalanced brackets in {text!r}")
    return sorted(calls, key=lambda c: c.start)


@dataclass
class Rewritten:
    """A formula with its KPI calls replaced: the text, whether it needs array evaluation, how
    many calls were replaced, and the calls that have no twin (name, reason)."""

    text: str
    array: bool = False
    replaced: int = 0
    missing: list[tuple[str, str]] = field(default_factory=list)


def rewrite(text: str, shape_of: Callable[[str], Shape | None] = lambda _: None) -> Rewritten:
    """``text`` with every KPI call replaced by its native twin (innermost first)."""
    calls = find_calls(text)
    result = Rewritten(text)

    def render(start: int, end: int) -> str:
        out, at = [], start
        for call in calls:
            if call.start < at or call.end > end:
                continue  # inside a call already rendered, or outside the span
            args = [] if len(call.args) == 1 and not text[slice(*call.args[0])].strip() else call.args
            try:
                twin = twin_of(call.name, [render(a, b) for a, b in args], shape_of)
            except NoTwin as reason:
                result.missing.append((call.name, str(reason)))
                continue
            result.replaced += 1
            result.array = result.array or twin.array
            out += [text[at:call.start], _in_context(text, call, twin.formula)]
            at = call.end
        return "".join(out) + text[at:end]

    result.text = render(0, len(text))
    return result


def _in_context(text: str, call: KpiCall, formula: str) -> str:
    """The twin as it replaces the call: in parentheses unless the call is a whole argument or
    the whole formula (the twin's operators must not bind with those around the call)."""
    before, after = text[: call.start].rstrip(), text[call.end :].lstrip()
    if (not before or before[-1] in "(,") and (not after or after[0] in "),"):
        return formula
    return f"({formula})"


# --- Sizes of ranges, for the twins ---------------------------------------------------------------


def _area_shape(area: str) -> Shape | None:
    match = _AREA.fullmatch(area)
    if match is None:
        return None
    c1, r1, c2, r2 = match.groups()
    if ":" not in area:
        return (1, 1) if c1 and r1 else None
    rows = MAX_ROW if r1 is None and r2 is None else (abs(int(r2) - int(r1)) + 1 if r1 and r2 else None)
    cols = MAX_COL if c1 is None and c2 is None else (abs(split_cell(f"{c2}1")[1] - split_cell(f"{c1}1")[1]) + 1
                                                      if c1 and c2 else None)
    return (rows, cols) if rows and cols else None


def shapes_in(book: Book, sheet: Sheet) -> Callable[[str], Shape | None]:
    """The size of an argument of a formula of ``sheet``: a reference, or a name defined as one."""

    def shape_of(text: str, depth: int = 0) -> Shape | None:
        tokens = [t for t in TOKEN.finditer(text.strip()) if not t.group(0).isspace()]
        if len(tokens) != 1:
            return None
        token = tokens[0]
        if token.lastgroup == "ref":
            return _area_shape(token.group("area"))
        if token.lastgroup == "word" and depth < 5:
            name = token.group(0).upper()
            definition = sheet.names.get(name, book.names.get(name))
            return shape_of(definition, depth + 1) if definition else None
        return None

    return shape_of


# --- Plans: what happens to each formula cell -------------------------------------------------------


@dataclass
class ExportResult:
    """What an export did. ``left_as_values``: cells whose formula calls a KPI without a twin,
    now their value (cell → "KPI_X: reason"); ``kept``: cells the engine could not compute,
    written with the value the file stored; ``names_left``, ``rules_left``: defined names and
    formatting or validation rules that still call a KPI (they have no value to leave)."""

    source: Path
    target: Path
    mode: str  # "native" or "values"
    formula_cells: int = 0
    cells_rewritten: int = 0
    calls_replaced: int = 0
    array_cells: int = 0
    formulas_removed: int = 0
    left_as_values: dict[CellKey, str] = field(default_factory=dict)
    kept: dict[CellKey, str] = field(default_factory=dict)
    names_rewritten: int = 0
    names_left: dict[str, str] = field(default_factory=dict)
    rules_left: dict[str, str] = field(default_factory=dict)  # sheet → reason (formatting, validation rules)

    def as_dict(self) -> dict[str, object]:
        return {
            "source": str(self.source), "target": str(self.target), "mode": self.mode,
            "formula_cells": self.formula_cells, "cells_rewritten": self.cells_rewritten,
            "calls_replaced": self.calls_replaced, "array_cells": self.array_cells,
            "formulas_removed": self.formulas_removed,
            "left_as_values": [{"sheet": s, "cell": c, "reason": r} for (s, c), r in sorted(self.left_as_values.items())],
            "kept_as_stored": [{"sheet": s, "cell": c, "reason": r} for (s, c), r in sorted(self.kept.items())],
            "names_rewritten": self.names_rewritten,
            "names_left": [{"name": n, "reason": r} for n, r in sorted(self.names_left.items())],
            "rules_left": [{"sheet": n, "reason": r} for n, r in sorted(self.rules_left.items())],
        }


REMOVE = None  # a cell's plan: its formula goes (the stored value stays)


def _native_plans(book: Book, result: ExportResult) -> dict[str, dict[Cell, tuple[str, bool] | None]]:
    """Sheet → cell → (new formula text, make it an array formula), or REMOVE."""
    plans: dict[str, dict[Cell, tuple[str, bool] | None]] = {}
    for title, sheet in book.sheets.items():
        plan: dict[Cell, tuple[str, bool] | None] = {}
        shape_of = shapes_in(book, sheet)
        shared_anchors = {f.anchor for f in sheet.formulas.values() if f.anchor is not None}
        for cell, formula in sheet.formulas.items():
            if formula.anchor is not None or formula.kind == "dataTable" or "KPI_" not in formula.text.upper():
                continue
            try:
                done = rewrite(formula.text, shape_of)
            except ValueError:
                done = Rewritten(formula.text, missing=[("", "a formula xlkpi cannot read")])
            if not done.missing and done.array and formula.kind != "array" and cell in shared_anchors:
                _unshare(sheet, cell, shape_of, plan, result, title)
                continue
            if done.missing:
                plan[cell] = REMOVE
                reason = "; ".join(f"{name}: {why}" if name else why for name, why in done.missing)
                result.left_as_values[(title, cell_name(cell))] = reason
            elif done.replaced:
                plan[cell] = (done.text, done.array and formula.kind != "array")
                result.cells_rewritten += 1
                result.calls_replaced += done.replaced
                result.array_cells += done.array and formula.kind != "array"
        for cell, formula in sheet.formulas.items():  # a shared formula's cells go with their anchor
            if formula.anchor is not None and formula.anchor in plan and plan[formula.anchor] is REMOVE:
                plan[cell] = REMOVE
                result.left_as_values[(title, cell_name(cell))] = result.left_as_values[(title, cell_name(formula.anchor))]
        plans[title] = plan
    return plans


def _unshare(sheet: Sheet, anchor: Cell, shape_of: Callable[[str], Shape | None],
             plan: dict[Cell, tuple[str, bool] | None], result: ExportResult, title: str) -> None:
    """A shared formula whose twin needs array evaluation: each of its cells gets its own
    single-cell array formula (a shared formula cannot be an array formula)."""
    text = sheet.formulas[anchor].text
    cells = [anchor, *(c for c, f in sheet.formulas.items() if f.anchor == anchor)]
    for cell in cells:
        done = rewrite(translate(text, cell[0] - anchor[0], cell[1] - anchor[1]), shape_of)
        plan[cell] = (done.text, True)
        result.cells_rewritten += 1
        result.calls_replaced += done.replaced
        result.array_cells += 1


# --- Editing the package -----------------------------------------------------------------------------


def _edit_cells(xml: bytes, plan: dict[Cell, tuple[str, bool] | None] | None) -> tuple[bytes, int]:
    """The worksheet ``xml`` with each planned cell's ``<f>`` rewritten or removed (``plan``
    None: every ``<f>`` removed); returns it and the number of formulas removed."""
    removed = 0

    def edit(match: re.Match[bytes]) -> bytes:
        nonlocal removed
        prefix, first, key, attrs, formula, _, rest = match.groups()
        if formula is None:
            return match.group(0)
        if plan is not None:
            if first is None:
                found = re.search(rb"""\sr\s*=\s*["']([A-Za-z]+[0-9]+)["']""", attrs)
                key = found.group(1) if found else None
            cell = split_cell(key.decode()) if key else None
            if cell not in plan:
                return match.group(0)
            action = plan[cell]  # type: ignore[index]
        else:
            action = REMOVE
        if action is REMOVE:
            removed += 1
            new = b""
        else:
            new = _formula_element(formula, action, key or b"")
        return b"<%sc%s%s>%s%s</%sc>" % (prefix, first or b"", attrs, new, rest or b"", prefix)

    start = SHEET_DATA.search(xml)
    end = xml.find(b"</%ssheetData>" % start.group(1), start.end()) if start else -1
    if start and end >= 0:
        xml = xml[: start.end()] + CELL.sub(edit, xml[start.end() : end]) + xml[end:]
    return xml, removed


def _formula_element(element: bytes, action: tuple[str, bool], key: bytes) -> bytes:
    text, make_array = action
    match = _FORMULA.match(element)
    if match is None:
        raise ValueError(f"unexpected formula element {element[:80]!r}")
    space, prefix, attrs, _ = match.groups()
    if make_array:
        attrs = _F_ATTR.sub(b"", attrs) + b' t="array" ref="%s"' % key
    body = escape(text).encode()
    return b"%s<%sf%s>%s</%sf>" % (space, prefix, attrs, body, prefix)


def _rewrite_texts(pattern: re.Pattern[bytes], xml: bytes, group: int, shape_of: Callable[[str], Shape | None],
                   on_missing: Callable[[bytes, list[tuple[str, str]]], None]) -> tuple[bytes, int]:
    """Rewrite the formula text held by ``group`` of every ``pattern`` match (names, rules)."""
    count = 0

    def edit(match: re.Match[bytes]) -> bytes:
        nonlocal count
        raw = match.group(group)
        text = unescape(raw.decode(), {"&quot;": '"', "&apos;": "'"})
        if "KPI_" not in text.upper():
            return match.group(0)
        try:
            done = rewrite(text, shape_of)
        except ValueError:
            done = Rewritten(text, missing=[("", "a formula xlkpi cannot read")])
        if done.missing:
            on_missing(match.group(0), done.missing)
            return match.group(0)
        count += 1
        start, end = match.span(group)
        whole = match.group(0)
        offset = match.start()
        return whole[: start - offset] + escape(done.text).encode() + whole[end - offset :]

    return pattern.sub(edit, xml), count


def _defined_name(element: bytes) -> str:
    found = re.search(rb"""\sname\s*=\s*["']([^"']*)["']""", element)
    return unescape(found.group(1).decode()) if found else "?"


def _write(package: Package, dst: Path, book: Book, plans: dict[str, dict[Cell, tuple[str, bool] | None]] | None,
           result: ExportResult) -> None:
    """``package`` (already carrying the computed values) → ``dst``, cell formulas edited per
    ``plans`` (None: every cell formula removed), KPI calls of names and rules replaced by their
    twins, the calculation chain dropped; a part left unchanged is copied as its stored bytes."""
    edits: dict[str, PartEdit] = {}
    for title, part in package.sheet_parts().items():
        if title in book.sheets:
            edits[part] = functools.partial(_edit_sheet, book, title, None if plans is None else plans.get(title, {}),
                                            result)

    def name_left(element: bytes, missing: list[tuple[str, str]]) -> None:
        result.names_left[_defined_name(element)] = "; ".join(f"{n}: {why}" for n, why in missing)

    def names(xml: bytes | None) -> bytes | None:
        if xml is None:
            return None
        xml, result.names_rewritten = _rewrite_texts(_DEFINED_NAME, xml, 2, shapes_in(book, _NO_SHEET), name_left)
        return xml

    edits["xl/workbook.xml"] = names
    drop: frozenset[str] = frozenset()
    if package.has(CALC_CHAIN):
        drop = frozenset({CALC_CHAIN})
        edits["[Content_Types].xml"] = lambda xml: _CHAIN_OVERRIDE.sub(b"", xml) if xml is not None else None
        edits["xl/_rels/workbook.xml.rels"] = lambda xml: _CHAIN_REL.sub(b"", xml) if xml is not None else None
    with atomic_output(dst, mode_of=result.source) as out:
        copy_package(package, out, edits, drop)


def _edit_sheet(book: Book, title: str, plan: dict[Cell, tuple[str, bool] | None] | None, result: ExportResult,
                xml: bytes | None) -> bytes | None:
    if xml is None:
        return None
    xml, removed = _edit_cells(xml, plan)
    result.formulas_removed += removed

    def rule_left(element: bytes, missing: list[tuple[str, str]]) -> None:
        result.rules_left[title] = "; ".join(f"{n}: {why}" for n, why in missing)

    # rules keep working in both modes (they have no value to leave): their KPI calls become twins
    xml, _ = _rewrite_texts(_EXPRESSION, xml, 3, shapes_in(book, book.sheets[title]), rule_left)
    return xml


_NO_SHEET = Sheet("")


# --- The two exports ----------------------------------------------------------------------------------


def _prepare(source: str | Path, target: str | Path, max_memory: int | None) -> tuple[Path, Path, Book, Evaluation]:
    source, target = Path(source), Path(target)
    book = read_book(source, max_memory)  # vets the file first
    if target.resolve() == source.resolve():
        raise WorkbookError(target, "is the workbook being exported: write the export to another file")
    if target.suffix.lower() != source.suffix.lower():
        raise WorkbookError(target, f"must end in {source.suffix} like {source.name} (the same kind of workbook)")
    if not target.parent.is_dir():
        raise WorkbookError(target, "its folder does not exist")
    return source, target, book, evaluate(source, book=book)


def _export(source: str | Path, target: str | Path, mode: str, max_memory: int | None) -> ExportResult:
    source, target, book, evaluation = _prepare(source, target, max_memory)
    result = ExportResult(source, target, mode, formula_cells=evaluation.formula_cells, kept=dict(evaluation.kept))
    plans = _native_plans(book, result) if mode == "native" else None
    try:
        with tempfile.TemporaryDirectory(prefix=".xlkpi-export-", dir=target.parent) as folder:
            computed = Path(folder) / f"computed{source.suffix}"
            write_values(source, computed, evaluation.values, max_memory)
            with open_package(computed, max_memory) as package:
                _write(package, target, book, plans, result)
    except OSError as error:
        raise WorkbookError(target, f"cannot write the export ({error.strerror or error})") from None
    return result


def export_native(source: str | Path, target: str | Path, max_memory: int | None = None) -> ExportResult:
    """Write ``target``: ``source`` with every KPI call replaced by its native twin (cells
    calling a KPI without one left as their value). Raises WorkbookError on bad input (a file
    that does not fit ``max_memory`` bytes included) or when ``target`` cannot be written."""
    return _export(source, target, "native", max_memory)


def export_values(source: str | Path, target: str | Path, max_memory: int | None = None) -> ExportResult:
    """Write ``target``: ``source`` with every cell formula replaced by its computed value."""
    return _export(source, target, "values", max_memory)


__all__ = ["ExportResult", "KpiCall", "Rewritten", "export_native", "export_values", "find_calls", "rewrite"]
