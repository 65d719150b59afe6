"""Batch throughput of ``xlkpi recalc`` against LibreOffice headless, in the same run.

Not a test (pytest does not collect it; timings on shared machines are noisy). Run:

    python tests/benchmark_recalc.py --files 20 --jobs 2

It builds the shipped weekly template (``xlkpi.template.build_template``), fills ``--files``
copies with random weekly counts and leads (every unlocked input cell of the channel sheets
and the Leads sheet), and times:

* ``xlkpi recalc DIR -o OUT --jobs N``, one command for the whole batch (a new process: start-up
  and the one-off compilation of the template's formulas are included);
* ``soffice --headless --convert-to xlsx --outdir OUT *.xlsx``, one LibreOffice run for the
  whole batch, on *native-formula copies*: LibreOffice does not know ``KPI_*``, so each call is
  rewritten into native arithmetic over the same arguments (a ratio → ``a/b``, ROI →
  ``(a-b)/b``, any other KPI → ``SUMPRODUCT`` over its numeric arguments), so both engines
  compute the same cells over the same ranges. Values are compared by the tests, not here.

It prints files/second for both, the ratio, and the peak memory (max RSS) of a process of each run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from xlkpi.kpis import divide
from xlkpi.registry import REGISTRY
from xlkpi.template import build_template

KPI_CALL = re.compile(r"KPI_\w+\(")
RATIOS = {k.name for k in REGISTRY.values() if k.impl is divide}  # part / total


def split_arguments(text: str) -> tuple[list[str], int]:
    """The top-level arguments of a call whose "(" precedes ``text``, and where it closes."""
    depth, start, args, quoted = 0, 0, [], False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif char == ")" or (char == "," and not depth):
            args.append(text[start:i])
            start = i + 1
            if char == ")":
                return args, i
    raise ValueError(f"unbalanced formula: {text}")


def native(formula: str) -> str:
    """``formula`` with every KPI_* call rewritten into native arithmetic of the same shape."""
    while match := KPI_CALL.search(formula):
        name = match.group()[:-1]
        args, end = split_arguments(formula[match.end():])
        args = [native(a) for a in args]
        if name == "KPI_ROI":
            call = f"(({args[0]})-({args[1]}))/({args[1]})"
        elif name in RATIOS:
            call = f"({args[0]})/({args[1]})"
        else:
            numeric = [a for a in args if not a.strip().startswith('"')]
            call = f"SUMPRODUCT({','.join(numeric)})"
        formula = formula[: match.start()] + call + formula[match.end() + end + 1:]
    return formula


def fill(template: Path, target: Path, seed: int) -> None:
    """A copy of the template with random inputs in every unlocked, empty cell of its data rows."""
    rnd = random.Random(seed)
    book = openpyxl.load_workbook(template)
    for sheet in book.worksheets:
        if sheet.protection.sheet is False:
            continue  # sheets without protection (instructions) hold no inputs
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.protection.locked or cell.value is not None or cell.data_type == "f":
                    continue
                fmt = cell.number_format
                if "yy" in fmt or "dd" in fmt:
                    cell.value = dt.datetime(2026, 1, 1) + dt.timedelta(days=rnd.randint(0, 300))
                else:
                    cell.value = rnd.randint(0, 400)
    book.save(target)


def nativize(source: Path, target: Path) -> int:
    """A copy of ``source`` with native formulas only; returns the number of rewritten cells."""
    book = openpyxl.load_workbook(source)
    rewritten = 0
    for sheet in book.worksheets:
        sheet.protection.sheet = False
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and "KPI_" in str(cell.value):
                    cell.value = native(str(cell.value))
                    rewritten += 1
    book.save(target)
    return rewritten


def timed(command: list[str]) -> float:
    """Wall-clock seconds of a command; exits if it fails."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{command[0]} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds


def peak_rss_mb() -> float:
    """The largest resident set of any child process waited for so far (grandchildren included)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=20, help="Workbooks in the batch.")
    parser.add_argument("--jobs", type=int, default=2, help="xlkpi recalc --jobs.")
    parser.add_argument("--keep", type=Path, help="Keep the workbooks in this folder.")
    options = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed for the comparison")

    root = Path(tempfile.mkdtemp(prefix="xlkpi-bench-")) if options.keep is None else options.keep
    kpi_dir, native_dir = root / "kpi", root / "native"
    for folder in (kpi_dir, native_dir, root / "out-xlkpi", root / "out-lo"):
        folder.mkdir(parents=True, exist_ok=True)
    template = root / "template.xlsx"
    build_template(template, 2026, "en")
    for i in range(options.files):
        fill(template, kpi_dir / f"client{i:03}.xlsx", seed=i)
        rewritten = nativize(kpi_dir / f"client{i:03}.xlsx", native_dir / f"client{i:03}.xlsx")
    book = openpyxl.load_workbook(template)
    formula_cells = sum(c.data_type == "f" for s in book.worksheets for r in s.iter_rows() for c in r)
    print(f"{options.files} workbooks of {formula_cells} formula cells ({rewritten} KPI_* cells rewritten for LibreOffice) in {root}")

    xlkpi = [sys.executable, "-m", "xlkpi", "recalc", str(kpi_dir), "-o", str(root / "out-xlkpi"),
             "--jobs", str(options.jobs)]
    lo = [soffice, f"-env:UserInstallation=file://{root}/lo-profile", "--headless", "--convert-to", "xlsx",
          "--outdir", str(root / "out-lo"), *map(str, sorted(native_dir.glob("*.xlsx")))]
    subprocess.run(lo[:3] + ["--terminate_after_init"], capture_output=True)  # LibreOffice's first-start profile
    xl_seconds = timed(xlkpi)
    xl_memory = peak_rss_mb()
    lo_seconds = timed(lo)
    lo_memory = peak_rss_mb()
    print(f"xlkpi recalc --jobs {options.jobs}: {xl_seconds:7.1f} s  {options.files / xl_seconds:6.2f} files/s")
    print(f"LibreOffice headless:  {lo_seconds:7.1f} s  {options.files / lo_seconds:6.2f} files/s")
    print(f"ratio (xlkpi / LibreOffice throughput): {lo_seconds / xl_seconds:.2f}")
    print(f"peak RSS of one process: xlkpi {xl_memory:.0f} MB; LibreOffice "
          + (f"{lo_memory:.0f} MB" if lo_memory > xl_memory else f"≤ {xl_memory:.0f} MB"))
    if options.keep is None:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
