"""Benchmark (not a test): import a 200,000-row Aircall export into a fresh weekly workbook.

    .venv/bin/python tests/benchmark_import.py [ROWS]

Prints the seconds taken (read + aggregate + write + recalc) and the peak memory of the
process (ru_maxrss) and of Python's allocations during the import (tracemalloc).
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from exports_fixtures import aircall

from xlkpi.importer import import_exports
from xlkpi.workbook.builder import build_template


def main() -> None:
    parser = argparse.ArgumentParser(description="Import an N-row Aircall export into a fresh weekly workbook.")
    parser.add_argument("rows", nargs="?", type=int, default=200_000, help="calls in the export (default 200,000)")
    rows = parser.parse_args().rows
    rng = random.Random(12)
    start = dt.datetime(2026, 1, 1)
    calls = [(start + dt.timedelta(seconds=rng.randrange(360 * 86400)), rng.choice(("outbound", "outbound", "inbound")),
              rng.choice(("Yes", "No")), rng.randrange(0, 900)) for _ in range(rows)]
    with tempfile.TemporaryDirectory() as tmp:
        book, export = Path(tmp) / "weekly.xlsx", Path(tmp) / "calls.csv"
        build_template(book, 2026, "en")
        aircall(export, calls, "2024")
        del calls
        size = export.stat().st_size
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        result = import_exports(book, [export], timezone="Europe/Paris")
        seconds = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        build_template(book, 2026, "en")  # again, measuring Python's allocations (tracemalloc slows it down)
        tracemalloc.start()
        import_exports(book, [export], timezone="Europe/Paris")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"rows {rows:,} ({size / 1e6:.1f} MB CSV); cells written {len(result.changes)}; of which recalc {result.recalc.get('seconds')} s")
    print(f"import: {seconds:.2f} s; Python allocations peak {peak / 2**20:.0f} MiB; "
          f"process max RSS {after / 1024:.0f} MiB ({before / 1024:.0f} MiB before the import, with the export built in memory)")

if __name__ == "__main__":
    main()
