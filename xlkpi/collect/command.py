"""``xlkpi collect PATH... -o OUT``: one table of the KPIs of many workbooks, for a BI tool or pandas."""
from __future__ import annotations

import signal
import sys
from typing import Any

import click

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
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on a Dask cluster: tcp://HOST:PORT (a dask scheduler) or local:N (N workers here).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar on stderr.")
def collect_command(paths: tuple[str, ...], output: str, leads_output: str | None, jobs: int, scheduler: str | None,
                    quiet: bool) -> None:
    """Put the KPIs of many weekly workbooks (files, folders, globs, fsspec URLs) in one tidy table.

    One row per weekly figure and KPI of every channel sheet, and of the Dashboard's week and
    year-to-date blocks: workbook, team, source, year, week, week_start, channel, metric, value,
    unit, currency. Stale workbooks are recalculated in memory; no workbook is ever written.

    Exit status: 0 all collected; 1 some workbook could not be read (the others are written);
    2 usage error, no workbooks found, or the output cannot be written; 130/143 stopped.
    """
    from ..batch import Stopped, raise_stopped
    from ..distributed.executor import SchedulerUnavailable
    from ..distributed.paths import expand
    from .run import collect
    from .sinks import kind, shown, write

    try:
        kind(output)
        if leads_output:
            kind(leads_output)
        files = expand(paths)
    except ValueError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    previous = signal.signal(signal.SIGTERM, raise_stopped)
    total = len(files)
    bar = _bar(total) if not quiet and total > 1 else None
    finished = 0

    def done(result: Any) -> None:
        nonlocal finished
        finished += 1
        if not result.ok:
            (bar.write if bar else _stderr)(f"FAILED   {result.message}")
        if bar:
            bar.update()

    try:
        collection = collect(files, jobs=jobs, scheduler=scheduler, on_done=done)
        write(collection.kpis, collection.leads, collection.workbooks, output, leads_output)
    except (ValueError, SchedulerUnavailable) as error:  # OutputError, a bad --scheduler, an unreachable cluster
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    except (KeyboardInterrupt, Stopped) as stop:
        click.echo(f"stopped: {finished} of {total} workbooks read; nothing written", err=True)
        sys.exit(stop.code if isinstance(stop, Stopped) else 128 + signal.SIGINT)
    finally:
        if bar:
            bar.close()
        signal.signal(signal.SIGTERM, previous)
    failed = len(collection.failures)
    click.echo(f"{len(collection.workbooks)} workbooks collected, {failed} failed: {len(collection.kpis)} KPI rows, "
               f"{len(collection.leads)} leads → {shown(output)}")
    sys.exit(1 if failed else 0)


def _stderr(line: str) -> None:
    click.echo(line, err=True)


def _bar(total: int) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, unit="workbook", file=sys.stderr)
