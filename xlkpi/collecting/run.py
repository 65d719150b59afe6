"""Collect many workbooks: each file is one task of the one pool (here, in processes or on a Dask
cluster), and the tables of the files that could be read are put end to end."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..distributed.paths import expand
from ..pool import Batch
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
    executor: Executor | None = None,
    on_done: Callable[[FileFrames], None] | None = None,
) -> Collection:
    """The KPIs and Leads of the workbooks at ``paths`` (files, folders, globs; local or fsspec URLs).

    Stale workbooks are recalculated in memory; no file is written. Each file is one task of
    :class:`~xlkpi.pool.Batch`: on ``executor`` when given, else on the Dask ``scheduler``
    (``tcp://host:port`` or ``local:N``), else over ``jobs`` processes. A workbook that cannot be
    read (or whose worker was lost) is in ``failures``; the others are collected. Raises
    NoWorkbooksFound, and ValueError for a bad ``scheduler``."""
    files = expand(paths)
    results: dict[int, FileFrames] = {}

    def done(index: int, result: FileFrames) -> None:
        result.path = files[index]
        results[index] = result
        if on_done:
            on_done(result)

    def lost(index: int, error: BaseException) -> FileFrames:
        return FileFrames(files[index], message=f"{files[index]}: lost with its worker ({type(error).__name__}: "
                                                f"{' '.join(str(error).split())})")

    # local paths absolute: a worker runs in its own folder, maybe on another machine
    batch = Batch(collect_file, [(workbook_name(path),) for path in files], done, lost)
    if executor is None and scheduler is not None:
        from ..distributed.executor import open_executor

        with open_executor(scheduler) as opened:
            batch.run(executor=opened)
    else:
        batch.run(jobs, executor)
    ordered = [results[n] for n in sorted(results)]
    read = [r for r in ordered if r.ok]
    kpis = [r.kpis for r in read if r.kpis is not None]
    leads = [r.leads for r in read if r.leads is not None]
    return Collection(
        kpis=pd.concat(kpis, ignore_index=True) if kpis else empty_kpis(),
        leads=pd.concat(leads, ignore_index=True) if leads else empty_leads(),
        workbooks=[workbook_name(r.path) for r in read],
        failures=[r.message for r in ordered if not r.ok],
    )
