"""The Python API: one snake_case function per registry entry, element-wise over arrays.

``xlkpi.roi(12000, 4000)`` → 2.0. Scalar parameters also take pandas Series, NumPy arrays or
lists: the function is applied row by row (range parameters always take the whole column)
and returns a Series (index of the first Series given) or an array. Excel errors come back
as :class:`~xlkpi.errors.XLError` values; ``pd.to_numeric(result, errors="coerce")`` turns
them into NaN.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .registry import REGISTRY, Kpi


def _is_vector(value: Any) -> bool:
    return isinstance(value, (pd.Series, np.ndarray, list, tuple)) and np.ndim(value) > 0


def make_api_function(kpi: Kpi) -> Callable[..., Any]:
    def function(*args: Any) -> Any:
        vectors = {
            i: arg for i, arg in enumerate(args)
            if i < len(kpi.params) and not kpi.params[i].kind.is_range and _is_vector(arg)
        }
        if not vectors:
            return kpi(*args)
        lengths = {len(v) for v in vectors.values()}
        if len(lengths) > 1:
            raise ValueError(f"{kpi.python_name}: element-wise arguments differ in length: {sorted(lengths)}")
        columns = {i: list(v) for i, v in vectors.items()}
        n = lengths.pop()
        results = [kpi(*(columns[i][row] if i in columns else a for i, a in enumerate(args))) for row in range(n)]
        index = next((v.index for v in vectors.values() if isinstance(v, pd.Series)), None)
        if index is not None:
            return pd.Series(results, index=index, name=kpi.python_name)
        return np.array(results, dtype=float if all(isinstance(r, float) for r in results) else object)

    function.__name__ = function.__qualname__ = kpi.python_name
    params = ", ".join(f"{p.name}={p.default!r}" if p.optional else p.name for p in kpi.params)
    args_doc = "\n".join(f"    {p.name}: {p.doc}" for p in kpi.params)
    function.__doc__ = f"{kpi.python_name}({params})\n\n{kpi.description}.\n\nArguments:\n{args_doc}\n"
    return function


FUNCTIONS: dict[str, Callable[..., Any]] = {k.python_name: make_api_function(k) for k in REGISTRY.values()}
