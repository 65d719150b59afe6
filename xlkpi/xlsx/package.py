"""A vetted package open for reading, and the one resolver of its relationships.

:func:`open_package` is the only way to get a :class:`Package`: it vets the file first
(:mod:`.vet`), so nothing reads a part of a file that was not checked.
"""
from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from defusedxml.ElementTree import ParseError, fromstring

from ..errors import WorkbookError

from . import limits
from .vet import vetted

WORKBOOK = "xl/workbook.xml"
_VETTED = object()  # only open_package holds it


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str  # the type URI's last segment: "worksheet", "sharedStrings", "table", "customXml" …
    target: str  # the part it points at (a package path without the leading "/"), or an external address
    external: bool = False


def local(tag: str) -> str:
    """A tag or attribute name without its namespace."""
    return tag.rpartition("}")[2]


def attribute(element: Any, name: str) -> str | None:
    """An attribute by local name (relationship ids are namespaced)."""
    for key, value in element.attrib.items():
        if local(key) == name:
            return value
    return None


def resolve(base: str, target: str) -> str:
    """The part a relationship of ``base`` points at (absolute "/xl/…" or relative to ``base``'s folder)."""
    return target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def rels_part(part: str) -> str:
    """Where the relationships of ``part`` are stored: xl/_rels/workbook.xml.rels for xl/workbook.xml."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


class Package:
    """The parts of one vetted .xlsx/.xlsm file (a context manager; get one from :func:`open_package`)."""

    def __init__(self, path: Path, zf: zipfile.ZipFile, max_memory: int, token: object):
        if token is not _VETTED:
            raise TypeError("a Package comes from open_package(), which vets the file")
        self.path, self.zip, self.max_memory = path, zf, max_memory

    def __enter__(self) -> Package:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.zip.close()

    def has(self, part: str) -> bool:
        return part in self.zip.NameToInfo

    def infos(self) -> list[zipfile.ZipInfo]:
        return self.zip.infolist()

    def read(self, part: str) -> bytes:
        return self.zip.read(part)

    def xml(self, part: str) -> Any:
        """The parsed root element of ``part`` (defusedxml: no DTD, no entities)."""
        try:
            return fromstring(self.read(part))
        except ParseError as error:
            raise WorkbookError(self.path, f"corrupt workbook: part {part} is not well-formed XML ({error})") from None

    def open(self, part: str) -> IO[bytes]:
        return self.zip.open(part)

    def relationships(self, part: str) -> list[Relationship]:
        """The relationships of ``part`` (none when it has no .rels part)."""
        rels = rels_part(part)
        if not self.has(rels):
            return []
        found = []
        for rel in self.xml(rels):
            target, external = rel.get("Target", ""), rel.get("TargetMode") == "External"
            found.append(Relationship(rel.get("Id", ""), rel.get("Type", "").rpartition("/")[2],
                                      target if external else resolve(part, target), external))
        return found

    def targets(self, part: str, kind: str | None = None) -> dict[str, str]:
        """Relationship id → internal target part of ``part`` (only those of type ``kind`` when given)."""
        return {r.id: r.target for r in self.relationships(part) if not r.external and kind in (None, r.type)}

    def sheet_parts(self) -> dict[str, str]:
        """Sheet title → its worksheet part, in workbook order (chart sheets left out)."""
        targets = self.targets(WORKBOOK, "worksheet")
        parts = {}
        for sheet in self.xml(WORKBOOK).iter():
            rel_id = next((v for k, v in sheet.attrib.items() if local(k) == "id" and k != "id"), None)
            if local(sheet.tag) == "sheet" and rel_id in targets:
                parts[sheet.get("name", "")] = targets[rel_id]
        return parts


def open_package(path: str | Path, max_memory: int | None = None) -> Package:
    """The package at ``path``, vetted (WorkbookError naming the file otherwise); ``max_memory``
    is the memory budget in bytes (None: half the machine's, see :mod:`.limits`)."""
    budget = limits.default_max_memory() if max_memory is None else max_memory
    return Package(Path(path), vetted(Path(path), budget), budget, _VETTED)
