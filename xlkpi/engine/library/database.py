"""Database functions: DSUM, DAVERAGE, DCOUNT, DCOUNTA, DGET, DMAX, DMIN, DPRODUCT, DSTDEV,
DSTDEVP, DVAR, DVARP.

``database``: a header row over records; ``field``: a column by its label (case-insensitive) or
its 1-based number; ``criteria``: a header row of labels over rows of conditions, the conditions
of a row all met (AND), any row met (OR); a blank condition is met by every record. A condition
is a criterion as in COUNTIFS (:mod:`xlkpi.engine.criteria`), except that bare text matches text
that *begins* with it, as Excel's criteria ranges do ("Dav" finds "Davolio"; "=Dav" only "Dav").
A criteria label that is not a column of the database is #VALUE!; conditions under a blank
label meet no record; labels compare as text (a TRUE header is "true"); a database of a header
alone is #VALUE!. Computed criteria (a formula
over the first record) are not supported. An error among the values of the field is the answer.
"""
from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..criteria import Test, matcher
from ..functions import Spec
from ..operators import to_number
from ..xlvalues import DIV0, EMPTY, NUM, VALUE, parse_error
from .text import text_arg

Fold = Callable[[list[Any]], Any]


def _grid(value: Any) -> np.ndarray:
    return value if isinstance(value, np.ndarray) else np.array([[value]], dtype=object)


def _label(value: Any) -> str | None:
    """A header as a label: its text (a boolean's name, a number as written), case-blind; none for a
    blank or an error."""
    if value is EMPTY or isinstance(value, XlError):
        return None
    text = text_arg(value)
    return text.strip().upper() if isinstance(text, str) else None


def _column(labels: list[str | None], field: Any) -> Any:
    """The 0-based column ``field`` names (label or number), or #VALUE!."""
    if isinstance(field, XlError):
        return field
    if isinstance(field, str):
        wanted = field.strip().upper()
        return labels.index(wanted) if wanted in labels else VALUE
    number = to_number(field)
    if isinstance(number, XlError):
        return number
    index = int(number) - 1
    return index if 0 <= index < len(labels) else VALUE


def _bare_text(value: Any) -> bool:
    """Text with no comparison operator that reads as no number, boolean or error."""
    return (isinstance(value, str) and not isinstance(value, XlError) and value[:1] not in ("=", "<", ">")
            and isinstance(to_number(value), XlError) and parse_error(value) is None
            and value.strip().upper() not in ("TRUE", "FALSE"))


def _condition(value: Any) -> Test:
    """A criteria cell's test: bare text matches text beginning with it."""
    return matcher(value + "*" if _bare_text(value) else value)


def _never(_: Any) -> bool:
    return False


def _criteria(labels: list[str | None], criteria: np.ndarray) -> Any:
    """Each row of conditions as (column, test) pairs, or #VALUE!."""
    if criteria.shape[0] < 2:
        return VALUE
    rows: list[list[tuple[int, Test]]] = [[] for _ in range(criteria.shape[0] - 1)]
    for j, header in enumerate(criteria[0]):
        conditions = [(i, v) for i, v in enumerate(criteria[1:, j]) if v is not EMPTY and v != ""]
        if not conditions:
            continue
        label = _label(header)
        if label is None:  # conditions under a blank header: no record meets them
            for i, _ in conditions:
                rows[i].append((0, _never))
            continue
        if label not in labels:
            return VALUE
        for i, value in conditions:
            rows[i].append((labels.index(label), _condition(value)))
    return rows


def _records(ctx: Any, database: Any, field: Any, criteria: Any, countable: bool) -> Any:
    """The field's values of the records the criteria select. ``countable`` (DCOUNT, DCOUNTA): a
    field left out (blank, or 0 as the compiler passes an empty argument) counts the records."""
    table, conditions = _grid(ctx.env.value(database)), _grid(ctx.env.value(criteria))
    if table.shape[0] < 2:  # a header and no record
        return VALUE
    labels = [_label(v) for v in table[0]]
    field = EMPTY if field is None else ctx.env.value(field)
    omitted = countable and (field is EMPTY or (type(field) is float and field == 0))
    column = 0 if omitted else _column(labels, field)
    if isinstance(column, XlError):
        return column
    rows = _criteria(labels, conditions)
    if isinstance(rows, XlError):
        return rows
    selected = [record for record in table[1:] if any(all(test(record[c]) for c, test in row) for row in rows)]
    return [1.0] * len(selected) if omitted else [record[column] for record in selected]


def _numbers(values: list[Any]) -> Any:
    """The numbers among the values (text, booleans and blanks left out), or the first error."""
    numbers = []
    for value in values:
        if isinstance(value, XlError):
            return value
        if type(value) in (int, float):
            numbers.append(float(value))
    return numbers


def _over_numbers(fold: Callable[[list[float]], Any]) -> Fold:
    def apply(values: list[Any]) -> Any:
        numbers = _numbers(values)
        return numbers if isinstance(numbers, XlError) else fold(numbers)

    return apply


def _spread(fn: Callable[[list[float]], float], least: int) -> Fold:
    """A standard deviation or variance: #DIV/0! with fewer than ``least`` numbers."""
    return _over_numbers(lambda n: float(fn(n)) if len(n) >= least else DIV0)


def _counta(values: list[Any]) -> Any:
    error = next((v for v in values if isinstance(v, XlError)), None)
    return error or float(sum(v is not EMPTY for v in values))


def _get(values: list[Any]) -> Any:
    if not values:
        return VALUE
    return values[0] if len(values) == 1 else NUM


FOLDS: dict[str, Fold] = {
    "DSUM": _over_numbers(lambda n: sum(n, 0.0)),
    "DAVERAGE": _over_numbers(lambda n: sum(n, 0.0) / len(n) if n else DIV0),
    "DCOUNT": _over_numbers(lambda n: float(len(n))),
    "DCOUNTA": _counta,
    "DGET": _get,
    "DMAX": _over_numbers(lambda n: max(n, default=0.0)),
    "DMIN": _over_numbers(lambda n: min(n, default=0.0)),
    "DPRODUCT": _over_numbers(lambda n: math.prod(n) if n else 0.0),
    "DSTDEV": _spread(statistics.stdev, 2),
    "DSTDEVP": _spread(statistics.pstdev, 1),
    "DVAR": _spread(statistics.variance, 2),
    "DVARP": _spread(statistics.pvariance, 1),
}


def _function(name: str) -> Spec:
    fold = FOLDS[name]
    countable = name in ("DCOUNT", "DCOUNTA")

    def apply(ctx: Any, database: Any, field: Any = None, criteria: Any = None) -> Any:
        if criteria is None:
            return VALUE
        values = _records(ctx, database, field, criteria, countable)
        return values if isinstance(values, XlError) else fold(values)

    return Spec(apply, refs=True)


FUNCTIONS: dict[str, Spec] = {name: _function(name) for name in FOLDS}
