"""The LAMBDA helpers: MAP, REDUCE, SCAN, BYROW, BYCOL, MAKEARRAY.

Each takes its LAMBDA as a value (``LAMBDA(…)``, a name bound by LET, or a named LAMBDA) and
calls it through :func:`xlkpi.engine.compiler.apply`; anything else in its place is #VALUE!.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..functions import Spec
from ..lambda_values import LambdaValue, apply
from ..operators import to_number
from ..xlvalues import EMPTY, VALUE


def _grid(ctx: Any, value: Any) -> np.ndarray:
    value = ctx.env.value(value)
    return value if isinstance(value, np.ndarray) else np.array([[value]], dtype=object)


def _scalar(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.flat[0] if value.size else EMPTY
    return value


def _map(ctx: Any, *args: Any) -> Any:
    *arrays, function = args
    if not arrays or not isinstance(function, LambdaValue):
        return VALUE
    grids = [_grid(ctx, a) for a in arrays]
    shape = grids[0].shape
    if any(g.shape != shape for g in grids):
        return VALUE
    result = np.empty(shape, dtype=object)
    for index in np.ndindex(shape):
        result[index] = _scalar(apply(ctx, function, [g[index] for g in grids]))
    return result


def _reduce(ctx: Any, initial: Any, array: Any, function: Any) -> Any:
    if not isinstance(function, LambdaValue):
        return VALUE
    accumulator = _scalar(ctx.env.value(initial))
    for value in _grid(ctx, array).flat:
        accumulator = _scalar(apply(ctx, function, [accumulator, value]))
    return accumulator


def _scan(ctx: Any, initial: Any, array: Any, function: Any) -> Any:
    if not isinstance(function, LambdaValue):
        return VALUE
    grid = _grid(ctx, array)
    accumulator = _scalar(ctx.env.value(initial))
    result = np.empty(grid.shape, dtype=object)
    for index in np.ndindex(grid.shape):
        accumulator = result[index] = _scalar(apply(ctx, function, [accumulator, grid[index]]))
    return result


def _by(axis: int) -> Any:
    def by(ctx: Any, array: Any, function: Any) -> Any:
        if not isinstance(function, LambdaValue):
            return VALUE
        grid = _grid(ctx, array)
        lines = [grid[i:i + 1, :] for i in range(grid.shape[0])] if axis == 0 else [grid[:, j:j + 1] for j in range(grid.shape[1])]
        values = [_scalar(apply(ctx, function, [line])) for line in lines]
        return np.array([[v] for v in values] if axis == 0 else [values], dtype=object)

    return by


def _makearray(ctx: Any, rows: Any, cols: Any, function: Any) -> Any:
    if not isinstance(function, LambdaValue):
        return VALUE
    height, width = (to_number(_scalar(ctx.env.value(v))) for v in (rows, cols))
    for size in (height, width):
        if isinstance(size, XlError):
            return size
    if height < 1 or width < 1:
        return VALUE
    result = np.empty((int(height), int(width)), dtype=object)
    for i, j in np.ndindex(result.shape):
        result[i, j] = _scalar(apply(ctx, function, [float(i + 1), float(j + 1)]))
    return result


FUNCTIONS: dict[str, Spec] = {
    "MAP": Spec(_map, refs=True),
    "REDUCE": Spec(_reduce, refs=True),
    "SCAN": Spec(_scan, refs=True),
    "BYROW": Spec(_by(0), refs=True),
    "BYCOL": Spec(_by(1), refs=True),
    "MAKEARRAY": Spec(_makearray, refs=True),
}
