"""``xlkpi new``: a fresh weekly workbook."""
from __future__ import annotations

import tempfile
from pathlib import Path

import click

from ..i18n import LANGS
from ..workbook.formats import CURRENCIES


@click.command()
@click.argument("output", type=click.Path(dir_okay=False))
@click.option("--year", type=click.IntRange(1990, 2100), default=lambda: __import__("datetime").date.today().year,
              show_default="this year", help="Year of the weekly rows.")
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True, help="Language of the workbook.")
@click.option("--currency", type=click.Choice(CURRENCIES), default="EUR", show_default=True,
              help="Currency of the amounts (symbol and its place in the number formats).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.option("--native", is_flag=True, help="Native formulas instead of KPI_* calls: works without the add-in.")
def new(output: str, year: int, lang: str, currency: str, force: bool, native: bool) -> None:
    """Write a fresh weekly workbook OUTPUT (.xlsx): one sheet per channel, settings, leads, dashboard."""
    from ..workbook.builder import build_template

    path = Path(output)
    if path.suffix.lower() != ".xlsx":
        raise click.UsageError(f"{output}: the workbook must be an .xlsx file")
    if path.exists() and not force:
        raise click.UsageError(f"{output} exists; use --force to overwrite it")
    try:
        if native:
            from ..export import export_native

            with tempfile.TemporaryDirectory(prefix=".xlkpi-new-", dir=path.parent) as folder:
                built = Path(folder) / path.name
                build_template(built, year, lang, currency, native=True)
                export_native(built, path)
        else:
            build_template(path, year, lang, currency)
    except OSError as error:
        raise click.ClickException(f"{output}: cannot write the workbook ({error.strerror or error})") from error
    click.echo(f"wrote {path} ({year}, {lang}, {currency}{', native formulas' if native else ''})")
