"""Per-file work on a real Dask cluster: `dask scheduler` and two `dask worker` processes on
127.0.0.1 (free ports, always torn down), against the process pool's and in-process results;
a worker killed mid-run; Ctrl-C; fsspec paths on ``memory://`` and ``file://``."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from benchmark_many import make_workbooks
from oracle import sha256
from xlkpi.a1 import col_index
from xlkpi.batch import recalc, recalc_file
from xlkpi.cli import main
from xlkpi.engine import read_book
from xlkpi.xlsx.vet import check_package
from xlkpi.workbook.builder import build_template
from xlkpi.workbook.layout import DASH

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

from xlkpi.distributed.executor import SchedulerUnavailable, open_executor  # noqa: E402
from xlkpi.distributed.paths import expand, local_copy  # noqa: E402

pytestmark = pytest.mark.slow  # real dask scheduler and worker processes

ROOT = Path(__file__).resolve().parent.parent
BOOKS = 20


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    address: str
    workers: dict[str, subprocess.Popen]  # worker name → its `dask worker` process (nanny and worker)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def dask_cluster(folder: Path, workers: int = 2) -> Iterator[Cluster]:
    """`dask scheduler` and ``workers`` single-threaded `dask worker` processes running this
    checkout's xlkpi; every process stopped on the way out."""
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    worker = [sys.executable, "-m", "distributed.cli.dask_worker"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes: list[subprocess.Popen] = []

    def start(command: list[str]) -> subprocess.Popen:
        process = subprocess.Popen(command, env=env, cwd=folder, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=(folder / f"log{len(processes)}").open("wb"))
        processes.append(process)
        return process

    try:
        start([*dask, "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"])
        names = {}
        for n in range(workers):
            names[f"w{n}"] = start([*worker, address, "--host", "127.0.0.1", "--nthreads", "1", "--nworkers", "1",
                                    "--no-dashboard", "--name", f"w{n}", "--local-directory", str(folder)])
        with distributed.Client(address, timeout="60s") as client:
            client.wait_for_workers(workers, timeout=120)
        yield Cluster(address, names)
    finally:
        for process in reversed(processes):
            _stop(process)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[Cluster]:
    with dask_cluster(tmp_path_factory.mktemp("dask")) as running:
        yield running


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> list[Path]:
    return make_workbooks(tmp_path_factory.mktemp("books"), BOOKS)


@pytest.fixture(scope="module")
def pool_outputs(books, tmp_path_factory) -> Path:
    """The process pool's recalculation of the books (the reference)."""
    out = tmp_path_factory.mktemp("pool")
    summary = recalc(books, out, jobs=2)
    assert summary.ok, [f.message for f in summary.files if not f.ok]
    return out


def stored_values(path: Path) -> dict:
    """Every cell's stored value, formula cells' included, as the engine's reader reads the file."""
    book = read_book(path)
    return {(title, cell): value for title, sheet in book.sheets.items() for cell, value in sheet.values.items()}


def assert_same_outputs(folder: Path, reference: Path, books: list[Path]) -> None:
    assert sorted(p.name for p in folder.iterdir() if p.suffix == ".xlsx") == sorted(p.name for p in books)
    for path in books:
        assert stored_values(folder / path.name) == stored_values(reference / path.name), path.name


@pytest.mark.slow
def test_recalc_on_the_cluster_equals_the_process_pool(cluster, books, pool_outputs, tmp_path):
    before = {p: sha256(p) for p in books}
    with open_executor(cluster.address) as executor:
        futures = [executor.submit(recalc_file, path, tmp_path / path.name) for path in books]
        results = [f.result() for f in as_completed(futures)]
    assert all(r.ok for r in results), [r.message for r in results if not r.ok]
    assert_same_outputs(tmp_path, pool_outputs, books)
    assert {p: sha256(p) for p in books} == before
    _, _, total = DASH.block_rows(2)
    ytd_cost = {stored_values(tmp_path / p.name)[("Dashboard", (total, col_index(DASH.counts["cost"])))] for p in books}
    assert len(ytd_cost) > 10  # the seeded changes reach the Dashboard: the comparison is not of twenty equal files


@pytest.mark.slow
def test_collect_on_the_cluster_equals_in_process(cluster, books, monkeypatch):
    from xlkpi.collecting import collect

    here = collect(books[:6])
    monkeypatch.chdir(books[0].parent)  # relative paths: the workers run elsewhere
    there = collect([p.name for p in books[:6]], scheduler=cluster.address)
    assert here.failures == there.failures == []
    pd.testing.assert_frame_equal(there.kpis, here.kpis)
    pd.testing.assert_frame_equal(there.leads, here.leads)
    assert here.kpis["team"].nunique() == 6


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_nothing(books, pool_outputs, tmp_path):
    """One of two workers killed (SIGKILL, nanny and all) while files are being recalculated: its
    tasks are run again on the other worker; every input is untouched and every output complete."""
    before = {p: sha256(p) for p in books}
    out = tmp_path / "out"
    out.mkdir()
    with dask_cluster(tmp_path, workers=2) as running, distributed.Client(running.address) as watcher:
        with open_executor(running.address) as executor:
            futures = [executor.submit(recalc_file, path, out / path.name) for path in books]
            done = as_completed(futures)
            results = [next(done).result()]
            busy = {w for w, tasks in watcher.processing().items() if tasks}
            names = {address: info["name"] for address, info in watcher.scheduler_info()["workers"].items()}
            victim = names[sorted(busy)[0]] if busy else "w0"
            os.killpg(running.workers[victim].pid, signal.SIGKILL)
            running.workers[victim].wait()
            results += [f.result() for f in done]
    assert len(results) == BOOKS and all(r.ok for r in results), [r.message for r in results if not r.ok]
    assert {p: sha256(p) for p in books} == before
    assert_same_outputs(out, pool_outputs, books)
    for path in out.glob("*.xlsx"):
        check_package(path)


@pytest.mark.slow
def test_ctrl_c_cancels_the_tasks(cluster, books, tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with open_executor(cluster.address) as executor:
            futures = [executor.submit(recalc_file, path, tmp_path / path.name) for path in books]
            next(as_completed(futures))
            raise KeyboardInterrupt
    with distributed.Client(cluster.address) as client:
        deadline = time.monotonic() + 30
        while client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)) == 0
    written = sorted(tmp_path.glob("*.xlsx"))
    assert 1 <= len(written) <= 4  # the first result, and at most the files the two workers had started
    for path in written:
        check_package(path)


@pytest.mark.slow
def test_xlkpi_recalc_with_scheduler(cluster, books, pool_outputs, tmp_path):
    """The command line (wired by the command layer): ``xlkpi recalc DIR --scheduler tcp://…``."""
    if not any(p.name == "scheduler" for p in main.commands["recalc"].params):
        pytest.skip("xlkpi recalc has no --scheduler option yet (wired at merge)")
    folder = tmp_path / "books"
    folder.mkdir()
    for path in books:
        (folder / path.name).write_bytes(path.read_bytes())
    result = CliRunner().invoke(main, ["recalc", str(folder), "--scheduler", cluster.address, "-q"])
    assert result.exit_code == 0, result.output
    assert_same_outputs(folder, pool_outputs, books)


@pytest.mark.slow
def test_local_cluster(books, pool_outputs, tmp_path):
    from xlkpi.collecting import collect

    with open_executor("local:1") as executor:
        result = executor.submit(recalc_file, books[0], tmp_path / books[0].name).result()
    assert result.ok, result.message
    assert_same_outputs(tmp_path, pool_outputs, books[:1])
    pd.testing.assert_frame_equal(collect(books[:2], scheduler="local:2").kpis, collect(books[:2]).kpis)


@pytest.mark.parametrize("address", ["nowhere", "local:0", "local:two", "localhost"])
def test_bad_addresses(address):
    with pytest.raises(ValueError, match="--scheduler"):
        open_executor(address)


def test_unreachable_scheduler():
    with pytest.raises(SchedulerUnavailable, match="cannot reach the Dask scheduler at tcp://127.0.0.1"):
        with open_executor(f"tcp://127.0.0.1:{free_port()}"):
            pass


# --- fsspec paths --------------------------------------------------------------------------------


@pytest.fixture
def memory():
    fs = fsspec.filesystem("memory")
    fs.mkdir("/xlkpi-test")
    yield fs
    fs.rm("/xlkpi-test", recursive=True)


def test_expand_on_memory(memory):
    for name in ("b.xlsx", "a.xlsm", "~$a.xlsx", "notes.txt"):
        memory.pipe(f"/xlkpi-test/clients/{name}", b"x")
    memory.pipe("/xlkpi-test/clients/sub/c.xlsx", b"x")
    wanted = ["memory:///xlkpi-test/clients/a.xlsm", "memory:///xlkpi-test/clients/b.xlsx"]
    assert expand("memory://xlkpi-test/clients") == wanted
    assert expand(["memory://xlkpi-test/clients/*.xls*", "memory://xlkpi-test/clients/b.xlsx"]) == [
        *wanted, "memory://xlkpi-test/clients/b.xlsx"]
    with pytest.raises(ValueError, match="no workbooks found"):
        expand("memory://xlkpi-test/nothing/*.xlsx")


def test_local_copy_writes_back_only_a_change(memory, books):
    url = "memory://xlkpi-test/team.xlsx"
    memory.pipe(url, books[0].read_bytes())
    with local_copy(url) as local:
        assert local.read_bytes() == books[0].read_bytes()
        result = recalc_file(local)
        assert result.ok
        recalculated = local.read_bytes()
    assert memory.cat(url) == recalculated != books[0].read_bytes()
    assert memory.ls("/xlkpi-test", detail=False) == ["/xlkpi-test/team.xlsx"]  # no temporary file left
    with pytest.raises(RuntimeError):
        with local_copy(url) as local:
            local.write_bytes(b"half written")
            raise RuntimeError("the work failed")
    assert memory.cat(url) == recalculated


def test_local_copy_through_file_urls(books, pool_outputs, tmp_path):
    path = tmp_path / "team.xlsx"
    path.write_bytes(books[0].read_bytes())
    inode = path.stat().st_ino
    with local_copy(path) as local:
        assert local == path  # a local path is worked on in place
    with local_copy(path.as_uri()) as local:
        assert local != path
    assert path.stat().st_ino == inode  # unchanged: not written back
    with local_copy(path.as_uri()) as local:
        assert recalc_file(local).ok
    assert path.stat().st_ino != inode and sorted(tmp_path.iterdir()) == [path]  # moved over it, nothing left
    assert stored_values(path) == stored_values(pool_outputs / books[0].name)


def test_recalc_reads_and_writes_workbooks_by_url(tmp_path):
    """``xlkpi.recalc("memory://…/*.xlsx")``: each workbook recalculated in a local copy and written
    back through fsspec; its values are those of the same workbook recalculated on disk."""
    from openpyxl import load_workbook

    fs = fsspec.filesystem("memory")
    stale = tmp_path / "stale.xlsx"
    build_template(stale, 2026, "en")  # never computed: every formula's stored value is missing
    for name in ("a.xlsx", "b.xlsx"):
        fs.pipe(f"/urls/{name}", stale.read_bytes())
    summary = recalc("memory://urls/*.xlsx")
    assert summary.ok and sorted(f.path for f in summary.files) == expand("memory://urls/*.xlsx")
    assert [f.output for f in summary.files] == [f.path for f in summary.files]  # written back where they came from
    on_disk = tmp_path / "disk.xlsx"
    on_disk.write_bytes(stale.read_bytes())
    assert recalc([on_disk]).ok
    local = tmp_path / "a.xlsx"
    local.write_bytes(fs.cat("/urls/a.xlsx"))
    expected = {(ws.title, c.coordinate): c.value for ws in load_workbook(on_disk, data_only=True) for row in ws.iter_rows()
                for c in row}
    got = {(ws.title, c.coordinate): c.value for ws in load_workbook(local, data_only=True) for row in ws.iter_rows() for c in row}
    assert got == expected and any(v is not None for (s, _), v in got.items() if s == "Dashboard")
    with pytest.raises(ValueError, match="in place"):
        recalc("memory://urls/*.xlsx", output_dir=tmp_path / "out")
    fs.pipe("/urls/b.xlsx", stale.read_bytes())
    result = CliRunner().invoke(main, ["recalc", "memory://urls/b.xlsx", "-q"])  # the command line, in this process
    assert result.exit_code == 0, result.output
    assert fs.cat("/urls/b.xlsx") != stale.read_bytes()
