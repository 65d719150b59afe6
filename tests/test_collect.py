"""xlkpi collect: the tidy table of many workbooks, checked against figures read independently
(openpyxl's reading of the typed inputs summed by pandas, LibreOffice's recalculation of the
Dashboard), and its sinks read back with their own drivers (duckdb, sqlite3, pyarrow, psycopg)."""
from __future__ import annotations

import math
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from oracle import sha256
from xlkpi.a1 import col_index
from xlkpi.cli import main
from xlkpi.workbook.builder import example_path
from xlkpi.workbook.channels import CHANNELS
from xlkpi.workbook.layout import COUNTS, DASH, FIRST_WEEK_ROW, SETTING_ROW, STATUSES, input_columns, sheet_titles

pytestmark = pytest.mark.slow  # whole workbooks into DuckDB, SQLite, Parquet, PostgreSQL

duckdb = pytest.importorskip("duckdb")
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(str(p) for p in (ROOT / "workbook_templates").glob("xlkpi_example_*.xlsx"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def typed_sums(path: str | Path, lang: str) -> tuple[int, dict[str, dict[str, float]]]:
    """The week the Dashboard reports on (the latest week with contacts or cost on a channel sheet)
    and, per channel, the sums of its typed inputs up to that week: openpyxl and pandas only."""
    wb = openpyxl.load_workbook(path, read_only=True)
    frames = {}
    for channel in CHANNELS:
        ws = wb[sheet_titles(lang)[channel.key]]
        rows = list(ws.iter_rows(min_row=FIRST_WEEK_ROW, values_only=True))
        cols = input_columns(channel)
        source = {"volume": channel.volume, "replies": channel.replies}
        frame = pd.DataFrame({"week": [r[0] for r in rows]} | {
            key: [r[col_index(cols[source.get(key, key)]) - 1] for r in rows] for key in COUNTS})
        frames[channel.key] = frame.dropna(subset=["week"]).fillna(0)
    wb.close()
    latest = max(int(f.loc[(f["volume"] > 0) | (f["cost"] > 0), "week"].max()) for f in frames.values())
    sums = {key: f.loc[f["week"] <= latest, list(COUNTS)].sum().to_dict() for key, f in frames.items()}
    sums["all"] = {c: sum(s[c] for s in sums.values()) for c in COUNTS}
    return latest, sums


def hand_kpis(sums: dict[str, float]) -> dict[str, float]:
    """The Dashboard's KPIs worked by hand from the sums."""
    return {"response_of_contacted": sums["replies"] / sums["volume"], "cost_per_meeting": sums["cost"] / sums["meetings"],
            "roi": (sums["revenue"] - sums["cost"]) / sums["cost"]}


def test_duckdb_gives_the_dashboards_year_to_date(tmp_path):
    before = {p: sha256(Path(p)) for p in EXAMPLES}
    out = tmp_path / "kpis.duckdb"
    code, stdout, stderr = run("collect", *EXAMPLES, "-o", str(out), "-q")
    assert code == 0, stderr
    assert "2 workbooks collected, 0 failed" in stdout
    assert {p: sha256(Path(p)) for p in EXAMPLES} == before  # never written
    with duckdb.connect(str(out), read_only=True) as con:
        for path in EXAMPLES:
            lang = Path(path).stem.rsplit("_", 1)[1]
            week, sums = typed_sums(path, lang)
            ytd = {(c, m): v for c, m, v, w in con.execute(
                "select channel, metric, value, week from kpis where source = 'ytd' and team = ?", [Path(path).stem]
            ).fetchall() if w == week}
            for channel, figures in sums.items():
                for count in COUNTS:
                    assert ytd[(channel, count)] == pytest.approx(figures[count], rel=1e-12), (path, channel, count)
                for name, value in hand_kpis(figures).items():
                    assert ytd[(channel, name)] == pytest.approx(value, rel=1e-12), (path, channel, name)
            summed = dict(con.execute(
                "select channel, sum(value) from kpis where source = 'sheet' and metric = 'cost' and week <= ? "
                "and team = ? group by channel", [week, Path(path).stem]).fetchall())
            assert summed == pytest.approx({c: s["cost"] for c, s in sums.items() if c != "all"}, rel=1e-12)
        assert con.execute("select count(*) from leads").fetchone() == (600,)
        assert con.execute("select count(distinct workbook), min(unit), max(currency) from kpis").fetchone() == (2, "count", "EUR")


@pytest.mark.libreoffice
def test_collect_agrees_with_libreoffices_dashboard(tmp_path, libreoffice_convert):
    """The native-formula export (no add-in needed) recalculated by LibreOffice: its Dashboard's
    week and year-to-date blocks are the rows collect computes with the engine."""
    from xlkpi.collecting import collect
    from xlkpi.export import export_native

    native = tmp_path / "native.xlsx"
    export_native(example_path("en"), native)
    (converted,) = libreoffice_convert([native], tmp_path / "lo")
    ws = openpyxl.load_workbook(converted, data_only=True)[sheet_titles("en")["dashboard"]]
    kpis = collect([native]).kpis
    compared = 0
    for block, source in ((0, "week"), (2, "ytd")):
        _, rows, total = DASH.block_rows(block)
        got = kpis[kpis["source"] == source].set_index(["channel", "metric"])["value"]
        for key, row in [*zip((c.key for c in CHANNELS), rows), ("all", total)]:
            for count, col in DASH.counts.items():
                expected = ws[f"{col}{row}"].value
                assert got[(key, count)] == pytest.approx(expected, rel=1e-9), (source, key, count)
                compared += 1
            for name, col in (("roi", DASH.kpi_column("KPI_ROI")), ("score", DASH.score)):
                expected = ws[f"{col}{row}"].value
                if isinstance(expected, (int, float)):
                    assert got[(key, name)] == pytest.approx(expected, rel=1e-9), (source, key, name)
                    compared += 1
    assert compared > 90


def team_copy(source: str, target: Path, team: str | None = None, cost_delta: float = 0.0) -> Path:
    """A copy of ``source`` with Settings' team name typed and the e-mail cost of week 2 raised
    (openpyxl drops the cached values: collect must recalculate)."""
    wb = openpyxl.load_workbook(source)
    titles = sheet_titles("en")
    if team is not None:
        wb[titles["settings"]][f"B{SETTING_ROW['Team']}"] = team
    email = CHANNELS[0]
    cell = f"{input_columns(email)['cost']}{FIRST_WEEK_ROW + 1}"
    wb[titles["email"]][cell] = wb[titles["email"]][cell].value + cost_delta
    wb.save(target)
    return target


def read_sqlite(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as con:
        return con.execute(sql).fetchall()


def read_duckdb(path: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.parametrize("suffix, read", [(".duckdb", read_duckdb), (".sqlite", read_sqlite)])
def test_a_weekly_run_replaces_and_never_duplicates(tmp_path, suffix, read):
    book = team_copy(EXAMPLES[0], tmp_path / "north.xlsx", team="North")
    out = tmp_path / f"kpis{suffix}"
    counts = "select count(*) from kpis"
    assert run("collect", str(book), "-o", str(out), "-q")[0] == 0
    (first,) = read(out, counts)
    assert read(out, "select distinct team from kpis") == [("North",)]
    assert run("collect", str(book), "-o", str(out), "-q")[0] == 0  # the same run again: nothing doubles
    assert read(out, counts) == [first]
    assert read(out, "select count(*) from leads") == [(300,)]
    cost = ("select value from kpis where source = 'sheet' and channel = 'email' and metric = 'cost' and week = 2")
    (old,) = read(out, cost)
    team_copy(EXAMPLES[0], book, team="North", cost_delta=100.0)  # corrected in the workbook
    assert run("collect", str(book), "-o", str(out), "-q")[0] == 0
    assert read(out, counts) == [first]
    assert read(out, cost) == [(pytest.approx(old[0] + 100.0),)]
    other = team_copy(EXAMPLES[0], tmp_path / "south.xlsx", team="South")
    assert run("collect", str(other), "-o", str(out), "-q")[0] == 0  # another team: added, the first kept
    assert read(out, counts) == [(2 * first[0],)]
    assert sorted(read(out, "select team, count(*) from leads group by team")) == [("North", 300), ("South", 300)]


def test_a_bad_workbook_is_named_and_the_others_collected(tmp_path):
    good = shutil.copy(EXAMPLES[0], tmp_path / "good.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("hello.txt", "a zip, but no workbook")
    out = tmp_path / "kpis.csv"
    code, stdout, stderr = run("collect", str(tmp_path), "-o", str(out), "-q")
    assert code == 1
    failed = [line for line in stderr.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 2 and any("broken.xlsx" in line for line in failed) and any("other.xlsx" in line for line in failed)
    assert "Traceback" not in stderr
    table = pd.read_csv(out)
    assert set(table["team"]) == {"good"} and set(table["workbook"]) == {str(Path(good).resolve())}


def test_usage_errors_exit_2(tmp_path):
    code, _, stderr = run("collect", str(tmp_path), "-o", str(tmp_path / "x.csv"))
    assert code == 2 and "no workbooks found" in stderr
    code, _, stderr = run("collect", EXAMPLES[0], "-o", str(tmp_path / "x.xlsx"))
    assert code == 2 and "unknown output kind" in stderr
    code, _, stderr = run("collect", EXAMPLES[0], "-o", str(tmp_path / "x.csv"), "--scheduler", "nowhere")
    assert code == 5 and "--scheduler nowhere" in stderr  # as recalc, report and import: the scheduler is unavailable


def test_csv_and_parquet_with_their_leads(tmp_path):
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from xlkpi.collecting import collect

    assert run("collect", EXAMPLES[0], "-o", str(tmp_path / "k.parquet"), "--leads", str(tmp_path / "l.parquet"), "-q")[0] == 0
    assert run("collect", EXAMPLES[0], "-o", str(tmp_path / "k.csv"), "--leads", str(tmp_path / "l.csv"), "-q")[0] == 0
    kpis, leads = collect(EXAMPLES[0])
    parquet = pq.read_table(tmp_path / "k.parquet").to_pandas()
    pd.testing.assert_frame_equal(parquet, kpis, check_dtype=False)
    csv = pd.read_csv(tmp_path / "k.csv")
    assert list(csv.columns) == list(kpis.columns) and len(csv) == len(kpis)
    assert csv["value"].sum() == pytest.approx(kpis["value"].sum())
    assert pq.read_table(tmp_path / "l.parquet").num_rows == len(leads) == 300
    assert len(pd.read_csv(tmp_path / "l.csv")) == 300
    assert set(leads["channel"]) <= {c.key for c in CHANNELS}


def test_fsspec_memory_paths():
    fsspec = pytest.importorskip("fsspec")
    from xlkpi.collecting import collect

    fs = fsspec.filesystem("memory")
    fs.pipe("/clients/a.xlsx", Path(EXAMPLES[0]).read_bytes())
    fs.pipe("/clients/~$a.xlsx", b"lock")
    try:
        collection = collect(["memory://clients/*.xlsx"])
        assert collection.failures == [] and collection.workbooks == ["memory:///clients/a.xlsx"]
        assert set(collection.kpis["team"]) == {"a"}
        assert fs.cat("/clients/a.xlsx") == Path(EXAMPLES[0]).read_bytes()
    finally:
        fs.rm("/clients", recursive=True)


# --- PostgreSQL: a server given by XLKPI_TEST_POSTGRES_URL, else a throwaway one when its tools are here ---


@pytest.fixture(scope="module")
def postgres_url(tmp_path_factory):
    pytest.importorskip("sqlalchemy")
    pytest.importorskip("psycopg")
    if os.environ.get("XLKPI_TEST_POSTGRES_URL"):
        yield os.environ["XLKPI_TEST_POSTGRES_URL"]
        return
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not (initdb and pg_ctl) or os.geteuid() == 0:
        pytest.skip("no PostgreSQL server: set XLKPI_TEST_POSTGRES_URL=postgresql+psycopg://user:pw@host/db "
                    "(or put initdb and pg_ctl on PATH, as a non-root user)")
    folder = tmp_path_factory.mktemp("pg")
    data, socket = folder / "data", folder / "socket"
    socket.mkdir()
    subprocess.run([initdb, "-D", str(data), "-U", "xlkpi", "--auth=trust"], check=True, capture_output=True)
    subprocess.run([pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-w", "start",
                    "-o", f"-k {socket} -c listen_addresses=''"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://xlkpi@/postgres?host={socket}"
    finally:
        subprocess.run([pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)


def test_postgresql_upsert(tmp_path, postgres_url):
    import psycopg
    import sqlalchemy as sa

    book = team_copy(EXAMPLES[0], tmp_path / "pg_team.xlsx", team="Postgres team")
    for _ in range(2):
        code, _, stderr = run("collect", str(book), "-o", postgres_url, "-q")
        assert code == 0, stderr
    url = sa.make_url(postgres_url)
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as con:
        rows = con.execute("select count(*), count(distinct (source, week, channel, metric)) from kpis "
                           "where team = 'Postgres team'").fetchone()
        assert rows is not None and rows[0] == rows[1] > 0  # no duplicate after two runs
        (leads,) = con.execute("select count(*) from leads where team = 'Postgres team'").fetchone() or (0,)
        assert leads == 300
        con.execute("delete from kpis where team = 'Postgres team'")
        con.execute("delete from leads where team = 'Postgres team'")


def test_python_api_unpacks_and_is_callable():
    import xlkpi

    kpis, leads = xlkpi.collect(EXAMPLES)
    assert len(leads) == 600 and not math.isnan(kpis["value"].sum())
    by = ["source", "week", "channel", "metric"]  # the English and French examples hold the same figures
    en, fr = (kpis[kpis["team"] == f"xlkpi_example_{lang}"].set_index(by)["value"].sort_index() for lang in ("en", "fr"))
    pd.testing.assert_series_equal(en, fr)
    assert set(leads["status"]) <= set(STATUSES) and set(leads["channel"]) <= {c.key for c in CHANNELS}
    pooled = sys.modules["xlkpi.collecting"].collect(EXAMPLES, jobs=2)  # the process pool: the same tables
    pd.testing.assert_frame_equal(pooled.kpis, kpis)
    pd.testing.assert_frame_equal(pooled.leads, leads)


def test_a_zip_bomb_is_refused_under_a_memory_cap(tmp_path):
    """A workbook with a part unpacking to 400 MiB from a few hundred KiB, collected with the other
    workbook in a process capped at 1.5 GiB of address space: refused by name, the other collected."""
    shutil.copy(EXAMPLES[0], tmp_path / "good.xlsx")
    bomb = tmp_path / "bomb.xlsx"
    shutil.copy(EXAMPLES[0], bomb)
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as zf, zf.open("xl/media/image1.bin", "w") as part:
        zero = bytes(1 << 20)
        for _ in range(400):
            part.write(zero)
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (3 << 29, 3 << 29)); "
            "from xlkpi.cli import main; sys.argv = ['xlkpi', *sys.argv[1:]]; main()")
    result = subprocess.run([sys.executable, "-c", code, "collect", str(tmp_path), "-o", str(tmp_path / "k.csv"), "-q"],
                            capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1, result.stderr
    assert "bomb.xlsx: refused as a zip bomb" in result.stderr and "Traceback" not in result.stderr
    assert set(pd.read_csv(tmp_path / "k.csv")["team"]) == {"good"}
