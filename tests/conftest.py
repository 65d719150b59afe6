import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))  # test helpers (kpi_cases, …) import by name

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
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


@pytest.fixture(scope="session")
def libreoffice_convert(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> Callable[..., list[Path]]:
    """``convert(paths, outdir, to="xlsx")``: LibreOffice's conversions of ``paths`` into
    ``outdir``, with a private profile (safe beside other LibreOffice runs)."""
    profile = tmp_path_factory.mktemp("libreoffice-profile").as_uri()

    def convert(paths: list[Path], outdir: Path, to: str = "xlsx") -> list[Path]:
        outdir.mkdir(parents=True, exist_ok=True)
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to,
                        "--outdir", str(outdir), *map(str, paths)], check=True, capture_output=True, timeout=600)
        return [outdir / f"{Path(p).stem}.{to.split(':')[0]}" for p in paths]

    return convert


@pytest.fixture(scope="session")
def sha256() -> Callable[[Path], str]:
    """The SHA-256 of a file's bytes (a file left untouched keeps it)."""
    return lambda path: hashlib.sha256(Path(path).read_bytes()).hexdigest()


# xlwings.server (the Office.js custom functions) is under xlwings' PRO licence; "noncommercial"
# is xlwings' free key for noncommercial use, which this test suite is. Set before xlwings is
# first imported, so that xlwings registers its Office.js conversion engine.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
