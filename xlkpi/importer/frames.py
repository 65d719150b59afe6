"""An export read through a mapping: which header feeds which column, and one typed DataFrame
(column ids as names, the file's row numbers as index) with the cells that did not parse."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from .mapping import Mapping, Rule, normalize, split_alias
from .parsing import parse
from .readers import Export


@dataclass
class Resolved:
    """Column id → the header positions that feed it (one, or several joined)."""

    mapping: Mapping
    positions: dict[str, tuple[int, ...]]
    headers: dict[str, str]  # column id → the header(s) as the file writes them
    missing: list[str]  # required columns not found (their first alias): the file is not of this kind
    ignored: list[str]  # the file's headers no column reads
    unfilled: dict[str, list[str]] = field(default_factory=dict)  # weekly figure → the columns it lacks

    def leads(self) -> bool:
        """Whether the file fills Leads: its key, or a lead field's column (rows are then keyed by e-mail or name)."""
        found = {c for lead in self.mapping.lead_fields for c in lead.columns} | {self.mapping.lead_key}
        return bool(self.mapping.lead_fields) and any(c in self.positions for c in found)

    def fillable(self) -> tuple[Rule, ...]:
        """The weekly rules this file has every column for."""
        return tuple(r for r in self.mapping.rules if r.label not in self.unfilled)

    @property
    def score(self) -> float:
        """The share of the mapping's columns the file has."""
        return len(self.positions) / max(len(self.mapping.columns), 1)


def resolve(mapping: Mapping, headers: list[str]) -> Resolved:
    index: dict[str, int] = {}
    for n, header in enumerate(headers):
        index.setdefault(normalize(header), n)
    positions: dict[str, tuple[int, ...]] = {}
    names: dict[str, str] = {}
    for column in mapping.columns.values():
        for alias in column.aliases:
            parts = split_alias(alias)
            if all(p in index for p in parts):
                positions[column.id] = tuple(index[p] for p in parts)
                names[column.id] = " + ".join(headers[index[p]] for p in parts)
                break
    missing = [c.aliases[0] for c in mapping.columns.values() if c.required and c.id not in positions]
    unfilled: dict[str, list[str]] = {}
    for rule in mapping.rules:
        lacks = [mapping.columns[c].aliases[0] for c in sorted(rule.needs()) if c not in positions]
        if rule.date and not any(d in positions for d in rule.date):
            lacks.insert(0, " / ".join(mapping.columns[d].aliases[0] for d in rule.date))
        if lacks:
            unfilled.setdefault(rule.label, []).extend(c for c in lacks if c not in unfilled.get(rule.label, []))
    used = {p for ps in positions.values() for p in ps}
    return Resolved(mapping, positions, names, missing, [h for n, h in enumerate(headers) if n not in used and h],
                    unfilled)


@dataclass
class Problem:
    """A cell that did not parse."""

    file: str
    row: int
    column: str
    value: str
    expected: str

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "column": self.column, "value": self.value, "expected": self.expected}


@dataclass
class Table:
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    bad_count: int = 0
    unmapped: dict[str, Counter[str]] = field(default_factory=dict)  # header → values its value map lacks → rows


KEEP_PROBLEMS = 10_000  # problems kept in full (the count goes on)


def read_table(export: Export, resolved: Resolved, tz: str, on_rows: Callable[[int], None] | None = None) -> Table:
    """Every row of ``export`` typed as ``resolved`` says."""
    mapping = resolved.mapping
    decimal = mapping.decimal or export.decimal
    pieces: list[pd.DataFrame] = []
    problems: list[Problem] = []
    bad = 0
    unmapped: dict[str, Counter[str]] = {}
    dayfirst = mapping.dayfirst
    needed = mapping.reads(set(resolved.positions))
    for chunk in export.chunks():
        typed = {}
        for column_id, positions in resolved.positions.items():
            if column_id not in needed:
                continue
            column = mapping.columns[column_id]
            text = chunk[positions[0]]
            for extra in positions[1:]:
                text = text.str.cat(chunk[extra], sep=" ").str.strip()
            parsed = parse(column, text, tz, decimal, dayfirst)
            typed[column_id] = parsed.values
            if parsed.unmapped:
                unmapped.setdefault(resolved.headers[column_id], Counter()).update(parsed.unmapped)
            if parsed.bad.any():
                rows = parsed.bad[parsed.bad].index
                bad += len(rows)
                for row in rows[: max(0, KEEP_PROBLEMS - len(problems))]:
                    problems.append(Problem(str(export.path), int(row), resolved.headers[column_id], str(text[row]),
                                            column.type))
        pieces.append(pd.DataFrame(typed, index=chunk.index))
        if on_rows:
            on_rows(len(chunk))
    frame = pd.concat(pieces) if pieces else pd.DataFrame(columns=list(resolved.positions))
    for column_id, column in mapping.columns.items():
        if column.type == "text" and column_id in frame and frame[column_id].dtype != "category":
            frame[column_id] = frame[column_id].astype("category")
    problems.sort(key=lambda p: p.row)
    return Table(frame, problems, bad, unmapped)

