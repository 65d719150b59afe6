"""English texts (see :mod:`xlkpi.i18n`). One dict per part of the product."""
from __future__ import annotations

# --- KPI functions: labels, descriptions, argument help, categories (xlkpi.registry) ----------
KPI: dict[str, str] = {
}

# --- The weekly workbook: sheet names, headers, instructions, number formats (xlkpi.workbook) -
WORKBOOK: dict[str, str] = {
}

# --- xlkpi check: messages and verdicts (xlkpi.workbook checker) -------------------------------
CHECK: dict[str, str] = {
}

# --- xlkpi import: messages, explanations (xlkpi.importer) -------------------------------------
IMPORT: dict[str, str] = {
    "import.bad_timezone": "unknown time zone {zone!r}: give an IANA name such as Europe/Paris (--timezone)",
    "import.bad_cell": "{file}: row {row}, column {column!r}: {value!r} is not a {expected}",
    "import.more_bad_cells": "… and {count} more cells that did not parse (all of them with --json)",
    "import.type.text": "text",
    "import.type.number": "number",
    "import.type.bool": "yes/no value",
    "import.type.datetime": "date",
    "import.type.duration": "duration (HH:MM:SS or seconds)",
    "import.leads_full": "{book}: sheet {sheet} has no empty row left for {count} new lead(s) (it holds {rows} rows)",
    "import.missing_columns": "{file}: columns missing for mapping {profile}: {columns}",
    "import.missing": "missing: {columns}",
    "import.unknown_format": "{file}: unknown format; compared with {tried}; closest: {closest}",
    "import.nothing_written": "nothing written: {book} is unchanged",
    "import.done": "{book}: {changes} cell(s) written from {sources}; {added} lead(s) added, {updated} updated; recalculated",
    "import.unchanged": "{book}: already up to date with {sources} (nothing to change)",
    "import.dry_run": "dry run: {changes} cell(s) would change in {book}; nothing written",
    "import.conflict": "kept {cell}: {old} typed by hand, the import has {new} (use --force to overwrite)",
    "import.conflicts": "{count} cell(s) typed by hand were kept",
    "import.cost_left": "cost left to you on {sheet}, weeks {weeks}: no export carries it; type it (0 if none) or add a cost rule to a mapping",
    "import.other_years": "{file}: {count} row(s) dated outside {year} skipped (the workbook's year only)",
    "import.unmapped_fields": "the workbook has no Leads column for: {fields}",
    "import.heading.cell": "Cell",
    "import.heading.old": "Old",
    "import.heading.new": "New",
    "import.heading.source": "Source",
    "import.explain.file": "{file}: {title} ({profile}), {rows} rows, header on row {header}, encoding {encoding}, delimiter {delimiter!r}, {footer} footer row(s) dropped",
    "import.explain.column": "  {header} → {column}: {feeds}",
    "import.explain.unused": "(read, not used)",
    "import.explain.unmapped": "  values of {header} the mapping does not map (left out): {values}",
    "import.explain.ignored": "  ignored headers: {headers}",
    "import.explain.absent": "  columns this file does not have: {columns}",
    "import.explain.weeks": "  weeks {first}–{last}; {filtered} row(s) filtered out, {other} dated in another year (skipped), {undated} without a date",
    "import.explain.no_channel": "  rows with no channel for {rule}: {count} (map their value in the mapping)",
    "import.explain.leads": "  {count} lead(s); {no_key} row(s) without a key, {other} in another year (skipped)",
    "import.init_written": "wrote {output}: a starting mapping for {file} ({columns} columns); edit its [[weekly]] rules and [leads]",
    "import.init_exists": "{output} exists; use --force to overwrite it",
}

# --- xlkpi report: headings, labels, notes (xlkpi.report) --------------------------------------
REPORT: dict[str, str] = {
}
