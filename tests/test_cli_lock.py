"""Writers take turns on a workbook (xlkpi/locking.py): two real processes at once, a run that
finds the workbook busy, and SIGTERM during ``xlkpi import`` (exit 143, nothing left behind)."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from exports_fixtures import aircall, waalaxy
from test_recalc import assert_computed, make_book

from xlkpi.exit_codes import ExitCode
from xlkpi.locking import lock_path, workbook_lock
from xlkpi.workbook.builder import build_template

pytestmark = pytest.mark.slow  # several xlkpi processes at once

D = dt.datetime
CALLS = [(D(2026, 1, 5, 9, 0), "outbound", "Yes", 120), (D(2026, 1, 6, 10, 0), "outbound", "No", 0),
         (D(2026, 1, 13, 9, 0), "outbound", "Yes", 60)]
PROSPECTS = [{"linkedinUrl": "https://www.linkedin.com/in/ann-lee", "firstName": "Ann", "lastName": "Lee",
              "state": "interested", "prospectList": "CEOs", "messageSent": "yes", "messageReplied": "yes",
              "connectionRequestDate": D(2026, 1, 5, 8), "connectedAt": D(2026, 1, 7, 8)}]


def xlkpi(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "xlkpi", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        out, err = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    return process.returncode, out, err


def cells(path: Path) -> dict[str, dict[str, object]]:
    book = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        return {sheet.title: {c.coordinate: c.value for row in sheet.iter_rows() for c in row if c.value is not None}
                for sheet in book.worksheets}
    finally:
        book.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "weekly.xlsx"
    build_template(path, 2026, "en")
    return path


def test_two_imports_at_once_both_land(template: Path, tmp_path: Path) -> None:
    """The earlier bug: in 3 of 6 trials one run said it wrote its data and the data was not in the file."""
    calls = aircall(tmp_path / "calls.csv", CALLS)
    prospects = waalaxy(tmp_path / "prospects.csv", PROSPECTS)
    expected = tmp_path / "one-after-the-other.xlsx"
    shutil.copy(template, expected)
    for export in (calls, prospects):
        assert finish(xlkpi("import", expected, export, "--timezone", "Europe/Paris"))[0] == 0
    for trial in range(2):
        book = tmp_path / f"at-once-{trial}.xlsx"
        shutil.copy(template, book)
        runs = [xlkpi("import", book, export, "--timezone", "Europe/Paris") for export in (calls, prospects)]
        for code, out, err in map(finish, runs):
            assert code == 0 and "Traceback" not in err, err
            assert "unchanged" not in out and f"{book}" in out  # each says it wrote its data …
        found, wanted = cells(book), cells(expected)
        for sheet in ("Phone", "LinkedIn", "Leads"):  # … and both runs' data are in the file
            assert found[sheet] == wanted[sheet], sheet
        assert sorted(os.listdir(tmp_path)) == sorted([*(f"at-once-{n}.xlsx" for n in range(trial + 1)), "calls.csv",
                                                       "prospects.csv", "one-after-the-other.xlsx"])


def test_a_busy_workbook_is_left_untouched(template: Path, tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    book = make_book(tmp_path / "book.xlsx")
    weekly = tmp_path / "weekly.xlsx"
    shutil.copy(template, weekly)
    calls = aircall(tmp_path / "calls.csv", CALLS)
    before = {p: sha256(p) for p in (book, weekly)}
    for path, args in ((book, ["recalc", book]), (weekly, ["import", weekly, calls])):
        with workbook_lock(path):  # another run is writing it
            code, out, err = finish(xlkpi(*args, "--wait", "0.5"))
        assert code == ExitCode.BUSY and "busy: another xlkpi run is writing it" in err and "Traceback" not in err
        assert sha256(path) == before[path]
    assert finish(xlkpi("recalc", book, "--quiet"))[0] == 0
    assert_computed(book)
    assert not lock_path(book).exists()


def _count_under_lock(path: str, times: int) -> None:
    for _ in range(times):
        with workbook_lock(path):
            value = int(Path(path).read_text())
            time.sleep(0.001)
            Path(path).write_text(str(value + 1))


def test_the_lock_serialises_processes(tmp_path: Path) -> None:
    counter = tmp_path / "counter.xlsx"
    counter.write_text("0")
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_count_under_lock, args=(str(counter), 40)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0] * 4
    assert counter.read_text() == "160"  # no increment lost
    assert os.listdir(tmp_path) == ["counter.xlsx"]  # the lock file went with its last holder


def test_sigterm_during_an_import(template: Path, tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    book = folder / "weekly.xlsx"
    shutil.copy(template, book)
    calls = aircall(folder / "calls.csv", CALLS * 200)
    before = sha256(book)
    process = xlkpi("import", book, calls, "--timezone", "Europe/Paris")
    try:
        while not lock_path(book).exists():  # the import is between reading the workbook and replacing it
            assert process.poll() is None, process.communicate()
            time.sleep(0.005)
        os.kill(process.pid, signal.SIGTERM)
    finally:
        code, _, err = finish(process)
    assert code == ExitCode.TERMINATED, err
    assert "stopped" in err and "Traceback" not in err
    assert sorted(os.listdir(folder)) == ["calls.csv", "weekly.xlsx"]  # no staging or temporary file, no lock
    if sha256(book) != before:  # replaced just before the signal: then completely
        assert cells(book)["Phone"] != cells(template)["Phone"]
