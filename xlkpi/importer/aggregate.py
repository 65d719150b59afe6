"""A typed export → weekly contributions ((channel, input, ISO week) → number) and lead records."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .mapping import Mapping, Rule, normalize
from .parsing import as_serial


EXAMPLES = 5  # row numbers kept per reason a row was counted in no weekly figure


@dataclass
class Weekly:
    values: dict[tuple[str, str, int], float] = field(default_factory=dict)
    weeks: set[int] = field(default_factory=set)  # the ISO weeks the export covers (first to last dated row)
    filtered: int = 0  # rows the filters left out
    unplaced: Counter[str] = field(default_factory=Counter)  # reason (no_date, other_year, no_channel) → rows
    examples: dict[str, list[int]] = field(default_factory=dict)  # reason → the first rows (file row numbers)
    no_channel: Counter[str] = field(default_factory=Counter)  # rule target → rows whose channel is not mapped
    foreign: Counter[str] = field(default_factory=Counter)  # currency without a rate → rows

    @property
    def other_years(self) -> int:
        return self.unplaced["other_year"]

    @property
    def undated(self) -> int:
        return self.unplaced["no_date"]


@dataclass
class LeadRecord:
    key: str
    fields: dict[str, Any]  # lead key → value (str, float serial date, float) or None


@dataclass
class Leads:
    records: list[LeadRecord] = field(default_factory=list)
    no_key: int = 0  # rows without a key, an e-mail, a name or a company
    other_years: int = 0
    foreign: Counter[str] = field(default_factory=Counter)  # currency without a rate → rows


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


def amount_factor(frame: pd.DataFrame, mapping: Mapping, column: str, currency: str | None,
                  rates: dict[str, float]) -> tuple[pd.Series, Counter[str]]:
    """Each row's factor into the workbook's ``currency`` for the amount ``column`` (1 when the
    amount has no currency column or is in the workbook's currency), and the currencies without a
    rate (their rows' factor is NaN)."""
    factor = pd.Series(1.0, index=frame.index)
    ref = mapping.columns[column].currency
    if ref is None or ref not in frame:
        return factor, Counter()
    codes = frame[ref].astype(object).map(lambda v: str(v).strip().upper() if isinstance(v, str) and v.strip() else None)
    known = dict(rates)
    if currency:
        known[currency.upper()] = 1.0
    elif codes.dropna().nunique() == 1:  # a workbook without a currency: one currency is taken as it is
        known.setdefault(str(codes.dropna().iloc[0]), 1.0)
    factor = codes.map(lambda c: 1.0 if c is None else known.get(c, np.nan)).astype(float)
    has_amount = frame[column].notna() & (frame[column] != 0)
    lacking = codes[factor.isna() & has_amount]
    return factor, Counter(lacking.value_counts().to_dict())


def weekly(frame: pd.DataFrame, mapping: Mapping, year: int, rules: tuple[Rule, ...] | None = None,
           currency: str | None = None, rates: dict[str, float] | None = None) -> Weekly:
    """The weekly contributions of ``rules`` (default: every rule of the mapping), with every kept
    row that lands in no figure counted by reason: no date, dated in another year, no channel."""
    result = Weekly()
    rates = {**mapping.rates, **(rates or {})}
    kept = _conditions(frame, mapping.filters)
    result.filtered = int((~kept).sum())
    pairs: dict[tuple[str, str], None] = {}
    candidate = pd.Series(False, index=frame.index)  # a row some rule would count, given a date and a channel
    dated = candidate.copy()
    in_year = candidate.copy()
    placed = candidate.copy()
    for rule in mapping.rules if rules is None else rules:
        if rule.rule == "fixed":
            continue
        dates = _date(frame, rule)
        if dates is None:
            continue
        iso_year, week = _iso(dates)
        wanted = kept & _conditions(frame, rule.where)
        candidate |= wanted
        dated |= wanted & dates.notna()
        mask = wanted & (iso_year == year)
        in_year |= mask
        if rule.channel:
            channel = pd.Series(rule.channel, index=frame.index)
        else:
            channel = frame[rule.channel_from].astype(object)
            lost = mask & channel.isna()
            if lost.any():
                result.no_channel[f"{rule.input} ({rule.channel_from})"] += int(lost.sum())
            mask &= channel.notna()
        placed |= mask
        if not mask.any():
            if rule.channel:
                pairs[(rule.channel, rule.input)] = None
            continue
        result.weeks.update(int(w) for w in week[mask].unique())
        keys = pd.DataFrame({"channel": channel[mask], "week": week[mask].astype(int)})
        if rule.rule == "count":
            grouped = keys.groupby(["channel", "week"]).size().astype(float)
        elif rule.rule == "sum":
            factor, lacking = amount_factor(frame, mapping, str(rule.column), currency, rates)
            result.foreign.update(lacking)
            keys["value"] = (frame.loc[mask, str(rule.column)].astype(float) * factor[mask]).fillna(0.0)
            grouped = keys.groupby(["channel", "week"])["value"].sum()
        else:  # unique
            keys["value"] = frame.loc[mask, str(rule.column)].astype(object)
            grouped = keys.groupby(["channel", "week"])["value"].nunique().astype(float)
        for (ch, wk), value in grouped.items():
            slot = (str(ch), rule.input, int(wk))
            result.values[slot] = result.values.get(slot, 0.0) + float(value) * rule.scale
            pairs[(str(ch), rule.input)] = None
    left = candidate & ~placed
    for reason, rows in (("no_channel", left & in_year), ("other_year", left & ~in_year & dated),
                         ("no_date", left & ~dated)):
        if rows.any():
            result.unplaced[reason] = int(rows.sum())
            result.examples[reason] = [int(r) for r in rows[rows].index[:EXAMPLES]]
    if result.weeks:  # every week from the first to the last: a week without rows counts 0
        result.weeks = set(range(min(result.weeks), max(result.weeks) + 1))
    for rule in mapping.rules if rules is None else rules:
        if rule.rule == "fixed" and rule.channel:
            for wk in result.weeks:
                slot = (rule.channel, rule.input, wk)
                result.values[slot] = result.values.get(slot, 0.0) + rule.amount
    for ch, key in pairs:
        for wk in result.weeks:
            result.values.setdefault((ch, key, wk), 0.0)
    return result


def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip())


def leads(frame: pd.DataFrame, mapping: Mapping, year: int, channel_names: dict[str, str],
          statuses: dict[str, str], currency: str | None = None, rates: dict[str, float] | None = None) -> Leads:
    """One record per key (the last row wins), fields as the workbook stores them. A row without
    its key is keyed by its e-mail, else its name and company; one with none of them is left out."""
    result = Leads()
    if not mapping.lead_key or not mapping.lead_fields:
        return result
    rates = {**mapping.rates, **(rates or {})}
    kept = _conditions(frame, mapping.filters)
    frame = frame[kept]
    keys = _text(frame[mapping.lead_key]) if mapping.lead_key in frame else pd.Series("", index=frame.index)
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
            elif column.type == "number" and column.currency:
                factor, lacking = amount_factor(frame, mapping, ref, currency, rates)
                result.foreign.update(lacking)
                series = series.astype(float) * factor
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
    if (keys == "").any():
        email = _text(columns["email"]) if "email" in columns else pd.Series("", index=frame.index)
        name = pd.concat([_text(columns[k]) for k in ("contact", "company") if k in columns] or
                         [pd.Series("", index=frame.index)], axis=1).agg("|".join, axis=1)
        fallback = ("email:" + email.str.casefold()).where(email != "", ("name:" + name.str.casefold()).where(
            name.str.strip("|") != "", ""))
        keys = keys.where(keys != "", fallback)
    result.no_key = int((keys == "").sum())
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
