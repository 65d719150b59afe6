"""What the batch commands (recalc, report, import) share: --scheduler, --wait, the progress of
the files and a stop (Ctrl-C, SIGTERM) reported in one line."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from typing import Any, NoReturn, TypeVar

import click

from ..exit_codes import ExitCode
from ..locking import WAIT
from ..pool import Stopped
from .progress import Bar

F = TypeVar("F", bound=Callable[..., Any])


def scheduler_option(command: F) -> F:
    return click.option(
        "--scheduler", metavar="ADDRESS",
        help="Run each file as one task on this Dask scheduler (tcp://HOST:PORT, or local:N for N local worker "
             "processes) instead of here (--jobs then does not apply); needs xlkpi[many]. Same summary, "
             "progress and exit status.")(command)


def wait_option(command: F) -> F:
    return click.option(
        "--wait", type=click.FloatRange(min=0), default=WAIT, show_default=True, metavar="SECONDS",
        help="How long to wait while another xlkpi run writes the same workbook; then fail it as busy (exit 4).")(command)


def fail(message: str, code: ExitCode) -> NoReturn:
    """One line on stderr, then exit ``code``."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@contextmanager
def executor_for(address: str | None) -> Iterator[Executor | None]:
    """The executor of the Dask scheduler at ``address`` for the block; None without an address."""
    if address is None:
        yield None
        return
    try:
        from ..distributed.executor import open_executor
    except ImportError as error:
        fail(f"--scheduler {address}: needs Dask and xlkpi's distributed support (pip install 'xlkpi[many]'); "
             f"{error}", ExitCode.UNAVAILABLE)
    with ExitStack() as stack:
        try:
            executor = stack.enter_context(open_executor(address))
        except Exception as error:  # noqa: BLE001  (refused, timed out, a bad address: the user's to fix)
            fail(f"--scheduler {address}: cannot use this scheduler ({type(error).__name__}: "
                 f"{' '.join(str(error).split())})", ExitCode.UNAVAILABLE)
        yield executor


class Files:
    """The files of a batch as they finish: the progress bar, and one line if the batch is stopped."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total, self.finished = total, 0
        self.bar = Bar("file", total, shown=not quiet and total > 1)

    def done(self) -> None:
        self.finished += 1
        self.bar.update()

    @contextmanager
    def running(self) -> Iterator[None]:
        """Ctrl-C or SIGTERM in the block: the bar closed, one line, exit 130 or 143 (no traceback)."""
        try:
            yield
        except (KeyboardInterrupt, Stopped) as stop:
            self.bar.close()
            click.echo(f"stopped: {self.finished} of {self.total} files done; none was left half-written", err=True)
            sys.exit(stop.code if isinstance(stop, Stopped) else ExitCode.INTERRUPTED)
        finally:
            self.bar.close()
