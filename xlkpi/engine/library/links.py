"""HYPERLINK and ENCODEURL: what a link shows, and text made safe for a URL."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from formulas.tokens.operand import XlError

from ..functions import Spec
from .text import elementwise, text_arg


@elementwise
def _hyperlink(location: Any, friendly_name: Any = None) -> Any:
    """The cell shows the friendly name, or the link itself when there is none."""
    shown = location if friendly_name is None else friendly_name
    return shown if isinstance(shown, XlError) else text_arg(shown)


@elementwise
def _encodeurl(text: Any) -> Any:
    value = text_arg(text)
    return value if isinstance(value, XlError) else quote(value, safe="-_.~")


FUNCTIONS: dict[str, Spec] = {
    "HYPERLINK": Spec(_hyperlink, defaults=True),
    "ENCODEURL": Spec(_encodeurl),
}
