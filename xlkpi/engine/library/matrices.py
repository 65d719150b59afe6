"""MINVERSE as Excel answers it: a single number is a 1×1 matrix (its inverse 1/x), a cell that
is no number or a matrix that is not square is #VALUE!, a singular one #NUM!."""
from __future__ import annotations

from typing import Any

import numpy as np

from ..functions import Spec
from ..xlvalues import NUM, VALUE
from .statistics import matrix


def _minverse(array: Any) -> Any:
    block = matrix(array)
    if not isinstance(block, np.ndarray):
        return block
    rows, cols = block.shape
    if rows != cols:
        return VALUE
    if np.linalg.det(block) == 0:
        return NUM
    inverse = np.linalg.inv(block)
    result = np.array([[float(v) for v in row] for row in inverse], dtype=object)
    return result.flat[0] if result.size == 1 else result


FUNCTIONS: dict[str, Spec] = {"MINVERSE": Spec(_minverse)}
