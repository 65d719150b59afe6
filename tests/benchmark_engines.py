"""xlkpi against the other open spreadsheet engines, in the same run: time, peak memory, growth.

Not a test (pytest does not collect it; timings on shared machines are noisy, so compare the
ratios of one run). Each other engine lives in its own environment, made beforehand:

    python -m venv /tmp/engines/ironcalc && /tmp/engines/ironcalc/bin/pip install ironcalc openpyxl
    python -m venv /tmp/engines/formulas && /tmp/engines/formulas/bin/pip install formulas openpyxl
    python -m venv /tmp/engines/pycel && /tmp/engines/pycel/bin/pip install pycel openpyxl
    mkdir -p /tmp/engines/hyperformula && cd /tmp/engines/hyperformula && npm install hyperformula

then

    python tests/benchmark_engines.py --engines-dir /tmp/engines [--scales 1,10,100] [--timeout 300]

(an engine whose environment is missing is left out). Workbooks: the ``xlkpi export --native``
edition of the shipped example, and the 52-week × 5-channel tracker of
:mod:`tracker_books` grown 1×, 10×, 100× (3,372 / 31,452 / 312,252 formulas). Every
workbook is given without cached values. Each engine runs as a new process that reads the
file, computes every formula and writes its results (an .xlsx for xlkpi, LibreOffice and
IronCalc, which write workbooks; a JSON of the formula cells' values for ``formulas``, pycel
and HyperFormula, whose formulas are fed to its API by an openpyxl → JSON bridge, counted in
its time). Time is wall-clock and CPU (user + system of the process tree); ratios and growth use
CPU time, which a shared machine's load disturbs least. Peak memory is the largest resident set of the process tree. "agree" is the share of
formula cells whose value equals LibreOffice's (numbers to 1e-9 relative), on the files of at
most ``--check-up-to`` formulas. The growth exponent is log(t₁₀₀/t₁₀)/log(n₁₀₀/n₁₀), t in CPU seconds.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import openpyxl

from benchmark_recalc import without_cached_values
from tracker_books import build_tracker

ROOT = Path(__file__).resolve().parent.parent

_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
try:
    done = subprocess.run(sys.argv[2:], capture_output=True, text=True, timeout=float(sys.argv[1]))
    code, out = done.returncode, done.stdout + done.stderr
except subprocess.TimeoutExpired:
    code, out = "timeout", ""
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - start, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, code)
sys.stderr.write(out[-2000:])
"""

# Each runner: argv = input workbook, output file. They use only their own environment.
IRONCALC = """
import sys, ironcalc
model = ironcalc.load_from_xlsx(sys.argv[1], "en", "UTC")
model.evaluate()
model.save_to_xlsx(sys.argv[2])
"""

FORMULAS = """
import json, sys, formulas
model = formulas.ExcelModel().loads(sys.argv[1]).finish()
solution = model.calculate()
values = {}
for key, ranges in solution.items():
    if "!" not in key or ":" in key.split("!")[1]:
        continue
    sheet, cell = key.rsplit("!", 1)
    sheet = sheet.strip("'").split("]", 1)[-1].upper()
    value = ranges.value[0, 0] if hasattr(ranges, "value") else ranges
    values[f"{sheet}!{cell.upper()}"] = value.item() if hasattr(value, "item") else str(value)
json.dump(values, open(sys.argv[2], "w"), default=str)
"""

PYCEL = """
import json, sys, openpyxl
from pycel import ExcelCompiler
book = openpyxl.load_workbook(sys.argv[1])
cells = [f"{s.title}!{c.coordinate}" for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"]
excel = ExcelCompiler(filename=sys.argv[1])
values = {}
for cell in cells:
    try:
        value = excel.evaluate(cell)
    except Exception as error:
        value = "#ERROR " + type(error).__name__
    values[cell.upper()] = value if isinstance(value, (int, float, str, bool)) or value is None else str(value)
json.dump(values, open(sys.argv[2], "w"), default=str)
"""

BRIDGE = """
import datetime as dt, json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
epoch = dt.datetime(1899, 12, 30)
def plain(value):
    if isinstance(value, dt.datetime):
        return (value - epoch).total_seconds() / 86400
    if isinstance(value, dt.date):
        return (dt.datetime(value.year, value.month, value.day) - epoch).days
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    return getattr(value, "text", None) or str(value)  # an array formula: its text
sheets = {s.title: [[plain(c.value) for c in row] for row in s.iter_rows()] for s in book.worksheets}
names = {n: d.attr_text for n, d in book.defined_names.items() if d.attr_text and not n.startswith("_xlnm")}
json.dump({"sheets": sheets, "names": names}, open(sys.argv[2], "w"))
"""

HYPERFORMULA = """
const fs = require("fs");
const {HyperFormula} = require(process.argv[4] + "/node_modules/hyperformula");
const data = JSON.parse(fs.readFileSync(process.argv[2]));
const hf = HyperFormula.buildFromSheets(data.sheets, {licenseKey: "gpl-v3"});
for (const [name, text] of Object.entries(data.names)) {
  try { hf.addNamedExpression(name, "=" + text); } catch (e) {}
}
const values = {};
const letters = (n) => { let s = ""; for (n++; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + (n - 1) % 26) + s; return s; };
for (const [title, rows] of Object.entries(data.sheets)) {
  const sheet = hf.getSheetId(title);
  rows.forEach((row, r) => row.forEach((cell, c) => {
    if (typeof cell === "string" && cell.startsWith("=")) {
      const value = hf.getCellValue({sheet, row: r, col: c});
      values[`${title.toUpperCase()}!${letters(c)}${r + 1}`] = (value && value.value !== undefined) ? String(value.value) : value;
    }
  }));
}
fs.writeFileSync(process.argv[3], JSON.stringify(values));
"""


def measured(command: list[str], timeout: float) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds, peak RSS in MB of the process tree, "ok" | "timeout" | "failed …")."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(timeout), *command], capture_output=True, text=True, check=False)
    seconds, memory, cpu, code = done.stdout.split()
    status = "ok" if code == "0" else "timeout" if code == "timeout" else f"failed ({code}): {done.stderr.strip()[-300:]}"
    return float(seconds), float(cpu), float(memory), status


class Engines:
    """The command of each engine available here, and where its results go."""

    def __init__(self, engines_dir: Path, work: Path):
        self.work = work
        self.dir = engines_dir
        self.soffice = shutil.which("soffice") or shutil.which("libreoffice")
        scripts = work / "scripts"
        scripts.mkdir(exist_ok=True)
        for name, text in {"ironcalc": IRONCALC, "formulas": FORMULAS, "pycel": PYCEL, "bridge": BRIDGE}.items():
            (scripts / f"run_{name}.py").write_text(text)  # not "ironcalc.py": it would shadow the module
        (scripts / "hyperformula.js").write_text(HYPERFORMULA)
        self.scripts = scripts

    def available(self) -> list[str]:
        found = ["xlkpi"]
        if self.soffice:
            found.append("libreoffice")
        for name in ("ironcalc", "formulas", "pycel"):
            if (self.dir / name / "bin" / "python").exists():
                found.append(name)
        if (self.dir / "hyperformula" / "node_modules" / "hyperformula").exists() and shutil.which("node"):
            found.append("hyperformula")
        return found

    def command(self, engine: str, source: Path, out: Path) -> tuple[list[str], Path]:
        """The command that recalculates ``source``, and the file its results are in."""
        if engine == "xlkpi":
            env_cache = self.work / f"cache-{out.name}"
            return ["env", f"XLKPI_CACHE_DIR={env_cache}", sys.executable, "-m", "xlkpi", "recalc", str(source), "-o", str(out)], out / source.name
        if engine == "libreoffice":
            assert self.soffice is not None
            profile = f"-env:UserInstallation=file://{self.work}/lo-profile"
            return [self.soffice, profile, "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(source)], out / source.name
        if engine == "ironcalc":
            result = out / source.name
            return [str(self.dir / "ironcalc" / "bin" / "python"), str(self.scripts / "run_ironcalc.py"), str(source), str(result)], result
        if engine in ("formulas", "pycel"):
            result = out / f"{source.stem}.json"
            return [str(self.dir / engine / "bin" / "python"), str(self.scripts / f"run_{engine}.py"), str(source), str(result)], result
        bridge, result = out / f"{source.stem}.in.json", out / f"{source.stem}.json"
        node = shutil.which("node") or "node"
        script = (f'"{sys.executable}" "{self.scripts / "run_bridge.py"}" "{source}" "{bridge}" && '
                  f'"{node}" --max-old-space-size=4096 "{self.scripts / "hyperformula.js"}" "{bridge}" "{result}" "{self.dir / "hyperformula"}"')
        return ["sh", "-c", script], result


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dt.datetime):
        return (value - dt.datetime(1899, 12, 30)).total_seconds() / 86400
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value.upper() if value.startswith("#") else value
    return value


def values_of(result: Path, cells: list[str]) -> dict[str, Any]:
    """The values an engine left for ``cells`` ("SHEET!A1", upper-case)."""
    if result.suffix == ".json":
        found = {k.upper(): v for k, v in json.loads(result.read_text()).items()}
        return {c: _plain(found.get(c)) for c in cells}
    book = openpyxl.load_workbook(result, data_only=True, read_only=True)
    sheets = {s.upper(): book[s] for s in book.sheetnames}
    values: dict[str, Any] = {}
    wanted: dict[str, set[str]] = {}
    for cell in cells:
        sheet, ref = cell.rsplit("!", 1)
        wanted.setdefault(sheet, set()).add(ref)
    for sheet, refs in wanted.items():
        if sheet not in sheets:
            continue
        for row in sheets[sheet].iter_rows():
            for c in row:
                if getattr(c, "coordinate", None) in refs:
                    values[f"{sheet}!{c.coordinate}"] = _plain(c.value)
    return {c: values.get(c) for c in cells}


def agree(ours: dict[str, Any], theirs: dict[str, Any]) -> float:
    same = 0
    for cell, value in theirs.items():
        mine = ours.get(cell)
        if isinstance(value, float) and isinstance(mine, float) and not isinstance(mine, bool):
            same += math.isclose(mine, value, rel_tol=1e-9, abs_tol=1e-9)
        else:
            same += mine == value or (mine in (None, "") and value in (None, "", 0.0))
    return same / len(theirs) if theirs else 1.0


def formula_cells(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [f"{s.title.upper()}!{c.coordinate}" for s in book.worksheets for row in s.iter_rows()
            for c in row if getattr(c, "data_type", None) == "f"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines-dir", type=Path, default=Path("/tmp/engines"), help="Where the other engines' environments are.")
    parser.add_argument("--scales", default="1,10,100", help="Tracker sizes.")
    parser.add_argument("--timeout", type=float, default=300, help="Seconds before an engine's run is given up.")
    parser.add_argument("--check-up-to", type=int, default=40_000, help="Compare values on files of at most so many formulas.")
    parser.add_argument("--only", help="Comma-separated engines to run (default: all available).")
    parser.add_argument("--keep", type=Path, help="Keep the workbooks and results in this folder.")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="xlkpi-engines-")) if options.keep is None else options.keep
    work.mkdir(parents=True, exist_ok=True)
    engines = Engines(options.engines_dir, work)
    names = engines.available() if not options.only else [e for e in engines.available() if e in options.only.split(",")]
    names.sort(key=lambda e: e != "libreoffice")  # LibreOffice first: the values the others are compared with
    if "libreoffice" in names:
        subprocess.run([engines.soffice or "soffice", f"-env:UserInstallation=file://{work}/lo-profile", "--headless",
                        "--terminate_after_init"], capture_output=True, check=False)

    books: list[tuple[str, Path, int]] = []
    example = work / "example_native.xlsx"
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "xlkpi", "export", "--native", str(ROOT / "workbook_templates" / "xlkpi_example_en.xlsx"),
                        "-o", f"{folder}/example.xlsx"], check=True, capture_output=True)
        without_cached_values(Path(folder) / "example.xlsx", example)
    books.append(("example (native)", example, len(formula_cells(example))))
    for scale in (int(s) for s in options.scales.split(",")):
        path = work / f"tracker{scale}.xlsx"
        books.append((f"tracker {scale}×", path, build_tracker(path, scale)))

    results: dict[tuple[str, str], tuple[float, float, float, str, float | None]] = {}
    given_up: set[str] = set()
    for label, path, count in books:
        cells = formula_cells(path) if count <= options.check_up_to else []
        reference: dict[str, Any] | None = None
        for engine in names:
            if engine in given_up and label.startswith("tracker"):
                results[(engine, label)] = (math.nan, math.nan, math.nan, "skipped (timed out on a smaller one)", None)
                continue
            out = work / f"out-{engine}-{path.stem}"
            out.mkdir(exist_ok=True)
            command, result = engines.command(engine, path, out)
            seconds, cpu, memory, status = measured(command, options.timeout)
            share = None
            if status == "ok" and cells:
                try:
                    values = values_of(result, cells)
                except (OSError, ValueError, KeyError, json.JSONDecodeError) as error:
                    status = f"unreadable result ({error})"
                else:
                    if engine == "libreoffice":
                        reference = values
                    share = agree(values, reference) if reference is not None else None
            if status == "timeout" and label.startswith("tracker"):
                given_up.add(engine)
            results[(engine, label)] = (seconds, cpu, memory, status, share)
            print(f"{label:18} {engine:12} {seconds:8.2f} s {cpu:8.2f} s CPU {memory:7.0f} MB {status[:80]}"
                  f"{'' if share is None else f'  agree {share:.1%}'}", flush=True)

    print("\n| engine | " + " | ".join(f"{label} ({count:,} formulas)" for label, _, count in books) + " | growth 10×→100× |")
    print("|---|" + "---|" * (len(books) + 1))
    trackers = {label: count for label, _, count in books if label.startswith("tracker")}
    for engine in names:
        row = []
        for label, _, _ in books:
            seconds, cpu, memory, status, share = results[(engine, label)]
            lo = results.get(("libreoffice", label))
            if status != "ok":
                row.append("timeout" if status == "timeout" else status.split(":")[0])
                continue
            ratio = f", {cpu / lo[1]:.2f}× LO" if lo and lo[3] == "ok" and engine != "libreoffice" else ""
            agreed = f", {share:.1%} = LO" if share is not None and engine != "libreoffice" else ""
            row.append(f"{seconds:.2f} s ({cpu:.2f} s CPU), {memory:.0f} MB{ratio}{agreed}")
        growth = "—"
        if "tracker 10×" in trackers and "tracker 100×" in trackers:
            t10, t100 = results[(engine, "tracker 10×")], results[(engine, "tracker 100×")]
            if t10[3] == "ok" and t100[3] == "ok":
                growth = f"n^{math.log(t100[1] / t10[1]) / math.log(trackers['tracker 100×'] / trackers['tracker 10×']):.2f}"
        print(f"| {engine} | " + " | ".join(row) + f" | {growth} |")
    if options.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
