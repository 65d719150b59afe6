"""BESSELI, BESSELJ, BESSELK, BESSELY as Excel computes them: the polynomial and rational
approximations of Abramowitz & Stegun (9.4, 9.8) in the form Numerical Recipes gives them
(``bessj0`` … ``bessk``), with its recurrences for higher orders — accurate to about 1e-8,
which is what Excel's cached values carry (its BESSELI(0.2,0) is 1.0100250221205638; the exact
value 1.0100250277951…). Orders are truncated; a negative order, or x ≤ 0 for K and Y, is #NUM!.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..functions import Spec
from ..xlvalues import NUM, VALUE
from .text import elementwise, number_arg

_ACC, _BIGNO, _BIGNI = 40.0, 1e10, 1e-10  # Numerical Recipes' recurrence constants
_2_PI = 0.636619772  # 2/π as the approximations round it


def _poly(y: float, *coefficients: float) -> float:
    result = 0.0
    for c in reversed(coefficients):
        result = result * y + c
    return result


def _i0(x: float) -> float:
    ax = abs(x)
    if ax < 3.75:
        return _poly((x / 3.75) ** 2, 1.0, 3.5156229, 3.0899424, 1.2067492, 0.2659732, 0.360768e-1, 0.45813e-2)
    y = 3.75 / ax
    return math.exp(ax) / math.sqrt(ax) * _poly(y, 0.39894228, 0.1328592e-1, 0.225319e-2, -0.157565e-2, 0.916281e-2,
                                                -0.2057706e-1, 0.2635537e-1, -0.1647633e-1, 0.392377e-2)


def _i1(x: float) -> float:
    ax = abs(x)
    if ax < 3.75:
        y = (x / 3.75) ** 2
        result = ax * _poly(y, 0.5, 0.87890594, 0.51498869, 0.15084934, 0.2658733e-1, 0.301532e-2, 0.32411e-3)
    else:
        y = 3.75 / ax
        tail = 0.2282967e-1 + y * (-0.2895312e-1 + y * (0.1787654e-1 - y * 0.420059e-2))
        result = 0.39894228 + y * (-0.3988024e-1 + y * (-0.362018e-2 + y * (0.163801e-2 + y * (-0.1031555e-1 + y * tail))))
        result *= math.exp(ax) / math.sqrt(ax)
    return -result if x < 0 else result


def _k0(x: float) -> float:
    if x <= 2.0:
        y = x * x / 4.0
        return -math.log(x / 2.0) * _i0(x) + _poly(y, -0.57721566, 0.42278420, 0.23069756, 0.3488590e-1, 0.262698e-2,
                                                     0.10750e-3, 0.74e-5)
    return math.exp(-x) / math.sqrt(x) * _poly(2.0 / x, 1.25331414, -0.7832358e-1, 0.2189568e-1, -0.1062446e-1,
                                               0.587872e-2, -0.251540e-2, 0.53208e-3)


def _k1(x: float) -> float:
    if x <= 2.0:
        y = x * x / 4.0
        return math.log(x / 2.0) * _i1(x) + (1.0 / x) * _poly(y, 1.0, 0.15443144, -0.67278579, -0.18156897,
                                                             -0.1919402e-1, -0.110404e-2, -0.4686e-4)
    return math.exp(-x) / math.sqrt(x) * _poly(2.0 / x, 1.25331414, 0.23498619, -0.3655620e-1, 0.1504268e-1,
                                               -0.780353e-2, 0.325614e-2, -0.68245e-3)


def _asymptotic(x: float, shift: float, p: tuple[float, ...], q: tuple[float, ...]) -> tuple[float, float, float]:
    """(√(2/πx), P cos − z Q sin, P sin + z Q cos) of the large-x forms of J and Y."""
    z = 8.0 / x
    y, xx = z * z, x - shift
    a1, a2 = _poly(y, *p), _poly(y, *q)
    return math.sqrt(_2_PI / x), math.cos(xx) * a1 - z * math.sin(xx) * a2, math.sin(xx) * a1 + z * math.cos(xx) * a2


_P0 = (1.0, -0.1098628627e-2, 0.2734510407e-4, -0.2073370639e-5, 0.2093887211e-6)
_Q0 = (-0.1562499995e-1, 0.1430488765e-3, -0.6911147651e-5, 0.7621095161e-6, -0.934935152e-7)
_Q0Y = (-0.1562499995e-1, 0.1430488765e-3, -0.6911147651e-5, 0.7621095161e-6, -0.934945152e-7)  # NR's Y0 has ...945...
_P1 = (1.0, 0.183105e-2, -0.3516396496e-4, 0.2457520174e-5, -0.240337019e-6)
_Q1 = (0.04687499995, -0.2002690873e-3, 0.8449199096e-5, -0.88228987e-6, 0.105787412e-6)


def _j0(x: float) -> float:
    ax = abs(x)
    if ax < 8.0:
        y = x * x
        return (_poly(y, 57568490574.0, -13362590354.0, 651619640.7, -11214424.18, 77392.33017, -184.9052456)
                / _poly(y, 57568490411.0, 1029532985.0, 9494680.718, 59272.64853, 267.8532712, 1.0))
    scale, j, _ = _asymptotic(ax, 0.785398164, _P0, _Q0)
    return scale * j


def _j1(x: float) -> float:
    ax = abs(x)
    if ax < 8.0:
        y = x * x
        return x * (_poly(y, 72362614232.0, -7895059235.0, 242396853.1, -2972611.439, 15704.48260, -30.16036606)
                    / _poly(y, 144725228442.0, 2300535178.0, 18583304.74, 99447.43394, 376.9991397, 1.0))
    scale, j, _ = _asymptotic(ax, 2.356194491, _P1, _Q1)
    return -scale * j if x < 0 else scale * j


def _y0(x: float) -> float:
    if x < 8.0:
        y = x * x
        return (_poly(y, -2957821389.0, 7062834065.0, -512359803.6, 10879881.29, -86327.92757, 228.4622733)
                / _poly(y, 40076544269.0, 745249964.8, 7189466.438, 47447.26470, 226.1030244, 1.0)
                + _2_PI * _j0(x) * math.log(x))
    scale, _, y0 = _asymptotic(x, 0.785398164, _P0, _Q0Y)
    return scale * y0


def _y1(x: float) -> float:
    if x < 8.0:
        y = x * x
        return (x * _poly(y, -0.4900604943e13, 0.1275274390e13, -0.5153438139e11, 0.7349264551e9, -0.4237922726e7,
                          0.8511937935e4)
                / _poly(y, 0.2499580570e14, 0.4244419664e12, 0.3733650367e10, 0.2245904002e8, 0.1020426050e6,
                        0.3549632885e3, 1.0)
                + _2_PI * (_j1(x) * math.log(x) - 1.0 / x))
    scale, _, y1 = _asymptotic(x, 2.356194491, _P1, _Q1)
    return scale * y1


def _upward(first: Callable[[float], float], second: Callable[[float], float], sign: float) -> Callable[[int, float], float]:
    """Order n from orders 0 and 1: K and Y (stable upward)."""
    def order(n: int, x: float) -> float:
        low, high = first(x), second(x)
        if n == 0:
            return low
        for j in range(1, n):
            low, high = high, sign * low + j * (2.0 / x) * high
        return high

    return order


def _besseli(n: int, x: float) -> float:
    if n < 2:
        return (_i0, _i1)[n](x)
    if x == 0.0:
        return 0.0
    tox, bip, result, bi = 2.0 / abs(x), 0.0, 0.0, 1.0
    for j in range(2 * (n + int(math.sqrt(_ACC * n))), 0, -1):  # Miller's downward recurrence
        bip, bi = bi, bip + j * tox * bi
        if abs(bi) > _BIGNO:
            result, bi, bip = result * _BIGNI, bi * _BIGNI, bip * _BIGNI
        if j == n:
            result = bip
    result *= _i0(x) / bi
    return -result if x < 0 and n % 2 else result


def _besselj(n: int, x: float) -> float:
    if n < 2:
        return (_j0, _j1)[n](x)
    ax = abs(x)
    if ax == 0.0:
        return 0.0
    tox = 2.0 / ax
    if ax > n:  # upward from J0 and J1
        low, high = _j0(ax), _j1(ax)
        for j in range(1, n):
            low, high = high, j * tox * high - low
        result = high
    else:  # Miller's downward recurrence, normalised by J0 + 2 (J2 + J4 + …) = 1
        even, bjp, result, total, bj = False, 0.0, 0.0, 0.0, 1.0
        for j in range(2 * ((n + int(math.sqrt(_ACC * n))) // 2), 0, -1):
            bjp, bj = bj, j * tox * bj - bjp
            if abs(bj) > _BIGNO:
                bj, bjp, result, total = bj * _BIGNI, bjp * _BIGNI, result * _BIGNI, total * _BIGNI
            if even:
                total += bj
            even = not even
            if j == n:
                result = bjp
        result /= 2.0 * total - bj
    return -result if x < 0 and n % 2 else result


def _bessel(fn: Callable[[int, float], float], positive: bool) -> Callable[..., Any]:
    @elementwise
    def apply(x: Any, n: Any) -> Any:
        if isinstance(x, (bool, np.bool_)) or isinstance(n, (bool, np.bool_)):
            return VALUE
        value, order = number_arg(x), number_arg(n)
        if isinstance(value, XlError):
            return value
        if isinstance(order, XlError):
            return order
        order = math.trunc(order)
        if order < 0 or (positive and value <= 0):
            return NUM
        try:
            result = fn(order, value)
        except (OverflowError, ZeroDivisionError):
            return NUM
        return result if math.isfinite(result) else NUM

    return apply


FUNCTIONS: dict[str, Spec] = {
    "BESSELI": Spec(_bessel(_besseli, positive=False)),
    "BESSELJ": Spec(_bessel(_besselj, positive=False)),
    "BESSELK": Spec(_bessel(_upward(_k0, _k1, 1.0), positive=True)),
    "BESSELY": Spec(_bessel(_upward(_y0, _y1, -1.0), positive=True)),
}
