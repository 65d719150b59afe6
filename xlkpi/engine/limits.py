"""Excel's limits on a value: text of at most 32,767 characters, arrays the engine can hold.

A function whose result would break them gives an error value in its cell instead of taking
the memory (``REPT("x",2^30)`` is #VALUE! as in Excel; ``SEQUENCE(1048576,16384)`` and
``MAKEARRAY(100000,10000,…)`` are #NUM!, sized before they are built).
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from formulas.tokens.operand import XlError

from .xlvalues import NUM, VALUE

MAX_TEXT = 32767  # characters in a cell (Microsoft, "Excel specifications and limits")
MAX_CELLS = 1 << 22  # cells of one array result the engine builds (about 4 million, ~150 MB)

Closure = Callable[[Any], Any]

# function → positions of its (rows, columns) arguments (None: a square of the first)
_SIZED: dict[str, tuple[int, int | None]] = {
    "SEQUENCE": (0, 1), "RANDARRAY": (0, 1), "MAKEARRAY": (0, 1), "MUNIT": (0, None), "EXPAND": (1, 2),
}
_TEXT = frozenset(("REPT", "CONCATENATE", "CONCAT", "TEXTJOIN", "SUBSTITUTE", "REPLACE", "ARRAYTOTEXT"))


def guarded(name: str, run: Closure, closures: list[Closure]) -> Closure:
    """``run`` (a call of function ``name`` on ``closures``) kept within the limits."""
    if name in _SIZED:
        rows_at, cols_at = _SIZED[name]
        return _sized(run, closures, rows_at, cols_at)
    if name == "REPT":
        return _repeated(run, closures)
    if name in _TEXT:
        return lambda ctx: text_result(run(ctx))
    return run


def text_result(value: Any) -> Any:
    """``value``, or #VALUE! for text longer than a cell holds."""
    return VALUE if type(value) is str and len(value) > MAX_TEXT else value


def _count(ctx: Any, closures: list[Closure], at: int | None, default: float) -> float | None:
    if at is None or at >= len(closures):
        return default
    value = ctx.env.value(closures[at](ctx))
    if isinstance(value, (bool, int, float)) and not isinstance(value, XlError):
        return max(1.0, math.trunc(float(value)))
    return None  # not a plain number: the function reports it


def _sized(run: Closure, closures: list[Closure], rows_at: int, cols_at: int | None) -> Closure:
    def sized(ctx: Any) -> Any:
        rows = _count(ctx, closures, rows_at, 1.0)
        cols = rows if cols_at is None else _count(ctx, closures, cols_at, 1.0)
        if rows is not None and cols is not None and rows * cols > MAX_CELLS:
            return NUM
        return run(ctx)

    return sized


def _repeated(run: Closure, closures: list[Closure]) -> Closure:
    def repeated(ctx: Any) -> Any:
        if len(closures) == 2:
            text = ctx.env.value(closures[0](ctx))
            times = ctx.env.value(closures[1](ctx))
            if type(text) is str and isinstance(times, float) and len(text) * times > MAX_TEXT:
                return VALUE
        return text_result(run(ctx))

    return repeated
