"""``xlkpi report``: the weekly report of one workbook or a batch, as files or in the terminal."""
from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..errors import WorkbookError
from ..i18n import LANGS, text

FORMAT_NAMES = ("html", "png", "eml", "pdf")


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMAT_NAMES]
    if unknown or not chosen:
        raise click.BadParameter(f"{', '.join(unknown) or value!r}: choose among {', '.join(FORMAT_NAMES)}")
    return chosen


def _targets(files: list[Path], output_dir: Path) -> list[Path]:
    """One folder per workbook: DIR itself for one, DIR/<name> for several (DIR/<name>-2 … if names repeat)."""
    if len(files) == 1:
        return [output_dir]
    seen: dict[str, int] = {}
    targets = []
    for path in files:
        seen[path.stem] = seen.get(path.stem, 0) + 1
        targets.append(output_dir / (path.stem if seen[path.stem] == 1 else f"{path.stem}-{seen[path.stem]}"))
    return targets


@dataclass
class Outcome:
    """One workbook's report: files written (paths), warnings, and the failure if it failed."""

    path: Path
    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failure: str = ""
    lang: str = "en"


def report_files(path: Path, target: Path, week: int | None, lang: str | None, formats: tuple[str, ...]) -> Outcome:
    """Read, compute and write one workbook's report; a failure is the outcome, never raised
    (a worker process runs this for each file of a batch)."""
    from ..reporting.figures import compute
    from ..reporting.render import write_report
    from ..reporting.workbook_reader import read_workbook

    outcome = Outcome(path)
    try:
        data = read_workbook(path, week)
        figures = compute(data, lang)
        written = write_report(figures, path, target, formats, data.speed_hours)
        outcome.written, outcome.skipped, outcome.lang = [str(p) for p in written.files], written.skipped, figures.lang
    except WorkbookError as error:
        outcome.failure = str(error)
    except Exception as error:  # noqa: BLE001  (one workbook's failure must not stop the batch)
        outcome.failure = f"{path}: internal error ({type(error).__name__}: {error})"
    return outcome


def _in_pool(jobs: int, tasks: list[tuple[Path, Path]], week: int | None, lang: str | None,
             formats: tuple[str, ...]) -> Iterator[Outcome]:
    """Outcomes as the workers finish them."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from ..reporting import figures, render  # noqa: F401  (imported once here: forked workers inherit them)

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(report_files, path, target, week, lang, formats) for path, target in tasks]
        for future in as_completed(futures):
            yield future.result()


@click.command("report")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output-dir", type=click.Path(file_okay=False), help="Write the report files here (one folder per workbook in a batch).")
@click.option("--week", type=click.IntRange(1, 53), help="ISO week to report on (default: the week set on Settings).")
@click.option("--lang", type=click.Choice(LANGS), help="Language of the report (default: the workbook's).")
@click.option("--format", "formats", default="html,png,eml", show_default=True,
              help="Files to write with -o, comma-separated: html, png (summary.png), eml, pdf (needs xlkpi[pdf]).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Processes to use with -o.")
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON instead of the table.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no list of files written.")
def report_command(paths: tuple[str, ...], output_dir: str | None, week: int | None, lang: str | None, formats: str,
                   jobs: int, as_json: bool, quiet: bool) -> None:
    """The weekly report of xlkpi workbooks: which channels pay, what changed, where to act.

    Without -o, prints the headline and the channel table (or, with --json, every figure).
    With -o DIR, writes report.html, summary.png and report.eml (and report.pdf if asked);
    for several workbooks, one folder each. The workbooks are never modified; a workbook that
    fails is reported and the rest go on.

    Exit status: 0 all reported; 1 some workbook failed; 2 usage error or no workbooks found.
    """
    from ..batch import expand_paths

    chosen = _formats(formats)
    try:
        files = expand_paths(paths)
    except ValueError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    if output_dir:
        failed = _write_reports(files, Path(output_dir), week, lang, chosen, jobs, quiet)
    else:
        failed = _print_reports(files, week, lang, as_json)
    sys.exit(1 if failed else 0)


def _write_reports(files: list[Path], output_dir: Path, week: int | None, lang: str | None, formats: tuple[str, ...],
                   jobs: int, quiet: bool) -> int:
    from .recalc import _NoBar, _progress_bar

    start = time.perf_counter()
    tasks = list(zip(files, _targets(files, output_dir)))
    bar = _progress_bar(len(files)) if not quiet and len(files) > 1 else _NoBar()
    outcomes = (_in_pool(jobs, tasks, week, lang, formats) if jobs > 1 and len(files) > 1
                else (report_files(path, target, week, lang, formats) for path, target in tasks))
    failed = 0
    try:
        for outcome in outcomes:
            bar.update()
            if outcome.failure:
                failed += 1
                click.echo(f"FAILED   {outcome.failure}", err=True)
            for message in outcome.skipped:
                click.echo(f"warning  {message}", err=True)
            if not quiet and len(files) == 1:
                for file in outcome.written:
                    click.echo(text("report.wrote", outcome.lang, path=file))
    finally:
        bar.close()
    if not quiet and len(files) > 1:
        click.echo(text("report.batch_done", lang or "en", ok=len(files) - failed, failed=failed,
                        seconds=time.perf_counter() - start))
    return failed


def _print_reports(files: list[Path], week: int | None, lang: str | None, as_json: bool) -> int:
    from ..reporting.figures import compute
    from ..reporting.terminal import as_json as json_record
    from ..reporting.terminal import terminal_text
    from ..reporting.view import build_view
    from ..reporting.workbook_reader import read_workbook

    failed, records = 0, []
    for path in files:
        try:
            data = read_workbook(path, week)
            figures = compute(data, lang)
        except WorkbookError as error:
            failed += 1
            click.echo(f"FAILED   {error}", err=True)
            continue
        if as_json:
            records.append(json_record(figures, str(path)))
        else:
            view = build_view(figures, path.name, dt.date.today().isoformat(), data.speed_hours)
            click.echo(terminal_text(view) + ("\n" if len(files) > 1 else ""))
    if as_json:
        click.echo(json.dumps(records[0] if len(files) == 1 and records else records, ensure_ascii=False, indent=2))
    return failed
