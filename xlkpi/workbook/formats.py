"""Number formats of the weekly workbook: a kind ("percent", "money" …) → its format string in
the catalogue of the workbook's language, with the currency's symbol.

Which kind a KPI shows is decided here only (:func:`kpi_kind`); once the registry declares each
KPI's ``number_format``, that function becomes ``REGISTRY[function].number_format``.
"""
from __future__ import annotations

from ..i18n import text

CURRENCIES = ("EUR", "USD", "GBP", "CHF", "CAD")
_MONEY = {"KPI_CPL", "KPI_CPQ", "KPI_CAC", "KPI_COST_PER_MEETING", "KPI_ATTRIBUTED_REVENUE"}
_DECIMAL = {"KPI_AVG_CALL_LENGTH", "KPI_AVG_DAYS", "KPI_CHANNEL_SCORE"}


def kpi_kind(function: str) -> str:
    """The kind of number the KPI ``function`` returns."""
    return "money2" if function in _MONEY else "decimal" if function in _DECIMAL else "percent"


def symbol(currency: str, lang: str) -> str:
    if currency not in CURRENCIES:
        raise ValueError(f"currency must be one of {', '.join(CURRENCIES)}, not {currency!r}")
    return text(f"workbook.currency.{currency}", lang)


def number_format(kind: str, lang: str, currency: str) -> str:
    """The format string of ``kind`` in ``lang``; amounts in ``currency``."""
    return text(f"workbook.format.{kind}", lang, symbol=symbol(currency, lang))


def kpi_format(function: str, lang: str, currency: str) -> str:
    return number_format(kpi_kind(function), lang, currency)
