"""A mapping: how one tool's export becomes weekly counts and lead rows, declared in TOML.

A mapping names the export's columns (each with its header aliases, type and value map), the
rows to keep (filters), the weekly rules (count, sum, unique per lead, fixed amount per week,
each with the date that places a row in its ISO week) and the lead fields. The built-in
profiles (``profiles/*.toml``) are mappings; ``--mapping FILE`` reads a user's.
"""
from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .targets import CHANNELS, LEAD_COLUMNS, STATUS_KEYS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KINDS = ("events", "records", "totals")
TYPES = ("text", "number", "bool", "datetime", "duration")
RULES = ("count", "sum", "unique", "fixed")
BOOLEANS = {"yes": True, "y": True, "true": True, "1": True, "oui": True, "vrai": True, "x": True,
            "no": False, "n": False, "false": False, "0": False, "non": False, "faux": False}
OTHER = "_other"  # a value map's key for every value it does not list
_LEAD_KEYS = {c.key for c in LEAD_COLUMNS} | {"lead_id", "company", "contact", "email"}
_CHANNEL_KEYS = {c.key for c in CHANNELS}


class MappingError(ValueError):
    """A mapping file that cannot be used: the message names the file and the key."""


def normalize(header: object) -> str:
    """A header as matched: case, spaces, a BOM and surrounding quotes ignored."""
    return " ".join(str(header).replace("\ufeff", "").strip().strip('"').split()).casefold()


@dataclass(frozen=True)
class Column:
    """A column of the export: its aliases (``"a + b"`` joins two headers with a space)."""

    id: str
    aliases: tuple[str, ...]
    type: str = "text"
    timezone: str = "team"  # naive date-times are in the team's time zone, or "utc"
    required: bool = True
    values: dict[str, str] = field(default_factory=dict)  # raw (normalized) → canonical
    other: str | None = None  # canonical of any value the map does not list
    currency: str | None = None  # an amount's currency column (ISO codes such as EUR, USD)


@dataclass(frozen=True)
class Rule:
    """A weekly rule: the channel sheet's ``input`` cell of each ISO week gets ``rule`` over the rows dated in it."""

    input: str
    rule: str
    date: tuple[str, ...]  # column ids: the first the export has dates each row
    channel: str | None = None  # a channel key, or None with channel_from
    channel_from: str | None = None  # a column whose value map gives channel keys
    column: str | None = None  # summed (sum) or counted once per week (unique)
    where: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    scale: float = 1.0  # e.g. 1/60 for seconds → minutes, or a cost per unit
    amount: float = 0.0  # fixed: the amount per covered week

    @property
    def label(self) -> str:
        """The figure it fills, as messages name it: ``phone.calls`` or ``<source>.deals``."""
        return f"{self.channel or '<' + str(self.channel_from) + '>'}.{self.input}"

    def needs(self) -> set[str]:
        """The column ids the rule reads besides its date (which is one of ``date``)."""
        return {*self.where, *filter(None, (self.column, self.channel_from))}


@dataclass(frozen=True)
class LeadField:
    """A Leads column filled from columns (joined with a space, or the first filled one) or a constant."""

    key: str
    columns: tuple[str, ...] = ()
    value: str | None = None
    first: bool = False  # the first of ``columns`` with a value, instead of all joined
    prefix: str = ""  # put before the value (e.g. "hubspot:" before a record id, so that tools' ids never clash)


@dataclass(frozen=True)
class Mapping:
    name: str
    title: str
    kind: str
    columns: dict[str, Column]
    rules: tuple[Rule, ...]
    filters: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    lead_key: str | None = None  # column id of the key that identifies a lead
    lead_fields: tuple[LeadField, ...] = ()
    dayfirst: bool | None = None  # None: guessed per column
    decimal: str | None = None  # None: "," in ";"-separated files, else "."
    path: str = ""
    rates: dict[str, float] = field(default_factory=dict)  # currency → value of 1 unit in the workbook's currency

    def reads(self, present: set[str]) -> set[str]:
        """The column ids an import reads when the file has the columns ``present``: of a
        rule's alternative dates, only the first present."""
        read = set(self.filters) | {c for lead in self.lead_fields for c in lead.columns}
        read |= {self.lead_key} if self.lead_key else set()
        read |= {c.currency for c in self.columns.values() if c.currency and c.id in read}
        for rule in self.rules:
            read |= rule.needs()
            first = next((d for d in rule.date if d in present), None)
            if first:
                read.add(first)
        return read & present

    def used(self) -> dict[str, list[str]]:
        """Column id → what it feeds (rules, filters, lead fields), for --explain."""
        uses: dict[str, list[str]] = {c: [] for c in self.columns}
        for column in self.filters:
            uses[column].append("filter")
        for rule in self.rules:
            target = f"{rule.label} ({rule.rule})"
            for column in {*rule.date, *rule.needs()}:
                uses[column].append(target)
        for lead in self.lead_fields:
            for column in lead.columns:
                uses[column].append(f"Leads.{lead.key}")
        if self.lead_key:
            uses[self.lead_key].append("Leads key")
        return uses


def load(path: str | Path) -> Mapping:
    """Read and check a mapping file; MappingError names what is wrong."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise MappingError(f"{path}: cannot read the mapping ({error.strerror or error})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise MappingError(f"{path}: not valid TOML ({error})") from None
    except RecursionError:
        raise MappingError(f"{path}: not valid TOML (nested too deep)") from None
    return parse(data, str(path))


def parse(data: dict[str, Any], where: str) -> Mapping:
    try:
        return _parse(data, where)
    except MappingError:
        raise
    except KeyError as error:
        raise MappingError(f"{where}: missing key {error}") from None
    except (TypeError, ValueError, AttributeError, RecursionError) as error:
        raise MappingError(f"{where}: {type(error).__name__}: {error}") from None


def _fail(where: str, message: str) -> MappingError:
    return MappingError(f"{where}: {message}")


def _names(value: Any, where: str = "", key: str = "", some: bool = False) -> tuple[str, ...]:
    """One text or a list of texts, none empty (and, with ``some``, at least one)."""
    names = (value,) if isinstance(value, str) else tuple(value) if isinstance(value, list) else None
    if names is None or not all(isinstance(n, str) and n.strip() for n in names) or (some and not names):
        raise _fail(where, f"{key} = {value!r}: give a text or a list of texts")
    return names


def _table(value: Any, where: str, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, f"[{key}] must be a table, not {type(value).__name__}")
    return value


def _parse(data: dict[str, Any], where: str) -> Mapping:
    profile = _table(data.get("profile", {}), where, "profile")
    name = profile.get("name") or Path(where).stem
    kind = profile.get("kind", "events")
    if kind not in KINDS:
        raise _fail(where, f"[profile] kind = {kind!r}: choose one of {', '.join(KINDS)}")
    columns: dict[str, Column] = {}
    values = _table(data.get("values", {}), where, "values")
    for column_id, spec in _table(data.get("columns", {}), where, "columns").items():
        spec = _table({"aliases": [spec]} if isinstance(spec, str) else spec, where, f"columns.{column_id}")
        kind_of = spec.get("type", "text")
        if kind_of not in TYPES:
            raise _fail(where, f"columns.{column_id}: type = {kind_of!r}: choose one of {', '.join(TYPES)}")
        value_map: dict[str, str] = {}
        other = None
        for canonical, raws in _table(values.get(column_id, {}), where, f"values.{column_id}").items():
            if canonical == OTHER:
                other = str(raws)
                continue
            for raw in _names(raws, where, f"values.{column_id}.{canonical}"):
                value_map[normalize(raw)] = canonical
        aliases = _names(spec.get("aliases", [column_id]), where, f"columns.{column_id}.aliases", some=True)
        columns[column_id] = Column(column_id, aliases, kind_of, spec.get("timezone", "team"),
                                    bool(spec.get("required", True)), value_map, other, spec.get("currency"))
    if unknown := set(values) - set(columns):
        raise _fail(where, f"[values.{min(unknown)}] maps a column not declared in [columns]")
    for declared in columns.values():
        if declared.currency is not None and declared.currency not in columns:
            raise _fail(where, f"columns.{declared.id}.currency = {declared.currency!r}: no such column in [columns]")

    def column(ref: str | None, key: str) -> str | None:
        if ref is not None and ref not in columns:
            raise _fail(where, f"{key} = {ref!r}: no such column in [columns]")
        return ref

    def conditions(spec: dict[str, Any], key: str) -> dict[str, tuple[Any, ...]]:
        for ref in spec:
            column(ref, f"{key}.{ref}")
        return {ref: tuple(v) if isinstance(v, list) else (v,) for ref, v in spec.items()}

    defaults = _table(data.get("defaults", {}), where, "defaults")
    rules = []
    weekly = data.get("weekly", [])
    if not isinstance(weekly, list):
        raise _fail(where, "weekly must be a list of [[weekly]] tables")
    for n, spec in enumerate(weekly):
        key = f"weekly[{n}]"
        spec = _table(spec, where, key)
        rule = spec.get("rule", "count")
        if rule not in RULES:
            raise _fail(where, f"{key}.rule = {rule!r}: choose one of {', '.join(RULES)}")
        channel = spec.get("channel")
        channel_from = column(spec.get("channel_from"), f"{key}.channel_from")
        if (channel is None) == (channel_from is None):
            raise _fail(where, f"{key}: give channel or channel_from")
        if channel is not None and channel not in _CHANNEL_KEYS:
            raise _fail(where, f"{key}.channel = {channel!r}: choose one of {', '.join(sorted(_CHANNEL_KEYS))}")
        for ch in [channel] if channel else set(columns[str(channel_from)].values.values()):
            inputs = {i.key for i in next(c for c in CHANNELS if c.key == ch).inputs} if ch in _CHANNEL_KEYS else None
            if inputs is None:
                raise _fail(where, f"[values.{channel_from}] maps to {ch!r}, not a channel ({', '.join(sorted(_CHANNEL_KEYS))})")
            if spec["input"] not in inputs:
                raise _fail(where, f"{key}.input = {spec['input']!r}: the {ch} sheet's inputs are {', '.join(sorted(inputs))}")
        dates = _names(spec.get("date", defaults.get("date", [])), where, f"{key}.date")
        if not dates and rule != "fixed":
            raise _fail(where, f"{key}: no date (give date, or [defaults] date)")
        for ref in dates:
            column(ref, f"{key}.date")
        if rule in ("sum", "unique") and not spec.get("column"):
            raise _fail(where, f"{key}: rule {rule} needs a column")
        rules.append(Rule(spec["input"], rule, dates, channel, channel_from, column(spec.get("column"), f"{key}.column"),
                          conditions(spec.get("where", {}), f"{key}.where"), float(spec.get("scale", 1.0)),
                          float(spec.get("amount", 0.0))))
    leads = data.get("leads", {})
    lead_fields = []
    for key, spec in leads.get("fields", {}).items():
        if key not in _LEAD_KEYS:
            raise _fail(where, f"leads.fields.{key}: not a Leads column ({', '.join(sorted(_LEAD_KEYS))})")
        spec = {"columns": [spec]} if isinstance(spec, str) else spec
        refs = _names(spec.get("columns", spec.get("column", [])), where, f"leads.fields.{key}")
        for ref in refs:
            column(ref, f"leads.fields.{key}")
        lead_fields.append(LeadField(key, refs, spec.get("value"), bool(spec.get("first", False)),
                                     str(spec.get("prefix", ""))))
    for lead in lead_fields:
        if lead.key == "status":
            for ref in lead.columns:
                if bad := set(columns[ref].values.values()) - set(STATUS_KEYS):
                    raise _fail(where, f"[values.{ref}] maps to {min(bad)!r}, not a status ({', '.join(STATUS_KEYS)})")
    lead_key = column(leads.get("key"), "leads.key")
    if lead_fields and lead_key is None:
        raise _fail(where, "[leads] has fields but no key")
    if not rules and not lead_fields:
        raise _fail(where, "nothing to import: uncomment or write a [[weekly]] rule or the [leads] fields")
    decimal = data.get("decimal", profile.get("decimal"))
    rates = {}
    for code, rate in _table(data.get("rates", {}), where, "rates").items():
        rates[code.upper()] = parse_rate(code, rate, where)
    return Mapping(name, profile.get("title", name), kind, columns, tuple(rules),
                   conditions(data.get("filters", {}), "filters"), lead_key, tuple(lead_fields),
                   profile.get("dayfirst"), decimal, where, rates)


def parse_rate(code: str, rate: Any, where: str = "--rate") -> float:
    """An exchange rate: the value of one ``code`` in the workbook's currency, finite and positive."""
    try:
        value = float(rate)
    except (TypeError, ValueError):
        value = float("nan")
    if not re.fullmatch(r"[A-Za-z]{3}", code) or not math.isfinite(value) or value <= 0:
        raise _fail(where, f"rate {code}={rate!r}: give a currency code and a positive number (USD=0.92)")
    return value


def split_alias(alias: str) -> tuple[str, ...]:
    """The headers an alias joins: ``"date + time"`` → ("date", "time")."""
    return tuple(normalize(part) for part in re.split(r"\s\+\s", alias))
