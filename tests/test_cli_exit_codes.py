"""One table of exit codes (xlkpi/exit_codes.py): the same failure gets the same code and one
line from every command; an unexpected exception is one line too, its traceback only with --debug."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from exports_fixtures import aircall

from xlkpi.cli import main
from xlkpi.exit_codes import ExitCode, worst


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def commands_on(book: Path, tmp_path: Path) -> dict[str, list[str]]:
    calls = aircall(tmp_path / "calls.csv", [(dt.datetime(2026, 1, 5, 9), "outbound", "Yes", 120)])
    return {
        "check": ["check", str(book)],
        "export": ["export", str(book), "-o", str(tmp_path / "out.xlsx"), "--values"],
        "recalc": ["recalc", str(book)],
        "report": ["report", str(book)],
        "report -o": ["report", str(book), "-o", str(tmp_path / "report")],
        "import": ["import", str(book), str(calls)],
    }


def not_a_zip(path: Path) -> None:
    path.write_bytes(b"not a zip at all")


def not_a_weekly_workbook(path: Path) -> None:
    openpyxl.Workbook().save(path)


@pytest.mark.parametrize("make", [not_a_zip, not_a_weekly_workbook])
def test_the_same_bad_file_the_same_code_from_every_command(tmp_path: Path, make: Callable[[Path], None],
                                                             sha256: Callable[[Path], str]) -> None:
    book = tmp_path / "bad.xlsx"
    make(book)
    before = sha256(book)
    codes = {}
    for name, args in commands_on(book, tmp_path).items():
        if make is not_a_zip or name not in ("recalc", "export"):  # any workbook recalculates and exports
            code, _, err = invoke(*args)
            codes[name] = code
            assert str(book) in err and "Traceback" not in err and "internal error" not in err, (name, err)
            assert sha256(book) == before, name
    assert set(codes.values()) == {ExitCode.FAILED}, codes


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import xlkpi.workbook.builder

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug\nover two lines")

    monkeypatch.setattr(xlkpi.workbook.builder, "build_template", broken)
    out = str(tmp_path / "new.xlsx")
    code, _, err = invoke("new", out)
    assert code == ExitCode.INTERNAL
    assert err.splitlines() == ["internal error: RuntimeError: a bug over two lines (xlkpi --debug … shows where)"]
    result = CliRunner().invoke(main, ["--debug", "new", out])
    assert isinstance(result.exception, RuntimeError) and result.exc_info is not None


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert invoke("recalc", str(tmp_path / "nothing-*.xlsx"))[0] == ExitCode.USAGE
    assert invoke("report", str(tmp_path), "--format", "doc")[0] == ExitCode.USAGE
    assert invoke("recalc", "--no-such-option", "x.xlsx")[0] == ExitCode.USAGE


def test_a_batch_gets_its_most_serious_code() -> None:
    assert worst([ExitCode.OK, ExitCode.PARTIAL, ExitCode.BUSY]) == ExitCode.BUSY
    assert worst([ExitCode.BUSY, ExitCode.FAILED, ExitCode.PARTIAL]) == ExitCode.FAILED
    assert worst([ExitCode.OK, ExitCode.PARTIAL]) == ExitCode.PARTIAL
    assert worst([]) == ExitCode.OK
