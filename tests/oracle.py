"""The test suite's shared helpers, one copy each: LibreOffice as the oracle (one runner, a
private profile per test session), the comparison of values, a file's SHA-256. conftest.py
exposes them as fixtures; helper modules used at collection time import them by name."""
from __future__ import annotations

import atexit
import datetime as dt
import functools
import hashlib
import math
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl
import pytest

from xlkpi.errors import XLError
from xlkpi.values import excel_serial

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
XLSX = "xlsx:Calc MS Excel 2007 XML"


def sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes (a file left untouched keeps it)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@functools.cache
def _profile() -> str:
    """This session's LibreOffice profile: private, so that other LibreOffice runs on the machine
    (other sessions, the user's own) neither lock it nor share its state; removed at exit."""
    folder = tempfile.mkdtemp(prefix="xlkpi-libreoffice-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return Path(folder).as_uri()


def libreoffice_convert(paths: list[Path], outdir: Path, to: str = XLSX) -> list[Path]:
    """LibreOffice opens each of ``paths`` (computing its formulas) and saves it into ``outdir``
    as ``to`` (a ``--convert-to`` target: ``"pdf"``, ``"csv"``, ``"xlsm:Calc MS Excel 2007 VBA XML"``);
    the converted files, in order. Skips the test when LibreOffice is not installed."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([SOFFICE, f"-env:UserInstallation={_profile()}", "--headless", "--convert-to", to,
                    "--outdir", str(outdir), *map(str, paths)], check=True, capture_output=True, timeout=600)
    converted = [outdir / f"{Path(p).stem}.{to.split(':')[0]}" for p in paths]
    missing = [p for p in converted if not p.is_file()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return converted


def cached_values(path: Path) -> dict[tuple[str, str], object]:
    """The values a workbook stores for its cells (dates as Excel serials)."""
    wb = openpyxl.load_workbook(path, data_only=True)
    return {
        (ws.title, c.coordinate): excel_serial(c.value) if isinstance(c.value, dt.datetime) else c.value
        for ws in wb.worksheets for row in ws.iter_rows() for c in row
    }


def same(value: object, expected: object) -> bool:
    """Engine value vs a cached or hand-worked one: errors by text, numbers to 1e-9, arrays
    (lists of rows) element by element."""
    if isinstance(value, list) and isinstance(expected, list):
        return len(value) == len(expected) and all(same(v, e) for v, e in zip(value, expected))
    if isinstance(value, XLError):
        return expected in (value, value.value)
    if value == "" or value is None:
        return expected in ("", None)  # openpyxl reads an empty cached string as None
    if isinstance(value, bool) or isinstance(expected, bool):
        return value is expected
    if isinstance(value, (int, float)) and isinstance(expected, (int, float)):
        return math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-9)
    return value == expected


def mismatches(values: dict, expected: dict) -> list[tuple]:
    """(key, value, expected) of each of ``values`` that is not the ``same`` as expected."""
    return [(key, value, expected.get(key)) for key, value in values.items() if not same(value, expected.get(key))]
