"""``xlkpi recalc`` when things go wrong around the workbooks: outputs that cannot be written,
engine crashes, deadlines, Ctrl-C and SIGTERM, two processes on one file, nothing to do; and
what it reports: error cells, cells left as stored, unknown names, xlkpi check's warnings,
progress, exit codes. Every failing file is left byte for byte as it was.

Where the engine's behaviour is not the point, ``xlkpi.batch.evaluate`` is replaced by a fake
(forked worker processes inherit it).
"""
from __future__ import annotations

import errno
import json
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
from test_recalc import assert_computed, make_book, run

import xlkpi
import xlkpi.engine
import xlkpi.workbook.checker  # imported once here, not inside a file's deadline
from xlkpi import batch
from xlkpi.batch import NoWorkbooksFound, recalc_file
from xlkpi.engine import Book, Evaluation
from xlkpi.errors import XLError
from xlkpi.workbook.builder import shipped_path
from xlkpi.workbook.channels import CHANNELS
from xlkpi.workbook.layout import FIRST_WEEK_ROW, input_columns

pytestmark = pytest.mark.slow  # signals, timeouts and two processes on whole workbooks

real_evaluate = batch.evaluate
real_read_book = batch.read_book


def books(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(exist_ok=True)
    return [make_book(folder / name) for name in names]


def temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*.tmp")]


def fake_evaluate(monkeypatch: pytest.MonkeyPatch, by_name: dict[str, Callable[[Path], Evaluation]]) -> None:
    """``evaluate`` runs ``by_name[file name]`` for those files, the real engine for the others."""
    def evaluate(path: str | Path, book: Book | None = None, cache: bool = True) -> Evaluation:
        fake = by_name.get(Path(path).name)
        return fake(Path(path)) if fake else real_evaluate(path, book=book, cache=cache)

    monkeypatch.setattr(batch, "evaluate", evaluate)


def crash(path: Path) -> Evaluation:
    raise RuntimeError("boom\nsecond line")


def hang(path: Path) -> Evaluation:
    time.sleep(120)
    raise AssertionError("the deadline did not fire")


# --- One file's failure never stops the batch --------------------------------------------------


def test_an_output_that_is_a_directory(tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    first, _ = books(tmp_path / "in", "a.xlsx", "b.xlsx")
    (tmp_path / "out" / "a.xlsx").mkdir(parents=True)
    before = sha256(first)
    code, out, err = run(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--quiet")
    assert code == 1
    assert err.splitlines() == [f"FAILED   {first}: cannot write {tmp_path / 'out' / 'a.xlsx'} (Is a directory)"]
    assert "1 recalculated, 1 failed" in out
    assert sha256(first) == before and (tmp_path / "out" / "a.xlsx").is_dir()
    assert_computed(tmp_path / "out" / "b.xlsx")
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left on device"),
                                   PermissionError(errno.EACCES, "Permission denied")])
def test_a_write_that_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError,
                            sha256: Callable[[Path], str]) -> None:
    first, second = books(tmp_path, "a.xlsx", "b.xlsx")
    before = sha256(first)
    write = batch.write_values

    def write_values(src: Path, dst: Path, values: dict) -> None:
        if Path(src).name == "a.xlsx":
            raise error
        write(src, dst, values)

    monkeypatch.setattr(batch, "write_values", write_values)
    code, _, err = run(str(tmp_path), "--quiet")
    assert code == 1
    assert err.splitlines() == [f"FAILED   {first}: cannot write {first} ({error.strerror})"]
    assert sha256(first) == before
    assert_computed(second)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder(tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    folder = tmp_path / "locked"
    (book,) = books(folder, "a.xlsx")
    before = sha256(book)
    folder.chmod(0o555)
    try:
        code, _, err = run(str(book), "--quiet")
    finally:
        folder.chmod(0o755)
    assert code == 1 and f"{book}: cannot write {book} (Permission denied)" in err
    assert sha256(book) == before and temporaries(folder) == []


def test_an_output_folder_that_cannot_be_made(tmp_path: Path) -> None:
    (book,) = books(tmp_path, "a.xlsx")
    (tmp_path / "file").write_text("")
    code, _, err = run(str(book), "-o", str(tmp_path / "file" / "out"))
    assert code == 2 and err.startswith(f"error: {tmp_path / 'file' / 'out'}: cannot create the output folder")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_engine_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str, sha256: Callable[[Path], str]) -> None:
    first, second, third = books(tmp_path, "a.xlsx", "b.xlsx", "c.xlsx")
    before = sha256(second)
    fake_evaluate(monkeypatch, {"b.xlsx": crash})
    code, out, err = run(str(tmp_path), "--jobs", jobs, "--quiet")
    assert code == 1
    assert err.splitlines() == [f"FAILED   {second}: internal error while recalculating (RuntimeError: boom second line)"]
    assert "2 recalculated, 1 failed" in out
    assert sha256(second) == before
    assert_computed(first)
    assert_computed(third)


def test_a_worker_process_that_dies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sha256: Callable[[Path], str]) -> None:
    first, dying = books(tmp_path, "a.xlsx", "b.xlsx")
    before = sha256(dying)
    fake_evaluate(monkeypatch, {"b.xlsx": lambda path: os._exit(9)})
    code, out, err = run(str(tmp_path), "--jobs", "2", "--json")
    summary = json.loads(out)
    assert code == 1 and "Traceback" not in err
    assert [r["ok"] for r in summary["results"]] == [True, False]
    assert summary["results"][1]["message"].startswith(f"{dying}: internal error while recalculating (BrokenProcessPool")
    assert sha256(dying) == before
    assert_computed(first)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_past_its_deadline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str,
                                  sha256: Callable[[Path], str]) -> None:
    _, slow, _ = books(tmp_path, "a.xlsx", "b.xlsx", "c.xlsx")
    before = sha256(slow)
    empty = Evaluation({}, 0)
    fake_evaluate(monkeypatch, {"a.xlsx": lambda _: empty, "b.xlsx": hang, "c.xlsx": lambda _: empty})
    code, out, err = run(str(tmp_path), "--jobs", jobs, "--timeout", "1", "--quiet")
    assert code == 1
    assert err.splitlines() == [f"FAILED   {slow}: timed out after 1 s; left untouched"]
    assert "2 recalculated, 1 failed" in out
    assert sha256(slow) == before and temporaries(tmp_path) == []


def test_the_deadline_restores_the_alarm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (book,) = books(tmp_path, "a.xlsx")
    fake_evaluate(monkeypatch, {"a.xlsx": hang})

    def mine(signum: int, frame: object) -> None:
        raise AssertionError("not mine to receive")

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        result = recalc_file(book, timeout=0.2)
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert not result.ok and "timed out after 0.2 s" in result.message


# --- Ctrl-C, SIGTERM, two processes ----------------------------------------------------------

STALL = '''"""`xlkpi recalc` with the write of one workbook stalled halfway (a partial temporary file on disk)."""
import os
import sys
import time
from pathlib import Path

from xlkpi.cli import main
from xlkpi.xlsx import writer

marker, stalled = Path(sys.argv[1]), sys.argv[2]
write = writer.copy_package


def stalling_write(package, out, *args):
    if package.path.name == stalled:
        out.write(b"PK half a workbook")
        out.flush()
        marker.write_text(str(os.getpid()))
        time.sleep(300)
    return write(package, out, *args)


writer.copy_package = stalling_write
main(sys.argv[3:], prog_name="xlkpi")
'''


@pytest.mark.parametrize("signum, jobs, group", [
    (signal.SIGINT, "1", True),  # Ctrl-C in a terminal: the whole process group
    (signal.SIGINT, "2", True),
    (signal.SIGTERM, "2", False),  # kill PID: the main process only, which stops its workers
])
def test_stopped_mid_write(tmp_path: Path, signum: int, jobs: str, group: bool, sha256: Callable[[Path], str]) -> None:
    folder = tmp_path / "clients"
    paths = books(folder, "a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx", "e.xlsx")
    before = {p: sha256(p) for p in paths}
    (tmp_path / "stall.py").write_text(STALL)
    marker = tmp_path / "stalled"
    command = [sys.executable, str(tmp_path / "stall.py"), str(marker), "c.xlsx", "recalc", str(folder), "--jobs", jobs]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        while not marker.exists():
            assert process.poll() is None, process.communicate()
            time.sleep(0.05)
        assert any(name.startswith(".c.xlsx.") for name in temporaries(folder))  # the write is under way
        os.killpg(process.pid, signum) if group else os.kill(process.pid, signum)
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 128 + signum, err
    assert "files done; none was left half-written" in err and "Traceback" not in err
    assert temporaries(folder) == []
    assert sha256(folder / "c.xlsx") == before[folder / "c.xlsx"]
    for path in paths:  # the old file or the new one, never a partial one
        if sha256(path) != before[path]:
            assert_computed(path)


def test_two_processes_on_one_file(tmp_path: Path) -> None:
    (book,) = books(tmp_path, "book.xlsx")
    command = [sys.executable, "-m", "xlkpi", "recalc", str(book), "--quiet"]
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    assert_computed(book)
    assert temporaries(tmp_path) == []


# --- Nothing to do -----------------------------------------------------------------------------


def test_an_empty_folder_or_a_pattern_that_matches_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("")
    for pattern in (tmp_path / "empty", tmp_path / "*.xlsx"):
        assert run(str(pattern)) == (2, "", f"error: no workbooks found in {pattern}\n")
    with pytest.raises(NoWorkbooksFound, match="no workbooks found in"):
        xlkpi.recalc(tmp_path / "empty")


def test_an_empty_folder_beside_workbooks(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (book,) = books(tmp_path / "in", "a.xlsx")
    code, _, err = run(str(tmp_path / "empty"), str(book), "--quiet")
    assert code == 0 and err == f"warning  no workbooks found in {tmp_path / 'empty'}\n"
    assert_computed(book)


# --- What it reports ---------------------------------------------------------------------------


def test_error_cells_by_sheet_and_cell(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book.xlsx", {f"M{row}": "=1/0" for row in range(2, 27)})
    code, out, _ = run(str(book), "--quiet")
    refs = ["Weeks!M2", "Weeks!I3", "Weeks!M3", *(f"Weeks!M{row}" for row in range(4, 27))]
    assert code == 0
    assert f"{book}: 26 error cell(s): {', '.join(refs[:20])} … (6 more)" in out
    code, out, _ = run(str(book), "--json")
    assert json.loads(out)["results"][0]["error_refs"] == refs


def test_na_asked_for_with_na_is_not_an_error(tmp_path: Path) -> None:
    """A chart's gap (=IF(…,NA(),…)) is counted apart; an #N/A a lookup fails with is an error."""
    book = make_book(tmp_path / "book.xlsx", {"M2": '=IF(B2<1E+9,NA(),B2)', "M3": "=na()+1",
                                              "M4": "=VLOOKUP(-1,B2:B3,1,FALSE)", "M5": '="NA()"'})
    code, out, _ = run(str(book), "--json")
    result = json.loads(out)["results"][0]
    assert code == 0
    assert result["error_refs"] == ["Weeks!I3", "Weeks!M4"] and result["na_cells"] == 2
    code, out, _ = run(str(book))
    assert "errors in cells  2 (and 2 #N/A asked for with NA(), e.g. chart gaps)" in out


def keeping(kept: dict[tuple[str, str], str], unknown: dict[tuple[str, str], str]) -> Callable[[Path], Evaluation]:
    """The engine's evaluation, less the ``kept`` cells, with ``unknown`` cells as #NAME?."""
    def evaluate(path: Path) -> Evaluation:
        values = {c: v for c, v in real_evaluate(path).values.items() if c not in kept}
        return Evaluation({**values, **dict.fromkeys(unknown, XLError.NAME)}, len(values) + len(kept), kept, unknown)

    return evaluate


def test_cells_left_as_stored_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = make_book(tmp_path / "book.xlsx", {"M2": "=B2*2", "M3": "=M2*2"})  # as if M2 called FORECAST.ETS
    fake_evaluate(monkeypatch, {"book.xlsx": keeping({("Weeks", "M2"): "FORECAST.ETS", ("Weeks", "M3"): "FORECAST.ETS"},
                                                     {})})
    code, out, err = run(str(book), "--quiet")
    assert code == 3
    assert err == f"kept     {book}: left as stored (the engine cannot compute them): FORECAST.ETS in Weeks!M2, Weeks!M3\n"
    assert "1 recalculated, 0 failed, 1 with cells left as stored" in out
    assert_computed(book)  # every other cell is computed
    assert openpyxl.load_workbook(book, data_only=True)["Weeks"]["M2"].value is None  # as stored: no value yet


def test_unknown_names_are_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = make_book(tmp_path / "book.xlsx", {"M2": "=B2"})  # as if it were =NOPE(B2)
    fake_evaluate(monkeypatch, {"book.xlsx": keeping({}, {("Weeks", "M2"): "NOPE"})})
    code, _, err = run(str(book), "--quiet")
    assert code == 0
    assert err == f"warning  {book}: #NAME?, unknown to Excel: NOPE in Weeks!M2\n"
    assert openpyxl.load_workbook(book, data_only=True)["Weeks"]["M2"].value == "#NAME?"


@pytest.mark.parametrize("kept, unknown, message", [
    ({("Weeks", "M2"): "FORECAST.ETS"}, {}, "1 cell(s) the engine cannot compute: FORECAST.ETS in Weeks!M2"),
    ({}, {("Weeks", "M2"): "NOPE"}, "1 cell(s) use a name Excel does not know (#NAME?): NOPE in Weeks!M2"),
])
def test_strict_refuses_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept: dict, unknown: dict,
                             message: str, sha256: Callable[[Path], str]) -> None:
    book = make_book(tmp_path / "book.xlsx", {"M2": "=1"})
    before = sha256(book)
    fake_evaluate(monkeypatch, {"book.xlsx": keeping(kept, unknown)})
    code, _, err = run(str(book), "--strict", "--quiet")
    assert code == 1 and err == f"FAILED   {book}: strict: {message}\n"
    assert sha256(book) == before


def weekly_book(tmp_path: Path) -> tuple[Path, str]:
    """The English weekly workbook with week 10's email cost typed as text, and that cell."""
    email = CHANNELS[0]
    cell = f"{input_columns(email)['cost']}{FIRST_WEEK_ROW + 9}"
    path = tmp_path / "weekly.xlsx"
    shutil.copy(shipped_path("en"), path)
    book = openpyxl.load_workbook(path)
    book["Email"][cell] = "700€"
    book.save(path)
    return path, cell


def test_an_xlkpi_workbook_is_checked(tmp_path: Path) -> None:
    path, cell = weekly_book(tmp_path)
    code, _, err = run(str(path), "--quiet")
    assert code == 0
    assert err == f"warning  {path}: Email!{cell}: Cost: '700€' is not a number; an amount must be a number\n"
    code, out, _ = run(str(path), "--json")
    assert json.loads(out)["results"][0]["problems"] == [
        {"severity": "error", "sheet": "Email", "cell": cell,
         "message": "Cost: '700€' is not a number; an amount must be a number"}]


def test_an_xlkpi_workbook_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, cell = weekly_book(tmp_path)
    reads: list[Path] = []

    def read_book(path: Path) -> Book:
        reads.append(path)
        return real_read_book(path)

    def read_again(path: Path) -> Book:
        raise AssertionError("read twice")

    monkeypatch.setattr(batch, "read_book", read_book)
    monkeypatch.setattr(xlkpi.engine, "read_book", read_again)
    result = recalc_file(path, tmp_path / "out.xlsx")
    assert result.ok, result.message
    assert reads == [path] and [p["cell"] for p in result.problems] == [cell]


def test_strict_fails_an_xlkpi_workbook_with_input_errors(tmp_path: Path, sha256: Callable[[Path], str]) -> None:
    path, cell = weekly_book(tmp_path)
    before = sha256(path)
    code, _, err = run(str(path), "--strict", "--quiet")
    assert code == 1
    assert err.startswith(f"FAILED   {path}: Email!{cell}: Cost: '700€' is not a number")
    assert sha256(path) == before


# --- Progress ------------------------------------------------------------------------------------


def test_stages_of_one_file_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from xlkpi.cli import progress as cli

    book = make_book(tmp_path / "book.xlsx")
    monkeypatch.setattr(cli, "stderr_is_tty", lambda: True)
    code, _, err = run(str(book))
    assert code == 0 and err.splitlines() == [f"{book}: {stage}…" for stage in ("reading", "evaluating", "writing")]
    assert run(str(book), "--quiet")[2] == "" and run(str(book), "--json")[2] == ""


def test_a_bar_for_a_batch(tmp_path: Path) -> None:
    books(tmp_path, "a.xlsx", "b.xlsx")
    code, _, err = run(str(tmp_path))
    assert code == 0 and "2/2" in err
    assert run(str(tmp_path), "--quiet")[2] == "" and run(str(tmp_path), "--json")[2] == ""


# --- A light start -------------------------------------------------------------------------------


def test_recalc_does_not_import_pandas_or_a_quiet_progress_bar(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book.xlsx")
    weekly = tmp_path / "weekly.xlsx"
    shutil.copy(shipped_path("en"), weekly)
    script = ("import sys\nimport xlkpi, xlkpi.cli, xlkpi.batch, xlkpi.engine\nimported = 'pandas' in sys.modules\n"
              "try:\n    xlkpi.cli.main(['recalc', *sys.argv[1:], '--quiet'])\nexcept SystemExit as stop:\n"
              "    print(imported, 'pandas' in sys.modules, 'tqdm' in sys.modules, stop.code)\n")
    done = subprocess.run([sys.executable, "-c", script, str(book), str(weekly)], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.stdout.splitlines()[-1:] == ["False False False 0"], done.stderr
