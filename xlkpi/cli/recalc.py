"""``xlkpi recalc``: workbooks recalculated, formulas kept, computed values stored."""
from __future__ import annotations

import json
import sys
from typing import Any

import click

from ..exit_codes import ExitCode
from .progress import Stages
from .running import Files, executor_for, fail, scheduler_option, wait_option


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output-dir", type=click.Path(file_okay=False), help="Write recalculated copies here instead of in place.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Processes to use.")
@click.option("--strict", is_flag=True,
              help="Fail a file with cells left as stored, unknown names, or (xlkpi workbooks) input errors.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=600, show_default=True,
              metavar="SECONDS", help="Fail a file that takes longer.")
@click.option("--no-cache", "no_cache", is_flag=True, help="Neither read nor store compiled formulas on disk.")
@wait_option
@scheduler_option
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def recalc(paths: tuple[str, ...], output_dir: str | None, jobs: int, strict: bool, timeout: float, no_cache: bool,
           wait: float, scheduler: str | None, quiet: bool, as_json: bool) -> None:
    """Recalculate workbooks (PATHS: files, folders, globs, or fsspec URLs such as s3://bucket/clients/*.xlsx):
    formulas kept, computed values stored.

    A file that fails is named in one line and left untouched; the others go on. Exit status
    (xlkpi --help lists them all): 0 all recalculated; 1 some file failed; 2 usage error or no
    workbooks found; 3 all recalculated but some cells left as stored (a function the engine
    lacks); 4 a file was busy (another run was writing it); 130/143 stopped by Ctrl-C/SIGTERM.
    """
    from ..batch import find_workbooks, workbook_paths
    from ..batch import recalc as run

    try:
        files = workbook_paths(paths)
    except ValueError as error:
        fail(str(error), ExitCode.USAGE)
    except ImportError as error:  # a URL without fsspec
        fail(f"a URL needs xlkpi's distributed support (pip install 'xlkpi[many]'): {error}", ExitCode.UNAVAILABLE)
    for pattern in (p for p in paths if "://" not in p):
        if not find_workbooks(pattern):
            click.echo(f"warning  no workbooks found in {pattern}", err=True)
    quiet = quiet or as_json
    progress = Files(len(files), quiet)
    stages = Stages()
    try:
        with executor_for(scheduler) as executor, progress.running():
            summary = run(files, output_dir, jobs, on_done=lambda _: progress.done(), strict=strict, timeout=timeout,
                          cache=not no_cache, on_stage=None if quiet or len(files) > 1 else stages, wait=wait,
                          executor=executor)
    except ValueError as error:
        fail(str(error), ExitCode.USAGE)
    finally:
        stages.cancel()
    if as_json:
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_results(summary.as_dict())
    sys.exit(summary.exit_code)


def _print_results(summary: dict[str, Any]) -> None:
    """Failures, cells left as stored and warnings on stderr; error cells and the totals on stdout."""
    from ..batch import SHOWN, by_name, listing

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
