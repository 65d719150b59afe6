"""How much a workbook may take: the package limits and the memory budget (``--max-memory``).

Every limit is read when a file is opened, so a test (or a caller) may lower it for a run.
"""
from __future__ import annotations

import os
import re

MAX_UNCOMPRESSED = 1 << 30  # bytes all entries together may unpack to
MAX_ENTRIES = 10_000  # zip entries (Excel writes a few dozen; thousands of images stay far below)
MAX_RATIO = 200  # an entry, or the package as a whole, compressed more than this ...
RATIO_MIN_SIZE = 10 << 20  # ... that unpacks to more than this many bytes is a zip bomb
CELL_BYTES = 400  # what one stored cell costs: ~200 bytes once read (measured), about as much again to evaluate
FALLBACK_MEMORY = 4 << 30  # the budget where the machine's memory cannot be known

_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*", re.IGNORECASE)
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def default_max_memory() -> int:
    """Half the machine's memory, or half of what this process's address-space limit leaves, when lower."""
    try:
        total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        total = 2 * FALLBACK_MEMORY
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
        if soft != resource.RLIM_INFINITY:
            total = min(total, soft - _address_space())
    except (ImportError, OSError, ValueError):
        pass
    return max(total // 2, 16 << 20)


def _address_space() -> int:
    """This process's virtual size (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def parse_size(text: str) -> int:
    """"2G", "512M", "1.5GiB", "300000000" → bytes; ValueError otherwise."""
    match = _SIZE.fullmatch(text)
    if match is None:
        raise ValueError(f"not a size: {text!r} (e.g. 2G, 512M)")
    return int(float(match.group(1)) * _UNITS[match.group(2).upper()])


def mib(size: float) -> str:
    return f"{size / (1 << 20):,.1f} MiB"
