"""The one progress bar of every command (files of a batch, rows of an export) and the stages
of a single file, on stderr."""
from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import click


class Bar:
    """tqdm's bar of ``unit`` on stderr, shown once ``show_from`` have been counted (tqdm imported only then).

    ``shown`` False: no bar at all (--quiet, --json, a single file).
    """

    def __init__(self, unit: str, total: int | None = None, shown: bool = True, show_from: int = 0) -> None:
        self.unit, self.total, self.shown, self.show_from = unit, total, shown, show_from
        self.count = 0
        self.bar: Any = None
        if shown and not show_from:
            self._start(0)

    def _start(self, initial: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=self.total, unit=self.unit, file=sys.stderr, initial=initial)

    def update(self, count: int = 1) -> None:
        self.count += count
        if self.bar is None and self.shown and self.count >= self.show_from:
            self._start(self.count - count)
        if self.bar is not None:
            self.bar.update(count)

    def write(self, line: str) -> None:
        """A line on stderr above the bar (the bar redrawn below it)."""
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()


class Stages:
    """Prints "book.xlsx: evaluating…" on stderr as each stage starts, on a terminal at once,
    elsewhere only once it has taken a second."""

    def __init__(self) -> None:
        self.delay = 0 if stderr_is_tty() else 1.0
        self.timer: threading.Timer | None = None

    def __call__(self, path: Path, stage: str) -> None:
        self.cancel()
        line = f"{path}: {stage}…"
        if not self.delay:
            click.echo(line, err=True)
            return
        self.timer = threading.Timer(self.delay, click.echo, (line,), {"err": True})
        self.timer.daemon = True
        self.timer.start()

    def cancel(self) -> None:
        if self.timer:
            self.timer.cancel()
