"""Office.js custom functions for xlwings Lite (Excel on Windows, Mac and the web).

A user's ``main.py`` in xlwings Lite is ``from xlkpi.officejs import *`` (``xlkpi lite`` writes
it): every registry entry becomes the custom function ``KPI_*``, made by
:func:`xlkpi.excel_functions.make_excel_function` with the decorators of ``xlwings.server``,
exactly as :mod:`xlkpi.udfs` is with the classic ones. An error comes back as its text
(``"#DIV/0!"``), which the custom-functions runtime ≥ 1.4 shows as a real error cell (1.3 shows
the text). Nothing beyond xlwings and the standard library is imported: this runs in Pyodide.

``xlwings.server`` is under xlwings' PRO licence: outside xlwings Lite (which needs no key),
importing it needs ``XLWINGS_LICENSE_KEY`` (``noncommercial`` for noncommercial use).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xlwings.server import arg, func

from . import kpis as _kpis  # noqa: F401  (fills the registry)
from .excel_functions import make_excel_function
from .registry import REGISTRY

FUNCTIONS: dict[str, Callable[..., Any]] = {name: make_excel_function(k, func, arg) for name, k in REGISTRY.items()}
globals().update(FUNCTIONS)
__all__ = list(FUNCTIONS)
