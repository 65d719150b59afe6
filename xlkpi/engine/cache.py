"""Compiled programs on disk, so a template's second recalculation never compiles.

One file per program in the user's cache folder (``platformdirs``; ``XLKPI_CACHE_DIR``
overrides it), named by the formulas' fingerprint and a *build key*: the Python and ``formulas``
versions and a digest of the engine's own source files (a new xlkpi, or an edited engine, never
reads an old entry). Each file carries an HMAC-SHA256 of its payload under a per-user secret
key (``key``, 32 random bytes, mode 0600, created with the folder, mode 0700): a truncated,
corrupt, foreign or planted file fails the check and is rebuilt, never unpickled (a plain digest
would detect corruption, not tampering). A folder or key another user owns or can write is not
used at all. Failing to read or write the cache is never an error: the program is compiled as if
there were none.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import stat
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

MAGIC = b"xlkpi-program-2\n"
KEY_FILE = "key"
_KEY_SIZE = 32
ENV_FOLDER = "XLKPI_CACHE_DIR"


@functools.lru_cache(maxsize=1)
def build_key() -> str:
    """What a cached program was compiled by: Python, formulas and the engine's source."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"{sys.version_info[:2]}|{version('formulas')}".encode())
    root = Path(__file__).parent
    for source in sorted(root.rglob("*")):
        if source.suffix in (".py", ".txt"):
            digest.update(source.relative_to(root).as_posix().encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def default_folder() -> Path:
    if os.environ.get(ENV_FOLDER):
        return Path(os.environ[ENV_FOLDER])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("xlkpi", appauthor=False)) / "programs"


def _private(st: os.stat_result, kind: int) -> bool:
    """Of ``kind`` (a stat.S_IF* type), owned by this user and neither group- nor world-accessible."""
    owner = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return stat.S_IFMT(st.st_mode) == kind and owner and not st.st_mode & 0o077


def secret_key(folder: Path, create: bool) -> bytes | None:
    """The cache's secret key, created with ``folder`` (0700) when ``create``; None when the folder
    or the key is missing, or is not this user's alone."""
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        st = folder.lstat()
        if stat.S_ISDIR(st.st_mode) and (not hasattr(os, "getuid") or st.st_uid == os.getuid()) and st.st_mode & 0o077:
            folder.chmod(0o700)  # ours, made by an older xlkpi: close it
            st = folder.lstat()
        if not _private(st, stat.S_IFDIR):
            return None
        path = folder / KEY_FILE
        nofollow = getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(path, os.O_RDONLY | nofollow)
        except FileNotFoundError:
            if not create:
                return None
            key = secrets.token_bytes(_KEY_SIZE)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(key)
            return key
        with os.fdopen(fd, "rb") as file:
            key = file.read(_KEY_SIZE + 1)
            return key if _private(os.fstat(file.fileno()), stat.S_IFREG) and len(key) == _KEY_SIZE else None
    except OSError:
        return None


class DiskCache:
    """Programs by fingerprint in ``folder``."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder

    def path(self, fingerprint: str) -> Path:
        """Where the program of ``fingerprint`` is (or would be) stored."""
        folder = self.folder or default_folder()
        return folder / f"{fingerprint[:32]}-{build_key()}.pickle"

    def load(self, fingerprint: str) -> Any | None:
        """The program stored under ``fingerprint``, or None (absent, stale or corrupt)."""
        path = self.path(fingerprint)
        key = secret_key(path.parent, create=False)
        if key is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head, digest, payload = data[: len(MAGIC)], data[len(MAGIC): len(MAGIC) + 32], data[len(MAGIC) + 32:]
        if head != MAGIC or not hmac.compare_digest(hmac.new(key, payload, hashlib.sha256).digest(), digest):
            return None
        try:
            stored_fingerprint, program = pickle.loads(payload)
        except Exception:  # noqa: BLE001 (our own entry that no longer unpickles here)
            return None
        return program if stored_fingerprint == fingerprint else None

    def store(self, fingerprint: str, program: Any) -> None:
        """Write ``program`` atomically; any failure leaves the cache as it was."""
        path = self.path(fingerprint)
        try:
            payload = pickle.dumps((fingerprint, program), protocol=pickle.HIGHEST_PROTOCOL)
            key = secret_key(path.parent, create=True)
            if key is None:
                return
            fd, tmp = tempfile.mkstemp(prefix=".program.", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(MAGIC + hmac.new(key, payload, hashlib.sha256).digest() + payload)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
            return
