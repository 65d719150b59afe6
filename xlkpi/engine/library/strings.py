"""SEARCH (case-blind, with Excel's wildcards ``?`` ``*`` and their escape ``~``), SUBSTITUTE
and TRIM, as Microsoft documents them."""
from __future__ import annotations

import re
from typing import Any

from formulas.tokens.operand import XlError

from ..functions import Spec
from ..xlvalues import VALUE
from .text import elementwise, integer_arg, text_arg


def wildcard_pattern(text: str) -> str:
    """A regular expression for an Excel pattern: ``?`` one character, ``*`` any run, ``~x`` x itself."""
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "~" and i + 1 < len(text):
            out.append(re.escape(text[i + 1]))
            i += 2
            continue
        out.append(".*?" if ch == "*" else "." if ch == "?" else re.escape(ch))
        i += 1
    return "".join(out)


@elementwise
def _search(find_text: Any, within_text: Any, start_num: Any = 1.0) -> Any:
    needle, haystack, start = text_arg(find_text), text_arg(within_text), integer_arg(start_num)
    for value in (needle, haystack, start):
        if isinstance(value, XlError):
            return value
    if not 1 <= start <= len(haystack) + (not needle):
        return VALUE
    if not needle:
        return float(start)
    found = re.compile(wildcard_pattern(needle), re.IGNORECASE | re.DOTALL).search(haystack, start - 1)
    return VALUE if found is None else float(found.start() + 1)


@elementwise
def _substitute(text: Any, old_text: Any, new_text: Any, instance_num: Any = None) -> Any:
    body, old, new = text_arg(text), text_arg(old_text), text_arg(new_text)
    for value in (body, old, new):
        if isinstance(value, XlError):
            return value
    if instance_num is None:
        return body.replace(old, new) if old else body
    instance = integer_arg(instance_num)
    if isinstance(instance, XlError):
        return instance
    if instance < 1:
        return VALUE
    at = -1
    for _ in range(instance):
        at = body.find(old, at + 1) if old else -1
        if at < 0:
            return body
    return body[:at] + new + body[at + len(old):]


@elementwise
def _trim(text: Any) -> Any:
    body = text_arg(text)
    if isinstance(body, XlError):
        return body
    return " ".join(word for word in body.split(" ") if word)  # only spaces: tabs and NBSP stay


FUNCTIONS: dict[str, Spec] = {
    "SEARCH": Spec(_search),
    "SUBSTITUTE": Spec(_substitute),
    "TRIM": Spec(_trim),
}
