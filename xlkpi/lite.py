"""``xlkpi lite [DIR]``: the two files a user pastes into xlwings Lite (Excel on Mac and the web).

xlwings Lite runs Python in Pyodide inside Excel; its task pane edits a ``main.py`` and a
``requirements.txt``. With these, every ``KPI_*`` function is an Office.js custom function
(:mod:`xlkpi.officejs`), and micropip installs xlkpi — without the engine's dependencies,
which are marked not for emscripten — from the package index.
"""
from __future__ import annotations

import contextlib
import os
from importlib.metadata import version
from pathlib import Path

import click

from .i18n import LANGS, text

MAIN = '''"""xlkpi's KPI functions (=KPI_ROI, =KPI_CPL, …) as custom functions of xlwings Lite."""
from xlkpi.officejs import *  # noqa: F403
'''


def lite_files() -> dict[str, str]:
    """File name → content: ``main.py`` and ``requirements.txt`` pinned to this xlkpi."""
    return {"main.py": MAIN, "requirements.txt": f"xlkpi=={version('xlkpi')}\n"}


def write_files(folder: Path, files: dict[str, str]) -> None:
    """Write each file into ``folder`` atomically (a full disk leaves none half written); a link
    in its place is replaced, never followed out of the folder."""
    from .xlsx.writer import atomic_output

    with contextlib.ExitStack() as stack:
        outputs = {name: stack.enter_context(atomic_output(folder / name, follow_links=False)) for name in files}
        for name, content in files.items():
            outputs[name].write(content.encode("utf-8"))


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
