"""``xlkpi import --init-mapping``: a starting mapping written from an export's headers and first rows."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .mapping import BOOLEANS
from .targets import CHANNELS, LEAD_COLUMNS, STATUS_KEYS
from .parsing import parse_datetime, parse_duration, parse_number
from .readers import open_export

SAMPLE = 200


def _guess(values: pd.Series, decimal: str) -> str:
    filled = values[values.str.strip() != ""]
    if filled.empty:
        return "text"
    if filled.str.strip().str.casefold().isin(BOOLEANS.keys()).all() and not filled.str.fullmatch(r"\d+").all():
        return "bool"
    if parse_number(filled, decimal).notna().all():
        return "number"
    if filled.str.fullmatch(r"\d+:\d\d(:\d\d)?").all() and parse_duration(filled, decimal).notna().all():
        return "duration"
    if filled.str.contains(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}").all() and parse_datetime(filled, "team", "UTC", None).notna().all():
        return "datetime"
    return "text"


def _id(header: str, taken: set[str]) -> str:
    base = re.sub(r"[^0-9a-z]+", "_", header.casefold()).strip("_") or "column"
    base = base if base[0].isalpha() else f"c_{base}"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def guess_kind(kinds: dict[str, str], headers: list[str]) -> str:
    """events (one row per call, e-mail, message), records (one row per contact or deal, several
    dates) or totals (one row per period, numbers), from the columns' types and names."""
    dates = sum(k == "datetime" for k in kinds.values())
    numbers = sum(k == "number" for k in kinds.values())
    if dates <= 1 and numbers >= max(2, len(kinds) // 2):
        return "totals"
    if dates >= 3:  # a contact's or a deal's dates: created, contacted, won…
        return "records"
    names = " ".join(headers).casefold()
    if "duration" in kinds.values() or re.search(r"direction|duration|\bcalls?\b|event|subject|sent at", names):
        return "events"
    return "records"


def _inputs(lang: str) -> list[str]:
    """Comment lines listing every channel sheet's inputs with their labels."""
    lines = ["# The inputs of each channel sheet (channel: input = its column in the workbook):"]
    for channel in CHANNELS:
        listed = ", ".join(f"{i.key} = {i.label(lang)!r}" for i in channel.inputs)
        lines.append(f"#   {channel.key} ({channel.name(lang)}): {listed}")
    return lines


def init_mapping(export_path: str | Path, lang: str = "en") -> tuple[str, int]:
    """(the TOML text, the number of columns) of a starting mapping for ``export_path``: its
    columns typed from the first rows, the kind guessed, and every rule a commented example (an
    unedited starter imports nothing)."""
    export = open_export(export_path)
    sample = next(export.chunks(), pd.DataFrame()).head(SAMPLE)
    taken: set[str] = set()
    kinds: dict[str, str] = {}
    column_lines = []
    dates, keys, texts = [], [], []
    for n, header in enumerate(export.headers):
        if not header:
            continue
        kind = _guess(sample[n].astype(str), export.decimal) if n in sample else "text"
        column = _id(header, taken)
        kinds[column] = kind
        column_lines.append(f"{column} = {{ aliases = [{_quote(header)}], type = {_quote(kind)} }}")
        if kind == "datetime":
            dates.append(column)
        elif kind == "text":
            texts.append(column)
        if re.search(r"\be-?mail|\burl\b|linkedin|\bid\b", header, re.IGNORECASE):
            keys.append(column)
    kind = guess_kind(kinds, export.headers)
    date = dates[0] if dates else "<a date column>"
    lines = [f"# Starting mapping written by `xlkpi import --init-mapping` from {Path(export_path).name}.",
             "# It imports nothing yet: check each column's type, then uncomment and edit a [[weekly]] rule",
             "# and the [leads] fields. A built-in profile shows a complete mapping: xlkpi import --show-profile aircall.calls",
             "[profile]", f"name = {_quote(Path(export_path).stem)}",
             f"kind = {_quote(kind)}   # guessed: events (a row per call or e-mail) | records (a row per contact or deal, "
             "several dates) | totals (a row per period)", "",
             "[columns]", *column_lines, "",
             "# [values.<column>] maps raw values to canonical ones (channel keys, lead statuses), e.g.:",
             f"# [values.{texts[0] if texts else 'status'}]", '# replied = ["Interested", "Replied"]', "",
             "# Weekly rules, one per input cell: rule = count | sum (column) | unique (column) | fixed (amount);",
             "# date = the column that places a row in its ISO week; where = { column = value } keeps some rows.",
             *_inputs(lang), "",
             "# [[weekly]]", '# channel = "email"', '# input = "sent"', '# rule = "count"', f"# date = {_quote(date)}", "",
             f"# Leads columns: {', '.join(c.key for c in LEAD_COLUMNS)}; statuses: {', '.join(STATUS_KEYS)}",
             "# [leads]", f"# key = {_quote(keys[0] if keys else '<a column that identifies a lead>')}", "# [leads.fields]"]
    if keys:
        lines.append(f"# email = {_quote(keys[0])}")
    return "\n".join(lines) + "\n", len(taken)
