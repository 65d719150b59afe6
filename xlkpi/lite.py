"""``xlkpi lite [DIR]``: the two files a user pastes into xlwings Lite (Excel on Mac and the web).

xlwings Lite runs Python in Pyodide inside Excel; its task pane edits a ``main.py`` and a
``requirements.txt``. With these, every ``KPI_*`` function is an Office.js custom function
(:mod:`xlkpi.officejs`), and micropip installs xlkpi — without the engine's dependencies,
which are marked not for emscripten — from the package index.
"""
from __future__ import annotations

import contextlib
from importlib.metadata import version
from pathlib import Path


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
