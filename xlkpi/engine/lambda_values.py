"""LAMBDA as a value: its parameters, its compiled calculation, and how to call it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from formulas.tokens.operand import XlError

from .xlvalues import NAME, VALUE

Closure = Callable[[Any], Any]


@dataclass(frozen=True)
class LambdaValue:
    """A LAMBDA: its parameters, its compiled calculation and the LET names it saw."""

    params: tuple[str, ...]
    body: Closure
    scope: dict[str, Any]


def call(ctx: Any, function: Any, closures: list[Closure]) -> Any:
    """Call a LAMBDA value with the arguments' values (#VALUE! for a wrong count, #NAME? for
    something that is no LAMBDA)."""
    if not isinstance(function, LambdaValue):
        return function if isinstance(function, XlError) and function != NAME else NAME
    return apply(ctx, function, [c(ctx) for c in closures])


def apply(ctx: Any, function: LambdaValue, arguments: list[Any]) -> Any:
    """The value of a LAMBDA for these argument values (#VALUE! for a wrong count)."""
    if len(arguments) != len(function.params):
        return VALUE
    saved = ctx.lets
    ctx.lets = {**function.scope, **dict(zip(function.params, arguments))}
    try:
        return ctx.env.value(function.body(ctx))
    finally:
        ctx.lets = saved


