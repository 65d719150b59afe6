"""Compiled programs on disk, so a template's second recalculation never compiles.

One file per program in the user's cache folder (``platformdirs``; ``XLKPI_CACHE_DIR``
overrides it), named by the formulas' fingerprint and a *build key*: the Python and ``formulas``
versions and a digest of the engine's own source files (a new xlkpi, or an edited engine, never
reads an old entry). Each file carries a SHA-256 of its payload: a truncated, corrupt or foreign
file is ignored (and replaced), never trusted. Failing to read or write the cache is never an
error: the program is compiled as if there were none.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

MAGIC = b"xlkpi-program-1\n"
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
        try:
            data = self.path(fingerprint).read_bytes()
        except OSError:
            return None
        head, digest, payload = data[: len(MAGIC)], data[len(MAGIC): len(MAGIC) + 32], data[len(MAGIC) + 32:]
        if head != MAGIC or hashlib.sha256(payload).digest() != digest:
            return None
        try:
            stored_fingerprint, program = pickle.loads(payload)
        except Exception:  # noqa: BLE001 (a file that passed the digest but does not unpickle here)
            return None
        return program if stored_fingerprint == fingerprint else None

    def store(self, fingerprint: str, program: Any) -> None:
        """Write ``program`` atomically; any failure leaves the cache as it was."""
        path = self.path(fingerprint)
        try:
            payload = pickle.dumps((fingerprint, program), protocol=pickle.HIGHEST_PROTOCOL)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".program.", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(MAGIC + hashlib.sha256(payload).digest() + payload)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
            return
