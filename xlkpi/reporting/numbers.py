"""Numbers as the report shows them, in English (€1,234.5, 12.3%) or French (1 234,5 €, 12,3 %),
as the workbook's own number formats show them, in the workbook's currency.

French separates thousands with a narrow no-break space and puts a no-break space before % and the
currency, as the French editions of Excel and LibreOffice do.
"""
from __future__ import annotations

import math

from ..workbook.formats import symbol

NBSP, NNBSP = "\u00a0", "\u202f"
DASH = "—"


def _grouped(value: float, decimals: int, lang: str) -> str:
    text = f"{value:,.{decimals}f}".replace("-", "−")
    if lang == "fr":
        text = text.replace(",", NNBSP).replace(".", ",")
    return text


def missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def count(value: float | None, lang: str) -> str:
    return DASH if missing(value) else _grouped(float(value), 0, lang)  # type: ignore[arg-type]


def decimal(value: float | None, lang: str, decimals: int = 1) -> str:
    return DASH if missing(value) else _grouped(float(value), decimals, lang)  # type: ignore[arg-type]


def money(value: float | None, lang: str, currency: str, decimals: int = 0) -> str:
    """An amount in ``currency`` (EUR, USD …) with its symbol where the workbook's format puts it."""
    if missing(value):
        return DASH
    amount, sign = _grouped(abs(float(value)), decimals, lang), "−" if float(value) < 0 else ""  # type: ignore[arg-type]
    mark = symbol(currency, lang)
    if lang == "fr":
        return f"{sign}{amount}{NBSP}{mark.strip()}"
    return f"{sign}{mark.replace(' ', NBSP)}{amount}"


def percent(value: float | None, lang: str, decimals: int = 1) -> str:
    if missing(value):
        return DASH
    number = _grouped(float(value) * 100, decimals, lang)  # type: ignore[arg-type]
    return f"{number}{NBSP}%" if lang == "fr" else f"{number}%"


def signed_percent(value: float | None, lang: str) -> str:
    """A relative change: "+12.3%", "−4,0 %" (a real minus sign)."""
    if missing(value):
        return DASH
    text = percent(abs(float(value)), lang)  # type: ignore[arg-type]
    return ("+" if float(value) >= 0 else "−") + text  # type: ignore[arg-type]


def points(value: float | None, lang: str) -> str:
    """A difference of two rates, in percentage points: "+40 pts", "−12 pts"."""
    if missing(value):
        return DASH
    number = _grouped(abs(float(value)) * 100, 0, lang)  # type: ignore[arg-type]
    return ("+" if float(value) >= 0 else "−") + f"{number}{NBSP}pts"  # type: ignore[arg-type]


def rank(value: float | None) -> str:
    return DASH if missing(value) else f"{int(value)}"  # type: ignore[arg-type]


def format_metric(metric: str, value: float | None, lang: str, currency: str) -> str:
    """A headline figure: ROI as a percentage, money as money, the rest as counts."""
    if metric == "roi":
        return percent(value, lang, 0)
    if metric in ("revenue", "cost"):
        return money(value, lang, currency)
    return count(value, lang)
