"""The plan of cell changes: what each source now contributes, set against what the workbook holds
and what the sources wrote before (the provenance record). A cell a person typed — its value is
not what the sources wrote — is a conflict: kept, and listed, unless ``force``."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..engine.refs import split_cell
from .aggregate import LeadRecord, Weekly
from .provenance import Record, Source
from .workbook import Target

KEYS = ("lead_id", "email")  # Leads columns that identify a lead (matched case-insensitively)


@dataclass
class Change:
    sheet: str
    ref: str
    old: Any
    new: Any
    source: str
    date: bool = False  # the values are date serial numbers

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "cell": self.ref, "old": self.old, "new": self.new, "source": self.source,
                "date": self.date}


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Change] = field(default_factory=list)  # cells a person typed, kept (new: what the import had)
    record: Record = field(default_factory=Record)
    leads_added: int = 0
    leads_updated: int = 0
    weeks: dict[str, list[int]] = field(default_factory=dict)  # source → weeks written
    no_week_row: int = 0  # contributions to weeks the workbook has no row for
    full: int = 0  # new leads without an empty Leads row


def same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() == b.strip()
    return a == b


def _number(value: float) -> float | int:
    rounded = round(value, 9)
    return int(rounded) if float(rounded).is_integer() else rounded


def build(target: Target, old: Record, weekly: dict[str, Weekly], leads: dict[str, list[LeadRecord]],
          force: bool) -> Plan:
    plan = Plan(record=Record({k: Source(dict(v.cells), {k2: dict(v2) for k2, v2 in v.leads.items()}, list(v.files))
                               for k, v in old.sources.items()}, old.part))
    new = plan.record
    touched: dict[str, str] = {}  # "Sheet!A1" → source that touched it
    for source, result in weekly.items():
        mine = new.sources.setdefault(source, Source())
        weeks = sorted(result.weeks)
        plan.weeks[source] = weeks
        covered = {(target.titles[ch], row) for ch, by_week in target.week_rows.items()
                   for wk in weeks if (row := by_week.get(wk)) is not None}
        for cell in list(mine.cells):  # the weeks this export covers are replaced
            sheet, ref = cell.split("!")
            if (sheet, split_cell(ref)[0]) in covered:
                del mine.cells[cell]
                touched[cell] = source
        for (channel, key, week), value in result.values.items():
            found = target.input_cell(channel, key, week)
            if found is None:
                plan.no_week_row += 1
                continue
            cell = f"{found[0]}!{found[1]}"
            mine.cells[cell] = _number(mine.cells.get(cell, 0.0) + value)
            touched[cell] = source
    for cell, source in sorted(touched.items(), key=lambda item: _order(target, item[0])):
        sheet, ref = cell.split("!")
        before, after = old.contribution(cell), new.contribution(cell)
        current = target.value(sheet, ref)
        after_value = None if after is None else _number(after)
        if same(current, after_value) or (current is None and after_value is None):
            continue
        typed = current is not None and (before is None or not same(current, _number(before)))
        if typed and not force:
            plan.conflicts.append(Change(sheet, ref, current, after_value, source))
            for s in new.sources.values():  # keep what was there: the import did not write it
                s.cells.pop(cell, None)
            if before is not None:
                for name, s in old.sources.items():
                    if cell in s.cells:
                        new.sources[name].cells[cell] = s.cells[cell]
            continue
        plan.changes.append(Change(sheet, ref, current, after_value, source))
    _plan_leads(target, plan, leads, force)
    return plan


def _order(target: Target, cell: str) -> tuple[int, int, int]:
    sheet, ref = cell.split("!")
    row, col = split_cell(ref)
    order = list(target.titles.values())
    return (order.index(sheet) if sheet in order else len(order), row, col)


def _plan_leads(target: Target, plan: Plan, leads: dict[str, list[LeadRecord]], force: bool) -> None:
    area = target.leads
    if not area.columns:
        return
    sheet = area.sheet
    rows = range(area.first_row, area.last_row + 1)
    claimed = {int(entry["row"]) for s in plan.record.sources.values() for entry in s.leads.values()}
    filled = {r for r in rows if any(target.value(sheet, target.lead_ref(k, r)) is not None for k in area.columns)}
    free = (r for r in rows if r not in filled and r not in claimed)
    by_id, by_email = (_index(target, key) for key in KEYS)
    written_by_sources: dict[tuple[int, str], list[Any]] = {}  # what any source wrote in a Leads cell
    for s in plan.record.sources.values():
        for lead in s.leads.values():
            for key, value in lead["fields"].items():
                written_by_sources.setdefault((int(lead["row"]), key), []).append(value)
    for source, records in leads.items():
        mine = plan.record.sources.setdefault(source, Source())
        for record in records:
            entry = mine.leads.get(record.key)
            row = int(entry["row"]) if entry else None
            if row is None:
                lead_id, email = record.fields.get("lead_id"), record.fields.get("email")
                row = by_id.get(str(lead_id).casefold()) if lead_id else None
                row = row or (by_email.get(str(email).casefold()) if email else None)
            new_row = row is None
            if row is None:
                row = next(free, None)
                if row is None:
                    plan.full += 1
                    continue
            written = dict(entry["fields"]) if entry else {}
            changed = False
            for key, value in record.fields.items():
                if key not in area.columns:
                    continue
                ref = target.lead_ref(key, row)
                current = target.value(sheet, ref)
                if value is None and key not in written:
                    continue
                if same(current, value) or (current is None and value is None) or (
                        key in KEYS and isinstance(current, str) and isinstance(value, str)
                        and current.strip().casefold() == value.strip().casefold()):
                    written[key] = value
                    continue
                by_a_source = any(same(current, v) for v in written_by_sources.get((row, key), []))
                if current is not None and not by_a_source and not force:
                    plan.conflicts.append(Change(sheet, ref, current, value, source, key in area.dates))
                    continue
                plan.changes.append(Change(sheet, ref, current, value, source, key in area.dates))
                written[key] = value
                changed = True
            mine.leads[record.key] = {"row": row, "fields": written}
            plan.leads_added += new_row
            plan.leads_updated += changed and not new_row


def _index(target: Target, key: str) -> dict[str, int]:
    """The Leads rows by the value of column ``key`` (case-insensitive), if the workbook has it."""
    if key not in target.leads.columns:
        return {}
    found: dict[str, int] = {}
    for row in range(target.leads.first_row, target.leads.last_row + 1):
        value = target.value(target.leads.sheet, target.lead_ref(key, row))
        if value is not None:
            found.setdefault(str(value).strip().casefold(), row)
    return found
