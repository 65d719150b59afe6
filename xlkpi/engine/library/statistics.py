"""PRODUCT, the variance family (VAR, VAR.S, VAR.P, VARP, STDEV …) and the A-forms (AVERAGEA,
VARA, VARPA, STDEVA, STDEVPA) as Microsoft documents them: in a reference, the S/P forms skip
text, booleans and blanks, the A-forms count text and FALSE as 0 and TRUE as 1 (blanks
skipped); a value typed as an argument is coerced (text that is no number: #VALUE!).
TREND and GROWTH take a single new_x as a one-cell block (``formulas`` wants an array)."""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..functions import Spec, formulas_functions
from ..operators import to_number
from ..xlvalues import DIV0, EMPTY
from .core import numbers_of, over_references


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


def _regression(name: str) -> Spec:
    """TREND/GROWTH: a single new_x (a number, not a block) as a 1×1 block."""
    def apply(known_y: Any, known_x: Any = None, new_x: Any = None, *rest: Any) -> Any:
        if new_x is not None and not isinstance(new_x, (np.ndarray, XlError)):
            new_x = np.array([[new_x]], dtype=object)
        args = [known_y] + ([known_x, new_x] if known_x is not None or new_x is not None else []) + list(rest)
        return formulas_functions()[name].impl(*args)

    return Spec(apply)


FUNCTIONS: dict[str, Spec] = {
    "PRODUCT": _over(numbers_of, lambda n: math.prod(n) if n else 0.0),
    "AVERAGEA": _over(_a_numbers, _average),
    **{name: _over(numbers_of, _variance(sample)) for name, sample in
       (("VAR", True), ("VAR.S", True), ("VAR.P", False), ("VARP", False))},
    **{name: _over(numbers_of, _deviation(sample)) for name, sample in
       (("STDEV", True), ("STDEV.S", True), ("STDEV.P", False), ("STDEVP", False))},
    "VARA": _over(_a_numbers, _variance(True)),
    "VARPA": _over(_a_numbers, _variance(False)),
    "STDEVA": _over(_a_numbers, _deviation(True)),
    "STDEVPA": _over(_a_numbers, _deviation(False)),
    "TREND": _regression("TREND"),
    "GROWTH": _regression("GROWTH"),
}
