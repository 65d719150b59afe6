"""The KPI registry: one declarative entry per spreadsheet function.

An entry carries everything the other layers derive from it: the Excel name, the Python name,
a one-line description in English and in French, each parameter's kind and description, a
category and French and English labels. The Python API (:mod:`xlkpi.api`), the xlwings UDFs
(:mod:`xlkpi.udfs`), the headless engine and ``xlkpi functions`` are all generated from
:data:`REGISTRY`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

from .errors import XLError
from .values import Kind, coerce, first_error, is_blank

REQUIRED = object()  # marks a parameter without default


class RangeSizeMismatch(Exception):
    """Ranges of different sizes were given (Excel's SUMPRODUCT answers #VALUE!)."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: Kind
    doc: str
    default: Any = REQUIRED

    @property
    def optional(self) -> bool:
        return self.default is not REQUIRED


@dataclass(frozen=True)
class Kpi:
    """A spreadsheet function: ``impl`` receives coerced arguments and returns a value or XLError."""

    name: str  # Excel name, e.g. "KPI_ROI"
    impl: Callable[..., Any]
    params: tuple[Param, ...]
    description: str  # one line, English: Excel's function wizard (xlwings UDF docstring) shows it
    # One line in French, written beside the English one. Keyword-only so that the positional
    # order above stays as it was; the empty default lets a bare entry be built, but register()
    # refuses it.
    description_fr: str = field(default="", kw_only=True)
    category: str
    label_en: str
    label_fr: str
    examples: tuple[str, ...] = field(default=())

    @property
    def python_name(self) -> str:
        return self.name.removeprefix("KPI_").lower()

    @property
    def signature(self) -> str:
        """``KPI_ROI(revenue, cost, [mode])`` as Excel's function list shows it."""
        args = ", ".join(f"[{p.name}]" if p.optional else p.name for p in self.params)
        return f"{self.name}({args})"

    def label(self, lang: str = "en") -> str:
        return self.label_fr if lang == "fr" else self.label_en

    def describe(self, lang: str = "en") -> str:
        """The one-line description in ``lang`` ("fr" for French, English otherwise)."""
        return self.description_fr if lang == "fr" else self.description

    @staticmethod
    def _argument(param: Param, value: Any) -> Any:
        """A blank optional argument takes the default; None as default means "not given"."""
        if param.optional and is_blank(value):
            value = param.default
            if value is None:
                return None
        return coerce(param.kind, value)

    def __call__(self, *args: Any) -> Any:
        """Evaluate with Excel semantics: coerce every argument, then compute."""
        if len(args) > len(self.params):
            return XLError.VALUE
        required = sum(not p.optional for p in self.params)
        if len(args) < required:
            return XLError.NA  # Excel refuses the formula; #N/A is the closest value
        clean = [self._argument(p, args[i] if i < len(args) else None) for i, p in enumerate(self.params)]
        error = first_error(clean)
        if error is not None:
            return error
        try:
            result = self.impl(*clean)
        except ZeroDivisionError:
            return XLError.DIV0
        except RangeSizeMismatch:
            return XLError.VALUE
        except (OverflowError, ValueError):
            return XLError.NUM
        if isinstance(result, (int, float)):
            result = float(result)
            return result if math.isfinite(result) else XLError.NUM
        return result


REGISTRY: dict[str, Kpi] = {}


def register(kpi: Kpi) -> Kpi:
    if kpi.name in REGISTRY:
        raise ValueError(f"{kpi.name} is registered twice")
    if not kpi.name.startswith("KPI_"):
        raise ValueError(f"{kpi.name}: KPI functions are named KPI_*")
    if not kpi.description_fr.strip():
        raise ValueError(f"{kpi.name}: the French description (description_fr) is empty")
    optional_seen = False
    for p in kpi.params:
        if optional_seen and not p.optional:
            raise ValueError(f"{kpi.name}: optional parameters must come last")
        optional_seen = optional_seen or p.optional
    REGISTRY[kpi.name] = kpi
    return kpi


def kpi(
    name: str,
    description: str,
    *,
    description_fr: str,
    category: str,
    en: str,
    fr: str,
    params: list[Param],
    examples: tuple[str, ...] = (),
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: register ``impl`` as the spreadsheet function ``name``."""

    def inner(impl: Callable[..., Any]) -> Callable[..., Any]:
        register(Kpi(name, impl, tuple(params), description, category, en, fr, examples,
                     description_fr=description_fr))
        return impl

    return inner
