"""One weekly workbook as two tidy tables: its KPIs (one row per figure) and its Leads log.

The workbook is read by the report's reader (:func:`xlkpi.reporting.workbook_reader.read_workbook`):
stale values are recalculated in memory by the engine and the file is never written. Positions
come from :mod:`xlkpi.workbook.layout` through that reader and :func:`input_columns` /
:func:`kpi_columns`.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from ..a1 import col_index
from ..errors import WorkbookError
from ..i18n import text
from ..registry import REGISTRY
from ..reporting.workbook_reader import WorkbookData, read_workbook
from ..workbook.channels import CHANNELS, KpiColumn
from ..workbook.layout import (COUNTS, DASHBOARD_KPIS, FIRST_WEEK_ROW, LEAD_COLUMNS, LEAD_DATES, STATUSES,
                               input_columns, kpi_columns, sheet_titles)
from ..xlsx.dates import EXCEL_EPOCH

LEAD_KEYS = ("workbook", "team")  # the columns the Leads table adds in front of the log's
COUNT_UNITS = {"revenue": "money", "cost": "money"}  # the Dashboard's sums; the rest are counts
INPUT_UNITS = {"count": "count", "amount": "money", "minutes": "minutes"}
KPI_TYPES = {"workbook": "string", "team": "string", "source": "string", "year": "int64", "week": "int64",
             "week_start": "datetime64[ns]", "channel": "string", "metric": "string", "value": "float64", "unit": "string",
             "currency": "string"}
KPI_COLUMNS = tuple(KPI_TYPES)


@dataclass
class FileFrames:
    """What one workbook gave: its two tables, or why it failed (``message``)."""

    path: str
    kpis: pd.DataFrame | None = None
    leads: pd.DataFrame | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.kpis is not None


def metric(column: KpiColumn) -> str:
    """A KPI column's metric name: its workbook label's key, else its function's Python name."""
    return column.text or REGISTRY[column.function].python_name


def kpi_unit(function: str) -> str:
    return REGISTRY[function].number_format.value


def workbook_name(path: str) -> str:
    """The ``workbook`` key of a path: absolute for a local file, the URL as given otherwise."""
    return path if "://" in path else str(Path(path).resolve())


def team_name(data: WorkbookData, path: str) -> str:
    """Settings' team name, else the file's name without its suffix."""
    team = next(iter(data.book.values("Team")), None)  # workbooks made before the setting: a blank cell
    if isinstance(team, str) and team.strip():
        return team.strip()
    if isinstance(team, float) and not math.isnan(team):
        return f"{team:g}"
    return PurePosixPath(path).stem if "://" in path else Path(path).stem


def frames(data: WorkbookData, path: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The KPIs and the Leads of a workbook read by the report's reader, keyed by ``path``."""
    workbook, team = workbook_name(path), team_name(data, path)
    rows = list(_sheet_rows(data)) + list(_dashboard_rows(data))
    kpis = pd.DataFrame(rows, columns=["source", "week", "channel", "metric", "value", "unit"])
    kpis.insert(0, "workbook", workbook)
    kpis.insert(1, "team", team)
    kpis.insert(3, "year", data.year)
    kpis.insert(5, "week_start", kpis["week"].map(data.mondays))
    kpis["currency"] = kpis["unit"].map(lambda unit: data.currency if unit == "money" else None)
    kpis = kpis[list(KPI_COLUMNS)].astype(KPI_TYPES)
    leads = data.leads.copy()
    leads["channel"] = leads["channel"].map({name: key for key, name in data.channel_names.items()}).fillna(leads["channel"])
    statuses = {text(f"workbook.status.{key}", data.lang): key for key in STATUSES}
    leads["status"] = leads["status"].map(statuses).fillna(leads["status"])
    for column in LEAD_COLUMNS:  # typed columns, so that a database table gets the same types from any workbook
        if column.key in LEAD_DATES:
            leads[column.key] = pd.to_datetime(leads[column.key], unit="D", origin=pd.Timestamp(EXCEL_EPOCH)).dt.round("s")
        elif column.kind == "amount":
            leads[column.key] = leads[column.key].astype("float64")
        else:
            leads[column.key] = leads[column.key].astype("string")
    leads.insert(0, "workbook", workbook)
    leads.insert(1, "team", team)
    leads["currency"] = data.currency
    return kpis, leads.astype({"workbook": "string", "team": "string", "row": "int64", "currency": "string"})


def _number(value: Any) -> float | None:
    return value if isinstance(value, float) and not math.isnan(value) else None


def _sheet_rows(data: WorkbookData) -> Iterator[tuple[str, int, str, str, float, str]]:
    """Every filled input and computed KPI of every week of every channel sheet."""
    titles = sheet_titles(data.lang)
    for channel in CHANNELS:
        letters = input_columns(channel)
        columns = [(letters[item.key], item.key, INPUT_UNITS[item.kind]) for item in channel.inputs]
        columns += [(col, metric(k), kpi_unit(k.function)) for k, col in zip(channel.kpis, kpi_columns(channel))]
        for n, week in enumerate(sorted(data.mondays)):
            for col, name, unit in columns:
                value = _number(data.value(titles[channel.key], (FIRST_WEEK_ROW + n, col_index(col))))
                if value is not None:
                    yield "sheet", week, channel.key, name, value, unit


def _dashboard_rows(data: WorkbookData) -> Iterator[tuple[str, int, str, str, float, str]]:
    """The Dashboard's week and year-to-date blocks: sums, KPIs, score and rank per channel and all."""
    names = {k.function: (metric(k), kpi_unit(k.function)) for k in DASHBOARD_KPIS}
    measures = {**{c: (c, COUNT_UNITS.get(c, "count")) for c in COUNTS}, **names,
                "score": ("score", "decimal"), "rank": ("rank", "count")}
    for block in ("week", "ytd"):
        for channel, row in data.dashboard.loc[block].iterrows():
            for column, (name, unit) in measures.items():
                value = _number(row[column])
                if value is not None:
                    yield block, data.week, str(channel), name, value, unit


def collect_file(path: str) -> FileFrames:
    """Read one workbook (a local path or an fsspec URL) into its tables; a failure is in the result.

    Never writes the workbook. Safe to run in another process or on a Dask worker."""
    from ..distributed.paths import local_copy

    try:
        with local_copy(path, write_back=False) as local:
            data = read_workbook(local)
            kpis, leads = frames(data, path)
    except WorkbookError as error:
        return FileFrames(path, message=str(WorkbookError(path, error.message, error.sheet, error.cell)))
    except FileNotFoundError:
        return FileFrames(path, message=f"{path}: no such file")
    except Exception as error:  # noqa: BLE001  (one broken file must not stop the others)
        return FileFrames(path, message=f"{path}: cannot be read ({type(error).__name__}: {' '.join(str(error).split())})")
    return FileFrames(path, kpis, leads)


def empty_kpis() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in KPI_TYPES.items()})


def empty_leads() -> pd.DataFrame:
    return pd.DataFrame(columns=[*LEAD_KEYS, "row", *(c.key for c in LEAD_COLUMNS), "currency"])
