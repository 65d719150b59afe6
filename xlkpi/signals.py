"""Ctrl-C and SIGTERM held back over a few statements that must not be cut (standard library only)."""
from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

STOPS = {signal.SIGINT, signal.SIGTERM}  # the signals that stop an xlkpi run


@contextmanager
def stops_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back in this thread (and what it forks) for the block; delivered as
    it ends (POSIX; elsewhere nothing is held)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
