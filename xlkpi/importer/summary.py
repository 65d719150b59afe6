"""What the default output of ``xlkpi import`` says about each export beyond the cells written:
the weekly figures it could not fill and why, the rows counted in no figure (by reason, with the
first row numbers), the rows left out of Leads. Nothing is lost in silence: ``--json`` holds
the same facts in full."""
from __future__ import annotations

from ..i18n import text
from .run import ImportResult

REASONS = ("no_channel", "no_date", "other_year")


def notes(result: ImportResult) -> list[str]:
    """One line per fact, in the result's language, file by file."""
    lang, lines = result.lang, []
    for source in result.sources:
        for figure, columns in source.unfilled.items():
            lines.append(text("import.unfilled", lang, file=source.file, figure=figure, columns=", ".join(columns)))
        weekly, leads = source.weekly, source.leads
        if weekly is None:
            continue
        for reason in REASONS:
            if count := weekly.unplaced[reason]:
                line = text(f"import.unplaced.{reason}", lang, file=source.file, count=count, year=result.year,
                            rows=", ".join(map(str, weekly.examples[reason])))
                in_leads = reason != "no_channel" and leads is not None and bool(leads.records)
                lines.append(line + (text("import.in_leads", lang) if in_leads else ""))
        if leads is not None and leads.no_key:
            lines.append(text("import.no_key", lang, file=source.file, count=leads.no_key))
        if leads is not None and leads.other_years:
            lines.append(text("import.other_years", lang, file=source.file, count=leads.other_years, year=result.year))
    if result.partly and not result.errors:
        lines.append(text("import.partly", lang))
    return lines
