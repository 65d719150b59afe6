"""Workbook paths on any fsspec filesystem: local paths, ``memory://``, ``s3://`` (with s3fs) …

:func:`expand` turns files, folders and globs into workbook paths; :func:`local_copy` gives a
local file to work on and writes it back, atomically, only when it changed.
"""
from __future__ import annotations

import hashlib
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from ..batch import WORKBOOK_SUFFIXES, NoWorkbooksFound, find_workbooks

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem


def is_url(path: str | Path) -> bool:
    """A path with a protocol (``memory://``, ``s3://`` …); ``file://`` counts as one."""
    return "://" in str(path)


def _fs(url: str) -> tuple[AbstractFileSystem, str]:
    from fsspec.core import url_to_fs

    return url_to_fs(url)


def _is_workbook(path: str) -> bool:
    name = PurePosixPath(path).name
    return name.lower().endswith(WORKBOOK_SUFFIXES) and not name.startswith("~$")


def find(pattern: str | Path) -> list[str]:
    """A file (kept as given, even if missing), a folder's workbooks (not recursive) or a glob's matches."""
    if not is_url(pattern):
        return [str(p) for p in find_workbooks(pattern)]
    from fsspec.core import has_magic

    fs, root = _fs(str(pattern))
    if fs.isdir(root):
        matches = sorted(p for p in fs.ls(root, detail=False) if _is_workbook(p))
    elif has_magic(root):
        matches = sorted(p for p in fs.glob(root) if _is_workbook(p))
    else:
        return [str(pattern)]
    return [fs.unstrip_protocol(p) for p in matches]


def expand(patterns: Iterable[str | Path] | str | Path) -> list[str]:
    """Files, folders and globs (local or fsspec URLs) → workbook paths, each once.

    Raises NoWorkbooksFound when nothing at all is found."""
    patterns = [patterns] if isinstance(patterns, (str, Path)) else list(patterns)
    found = [p for pattern in patterns for p in find(pattern)]
    if not found:
        raise NoWorkbooksFound(f"no workbooks found in {', '.join(map(str, patterns))}")
    return list(dict.fromkeys(found))


def _digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


@contextmanager
def local_copy(path: str | Path, write_back: bool = True) -> Iterator[Path]:
    """A local file for ``path``: the file itself when local, else a temporary copy.

    A copy changed in the block is written back when the block ends without an exception (and
    ``write_back``): uploaded beside the original under a temporary name, then moved over it, so
    that the original is either the old file or the new one. The copy is then deleted."""
    if not is_url(path):
        yield Path(path)
        return
    fs, remote = _fs(str(path))
    with tempfile.TemporaryDirectory(prefix="xlkpi-") as folder:
        local = Path(folder) / PurePosixPath(remote).name
        fs.get_file(remote, str(local))
        before = _digest(local)
        yield local
        if write_back and _digest(local) != before:
            _replace(fs, local, remote)


def _replace(fs: AbstractFileSystem, local: Path, remote: str) -> None:
    """Upload ``local`` to ``remote`` through a temporary sibling moved over it."""
    parent, name = PurePosixPath(remote).parent, PurePosixPath(remote).name
    partial = str(parent / f".{name}.{uuid.uuid4().hex}.xlkpi-tmp")
    try:
        fs.put_file(str(local), partial)
        fs.mv(partial, remote)
    finally:
        if fs.exists(partial):
            fs.rm(partial)
