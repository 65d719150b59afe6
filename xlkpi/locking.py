"""The advisory lock a writer holds on a workbook from reading it to replacing it.

Two xlkpi runs on one workbook (an import and a recalc, two imports) take turns: the second
waits up to ``wait`` seconds, then fails with "busy" and leaves the file untouched, so each
run reads what the other wrote and says what is in the file afterwards. The lock is a file
``.NAME.xlkpi-lock`` beside the workbook (symlinks resolved: a link and its target share
it), so runs on other machines sharing the folder take turns too. The holder removes it
before releasing (filelock retries a lock whose file was removed under it).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import WorkbookError

WAIT = 60.0  # seconds a run waits for another one's write


class WorkbookBusy(WorkbookError):
    """Another xlkpi run held the workbook's lock for longer than this run waited."""


def lock_path(workbook: Path) -> Path:
    target = workbook.resolve()
    return target.with_name(f".{target.name}.xlkpi-lock")


@contextmanager
def workbook_lock(workbook: str | Path, wait: float = WAIT) -> Iterator[None]:
    """Hold ``workbook``'s lock for the block (re-entrant in one thread); raises WorkbookBusy after ``wait`` seconds.

    Where no lock file can be made (a read-only folder, a missing one), no writer can write
    either: the block runs unlocked and the writer says why it cannot write.
    """
    from filelock import FileLock, Timeout

    path = Path(workbook)
    try:
        lock = FileLock(lock_path(path), is_singleton=True)
        lock.acquire(timeout=wait)
    except Timeout:
        raise WorkbookBusy(path, f"busy: another xlkpi run is writing it (waited {wait:g} s); left untouched, "
                                 "try again") from None
    except OSError:
        yield
        return
    try:
        yield
    finally:
        if lock.lock_counter == 1:
            with suppress(OSError):
                lock_path(path).unlink()
        lock.release()
