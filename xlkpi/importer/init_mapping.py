"""``xlkpi import --init-mapping``: a starting mapping written from an export's headers and first rows."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .mapping import BOOLEANS
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


def init_mapping(export_path: str | Path) -> tuple[str, int]:
    """(the TOML text, the number of columns) of a starting mapping for ``export_path``."""
    export = open_export(export_path)
    sample = next(export.chunks(), pd.DataFrame()).head(SAMPLE)
    taken: set[str] = set()
    lines = [f"# Starting mapping written by `xlkpi import --init-mapping` from {Path(export_path).name}.",
             "# Check each column's type, then write the [[weekly]] rules and the [leads] fields.",
             "[profile]", f"name = {_quote(Path(export_path).stem)}", 'kind = "events"   # events | records | totals', "",
             "[columns]"]
    dates, keys = [], []
    for n, header in enumerate(export.headers):
        if not header:
            continue
        kind = _guess(sample[n].astype(str), export.decimal) if n in sample else "text"
        column = _id(header, taken)
        lines.append(f"{column} = {{ aliases = [{_quote(header)}], type = {_quote(kind)} }}")
        if kind == "datetime":
            dates.append(column)
        if re.search(r"e-?mail|url|linkedin|\bid\b", header, re.IGNORECASE):
            keys.append(column)
    lines += ["", "# [values.<column>] maps raw values to canonical ones, e.g.:", "# [values.status]",
              '# replied = ["Interested", "Replied"]', "", "[[weekly]]", "# one rule per input cell: count | sum | unique | fixed",
              'channel = "email"   # email | linkedin | phone | sms | mail', 'input = "sent"',
              'rule = "count"', f"date = {_quote(dates[0] if dates else '<a date column>')}"]
    if keys:
        lines += ["", "# [leads]", f"# key = {_quote(keys[0])}", "# [leads.fields]", f"# email = {_quote(keys[0])}"]
    return "\n".join(lines) + "\n", len(taken)
