"""``xlkpi check``: a weekly workbook's input problems, cell by cell."""
from __future__ import annotations

import json
import sys

import click

from ..exit_codes import ExitCode


@click.command()
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def check(workbook: str, as_json: bool) -> None:
    """Report the input problems of the weekly WORKBOOK cell by cell (exit status 1 when there are errors)."""
    from ..errors import WorkbookError
    from ..i18n import text
    from ..xlsx.vet import check_package
    from ..workbook.checker import checked

    try:
        check_package(workbook)
        lang, problems = checked(workbook)
    except WorkbookError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(ExitCode.FAILED)
    if as_json:
        click.echo(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for p in problems:
            click.echo(f"{text(f'check.{p.severity}', lang):<7} {p.sheet}!{p.cell}: {p.message}")
        errors = sum(p.severity == "error" for p in problems)
        click.echo(text("check.summary", lang, errors=errors, warnings=len(problems) - errors, path=workbook))
    sys.exit(ExitCode.FAILED if any(p.severity == "error" for p in problems) else ExitCode.OK)
