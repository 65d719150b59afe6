"""MAXIFS, MINIFS and AGGREGATE.

MAXIFS/MINIFS select cells as SUMIFS does (:func:`xlkpi.engine.library.core._mask`: the criteria
of :mod:`xlkpi.engine.criteria`); no number selected gives 0, an error selected is the answer.

AGGREGATE(function, options, ref1, …) applies function 1–13 (AVERAGE … MODE.SNGL) to references,
or 14–19 (LARGE … QUARTILE.EXC) to an array or reference and k, leaving out what the options say:
0–3 nested SUBTOTAL and AGGREGATE cells, 1, 3, 5, 7 hidden rows, 2, 3, 6, 7 error values.
As in Excel, functions 1–13 take references only (an array is #VALUE!), and only numbers count
(text, booleans and blanks are left out) except for COUNTA.
"""
from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..functions import Spec
from ..operators import to_number
from ..refs import Ref
from ..xlvalues import DIV0, EMPTY, NA, NUM, VALUE
from .core import _block, _mask, _nominal

# --- MAXIFS, MINIFS ----------------------------------------------------------------------------------


def _extreme_ifs(pick: Callable[[list[float]], float]) -> Callable[..., Any]:
    def apply(ctx: Any, target: Any, *pairs: Any) -> Any:
        if isinstance(target, XlError):
            return target
        if not pairs or len(pairs) % 2:
            return VALUE
        mask = _mask(ctx, list(pairs[::2]), list(pairs[1::2]))
        if isinstance(mask, XlError):
            return mask
        if (_nominal(target) or _block(ctx, target).shape) != (_nominal(pairs[0]) or _block(ctx, pairs[0]).shape):
            return VALUE
        numbers = []
        for hit, value in zip(mask, _block(ctx, target).flat):
            if hit:
                if isinstance(value, XlError):
                    return value
                if type(value) in (int, float):
                    numbers.append(float(value))
        return pick(numbers) if numbers else 0.0

    return apply


# --- statistics over numbers ---------------------------------------------------------------------------


def _spread(fn: Callable[[list[float]], float], least: int) -> Callable[[list[float]], Any]:
    """A standard deviation or variance: #DIV/0! with fewer than ``least`` numbers."""
    return lambda n: float(fn(n)) if len(n) >= least else DIV0


def _mode(numbers: list[float]) -> Any:
    """The most frequent number (the first of equals); #N/A when none repeats."""
    counts: dict[float, int] = {}
    for n in numbers:
        counts[n] = counts.get(n, 0) + 1
    best = max(counts.values(), default=0)
    return next(n for n in numbers if counts[n] == best) if best > 1 else NA


STATISTICS: dict[int, Callable[[list[float]], Any]] = {
    1: lambda n: sum(n, 0.0) / len(n) if n else DIV0,
    4: lambda n: max(n, default=0.0),
    5: lambda n: min(n, default=0.0),
    6: lambda n: math.prod(n) if n else 0.0,
    7: _spread(statistics.stdev, 2),
    8: _spread(statistics.pstdev, 1),
    9: lambda n: sum(n, 0.0),
    10: _spread(statistics.variance, 2),
    11: _spread(statistics.pvariance, 1),
    12: lambda n: float(statistics.median(n)) if n else NUM,
    13: _mode,
}


def _at_rank(ordered: list[float], rank: float) -> float:
    """The value at a 0-based fractional rank of sorted numbers, interpolated."""
    low = math.floor(rank)
    if low + 1 >= len(ordered):
        return ordered[low]
    return ordered[low] + (rank - low) * (ordered[low + 1] - ordered[low])


def _percentile(numbers: list[float], p: float, exclusive: bool) -> Any:
    n = len(numbers)
    rank = p * (n + 1) - 1 if exclusive else p * (n - 1)
    if not n or not 0 <= p <= 1 or rank < 0 or rank > n - 1:
        return NUM
    return _at_rank(sorted(numbers), rank)


def _quartile(numbers: list[float], q: float, exclusive: bool) -> Any:
    quart = int(q)
    if not (1 <= quart <= 3 if exclusive else 0 <= quart <= 4):
        return NUM
    return _percentile(numbers, quart / 4, exclusive)


def _kth(numbers: list[float], k: float, largest: bool) -> Any:
    position = math.ceil(k)
    if not 1 <= position <= len(numbers):
        return NUM
    return sorted(numbers, reverse=largest)[position - 1]


RANKED: dict[int, Callable[[list[float], float], Any]] = {
    14: lambda n, k: _kth(n, k, True),
    15: lambda n, k: _kth(n, k, False),
    16: lambda n, k: _percentile(n, k, False),
    17: lambda n, k: _quartile(n, k, False),
    18: lambda n, k: _percentile(n, k, True),
    19: lambda n, k: _quartile(n, k, True),
}


# --- AGGREGATE -------------------------------------------------------------------------------------------


def _kept(ctx: Any, ref: Ref, hidden: bool, nested: bool) -> list[Any]:
    """The cells of ``ref`` AGGREGATE looks at: hidden rows and nested SUBTOTAL/AGGREGATE cells
    left out when the options say so."""
    value = ctx.env.value(ref)
    block = value if isinstance(value, np.ndarray) else np.array([[value]], dtype=object)
    cells: list[Any] = []
    for i, row in enumerate(block):
        if hidden and ctx.env.is_hidden(ref.sheet, ref.r1 + i):
            continue
        cells.extend(v for j, v in enumerate(row) if not (nested and ctx.env.is_subtotal(ref.sheet, (ref.r1 + i, ref.c1 + j))))
    return cells


def _cells(ctx: Any, arg: Any, option: int, references_only: bool) -> Any:
    """The cells of one argument after the options, or #VALUE! for a value where a reference is needed."""
    if isinstance(arg, tuple):
        parts = [_cells(ctx, part, option, references_only) for part in arg]
        return next((p for p in parts if isinstance(p, XlError)), None) or [v for p in parts for v in p]
    if isinstance(arg, Ref):
        cells = _kept(ctx, arg, hidden=option % 2 == 1, nested=option < 4)
    elif references_only:
        return VALUE
    else:
        value = ctx.env.value(arg)
        cells = list(value.flat) if isinstance(value, np.ndarray) else [value]
    return [v for v in cells if not isinstance(v, XlError)] if option in (2, 3, 6, 7) else cells


def _numbers(cells: list[Any]) -> Any:
    """The numbers among the cells, or the first error."""
    error = next((v for v in cells if isinstance(v, XlError)), None)
    return error or [float(v) for v in cells if type(v) in (int, float)]


def _apply(number: int, cells: list[Any]) -> Any:
    """Function 1–13 over the cells."""
    if number == 2:
        return float(sum(type(v) in (int, float) for v in cells))
    if number == 3:
        return float(sum(v is not EMPTY for v in cells))
    numbers = _numbers(cells)
    return numbers if isinstance(numbers, XlError) else STATISTICS[number](numbers)


def _integer(ctx: Any, value: Any) -> Any:
    number = to_number(ctx.env.value(value))
    return number if isinstance(number, XlError) else int(number)


def _aggregate(ctx: Any, function: Any, options: Any, *args: Any) -> Any:
    number, option = _integer(ctx, function), _integer(ctx, options)
    for part in (number, option):
        if isinstance(part, XlError):
            return part
    if not 1 <= number <= 19 or not 0 <= option <= 7 or not args:
        return VALUE
    if number <= 13:
        cells = [_cells(ctx, arg, option, references_only=True) for arg in args]
        error = next((c for c in cells if isinstance(c, XlError)), None)
        return error or _apply(number, [v for c in cells for v in c])
    if len(args) != 2:
        return VALUE
    cells, k = _cells(ctx, args[0], option, references_only=False), to_number(ctx.env.value(args[1]))
    numbers = cells if isinstance(cells, XlError) else _numbers(cells)
    for part in (numbers, k):
        if isinstance(part, XlError):
            return part
    return RANKED[number](numbers, k)


FUNCTIONS: dict[str, Spec] = {
    "MAXIFS": Spec(_extreme_ifs(max), refs=True),
    "MINIFS": Spec(_extreme_ifs(min), refs=True),
    "AGGREGATE": Spec(_aggregate, refs=True),
}
