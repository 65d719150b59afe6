"""Collect many workbooks: each file is one task (here, in a process pool or on a Dask cluster),
and the tables of the files that could be read are put end to end."""
from __future__ import annotations

import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, as_completed
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..distributed.paths import expand
from .frames import FileFrames, collect_file, empty_kpis, empty_leads, workbook_name


@dataclass
class Collection:
    """The tables of every workbook collected, and a one-line message per workbook that failed.

    Unpacks as its two tables: ``kpis, leads = xlkpi.collect(...)``."""

    kpis: pd.DataFrame
    leads: pd.DataFrame
    workbooks: list[str] = field(default_factory=list)  # the ``workbook`` key of every file collected
    failures: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[pd.DataFrame]:
        return iter((self.kpis, self.leads))


def collect(
    paths: Iterable[str | Path] | str | Path,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    on_done: Callable[[FileFrames], None] | None = None,
) -> Collection:
    """The KPIs and Leads of the workbooks at ``paths`` (files, folders, globs; local or fsspec URLs).

    Stale workbooks are recalculated in memory; no file is written. ``jobs`` > 1 reads files in
    that many processes; ``scheduler`` (``tcp://host:port`` or ``local:N``) on a Dask cluster
    instead. A workbook that cannot be read is in ``failures``; the others are collected.
    Raises NoWorkbooksFound, and ValueError for a bad ``scheduler``."""
    files = expand(paths)
    results: list[FileFrames] = []

    def done(result: FileFrames) -> None:
        results.append(result)
        if on_done:
            on_done(result)

    if scheduler is not None:
        from ..distributed.executor import open_executor

        _in_executor(files, open_executor(scheduler), done)
    elif jobs > 1 and len(files) > 1:
        _in_executor(files, _process_pool(jobs), done)
    else:
        for path in files:
            done(collect_file(path))
    order = {path: n for n, path in enumerate(files)}
    results.sort(key=lambda r: order[r.path])
    read = [r for r in results if r.ok]
    kpis = [r.kpis for r in read if r.kpis is not None]
    leads = [r.leads for r in read if r.leads is not None]
    return Collection(
        kpis=pd.concat(kpis, ignore_index=True) if kpis else empty_kpis(),
        leads=pd.concat(leads, ignore_index=True) if leads else empty_leads(),
        workbooks=[workbook_name(r.path) for r in read],
        failures=[r.message for r in results if not r.ok],
    )


def _in_executor(files: list[str], opened: AbstractContextManager[Executor], done: Callable[[FileFrames], None]) -> None:
    """Each file one task; a task lost with its worker (again and again) is that file's failure."""
    with opened as executor:  # local paths absolute: a worker runs in its own folder, maybe on another machine
        futures: dict[Future[FileFrames], str] = {executor.submit(collect_file, workbook_name(path)): path for path in files}
        for future in as_completed(futures):
            try:
                result = future.result()
                result.path = futures[future]
            except Exception as error:  # noqa: BLE001  (the worker died, again and again: KilledWorker …)
                path = futures[future]
                result = FileFrames(path, message=f"{path}: lost with its worker ({type(error).__name__}: "
                                                  f"{' '.join(str(error).split())})")
            done(result)


@contextmanager
def _process_pool(jobs: int) -> Iterator[Executor]:
    """A pool of ``jobs`` processes; leaving on an exception (Ctrl-C) cancels the files not started."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_parent_handles_ctrl_c)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _parent_handles_ctrl_c() -> None:
    """In a pool process: Ctrl-C is the parent's to handle (no traceback per worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
