"""``import_exports``: read every export → map → aggregate → plan → write → recalculate.

Nothing is written unless every export is valid (known format, every required column, every
cell parsed); the workbook is written once, losslessly (:func:`xlkpi.xlsx.writer.write_cells`), into
a temporary file that the recalculation turns into the workbook.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from ..errors import WorkbookError
from ..i18n import text
from . import provenance
from .aggregate import LeadRecord, Leads, Weekly, leads, weekly
from .frames import Problem, Resolved, read_table
from .mapping import Mapping, MappingError, load, parse_rate
from .plan import Plan, build
from .profiles import builtin, detect
from .readers import Export, ExportError, open_export
from .workbook import Target, machine_timezone, read_target

SHOWN = 20  # problems a message lists (all in JSON)


class ImportFailed(Exception):
    """The import wrote nothing: ``result`` says why."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__(result.errors[0] if result.errors else "import failed")
        self.result = result


@dataclass
class SourceReport:
    """One export as it was read and understood (for --explain and the summary)."""

    file: str
    profile: str = ""
    source: str = ""  # the provenance key: the profile, and the account when given
    title: str = ""
    encoding: str = ""
    delimiter: str = ""
    rows: int = 0
    footer_rows: int = 0
    header_row: int = 1
    columns: dict[str, str] = field(default_factory=dict)  # column id → header(s)
    feeds: dict[str, list[str]] = field(default_factory=dict)  # column id → what it feeds
    ignored: list[str] = field(default_factory=list)  # headers no column reads
    kind: str = ""  # the mapping's kind: events, records, totals
    absent: list[str] = field(default_factory=list)  # optional columns the file lacks
    unmapped: dict[str, dict[str, int]] = field(default_factory=dict)  # header → values its value map lacks → rows
    unfilled: dict[str, list[str]] = field(default_factory=dict)  # weekly figure → the columns the file lacks for it
    weekly: Weekly | None = None
    leads: Leads | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: getattr(self, k) for k in ("file", "profile", "source", "title", "encoding", "delimiter",
                                                             "rows", "header_row", "footer_rows", "columns", "feeds", "ignored",
                                                             "absent", "unmapped", "unfilled")}
        if self.weekly:
            w = self.weekly
            out.update(weeks=sorted(w.weeks), filtered=w.filtered, other_years=w.other_years, undated=w.undated,
                       no_channel=dict(w.no_channel), unplaced=dict(w.unplaced), unplaced_rows=w.examples)
        if self.leads:
            out.update(leads=len(self.leads.records), leads_without_key=self.leads.no_key,
                       leads_other_years=self.leads.other_years)
        return out


@dataclass
class ImportResult:
    book: str
    lang: str = "en"
    year: int = 0
    timezone: str = ""
    written: bool = False
    dry_run: bool = False
    sources: list[SourceReport] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line each
    problems: list[Problem] = field(default_factory=list)  # cells that did not parse
    bad_cells: int = 0
    unmapped_fields: list[str] = field(default_factory=list)  # lead fields the workbook has no column for
    leads_added: int = 0
    leads_updated: int = 0
    leads_full: int = 0
    cost_left: dict[str, list[int]] = field(default_factory=dict)  # sheet → weeks filled whose cost is empty
    recalc: dict[str, Any] = field(default_factory=dict)

    @property
    def partly(self) -> list[str]:
        """Why the import is partial: weekly figures a file could not fill, rows counted in no figure
        for want of a channel (or, in an export of events, of a date); empty when complete."""
        why = []
        for s in self.sources:
            why += [f"{s.file}: {figure}" for figure in s.unfilled]
            if s.weekly:
                lost = s.weekly.unplaced["no_channel"] + (s.weekly.unplaced["no_date"] if s.kind == "events" else 0)
                why += [f"{s.file}: {lost} row(s)"] if lost else []
        return why

    @property
    def exit_code(self) -> int:
        """0 imported; 1 nothing written (bad input); 3 imported partly (conflicts: cells a person
        typed kept; or weekly figures not filled, rows counted in no figure)."""
        if self.errors:
            return 1
        return 3 if self.conflicts or self.partly else 0

    def as_dict(self) -> dict[str, Any]:
        return {"book": self.book, "ok": not self.errors, "written": self.written, "dry_run": self.dry_run,
                "lang": self.lang, "year": self.year, "timezone": self.timezone,
                "sources": [s.as_dict() for s in self.sources], "changes": self.changes, "conflicts": self.conflicts,
                "errors": self.errors, "problems": [p.as_dict() for p in self.problems], "bad_cells": self.bad_cells,
                "unmapped_fields": self.unmapped_fields, "leads_added": self.leads_added,
                "leads_updated": self.leads_updated, "leads_full": self.leads_full, "cost_left": self.cost_left,
                "recalc": self.recalc,
                "exit_code": self.exit_code}


def parse_rates(values: Sequence[str], lang: str = "en") -> dict[str, float]:
    """``--rate USD=0.92`` options → {"USD": 0.92}; ValueError names a bad one."""
    rates = {}
    for value in values:
        code, _, rate = value.partition("=")
        try:
            rates[code.strip().upper()] = parse_rate(code.strip(), rate)
        except MappingError:
            raise ValueError(text("import.rate", lang, value=value)) from None
    return rates


def _zone(name: str, lang: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(text("import.bad_timezone", lang, zone=name)) from None
    return name


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def import_exports(
    book: str | Path,
    exports: Sequence[str | Path],
    *,
    mapping: str | Path | None = None,
    dry_run: bool = False,
    force: bool = False,
    timezone: str | None = None,
    lang: str | None = None,
    on_rows: Callable[[int], None] | None = None,
    recalc: bool = True,
    strict: bool = False,
    rates: dict[str, float] | None = None,
    account: str | None = None,
) -> ImportResult:
    """Import ``exports`` into the weekly workbook ``book`` (in place); see ``xlkpi import --help``.

    Raises ImportFailed (nothing written) on bad input, and with ``strict`` on a partial import;
    the result lists changes, conflicts and what could not be imported. ``rates``: currency → value
    of one unit in the workbook's currency. ``account``: kept apart from the tool's other accounts
    (the source key is ``profile@account``; weeks two accounts both fill add up).
    """
    path = Path(book)
    result = ImportResult(str(path), dry_run=dry_run)
    try:
        target = read_target(path)
    except WorkbookError as error:
        result.errors.append(str(error))
        raise ImportFailed(result) from None
    lang = lang or target.lang
    result.lang, result.year = lang, target.year
    try:
        zone = _zone(timezone or machine_timezone(), lang)
        mappings = (load(mapping),) if mapping else builtin()
    except (ValueError, MappingError) as error:
        result.errors.append(str(error))
        raise ImportFailed(result) from None
    result.timezone = zone
    tables: dict[str, list[pd.DataFrame]] = {}
    chosen: dict[str, Mapping] = {}
    fillable: dict[str, set[str]] = {}  # source → the weekly figures its files have every column for
    files: dict[str, list[dict[str, Any]]] = {}
    for export_path in exports:
        report = SourceReport(str(export_path))
        result.sources.append(report)
        try:
            export = open_export(export_path)
        except ExportError as error:
            result.errors.append(str(error))
            continue
        fit, compared = detect(export.headers, mappings)
        if fit is None:
            result.errors.append(unknown_format(export, compared, lang, bool(mapping)))
            continue
        _describe(report, export, fit)
        try:
            table = read_table(export, fit, zone, on_rows)
        except ExportError as error:
            result.errors.append(str(error))
            continue
        report.rows, report.footer_rows = export.rows, export.footer_rows
        report.unmapped = {h: dict(c.most_common()) for h, c in table.unmapped.items()}
        result.problems += table.problems
        result.bad_cells += table.bad_count
        name = f"{fit.mapping.name}@{account}" if account else fit.mapping.name
        report.source = name
        chosen[name] = fit.mapping
        fillable.setdefault(name, set()).update(r.label for r in fit.fillable())
        tables.setdefault(name, []).append(table.frame)
        files.setdefault(name, []).append({"name": Path(export_path).name, "sha256": _sha256(Path(export_path)),
                                           "rows": export.rows, "imported": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")})
    if result.problems:
        for p in result.problems[:SHOWN]:
            result.errors.append(text("import.bad_cell", lang, file=p.file, row=p.row, column=p.column, value=p.value,
                                      expected=text(f"import.type.{p.expected}", lang)))
        if result.bad_cells > SHOWN:
            result.errors.append(text("import.more_bad_cells", lang, count=result.bad_cells - SHOWN))
    if result.errors:
        raise ImportFailed(result)
    weekly_by: dict[str, Weekly] = {}
    leads_by: dict[str, list[LeadRecord]] = {}
    for name, frames in tables.items():
        frame = _without_overlap(frames)
        weekly_by[name] = weekly(frame, chosen[name], target.year,
                                 tuple(r for r in chosen[name].rules if r.label in fillable[name]), target.currency, rates)
        found = leads(frame, chosen[name], target.year, target.channel_names, target.statuses, target.currency, rates)
        leads_by[name] = found.records
        reports = [r for r in result.sources if r.source == name]
        for report in reports:
            report.weekly, report.leads = weekly_by[name], found
        if foreign := weekly_by[name].foreign | found.foreign:  # rows counted once, whichever figure reads them
            result.errors.append(text("import.currency", lang, file=", ".join(r.file for r in reports),
                                      currencies=", ".join(f"{c} ({n})" for c, n in sorted(foreign.items())),
                                      book=target.currency or "?", example=min(foreign)))
    if strict and result.partly and not result.errors:
        result.errors += [text("import.strict", lang, why=why) for why in result.partly]
    if result.errors:
        raise ImportFailed(result)
    result.unmapped_fields = sorted({f.key for m in chosen.values() for f in m.lead_fields} - set(target.leads.columns))
    old = provenance.read(path)
    plan = build(target, old, weekly_by, leads_by, force)
    unchanged = not plan.changes and all(
        name in old.sources and (s.cells, s.leads) == (old.sources[name].cells, old.sources[name].leads)
        for name, s in plan.record.sources.items())
    for name, entries in files.items():
        plan.record.sources[name].files = (plan.record.sources[name].files + entries)[-10:]
    result.cost_left = _cost_left(target, weekly_by, plan)
    result.changes = [c.as_dict() for c in plan.changes]
    result.conflicts = [c.as_dict() for c in plan.conflicts]
    result.leads_added, result.leads_updated, result.leads_full = plan.leads_added, plan.leads_updated, plan.full
    if plan.full:
        result.errors.append(text("import.leads_full", lang, book=path, sheet=target.leads.sheet, count=plan.full,
                                  rows=target.leads.last_row - target.leads.first_row + 1))
        raise ImportFailed(result)
    if not dry_run and not unchanged:  # importing the same export again leaves the file as it is
        _write(target, plan, result, recalc)
    return result


def _write(target: Target, plan: Plan, result: ImportResult, recalc: bool) -> None:
    from ..batch import recalc_file
    from ..xlsx.writer import write_cells

    path = target.path
    cells = {(c.sheet, c.ref): c.new for c in plan.changes}
    parts = provenance.parts(path, plan.record)
    staged = path.with_name(f".{path.stem}.import{path.suffix}")  # recalculated into ``path``, atomically
    try:
        try:
            write_cells(path, staged, cells, parts)
        except OSError as error:
            result.errors.append(f"{path}: cannot write the workbook ({error.strerror or error})")
            raise ImportFailed(result) from None
        if recalc:
            outcome = recalc_file(staged, path)
            result.recalc = {"ok": outcome.ok, "formula_cells": outcome.formula_cells, "error_cells": outcome.error_cells,
                             "kept": outcome.kept, "seconds": round(outcome.seconds, 3)}
            if not outcome.ok:
                result.errors.append(outcome.message.replace(str(staged), str(path)))
                raise ImportFailed(result)
        else:
            staged.replace(path)
    finally:
        staged.unlink(missing_ok=True)
    result.written = True


def _without_overlap(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One tool's exports as one frame, without the rows a later file repeats from an earlier one
    (two overlapping exports count each row once; repeats inside one file are kept)."""
    if len(frames) == 1:
        return frames[0]
    combined = pd.concat(frames, keys=range(len(frames)), names=["file", None])
    file = pd.Series(combined.index.get_level_values("file"), index=combined.index)
    columns = list(combined.columns)
    data = combined[columns].astype(object).where(combined[columns].notna(), None)
    first = file.groupby([data[c].map(repr) for c in columns]).transform("min")
    return combined[(file == first).to_numpy()].droplevel("file")


def _cost_left(target: Target, weekly_by: dict[str, Weekly], plan: Plan) -> dict[str, list[int]]:
    """Sheet → the weeks this import fills whose cost cell stays empty (no export carries cost)."""
    written = {(c.sheet, c.ref): c.new for c in plan.changes}
    left: dict[str, set[int]] = {}
    for result in weekly_by.values():
        for channel, _, week in result.values:
            cell = target.input_cell(channel, "cost", week)
            if cell and written.get(cell, target.value(*cell)) is None:
                left.setdefault(cell[0], set()).add(week)
    return {sheet: sorted(weeks) for sheet, weeks in left.items()}


def _describe(report: SourceReport, export: Export, fit: Resolved) -> None:
    report.profile, report.title, report.kind = fit.mapping.name, fit.mapping.title, fit.mapping.kind
    report.encoding, report.delimiter, report.header_row = export.encoding, export.delimiter, export.header_row
    report.columns = dict(fit.headers)
    report.feeds = {c: uses for c, uses in fit.mapping.used().items() if c in fit.headers}
    report.ignored = fit.ignored
    report.absent = [c.aliases[0] for c in fit.mapping.columns.values() if c.id not in fit.positions]
    report.unfilled = dict(fit.unfilled)


def unknown_format(export: Export, compared: list[Resolved], lang: str, own_mapping: bool) -> str:
    """The message for an export no mapping reads: the closest profile only when it shares columns
    (how many), and the next step."""
    best = compared[0] if compared else None
    if own_mapping and best:
        return text("import.missing_columns", lang, file=export.path, profile=best.mapping.name,
                    columns=", ".join(best.missing))
    if best and best.positions:
        missing = text("import.missing", lang, columns=", ".join(best.missing)) if best.missing else ""
        closest = text("import.closest", lang, profile=best.mapping.name, found=len(best.positions),
                       columns=len(best.mapping.columns), missing=f"; {missing}" if missing else "")
    else:
        closest = text("import.no_closest", lang)
    example = best.mapping.name if best and best.positions else "hubspot.contacts"
    return text("import.unknown_format", lang, file=export.path, closest=closest, example=example)
