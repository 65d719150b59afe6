r"""The tokens of an Excel formula's text, for the modules that read formulas.

:data:`TOKEN` matches, in turn, a string literal, a reference (groups ``sheet`` and ``area``),
a structured table reference (``Table1[Jan]``; ``[Jan]`` or ``[@Jan]`` alone inside the table;
table names may hold ``\``, ``_`` and ``.``), a word (a function or defined name), a number, or any other
single character: ``TOKEN.finditer(formula)`` covers the whole text, so an edit can rebuild it
from its tokens. Standard library only: the engine's shapes (:mod:`xlkpi.engine.shapes`), the
native twins (:mod:`xlkpi.native_twins`) and ``xlkpi export`` share it.
"""
from __future__ import annotations

import re

_SHEET = r"(?:'(?:[^']|'')+'|[^\W\d][\w.]*(?::[^\W\d][\w.]*)?)"
TOKEN = re.compile(
    rf"""
    (?P<string>"(?:[^"]|"")*")
    |(?P<ref>(?:(?P<sheet>{_SHEET})!)?
        (?P<area>\$?[A-Za-z]{{1,3}}\$?\d+(?::\$?[A-Za-z]{{1,3}}\$?\d+)?
                |\$?[A-Za-z]{{1,3}}:\$?[A-Za-z]{{1,3}}
                |\$?\d+:\$?\d+)
        (?![\w.(\[!#]))
    |(?P<table>(?:[^\W\d\\]|\\)[\w.\\]*\[(?:[^\[\]']|'.|\[(?:[^\[\]']|'.)*\])*\]
              |\[(?!\d+\])(?:[^\[\]']|'.|\[(?:[^\[\]']|'.)*\])*\](?!\w|'|!))
    |(?P<word>{_SHEET}!?[^\W\d][\w.]*|[^\W\d][\w.]*)
    |(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
