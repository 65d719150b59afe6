"""Where ``xlkpi collect`` writes its tables, chosen by the output's suffix or URL.

* ``.csv``, ``.parquet``: the run's table, replacing the file (written beside it, then moved
  over it); local paths or fsspec URLs (``s3://…/kpis.parquet``).
* ``.duckdb``; ``.sqlite``/``.sqlite3``/``.db``; any SQLAlchemy URL (``postgresql://…``):
  tables ``kpis`` and ``leads``, upserted in one transaction: a workbook's rows of each week
  collected replace its stored rows of that week — the channel sheets' rows of every week, the
  Dashboard's rows of the week reported (``source`` "week" and "ytd"), so a weekly run adds the
  new week's Dashboard and keeps the earlier weeks' as they were reported, never duplicating
  anything — and a workbook's leads replace its stored leads.
"""
from __future__ import annotations

import os
import re
import tempfile
import uuid
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

KPIS, LEADS = "kpis", "leads"
KPI_KEY = ("workbook", "year", "week", "source")  # the rows of a key are replaced together
SQLITE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
FILE_SUFFIXES = (".csv", ".parquet")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*)://")


class OutputError(ValueError):
    """The output cannot be written, or its kind is unknown; names the output."""


def kind(output: str) -> str:
    """"csv", "parquet", "duckdb", "sqlite" or "sqlalchemy"; raises OutputError for anything else."""
    scheme = _SCHEME.match(output)
    if scheme and not _is_fsspec(scheme.group(1)):
        return "sqlalchemy"
    suffix = PurePosixPath(output).suffix.lower()
    if suffix in FILE_SUFFIXES:
        return suffix[1:]
    if suffix == ".duckdb":
        return "duckdb"
    if suffix in SQLITE_SUFFIXES:
        return "sqlite"
    raise OutputError(f"{output}: unknown output kind; use .csv, .parquet, .duckdb, .sqlite or a database URL "
                      "(postgresql://…)")


def _is_fsspec(scheme: str) -> bool:
    import fsspec

    return scheme in fsspec.available_protocols()


def write(kpis: pd.DataFrame, leads: pd.DataFrame, workbooks: list[str], output: str, leads_output: str | None = None) -> None:
    """Write the tables to ``output`` (and, for CSV and Parquet, the leads to ``leads_output`` when
    given). ``workbooks``: every workbook collected, whose stored leads the new ones replace.
    Raises OutputError."""
    how = kind(output)
    try:
        if how in ("csv", "parquet"):
            _write_file(kpis, output, how)
            if leads_output:
                _write_file(leads, leads_output, kind(leads_output))
        elif how == "duckdb":
            _upsert_duckdb(kpis, leads, workbooks, output)
        else:
            _upsert_sql(kpis, leads, workbooks, f"sqlite:///{Path(output).resolve()}" if how == "sqlite" else output)
    except OutputError:
        raise
    except Exception as error:  # noqa: BLE001  (a driver's error, named by its output)
        raise OutputError(f"{shown(output)}: cannot write ({type(error).__name__}: {_first_line(error)})") from None


def shown(output: str) -> str:
    """``output`` without a password."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", output)


def _first_line(error: BaseException) -> str:
    return " ".join(str(error).strip().splitlines()[:1]) or type(error).__name__


def _write_file(frame: pd.DataFrame, output: str, how: str) -> None:
    if how not in ("csv", "parquet"):
        raise OutputError(f"{output}: the leads go to a .csv or .parquet file")
    if "://" in output:  # an object store's single upload is all or nothing
        getattr(frame, f"to_{how}")(output, index=False)
        return
    target = Path(output)
    descriptor, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".xlkpi-tmp", dir=target.parent)
    os.close(descriptor)
    try:
        getattr(frame, f"to_{how}")(partial, index=False)
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.remove(partial)


def _upsert_duckdb(kpis: pd.DataFrame, leads: pd.DataFrame, workbooks: list[str], output: str) -> None:
    import duckdb

    with duckdb.connect(output) as con:
        con.begin()
        try:
            for table, frame, keys, columns in _upserts(kpis, leads, workbooks):
                con.register("new_rows", frame)
                con.register("new_keys", keys)
                con.execute(f"CREATE TABLE IF NOT EXISTS {table} AS SELECT * FROM new_rows LIMIT 0")
                con.execute(_delete(table, "new_keys", columns))
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM new_rows")
                con.unregister("new_rows")
                con.unregister("new_keys")
            con.commit()
        except BaseException:
            con.rollback()
            raise


def _upserts(kpis: pd.DataFrame, leads: pd.DataFrame,
             workbooks: list[str]) -> list[tuple[str, pd.DataFrame, pd.DataFrame, tuple[str, ...]]]:
    """(table, new rows, keys whose stored rows they replace, key columns) of both tables."""
    return [(KPIS, kpis, kpis[list(KPI_KEY)].drop_duplicates(), KPI_KEY),
            (LEADS, leads, pd.DataFrame({"workbook": pd.Series(workbooks, dtype="string")}), ("workbook",))]


def _delete(table: str, keys: str, columns: tuple[str, ...]) -> str:
    match = " AND ".join(f"{table}.{c} = {keys}.{c}" for c in columns)
    return f"DELETE FROM {table} WHERE EXISTS (SELECT 1 FROM {keys} WHERE {match})"


def _upsert_sql(kpis: pd.DataFrame, leads: pd.DataFrame, workbooks: list[str], url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.begin() as con:
            for table, frame, keys, columns in _upserts(kpis, leads, workbooks):
                _upsert_table(con, table, frame, keys, columns)
    finally:
        engine.dispose()


def _upsert_table(con: Any, table: str, frame: pd.DataFrame, keys: pd.DataFrame, columns: tuple[str, ...]) -> None:
    """Delete the rows of ``table`` whose ``columns`` are among ``keys`` (staged in a scratch table),
    then append ``frame``; the table and its key index are created on first use."""
    import sqlalchemy as sa

    if not sa.inspect(con).has_table(table):
        frame.head(0).to_sql(table, con, index=False)
        con.execute(sa.text(f"CREATE INDEX ix_{table}_key ON {table} ({', '.join(columns)})"))
    scratch = f"xlkpi_keys_{uuid.uuid4().hex[:12]}"
    keys.to_sql(scratch, con, index=False)
    con.execute(sa.text(_delete(table, scratch, columns)))
    con.execute(sa.text(f"DROP TABLE {scratch}"))
    frame.to_sql(table, con, index=False, if_exists="append", chunksize=10_000)
