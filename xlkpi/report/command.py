"""``xlkpi report``: the weekly report of one workbook or a batch, as files or in the terminal."""
from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

import click

from ..errors import WorkbookError
from ..i18n import text

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


@click.command("report")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output-dir", type=click.Path(file_okay=False), help="Write the report files here (one folder per workbook in a batch).")
@click.option("--week", type=click.IntRange(1, 53), help="ISO week to report on (default: the week set on Settings).")
@click.option("--lang", type=click.Choice(["en", "fr"]), help="Language of the report (default: the workbook's).")
@click.option("--format", "formats", default="html,png,eml", show_default=True,
              help="Files to write with -o, comma-separated: html, png (summary.png), eml, pdf (needs xlkpi[pdf]).")
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON instead of the table.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no list of files written.")
def report_command(paths: tuple[str, ...], output_dir: str | None, week: int | None, lang: str | None, formats: str,
                   as_json: bool, quiet: bool) -> None:
    """The weekly report of xlkpi workbooks: which channels pay, what changed, where to act.

    Without -o, prints the headline and the channel table (or, with --json, every figure).
    With -o DIR, writes report.html, summary.png and report.eml (and report.pdf if asked).
    The workbooks are never modified; a workbook that fails is reported and the rest go on.
    Exit status: 0 all reported; 1 some workbook failed; 2 usage error or no workbooks found.
    """
    from ..batch import expand_paths
    from ..cli import _NoBar, _progress_bar
    from .figures import compute
    from .render import write_report
    from .terminal import as_json as json_record
    from .terminal import terminal_text
    from .view import build_view
    from .workbook_reader import read_workbook

    chosen = _formats(formats)
    try:
        files = expand_paths(paths)
    except ValueError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    start = time.perf_counter()
    targets = _targets(files, Path(output_dir)) if output_dir else [None] * len(files)
    bar = _progress_bar(len(files)) if output_dir and not quiet and len(files) > 1 else _NoBar()
    failed, records = 0, []
    for path, target in zip(files, targets):
        try:
            data = read_workbook(path, week)
            figures = compute(data, lang)
            if target is not None:
                written = write_report(figures, path, target, chosen, data.speed_hours)
                for message in written.skipped:
                    click.echo(f"warning  {message}", err=True)
                if not quiet and len(files) == 1:
                    for file in written.files:
                        click.echo(text("report.wrote", figures.lang, path=file))
            elif as_json:
                records.append(json_record(figures, str(path)))
            else:
                view = build_view(figures, path.name, dt.date.today().isoformat(), data.speed_hours)
                click.echo(terminal_text(view) + ("\n" if len(files) > 1 else ""))
        except WorkbookError as error:
            failed += 1
            click.echo(f"FAILED   {error}", err=True)
        except Exception as error:  # noqa: BLE001  (one workbook's failure must not stop the batch)
            failed += 1
            click.echo(f"FAILED   {path}: internal error ({type(error).__name__}: {error})", err=True)
        finally:
            bar.update()
    bar.close()
    if as_json and not output_dir:
        click.echo(json.dumps(records[0] if len(files) == 1 and records else records, ensure_ascii=False, indent=2))
    if output_dir and not quiet and len(files) > 1:
        click.echo(text("report.batch_done", lang or "en", ok=len(files) - failed, failed=failed,
                        seconds=time.perf_counter() - start))
    sys.exit(1 if failed else 0)
