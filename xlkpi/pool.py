"""One pool for every batch (recalc, report, import): files as tasks, in this process, over
worker processes, or on any :class:`concurrent.futures.Executor` (a Dask cluster's).

A task is a picklable top-level function and plain arguments; a task's failure is its result,
never raised. On any exception while the pool runs (Ctrl-C, SIGTERM) pending tasks are
cancelled and the pool's own workers stopped before it propagates: the writers under them
remove what they were writing, so every file is as it was or completely written.
"""
from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, as_completed
from contextlib import contextmanager
from types import FrameType
from typing import Any, Generic, TypeVar

from .signals import STOPS, stops_held

R = TypeVar("R")


class Stopped(SystemExit):
    """SIGTERM: stop now, as Ctrl-C does. Exit status 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)


def raise_stopped(signum: int, frame: FrameType | None) -> None:
    """SIGTERM handler: stop as on Ctrl-C (the file being written is removed, the old one stays)."""
    raise Stopped(signum)


class Batch(Generic[R]):
    """``work(*args)`` for each of ``tasks``; ``done(index, result)`` as each finishes.

    ``lost(index, error)`` turns a task that raised in its worker (a worker killed, out of
    memory, a lost Dask worker …) into that task's result.
    """

    def __init__(self, work: Callable[..., R], tasks: Sequence[tuple[Any, ...]], done: Callable[[int, R], None],
                 lost: Callable[[int, BaseException], R]) -> None:
        self.work, self.tasks, self.done, self.lost = work, list(tasks), done, lost

    def run(self, jobs: int = 1, executor: Executor | None = None, first_here: bool = False) -> None:
        """On ``executor`` if given; else over ``jobs`` forked processes (``first_here``: the first
        task runs in this process first, so the workers inherit what it loaded), else here."""
        if executor is not None:
            self._on(executor, range(len(self.tasks)))
        elif jobs > 1 and len(self.tasks) > 1:
            start = 1 if first_here else 0
            for index in range(start):
                self.done(index, self.work(*self.tasks[index]))
            self._in_processes(jobs, range(start, len(self.tasks)))
        else:
            for index, args in enumerate(self.tasks):
                self.done(index, self.work(*args))

    def _collect(self, futures: dict[Future[R], int]) -> None:
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as error:  # noqa: BLE001  (the worker died: that task's failure)
                result = self.lost(futures[future], error)
            self.done(futures[future], result)

    def _on(self, executor: Executor, indices: range) -> None:
        """Each task as one task of someone else's executor: cancelled on any exception, never shut down here."""
        futures: dict[Future[R], int] = {}
        try:
            for index in indices:
                futures[executor.submit(self.work, *self.tasks[index])] = index
            self._collect(futures)
        except BaseException:
            for future in futures:
                future.cancel()
            raise

    def _in_processes(self, jobs: int, indices: range) -> None:
        """Over ``jobs`` processes, forked where possible (they inherit what this one loaded)."""
        import multiprocessing  # here: a single file needs no pool (10 ms of imports)
        from concurrent.futures import ProcessPoolExecutor

        fork = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        with ProcessPoolExecutor(max_workers=jobs, mp_context=fork, initializer=_worker_signals) as pool:
            futures: dict[Future[R], int] = {}
            try:
                with stops_held():  # the workers are forked here, before their initializer runs
                    for index in indices:
                        futures[pool.submit(self.work, *self.tasks[index])] = index
                self._collect(futures)
            except BaseException:
                workers = list((pool._processes or {}).values())  # no public handle on the workers
                pool.shutdown(wait=False, cancel_futures=True)
                for worker in workers:
                    worker.terminate()
                for worker in workers:
                    worker.join()
                raise


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """SIGTERM raises :class:`Stopped` in the block, as Ctrl-C raises KeyboardInterrupt (main thread only)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, raise_stopped)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _worker_signals() -> None:
    """In a worker process: Ctrl-C is the parent's to handle; SIGTERM (from it) stops the file at once.
    The worker was forked with both signals blocked (see :func:`xlkpi.signals.stops_held`): a Ctrl-C that came
    while it started is dropped here instead of printing a KeyboardInterrupt traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    sys.unraisablehook = _unraisable
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)


def _stop_worker(signum: int, frame: FrameType | None) -> None:
    """SIGTERM in a worker, heeded once: a second one (a broken pool's) must not cut the first's clean-up."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Stopped(signum)


def _unraisable(unraisable: Any) -> None:
    """A SIGTERM that lands in a ``__del__`` is lost (the worker then finishes its file): say nothing."""
    if not isinstance(unraisable.exc_value, Stopped):
        sys.__unraisablehook__(unraisable)
