"""``xlkpi collect PATH... -o OUT``: one table of the KPIs of many workbooks, for a BI tool or pandas."""
from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..exit_codes import ExitCode
from .running import Files, executor_for, fail, scheduler_option

if TYPE_CHECKING:
    from ..collecting.frames import FileFrames

EPILOG = """\b
OUT by its suffix or URL:
  kpis.csv, kpis.parquet       this run's table (--leads FILE: the Leads log too)
  kpis.duckdb, kpis.sqlite     tables kpis and leads, upserted by workbook and week
  postgresql://user@host/db    the same, in any SQLAlchemy database
"""


@click.command("collect", epilog=EPILOG)
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", required=True, metavar="OUT", help="Where the table goes (see below).")
@click.option("--leads", "leads_output", metavar="FILE", help="CSV or Parquet outputs: write the Leads log here.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Processes to use.")
@scheduler_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar on stderr.")
def collect_command(paths: tuple[str, ...], output: str, leads_output: str | None, jobs: int, scheduler: str | None,
                    quiet: bool) -> None:
    """Put the KPIs of many weekly workbooks (PATHS: files, folders, globs, fsspec URLs) in one tidy table.

    One row per weekly figure and KPI of every channel sheet, and of the Dashboard's week and
    year-to-date blocks: workbook, team, source, year, week, week_start, channel, metric, value,
    unit, currency. Stale workbooks are recalculated in memory; no workbook is ever written.

    Exit status (xlkpi --help lists them all): 0 all collected; 1 some workbook could not be read
    (named; the others are written) or OUT cannot be written; 2 usage error or no workbooks found;
    5 --scheduler unavailable; 130/143 stopped, nothing written.
    """
    from ..distributed.paths import expand
    from ..collecting.run import collect
    from ..collecting.sinks import kind, shown, write

    try:
        kind(output)
        if leads_output:
            kind(leads_output)
        files = expand(paths)
    except ValueError as error:
        fail(str(error), ExitCode.USAGE)
    progress = Files(len(files), quiet)

    def done(result: FileFrames) -> None:
        progress.done()
        if not result.ok:
            progress.bar.write(f"FAILED   {result.message}")

    with executor_for(scheduler) as executor, progress.running():
        collection = collect(files, jobs=jobs, executor=executor, on_done=done)
    progress.bar.close()
    try:
        write(collection.kpis, collection.leads, collection.workbooks, output, leads_output)
    except (ValueError, OSError) as error:  # OutputError: a table that cannot be written there
        fail(str(error), ExitCode.FAILED)
    failed = len(collection.failures)
    click.echo(f"{len(collection.workbooks)} workbooks collected, {failed} failed: {len(collection.kpis)} KPI rows, "
               f"{len(collection.leads)} leads → {shown(output)}")
    raise SystemExit(ExitCode.FAILED if failed else ExitCode.OK)
