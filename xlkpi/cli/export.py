"""``xlkpi export``: a copy of a workbook that reads right without the add-in."""
from __future__ import annotations

import json
import sys

import click

from ..errors import WorkbookError
from ..exit_codes import ExitCode
from ..export import ExportResult, export_native, export_values

SHOWN = 20  # cells listed on the terminal


@click.command("export")
@click.argument("book", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The file to write (never BOOK).")
@click.option("--native", "mode", flag_value="native", help="Replace every KPI_* call by its native Excel formula.")
@click.option("--values", "mode", flag_value="values", help="Replace every formula by its value (a snapshot).")
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON.")
def export_command(book: str, output: str, mode: str | None, as_json: bool) -> None:
    """Write a copy of BOOK that reads right without the add-in (--native or --values).

    Exit status: 0 written; 1 bad input (BOOK untouched, nothing written); 2 usage error.
    """
    if mode is None:
        raise click.UsageError("choose --native (KPI_* calls → native formulas) or --values (formulas → values)")
    try:
        result = export_native(book, output) if mode == "native" else export_values(book, output)
    except WorkbookError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(ExitCode.FAILED)
    except OSError as error:  # a full disk, a folder that cannot be written: BOOK untouched, nothing written
        click.echo(f"error: {book}: cannot write {output} ({error.strerror or error})", err=True)
        sys.exit(ExitCode.FAILED)
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print_result(result)


def print_result(result: ExportResult) -> None:
    """What was left as a value or kept as stored on stderr, then the summary on stdout."""
    for what, cells in (("left as value", result.left_as_values), ("kept as stored", result.kept)):
        for (sheet, cell), reason in sorted(cells.items())[:SHOWN]:
            click.echo(f"{what}  {sheet}!{cell}: {reason}", err=True)
        if len(cells) > SHOWN:
            click.echo(f"{what}  … and {len(cells) - SHOWN} more cells (--json lists them all)", err=True)
    for name, reason in sorted(result.names_left.items()):
        click.echo(f"still calls a KPI  defined name {name}: {reason}", err=True)
    for sheet, reason in sorted(result.rules_left.items()):
        click.echo(f"still calls a KPI  a formatting or validation rule of {sheet}: {reason}", err=True)
    if result.mode == "native":
        click.echo(f"wrote {result.target}: {result.calls_replaced} KPI_* calls in {result.cells_rewritten} cells replaced "
                   f"by native formulas ({result.array_cells} as array formulas), {result.names_rewritten} defined names; "
                   f"{len(result.left_as_values)} cells left as values")
    else:
        click.echo(f"wrote {result.target}: {result.formulas_removed} formulas replaced by their values")
