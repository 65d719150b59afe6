"""Per-file work on a Dask distributed cluster, behind the standard ``concurrent.futures`` API.

``open_executor("tcp://host:8786")`` connects to a running scheduler (``dask scheduler``);
``open_executor("local:4")`` starts a LocalCluster of 4 single-threaded worker processes here.
A worker that dies mid-task has its task run again on another worker (Dask's
``distributed.scheduler.allowed-failures``, 3 by default); past that the task's future raises
``KilledWorker``, which the caller reports as that file's failure. Leaving the block on an
exception (Ctrl-C, SIGTERM) cancels every task not yet finished.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import AbstractContextManager, ExitStack, contextmanager

RETRIES = 2  # reruns of a task that raised (a worker's transient error); files fail inside the task, not by raising
CONNECT_TIMEOUT = "10s"
_LOCAL = re.compile(r"local:(\d+)")


class SchedulerUnavailable(OSError):
    """The scheduler cannot be reached, or the local cluster cannot start."""


def open_executor(address: str) -> AbstractContextManager[Executor]:
    """An Executor running tasks on the Dask cluster at ``address`` (``tcp://…``, ``tls://…``,
    ``host:port``) or on a new LocalCluster of N workers (``local:N``). Raises ValueError for an
    address of neither form; entering raises SchedulerUnavailable when the cluster cannot be reached."""
    local = _LOCAL.fullmatch(address.strip())
    if local is None and (address.startswith("local:") or ":" not in address):
        raise ValueError(f"--scheduler {address}: expected tcp://HOST:PORT (a dask scheduler) or local:N (N workers here)")
    if local is not None and int(local.group(1)) < 1:
        raise ValueError(f"--scheduler {address}: a local cluster needs at least 1 worker")
    return _executor(address.strip(), int(local.group(1)) if local else None)


@contextmanager
def _executor(address: str, workers: int | None) -> Iterator[Executor]:
    from dask.distributed import Client, LocalCluster

    with ExitStack() as stack:
        try:
            if workers is not None:
                cluster = stack.enter_context(LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"))
                client = stack.enter_context(Client(cluster))
            else:
                client = stack.enter_context(Client(address, timeout=CONNECT_TIMEOUT))
        except (OSError, TimeoutError) as error:
            where = f"a local cluster of {workers} workers" if workers else f"the Dask scheduler at {address}"
            raise SchedulerUnavailable(f"cannot reach {where} ({' '.join(str(error).split())})") from None
        executor = client.get_executor(pure=False, retries=RETRIES)
        try:
            yield executor
        except BaseException:
            executor.shutdown(wait=False)  # cancels every task not yet finished
            raise
        executor.shutdown(wait=True)
