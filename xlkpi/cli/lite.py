"""``xlkpi lite [DIR]``: the two files a user pastes into xlwings Lite."""
from __future__ import annotations

import os
from pathlib import Path

import click

from ..i18n import LANGS, text
from ..lite import lite_files, write_files


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True, help="Language of the steps.")
@click.option("--force", is_flag=True, help="Overwrite main.py and requirements.txt if they exist.")
def lite(directory: str, lang: str, force: bool) -> None:
    """Write main.py and requirements.txt for xlwings Lite (Excel on Mac and the web) into DIRECTORY."""
    folder = Path(directory)
    files = lite_files()
    existing = [str(folder / name) for name in files if os.path.lexists(folder / name)]  # a dangling link too
    if existing and not force:
        raise click.UsageError(text("kpi.lite.exists", lang, paths=", ".join(existing)))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_files(folder, files)
    except OSError as error:
        raise click.ClickException(text("kpi.lite.cannot_write", lang, directory=directory,
                                        reason=error.strerror or str(error))) from error
    click.echo(text("kpi.lite.wrote", lang, main=folder / "main.py", requirements=folder / "requirements.txt"))
    click.echo(text("kpi.lite.steps", lang, requirement=files["requirements.txt"].strip()))
