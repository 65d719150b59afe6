import functools
import os
from collections.abc import Callable
from pathlib import Path

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


# --- Markers: ``-m "not libreoffice"`` leaves out every test that runs LibreOffice ------------------

def _runs_libreoffice() -> frozenset[int]:
    """The helpers that start LibreOffice (every LibreOffice run goes through oracle.libreoffice_convert)."""
    import library_books
    import library_oracle

    return frozenset(map(id, (oracle.libreoffice_convert, library_oracle.recalc, library_books.libreoffice_values)))


@functools.lru_cache(maxsize=None)
def _source(function: object) -> str:
    import inspect

    try:
        return inspect.getsource(function)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return ""


def _libreoffice_names(module: object, runners: frozenset[int]) -> set[str]:
    """Names in ``module`` that run LibreOffice: the helpers imported from the oracles, its fixtures
    asking for ``soffice``/``libreoffice_convert``, and its own functions calling any of those."""
    import re

    names = {"soffice", "libreoffice_convert"} | {n for n, v in vars(module).items() if id(v) in runners}
    functions = {n: v for n, v in vars(module).items() if callable(v) and getattr(v, "__module__", None) == module.__name__}
    while True:
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names))) + r")\b")
        more = {n for n, f in functions.items() if n not in names and pattern.search(_source(f))}
        if not more:
            return names
        names |= more


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark ``libreoffice`` every test that runs LibreOffice, itself or through a fixture or helper."""
    import re

    runners = _runs_libreoffice()
    by_module: dict[str, tuple[set[str], re.Pattern[str]]] = {}
    for item in items:
        module = getattr(item, "module", None)
        if module is None:
            continue
        if module.__name__ not in by_module:
            found = _libreoffice_names(module, runners)
            by_module[module.__name__] = found, re.compile(r"\b(" + "|".join(map(re.escape, sorted(found))) + r")\b")
        names, pattern = by_module[module.__name__]
        fixtures = getattr(item, "_fixtureinfo", None)
        sources = [_source(getattr(item, "function", None))]
        if fixtures is not None:
            sources += [_source(d.func) for defs in fixtures.name2fixturedefs.values() for d in defs]
        if set(getattr(item, "fixturenames", ())) & names or any(pattern.search(s) for s in sources):
            item.add_marker(pytest.mark.libreoffice)
