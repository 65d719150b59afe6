"""The report in a terminal (headline and channel table as aligned text) and as JSON (every figure)."""
from __future__ import annotations

import math
from typing import Any

import pandas as pd

from ..i18n import text
from .figures import Figures
from .view import CHANNEL_COLUMNS, View

TERMINAL_COLUMNS = ("volume", "response_rate", "meeting_rate", "conversion_rate", "meetings", "deals", "revenue", "cost",
                    "cpl", "roi", "score", "rank")


def _aligned(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[n]) for r in rows) for n in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) if n == 0 else cell.rjust(w) for n, (cell, w) in enumerate(zip(row, widths))).rstrip()
            for row in rows]


def terminal_text(view: View) -> str:
    """The title, the headline (week, vs previous, vs 4-week average, year to date) and the channel table."""
    lang = view.lang
    lines = [view.title, view.subtitle, ""]
    head = [[view.headline_title, text("report.week", lang), text("report.vs_previous", lang),
             text("report.vs_average", lang), text("report.ytd", lang)]]
    head += [[c.label, c.value, c.previous.text, c.average.text, c.ytd] for c in view.cards]
    lines += _aligned(head)
    lines.append("")
    columns = view.channels.headers
    keep = [0] + [1 + n for n, key in enumerate(CHANNEL_COLUMNS) if key in TERMINAL_COLUMNS]
    table = [[columns[i] for i in keep]] + [[row[i] for i in keep] for row in view.channels.rows]
    if view.channels.total:
        table.append([view.channels.total[i] for i in keep])
    lines += _aligned(table)
    lines.append("")
    lines += [f"- {note}" for note in view.notes]
    return "\n".join(lines)


def _plain(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return _plain(value.item())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    flat = frame.reset_index()
    return [{str(k): _plain(v) for k, v in row.items()} for row in flat.to_dict(orient="records")]


def as_json(figures: Figures, path: str) -> dict[str, Any]:
    """Every figure of the report: rates as fractions (0.125), amounts in the workbook's currency."""
    record: dict[str, Any] = {"path": path, "year": figures.year, "week": figures.week,
                              "monday": figures.monday.isoformat(), "lang": figures.lang,
                              "recalculated": figures.recalculated}
    for name, frame in figures.frames().items():
        if name == "notes":
            record["notes"] = list(figures.notes)
        else:
            record[name] = _records(frame)
    return record
