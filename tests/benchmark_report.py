"""Render times of ``xlkpi report`` (not a test: timings on a shared machine are noisy).

    python tests/benchmark_report.py [--files 20]

Builds ``--files`` filled workbooks (tests/report_books.py: a seeded half year, 300 leads, stale
stored values so each is recalculated in memory), then times, each as a new process:

* one report to the terminal (``xlkpi report BOOK``);
* one report's files (``xlkpi report BOOK -o DIR``: report.html, summary.png, report.eml);
* the batch (``xlkpi report DIR/*.xlsx -o OUT``) with one process and with two (``--jobs 2``), the
  issue's target being well under a minute for 20.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


from report_books import seeded_book

XLKPI = [sys.executable, "-m", "xlkpi"]


def timed(command: list[str]) -> str:
    """Wall time and CPU time (user + system, the command and its workers): on a shared machine
    the CPU time says more about xlkpi than the wall time does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return f"{seconds:6.2f} s wall, {cpu:6.2f} s CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "clients"
        folder.mkdir()
        os.environ.setdefault("XLKPI_CACHE_DIR", str(Path(tmp) / "cache"))
        start = time.perf_counter()
        books = [seeded_book(folder / f"client{n:02d}.xlsx", ("en", "fr")[n % 2], seed=n) for n in range(args.files)]
        print(f"built {len(books)} workbooks in {time.perf_counter() - start:.1f} s")
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        print(f"one report, terminal table:            {timed([*XLKPI, 'report', str(books[0])])}")
        print(f"one report, html+png+eml files:        {timed([*XLKPI, 'report', str(books[1]), '-o', str(Path(tmp) / 'one')])}")
        for jobs in (1, 2):
            batch = timed([*XLKPI, "report", str(folder / "*.xlsx"), "-o", str(Path(tmp) / f"reports{jobs}"), "-q",
                           "--jobs", str(jobs)])
            print(f"batch of {len(books)} reports, --jobs {jobs}:        {batch}")


if __name__ == "__main__":
    main()
