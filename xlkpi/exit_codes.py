"""The exit status of every ``xlkpi`` command: one table, documented here and nowhere else
(``xlkpi --help`` prints it).

The same failure gets the same code from every command: a file that is not a workbook exits
1 from ``check``, ``export``, ``recalc``, ``report`` and ``import`` alike. In a batch the
most serious status wins, in this order: FAILED, BUSY, PARTIAL, OK.
"""
from __future__ import annotations

import textwrap
from collections.abc import Iterable
from enum import IntEnum


class ExitCode(IntEnum):
    """The exit status of an ``xlkpi`` command; each member's ``__doc__`` says when it is given."""

    def __new__(cls, value: int, doc: str) -> ExitCode:
        member = int.__new__(cls, value)
        member._value_ = value
        member.__doc__ = doc
        return member

    OK = 0, "Done: every file written, reported or checked clean."
    FAILED = 1, ("Bad input: a file could not be read, computed or written; it is named on stderr in one line and "
                 "left untouched, and the rest of a batch goes on. check: the workbook has input errors.")
    USAGE = 2, "Usage error: an unknown option or a bad value, no workbooks found, an output that exists without --force."
    PARTIAL = 3, ("Done, with something left as it was: cells the engine cannot compute keep their stored values "
                  "(recalc), cells typed by hand are kept (import conflicts).")
    BUSY = 4, ("Busy: another xlkpi run was writing the workbook and did not finish within --wait seconds; "
               "this run left it untouched. Try again.")
    UNAVAILABLE = 5, ("Unavailable: --scheduler without Dask (pip install xlkpi[many]) or with a scheduler "
                      "that cannot be reached.")
    INTERNAL = 70, "A bug in xlkpi: one line says what failed; xlkpi --debug … shows the traceback."
    INTERRUPTED = 130, "Stopped by Ctrl-C: every file is as it was or completely written."
    TERMINATED = 143, "Stopped by SIGTERM: every file is as it was or completely written."


def worst(codes: Iterable[int]) -> ExitCode:
    """A batch's status: the most serious of its files' (OK for none)."""
    found = set(codes)
    return next((code for code in (ExitCode.FAILED, ExitCode.BUSY, ExitCode.PARTIAL) if code in found), ExitCode.OK)


def table(width: int = 78) -> str:
    """The table as ``xlkpi --help`` prints it: each code, then what it means, wrapped at ``width``."""
    return "\n".join(textwrap.fill(code.__doc__ or "", width, initial_indent=f"{code.value:>3}  ", subsequent_indent=" " * 5)
                     for code in ExitCode)
