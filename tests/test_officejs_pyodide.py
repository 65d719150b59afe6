"""xlkpi.officejs in real Pyodide under Node, offline, as xlwings Lite runs it.

The test builds xlkpi's wheel, installs it with xlwings' pure wheel into Pyodide (the pinned
npm package of tests/pyodide/) through micropip from a local folder — no network; under
``unshare -n`` where the machine allows it, so a fetch would fail — and runs every hand-worked
case inside through the ``main.py`` that ``xlkpi lite`` writes, with Office.js-shaped arguments
(columns and rows, runtime 1.4 and 1.3), through xlwings' own ``custom_functions_call``. The results must equal the hand-worked values and the
Python API's in CPython, and pandas (or NumPy, openpyxl, formulas, lxml) must never load.
``.ci/run`` installs what it needs (tests/pyodide/setup.sh); without Node or those packages the
test is skipped and says which is missing.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from kpi_cases import CASES, same_result
from officejs_requests import SHAPES, office_result, python_api, request

from xlkpi import REGISTRY
from xlkpi.lite import lite_files

HERE = Path(__file__).parent / "pyodide"
ROOT = Path(__file__).parents[1]
RUNTIMES = ("1.4", "1.3")


def _missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not (HERE / "node_modules" / "pyodide" / "pyodide.mjs").exists():
        return "the pyodide npm package is not installed: run tests/pyodide/setup.sh (.ci/run does)"
    if not list((HERE / "wheels").glob("micropip-*.whl")) or not list((HERE / "wheels").glob("xlwings-*-py3-none-any.whl")):
        return "the micropip and xlwings wheels are not in tests/pyodide/wheels: run tests/pyodide/setup.sh (.ci/run does)"
    return None


pytestmark = [pytest.mark.skipif(_missing() is not None, reason=f"Pyodide test: {_missing()}"),
              pytest.mark.slow]  # a Node process running Pyodide




def offline() -> list[str]:
    """``unshare -n`` (no network) where this machine allows it, else nothing."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True, check=False).returncode == 0:
        return [unshare, "-n"]
    return []


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheels")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(folder), str(ROOT)],
                   check=True, capture_output=True)
    [xlkpi_wheel] = [p.name for p in folder.glob("xlkpi-*.whl")]
    [micropip] = [p.name for p in (HERE / "wheels").glob("micropip-*.whl")]
    [xlwings] = [p.name for p in (HERE / "wheels").glob("xlwings-*-py3-none-any.whl")]
    for name in (micropip, xlwings):
        shutil.copy(HERE / "wheels" / name, folder / name)
    # xlkpi last: its dependencies are then installed (xlwings) or marked not for emscripten.
    (folder / "install.txt").write_text(f"{micropip}\n{xlwings}\n{xlkpi_wheel}\n", encoding="utf-8")
    for name, content in lite_files().items():  # what a user pastes into xlwings Lite
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def test_every_case_in_pyodide(wheels: Path) -> None:
    cases = [(case, shape, runtime) for case in CASES for shape in SHAPES for runtime in RUNTIMES]
    requests = [request(name, args, shape, runtime) for (name, args, _, _), shape, runtime in cases]
    (wheels / "requests.json").write_text(json.dumps(requests), encoding="utf-8")
    run = subprocess.run([*offline(), "node", str(HERE / "run.mjs"), str(wheels), str(HERE / "officejs_cases.py")],
                         capture_output=True, text=True, timeout=600, cwd=HERE, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["platform"] == "emscripten"
    assert report["count"] == len(requests) == 4 * len(CASES)
    assert report["modules"] == [], "the KPI functions loaded an engine library in Pyodide"
    assert "pandas" not in report["installed"]
    assert f"xlkpi=={report['installed']['xlkpi']}\n" == lite_files()["requirements.txt"]  # the pinned version
    assert report["functions"] == sorted(REGISTRY)  # main.py's star import brings every function, nothing else
    wrong = []
    for ((name, args, expected, note), shape, runtime), [[result]] in zip(cases, report["results"]):
        [[wanted]] = office_result(expected, runtime)
        api = python_api(name, args)
        if not same_result(result, wanted) or (api is not None and result != office_result(api, runtime)[0][0]):
            wrong.append(f"{name}{args} {shape} {runtime}: {result!r}, expected {wanted!r} ({note})")
    assert wrong == []
