"""``xlkpi report``: the weekly report of one workbook or a batch, as files or in the terminal."""
from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

import click

from ..errors import WorkbookError
from ..exit_codes import ExitCode
from ..i18n import LANGS, text
from ..pool import Batch
from ..reporting.batch import Outcome, report_files, targets
from .running import Files, executor_for, fail, scheduler_option

FORMAT_NAMES = ("html", "png", "eml", "pdf")


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMAT_NAMES]
    if unknown or not chosen:
        raise click.BadParameter(f"{', '.join(unknown) or value!r}: choose among {', '.join(FORMAT_NAMES)}")
    return chosen


@click.command("report")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output-dir", type=click.Path(file_okay=False), help="Write the report files here (one folder per workbook in a batch).")
@click.option("--week", type=click.IntRange(1, 53), help="ISO week to report on (default: the week set on Settings).")
@click.option("--lang", type=click.Choice(LANGS), help="Language of the report (default: the workbook's).")
@click.option("--format", "formats", default="html,png,eml", show_default=True,
              help="Files to write with -o, comma-separated: html, png (summary.png), eml, pdf (needs xlkpi[pdf]).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Processes to use with -o.")
@scheduler_option
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON instead of the table.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no list of files written.")
def report_command(paths: tuple[str, ...], output_dir: str | None, week: int | None, lang: str | None, formats: str,
                   jobs: int, scheduler: str | None, as_json: bool, quiet: bool) -> None:
    """The weekly report of xlkpi workbooks (PATHS: files, folders, globs): which channels pay, what changed, where to act.

    Without -o, prints the headline and the channel table (or, with --json, every figure).
    With -o DIR, writes report.html, summary.png and report.eml (and report.pdf if asked);
    for several workbooks, one folder each. The workbooks are never modified; a workbook that
    fails is reported and the rest go on.

    Exit status (xlkpi --help lists them all): 0 all reported; 1 some workbook failed; 2 usage
    error or no workbooks found; 130/143 stopped by Ctrl-C/SIGTERM.
    """
    from ..batch import expand_paths

    chosen = _formats(formats)
    if scheduler and not output_dir:
        raise click.UsageError("--scheduler writes report files: give -o DIR")
    try:
        files = expand_paths(paths)
    except ValueError as error:
        fail(str(error), ExitCode.USAGE)
    if output_dir:
        failed = _write_reports(files, Path(output_dir), week, lang, chosen, jobs, scheduler, quiet)
    else:
        failed = _print_reports(files, week, lang, as_json)
    sys.exit(ExitCode.FAILED if failed else ExitCode.OK)


def _write_reports(files: list[Path], output_dir: Path, week: int | None, lang: str | None, formats: tuple[str, ...],
                   jobs: int, scheduler: str | None, quiet: bool) -> int:
    start = time.perf_counter()
    tasks = [(path, target, week, lang, formats) for path, target in zip(files, targets(files, output_dir))]
    progress = Files(len(files), quiet)
    failures: list[str] = []

    def done(index: int, outcome: Outcome) -> None:
        progress.done()
        if outcome.failure:
            failures.append(outcome.failure)
            click.echo(f"FAILED   {outcome.failure}", err=True)
        for message in outcome.skipped:
            click.echo(f"warning  {message}", err=True)
        if not quiet and len(files) == 1:
            for file in outcome.written:
                click.echo(text("report.wrote", outcome.lang, path=file))

    def lost(index: int, error: BaseException) -> Outcome:
        return Outcome(files[index], failure=f"{files[index]}: internal error ({type(error).__name__}: {error})")

    if jobs > 1 and len(files) > 1:
        from ..reporting import figures, render  # noqa: F401  (imported once here: forked workers inherit them)
    with executor_for(scheduler) as executor, progress.running():
        Batch(report_files, tasks, done, lost).run(jobs, executor)
    if not quiet and len(files) > 1:
        click.echo(text("report.batch_done", lang or "en", ok=len(files) - len(failures), failed=len(failures),
                        seconds=time.perf_counter() - start))
    return len(failures)


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
        except Exception as error:  # noqa: BLE001  (one workbook's failure must not stop the batch)
            failed += 1
            click.echo(f"FAILED   {path}: internal error ({type(error).__name__}: {' '.join(str(error).split())})", err=True)
            continue
        if as_json:
            records.append(json_record(figures, str(path)))
        else:
            view = build_view(figures, path.name, dt.date.today().isoformat(), data.speed_hours)
            click.echo(terminal_text(view) + ("\n" if len(files) > 1 else ""))
    if as_json:
        click.echo(json.dumps(records[0] if len(files) == 1 and records else records, ensure_ascii=False, indent=2))
    return failed
