"""Core functions: lazy ones (IF …), those that work on references (ROW, INDEX,
OFFSET, INDIRECT …) and fast, exact versions of what the weekly workbook calls most (SUM,
SUMIFS/COUNTIFS/AVERAGEIFS with criteria parsed once, ISNUMBER, AND/OR, RANK, MIN/MAX).

Each follows Excel's documented behaviour; the tests compare them with ``formulas``' own
implementation and with LibreOffice on the same inputs.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..criteria import matcher
from ..functions import Spec
from ..operators import to_number
from ..refs import MAX_COL, MAX_ROW, Ref, split_range
from ..xlvalues import DIV0, EMPTY, NA, REF, VALUE

Closure = Callable[[Any], Any]


# --- helpers ---------------------------------------------------------------------------------


def _cells(values: Iterable[Any]) -> Iterable[Any]:
    """Every value of scalars and arrays, flattened."""
    for value in values:
        if isinstance(value, np.ndarray):
            yield from value.flat
        elif isinstance(value, tuple):
            yield from _cells(value)
        else:
            yield value


def _truth(value: Any) -> Any:
    """A condition's truth value (IF, AND …), or its error."""
    if isinstance(value, np.ndarray):
        value = value.flat[0] if value.size else EMPTY
    if isinstance(value, bool):
        return value
    if isinstance(value, XlError):
        return value
    if value is EMPTY:
        return False
    if isinstance(value, str):
        upper = value.strip().upper()
        if upper in ("TRUE", "FALSE"):
            return upper == "TRUE"
        return VALUE
    return value != 0


# --- lazy: only the branch taken is evaluated --------------------------------------------------


def _if(ctx: Any, condition: Closure, then: Closure | None = None, otherwise: Closure | None = None) -> Any:
    value = ctx.env.value(condition(ctx))
    if isinstance(value, np.ndarray):  # an array condition: element-wise, as formulas does
        from formulas.functions import get_functions

        args = [value] + [ctx.env.value(c(ctx)) if c else False for c in (then, otherwise)]
        from ..functions import collapse

        return collapse(get_functions()["IF"]["function"](*args))
    truth = _truth(value)
    if isinstance(truth, XlError):
        return truth
    branch = then if truth else otherwise
    if branch is None:
        return False if not truth else 0.0
    result = ctx.env.value(branch(ctx))
    return result


def _iferror(ctx: Any, value: Closure, fallback: Closure) -> Any:
    result = ctx.env.value(value(ctx))
    if isinstance(result, np.ndarray):
        alt = ctx.env.value(fallback(ctx))
        return np.vectorize(lambda v: alt if isinstance(v, XlError) else v, otypes=[object])(result)
    return ctx.env.value(fallback(ctx)) if isinstance(result, XlError) else result


def _ifna(ctx: Any, value: Closure, fallback: Closure) -> Any:
    result = ctx.env.value(value(ctx))
    return ctx.env.value(fallback(ctx)) if isinstance(result, XlError) and result == NA else result


def _ifs(ctx: Any, *pairs: Closure) -> Any:
    for condition, value in zip(pairs[::2], pairs[1::2]):
        truth = _truth(ctx.env.value(condition(ctx)))
        if isinstance(truth, XlError):
            return truth
        if truth:
            return ctx.env.value(value(ctx))
    return NA


def _choose(ctx: Any, index: Closure, *options: Closure) -> Any:
    number = to_number(ctx.env.value(index(ctx)))
    if isinstance(number, XlError):
        return number
    position = int(number)
    if not 1 <= position <= len(options):
        return VALUE
    return options[position - 1](ctx)


def _switch(ctx: Any, expression: Closure, *cases: Closure) -> Any:
    from ..operators import BINARY

    value = ctx.env.value(expression(ctx))
    if isinstance(value, XlError):
        return value
    for match, result in zip(cases[::2], cases[1::2]):
        candidate = ctx.env.value(match(ctx))
        if isinstance(candidate, XlError):
            return candidate
        if BINARY["="](value, candidate) is True:  # Excel compares text case-insensitively
            return ctx.env.value(result(ctx))
    return ctx.env.value(cases[-1](ctx)) if len(cases) % 2 else NA


# --- logic and aggregation over values ---------------------------------------------------------


def _and_or(first: bool) -> Callable[..., Any]:
    """AND (first=True) and OR: text and blanks of references and arrays left out, text given
    directly "TRUE"/"FALSE" or #VALUE!; #VALUE! when nothing is left; the first error wins."""
    def apply(*args: Any) -> Any:
        seen = False
        result = first
        for arg in args:
            block = isinstance(arg, np.ndarray)
            for value in arg.flat if block else (arg,):
                if isinstance(value, XlError):
                    return value
                if value is EMPTY or isinstance(value, str) and block:
                    continue
                if isinstance(value, str):
                    value = _truth(value)
                    if isinstance(value, XlError):
                        return value
                seen = True
                if bool(value) != first:
                    result = not first
        return result if seen else VALUE

    return apply


def over_references(fn: Callable[..., Any]) -> Spec:
    """A function whose references' cells count as a block's (SUM(A1) leaves out the text of
    A1, as SUM(A1:A2) does), while values given directly are coerced."""
    def apply(ctx: Any, *args: Any) -> Any:
        values = []
        for arg in args:
            if isinstance(arg, (Ref, tuple)):
                arg = ctx.env.value(arg)
                if not isinstance(arg, np.ndarray):
                    arg = np.array([[arg]], dtype=object)
            values.append(arg)
        return fn(*values)

    return Spec(apply, refs=True)


def _isnumber(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return np.vectorize(_isnumber, otypes=[object])(value)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def numbers_of(args: tuple[Any, ...]) -> Any:
    """SUM's operands: numbers of ranges (text, booleans and blanks skipped); typed values
    coerced (text that is no number: #VALUE!); the first error."""
    numbers: list[float] = []
    for arg in args:
        if isinstance(arg, np.ndarray):
            for value in arg.flat:
                kind = type(value)
                if kind is float or kind is int:
                    numbers.append(value)
                elif isinstance(value, XlError):
                    return value
        else:
            number = to_number(arg)
            if isinstance(number, XlError):
                return number
            numbers.append(number)
    return numbers


def _sum(*args: Any) -> Any:
    numbers = numbers_of(args)
    return numbers if isinstance(numbers, XlError) else float(sum(numbers, 0.0))


def _extreme(pick: Callable[[list[float]], float]) -> Callable[..., Any]:
    def apply(*args: Any) -> Any:
        numbers = numbers_of(args)
        if isinstance(numbers, XlError):
            return numbers
        return float(pick(numbers)) if numbers else 0.0

    return apply


def _rank(number: Any, values: Any, order: Any = 0.0) -> Any:
    number = to_number(number)
    if isinstance(number, XlError):
        return number
    ascending = to_number(order)
    if isinstance(ascending, XlError):
        return ascending
    if isinstance(values, XlError):
        return values
    pool = [v for v in _cells([values]) if type(v) in (float, int)]
    if number not in pool:
        return NA
    better = sum(1 for v in pool if (v < number if ascending else v > number))
    return float(better + 1)


# --- criteria functions: SUMIFS, COUNTIFS, AVERAGEIFS, SUMIF, COUNTIF, AVERAGEIF ---------------


def _block(ctx: Any, arg: Any) -> Any:
    """A criteria or sum range as a 2-D array (a reference's cells, or an array as is)."""
    value = ctx.env.value(arg) if isinstance(arg, Ref) else arg
    if isinstance(value, np.ndarray):
        return value
    return np.array([[value]], dtype=object)


def _nominal(arg: Any) -> tuple[int, int] | None:
    return arg.shape if isinstance(arg, Ref) else None


def _criterion(ctx: Any, given: Any) -> Any:
    criterion = ctx.env.value(given)
    if isinstance(criterion, np.ndarray):
        return criterion.flat[0] if criterion.size else EMPTY
    return criterion


def _mask(ctx: Any, ranges: list[Any], criteria: list[Any]) -> Any:
    """Which cells meet every (range, criterion) pair: a flat boolean list, or an error."""
    shape = None
    mask: list[bool] | None = None
    for rng, given in zip(ranges, criteria):
        criterion = _criterion(ctx, given)
        block = _block(ctx, rng)
        nominal = _nominal(rng) or block.shape
        if shape is None:
            shape = nominal
        elif nominal != shape:
            return VALUE
        test = matcher(criterion)
        hits = ctx.env.cached(("mask", id(block), criterion if not isinstance(criterion, float) else ("n", criterion)),
                              lambda test=test, block=block: [test(v) for v in block.flat], keep=block)
        if mask is None:
            mask = list(hits)
        else:
            n = min(len(mask), len(hits))
            mask = [a and b for a, b in zip(mask[:n], hits[:n])]
    return mask


def _sumifs(ctx: Any, total: Any, *pairs: Any) -> Any:
    if not pairs or len(pairs) % 2:
        return VALUE
    mask = _mask(ctx, list(pairs[::2]), list(pairs[1::2]))
    if isinstance(mask, XlError):
        return mask
    if _nominal(total) and _nominal(pairs[0]) and _nominal(total) != _nominal(pairs[0]):
        return VALUE
    values = _block(ctx, total).flat
    result = []
    for hit, value in zip(mask, values):
        if hit:
            kind = type(value)
            if kind is float or kind is int:
                result.append(value)
            elif isinstance(value, XlError):
                return value
    return float(sum(result, 0.0))


def _countifs(ctx: Any, *pairs: Any) -> Any:
    if not pairs or len(pairs) % 2:
        return VALUE
    mask = _mask(ctx, list(pairs[::2]), list(pairs[1::2]))
    if isinstance(mask, XlError):
        return mask
    count = sum(mask)
    if isinstance(pairs[0], Ref):  # a whole column is read up to its last used row: the rest is blank
        rows, cols = pairs[0].shape
        blanks = rows * cols - len(mask)
        if blanks > 0 and all(matcher(_criterion(ctx, c))(EMPTY) for c in pairs[1::2]):
            count += blanks
    return float(count)


def _averageifs(ctx: Any, total: Any, *pairs: Any) -> Any:
    if not pairs or len(pairs) % 2:
        return VALUE
    mask = _mask(ctx, list(pairs[::2]), list(pairs[1::2]))
    if isinstance(mask, XlError):
        return mask
    numbers = []
    for hit, value in zip(mask, _block(ctx, total).flat):
        if hit:
            if isinstance(value, XlError):
                return value
            if type(value) in (float, int):
                numbers.append(value)
    return float(sum(numbers, 0.0) / len(numbers)) if numbers else DIV0


def _resize(ctx: Any, total: Any, like: Any) -> Any:
    """SUMIF's sum range takes the criteria range's size, from its top-left cell."""
    if isinstance(total, Ref) and isinstance(like, Ref):
        rows, cols = like.shape
        return Ref(total.sheet, total.r1, total.c1, total.r1 + rows - 1, total.c1 + cols - 1)
    return total


def _sumif(ctx: Any, rng: Any, criterion: Any, total: Any = None) -> Any:
    return _sumifs(ctx, _resize(ctx, total, rng) if total is not None else rng, rng, criterion)


def _countif(ctx: Any, rng: Any, criterion: Any) -> Any:
    return _countifs(ctx, rng, criterion)


def _averageif(ctx: Any, rng: Any, criterion: Any, total: Any = None) -> Any:
    return _averageifs(ctx, _resize(ctx, total, rng) if total is not None else rng, rng, criterion)


# --- references -----------------------------------------------------------------------------------


def _int(ctx: Any, value: Any) -> Any:
    number = to_number(ctx.env.value(value))
    return number if isinstance(number, XlError) else math.floor(number)


def _row(ctx: Any, ref: Any = None) -> Any:
    if ref is None:
        return float(ctx.cell[0])
    if not isinstance(ref, Ref):
        return ref if isinstance(ref, XlError) else VALUE
    if ref.r1 == ref.r2:
        return float(ref.r1)
    return np.array([[float(r)] for r in range(ref.r1, ref.r2 + 1)], dtype=object)


def _column(ctx: Any, ref: Any = None) -> Any:
    if ref is None:
        return float(ctx.cell[1])
    if not isinstance(ref, Ref):
        return ref if isinstance(ref, XlError) else VALUE
    if ref.c1 == ref.c2:
        return float(ref.c1)
    return np.array([[float(c) for c in range(ref.c1, ref.c2 + 1)]], dtype=object)


def _rows(ctx: Any, ref: Any) -> Any:
    if isinstance(ref, Ref):
        return float(ref.shape[0])
    value = ctx.env.value(ref)
    return float(value.shape[0]) if isinstance(value, np.ndarray) else (value if isinstance(value, XlError) else 1.0)


def _columns(ctx: Any, ref: Any) -> Any:
    if isinstance(ref, Ref):
        return float(ref.shape[1])
    value = ctx.env.value(ref)
    return float(value.shape[1]) if isinstance(value, np.ndarray) else (value if isinstance(value, XlError) else 1.0)


def _index(ctx: Any, source: Any, row: Any = None, col: Any = None, area: Any = None) -> Any:
    r = 0 if row is None else _int(ctx, row)
    c = 0 if col is None else _int(ctx, col)
    for part in (r, c):
        if isinstance(part, XlError):
            return part
    if isinstance(source, XlError):
        return source
    if isinstance(source, Ref):
        height, width = source.shape
        if col is None and height == 1 and width > 1:  # INDEX(row, n): the n-th of a row
            r, c = 1, r
        if r < 0 or c < 0 or r > height or c > width:
            return REF
        r1, r2 = (source.r1, source.r2) if r == 0 else (source.r1 + r - 1,) * 2
        c1, c2 = (source.c1, source.c2) if c == 0 else (source.c1 + c - 1,) * 2
        return Ref(source.sheet, r1, c1, r2, c2)
    value = ctx.env.value(source)
    array = value if isinstance(value, np.ndarray) else np.array([[value]], dtype=object)
    height, width = array.shape
    if col is None and height == 1 and width > 1:
        r, c = 1, r
    if r < 0 or c < 0 or r > height or c > width:
        return REF
    block = array[(slice(None) if r == 0 else slice(r - 1, r)), (slice(None) if c == 0 else slice(c - 1, c))]
    return block.flat[0] if block.size == 1 else block


def _offset(ctx: Any, base: Any, rows: Any, cols: Any, height: Any = None, width: Any = None) -> Any:
    if not isinstance(base, Ref):
        return base if isinstance(base, XlError) else VALUE
    parts = [_int(ctx, v) if v is not None and ctx.env.value(v) is not EMPTY else None for v in (rows, cols, height, width)]
    for part in parts:
        if isinstance(part, XlError):
            return part
    dr, dc, h, w = parts
    moved = base.offset(dr or 0, dc or 0, h, w)
    return moved if moved is not None else REF


_A1 = re.compile(r"^(?:(?P<sheet>'(?:[^']|'')+'|[^'!]+)!)?(?P<area>\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?"
                 r"|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+)$")
_NAME = re.compile(r"[^\W\d][\w.]*")
_R1C1 = re.compile(r"^(?:(?P<sheet>'(?:[^']|'')+'|[^'!]+)!)?R(\[-?\d+\]|\d*)C(\[-?\d+\]|\d*)$", re.IGNORECASE)


def _indirect(ctx: Any, text: Any, a1: Any = True) -> Any:
    value = ctx.env.value(text)
    style = _truth(ctx.env.value(a1)) if a1 is not True else True
    if isinstance(value, XlError):
        return value
    if isinstance(style, XlError):
        return style
    if not isinstance(value, str):
        return REF
    value = value.strip()
    if style:
        match = _A1.match(value)
        if match is None:
            return ctx.env.name(value.upper(), None, ctx) if _NAME.fullmatch(value) else REF
        sheet = match.group("sheet")
        try:
            r1, c1, r2, c2 = split_range(match.group("area"))
        except ValueError:
            return REF
    else:
        match = _R1C1.match(value)
        if match is None:
            return REF
        sheet = match.group("sheet")

        def axis(text: str, here: int) -> int:
            if not text:
                return here
            return here + int(text[1:-1]) if text.startswith("[") else int(text)

        r1 = r2 = axis(match.group(2), ctx.cell[0])
        c1 = c2 = axis(match.group(3), ctx.cell[1])
    if sheet is not None:
        sheet = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
        found = ctx.env.book.sheet(sheet)
        if found is None:
            return REF
        sheet = found.title
    if min(r1, c1) < 1 or r2 > MAX_ROW or c2 > MAX_COL:  # beyond the grid (XFE1)
        return REF
    return Ref(sheet or ctx.sheet, r1, c1, r2, c2)


def _isref(ctx: Any, value: Any) -> Any:
    return isinstance(value, Ref)


def _isformula(ctx: Any, ref: Any) -> Any:
    if not isinstance(ref, Ref):
        return ref if isinstance(ref, XlError) else VALUE
    return ctx.env.is_formula(ref.sheet, (ref.r1, ref.c1))


_SUBTOTALS = {1: "AVERAGE", 2: "COUNT", 3: "COUNTA", 4: "MAX", 5: "MIN", 6: "PRODUCT", 7: "STDEV", 8: "STDEVP",
              9: "SUM", 10: "VAR", 11: "VARP"}


def _subtotal(ctx: Any, code: Any, *refs: Any) -> Any:
    """SUBTOTAL: the function numbered 1–11 over the references, leaving out the rows an
    AutoFilter hides (101–111: every hidden row) and cells that are themselves SUBTOTAL or
    AGGREGATE formulas."""
    from ..functions import FUNCTIONS

    number = _int(ctx, code)
    if isinstance(number, XlError):
        return number
    name = _SUBTOTALS.get(number % 100) if number in range(1, 12) or number in range(101, 112) else None
    if name is None:
        return VALUE
    skip_hidden = number > 100
    values = []
    for ref in refs:
        if isinstance(ref, XlError):
            return ref
        if not isinstance(ref, Ref):
            return VALUE
        value = ctx.env.value(ref)
        block = np.array(value if isinstance(value, np.ndarray) else [[value]], dtype=object)
        for i in range(block.shape[0]):
            row = ref.r1 + i
            hidden = ctx.env.is_hidden(ref.sheet, row) if skip_hidden else ctx.env.is_filtered(ref.sheet, row)
            for j in range(block.shape[1]):
                cell = block[i, j]
                skipped = hidden or ctx.env.is_subtotal(ref.sheet, (row, ref.c1 + j))
                # in a reference, text and booleans count for COUNTA only
                ignored = name != "COUNTA" and not isinstance(cell, XlError) and isinstance(cell, (str, bool))
                if skipped or ignored:
                    block[i, j] = EMPTY
        values.append(block)
    spec = FUNCTIONS[name]
    return spec.impl(ctx, *values) if spec.refs else spec.impl(*values)


FUNCTIONS: dict[str, Spec] = {
    "IF": Spec(_if, lazy=True),
    "IFERROR": Spec(_iferror, lazy=True),
    "IFNA": Spec(_ifna, lazy=True),
    "IFS": Spec(_ifs, lazy=True),
    "CHOOSE": Spec(_choose, lazy=True),
    "SWITCH": Spec(_switch, lazy=True),
    "AND": over_references(_and_or(True)),
    "OR": over_references(_and_or(False)),
    "ISNUMBER": Spec(_isnumber),
    "NA": Spec(lambda: NA),  # the weekly charts' gaps: without it, formulas' whole table loads (≈1 s)
    "SUM": over_references(_sum),
    "MIN": over_references(_extreme(min)),
    "MAX": over_references(_extreme(max)),
    "RANK": Spec(_rank),
    "RANK.EQ": Spec(_rank),
    "SUMIFS": Spec(_sumifs, refs=True),
    "COUNTIFS": Spec(_countifs, refs=True),
    "AVERAGEIFS": Spec(_averageifs, refs=True),
    "SUMIF": Spec(_sumif, refs=True),
    "COUNTIF": Spec(_countif, refs=True),
    "AVERAGEIF": Spec(_averageif, refs=True),
    "ROW": Spec(_row, refs=True),
    "COLUMN": Spec(_column, refs=True),
    "ROWS": Spec(_rows, refs=True),
    "COLUMNS": Spec(_columns, refs=True),
    "INDEX": Spec(_index, refs=True),
    "OFFSET": Spec(_offset, refs=True),
    "INDIRECT": Spec(_indirect, refs=True),
    "ISREF": Spec(_isref, refs=True),
    "ISFORMULA": Spec(_isformula, refs=True),
    "SUBTOTAL": Spec(_subtotal, refs=True),
}
