"""The ``xlkpi`` command line."""
from __future__ import annotations

import json
import shutil
import signal
import sys
import tempfile
import textwrap
import threading
from pathlib import Path
from typing import Any

import click

from .export import export_command
from .i18n import LANGS, text
from .importer.cli import import_command
from .lite import lite
from .registry import REGISTRY, Kpi
from .reporting.command import report_command
from .workbook.formats import CURRENCIES


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="xlkpi")
def main() -> None:
    """xlkpi: does your sales prospecting pay? KPI functions for Excel and a headless engine."""


def function_record(kpi: Kpi, lang: str) -> dict:
    return {
        "name": kpi.name,
        "python_name": kpi.python_name,
        "signature": kpi.signature,
        "category": kpi.category_label(lang),
        "number_format": kpi.number_format.value,
        "label": kpi.label(lang),
        "description": kpi.describe(lang),
        "arguments": [
            {"name": p.name, "kind": p.kind.value, "description": kpi.arg_doc(p.name, lang), "optional": p.optional,
             **({"default": p.default} if p.optional else {})}
            for p in kpi.params
        ],
    }


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@click.option("--markdown", is_flag=True, help="Print the Markdown table the README shows.")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True, help="Language of the labels.")
def functions(as_json: bool, markdown: bool, lang: str) -> None:
    """List every KPI_* function with its signature, label and argument descriptions."""
    records = [function_record(k, lang) for k in REGISTRY.values()]
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif markdown:
        click.echo(markdown_table(records))
    else:
        _print_functions(records, lang)


def markdown_table(records: list[dict]) -> str:
    lines = ["| Function | Label | What it computes |", "|---|---|---|"]
    lines += [f"| `{r['signature']}` | {r['label']} | {r['description'].replace('|', '/')} |" for r in records]
    return "\n".join(lines)


def _print_functions(records: list[dict], lang: str) -> None:
    width = max(60, min(shutil.get_terminal_size().columns, 120))
    for category in dict.fromkeys(r["category"] for r in records):
        click.echo(f"\n{category}\n{'-' * len(category)}")
        for r in (r for r in records if r["category"] == category):
            click.echo(f"{r['signature']}  —  {r['label']}")
            for line in textwrap.wrap(r["description"], width - 4):
                click.echo(f"    {line}")
            for arg in r["arguments"]:
                default = "" if not arg["optional"] else " " + (
                    text("kpi.optional", lang) if arg["default"] is None
                    else text("kpi.optional_default", lang, default=repr(arg["default"])))
                click.echo(textwrap.fill(f"{arg['name']}: {arg['description']}{default}", width,
                                         initial_indent="      ", subsequent_indent="        "))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output-dir", type=click.Path(file_okay=False), help="Write recalculated copies here instead of in place.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Processes to use.")
@click.option("--strict", is_flag=True,
              help="Fail a file with cells left as stored, unknown names, or (xlkpi workbooks) input errors.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=600, show_default=True,
              metavar="SECONDS", help="Fail a file that takes longer.")
@click.option("--no-cache", "no_cache", is_flag=True, help="Neither read nor store compiled formulas on disk.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def recalc(paths: tuple[str, ...], output_dir: str | None, jobs: int, strict: bool, timeout: float, no_cache: bool,
           quiet: bool, as_json: bool) -> None:
    """Recalculate workbooks (files, folders, globs): formulas kept, computed values stored.

    Exit status: 0 all recalculated; 1 some file failed (left untouched); 2 usage error or no
    workbooks found; 3 all recalculated but some cells left as stored (a function the engine
    lacks); 130/143 stopped by Ctrl-C/SIGTERM.
    """
    from .batch import FileResult, Stopped, expand_paths, find_workbooks, raise_stopped
    from .batch import recalc as run

    try:
        files = expand_paths(paths)
    except ValueError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    for pattern in paths:
        if not find_workbooks(pattern):
            click.echo(f"warning  no workbooks found in {pattern}", err=True)
    quiet = quiet or as_json
    previous = signal.signal(signal.SIGTERM, raise_stopped)
    bar = _progress_bar(len(files)) if not quiet and len(files) > 1 else _NoBar()
    stages = _Stages(delay=0 if _stderr_is_tty() else 1.0)
    finished: list[FileResult] = []

    def done(result: FileResult) -> None:
        finished.append(result)
        bar.update()

    try:
        summary = run(files, output_dir, jobs, on_done=done, strict=strict, timeout=timeout, cache=not no_cache,
                      on_stage=None if quiet or len(files) > 1 else stages)
    except ValueError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    except (KeyboardInterrupt, Stopped) as stop:
        bar.close()
        click.echo(f"stopped: {len(finished)} of {len(files)} files done; none was left half-written", err=True)
        sys.exit(stop.code if isinstance(stop, Stopped) else 128 + signal.SIGINT)
    finally:
        stages.cancel()
        bar.close()
        signal.signal(signal.SIGTERM, previous)
    if as_json:
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_results(summary.as_dict())
    sys.exit(summary.exit_code)


def _progress_bar(total: int) -> Any:
    """tqdm's bar of ``total`` files on stderr (tqdm imported only to show one)."""
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr)


class _NoBar:
    """No progress bar."""

    def update(self) -> None:
        pass

    def close(self) -> None:
        pass


def _stderr_is_tty() -> bool:
    return sys.stderr.isatty()


class _Stages:
    """Prints "book.xlsx: evaluating…" on stderr as each stage starts, or only once it has taken
    ``delay`` seconds."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.timer: threading.Timer | None = None

    def __call__(self, path: Path, stage: str) -> None:
        self.cancel()
        line = f"{path}: {stage}…"
        if not self.delay:
            click.echo(line, err=True)
            return
        self.timer = threading.Timer(self.delay, click.echo, (line,), {"err": True})
        self.timer.daemon = True
        self.timer.start()

    def cancel(self) -> None:
        if self.timer:
            self.timer.cancel()


def _print_results(summary: dict[str, Any]) -> None:
    """Failures, cells left as stored and warnings on stderr; error cells and the totals on stdout."""
    from .batch import SHOWN, by_name, listing

    for result in summary["results"]:
        path = result["path"]
        if not result["ok"]:
            click.echo(f"FAILED   {result['message']}", err=True)
        if result["ok"] and result["kept"]:
            click.echo(f"kept     {path}: left as stored (the engine cannot compute them): {by_name(result['kept'])}", err=True)
        if result["ok"] and result["unknown"]:
            click.echo(f"warning  {path}: #NAME?, unknown to Excel: {by_name(result['unknown'])}", err=True)
        for problem in result["problems"][:SHOWN]:
            click.echo(f"warning  {path}: {problem['sheet']}!{problem['cell']}: {problem['message']}", err=True)
        if len(result["problems"]) > SHOWN:
            click.echo(f"warning  {path}: {len(result['problems']) - SHOWN} more input problems (xlkpi check {path})",
                       err=True)
        if result["error_refs"]:
            click.echo(f"{path}: {result['error_cells']} error cell(s): {listing(result['error_refs'])}")
    files, failed = summary["files"], summary["failed"]
    kept = sum(bool(r["ok"] and r["kept"]) for r in summary["results"])
    rows = [
        ("files", f"{files - failed} recalculated, {failed} failed" + (f", {kept} with cells left as stored" if kept else "")),
        ("formula cells", str(summary["formula_cells"])),
        ("errors in cells", str(summary["error_cells"])
         + (f" (and {summary['na_cells']} #N/A asked for with NA(), e.g. chart gaps)" if summary["na_cells"] else "")),
        ("time", f"{summary['seconds']:.2f} s"),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        click.echo(f"{key:<{width}}  {value}")


@main.command()
@click.argument("output", type=click.Path(dir_okay=False))
@click.option("--year", type=click.IntRange(1990, 2100), default=lambda: __import__("datetime").date.today().year,
              show_default="this year", help="Year of the weekly rows.")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True, help="Language of the workbook.")
@click.option("--currency", type=click.Choice(CURRENCIES), default="EUR", show_default=True,
              help="Currency of the amounts (symbol and its place in the number formats).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.option("--native", is_flag=True, help="Native formulas instead of KPI_* calls: works without the add-in.")
def new(output: str, year: int, lang: str, currency: str, force: bool, native: bool) -> None:
    """Write a fresh weekly workbook (one sheet per channel, settings, leads, dashboard)."""
    from .workbook.builder import build_template

    path = Path(output)
    if path.suffix.lower() != ".xlsx":
        raise click.UsageError(f"{output}: the workbook must be an .xlsx file")
    if path.exists() and not force:
        raise click.UsageError(f"{output} exists; use --force to overwrite it")
    try:
        if native:
            from .export import export_native

            with tempfile.TemporaryDirectory(prefix=".xlkpi-new-", dir=path.parent) as folder:
                built = Path(folder) / path.name
                build_template(built, year, lang, currency, native=True)
                export_native(built, path)
        else:
            build_template(path, year, lang, currency)
    except OSError as error:
        raise click.ClickException(f"{output}: cannot write the workbook ({error.strerror or error})") from error
    click.echo(f"wrote {path} ({year}, {lang}, {currency}{', native formulas' if native else ''})")


@main.command()
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def check(workbook: str, as_json: bool) -> None:
    """Report input problems cell by cell; exits 1 when there are errors."""
    from .errors import WorkbookError
    from .i18n import text
    from .package import check_package
    from .workbook.checker import checked

    try:
        check_package(workbook)
        lang, problems = checked(workbook)
    except WorkbookError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for p in problems:
            click.echo(f"{text(f'check.{p.severity}', lang):<7} {p.sheet}!{p.cell}: {p.message}")
        errors = sum(p.severity == "error" for p in problems)
        click.echo(text("check.summary", lang, errors=errors, warnings=len(problems) - errors, path=workbook))
    sys.exit(1 if any(p.severity == "error" for p in problems) else 0)


# Commands that live in their own modules.
for _command in (export_command, import_command, lite, report_command):
    main.add_command(_command)
main.add_command(__import__("xlkpi.collect.command", fromlist=["collect_command"]).collect_command)
