"""Batch recalculation: read → evaluate → write cached values back, one workbook at a time.

``recalc`` never leaves a half-written workbook: :func:`xlkpi.package.write_values` writes
atomically, and a file that fails is left exactly as it was.
"""
from __future__ import annotations

import glob
import multiprocessing
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import openpyxl
import pandas as pd

from .engine import Evaluation, evaluate
from .errors import WorkbookError, XLError
from .package import check_package, write_values

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class FileResult:
    path: str
    output: str | None = None
    ok: bool = False
    formula_cells: int = 0
    error_cells: int = 0  # formula cells whose value is an Excel error (#DIV/0! …)
    seconds: float = 0.0
    message: str = ""


@dataclass
class Summary:
    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.files) and bool(self.files)

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "files": len(self.files),
            "failed": sum(not f.ok for f in self.files),
            "formula_cells": sum(f.formula_cells for f in self.files),
            "error_cells": sum(f.error_cells for f in self.files),
            "seconds": round(self.seconds, 3),
            "results": [asdict(f) for f in self.files],
        }


def expand_paths(patterns: Iterable[str | Path]) -> list[Path]:
    """Files, folders (their workbooks, not recursive) and glob patterns → workbook paths.

    Excel's lock files (``~$Book.xlsx``) are never workbooks. A pattern that matches nothing
    is kept as given, so the caller reports it as a missing file.
    """
    found: list[Path] = []
    for pattern in map(str, patterns):
        path = Path(pattern)
        if path.is_dir():
            matches = sorted(p for p in path.iterdir() if p.suffix.lower() in WORKBOOK_SUFFIXES)
        elif glob.has_magic(pattern):
            matches = sorted(Path(p) for p in glob.glob(pattern, recursive=True))
        else:
            matches = [path]
        found.extend(p for p in matches if not p.name.startswith("~$"))
    return list(dict.fromkeys(found))


def _recalc(path: Path, target: Path) -> Evaluation:
    if not path.is_file():
        raise WorkbookError(path, "no such file")
    check_package(path)
    evaluation = evaluate(path)
    write_values(path, target, evaluation.values)
    return evaluation


def recalc_file(path: str | Path, output: str | Path | None = None) -> FileResult:
    """Recalculate one workbook into ``output`` (default: in place)."""
    path = Path(path)
    target = Path(output) if output else path
    result = FileResult(path=str(path))
    start = time.perf_counter()
    try:
        evaluation = _recalc(path, target)
    except WorkbookError as error:
        result.message = str(error)
    else:
        result.ok, result.output = True, str(target)
        result.formula_cells = evaluation.formula_cells
        result.error_cells = sum(isinstance(v, XLError) for v in evaluation.values.values())
    result.seconds = time.perf_counter() - start
    return result


def _outputs(paths: list[Path], output_dir: Path | None) -> list[Path | None]:
    if output_dir is None:
        return [None] * len(paths)
    names = [p.name for p in paths]
    clashes = sorted({n for n in names if names.count(n) > 1})
    if clashes:
        raise ValueError(f"several inputs are named {', '.join(clashes)}: they would overwrite each other in {output_dir}")
    output_dir.mkdir(parents=True, exist_ok=True)
    return [output_dir / n for n in names]


def recalc(
    paths: Iterable[str | Path],
    output_dir: str | Path | None = None,
    jobs: int = 1,
    on_done: Callable[[FileResult], None] | None = None,
) -> Summary:
    """Recalculate workbooks (files, folders or globs) in place, or into ``output_dir``.

    ``jobs`` > 1 spreads files over processes. The first file is recalculated here first, so
    where processes are forked (Linux, macOS) they start with its template's formulas
    compiled; files sharing them are then only fed their inputs.
    """
    files = expand_paths(paths if not isinstance(paths, (str, Path)) else [paths])
    outputs = _outputs(files, Path(output_dir) if output_dir else None)
    summary = Summary()
    start = time.perf_counter()

    def done(result: FileResult) -> None:
        summary.files.append(result)
        if on_done:
            on_done(result)

    if jobs > 1 and len(files) > 1:
        done(recalc_file(files[0], outputs[0]))
        fork = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        with ProcessPoolExecutor(max_workers=jobs, mp_context=fork) as pool:
            chunks = max(1, (len(files) - 1) // (jobs * 4))
            for result in pool.map(recalc_file, files[1:], outputs[1:], chunksize=chunks):
                done(result)
    else:
        for result in map(recalc_file, files, outputs):
            done(result)
    summary.seconds = time.perf_counter() - start
    return summary


def computed_frames(path: str | Path, header: bool = True) -> dict[str, pd.DataFrame]:
    """Every sheet's values after a recalc, as DataFrames, without touching ``path``.

    Error cells hold :class:`XLError` members (pandas.read_excel would turn them into NaN);
    with ``header`` the first row names the columns. Raises WorkbookError.
    """
    path = Path(path)
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / path.name
        _recalc(path, output)
        book = openpyxl.load_workbook(output, data_only=True, read_only=True)
        try:
            frames = {sheet.title: _frame(sheet, header) for sheet in book.worksheets}
        finally:
            book.close()
    return frames


def _frame(sheet: Any, header: bool) -> pd.DataFrame:
    rows = [[XLError.parse(c.value) if c.data_type == "e" else c.value for c in row] for row in sheet.iter_rows()]
    if header and rows:
        return pd.DataFrame(rows[1:], columns=rows[0])
    return pd.DataFrame(rows)
