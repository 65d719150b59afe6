"""Many workbooks: recalc files/s with the process pool and on a Dask LocalCluster of 1 and 2
workers, collect's time, and the DuckDB file's size.

    PYTHONPATH=. python tests/benchmark_many.py [N]      (N workbooks, default 1000)

The workbooks are copies of the shipped example with seeded changes (a team name, costs and
revenue of a few weeks), written by the package writer (:func:`xlkpi.xlsx.writer.write_cells`), so
every file is stale and each run recalculates it. The figures are ratios of one run on one
machine; the recalc outputs of the pool and of the cluster are checked to be the same.
"""
from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import as_completed
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xlkpi.batch import recalc, recalc_file  # noqa: E402
from xlkpi.xlsx.writer import write_cells  # noqa: E402
from xlkpi.workbook.builder import example_path  # noqa: E402
from xlkpi.workbook.channels import CHANNELS  # noqa: E402
from xlkpi.workbook.layout import FIRST_WEEK_ROW, SETTING_ROW, input_columns, sheet_titles  # noqa: E402


def make_workbooks(folder: Path, count: int, seed: int = 21) -> list[Path]:
    """``count`` copies of the English example, each with its team name and, on three random
    channel weeks among the first ten, a new cost and revenue (seeded: the same every time)."""
    folder.mkdir(parents=True, exist_ok=True)
    titles = sheet_titles("en")
    paths = []
    for n in range(count):
        rnd = random.Random(seed * 1_000_003 + n)
        cells: dict[tuple[str, str], object] = {(titles["settings"], f"B{SETTING_ROW['Team']}"): f"Team {n:05d}"}
        for _ in range(3):
            channel = rnd.choice(CHANNELS)
            cols, row = input_columns(channel), FIRST_WEEK_ROW + rnd.randrange(10)
            cells[(titles[channel.key], f"{cols['cost']}{row}")] = round(rnd.uniform(50, 900), 2)
            cells[(titles[channel.key], f"{cols['revenue']}{row}")] = round(rnd.uniform(0, 20000), 2)
        path = folder / f"team_{n:05d}.xlsx"
        write_cells(example_path("en"), path, cells)
        paths.append(path)
    return paths


def _timed(what: Callable[[], object]) -> float:
    start = time.perf_counter()
    what()
    return time.perf_counter() - start


def _on_cluster(workers: int, files: list[Path], out: Path) -> float:
    """Seconds to recalculate ``files`` into ``out`` on a LocalCluster of ``workers`` (started beforehand)."""
    from xlkpi.distributed.executor import open_executor

    out.mkdir()
    with open_executor(f"local:{workers}") as executor:
        executor.submit(sum, [1]).result()  # the cluster is up
        start = time.perf_counter()
        futures = [executor.submit(recalc_file, path, out / path.name) for path in files]
        failed = [r.message for r in (f.result() for f in as_completed(futures)) if not r.ok]
        seconds = time.perf_counter() - start
    assert not failed, failed[:3]
    return seconds


def main(count: int) -> None:
    import duckdb

    from xlkpi.collecting import collect
    from xlkpi.collecting.sinks import write

    with tempfile.TemporaryDirectory(prefix="xlkpi-many-") as folder:
        root = Path(folder)
        made = _timed(lambda: make_workbooks(root / "books", count))
        files = sorted((root / "books").glob("*.xlsx"))
        print(f"{count} workbooks generated in {made:.1f} s", flush=True)
        rows = []
        for jobs in (1, 2):
            out = root / f"pool{jobs}"
            seconds = _timed(lambda: recalc(files, out, jobs=jobs))
            rows.append((f"recalc, process pool of {jobs}", seconds))
            print(f"{rows[-1][0]}: {count / seconds:.2f} files/s", flush=True)
        for workers in (1, 2):
            seconds = _on_cluster(workers, files, root / f"cluster{workers}")
            rows.append((f"recalc, LocalCluster of {workers} worker(s)", seconds))
            print(f"{rows[-1][0]}: {count / seconds:.2f} files/s", flush=True)
        same = all((root / "pool2" / p.name).read_bytes() == (root / "cluster2" / p.name).read_bytes() for p in files)
        print(f"pool and cluster outputs byte-identical: {same}")
        for jobs in (2,):
            start = time.perf_counter()
            collection = collect(files, jobs=jobs)
            read = time.perf_counter() - start
            database = root / "kpis.duckdb"
            written = _timed(lambda: write(collection.kpis, collection.leads, collection.workbooks, str(database)))
            again = _timed(lambda: write(collection.kpis, collection.leads, collection.workbooks, str(database)))
            with duckdb.connect(str(database), read_only=True) as con:
                stored = con.execute("select count(*) from kpis").fetchone()
            print(f"collect (process pool of {jobs}): {read:.1f} s ({count / read:.2f} files/s), "
                  f"{len(collection.kpis)} KPI rows, {len(collection.leads)} leads; DuckDB write {written:.1f} s, "
                  f"upsert of the same run {again:.1f} s; {stored[0] if stored else 0} rows stored; "
                  f"DuckDB file {database.stat().st_size / 1e6:.1f} MB", flush=True)
        shutil.rmtree(root / "books")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
