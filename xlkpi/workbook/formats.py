"""Number formats of the weekly workbook: a kind ("percent", "money" …) → its format string in
the catalogue of the workbook's language, with the currency's symbol.

A KPI's kind is the ``number_format`` its registry declaration gives (:func:`kpi_kind`).
"""
from __future__ import annotations

from ..i18n import text
from ..registry import REGISTRY, NumberFormat

CURRENCIES = ("EUR", "USD", "GBP", "CHF", "CAD")
_KINDS = {NumberFormat.PERCENT: "percent", NumberFormat.MONEY: "money2", NumberFormat.DAYS: "decimal",
          NumberFormat.DECIMAL: "decimal", NumberFormat.TEXT: "general"}


def kpi_kind(function: str) -> str:
    """The kind of number the KPI ``function`` returns, as its declaration says."""
    return _KINDS[REGISTRY[function].number_format]


def symbol(currency: str, lang: str) -> str:
    if currency not in CURRENCIES:
        raise ValueError(f"currency must be one of {', '.join(CURRENCIES)}, not {currency!r}")
    return text(f"workbook.currency.{currency}", lang)


def number_format(kind: str, lang: str, currency: str) -> str:
    """The format string of ``kind`` in ``lang``; amounts in ``currency``."""
    return text(f"workbook.format.{kind}", lang, symbol=symbol(currency, lang))


def kpi_format(function: str, lang: str, currency: str) -> str:
    return number_format(kpi_kind(function), lang, currency)
