"""SEARCH (case-blind, with Excel's wildcards ``?`` ``*`` and their escape ``~``), SUBSTITUTE,
TRIM, TEXTBEFORE and TEXTAFTER, as Microsoft documents them (and as Excel-saved workbooks show
where the pages are silent: a fractional instance_num goes down, -1.2 is -2; a delimiter longer
than the text is #VALUE! when instance_num is given (else not found); match_end is 0 or 1; if_not_found is read only
when nothing is found, a blank one is "")."""
from __future__ import annotations

import math
import re
from typing import Any

import numpy as np
from formulas.tokens.operand import XlError

from ..functions import Spec
from ..xlvalues import EMPTY, NA, VALUE
from .text import elementwise, integer_arg, number_arg, text_arg


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


def _split_at(text: Any, delimiter: Any, instance_num: Any, match_mode: Any, match_end: Any,
              if_not_found: Any) -> Any:
    """(the text before, the text after) the delimiter of the given instance, or the answer when
    there is none (if_not_found, #N/A, or an error)."""
    body = text_arg(text)
    delimiters = [text_arg(d) for d in (delimiter.flat if isinstance(delimiter, np.ndarray) else [delimiter])]
    counted = instance_num is not None
    instance = number_arg(instance_num if counted else 1.0)
    mode, at_end = number_arg(match_mode), number_arg(match_end)
    for value in (body, *delimiters, instance, mode, at_end):
        if isinstance(value, XlError):
            return value
    instance = math.floor(instance)
    if instance == 0 or abs(instance) > len(body) or mode not in (0, 1) or at_end not in (0, 1):
        return VALUE
    if counted and all(len(d) > len(body) for d in delimiters):
        return VALUE
    if any(not d for d in delimiters):  # an empty delimiter matches at the start (from the end: at the end)
        at = 0 if instance > 0 else len(body)
        return body[:at], body[at:]
    pattern = re.compile("|".join(re.escape(d) for d in sorted(delimiters, key=len, reverse=True)),
                         re.IGNORECASE if mode else 0)
    found = [(m.start(), m.end()) for m in pattern.finditer(body)]
    count = len(found)
    if instance > 0 and instance <= count:
        start, end = found[instance - 1]
    elif instance < 0 and -instance <= count:
        start, end = found[instance]
    elif at_end and instance == count + 1:  # the text's end is one more delimiter
        start = end = len(body)
    elif at_end and instance == -(count + 1):  # searching back: its start is
        start = end = 0
    else:
        if if_not_found is None:
            return NA
        return "" if if_not_found is EMPTY else if_not_found
    return body[:start], body[end:]


def _text_around(after: bool) -> Any:
    def one(text: Any, delimiter: Any, *rest: Any) -> Any:
        parts = _split_at(text, delimiter, *rest)
        return parts[after] if isinstance(parts, tuple) else parts

    def apply(text: Any, delimiter: Any, instance_num: Any = None, match_mode: Any = 0.0, match_end: Any = 0.0,
              if_not_found: Any = None) -> Any:
        rest = (instance_num, match_mode, match_end, if_not_found)
        if isinstance(text, np.ndarray):  # cell by cell over the text; the delimiters stay one set
            return np.vectorize(lambda t: one(t, delimiter, *rest), otypes=[object])(text)
        return one(text, delimiter, *rest)

    return apply


FUNCTIONS: dict[str, Spec] = {
    "SEARCH": Spec(_search),
    "SUBSTITUTE": Spec(_substitute),
    "TRIM": Spec(_trim),
    "TEXTBEFORE": Spec(_text_around(after=False), defaults=True),
    "TEXTAFTER": Spec(_text_around(after=True), defaults=True),
}
