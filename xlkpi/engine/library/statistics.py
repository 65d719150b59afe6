"""AVERAGE, MEDIAN, HARMEAN, GEOMEAN, SKEW, SKEW.P, KURT, AVEDEV, DEVSQ, PRODUCT, SUMSQ, the variance family (VAR, VAR.S, VAR.P, VARP, STDEV …) and the A-forms (AVERAGEA,
VARA, VARPA, STDEVA, STDEVPA) as Microsoft documents them: in a reference, the S/P forms skip
text, booleans and blanks, the A-forms count text and FALSE as 0 and TRUE as 1 (blanks
skipped); a value typed as an argument is coerced (text that is no number: #VALUE!).
TREND and GROWTH fit by least squares over columns or rows, one variable or several."""
from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..functions import Spec
from ..operators import to_number
from ..xlvalues import DIV0, EMPTY, NUM, REF, VALUE
from .core import numbers_of, over_references
from .text import truth_arg


def _a_numbers(args: tuple[Any, ...]) -> Any:
    """The A-forms' operands: in blocks, text and FALSE 0, TRUE 1, blanks skipped."""
    numbers: list[float] = []
    for arg in args:
        if isinstance(arg, np.ndarray):
            for value in arg.flat:
                if isinstance(value, XlError):
                    return value
                if value is EMPTY or value is None:
                    continue
                numbers.append(float(value) if isinstance(value, (bool, int, float)) else 0.0)
        else:
            number = to_number(arg)
            if isinstance(number, XlError):
                return number
            numbers.append(number)
    return numbers


def _over(collect: Callable[[tuple[Any, ...]], Any], fn: Callable[[list[float]], Any]) -> Spec:
    def apply(*args: Any) -> Any:
        numbers = collect(args)
        return numbers if isinstance(numbers, XlError) else fn(numbers)

    return over_references(apply)


def _variance(sample: bool) -> Callable[[list[float]], Any]:
    def variance(numbers: list[float]) -> Any:
        count = len(numbers)
        if count < 1 + sample:
            return DIV0
        mean = math.fsum(numbers) / count
        return math.fsum((x - mean) ** 2 for x in numbers) / (count - sample)

    return variance


def _deviation(sample: bool) -> Callable[[list[float]], Any]:
    variance = _variance(sample)

    def deviation(numbers: list[float]) -> Any:
        result = variance(numbers)
        return result if isinstance(result, XlError) else math.sqrt(result)

    return deviation


def _average(numbers: list[float]) -> Any:
    return math.fsum(numbers) / len(numbers) if numbers else DIV0


def _median(numbers: list[float]) -> Any:
    return float(statistics.median(numbers)) if numbers else NUM


def _harmean(numbers: list[float]) -> Any:
    if not numbers or any(x <= 0 for x in numbers):
        return NUM
    return len(numbers) / math.fsum(1 / x for x in numbers)


def _geomean(numbers: list[float]) -> Any:
    if not numbers or any(x <= 0 for x in numbers):
        return NUM
    return math.exp(math.fsum(math.log(x) for x in numbers) / len(numbers))


def _moments(numbers: list[float], sample: bool) -> tuple[int, float, float] | None:
    """(count, mean, standard deviation) or None when the deviation is 0 or undefined."""
    count = len(numbers)
    if count < 1 + sample:
        return None
    mean = math.fsum(numbers) / count
    deviation = math.sqrt(math.fsum((x - mean) ** 2 for x in numbers) / (count - sample))
    return (count, mean, deviation) if deviation else None


def _skew(sample: bool) -> Callable[[list[float]], Any]:
    def skew(numbers: list[float]) -> Any:
        moments = _moments(numbers, sample)
        if moments is None or moments[0] < 3:
            return DIV0
        n, mean, s = moments
        cubes = math.fsum(((x - mean) / s) ** 3 for x in numbers)
        return n / ((n - 1) * (n - 2)) * cubes if sample else cubes / n

    return skew


def _kurt(numbers: list[float]) -> Any:
    moments = _moments(numbers, True)
    if moments is None or moments[0] < 4:
        return DIV0
    n, mean, s = moments
    fourth = math.fsum(((x - mean) / s) ** 4 for x in numbers)
    return n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * fourth - 3 * (n - 1) ** 2 / ((n - 2) * (n - 3))


def _avedev(numbers: list[float]) -> Any:
    if not numbers:
        return NUM
    mean = math.fsum(numbers) / len(numbers)
    return math.fsum(abs(x - mean) for x in numbers) / len(numbers)


def _devsq(numbers: list[float]) -> Any:
    if not numbers:
        return NUM
    mean = math.fsum(numbers) / len(numbers)
    return math.fsum((x - mean) ** 2 for x in numbers)


def matrix(value: Any) -> Any:
    """A block of numbers as a float matrix, or its first error (#VALUE! for text, booleans, blanks)."""
    block = value if isinstance(value, np.ndarray) else np.array([[value]], dtype=object)
    for cell in block.flat:
        if isinstance(cell, XlError):
            return cell
        if not isinstance(cell, (int, float)) or isinstance(cell, bool):
            return VALUE
    return block.astype(float)


def _fit(growth: bool) -> Spec:
    """TREND (GROWTH: of ln y, answered as e^…) by least squares: known_x one variable shaped as
    known_y, or several (a column each for a column of y, a row each for a row); new_x defaults to
    known_x, a single number included; the result is shaped as new_x (one value per observation
    for several variables)."""
    def apply(known_y: Any, known_x: Any = None, new_x: Any = None, const: Any = True) -> Any:
        y = matrix(known_y)
        if isinstance(y, XlError):
            return y
        if growth:
            if (y <= 0).any():
                return NUM
            y = np.log(y)
        count, column = y.size, y.shape[1] == 1
        x = np.arange(1.0, count + 1).reshape(y.shape) if known_x is None or known_x is EMPTY else matrix(known_x)
        new = x if new_x is None or new_x is EMPTY else matrix(new_x)
        intercept = truth_arg(const)
        for value in (x, new, intercept):
            if isinstance(value, XlError):
                return value
        if x.shape == y.shape:
            design, points, shape = x.reshape(-1, 1), new.reshape(-1, 1), new.shape
        elif column and x.shape[0] == count:
            design, points, shape = x, new, (new.shape[0], 1)
        elif y.shape[0] == 1 and x.shape[1] == count:
            design, points, shape = x.T, new.T, (1, new.shape[1])
        else:
            return REF
        if points.shape[1] != design.shape[1]:
            return REF
        if intercept:
            design = np.hstack([design, np.ones((count, 1))])
            points = np.hstack([points, np.ones((points.shape[0], 1))])
        coefficients = np.linalg.lstsq(design, y.reshape(-1), rcond=None)[0]
        result = points @ coefficients
        values = np.exp(result) if growth else result
        out = np.array([float(v) for v in values], dtype=object).reshape(shape)
        return out.flat[0] if out.size == 1 else out

    return Spec(apply)


FUNCTIONS: dict[str, Spec] = {
    "PRODUCT": _over(numbers_of, lambda n: math.prod(n) if n else 0.0),
    "SUMSQ": _over(numbers_of, lambda n: math.fsum(x * x for x in n)),
    "AVERAGEA": _over(_a_numbers, _average),
    "AVERAGE": _over(numbers_of, _average),
    "MEDIAN": _over(numbers_of, _median),
    "HARMEAN": _over(numbers_of, _harmean),
    "GEOMEAN": _over(numbers_of, _geomean),
    "SKEW": _over(numbers_of, _skew(sample=True)),
    "SKEW.P": _over(numbers_of, _skew(sample=False)),
    "KURT": _over(numbers_of, _kurt),
    "AVEDEV": _over(numbers_of, _avedev),
    "DEVSQ": _over(numbers_of, _devsq),
    **{name: _over(numbers_of, _variance(sample)) for name, sample in
       (("VAR", True), ("VAR.S", True), ("VAR.P", False), ("VARP", False))},
    **{name: _over(numbers_of, _deviation(sample)) for name, sample in
       (("STDEV", True), ("STDEV.S", True), ("STDEV.P", False), ("STDEVP", False))},
    "VARA": _over(_a_numbers, _variance(True)),
    "VARPA": _over(_a_numbers, _variance(False)),
    "STDEVA": _over(_a_numbers, _deviation(True)),
    "STDEVPA": _over(_a_numbers, _deviation(False)),
    "TREND": _fit(growth=False),
    "GROWTH": _fit(growth=True),
}
