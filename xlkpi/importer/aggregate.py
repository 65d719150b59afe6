"""A typed export → weekly contributions ((channel, input, ISO week) → number) and lead records."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .mapping import Mapping, Rule, normalize
from .parsing import as_serial


@dataclass
class Weekly:
    values: dict[tuple[str, str, int], float] = field(default_factory=dict)
    weeks: set[int] = field(default_factory=set)  # the ISO weeks the export covers (first to last dated row)
    filtered: int = 0  # rows the filters left out
    other_years: int = 0  # rows kept but dated in another year (by the first rule's date)
    undated: int = 0  # rows kept without a date (by the first rule's date)
    no_channel: Counter[str] = field(default_factory=Counter)  # rule target → rows whose channel is not mapped


@dataclass
class LeadRecord:
    key: str
    fields: dict[str, Any]  # lead key → value (str, float serial date, float) or None


@dataclass
class Leads:
    records: list[LeadRecord] = field(default_factory=list)
    no_key: int = 0
    other_years: int = 0


def _matches(series: pd.Series, allowed: tuple[Any, ...]) -> pd.Series:
    if series.dtype == bool or any(isinstance(a, bool) for a in allowed):
        return series.isin([a for a in allowed if isinstance(a, bool)]) & series.notna()
    wanted = {normalize(a) for a in allowed}
    codes, distinct = pd.factorize(series)
    hits = np.array([normalize(v) in wanted for v in distinct] + [False], dtype=bool)
    return pd.Series(hits[codes], index=series.index)


def _conditions(frame: pd.DataFrame, conditions: dict[str, tuple[Any, ...]]) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, allowed in conditions.items():
        if column not in frame:
            return pd.Series(False, index=frame.index)
        mask &= _matches(frame[column], allowed)
    return mask


def _date(frame: pd.DataFrame, rule: Rule) -> pd.Series | None:
    """Each row's date: the first of the rule's alternatives it has (files of one tool in two
    header versions, imported together, each fill their own)."""
    dates = None
    for column in rule.date:
        if column in frame:
            dates = frame[column] if dates is None else dates.fillna(frame[column])
    return dates


def _iso(dates: pd.Series) -> tuple[pd.Series, pd.Series]:
    iso = dates.dt.isocalendar()
    return iso["year"].astype("float"), iso["week"].astype("float")


def weekly(frame: pd.DataFrame, mapping: Mapping, year: int) -> Weekly:
    result = Weekly()
    kept = _conditions(frame, mapping.filters)
    result.filtered = int((~kept).sum())
    pairs: dict[tuple[str, str], None] = {}
    first = True
    for rule in mapping.rules:
        if rule.rule == "fixed":
            continue
        dates = _date(frame, rule)
        if dates is None:
            continue
        iso_year, week = _iso(dates)
        if first:
            result.undated = int((kept & dates.isna()).sum())
            result.other_years = int((kept & dates.notna() & (iso_year != year)).sum())
            first = False
        mask = kept & (iso_year == year) & _conditions(frame, rule.where)
        if rule.channel:
            channel = pd.Series(rule.channel, index=frame.index)
        else:
            channel = frame[rule.channel_from].astype(object)
            lost = mask & channel.isna()
            if lost.any():
                result.no_channel[f"{rule.input} ({rule.channel_from})"] += int(lost.sum())
            mask &= channel.notna()
        if not mask.any():
            if rule.channel:
                pairs[(rule.channel, rule.input)] = None
            continue
        result.weeks.update(int(w) for w in week[mask].unique())
        keys = pd.DataFrame({"channel": channel[mask], "week": week[mask].astype(int)})
        if rule.rule == "count":
            grouped = keys.groupby(["channel", "week"]).size().astype(float)
        elif rule.rule == "sum":
            keys["value"] = frame.loc[mask, str(rule.column)].astype(float).fillna(0.0)
            grouped = keys.groupby(["channel", "week"])["value"].sum()
        else:  # unique
            keys["value"] = frame.loc[mask, str(rule.column)].astype(object)
            grouped = keys.groupby(["channel", "week"])["value"].nunique().astype(float)
        for (ch, wk), value in grouped.items():
            slot = (str(ch), rule.input, int(wk))
            result.values[slot] = result.values.get(slot, 0.0) + float(value) * rule.scale
            pairs[(str(ch), rule.input)] = None
    if result.weeks:  # every week from the first to the last: a week without rows counts 0
        result.weeks = set(range(min(result.weeks), max(result.weeks) + 1))
    for rule in mapping.rules:
        if rule.rule == "fixed" and rule.channel:
            for wk in result.weeks:
                slot = (rule.channel, rule.input, wk)
                result.values[slot] = result.values.get(slot, 0.0) + rule.amount
    for ch, key in pairs:
        for wk in result.weeks:
            result.values.setdefault((ch, key, wk), 0.0)
    return result


def leads(frame: pd.DataFrame, mapping: Mapping, year: int, channel_names: dict[str, str],
          statuses: dict[str, str]) -> Leads:
    """One record per key (the last row wins), fields as the workbook stores them."""
    result = Leads()
    if not mapping.lead_key or not mapping.lead_fields or mapping.lead_key not in frame:
        return result
    kept = _conditions(frame, mapping.filters)
    frame = frame[kept]
    keys = frame[mapping.lead_key].astype(object).map(lambda v: "" if v is None or pd.isna(v) else str(v).strip())
    result.no_key = int((keys == "").sum())
    columns: dict[str, Any] = {}
    dated = pd.Series(False, index=frame.index)
    in_year = pd.Series(False, index=frame.index)
    for lead in mapping.lead_fields:
        if lead.value is not None:
            value = lead.value
            if lead.key == "channel":
                value = channel_names.get(value, value)
            elif lead.key == "status":
                value = statuses.get(value, value)
            columns[lead.key] = pd.Series(value, index=frame.index, dtype=object)
            continue
        parts = []
        for ref in lead.columns:
            if ref not in frame:
                continue
            series = frame[ref]
            column = mapping.columns[ref]
            if column.type == "datetime":
                dated |= series.notna()
                in_year |= series.dt.year == year
                series = as_serial(series).round(8)
            elif column.values and lead.key in ("channel", "status"):
                labels = channel_names if lead.key == "channel" else statuses
                series = series.astype(object).map(lambda v, labels=labels: labels.get(v) if isinstance(v, str) else None)
            series = series.astype(object)
            parts.append(series.where(series.notna() & (series != ""), None))
        if not parts:
            continue
        if len(parts) == 1:
            field_values = parts[0]
        elif lead.first:
            field_values = pd.concat(parts, axis=1).bfill(axis=1).iloc[:, 0]
        else:
            joined = pd.concat(parts, axis=1).apply(lambda r: " ".join(str(v) for v in r if v not in (None, "")), axis=1)
            field_values = joined.where(joined != "", None)
        if lead.prefix:
            field_values = field_values.map(lambda v, p=lead.prefix: None if v is None else f"{p}{v}")
        columns[lead.key] = field_values
    drop = (keys == "") | (dated & ~in_year)
    result.other_years = int(((keys != "") & dated & ~in_year).sum())
    table = pd.DataFrame(columns, index=frame.index)[~drop]
    records: dict[str, LeadRecord] = {}
    for key, row in zip(keys[~drop], table.to_dict("records")):
        records[key] = LeadRecord(key, {k: _plain(v) for k, v in row.items()})
    result.records = list(records.values())
    return result


def _plain(value: Any) -> Any:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (np.floating, np.integer)):
        return float(value)
    if isinstance(value, str):
        return value.strip() or None
    return value
