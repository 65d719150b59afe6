"""What a formula can ask about the workbook itself: SHEET, SHEETS, FORMULATEXT."""
from __future__ import annotations

from typing import Any

from formulas.tokens.operand import XlError

from ..functions import Spec
from ..refs import Ref
from ..xlvalues import NA, REF


def _position(ctx: Any, title: str) -> Any:
    titles = [t.upper() for t in ctx.env.book.sheets]
    return float(titles.index(title.upper()) + 1) if title.upper() in titles else NA


def _sheet(ctx: Any, value: Any = None) -> Any:
    """SHEET(): the formula's sheet number; SHEET(reference) or SHEET("name"): that sheet's."""
    if value is None:
        return _position(ctx, ctx.sheet)
    if isinstance(value, Ref):
        return _position(ctx, value.sheet)
    value = ctx.env.value(value)
    if isinstance(value, XlError):
        return value
    return _position(ctx, value) if isinstance(value, str) else NA


def _sheets(ctx: Any, value: Any = None) -> Any:
    """SHEETS(): how many sheets the workbook has; SHEETS(reference): how many it spans."""
    if value is None:
        return float(len(ctx.env.book.sheets))
    if isinstance(value, Ref):
        return 1.0
    if isinstance(value, tuple):  # a 3-D reference
        return float(len(value))
    return value if isinstance(value, XlError) else REF


def _formulatext(ctx: Any, ref: Any) -> Any:
    """FORMULATEXT(reference): the formula of its first cell, "=" included; #N/A without one."""
    if not isinstance(ref, Ref):
        return ref if isinstance(ref, XlError) else NA
    text = ctx.env.formula_text(ref.sheet, (ref.r1, ref.c1))
    return NA if text is None else "=" + text


FUNCTIONS: dict[str, Spec] = {
    "SHEET": Spec(_sheet, refs=True),
    "SHEETS": Spec(_sheets, refs=True),
    "FORMULATEXT": Spec(_formulatext, refs=True),
}
