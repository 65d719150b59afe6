"""The engine's function table: name → :class:`Spec`.

Looked up in order: the engine's own functions (:mod:`xlkpi.engine.library`: the fast, exact
ones, and those that need references, laziness or the workbook), the ``KPI_*`` registry, then
``formulas``' implementations (called with plain values: a block of cells is a 2-D numpy object
array). ``formulas``' table is loaded only when a formula needs it (importing it costs a
second: scipy). A name Excel knows (``excel_functions.txt``) that none of them implements is
*missing*; any other is unknown (#NAME?, as in Excel).
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
from formulas.functions import get_functions
from formulas.ranges import Ranges

from ..registry import REGISTRY, Kpi
from .xlvalues import EMPTY, VALUE, from_python, to_python

_PREFIXES = ("_XLFN._XLWS.", "_XLFN.", "_XLWS.", "_XLUDF.")


@dataclass(frozen=True)
class Spec:
    """How to call a function. ``refs``: it takes its arguments unevaluated as references
    (``impl(ctx, *args)``); ``lazy``: it takes closures and evaluates what it needs
    (``impl(ctx, *closures)``); otherwise ``impl(*values)`` (every cell is computed on every
    recalculation, so volatile functions need no mark). ``defaults``: an argument left empty (``XLOOKUP(x,a,b,,2)``) takes its parameter's Python
    default; otherwise it is 0, as ``formulas`` has it."""

    impl: Callable[..., Any]
    refs: bool = False
    lazy: bool = False
    defaults: bool = False


def collapse(result: Any) -> Any:
    """A ``formulas`` result as an engine value: a 1×1 array is its value."""
    if isinstance(result, Ranges):
        result = result.value
    if isinstance(result, np.ndarray):
        if result.size == 1:
            result = result.flat[0]
        else:
            return np.asarray(result, dtype=object).reshape(result.shape if result.ndim == 2 else (1, -1))
    if isinstance(result, np.generic):
        return result.item()
    if result is None:
        return EMPTY
    return result


def _from_formulas(entry: Any) -> Spec | None:
    extra: tuple[str, ...] = ()
    if isinstance(entry, dict):
        extra = tuple(map(str, entry.get("extra_inputs") or ()))
        entry = entry["function"]
    if extra and extra != ("Run",):
        return None  # needs the cell or the dispatcher: the engine's own version, or missing
    inner = entry
    while hasattr(inner, "__wrapped__"):
        inner = inner.__wrapped__
    if getattr(inner, "__name__", "") == "not_implemented":
        return None
    call = functools.partial(entry, False) if extra else entry

    def impl(*args: Any) -> Any:
        try:
            return collapse(call(*args))
        except Exception:  # noqa: BLE001 (formulas raises on a few bad inputs instead of answering #VALUE!)
            return VALUE

    return Spec(impl)


def _kpi(kpi: Kpi) -> Spec:
    def impl(*args: Any) -> Any:
        return from_python(kpi(*map(to_python, args)))

    return Spec(impl)


def _excel_names() -> frozenset[str]:
    text = resources.files(__package__).joinpath("excel_functions.txt").read_text(encoding="utf-8")
    return frozenset(line.strip().upper() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def engine_functions() -> dict[str, Spec]:
    """The functions of every module of :mod:`xlkpi.engine.library`."""
    import importlib
    import pkgutil

    from . import library

    table: dict[str, Spec] = {}
    for module in sorted(m.name for m in pkgutil.iter_modules(library.__path__)):
        table.update(importlib.import_module(f"{library.__name__}.{module}").FUNCTIONS)
    return table


@functools.lru_cache(maxsize=1)
def formulas_functions() -> dict[str, Spec]:
    """``formulas``' implementations, by canonical name (loaded on first use)."""
    table: dict[str, Spec] = {}
    for name, entry in get_functions().items():
        spec = _from_formulas(entry)
        if spec is not None:
            table.setdefault(_canonical(name), spec)
    return table


def _canonical(name: str) -> str:
    name = name.upper()
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


class _Table(dict[str, Spec]):
    """The engine's and the KPI functions; a name they lack is looked up in ``formulas``'."""

    def __missing__(self, name: str) -> Spec:
        return formulas_functions()[name]

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        return self[name] if name in self or name in formulas_functions() else default


FUNCTIONS: _Table = _Table({**{name: _kpi(kpi) for name, kpi in REGISTRY.items()}, **engine_functions()})
EXCEL_FUNCTIONS: frozenset[str] = _excel_names()


# Functions that read or return dates: (positions of date arguments, or None for all; returns a
# date). In a 1904-system workbook their date serials are 1,462 days lower than in the 1900 one.
DATE_FUNCTIONS: dict[str, tuple[tuple[int, ...] | None, bool]] = {
    "YEAR": ((0,), False), "MONTH": ((0,), False), "DAY": ((0,), False), "WEEKDAY": ((0,), False),
    "WEEKNUM": ((0,), False), "ISOWEEKNUM": ((0,), False), "DATE": ((), True), "DATEVALUE": ((), True),
    "TODAY": ((), True), "NOW": ((), True), "EDATE": ((0,), True), "EOMONTH": ((0,), True),
    "WORKDAY": ((0, 2), True), "WORKDAY.INTL": ((0, 3), True), "NETWORKDAYS": ((0, 1, 2), False),
    "NETWORKDAYS.INTL": ((0, 1, 3), False), "DAYS360": ((0, 1), False), "YEARFRAC": ((0, 1), False),
    "DATEDIF": ((0, 1), False), "ACCRINT": ((0, 1, 2), False),
}
_ELAPSED = re.compile(r"\[(h+|m+|s+)\]", re.IGNORECASE)
DAYS_1904 = 1462  # serial 0 of the 1904 system is serial 1462 of the 1900 one


def _shift(value: Any, days: int) -> Any:
    if isinstance(value, np.ndarray):
        return np.vectorize(lambda v: _shift(v, days), otypes=[object])(value) if value.size else value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value + days
    return value


def _text_in_1904(spec: Spec) -> Spec:
    """TEXT in a 1904-system workbook: a value shown with a date or time format is a 1904 serial."""
    from .numfmt import parse

    def shifted(value: Any, code: Any, *rest: Any) -> Any:
        try:  # a date shown by a date format moves; an elapsed time ([h]:mm) is a duration and does not
            dated = isinstance(code, str) and any(section.is_date for section in parse(code)) and not _ELAPSED.search(code)
        except (ValueError, IndexError):
            dated = False
        return spec.impl(_shift(value, DAYS_1904) if dated else value, code, *rest)

    return Spec(shifted)


def _in_1904(name: str, spec: Spec) -> Spec:
    """``spec`` for a 1904-system workbook: date arguments moved to the 1900 system, and back."""
    if name == "TEXT":
        return _text_in_1904(spec)
    positions, returns_date = DATE_FUNCTIONS[name]
    impl = spec.impl

    def shifted(*args: Any) -> Any:
        args = tuple(_shift(a, DAYS_1904) if positions is None or i in positions else a for i, a in enumerate(args))
        result = impl(*args)
        return _shift(result, -DAYS_1904) if returns_date else result

    if spec.refs or spec.lazy:
        return spec  # evaluates its own arguments: none of the date functions does
    return Spec(shifted)


def lookup(name: str, date1904: bool = False) -> tuple[Spec | None, str]:
    """(its Spec, its canonical name) for a function name as written in a formula; Spec None
    with the name when Excel has it but the engine does not, with "" when Excel does not.
    ``date1904``: the workbook counts dates from 1904."""
    canonical = _canonical(name)
    spec = FUNCTIONS.get(canonical)
    if spec is not None:
        dated = canonical in DATE_FUNCTIONS or canonical == "TEXT"
        return (_in_1904(canonical, spec) if date1904 and dated else spec), canonical
    return None, canonical if canonical in EXCEL_FUNCTIONS else ""

