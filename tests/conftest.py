import os
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # test helpers (kpi_cases, …) import by name

import oracle
import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_program_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled programs go to a folder of the test session, never the user's cache."""
    import os

    os.environ["XLKPI_CACHE_DIR"] = str(tmp_path_factory.mktemp("program-cache"))


# --- Shared helpers for the workbook tests (LibreOffice runner, sha256, the shipped workbooks) ---


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice's executable; the test is skipped without it."""
    if oracle.SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return oracle.SOFFICE


@pytest.fixture(scope="session")
def libreoffice_convert(soffice: str) -> Callable[..., list[Path]]:
    """``convert(paths, outdir, to=...)``: LibreOffice's conversions of ``paths`` into ``outdir``
    (tests/oracle.py: one runner, a private profile per session)."""
    return oracle.libreoffice_convert


@pytest.fixture(scope="session")
def sha256() -> Callable[[Path], str]:
    """The SHA-256 of a file's bytes (a file left untouched keeps it)."""
    return oracle.sha256


# xlwings.server (the Office.js custom functions) is under xlwings' PRO licence; "noncommercial"
# is xlwings' free key for noncommercial use, which this test suite is. Set before xlwings is
# first imported, so that xlwings registers its Office.js conversion engine.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
