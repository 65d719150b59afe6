"""The generated parts of the documentation, written between cog markers in the pages.

Regenerate every page with ``cog -r -I docs $(git ls-files 'docs/*.md' 'docs/**/*.md')``
(CONTRIBUTING.md); ``tests/test_docs.py`` fails when a committed page differs from what this
module writes, so the references cannot drift from the code: the KPI pages come from the registry
and the text catalogues, the command line from click's ``--help``, the function list from the
engine's own table, the import profiles from the built-in mappings.
"""
from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

ROOT = Path(__file__).resolve().parent.parent


# --- KPI reference ----------------------------------------------------------------------------


def kpi_categories() -> list[str]:
    """The registry's categories, in declaration order."""
    from xlkpi import REGISTRY

    return list(dict.fromkeys(k.category for k in REGISTRY.values()))


def category_slug(category: str) -> str:
    return category.lower()


def _hand_worked_cases() -> dict[str, list[tuple[tuple, object, str]]]:
    """tests/kpi_cases.py's hand-worked cases (what test_kpis.py checks), by function."""
    spec = importlib.util.spec_from_file_location("kpi_cases", ROOT / "tests" / "kpi_cases.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases: dict[str, list[tuple[tuple, object, str]]] = {}
    for name, args, expected, note in module.CASES:
        cases.setdefault(name, []).append((args, expected, note))
    return cases


def _excel_value(value: Any) -> str:
    """A value as a formula's argument or result reads in Excel."""
    from xlkpi import XLError

    if isinstance(value, XLError):
        return str(value)
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, (list, tuple)):
        return "{" + ",".join(_excel_value(v) for v in value) + "}"
    if value is None:
        return ""
    return str(value)


def _limits(param: Any) -> str:
    parts = []
    if param.minimum is not None:
        parts.append(f"{'>' if param.exclusive else '≥'} {param.minimum:g}")
    if param.maximum is not None:
        parts.append(f"{'<' if param.exclusive else '≤'} {param.maximum:g}")
    if param.whole:
        parts.append("whole")
    if param.choices:
        parts.append(" or ".join(f'"{c}"' for c in param.choices))
    if param.optional:
        parts.append("optional" + (f", default {_excel_value(param.default)}" if param.default is not None else ""))
    return ", ".join(parts) or "—"


def _cells(kpi: Any) -> list[str]:
    """Argument texts for a twin example: a cell per single value, a column range per range."""
    from xlkpi.values import Kind

    ranges = {Kind.NUMBERS, Kind.DATES, Kind.TEXTS}
    texts = []
    for i, param in enumerate(kpi.params):
        column = chr(ord("B") + i)
        texts.append(f"{column}2:{column}101" if param.kind in ranges else f"{column}2")
    return texts


def _twin(kpi: Any) -> str:
    from xlkpi.native_twins import NoTwin, twin_of

    texts = _cells(kpi)
    call = f"={kpi.name}({','.join(texts)})"
    try:
        twin = twin_of(kpi.name, texts)
    except NoTwin:
        return f"None: {kpi.twin_note}"
    formula = f"{{={twin.formula}}}" if twin.array else f"={twin.formula}"
    note = f"\n\n{kpi.twin_note}" if kpi.twin_note else ""
    return f"`{call}` becomes\n\n```\n{formula}\n```{note}"


def kpi_page(category: str) -> str:
    """The reference of every KPI of ``category``: words in English and French, arguments with
    their limits, number format, native twin and hand-worked examples."""
    from xlkpi import REGISTRY
    from xlkpi.workbook.formats import kpi_format

    cases = _hand_worked_cases()
    out = []
    for kpi in (k for k in REGISTRY.values() if k.category == category):
        out += [f"## {kpi.name}", "", f"**{kpi.label('en')}** — *{kpi.label('fr')}*", "",
                f"`{kpi.signature}` · Python: `xlkpi.{kpi.python_name}{kpi.python_signature()}`", "",
                kpi.describe("en"), "", f"*{kpi.describe('fr')}*", "",
                "| Argument | Limits | Meaning | En français |", "|---|---|---|---|"]
        out += [f"| `{p.name}` | {_limits(p)} | {kpi.arg_doc(p.name, 'en')} | {kpi.arg_doc(p.name, 'fr')} |"
                for p in kpi.params]
        money = " (euros shown; the workbook's currency is used)" if "€" in kpi_format(kpi.name, "en", "EUR") else ""
        out += ["", f"Number format: `{kpi_format(kpi.name, 'en', 'EUR')}` (English), "
                    f"`{kpi_format(kpi.name, 'fr', 'EUR')}` (French){money}.", ""]
        examples = cases.get(kpi.name, [])[:4]
        if examples:
            out += ["| Example | Result | Worked out |", "|---|---|---|"]
            out += [f"| `={kpi.name}({', '.join(_excel_value(a) for a in args)})` | `{_excel_value(expected)}` | "
                    f"{note.replace('|', '/')} |" for args, expected, note in examples]
            out.append("")
        out += ["Native twin (`xlkpi export --native`): " + _twin(kpi), ""]
    return "\n".join(out)


def kpi_index() -> str:
    """Every KPI, one line each, linked to its category page."""
    from xlkpi import REGISTRY

    out = ["| Function | Label | Libellé | Category |", "|---|---|---|---|"]
    for kpi in REGISTRY.values():
        slug = category_slug(kpi.category)
        out.append(f"| [`{kpi.signature}`]({slug}.md#{kpi.name.lower()}) | {kpi.label('en')} | {kpi.label('fr')} | "
                   f"{kpi.category_label('en')} |")
    return "\n".join(out)


# --- Command line -----------------------------------------------------------------------------


def _commands(group: click.Group, ctx: click.Context) -> Iterator[tuple[str, click.Command, click.Context]]:
    for name in sorted(group.list_commands(ctx)):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        sub = click.Context(command, info_name=name, parent=ctx)
        yield ctx.command_path + " " + name, command, sub
        if isinstance(command, click.Group):
            yield from _commands(command, sub)


def cli_reference() -> str:
    """``--help`` of ``xlkpi`` and of every command, as the terminal shows it (80 columns)."""
    from xlkpi.cli import main

    # the group's context settings (-h as well as --help), as the command line itself makes them
    root = click.Context(main, info_name="xlkpi", terminal_width=80, max_content_width=80, **main.context_settings)
    out = ["## xlkpi", "", "```", root.get_help(), "```", ""]
    for path, _, ctx in _commands(main, root):
        ctx.terminal_width = ctx.max_content_width = 80
        out += [f"## {path}", "", "```", ctx.get_help(), "```", ""]
    return "\n".join(out)


# --- Engine functions -------------------------------------------------------------------------


def engine_functions() -> str:
    """Every function Excel has, with who computes it in the engine."""
    from xlkpi.engine.functions import EXCEL_FUNCTIONS, engine_functions, formulas_functions

    own, borrowed = engine_functions(), formulas_functions()
    rows = {"engine": [], "formulas": [], "missing": []}  # type: dict[str, list[str]]
    for name in sorted(EXCEL_FUNCTIONS):
        rows["engine" if name in own else "formulas" if name in borrowed else "missing"].append(name)
    total = len(EXCEL_FUNCTIONS)
    done = len(rows["engine"]) + len(rows["formulas"])
    out = [f"{done} of the {total} functions of Excel's list are computed; the `KPI_*` functions come on top.", ""]
    titles = {"engine": "Implemented by xlkpi's engine (`xlkpi/engine/library/`)",
              "formulas": "Computed by the `formulas` package's implementation",
              "missing": "Not computed (cells keep their stored value; exit code 3)"}
    for key, title in titles.items():
        out += [f"### {title} ({len(rows[key])})", "", ", ".join(f"`{n}`" for n in rows[key]) or "—", ""]
    return "\n".join(out)


# --- Import profiles --------------------------------------------------------------------------


def import_profiles() -> str:
    """Every built-in import profile: its columns with their header aliases and value maps, and
    the weekly figures its rules fill."""
    from xlkpi.importer.profiles import builtin

    out = []
    for mapping in builtin():
        out += [f"### `{mapping.name}`", "", f"{mapping.title} — kind `{mapping.kind}`.", "",
                "| Column | Headers recognised | Type | Required |", "|---|---|---|---|"]
        for column in mapping.columns.values():
            aliases = ", ".join(f"`{a}`" for a in column.aliases)
            out.append(f"| `{column.id}` | {aliases} | {column.type} | {'yes' if column.required else 'no'} |")
        out.append("")
        for column in mapping.columns.values():
            if column.values:
                by_target: dict[str, list[str]] = {}
                for raw, target in column.values.items():
                    by_target.setdefault(target, []).append(raw)
                pairs = "; ".join(f"**{t}** ← " + ", ".join(f"`{r}`" for r in sorted(raws)) for t, raws in by_target.items())
                other = f"; anything else → **{column.other}**" if column.other else ""
                out += [f"Values of `{column.id}`: {pairs}{other}", ""]
        if mapping.rules:
            out += ["| Fills | Rule | Channel |", "|---|---|---|"]
            out += [f"| `{r.input}` | {r.rule}" + (f" of `{r.column}`" if r.column else "") + " | "
                    f"{r.channel or ('from `' + str(r.channel_from) + '`')} |" for r in mapping.rules]
            out.append("")
    return "\n".join(out)


def slug(text: str) -> str:
    """The anchor MkDocs gives a heading."""
    return re.sub(r"[^\w\- ]", "", text.lower()).strip().replace(" ", "-")


# --- Python API -------------------------------------------------------------------------------


def python_api() -> str:
    """Every name ``import xlkpi`` offers beyond the KPI functions: signature and docstring."""
    import inspect

    import xlkpi

    out = []
    for name in sorted(set(xlkpi.__all__) - {k.python_name for k in xlkpi.REGISTRY.values()}):
        value = getattr(xlkpi, name)
        if not callable(value) or isinstance(value, type):
            continue
        try:
            signature = str(inspect.signature(value))
        except (TypeError, ValueError):
            signature = "(…)"
        doc = re.sub(r":\w+:`~?([^`]+)`", r"`\1`", (inspect.getdoc(value) or "").replace("``", "`"))
        out += [f"### `xlkpi.{name}{signature}`", "", doc, ""]
    return "\n".join(out)


def python_kpis() -> str:
    """The KPI functions as Python sees them."""
    from xlkpi import REGISTRY

    out = ["| Python | Excel | What it computes |", "|---|---|---|"]
    out += [f"| `xlkpi.{k.python_name}{k.python_signature()}` | [`{k.name}`](kpis/{category_slug(k.category)}.md#"
            f"{k.name.lower()}) | {k.describe('en')} |" for k in REGISTRY.values()]
    return "\n".join(out)


# --- Exit codes -------------------------------------------------------------------------------


def exit_codes() -> str:
    """The exit-code table every command shares (``xlkpi/exit_codes.py``)."""
    from xlkpi.exit_codes import ExitCode

    out = ["| Code | Name | Meaning |", "|---|---|---|"]
    out += [f"| {code.value} | `{code.name}` | {code.__doc__} |" for code in ExitCode]
    return "\n".join(out)
