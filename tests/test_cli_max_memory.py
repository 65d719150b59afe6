"""``xlkpi --max-memory SIZE``: a workbook that does not fit the budget is refused by name, in
every process of the run (the budget travels in XLKPI_MAX_MEMORY)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).parents[1] / "workbook_templates" / "xlkpi_example_en.xlsx"


def xlkpi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xlkpi", *args], capture_output=True, text=True, timeout=300)


def test_a_workbook_over_the_budget_is_refused_by_name_and_untouched(tmp_path: Path, sha256) -> None:
    books = [shutil.copy(EXAMPLE, tmp_path / f"book{n}.xlsx") for n in range(2)]
    before = [sha256(Path(b)) for b in books]
    run = xlkpi("--max-memory", "1M", "recalc", *map(str, books), "--jobs", "2", "-q")
    assert run.returncode == 1, run.stderr
    failed = [line for line in run.stdout.splitlines() + run.stderr.splitlines() if "memory budget" in line]
    assert len(failed) == 2 and all(str(b) in " ".join(failed) for b in books)  # the workers kept the budget too
    assert [sha256(Path(b)) for b in books] == before and "Traceback" not in run.stderr
    report = xlkpi("--max-memory", "1M", "report", str(books[0]))
    assert report.returncode == 1 and "memory budget" in report.stderr


def test_within_the_budget_it_computes(tmp_path: Path) -> None:
    book = shutil.copy(EXAMPLE, tmp_path / "book.xlsx")
    assert xlkpi("--max-memory", "2G", "recalc", str(book), "-q").returncode == 0


def test_a_bad_size_is_a_usage_error() -> None:
    run = xlkpi("--max-memory", "lots", "recalc", str(EXAMPLE))
    assert run.returncode == 2 and "not a size" in run.stderr
