"""Batch recalculation: read → evaluate → write cached values back, one workbook at a time.

``recalc`` never leaves a half-written workbook: :func:`xlkpi.xlsx.writer.write_values` writes
atomically (on any exception, Ctrl-C and SIGTERM included, the temporary file is removed), and a
file that fails is left exactly as it was. One file's failure — bad input, an output that cannot
be written, an engine crash, a file past its deadline, a file another run is writing — is that
file's result; the others go on. Files run through :class:`xlkpi.pool.Batch`; each one is
recalculated under its output's lock (:mod:`xlkpi.locking`).
"""
from __future__ import annotations

import glob
import re
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from .engine import Book, collector_paused, evaluate, read_book
from .engine.refs import split_cell
from .errors import WorkbookError, XLError
from .exit_codes import ExitCode, worst
from .locking import WAIT, WorkbookBusy, workbook_lock
from .pool import Batch
from .xlsx.vet import check_package
from .xlsx.writer import write_values

if TYPE_CHECKING:
    import pandas as pd

    from .workbook.checker import Problem

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
SHOWN = 20  # cells a one-line message lists before "… N more"

Stage = Callable[[Path, str], None]  # (workbook, "reading" | "evaluating" | "writing")


@dataclass
class FileResult:
    """What became of one workbook. Cells are named ``Sheet!A1``."""

    path: str
    output: str | None = None
    ok: bool = False  # recalculated and written
    formula_cells: int = 0
    error_cells: int = 0  # formula cells whose value is an Excel error (#DIV/0! …)
    error_refs: list[str] = field(default_factory=list)  # those cells
    na_cells: int = 0  # formula cells whose #N/A their formula asks for with NA() (not counted as errors)
    kept: dict[str, str] = field(default_factory=dict)  # cell → function the engine lacks; stored value kept
    unknown: dict[str, str] = field(default_factory=dict)  # cell → name Excel does not know (#NAME?)
    problems: list[dict[str, str]] = field(default_factory=list)  # xlkpi check on an xlkpi weekly workbook
    seconds: float = 0.0
    message: str = ""  # why the file failed
    busy: bool = False  # failed because another run was writing it

    @property
    def exit_code(self) -> ExitCode:
        if not self.ok:
            return ExitCode.BUSY if self.busy else ExitCode.FAILED
        return ExitCode.PARTIAL if self.kept else ExitCode.OK


@dataclass
class Summary:
    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Every file recalculated (some may have cells left as stored: see ``exit_code``)."""
        return all(f.ok for f in self.files) and bool(self.files)

    @property
    def exit_code(self) -> ExitCode:
        """The most serious of the files' (:mod:`xlkpi.exit_codes`); USAGE for no file."""
        return worst(f.exit_code for f in self.files) if self.files else ExitCode.USAGE

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "files": len(self.files),
            "failed": sum(not f.ok for f in self.files),
            "formula_cells": sum(f.formula_cells for f in self.files),
            "error_cells": sum(f.error_cells for f in self.files),
            "na_cells": sum(f.na_cells for f in self.files),
            "kept_cells": sum(len(f.kept) for f in self.files),
            "seconds": round(self.seconds, 3),
            "results": [dict(vars(f)) for f in self.files],  # its lists and dicts hold plain values already
        }


class NoWorkbooksFound(ValueError):
    """Nothing to recalculate: every folder and pattern given matched no workbook."""


class FileTimeout(BaseException):
    """A file ran past its deadline (a BaseException, so that no ``except Exception`` swallows it)."""


def find_workbooks(pattern: str | Path) -> list[Path]:
    """A file (kept as given, even if missing), a folder's workbooks (not recursive) or a glob's matches.

    Excel's lock files (``~$Book.xlsx``) are never workbooks.
    """
    path = Path(pattern)
    if path.is_dir():
        matches = sorted(p for p in path.iterdir() if p.suffix.lower() in WORKBOOK_SUFFIXES)
    elif not path.exists() and glob.has_magic(str(pattern)):
        matches = sorted(Path(p) for p in glob.glob(str(pattern), recursive=True))
    else:
        matches = [path]
    return [p for p in matches if not p.name.startswith("~$")]


def expand_paths(patterns: Iterable[str | Path] | str | Path) -> list[Path]:
    """Files, folders and glob patterns → workbook paths, each once.

    A named file that does not exist is kept (its recalculation fails with "no such file");
    raises NoWorkbooksFound when nothing at all is found.
    """
    patterns = [patterns] if isinstance(patterns, (str, Path)) else list(patterns)
    found = [p for pattern in patterns for p in find_workbooks(pattern)]
    if not found:
        raise NoWorkbooksFound(f"no workbooks found in {', '.join(map(str, patterns))}")
    return list(dict.fromkeys(found))


def workbook_paths(patterns: Iterable[str | Path] | str | Path) -> list[Path | str]:
    """:func:`expand_paths`, and fsspec URLs (``s3://bucket/clients/*.xlsx``, ``memory://…``; kept
    as text) when a pattern is one (xlkpi.distributed, ``pip install 'xlkpi[many]'``)."""
    patterns = [patterns] if isinstance(patterns, (str, Path)) else list(patterns)
    if not any("://" in str(p) for p in patterns):
        return list(expand_paths(patterns))
    from .distributed.paths import expand

    return [p if "://" in p else Path(p) for p in expand(patterns)]


def _ref(cell: tuple[str, str]) -> str:
    return f"{cell[0]}!{cell[1]}"


def _in_order(cells: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Cells sheet by sheet (in the order the sheets first appear), row by row."""
    cells = list(cells)
    sheets = {sheet: n for n, sheet in enumerate(dict.fromkeys(s for s, _ in cells))}
    return sorted(cells, key=lambda c: (sheets[c[0]], *split_cell(c[1])))


def listing(refs: Iterable[str], limit: int = SHOWN) -> str:
    """``A!B2, A!B3 … (N more)``: the first ``limit`` of ``refs``."""
    refs = list(refs)
    more = f" … ({len(refs) - limit} more)" if len(refs) > limit else ""
    return ", ".join(refs[:limit]) + more


def by_name(cells: Mapping[str, str]) -> str:
    """``FORECAST.ETS in A!B2, A!B3; NOPE in A!C1``: cells grouped by the function or name responsible."""
    groups: dict[str, list[str]] = {}
    for ref, name in cells.items():
        groups.setdefault(name, []).append(ref)
    return "; ".join(f"{name} in {listing(refs)}" for name, refs in groups.items())


def _input_problems(book: Book) -> list[Problem]:
    """xlkpi check's findings on an xlkpi weekly workbook; none on any other workbook."""
    from .workbook.checker import check_book
    from .workbook.reader import is_weekly_workbook

    return check_book(book) if is_weekly_workbook(book) else []


def _recalc(path: Path, target: Path, result: FileResult, strict: bool, cache: bool, stage: Stage) -> None:
    """Recalculate ``path`` into ``target``, filling ``result``; raises WorkbookError when the file fails."""
    stage(path, "reading")
    check_package(path)
    book = read_book(path)
    problems = _input_problems(book)
    result.problems = [p.as_dict() for p in problems]
    errors = [p for p in problems if p.severity == "error"]
    if strict and errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more input errors)" if len(errors) > 1 else ""
        raise WorkbookError(str(path), f"{first.message}{more}; strict: input errors fail the file", first.sheet, first.cell)
    stage(path, "evaluating")
    evaluation = evaluate(path, book=book, cache=cache)
    result.kept = {_ref(c): evaluation.kept[c] for c in _in_order(evaluation.kept)}
    result.unknown = {_ref(c): evaluation.unknown[c] for c in _in_order(evaluation.unknown)}
    if strict and (result.kept or result.unknown):
        reasons = []
        if result.kept:
            reasons.append(f"{len(result.kept)} cell(s) the engine cannot compute: {by_name(result.kept)}")
        if result.unknown:
            reasons.append(f"{len(result.unknown)} cell(s) use a name Excel does not know (#NAME?): "
                           f"{by_name(result.unknown)}")
        raise WorkbookError(str(path), f"strict: {'; '.join(reasons)}")
    stage(path, "writing")
    try:
        write_values(path, target, evaluation.values)
    except OSError as error:
        raise WorkbookError(str(path), f"cannot write {target} ({error.strerror or error})") from None
    result.formula_cells = evaluation.formula_cells
    failed = [c for c, v in evaluation.values.items() if isinstance(v, XLError)]
    asked = {c for c in failed if evaluation.values[c] is XLError.NA and _asks_for_na(book, c)}
    result.error_refs = [_ref(c) for c in _in_order(c for c in failed if c not in asked)]
    result.error_cells = len(result.error_refs)
    result.na_cells = len(asked)


_NA_CALL = re.compile(r"(?<![\w.])NA\(\s*\)", re.IGNORECASE)


def _asks_for_na(book: Book, cell: tuple[str, str]) -> bool:
    """The cell's formula calls NA(): its #N/A is asked for (a gap in a chart), not a failure."""
    sheet = book.sheets[cell[0]]
    formula = sheet.formulas.get(split_cell(cell[1]))
    return formula is not None and bool(_NA_CALL.search(formula.text))


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise FileTimeout in the block after ``seconds`` (SIGALRM; only in a process's main thread)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise FileTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)


def _no_stage(path: Path, stage: str) -> None:
    """No progress report."""


def recalc_file(
    path: str | Path,
    output: str | Path | None = None,
    *,
    strict: bool = False,
    timeout: float | None = None,
    cache: bool = True,
    on_stage: Stage | None = None,
    wait: float = WAIT,
) -> FileResult:
    """Recalculate one workbook into ``output`` (default: in place); a failure is in the result.

    ``strict``: cells left as stored or with unknown names, and input errors on an xlkpi weekly
    workbook, fail the file. ``timeout``: seconds before the file fails (None: no limit).
    ``cache``: read and store the compiled formulas on disk. ``on_stage`` is told each stage as
    it starts. ``wait``: seconds to wait while another run writes ``output`` before failing as busy.
    """
    path = Path(path)
    target = Path(output) if output else path
    result = FileResult(path=str(path))
    start = time.perf_counter()
    try:
        with workbook_lock(target, wait), _deadline(timeout), collector_paused():
            _recalc(path, target, result, strict, cache, on_stage or _no_stage)
    except WorkbookBusy as error:
        result.message, result.busy = str(error), True
    except WorkbookError as error:
        result.message = str(error)
    except FileTimeout:
        result.message = f"{path}: timed out after {timeout:g} s; left untouched"
    except Exception as error:  # noqa: BLE001  (an engine or writer bug must not stop the batch)
        result.message = _internal_error(path, error)
    else:
        result.ok, result.output = True, str(target)
    result.seconds = time.perf_counter() - start
    return result


def _internal_error(path: Path | str, error: BaseException) -> str:
    return f"{path}: internal error while recalculating ({type(error).__name__}: {' '.join(str(error).split())})"


def _outputs(paths: list[Path | str], output_dir: Path | None) -> list[Path | None]:
    if output_dir is None:
        return [None] * len(paths)
    if any(isinstance(p, str) for p in paths):
        raise ValueError("workbooks given by URL are recalculated in place: leave out -o")
    names = [Path(p).name for p in paths]
    clashes = sorted({n for n in names if names.count(n) > 1})
    if clashes:
        raise ValueError(f"several inputs are named {', '.join(clashes)}: they would overwrite each other in {output_dir}")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ValueError(f"{output_dir}: cannot create the output folder ({error.strerror or error})") from None
    return [output_dir / n for n in names]


def recalc(
    paths: Iterable[str | Path] | str | Path,
    output_dir: str | Path | None = None,
    jobs: int = 1,
    on_done: Callable[[FileResult], None] | None = None,
    *,
    strict: bool = False,
    timeout: float | None = None,
    cache: bool = True,
    on_stage: Stage | None = None,
    wait: float = WAIT,
    executor: Executor | None = None,
) -> Summary:
    """Recalculate workbooks (files, folders or globs, local or fsspec URLs) in place, or into ``output_dir``.

    ``jobs`` > 1 spreads files over processes. The first file is recalculated here first, so
    where processes are forked (Linux, macOS) they start with its template's formulas
    compiled; files sharing them are then only fed their inputs. ``executor`` (a Dask
    cluster's, say) runs each file as one of its tasks instead. ``strict``, ``timeout``
    (seconds per file), ``cache`` and ``wait`` are :func:`recalc_file`'s; ``on_stage`` is told
    the stages of the files recalculated in this process. Raises NoWorkbooksFound, or
    ValueError for an unusable ``output_dir``. Results are in the order of the files.
    """
    files = workbook_paths(paths)
    outputs = _outputs(files, Path(output_dir) if output_dir else None)
    summary = Summary()
    start = time.perf_counter()

    def done(index: int, result: FileResult) -> None:
        summary.files.append(result)
        if on_done:
            on_done(result)

    def lost(index: int, error: BaseException) -> FileResult:
        return FileResult(path=str(files[index]), message=_internal_error(files[index], error))

    here = on_stage if executor is None and (jobs == 1 or len(files) == 1) else None
    tasks = [(path, output, strict, timeout, cache, here, wait) for path, output in zip(files, outputs)]
    Batch(_recalc_task, tasks, done, lost).run(jobs, executor, first_here=True)
    order = {str(p): n for n, p in enumerate(files)}
    summary.files.sort(key=lambda f: order[f.path])
    summary.seconds = time.perf_counter() - start
    return summary


def _recalc_task(path: Path | str, output: Path | None, strict: bool, timeout: float | None, cache: bool,
                 on_stage: Stage | None, wait: float) -> FileResult:
    """One file of a batch (plain arguments: a pool may run it in another process or on another machine).
    A URL is recalculated in a local copy, written back only when complete and changed."""
    if isinstance(path, str):
        from .distributed.paths import local_copy

        with local_copy(path) as local:
            result = recalc_file(local, None, strict=strict, timeout=timeout, cache=cache, on_stage=on_stage, wait=wait)
        result.message = result.message.replace(str(local), path)
        result.path = result.output = path
        return result
    return recalc_file(path, output, strict=strict, timeout=timeout, cache=cache, on_stage=on_stage, wait=wait)


def computed_frames(path: str | Path, header: bool = True) -> dict[str, pd.DataFrame]:
    """Every sheet's values after a recalc, as DataFrames, without touching ``path``.

    Error cells hold :class:`XLError` members (pandas.read_excel would turn them into NaN);
    with ``header`` the first row names the columns. Raises WorkbookError.
    """
    import openpyxl

    path = Path(path)
    check_package(path)
    evaluation = evaluate(path)
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / path.name
        write_values(path, output, evaluation.values)
        book = openpyxl.load_workbook(output, data_only=True, read_only=True)
        try:
            frames = {sheet.title: _frame(sheet, header) for sheet in book.worksheets}
        finally:
            book.close()
    return frames


def _frame(sheet: Any, header: bool) -> pd.DataFrame:
    import pandas as pd

    rows = [[XLError.parse(c.value) if c.data_type == "e" else c.value for c in row] for row in sheet.iter_rows()]
    if header and rows:
        return pd.DataFrame(rows[1:], columns=rows[0])
    return pd.DataFrame(rows)
