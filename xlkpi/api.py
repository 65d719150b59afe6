"""The Python API: one snake_case function per registry entry, element-wise over arrays.

``xlkpi.roi(12000, 4000)`` → 2.0; ``xlkpi.roi(12000, 4000, mode="ratio")`` → 3.0. Scalar
parameters also take lists, NumPy arrays or pandas Series: the function is applied row by row
(range parameters always take the whole column) and returns the same container — a list, an
array, or a Series with the index of the first Series given. Excel errors come back as
:class:`~xlkpi.errors.XLError` values; ``pd.to_numeric(result, errors="coerce")`` turns them
into NaN. NumPy and pandas are never imported here: they are used only when given.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from .registry import REGISTRY, Kpi


def _is_vector(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return True
    return type(value).__module__.split(".")[0] in ("numpy", "pandas") and getattr(value, "ndim", 0) > 0


def _like(vectors: list[Any], results: list[Any], name: str) -> Any:
    """``results`` in the container the element-wise arguments came in."""
    pd = sys.modules.get("pandas")
    series = next((v for v in vectors if pd is not None and isinstance(v, pd.Series)), None)
    if pd is not None and series is not None:
        return pd.Series(results, index=series.index, name=name)
    np = sys.modules.get("numpy")
    if np is not None and any(isinstance(v, np.ndarray) for v in vectors):
        return np.array(results, dtype=float if all(isinstance(r, float) for r in results) else object)
    return results


def make_api_function(kpi: Kpi) -> Callable[..., Any]:
    """``kpi`` as a Python function with its real signature and docstring."""
    signature = kpi.python_signature()

    def function(*args: Any, **kwargs: Any) -> Any:
        if kwargs:  # Python's rules for keywords; positional calls keep Excel's (#N/A, #VALUE!)
            given = signature.bind(*args, **kwargs).arguments
            last = max(i for i, p in enumerate(kpi.params) if p.name in given)
            args = tuple(given.get(p.name) for p in kpi.params[:last + 1])
        vectors = {i: a for i, a in enumerate(args) if i < len(kpi.params) and not kpi.params[i].kind.is_range
                   and _is_vector(a)}
        if not vectors:
            return kpi(*args)
        lengths = {len(v) for v in vectors.values()}
        if len(lengths) > 1:
            raise ValueError(f"{kpi.python_name}: element-wise arguments differ in length: {sorted(lengths)}")
        columns = {i: list(v) for i, v in vectors.items()}
        results = [kpi(*(columns[i][row] if i in columns else a for i, a in enumerate(args)))
                   for row in range(lengths.pop())]
        return _like(list(vectors.values()), results, kpi.python_name)

    function.__name__ = function.__qualname__ = kpi.python_name
    function.__module__ = "xlkpi"
    function.__signature__ = signature  # type: ignore[attr-defined]
    args_doc = "\n".join(f"    {p.name}: {kpi.arg_doc(p.name)}" for p in kpi.params)
    function.__doc__ = (f"{kpi.describe()}.\n\nExcel: {kpi.signature}\n\nArguments:\n{args_doc}\n\n"
                        "Returns a number, a text or an XLError; lists, arrays and Series apply it row by row.\n")
    return function


FUNCTIONS: dict[str, Callable[..., Any]] = {k.python_name: make_api_function(k) for k in REGISTRY.values()}
