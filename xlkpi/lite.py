"""``xlkpi lite [DIR]``: the two files a user pastes into xlwings Lite (Excel on Mac and the web).

xlwings Lite runs Python in Pyodide inside Excel; its task pane edits a ``main.py`` and a
``requirements.txt``. With these, every ``KPI_*`` function is an Office.js custom function
(:mod:`xlkpi.officejs`), and micropip installs xlkpi — without the engine's dependencies,
which are marked not for emscripten — from the package index.
"""
from __future__ import annotations

from importlib.metadata import version


MAIN = '''"""xlkpi's KPI functions (=KPI_ROI, =KPI_CPL, …) as custom functions of xlwings Lite."""
from xlkpi.officejs import *  # noqa: F403
'''


def lite_files() -> dict[str, str]:
    """File name → content: ``main.py`` and ``requirements.txt`` pinned to this xlkpi."""
    return {"main.py": MAIN, "requirements.txt": f"xlkpi=={version('xlkpi')}\n"}
