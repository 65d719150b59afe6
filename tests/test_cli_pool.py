"""One pool (xlkpi/pool.py) for recalc, report and import, on any concurrent.futures.Executor:
``--scheduler ADDRESS`` runs each file as one task of the executor that
``xlkpi.distributed.executor.open_executor(ADDRESS)`` opens, through the same code path."""
from __future__ import annotations

import datetime as dt
import json
import sys
import types
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from exports_fixtures import aircall
from report_books import seeded_book
from test_recalc import assert_computed, make_book

import xlkpi
from xlkpi.cli import main
from xlkpi.exit_codes import ExitCode
from xlkpi.workbook.builder import build_template


class Recording(ThreadPoolExecutor):
    """A one-thread executor that keeps what it was given to run."""

    def __init__(self) -> None:
        super().__init__(max_workers=1)
        self.submitted: list[tuple[Any, ...]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted.append((fn, *args))
        return super().submit(fn, *args, **kwargs)


@pytest.fixture
def scheduler(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """``xlkpi.distributed.executor`` as another branch provides it: open_executor(address) → an Executor."""
    opened: dict[str, Any] = {}

    @contextmanager
    def open_executor(address: str) -> Iterator[Recording]:
        with Recording() as executor:
            opened["address"], opened["executor"] = address, executor
            yield executor

    package, module = types.ModuleType("xlkpi.distributed"), types.ModuleType("xlkpi.distributed.executor")
    module.open_executor = open_executor  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "xlkpi.distributed", package)
    monkeypatch.setitem(sys.modules, "xlkpi.distributed.executor", module)
    return opened


def test_recalc_on_an_injected_process_pool(tmp_path: Path) -> None:
    paths = [make_book(tmp_path / f"{name}.xlsx") for name in "abc"]
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    with ProcessPoolExecutor(max_workers=2) as executor:
        summary = xlkpi.recalc(tmp_path, executor=executor)
    assert [(Path(f.path).name, f.ok) for f in summary.files] == [("a.xlsx", True), ("b.xlsx", True),
                                                                  ("broken.xlsx", False), ("c.xlsx", True)]
    assert summary.exit_code == ExitCode.FAILED and str(tmp_path / "broken.xlsx") in summary.files[2].message
    for path in paths:
        assert_computed(path)


def test_recalc_with_scheduler(tmp_path: Path, scheduler: dict[str, Any]) -> None:
    paths = [make_book(tmp_path / f"{name}.xlsx") for name in "ab"]
    result = CliRunner().invoke(main, ["recalc", str(tmp_path), "--scheduler", "tcp://10.0.0.5:8786", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["files"] == 2
    assert scheduler["address"] == "tcp://10.0.0.5:8786"
    assert sorted(Path(task[1]).name for task in scheduler["executor"].submitted) == ["a.xlsx", "b.xlsx"]
    for path in paths:
        assert_computed(path)


def test_report_with_scheduler(tmp_path: Path, scheduler: dict[str, Any]) -> None:
    books = tmp_path / "books"
    books.mkdir()
    for name in ("north", "south"):
        seeded_book(books / f"{name}.xlsx")
    (books / "broken.xlsx").write_bytes(b"not a zip")
    result = CliRunner().invoke(main, ["report", str(books), "-o", str(tmp_path / "out"), "--format", "html",
                                       "--scheduler", "local:2"])
    assert result.exit_code == ExitCode.FAILED and f"FAILED   {books / 'broken.xlsx'}" in result.stderr
    assert len(scheduler["executor"].submitted) == 3
    assert sorted(p.parent.name for p in (tmp_path / "out").glob("*/report.html")) == ["north", "south"]


def test_import_with_scheduler(tmp_path: Path, scheduler: dict[str, Any]) -> None:
    book = tmp_path / "weekly.xlsx"
    build_template(book, 2026, "en")
    calls = aircall(tmp_path / "calls.csv", [(dt.datetime(2026, 1, 5, 9), "outbound", "Yes", 120)])
    result = CliRunner().invoke(main, ["import", str(book), str(calls), "--timezone", "Europe/Paris",
                                       "--scheduler", "local:1", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["written"] is True
    assert [Path(task[1]).name for task in scheduler["executor"].submitted] == ["weekly.xlsx"]


def test_scheduler_without_dask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sha256: Callable[[Path], str]) -> None:
    monkeypatch.setitem(sys.modules, "xlkpi.distributed.executor", None)  # what a missing module or dask raises
    book = make_book(tmp_path / "book.xlsx")
    before = sha256(book)
    for args in (["recalc", str(book)], ["report", str(book), "-o", str(tmp_path / "out")]):
        result = CliRunner().invoke(main, [*args, "--scheduler", "tcp://10.0.0.5:8786"])
        assert result.exit_code == ExitCode.UNAVAILABLE
        assert len(result.stderr.splitlines()) == 1 and "pip install 'xlkpi[many]'" in result.stderr
    assert sha256(book) == before


def test_a_scheduler_that_cannot_be_reached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("xlkpi.distributed.executor")

    def open_executor(address: str) -> Any:
        raise OSError(f"Timed out trying to connect to {address} after 30 s")

    module.open_executor = open_executor  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "xlkpi.distributed", types.ModuleType("xlkpi.distributed"))
    monkeypatch.setitem(sys.modules, "xlkpi.distributed.executor", module)
    result = CliRunner().invoke(main, ["recalc", str(make_book(tmp_path / "book.xlsx")), "--scheduler", "tcp://nowhere:1"])
    assert result.exit_code == ExitCode.UNAVAILABLE
    assert result.stderr.splitlines() == ["error: --scheduler tcp://nowhere:1: cannot use this scheduler "
                                          "(OSError: Timed out trying to connect to tcp://nowhere:1 after 30 s)"]
