"""Speed and memory of ``xlkpi recalc`` against LibreOffice headless, in the same run.

Not a test (pytest does not collect it; timings on shared machines are noisy, so compare the
ratios of one run). Run:

    python tests/benchmark_recalc.py --files 20 --jobs 2 [--compare-with OTHER/bin/xlkpi]

It builds the shipped weekly template (``xlkpi.workbook.builder.build_template``), fills ``--files``
copies with random weekly counts and leads, and times, each as a new process:

* the README's first command: ``xlkpi recalc`` on the shipped workbook, first time ever (an
  empty compiled-program cache) and again with the cache (median of a few runs);
* one filled workbook, cold, against LibreOffice converting its native-formula twin;
* the batch, ``xlkpi recalc DIR --jobs N`` against one LibreOffice run over the native twins:
  LibreOffice does not know ``KPI_*``: it computes the ``xlkpi export --native`` twin of each
  workbook, with its cached values dropped (tests/test_export_weekly.py compares the values);
* a small workbook whose formulas read whole columns (``SUM(A:A)``, ``COUNTIF(B:B,…)``) against
  the same formulas over the used range.

Peak memory is the largest resident set of the command's process tree (workers included).
``--compare-with`` runs the xlkpi measurements with another ``xlkpi`` executable too (an older
version in its own virtual environment), so before/after figures come from one run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl

from xlkpi.export import export_native
from xlkpi.workbook.builder import build_template


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
    if "ReportWeekChoice" in book.defined_names:  # a week of the year, as a user types it
        ((sheet, cell),) = book.defined_names["ReportWeekChoice"].destinations
        book[sheet][cell.replace("$", "")] = rnd.randint(1, 52)
    book.save(target)


def without_cached_values(source: Path, target: Path) -> Path:
    """A copy of ``source`` whose formula cells store no value: LibreOffice shows the values a
    file stores and computes only the formulas that have none."""
    with zipfile.ZipFile(source) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            parts[name] = re.sub(rb"(<f[ >].*?(?:</f>|/>))<v>[^<]*</v>", rb"\1", data, flags=re.DOTALL)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return target


def nativize(source: Path, target: Path) -> int:
    """``xlkpi export --native`` of ``source``, without cached values (LibreOffice computes every
    formula); returns the number of cells whose KPI_* calls were rewritten."""
    with tempfile.TemporaryDirectory() as folder:
        result = export_native(source, Path(folder) / source.name)
        without_cached_values(Path(folder) / source.name, target)
    return result.cells_rewritten


_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, done.returncode)
sys.stderr.write((done.stdout + done.stderr)[-3000:])
"""


def measured(command: list[str], env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the command and its descendants); exits if it fails."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, env=env, check=False)
    seconds, memory, code = done.stdout.split()
    if int(code) not in ok:
        sys.exit(f"{' '.join(command)} failed ({code}):\n{done.stderr}")
    return float(seconds), float(memory)


def median_of(runs: int, command: list[str], env: dict[str, str]) -> tuple[float, float]:
    results = [measured(command, env) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def whole_columns(folder: Path) -> tuple[Path, Path]:
    """A 30-formula workbook reading whole columns, and its twin reading the used range."""
    books = []
    for name, span in (("columns", "{c}:{c}"), ("ranges", "{c}$1:{c}$200")):
        book = openpyxl.Workbook()
        sheet = book.active
        for row in range(1, 201):
            sheet.append([row, "ab"[row % 2], row * 1.5])
        for i in range(30):
            a, b, c = (span.format(c=col) for col in "ABC")
            sheet.cell(i + 1, 5, [f"=SUM({a})", f'=COUNTIF({b},"a")', f'=SUMIF({b},"b",{c})'][i % 3])
        books.append(folder / f"{name}.xlsx")
        book.save(books[-1])
    return books[0], books[1]


def xlkpi_figures(exe: list[str], root: Path, label: str, shipped: Path, one: Path, batch: Path, jobs: int,
                  columns: tuple[Path, Path]) -> dict[str, tuple[float, float]]:
    """Every xlkpi measurement with the ``xlkpi`` command ``exe``."""
    out = root / f"out-{label}"
    env = dict(os.environ)
    figures = {}
    cold = []
    for i in range(3):
        env["XLKPI_CACHE_DIR"] = str(root / f"cache-{label}-cold{i}")
        cold.append(measured([*exe, "recalc", str(shipped), "-o", str(out / "shipped")], env))
    figures["shipped, first time ever"] = (statistics.median(c[0] for c in cold), max(c[1] for c in cold))
    env["XLKPI_CACHE_DIR"] = str(root / f"cache-{label}")
    measured([*exe, "recalc", str(shipped), "-o", str(out / "shipped")], env)
    figures["shipped, compiled program cached"] = median_of(5, [*exe, "recalc", str(shipped), "-o", str(out / "shipped")], env)
    env["XLKPI_CACHE_DIR"] = str(root / f"cache-{label}-one")
    figures["one filled workbook, cold"] = measured([*exe, "recalc", str(one), "-o", str(out / "one")], env)
    env["XLKPI_CACHE_DIR"] = str(root / f"cache-{label}-batch")
    figures[f"batch, --jobs {jobs}, cold"] = measured([*exe, "recalc", str(batch), "-o", str(out / "batch"), "--jobs", str(jobs)], env)
    for path in columns:
        env["XLKPI_CACHE_DIR"] = str(root / f"cache-{label}-{path.stem}")
        figures[f"30 formulas over {path.stem}"] = measured([*exe, "recalc", str(path), "-o", str(out / path.stem)], env)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=20, help="Workbooks in the batch.")
    parser.add_argument("--jobs", type=int, default=2, help="xlkpi recalc --jobs.")
    parser.add_argument("--keep", type=Path, help="Keep the workbooks in this folder.")
    parser.add_argument("--compare-with", type=Path, help="Another xlkpi executable to measure in the same run.")
    options = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed for the comparison")

    root = Path(tempfile.mkdtemp(prefix="xlkpi-bench-")) if options.keep is None else options.keep
    kpi_dir, native_dir = root / "kpi", root / "native"
    for folder in (kpi_dir, native_dir, root / "out-lo", root / "out-lo-one"):
        folder.mkdir(parents=True, exist_ok=True)
    template = root / "template.xlsx"
    build_template(template, 2026, "en")
    for i in range(options.files):
        fill(template, kpi_dir / f"client{i:03}.xlsx", seed=i)
        rewritten = nativize(kpi_dir / f"client{i:03}.xlsx", native_dir / f"client{i:03}.xlsx")
    book = openpyxl.load_workbook(template)
    formula_cells = sum(c.data_type == "f" for s in book.worksheets for r in s.iter_rows() for c in r)
    print(f"{options.files} workbooks of {formula_cells} formula cells ({rewritten} KPI_* cells rewritten for LibreOffice) in {root}")
    shipped = Path(__file__).resolve().parent.parent / "workbook_templates" / "xlkpi_example_en.xlsx"
    columns = whole_columns(root)
    one = kpi_dir / "client000.xlsx"

    runs = {"xlkpi": xlkpi_figures([sys.executable, "-m", "xlkpi"], root, "xlkpi", shipped, one, kpi_dir, options.jobs, columns)}
    if options.compare_with:
        runs["other"] = xlkpi_figures([str(options.compare_with)], root, "other", shipped, one, kpi_dir, options.jobs, columns)
    profile = f"-env:UserInstallation=file://{root}/lo-profile"
    subprocess.run([soffice, profile, "--headless", "--terminate_after_init"], capture_output=True, check=False)  # first-start profile
    natives = sorted(map(str, native_dir.glob("*.xlsx")))
    lo_one = measured([soffice, profile, "--headless", "--convert-to", "xlsx", "--outdir", str(root / "out-lo-one"), natives[0]])
    lo_batch = measured([soffice, profile, "--headless", "--convert-to", "xlsx", "--outdir", str(root / "out-lo"), *natives])

    names = list(runs)
    print(f"\n| measurement | {' | '.join(f'{n} s | {n} MB' for n in names)} |")
    print(f"|---|{'---|---|' * len(names)}")
    for key in runs["xlkpi"]:
        print(f"| {key} | {' | '.join(f'{runs[n][key][0]:.2f} | {runs[n][key][1]:.0f}' for n in names)} |")
    print(f"| LibreOffice, one native twin | {lo_one[0]:.2f} | {lo_one[1]:.0f} |")
    print(f"| LibreOffice, batch of {options.files} native twins | {lo_batch[0]:.2f} | {lo_batch[1]:.0f} |")
    for name in names:
        batch = runs[name][f"batch, --jobs {options.jobs}, cold"][0]
        single = runs[name]["one filled workbook, cold"][0]
        print(f"{name}: batch throughput {lo_batch[0] / batch:.2f}× LibreOffice's; one file {lo_one[0] / single:.2f}× LibreOffice's")
    if options.keep is None:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
