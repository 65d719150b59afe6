"""Compiled programs on disk: reused by the next process, ignored when stale or corrupt."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_engine import CHANNELS, weekly_workbook

from xlkpi import engine
from xlkpi.engine import cache, clear_cache, evaluate

pytestmark = pytest.mark.slow  # new processes reading the program cache


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.ENV_FOLDER, str(tmp_path / "cache"))
    clear_cache()
    return tmp_path / "cache"


@pytest.fixture()
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    calls: list[object] = []
    build = engine.build_program
    monkeypatch.setattr(engine, "build_program", lambda book: calls.append(book) or build(book))
    return calls


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("books")
    small = {"channels": CHANNELS[:2], "weeks": 6}
    return weekly_workbook(folder / "a.xlsx", seed=1, **small), weekly_workbook(folder / "b.xlsx", seed=2, **small)


def test_second_recalculation_never_compiles(folder: Path, compiles: list, books: tuple[Path, Path]) -> None:
    first = evaluate(books[0]).values
    assert len(compiles) == 1 and len(list(folder.glob("*.pickle"))) == 1
    clear_cache()  # as a new process: nothing in memory
    assert evaluate(books[0]).values == first
    other = evaluate(books[1]).values  # same template, other inputs
    assert len(compiles) == 1
    clear_cache()
    assert evaluate(books[1], cache=False).values == other  # compiled afresh: the same values
    assert len(compiles) == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_corrupt_entry_is_ignored_and_rebuilt(folder: Path, compiles: list, books: tuple[Path, Path], damage: str) -> None:
    expected = evaluate(books[0]).values
    (entry,) = folder.glob("*.pickle")
    data = entry.read_bytes()
    entry.write_bytes({
        "truncate": data[: len(data) // 2],
        "flip": data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:],
        "garbage": b"\x80\x04not a pickle at all",
        "empty": b"",
    }[damage])
    clear_cache()
    assert evaluate(books[0]).values == expected
    assert len(compiles) == 2  # compiled again …
    clear_cache()
    evaluate(books[0])
    assert len(compiles) == 2  # … and the rebuilt entry is good


def test_entry_of_another_build_is_not_read(folder: Path, compiles: list, books: tuple[Path, Path],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    evaluate(books[0])
    clear_cache()
    monkeypatch.setattr(cache, "build_key", lambda: "another-engine")
    evaluate(books[0])
    assert len(compiles) == 2
    assert len(list(folder.glob("*.pickle"))) == 2


def test_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, books: tuple[Path, Path]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV_FOLDER, str(blocker / "cache"))
    clear_cache()
    assert evaluate(books[0]).formula_cells > 0


def test_no_cache_writes_nothing(folder: Path, books: tuple[Path, Path]) -> None:
    evaluate(books[0], cache=False)
    assert not folder.exists()


def test_a_new_process_reads_the_cache(folder: Path, books: tuple[Path, Path]) -> None:
    """Two real processes: the second loads the program the first stored."""
    code = ("import sys; from xlkpi import engine; calls = []; build = engine.build_program; "
            "engine.build_program = lambda b: calls.append(1) or build(b); "
            f"engine.evaluate({str(books[0])!r}); print(len(calls))")
    env = {**__import__("os").environ, cache.ENV_FOLDER: str(folder)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.strip()
            for _ in range(2)]
    assert runs == ["1", "0"]


class Planted:
    """A pickle that runs code when loaded: it writes a marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (f"open({str(self.marker)!r}, 'w').write('ran')",))


@pytest.mark.parametrize("how", ["sha-256 digest", "stolen layout, another key"])
def test_a_planted_entry_is_rebuilt_never_executed(folder: Path, compiles: list, books: tuple[Path, Path],
                                                   tmp_path: Path, how: str) -> None:
    """An attacker who can write a file in the cache folder knows the format (magic, digest,
    payload): a digest of the payload is no defence. The entry's HMAC needs the user's key."""
    import hashlib
    import hmac
    import pickle

    expected = evaluate(books[0]).values
    (entry,) = folder.glob("*.pickle")
    marker = tmp_path / "pwned"
    payload = pickle.dumps((("fingerprint"), Planted(marker)))
    digest = hashlib.sha256(payload).digest() if how == "sha-256 digest" \
        else hmac.new(b"k" * 32, payload, hashlib.sha256).digest()
    entry.write_bytes(cache.MAGIC + digest + payload)
    clear_cache()
    assert evaluate(books[0]).values == expected
    assert not marker.exists()
    assert len(compiles) == 2  # rebuilt
    clear_cache()
    evaluate(books[0])
    assert len(compiles) == 2 and not marker.exists()


def test_the_folder_and_key_are_the_users_alone(folder: Path, compiles: list, books: tuple[Path, Path]) -> None:
    evaluate(books[0])
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / cache.KEY_FILE).stat().st_mode & 0o777 == 0o600
    assert len((folder / cache.KEY_FILE).read_bytes()) == 32


@pytest.mark.parametrize("tamper", ["key readable by others", "key replaced by a link"])
def test_a_key_others_could_know_is_not_used(folder: Path, compiles: list, books: tuple[Path, Path],
                                            tmp_path: Path, tamper: str) -> None:
    evaluate(books[0])
    key = folder / cache.KEY_FILE
    if tamper == "key readable by others":
        key.chmod(0o644)
    else:
        (tmp_path / "known").write_bytes(key.read_bytes())
        key.unlink()
        key.symlink_to(tmp_path / "known")
    clear_cache()
    evaluate(books[0])
    assert len(compiles) == 2  # the entry is not trusted: compiled again
