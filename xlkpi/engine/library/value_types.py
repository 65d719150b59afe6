"""TYPE: the kind of a value, as a number (Microsoft, "TYPE function")."""
from __future__ import annotations

from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..functions import Spec
from ..lambda_values import LambdaValue
from ..refs import Ref
from ..xlvalues import EMPTY


def _type(ctx: Any, value: Any) -> Any:
    """1 number (and blank), 2 text, 4 logical value, 16 error value, 64 array (a block of
    several cells too), 128 compound data (a LAMBDA): an error is a value TYPE describes, not
    one it passes on."""
    if isinstance(value, Ref) and not value.is_cell or isinstance(value, tuple):
        return 64.0
    value = ctx.env.value(value)
    if isinstance(value, np.ndarray):
        return 64.0 if value.size != 1 else _type(ctx, value.flat[0])
    if isinstance(value, XlError):
        return 16.0
    if isinstance(value, (bool, np.bool_)):
        return 4.0
    if isinstance(value, LambdaValue):
        return 128.0
    if value is EMPTY:
        return 1.0
    return 2.0 if isinstance(value, str) else 1.0


FUNCTIONS: dict[str, Spec] = {"TYPE": Spec(_type, refs=True)}
