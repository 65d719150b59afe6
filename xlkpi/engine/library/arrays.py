"""Lookup and dynamic-array functions: XLOOKUP, XMATCH, MATCH, VLOOKUP, HLOOKUP, LOOKUP, FILTER,
UNIQUE, SORT, SORTBY, SEQUENCE, TAKE, DROP, VSTACK, HSTACK, TOCOL, TOROW, CHOOSECOLS, CHOOSEROWS,
EXPAND.

Lookups compare as Excel does: a number matches numbers, text matches text case-insensitively,
a boolean matches booleans; blanks and errors in the searched cells never match (but a blank
XLOOKUP/XMATCH value finds a blank cell). Approximate matches look only at cells of the lookup
value's kind. ``formulas`` has no #CALC!: where Excel answers #CALC! (an empty result) these
functions answer #VALUE!.

The compiler passes an empty argument (``TAKE(a,,2)``) as 0; where Excel rejects an explicit 0
(a count of rows or columns, a sort index or order, a search mode) 0 is read as the argument left
out. Elsewhere (XLOOKUP's if_not_found, SEQUENCE's start and step) 0 is taken as written.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..collation import text_key
from ..criteria import _wildcards
from ..functions import Spec
from ..operators import to_number
from ..refs import Ref
from ..xlvalues import EMPTY, NA, REF, VALUE

CALC = VALUE  # Excel's #CALC! (an empty array): formulas has no such error
Grid = np.ndarray


# --- values ----------------------------------------------------------------------------------------


def _grid(value: Any) -> Grid:
    """A value as a 2-D object array (a scalar is 1×1)."""
    if isinstance(value, np.ndarray):
        return value if value.ndim == 2 else np.asarray(value, dtype=object).reshape(1, -1)
    return np.array([[value]], dtype=object)


def _integer(value: Any) -> Any:
    """A numeric argument truncated to an int, or its error."""
    number = to_number(_first(value))
    return number if isinstance(number, XlError) else int(number)


def _count(value: Any, default: int) -> Any:
    """A count argument where 0 (or blank) stands for the argument left out."""
    number = _integer(value)
    return default if number == 0 else number


def _first(value: Any) -> Any:
    return value.flat[0] if isinstance(value, np.ndarray) else value


def _truthy(value: Any) -> Any:
    """A boolean argument (by_col …): True, False or an error."""
    value = _first(value)
    if isinstance(value, XlError):
        return value
    if isinstance(value, str):
        return VALUE
    return bool(value) if value is not EMPTY else False


def _error(*values: Any) -> XlError | None:
    return next((v for v in values if isinstance(v, XlError)), None)


def _elementwise(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Apply ``fn`` to each value of an array lookup value (a spilled lookup)."""

    @functools.wraps(fn)
    def apply(value: Any, *args: Any) -> Any:
        if isinstance(value, np.ndarray):
            return np.vectorize(lambda v: _first(fn(v, *args)), otypes=[object])(_grid(value))
        return fn(value, *args)

    return apply


# --- comparing as Excel's lookups do -------------------------------------------------------------------


def _kind(value: Any) -> int | None:
    """0 number, 1 text, 2 boolean; None for blanks and errors."""
    if isinstance(value, bool):
        return 2
    if isinstance(value, XlError) or value is EMPTY:
        return None
    if isinstance(value, str):
        return 1
    return 0 if isinstance(value, (int, float)) else None


def _key(value: Any) -> Any:
    return _collation(value) if isinstance(value, str) else value


@functools.lru_cache(maxsize=4096)
def _collation(text: str) -> tuple[tuple[tuple[int, str], ...], str]:
    """Text as Excel orders it: :func:`~xlkpi.engine.collation.text_key` (case-blind, an accent
    after its letter), with punctuation and symbols before digits and digits before letters."""
    base, accented = text_key(text)
    return tuple((2 if char.isalpha() else 1 if char.isdigit() else 0, char) for char in base), accented


def _equal_test(value: Any, wildcards: bool) -> Callable[[Any], bool]:
    """The exact-match test for ``value`` (with * ? ~ for text when ``wildcards``)."""
    kind = _kind(value)
    if kind is None:
        return lambda v: v is EMPTY
    if kind == 1 and wildcards:
        pattern = _wildcards(value.upper())
        return lambda v: _kind(v) == 1 and pattern(v.upper())
    key = _key(value)
    return lambda v: _kind(v) == kind and _key(v) == key


def _rank(value: Any) -> tuple[int, Any]:
    """Where a value stands in Excel's order for approximate matches: numbers < text < booleans
    (Excel's own XLOOKUP workbooks: the next smaller than FALSE is a text)."""
    return _kind(value) or 0, _key(value)


def _linear(value: Any, cells: Sequence[Any], mode: int, order: Iterable[int]) -> int | None:
    """XLOOKUP's search in ``order``: exact (wildcards for mode 2), else the next smaller (mode -1)
    or larger (mode 1) value, numbers < text < booleans, the first of equals."""
    positions = list(order)
    equal = _equal_test(value, mode == 2)
    found = next((i for i in positions if equal(cells[i])), None)
    if found is not None or mode not in (-1, 1):
        return found
    if _kind(value) is None:
        return None
    key = _rank(value)
    ranked = [(i, _rank(cells[i])) for i in positions if _kind(cells[i]) is not None]
    near = [(i, k) for i, k in ranked if (k < key if mode == -1 else k > key)]
    if not near:
        return None
    best = (max if mode == -1 else min)(k for _, k in near)
    return next(i for i, k in near if k == best)


def _last_true(keys: Sequence[Any], test: Callable[[Any], bool]) -> int:
    """Binary search: the last index where ``test`` holds, if it holds on a prefix; -1 if none."""
    low, high = 0, len(keys)
    while low < high:
        middle = (low + high) // 2
        if test(keys[middle]):
            low = middle + 1
        else:
            high = middle
    return low - 1


def _binary(value: Any, cells: Sequence[Any], mode: int, ascending: bool, mixed: bool = False) -> int | None:
    """Binary search of sorted cells: exact (mode 0), or else the next smaller (-1) or larger
    (1) value. Only the cells of the value's kind are looked at (MATCH, LOOKUP, VLOOKUP), or,
    ``mixed`` (XLOOKUP, XMATCH), all but blanks and errors, numbers < text < booleans."""
    kind = _kind(value)
    if kind is None:
        return None
    key = _rank(value)
    positions = [i for i, v in enumerate(cells) if (_kind(v) is not None if mixed else _kind(v) == kind)]
    keys = [_rank(cells[i]) for i in positions]
    j = _last_true(keys, (lambda k: k <= key) if ascending else (lambda k: k >= key))
    if j >= 0 and keys[j] == key:
        return positions[j]
    if mode == 0:
        return None
    near = j if (mode == -1) == ascending else j + 1
    return positions[near] if 0 <= near < len(keys) else None


def _find(value: Any, cells: Sequence[Any], mode: int, search: int) -> Any:
    """XMATCH's 0-based position of ``value`` in ``cells``: None when not found, #VALUE! for
    bad modes (wildcards cannot be searched for with binary search)."""
    if mode not in (-1, 0, 1, 2) or search not in (-2, -1, 1, 2) or (mode == 2 and search in (-2, 2)):
        return VALUE
    if search in (1, -1):
        order = range(len(cells)) if search == 1 else range(len(cells) - 1, -1, -1)
        return _linear(value, cells, mode, order)
    return _binary(value, cells, mode, search == 2, mixed=True)


def _vector(value: Any) -> list[Any] | None:
    """A lookup array's cells when it is one row or one column, else None."""
    grid = _grid(value)
    return list(grid.flat) if 1 in grid.shape else None


# --- XLOOKUP, XMATCH, MATCH, VLOOKUP, HLOOKUP, LOOKUP --------------------------------------------------


def _modes(match_mode: Any, search_mode: Any) -> Any:
    mode, search = _integer(match_mode), _count(search_mode, 1)
    return _error(mode, search) or (mode, search)


@_elementwise
def _xmatch(value: Any, lookup: Any, match_mode: Any = 0.0, search_mode: Any = 1.0) -> Any:
    modes = _modes(match_mode, search_mode)
    error = _error(value, lookup, modes)
    if error is not None:
        return error
    cells = _vector(lookup)
    if cells is None:
        return VALUE
    found = _find(value, cells, *modes)
    return NA if found is None else found if isinstance(found, XlError) else float(found + 1)


def _slice(source: Any, index: int, by_row: bool) -> Any:
    """Row (``by_row``) or column ``index`` of a reference or an array."""
    if isinstance(source, Ref):
        if by_row:
            return Ref(source.sheet, source.r1 + index, source.c1, source.r1 + index, source.c2)
        return Ref(source.sheet, source.r1, source.c1 + index, source.r2, source.c1 + index)
    grid = _grid(source)
    part = grid[index:index + 1, :] if by_row else grid[:, index:index + 1]
    return part.flat[0] if part.size == 1 else part


def _shape(ctx: Any, source: Any) -> tuple[int, int]:
    return source.shape if isinstance(source, Ref) else _grid(ctx.env.value(source)).shape


def _xlookup(ctx: Any, value: Any, lookup: Any, result: Any, if_not_found: Any = None,
             match_mode: Any = 0.0, search_mode: Any = 1.0) -> Any:
    """XLOOKUP: the row (lookup down a column) or column (along a row) of ``result`` at the match."""
    value, cells_of = ctx.env.value(value), ctx.env.value(lookup)
    modes = _modes(ctx.env.value(match_mode), ctx.env.value(search_mode))
    error = _error(cells_of, modes, result)
    if error is not None:
        return error
    grid = _grid(cells_of)
    nominal = _shape(ctx, lookup)  # a whole column is read up to its last used row: compare the references
    if 1 not in nominal:
        return VALUE
    by_row = nominal[1] == 1
    if _shape(ctx, result)[0 if by_row else 1] != nominal[0 if by_row else 1]:
        return VALUE
    cells = list(grid.flat)

    def one(item: Any) -> Any:
        if isinstance(item, XlError):
            return item
        found = _find(item, cells, *modes)
        if isinstance(found, XlError):
            return found
        if found is None:
            return NA if if_not_found is None else ctx.env.value(if_not_found)
        return _slice(result, found, by_row)

    if isinstance(value, np.ndarray):
        return np.vectorize(lambda v: _first(ctx.env.value(one(v))), otypes=[object])(_grid(value))
    return one(value)


@_elementwise
def _match(value: Any, lookup: Any, match_type: Any = 1.0) -> Any:
    kind = _integer(match_type)
    error = _error(value, lookup, kind)
    if error is not None:
        return error
    cells = _vector(lookup)
    if cells is None:
        return NA
    if value is EMPTY:
        return NA
    if kind == 0:
        found = _find(value, cells, 2 if isinstance(value, str) else 0, 1)
    else:
        found = _binary(value, cells, -1 if kind > 0 else 1, kind > 0)
    return NA if found is None else float(found + 1)


def _table_lookup(by_row: bool) -> Callable[..., Any]:
    """VLOOKUP (``by_row``: search the first column, return from column n) or HLOOKUP."""

    @_elementwise
    def lookup(value: Any, table: Any, index: Any, approximate: Any = True) -> Any:
        n, approx = _integer(index), _truthy(approximate)
        error = _error(value, table, n, approx)
        if error is not None:
            return error
        grid = _grid(table)
        if n < 1:
            return VALUE
        if n > grid.shape[1 if by_row else 0]:
            return REF
        keys = grid[:, 0] if by_row else grid[0, :]
        found = _match(value, keys.reshape(-1, 1), 1.0 if approx else 0.0)
        if isinstance(found, XlError):
            return found
        i = int(found) - 1
        return grid[i, n - 1] if by_row else grid[n - 1, i]

    return lookup


def _lookup(ctx: Any, value: Any, lookup: Any, result: Any = None) -> Any:
    """LOOKUP, vector form (a result vector as long as needed: a reference extends) and array form."""
    value, cells_of = ctx.env.value(value), ctx.env.value(lookup)
    error = _error(value, cells_of, result)
    if error is not None:
        return error
    grid = _grid(cells_of)
    if result is None:
        by_row = grid.shape[1] > grid.shape[0]
        keys, answers = (grid[0, :], grid[-1, :]) if by_row else (grid[:, 0], grid[:, -1])
    elif 1 not in grid.shape:
        return NA
    else:
        keys, answers = grid.reshape(-1), None
    found = _match(value, keys.reshape(-1, 1), 1.0)
    if isinstance(found, XlError):
        return found
    i = int(found) - 1
    if answers is not None:
        return answers[i]
    return _nth(ctx, result, i)


def _nth(ctx: Any, source: Any, i: int) -> Any:
    """The i-th cell of a result vector: a reference goes on down (or right, for a row)."""
    if isinstance(source, Ref):
        if source.r1 == source.r2 and source.c1 != source.c2:
            return Ref(source.sheet, source.r1, source.c1 + i, source.r1, source.c1 + i)
        return Ref(source.sheet, source.r1 + i, source.c1, source.r1 + i, source.c1)
    cells = _grid(ctx.env.value(source)).reshape(-1)
    return cells[i] if i < cells.size else NA


# --- FILTER, UNIQUE, SORT, SORTBY ----------------------------------------------------------------------


def _flag(value: Any) -> Any:
    """An include cell: True/False, or the error it is (text: #VALUE!)."""
    if isinstance(value, XlError):
        return value
    if isinstance(value, str):
        return VALUE
    return value is not EMPTY and bool(value)


def _filter(array: Any, include: Any, if_empty: Any = None) -> Any:
    grid, mask = _grid(array), _grid(include)
    error = _error(array, include)
    if error is not None:
        return error
    if mask.shape[1] == 1 and mask.shape[0] == grid.shape[0]:
        by_row = True
    elif mask.shape[0] == 1 and mask.shape[1] == grid.shape[1]:
        by_row = False
    else:
        return VALUE
    flags = [_flag(v) for v in mask.flat]
    error = _error(*flags)
    if error is not None:
        return error
    keep = [i for i, flag in enumerate(flags) if flag]
    if not keep:
        return CALC if if_empty is None else if_empty
    return grid[keep, :] if by_row else grid[:, keep]


def _identity(value: Any) -> Any:
    """A cell as UNIQUE compares it: text case-insensitively, booleans apart from numbers."""
    kind = _kind(value)
    if kind is None:
        return ("error", str(value)) if isinstance(value, XlError) else ("blank",)
    return kind, _key(value)


def _unique(array: Any, by_col: Any = False, exactly_once: Any = False) -> Any:
    columns, once = _truthy(by_col), _truthy(exactly_once)
    error = _error(array, columns, once)
    if error is not None:
        return error
    grid = _grid(array)
    lines = grid.T if columns else grid
    counts: dict[tuple[Any, ...], int] = {}
    first: dict[tuple[Any, ...], int] = {}
    for i, line in enumerate(lines):
        identity = tuple(_identity(v) for v in line)
        counts[identity] = counts.get(identity, 0) + 1
        first.setdefault(identity, i)
    keep = [i for identity, i in first.items() if not once or counts[identity] == 1]
    if not keep:
        return CALC
    return grid[:, keep] if columns else grid[keep, :]


_ERROR_ORDER = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")  # Excel's error codes 1 … 7


def _sort_key(value: Any) -> tuple[int, Any]:
    kind = _kind(value)
    if kind is None:  # an error: by its code
        text = str(value)
        return 3, _ERROR_ORDER.index(text) if text in _ERROR_ORDER else len(_ERROR_ORDER)
    return kind, _key(value)


def _sort_compare(a: Any, b: Any, descending: bool) -> int:
    """Excel's sort order: numbers, text (case-insensitive), FALSE, TRUE, errors (by code); reversed when
    ``descending``; blanks last either way."""
    if a is EMPTY or b is EMPTY:
        return (a is EMPTY) - (b is EMPTY)
    left, right = _sort_key(a), _sort_key(b)
    sign = (left > right) - (left < right)
    return -sign if descending else sign


def _order(keys: list[list[Any]], descending: list[bool]) -> list[int]:
    """The stable order of positions sorting by each key column in turn."""

    def compare(i: int, j: int) -> int:
        for column, down in zip(keys, descending):
            result = _sort_compare(column[i], column[j], down)
            if result:
                return result
        return 0

    return sorted(range(len(keys[0])), key=functools.cmp_to_key(compare))


def _directions(orders: Iterable[Any]) -> Any:
    """Sort orders (1 or -1; 0 stands for the order left out) as "descending" flags."""
    flags = []
    for order in orders:
        number = _count(order, 1)
        if isinstance(number, XlError):
            return number
        if number not in (1, -1):
            return VALUE
        flags.append(number == -1)
    return flags


def _sort(array: Any, index: Any = 1.0, order: Any = 1.0, by_col: Any = False) -> Any:
    columns = _truthy(by_col)
    error = _error(array, columns)
    if error is not None:
        return error
    grid = _grid(array)
    lines = grid.T if columns else grid
    indexes = [_count(v, 1) for v in _grid(index).flat]
    descending = _directions(_grid(order).flat)
    error = _error(*indexes, descending)
    if error is not None:
        return error
    if any(not 1 <= i <= lines.shape[1] for i in indexes):
        return VALUE
    if len(descending) == 1:
        descending = descending * len(indexes)
    if len(descending) != len(indexes):
        return VALUE
    keys = [list(lines[:, i - 1]) for i in indexes]
    sorted_lines = lines[_order(keys, descending), :]
    return sorted_lines.T if columns else sorted_lines


def _sortby(array: Any, *pairs: Any) -> Any:
    error = _error(array, *pairs)
    if error is not None:
        return error
    if not pairs:
        return VALUE
    grid = _grid(array)
    by_arrays = [_grid(v) for v in pairs[::2]]
    descending = _directions([pairs[i] if i < len(pairs) else 1.0 for i in range(1, len(pairs) + 1, 2)])
    if isinstance(descending, XlError):
        return descending
    if all(b.shape == (grid.shape[0], 1) for b in by_arrays):
        return grid[_order([list(b.flat) for b in by_arrays], descending), :]
    if all(b.shape == (1, grid.shape[1]) for b in by_arrays):
        return grid[:, _order([list(b.flat) for b in by_arrays], descending)]
    return VALUE


# --- SEQUENCE and reshaping --------------------------------------------------------------------------


def _sequence(rows: Any, columns: Any = 1.0, start: Any = 1.0, step: Any = 1.0) -> Any:
    height, width = _integer(rows), _count(columns, 1)
    first, increment = to_number(_first(start)), to_number(_first(step))
    error = _error(height, width, first, increment)
    if error is not None:
        return error
    if height < 0 or width < 0:
        return VALUE
    if height == 0:
        return CALC
    return np.array([[first + increment * (r * width + c) for c in range(width)] for r in range(height)], dtype=object)


def _span(count: int, size: int, drop: bool) -> slice:
    """The rows (columns) TAKE keeps or DROP drops: ``count`` from the start, or from the end if negative."""
    if count >= 0:
        return slice(count, None) if drop else slice(0, count)
    return slice(0, max(size + count, 0)) if drop else slice(max(size + count, 0), None)


def _take_drop(drop: bool) -> Callable[..., Any]:
    def apply(array: Any, rows: Any = 0.0, columns: Any = 0.0) -> Any:
        grid = _grid(array)
        height, width = _integer(rows), _integer(columns)
        error = _error(array, height, width)
        if error is not None:
            return error
        if height:
            grid = grid[_span(height, grid.shape[0], drop), :]
        if width:
            grid = grid[:, _span(width, grid.shape[1], drop)]
        return grid if grid.size else CALC

    return apply


def _padded(grid: Grid, height: int, width: int, filler: Any = NA) -> Grid:
    """``grid`` grown to height × width with ``filler``."""
    block = np.full((height, width), filler, dtype=object)
    block[:grid.shape[0], :grid.shape[1]] = grid
    return block


def _vstack(*arrays: Any) -> Any:
    grids = [_grid(a) for a in arrays]
    width = max(g.shape[1] for g in grids)
    return np.concatenate([_padded(g, g.shape[0], width) for g in grids], axis=0)


def _hstack(*arrays: Any) -> Any:
    grids = [_grid(a) for a in arrays]
    height = max(g.shape[0] for g in grids)
    return np.concatenate([_padded(g, height, g.shape[1]) for g in grids], axis=1)


def _to_line(column: bool) -> Callable[..., Any]:
    """TOCOL (``column``) or TOROW: ignore 1 blanks, 2 errors, 3 both; scanned by row or by column."""

    def apply(array: Any, ignore: Any = 0.0, scan_by_column: Any = False) -> Any:
        skip, by_column = _integer(ignore), _truthy(scan_by_column)
        error = _error(skip, by_column)
        if error is not None:
            return error
        if skip not in (0, 1, 2, 3):
            return VALUE
        grid = _grid(array)
        cells = [v for v in (grid.T if by_column else grid).flat
                 if not (skip & 1 and v is EMPTY) and not (skip & 2 and isinstance(v, XlError))]
        if not cells:
            return CALC
        line = np.array(cells, dtype=object)
        return line.reshape(-1, 1) if column else line.reshape(1, -1)

    return apply


def _choose(rows: bool) -> Callable[..., Any]:
    """CHOOSEROWS (``rows``) or CHOOSECOLS: the given lines in the given order, negative from the end."""

    def apply(array: Any, *numbers: Any) -> Any:
        error = _error(array)
        if error is not None:
            return error
        grid = _grid(array)
        size = grid.shape[0 if rows else 1]
        picks = [_integer(v) for n in numbers for v in _grid(n).flat]
        error = _error(*picks)
        if error is not None:
            return error
        if not picks or any(p == 0 or abs(p) > size for p in picks):
            return VALUE
        lines = [p - 1 if p > 0 else size + p for p in picks]
        return grid[lines, :] if rows else grid[:, lines]

    return apply


def _expand(array: Any, rows: Any, columns: Any = 0.0, pad_with: Any = None) -> Any:
    grid = _grid(array)
    height, width = _count(rows, grid.shape[0]), _count(columns, grid.shape[1])
    error = _error(array, height, width)
    if error is not None:
        return error
    if height < grid.shape[0] or width < grid.shape[1]:
        return VALUE
    return _padded(grid, height, width, NA if pad_with is None else _first(pad_with))


FUNCTIONS: dict[str, Spec] = {
    "XLOOKUP": Spec(_xlookup, refs=True, defaults=True),
    "XMATCH": Spec(_xmatch, defaults=True),
    "MATCH": Spec(_match),
    "VLOOKUP": Spec(_table_lookup(True)),
    "HLOOKUP": Spec(_table_lookup(False)),
    "LOOKUP": Spec(_lookup, refs=True),
    "FILTER": Spec(_filter),
    "UNIQUE": Spec(_unique),
    "SORT": Spec(_sort),
    "SORTBY": Spec(_sortby),
    "SEQUENCE": Spec(_sequence, defaults=True),
    "TAKE": Spec(_take_drop(False)),
    "DROP": Spec(_take_drop(True)),
    "VSTACK": Spec(_vstack),
    "HSTACK": Spec(_hstack),
    "TOCOL": Spec(_to_line(True)),
    "TOROW": Spec(_to_line(False)),
    "CHOOSECOLS": Spec(_choose(False)),
    "CHOOSEROWS": Spec(_choose(True)),
    "EXPAND": Spec(_expand),
}
