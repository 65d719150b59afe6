"""The report's data notes: what a reader should know before trusting the figures."""
from __future__ import annotations

from collections.abc import Sequence

from ..i18n import text
from .workbook_reader import COUNTS, Problem, WorkbookData, channel_names

SHOWN = 5  # problems listed before "… and N more"


def data_notes(data: WorkbookData, problems: Sequence[Problem], differences: Sequence[str], lang: str) -> list[str]:
    """Notes in ``lang``: recalculation, empty week, weeks without cost, xlkpi check problems, the
    last import, Dashboard differences."""
    notes: list[str] = []
    names = channel_names(lang)
    if data.recalculated:
        notes.append(text("report.note.recalculated", lang))
    week_rows = data.weekly[data.weekly["week"] == data.week]
    if week_rows[list(COUNTS)].isna().all().all():
        notes.append(text("report.note.no_activity", lang, week=data.week))
    rows = data.weekly[(data.weekly["week"] <= data.week) & (data.weekly["volume"] > 0) & data.weekly["cost"].isna()]
    if len(rows):
        weeks = ", ".join(f"{names[r.channel]} {text('report.week', lang).lower()} {r.week}"
                          for r in rows.itertuples())
        notes.append(text("report.note.no_cost", lang, weeks=weeks))
    if problems:
        errors = sum(p.severity == "error" for p in problems)
        notes.append(text("report.note.problems", lang, errors=errors, warnings=len(problems) - errors))
        notes += [f"{p.sheet}!{p.cell}: {p.message}" for p in problems[:SHOWN]]
        if len(problems) > SHOWN:
            notes.append(text("report.note.more", lang, count=len(problems) - SHOWN, file=data.path.name))
    if (imported := data.last_import) is not None:
        notes.append(text("report.note.import", lang, file=imported.file, source=imported.source, rows=imported.rows,
                          date=imported.imported[:10], cells=imported.cells, leads=imported.leads))
    if differences:
        notes.append(text("report.note.dashboard_differs", lang, count=len(differences), cells="; ".join(differences[:5])))
    return notes or [text("report.note.none", lang)]
