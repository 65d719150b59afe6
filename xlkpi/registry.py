"""The KPI registry: one declarative entry per spreadsheet function.

An entry carries everything the other layers derive from it: the Excel name, each parameter's
kind (how a cell is read) and constraints (what it may hold), the category, the number format
of the result, the implementation and the native twin (the same computation in Excel's own
functions, built by :mod:`xlkpi.native_twins`; ``xlkpi export --native`` writes it). Its words
— label, description, argument help, category name — live in the KPI part of the text
catalogue (:mod:`xlkpi.i18n`), under
``kpi.<NAME>.label``, ``kpi.<NAME>.description``, ``kpi.<NAME>.arg.<param>`` and
``kpi.category.<category>``. The Python API (:mod:`xlkpi.api`), the Excel front ends
(:mod:`xlkpi.excel_functions`), the headless engine and ``xlkpi functions`` are all generated
from :data:`REGISTRY`. Standard library only: this runs in Pyodide too.
"""
from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from .errors import XLError
from .i18n import LANGS, catalogue, text
from .values import Kind, coerce, is_blank

if TYPE_CHECKING:
    from .native_twins import Builder

REQUIRED = object()  # marks a parameter without default


class RangeSizeMismatch(Exception):
    """Ranges of different sizes were given (Excel's SUMPRODUCT answers #VALUE!)."""


class NumberFormat(Enum):
    """How a KPI's result reads in a cell; the workbook picks each language's format for it."""

    PERCENT = "percent"  # a rate or share: 12.5 %
    MONEY = "money"  # an amount of currency, with cents
    DAYS = "days"  # a number of days, with a decimal
    DECIMAL = "decimal"  # a plain number: minutes, a score out of 10, a p-value
    TEXT = "text"  # words: a band, a verdict


@dataclass(frozen=True)
class Param:
    """One argument: its kind and its constraints; :meth:`clean` applies both.

    A number outside ``minimum``/``maximum`` (the bounds themselves too when ``exclusive``) or
    not whole when ``whole`` is ``#NUM!``; a word not among ``choices`` (case-insensitive) is
    ``#VALUE!``. A blank optional argument takes ``default``; a default of None means "not
    given" and reaches the implementation as None.
    """

    name: str
    kind: Kind
    default: Any = REQUIRED
    minimum: float | None = None
    maximum: float | None = None
    exclusive: bool = False
    whole: bool = False
    choices: tuple[str, ...] = ()

    @property
    def optional(self) -> bool:
        return self.default is not REQUIRED

    def clean(self, value: Any) -> Any:
        """The argument as the implementation receives it, or the XLError the KPI returns."""
        if self.optional and is_blank(value):
            if self.default is None:
                return None
            value = self.default
        value = coerce(self.kind, value)
        if isinstance(value, XLError):
            return value
        if self.choices:
            word = str(value).strip().casefold()
            return word if word in self.choices else XLError.VALUE
        if type(value) is float:
            return self._check_number(value)
        return value

    def _check_number(self, x: float) -> float | XLError:
        low, high = self.minimum, self.maximum
        if low is not None and (x < low or (self.exclusive and x == low)):
            return XLError.NUM
        if high is not None and (x > high or (self.exclusive and x == high)):
            return XLError.NUM
        if self.whole and x != int(x):
            return XLError.NUM
        return x


# The declaration vocabulary: one constructor per kind, with the kind's usual constraint.

def count(name: str, default: Any = REQUIRED, **limits: Any) -> Param:
    """A count or other quantity ≥ 0 (leads, hours, days); blank is 0."""
    return Param(name, Kind.COUNT, default, **{"minimum": 0.0, **limits})


def amount(name: str, default: Any = REQUIRED) -> Param:
    """Money or any signed number; blank is 0."""
    return Param(name, Kind.AMOUNT, default)


def fraction(name: str, default: Any = REQUIRED, **limits: Any) -> Param:
    """A rate or share ≥ 0 (10 % is 0.1); blank is 0."""
    return Param(name, Kind.FRACTION, default, **{"minimum": 0.0, **limits})


def option(name: str, choices: tuple[str, ...], default: Any = REQUIRED) -> Param:
    """One word among ``choices`` (lower case; the argument is compared case-insensitively)."""
    return Param(name, Kind.TEXT, default, choices=choices)


def word(name: str, default: Any = REQUIRED) -> Param:
    """Free text, e.g. the value a filter column must equal."""
    return Param(name, Kind.TEXT, default)


def numbers(name: str, default: Any = REQUIRED) -> Param:
    """A row or column of numbers: blanks kept as None, text ignored."""
    return Param(name, Kind.NUMBERS, default)


def dates(name: str, default: Any = REQUIRED) -> Param:
    """A row or column of dates or date-times, read as Excel serials."""
    return Param(name, Kind.DATES, default)


def texts(name: str, default: Any = REQUIRED) -> Param:
    """A row or column of labels."""
    return Param(name, Kind.TEXTS, default)


@dataclass(frozen=True)
class Kpi:
    """A spreadsheet function: ``impl`` receives clean arguments and returns a value or XLError.

    ``twin`` builds the call's native twin from its argument texts (see :mod:`xlkpi.native_twins`);
    ``twin_note`` says what the twin does differently, or, when ``twin`` is None, why the KPI has
    no faithful one.
    """

    name: str  # Excel name, e.g. "KPI_ROI"
    category: str  # its name is the catalogue's kpi.category.<category>
    number_format: NumberFormat
    impl: Callable[..., Any]
    params: tuple[Param, ...]
    twin: Builder | None = None
    twin_note: str = ""

    @property
    def python_name(self) -> str:
        return self.name.removeprefix("KPI_").lower()

    @functools.cached_property
    def _required(self) -> int:
        """How many arguments a call must give."""
        return sum(not p.optional for p in self.params)

    @property
    def signature(self) -> str:
        """``KPI_ROI(revenue, cost, [mode])`` as Excel's function list shows it."""
        args = ", ".join(f"[{p.name}]" if p.optional else p.name for p in self.params)
        return f"{self.name}({args})"

    def python_signature(self) -> inspect.Signature:
        """``(revenue, cost, mode='net')``: what ``help()`` and xlwings read."""
        return inspect.Signature([
            inspect.Parameter(p.name, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                              **({"default": p.default} if p.optional else {}))
            for p in self.params
        ])

    def label(self, lang: str = "en") -> str:
        return text(f"kpi.{self.name}.label", lang)

    def describe(self, lang: str = "en") -> str:
        """The one-line description in ``lang``."""
        return text(f"kpi.{self.name}.description", lang)

    @property
    def description(self) -> str:
        """The English description (Excel's function wizard shows it)."""
        return self.describe("en")

    def arg_doc(self, param: str, lang: str = "en") -> str:
        """The help of the argument ``param`` in ``lang``."""
        return text(f"kpi.{self.name}.arg.{param}", lang)

    def category_label(self, lang: str = "en") -> str:
        return text(f"kpi.category.{self.category}", lang)

    def text_keys(self) -> list[str]:
        """Every catalogue key the entry reads."""
        return [f"kpi.category.{self.category}", f"kpi.{self.name}.label", f"kpi.{self.name}.description",
                *(f"kpi.{self.name}.arg.{p.name}" for p in self.params)]

    def __call__(self, *args: Any) -> Any:
        """Evaluate with Excel semantics: clean every argument, left to right, then compute."""
        params = self.params
        if len(args) > len(params):
            return XLError.VALUE
        if len(args) < self._required:
            return XLError.NA  # Excel refuses the formula; #N/A is the closest value
        if len(args) < len(params):
            args = (*args, *(None,) * (len(params) - len(args)))
        clean = [p.clean(a) for p, a in zip(params, args)]
        for value in clean:
            if isinstance(value, XLError):
                return value
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
    """Add ``kpi`` to :data:`REGISTRY`, refusing an entry the front ends could not present."""
    if kpi.name in REGISTRY:
        raise ValueError(f"{kpi.name} is registered twice")
    if not kpi.name.startswith("KPI_"):
        raise ValueError(f"{kpi.name}: KPI functions are named KPI_*")
    optional_seen = False
    for p in kpi.params:
        if optional_seen and not p.optional:
            raise ValueError(f"{kpi.name}: optional parameters must come last")
        optional_seen = optional_seen or p.optional
    if len(inspect.signature(kpi.impl).parameters) != len(kpi.params):
        raise ValueError(f"{kpi.name}: the implementation does not take {len(kpi.params)} arguments")
    for lang in LANGS:
        missing = [key for key in kpi.text_keys() if not catalogue(lang).get(key, "").strip()]
        if missing:
            raise ValueError(f"{kpi.name}: no text in the {lang} catalogue for {', '.join(missing)}")
    if kpi.twin is None and not kpi.twin_note.strip():
        raise ValueError(f"{kpi.name}: declare its native twin, or twin=None with the reason in twin_note")
    REGISTRY[kpi.name] = kpi
    return kpi


def declare(name: str, category: str, number_format: NumberFormat, impl: Callable[..., Any],
            *params: Param, twin: Builder | None, twin_note: str = "") -> Kpi:
    """Declare and register the spreadsheet function ``name``: the one way KPIs are written.

    ``twin`` is required: a builder of :mod:`xlkpi.native_twins`, or None with the reason in
    ``twin_note``.
    """
    return register(Kpi(name, category, number_format, impl, params, twin, twin_note))
