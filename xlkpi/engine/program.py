"""A workbook's formulas compiled once: shapes, each cell bound to its shape, and the order.

:func:`build_program` groups the formula cells by shape (:mod:`xlkpi.engine.shapes`),
compiles each shape once, binds each cell's references to its position, and orders the cells
so that every cell comes after the formula cells it reads (Kahn's algorithm). A circular reference,
a reference to a sheet the workbook lacks and a formula that cannot be parsed raise
:class:`~xlkpi.errors.WorkbookError` naming the cell. The program depends only on the
formulas, names and tables (:func:`fingerprint`), so every workbook of one template shares it.
"""
from __future__ import annotations

import bisect
import graphlib
import hashlib
import heapq
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from formulas.errors import FormulaError
from formulas.tokens.function import Function

from ..errors import WorkbookError
from .book import Book, DataTable, Formula, Table
from .compiler import Chain, Compiled, compile_shape, compile_tree
from ..formula_tokens import TOKEN
from .limits import MAX_CELLS
from .refs import MAX_COL, MAX_ROW, Cell, Ref, cell_name, col_index, split_range
from .shapes import PLACEHOLDER, Shape, TableTemplate, Template, shape_of

Key = tuple[str, Cell]  # (sheet title, (row, col))


@dataclass(slots=True)
class Entry:
    """One formula cell: its compiled shape, its bound references, its array range if any."""

    sheet: str
    cell: Cell
    code: Compiled
    refs: tuple[Any, ...]
    text: str
    array: Ref | None = None  # the range an array formula fills
    table: DataTable | None = None  # a what-if data table: its inputs

    def __reduce__(self) -> tuple[Any, ...]:
        return Entry, (self.sheet, self.cell, self.code, self.refs, self.text, self.array, self.table)  # a tuple: quick to pickle


@dataclass
class Program:
    entries: list[Entry]  # in evaluation order
    outputs: dict[Key, Key]  # every cell an array formula fills (anchor included) → its anchor
    names: dict[tuple[str | None, str], Compiled] = field(default_factory=dict)
    shapes: int = 0
    needs: dict[Key, set[Key]] = field(default_factory=dict)  # formula cell → those it reads (kept for data tables)
    cycles: list[list[Key]] = field(default_factory=list)  # with iterative calculation: cells computed in turn

    @property
    def formula_cells(self) -> frozenset[Key]:
        """Every cell a formula fills (array formulas' whole ranges), computed once per process."""
        found: frozenset[Key] | None = self.__dict__.get("_formula_cells")
        if found is None:
            found = self.__dict__["_formula_cells"] = frozenset(self.outputs) | {(e.sheet, e.cell) for e in self.entries}
        return found

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_formula_cells"}


def fingerprint(book: Book) -> str:
    """What decides the program: sheets, formulas, defined names, tables and the date system."""
    digest = hashlib.sha256()
    digest.update(repr((list(book.sheets), sorted(book.names.items()), book.date1904, book.iterate)).encode())
    for table in book.tables.values():
        digest.update(repr((table.name, table.sheet, table.ref, table.columns, table.header_rows, table.totals_rows)).encode())
    for title, sheet in book.sheets.items():
        digest.update(repr((title, sorted(sheet.names.items()))).encode())
        for cell, formula in sorted(sheet.formulas.items()):
            digest.update(repr((cell, formula.text, formula.kind, formula.ref, formula.anchor)).encode())
    return digest.hexdigest()


def build_program(book: Book) -> Program:
    """Compile every formula of ``book``; raises WorkbookError on bad input."""
    compiled: dict[str, Compiled] = {}
    entries: dict[Key, Entry] = {}
    outputs: dict[Key, Key] = {}
    shapes = _Shapes()
    binders: dict[tuple[str, str], _Binder] = {}
    for title, sheet in book.sheets.items():
        for cell, formula in sheet.formulas.items():
            anchor = formula.anchor or cell
            text = sheet.formulas[anchor].text if formula.anchor else formula.text
            if formula.table is not None:
                entry = _data_table(title, cell, formula, book.date1904)
            else:
                shape = shapes.of(text, anchor)
                code = compiled.get(shape.key)
                if code is None:
                    code = compiled[shape.key] = _compile(shape, book.date1904)
                binder = binders.get((shape.key, title))
                if binder is None:
                    binder = binders[(shape.key, title)] = _Binder(book, shape, title)
                entry = Entry(title, cell, code, binder.bind(cell), text)
            if formula.kind in ("array", "dataTable"):
                r1, c1, r2, c2 = split_range(formula.ref or cell_name(cell))
                if (r2 - r1 + 1) * (c2 - c1 + 1) > MAX_CELLS:  # more cells than the engine holds: #NUM! in the first
                    entries[(title, cell)] = Entry(title, cell, _compile(shape_of("#NUM!", cell), book.date1904), (), text)
                    continue
                entry.array = Ref(title, r1, c1, r2, c2)
                for row in range(r1, r2 + 1):
                    for col in range(c1, c2 + 1):
                        outputs[(title, (row, col))] = (title, cell)
            entries[(title, cell)] = entry
    _check_sheets(book, entries)
    order, needs, cycles = _order(book, entries, outputs)
    tables = any(e.table is not None for e in entries.values())
    return Program([entries[k] for k in order], outputs, shapes=len(compiled), needs=needs if tables else {}, cycles=cycles)


_DIGITS = re.compile(r"(\d+)")
_CORNER = re.compile(r"(\$?[A-Za-z]{1,3})?(\$?)(\d+)?")  # a reference's corner: column, row fixed?, row


class _Shapes:
    """The shapes of a workbook's formulas, a filled-down column's texts scanned once: a text
    that differs from the last one seen in its column only by its relative row numbers, each
    moved by the rows between the two cells, has that one's shape. Any other text is scanned
    (:func:`shape_of`)."""

    def __init__(self) -> None:
        # (column, text between digit runs) → (row, digit runs: int when a relative row, else
        # the run as written, shape)
        self.seen: dict[tuple[Any, ...], tuple[int, list[int | str], Shape]] = {}
        self.exact: dict[tuple[str, Cell], Shape] = {}  # a shared formula's (text, anchor)

    def of(self, text: str, cell: Cell) -> Shape:
        found = self.exact.get((text, cell))
        if found is not None:
            return found
        parts = _DIGITS.split(text)
        key = (cell[1], *parts[0::2])
        seen = self.seen.get(key)
        if seen is not None:
            row, runs, shape = seen
            delta = cell[0] - row
            for run, written in zip(runs, parts[1::2]):
                if run.__class__ is int:
                    moved = run + delta  # type: ignore[operator]
                    if not 1 <= moved <= MAX_ROW or str(moved) != written:
                        break
                elif run != written:
                    break
            else:
                return shape
        shape = shape_of(text, cell)
        self.exact[(text, cell)] = shape
        scanned = _runs(text)
        if scanned is not None:
            self.seen[key] = (cell[0], scanned, shape)
        return shape


def _runs(text: str) -> list[int | str] | None:
    """The digit runs of ``text``: a relative row number as an int, any other run as written;
    None when a reference falls off the grid (its shape keeps it as text)."""
    moving: set[int] = set()
    for match in TOKEN.finditer(text):
        if match.lastgroup != "ref":
            continue
        start, area = match.start("area"), match.group("area")
        for corner in _CORNER.finditer(area):
            letters, fixed, digits = corner.groups()
            if letters and col_index(letters.lstrip("$")) > MAX_COL or digits and not 1 <= int(digits) <= MAX_ROW:
                return None
            if digits and not fixed:
                moving.add(start + corner.start(3))
    return [int(m.group()) if m.start() in moving else m.group() for m in _DIGITS.finditer(text)]


class _Binder:
    """Binds one shape's references to its cells on one sheet: each sheet name looked up once."""

    def __init__(self, book: Book, shape: Shape, sheet: str):
        self.book, self.shape, self.sheet = book, shape, sheet
        self.plain: list[tuple[str, int, int, int, int, bool, bool, bool, bool]] | None = []
        for template in shape.refs:
            if not isinstance(template, Template) or template.last_sheet is not None:
                self.plain = None
                break
            found = book.sheet(template.sheet) if template.sheet is not None else book.sheets[sheet]
            if found is None:
                self.plain = None
                break
            self.plain.append((found.title, template.r1, template.c1, template.r2, template.c2, *template.fixed))

    def bind(self, cell: Cell) -> tuple[Any, ...]:
        if self.plain is None:
            return tuple(_bind(self.book, r, self.sheet, cell) for r in self.shape.refs)
        row, col = cell
        refs: list[Ref | None] = []
        for title, r1, c1, r2, c2, fr1, fc1, fr2, fc2 in self.plain:
            a = r1 if fr1 else row + r1
            b = c1 if fc1 else col + c1
            c = r2 if fr2 else row + r2
            d = c2 if fc2 else col + c2
            if a > c:
                a, c = c, a
            if b > d:
                b, d = d, b
            refs.append(Ref(title, a, b, c, d) if a >= 1 and b >= 1 and c <= MAX_ROW and d <= MAX_COL else None)
        return tuple(refs)


def _data_table(sheet: str, cell: Cell, formula: Formula, date1904: bool) -> Entry:
    """A what-if data table's entry: it reads the row above and the column left of its range
    (input values and formulas) and its input cells; the evaluator computes it (no formula)."""
    r1, c1, r2, c2 = split_range(formula.ref or cell_name(cell))
    reads = [Ref(sheet, r1 - 1, c1 - 1, r1 - 1, c2), Ref(sheet, r1, c1 - 1, r2, c1 - 1)]
    reads += [Ref(sheet, *c, *c) for c in (formula.table.r1, formula.table.r2) if c is not None]  # type: ignore[union-attr]
    code = compile_tree(shape_of("0", cell), None, date1904)
    return Entry(sheet, cell, code, tuple(r for r in reads if r.r1 >= 1 and r.c1 >= 1), "TABLE()", table=formula.table)


def _compile(shape: Shape, date1904: bool) -> Compiled:
    """The shape compiled; one ``formulas`` cannot parse compiles to cells left as stored."""
    try:
        return compile_shape(shape, date1904)
    except (FormulaError, KeyError, IndexError, ValueError, AttributeError):
        return compile_tree(shape, None, date1904)


def _bind(book: Book, template: Template | TableTemplate, sheet: str, cell: Cell) -> Any:
    if isinstance(template, TableTemplate):
        return table_ref(book, template, cell, sheet)
    ref = template.bind(sheet, cell)
    if ref is None or template.sheet is None:
        return ref
    found = book.sheet(template.sheet)
    if template.last_sheet is not None:
        last = book.sheet(template.last_sheet)
        if found is None or last is None:
            return _Missing(template.sheet if found is None else template.last_sheet)
        titles = list(book.sheets)
        i, j = sorted((titles.index(found.title), titles.index(last.title)))
        return tuple(Ref(t, ref.r1, ref.c1, ref.r2, ref.c2) for t in titles[i:j + 1])
    if found is None:
        return _Missing(template.sheet)
    return Ref(found.title, ref.r1, ref.c1, ref.r2, ref.c2)


class _Missing(str):
    """A reference to a sheet the workbook does not have (refused by _check_sheets)."""


def table_ref(book: Book, template: TableTemplate, cell: Cell, sheet: str | None = None) -> Any:
    """The block a structured reference designates (#REF! when it designates nothing); one
    without a table name (``[Jan]``) designates the table around ``cell`` of ``sheet``."""
    from .xlvalues import REF

    table = book.tables.get(template.table.upper()) if template.table else _table_at(book, sheet, cell)
    if table is None:
        return REF
    return _table_block(table, template.spec, cell) or REF


def _table_at(book: Book, sheet: str | None, cell: Cell) -> Table | None:
    for table in book.tables.values():
        r1, c1, r2, c2 = split_range(table.ref)
        if (sheet is None or table.sheet.upper() == sheet.upper()) and r1 <= cell[0] <= r2 and c1 <= cell[1] <= c2:
            return table
    return None


def _table_block(table: Table, spec: str, cell: Cell) -> Ref | None:
    r1, c1, r2, c2 = split_range(table.ref)
    data_first, data_last = r1 + table.header_rows, r2 - table.totals_rows
    inner = spec[1:-1].strip()
    items = [p.strip() for p in _split_items(inner)] if inner.startswith(("[", "#")) else [f"[{inner}]"]
    if inner == "":
        items = []
    rows: tuple[int, int] | None = None
    columns: list[int] = []
    for item in items:
        body = item[1:-1] if item.startswith("[") and item.endswith("]") else item
        upper = body.upper().strip()
        if upper.startswith("#"):
            special = {
                "#ALL": (r1, r2),
                "#DATA": (data_first, data_last),
                "#HEADERS": (r1, r1 + table.header_rows - 1),
                "#TOTALS": (r2 - table.totals_rows + 1, r2),
                "#THIS ROW": (cell[0], cell[0]),
            }.get(upper)
            if special is None or special[0] > special[1]:
                return None
            rows = special if rows is None else (min(rows[0], special[0]), max(rows[1], special[1]))
            continue
        for part in _column_span(item):
            index = _column_index(table, part)
            if index is None:
                return None
            columns.append(c1 + index)
    if rows is None:
        rows = (data_first, data_last)
    if not columns:
        columns = [c1, c2]
    return Ref(table.sheet, rows[0], min(columns), rows[1], max(columns))


def _split_items(inner: str) -> list[str]:
    items, depth, start = [], 0, 0
    for i, char in enumerate(inner):
        if char == "'" :
            continue
        if char == "[" and (i == 0 or inner[i - 1] != "'"):
            depth += 1
        elif char == "]" and inner[i - 1] != "'":
            depth -= 1
        elif char == "," and depth == 0:
            items.append(inner[start:i])
            start = i + 1
    items.append(inner[start:])
    return items


def _column_span(item: str) -> list[str]:
    """"[Jan]:[Dec]" → ["Jan", "Dec"]; "[Jan]" → ["Jan"]."""
    parts = re.split(r"\]\s*:\s*\[", item.strip())
    return [p.removeprefix("[").removesuffix("]") for p in parts]  # names keep their spaces


def _column_index(table: Table, name: str) -> int | None:
    unescaped = name.replace("'#", "#").replace("'[", "[").replace("']", "]").replace("''", "'").upper()
    for i, column in enumerate(table.columns):
        if column.upper() == unescaped:
            return i
    return None


def _check_sheets(book: Book, entries: dict[Key, Entry]) -> None:
    missing: dict[str, list[Key]] = {}
    for key, entry in entries.items():
        for ref in entry.refs:
            if isinstance(ref, _Missing):
                missing.setdefault(str(ref), []).append(key)
    if missing:
        listed = "; ".join(f"{name} in {_listed(keys)}" for name, keys in sorted(missing.items()))
        first = min(k for keys in missing.values() for k in keys)
        what = ("a link to another workbook (not followed)" if all(n.startswith("[") for n in missing)
                else "reference to a missing sheet")
        raise WorkbookError(book.path, f"{what} {listed}", first[0], cell_name(first[1]))


def _listed(keys: Iterable[Key]) -> str:
    return ", ".join(f"{sheet}!{cell_name(cell)}" for sheet, cell in sorted(set(keys), key=lambda k: (k[0], k[1])))


class _Columns:
    """Where the formula cells of each sheet are, column by column, for range look-ups."""

    def __init__(self, keys: Iterable[Key]):
        self.rows: dict[tuple[str, int], list[int]] = {}
        for sheet, (row, col) in keys:
            self.rows.setdefault((sheet.upper(), col), []).append(row)
        for rows in self.rows.values():
            rows.sort()
        self.columns: dict[str, list[int]] = {}
        for sheet, col in self.rows:
            self.columns.setdefault(sheet, []).append(col)
        for cols in self.columns.values():
            cols.sort()

    def within(self, ref: Ref) -> Iterable[tuple[str, Cell]]:
        sheet = ref.sheet.upper()
        cols = self.columns.get(sheet, [])
        for col in cols[bisect.bisect_left(cols, ref.c1):bisect.bisect_right(cols, ref.c2)]:
            rows = self.rows[(sheet, col)]
            for row in rows[bisect.bisect_left(rows, ref.r1):bisect.bisect_right(rows, min(ref.r2, MAX_ROW))]:
                yield sheet, (row, col)


def _order(book: Book, entries: dict[Key, Entry], outputs: dict[Key, Key]
           ) -> tuple[list[Key], dict[Key, set[Key]], list[list[Key]]]:
    """Formula cells, each after the formula cells it reads; what each may read; and the
    circular groups. A circular reference raises WorkbookError, unless the workbook turns
    iterative calculation on: then each group comes, together, after what it reads outside itself.

    A loop through every cell of the references is not yet a circular reference: a reference
    INDEX, OFFSET, ROW, ROWS, AREAS … take only for where it is (``INDEX(Balance,ROW()-1)``)
    reads at most the cells they return, which the evaluator computes when it reaches them.
    The order then follows the other references, row by row."""
    by_upper = {(s.upper(), c): (s, c) for s, c in entries}
    by_upper.update({(s.upper(), c): anchor for (s, c), anchor in outputs.items()})
    scan = _Scan(by_upper, _NameRefs(book))
    graph, loops = scan.graph(entries, located=False)
    order = None if loops else _topological(graph)
    if order is not None:
        return order, graph, []
    reads, loops = scan.graph(entries, located=True)
    components = _cycles(reads)
    if not loops and not components:
        return _row_major(reads, list(book.sheets)), graph, []
    in_component = {key for c in components for key in c}
    groups = [[key] for key in loops if key not in in_component] + components
    if book.iterate is not None:
        return _condensed(reads, groups), graph, groups
    cycles = [key for group in groups for key in group]
    first = min(cycles)
    raise WorkbookError(book.path, f"circular reference between {_listed(cycles)}", first[0], cell_name(first[1])) from None


class _Scan:
    """What each formula cell reads among the formula cells."""

    def __init__(self, by_upper: dict[Key, Key], names: _NameRefs):
        self.by_upper, self.names = by_upper, names
        self.columns = _Columns(by_upper)
        self.located: dict[int, frozenset[int]] = {}  # id of a compiled shape → its references taken for where they are
        self.upper: dict[str, str] = {}  # sheet title → upper-case

    def graph(self, entries: dict[Key, Entry], located: bool) -> tuple[dict[Key, set[Key]], list[Key]]:
        """Formula cell → the formula cells it reads; and the cells that read themselves.
        ``located``: references taken only for where they are are left out."""
        graph: dict[Key, set[Key]] = {}
        loops: list[Key] = []
        by_upper, within, upper = self.by_upper, self.columns.within, self.upper
        for key, entry in entries.items():
            skip = self._located(entry.code) if located else frozenset()
            needs: set[Key] = set()
            for ref in _refs_of(entry, self.names, skip):
                if ref.r1 == ref.r2 and ref.c1 == ref.c2:  # one cell: looked up at once
                    sheet = upper.get(ref.sheet)
                    if sheet is None:
                        sheet = upper[ref.sheet] = ref.sheet.upper()
                    found = by_upper.get((sheet, (ref.r1, ref.c1)))
                    if found is not None:
                        needs.add(found)
                    continue
                for cell in within(ref):
                    needs.add(by_upper[cell])
            if key in needs:
                loops.append(key)
                needs.discard(key)
            graph[key] = needs
        return graph, loops

    def _located(self, code: Compiled) -> frozenset[int]:
        found = self.located.get(id(code))
        if found is None:
            found = self.located[id(code)] = located_refs(code.tree)
        return found


# Functions that take these arguments' references for where they are, reading none of their
# cells (INDEX and OFFSET return a reference: what reads it reads its cells): positions, None = all.
_WHERE_ONLY: dict[str, tuple[int, ...] | None] = {
    "INDEX": (0,), "OFFSET": (0,), "ROW": None, "COLUMN": None, "ROWS": None, "COLUMNS": None,
    "AREAS": None, "ISREF": None,
}
_REFERENCE_OPERATORS = (":", ",", " ")


def located_refs(tree: Any) -> frozenset[int]:
    """The placeholders of a shape's parse tree that are only taken for where they are."""
    located: set[int] = set()
    read: set[int] = set()
    todo: list[tuple[Any, bool]] = [(tree, False)]
    while todo:
        node, where = todo.pop()
        if isinstance(node, tuple):
            token, args = node
            if isinstance(token, Chain):  # a run of one operator's precedence: reference operators keep "where"
                todo.extend((a, where and all(op in _REFERENCE_OPERATORS for op in token.ops)) for a in args)
                continue
            name = str(token.name).upper().removeprefix("_XLFN.")
            if isinstance(token, Function):
                positions = _WHERE_ONLY.get(name, ())
                todo.extend((a, positions is None or i in positions) for i, a in enumerate(args))
            else:
                todo.extend((a, where and name in _REFERENCE_OPERATORS) for a in args)
        elif getattr(node, "attr", {}).get("is_reference"):
            name = str(node.attr.get("ref", "")).upper()
            if name.startswith(PLACEHOLDER) and name[len(PLACEHOLDER):].isdigit():
                (located if where else read).add(int(name[len(PLACEHOLDER):]))
    return frozenset(located - read)


def _topological(graph: dict[Key, set[Key]]) -> list[Key] | None:
    """The cells of ``graph``, each after those it reads (Kahn's algorithm); None on a cycle."""
    waiting = {key: len(needs) for key, needs in graph.items()}
    readers: dict[Key, list[Key]] = {}
    for key, needs in graph.items():
        for need in needs:
            readers.setdefault(need, []).append(key)
    order = [key for key, count in waiting.items() if count == 0]
    for key in order:  # grows while it is read
        for reader in readers.get(key, ()):
            waiting[reader] -= 1
            if waiting[reader] == 0:
                order.append(reader)
    return order if len(order) == len(graph) else None


def _row_major(graph: dict[Key, set[Key]], sheets: list[str]) -> list[Key]:
    """The cells of an acyclic ``graph``, each after those it reads, otherwise sheet by sheet and
    row by row (a cell reached on demand is then most often already computed)."""
    rank = {title: i for i, title in enumerate(sheets)}
    waiting = {key: len(needs) for key, needs in graph.items()}
    readers: dict[Key, list[Key]] = {}
    for key, needs in graph.items():
        for need in needs:
            readers.setdefault(need, []).append(key)
    ready = [(rank.get(key[0], 0), key[1], key) for key, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order: list[Key] = []
    while ready:
        key = heapq.heappop(ready)[2]
        order.append(key)
        for reader in readers.get(key, ()):
            waiting[reader] -= 1
            if waiting[reader] == 0:
                heapq.heappush(ready, (rank.get(reader[0], 0), reader[1], reader))
    return order


def _condensed(graph: dict[Key, set[Key]], groups: list[list[Key]]) -> list[Key]:
    """The order of ``graph`` with each circular group as one node, its cells side by side."""
    group_of = {key: i for i, group in enumerate(groups) for key in group}

    def node(key: Key) -> Any:
        return group_of.get(key, key)  # a group is its number; a cell, its key

    condensed: dict[Any, set[Any]] = {}
    for key, needs in graph.items():
        condensed.setdefault(node(key), set()).update(node(n) for n in needs if node(n) != node(key))
    order: list[Key] = []
    for item in graphlib.TopologicalSorter(condensed).static_order():
        order.extend(groups[item] if isinstance(item, int) else [item])
    return order


def _cycles(graph: dict[Key, set[Key]]) -> list[list[Key]]:
    """Strongly connected components of more than one cell, or a cell reading itself
    (Tarjan's algorithm, iteratively)."""
    index: dict[Key, int] = {}
    low: dict[Key, int] = {}
    stack: list[Key] = []
    on_stack: set[Key] = set()
    found: list[list[Key]] = []
    work: list[tuple[Key, Iterator[Key]]] = []

    def visit(node: Key) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        work.append((node, iter(graph.get(node, ()))))

    for root in graph:
        if root in index:
            continue
        visit(root)
        while work:
            node, successors = work[-1]
            for succ in successors:
                if succ not in index:
                    visit(succ)
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = list(iter(stack.pop, node)) + [node]
                    on_stack.difference_update(component)
                    if len(component) > 1:
                        found.append(component)
    return found


def _refs_of(entry: Entry, names: _NameRefs, skip: frozenset[int] = frozenset()) -> Iterable[Ref]:
    for i, ref in enumerate(entry.refs):
        if i in skip:
            continue
        if isinstance(ref, Ref):
            yield ref
        elif isinstance(ref, tuple):
            yield from (r for r in ref if isinstance(r, Ref))
    for name in entry.code.names:
        yield from names.refs(name, entry.sheet, entry.cell)


class _NameRefs:
    """The references a defined name reaches (through other names too), for the order."""

    def __init__(self, book: Book):
        self.book = book
        self.parsed: dict[str, tuple[Shape, list[str]]] = {}  # a name's text → its shape, the names it uses

    def refs(self, name: str, sheet: str, cell: Cell, depth: int = 0) -> Iterable[Ref]:
        text = self._text(name, sheet)
        if text is None or depth > 20:
            return
        shape, inner_names = self._parse(text)
        for template in shape.refs:
            ref = _bind(self.book, template, sheet, cell) if isinstance(template, TableTemplate) else template.bind(sheet, (1, 1))
            if isinstance(ref, Ref):
                found = self.book.sheet(ref.sheet)
                if found is not None:
                    yield Ref(found.title, ref.r1, ref.c1, ref.r2, ref.c2)
        for inner in inner_names:
            yield from self.refs(inner, sheet, cell, depth + 1)

    def _parse(self, text: str) -> tuple[Shape, list[str]]:
        """A name's shape and the names it uses in turn, parsed once per text."""
        found = self.parsed.get(text)
        if found is None:
            from .compiler import parse

            shape = shape_of(text.lstrip("="), (1, 1))
            try:
                inner = list(_names_in(parse(shape.text)))
            except FormulaError:
                inner = []
            found = self.parsed[text] = (shape, inner)
        return found

    def _text(self, name: str, sheet: str) -> str | None:
        local = self.book.sheets[sheet].names if sheet in self.book.sheets else {}
        return local.get(name) or self.book.names.get(name)


def _names_in(tree: Any) -> Iterable[str]:

    if isinstance(tree, tuple):
        for arg in tree[1]:
            yield from _names_in(arg)
    elif getattr(tree, "attr", {}).get("is_reference"):
        name = str(tree.attr.get("ref", "")).upper()
        if not name.startswith(PLACEHOLDER):
            yield name
