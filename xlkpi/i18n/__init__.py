"""One text catalogue per language: every label, header, instruction, message, verdict and
number format a user reads, looked up one way — ``text(key, lang, **fields)``.

Each language is one module (``en.py``, ``fr.py``; adding ``de`` is one file plus an entry in
:data:`LANGS`) holding one dict per part of the product. Keys are dotted, prefixed by the part
(``kpi.``, ``workbook.``, ``check.``, ``import.``, ``report.``); every language has every key
(``tests/test_i18n.py``). Standard library only: the KPI functions import it in Pyodide too.
"""
from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

LANGS = ("en", "fr")
PARTS = ("KPI", "WORKBOOK", "CHECK", "IMPORT", "REPORT")


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    """Every text of ``lang``, read-only; a key defined in two parts is an error."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGS)}")
    module = importlib.import_module(f"{__name__}.{lang}")
    merged: dict[str, str] = {}
    for part in PARTS:
        entries: dict[str, str] = getattr(module, part)
        clash = merged.keys() & entries.keys()
        if clash:
            raise ValueError(f"{lang}: keys defined twice: {', '.join(sorted(clash))}")
        merged.update(entries)
    return MappingProxyType(merged)


def text(key: str, lang: str = "en", **fields: object) -> str:
    """The text ``key`` in ``lang``, with ``{field}`` placeholders filled from ``fields``."""
    template = catalogue(lang)[key]
    return template.format(**fields) if fields else template
