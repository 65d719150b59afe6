"""Vetting: every way a file can fail to be a safe .xlsx/.xlsm package, named before any reader sees it.

Missing, open in Excel (its ``~$`` lock file), encrypted (an OLE container holding an encrypted
package), legacy .xls, not a zip, corrupt, duplicate entries, too many entries, a zip bomb (one
entry or the package as a whole), larger than the memory budget, and any XML-bearing part —
whatever its name, since relationships may point at ``sheet1.bin`` — declaring a DTD or entities.
"""
from __future__ import annotations

import zipfile
import zlib
from collections import Counter
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ..errors import WorkbookError
from . import limits
from .limits import mib

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")  # legacy .xls, and Office's encrypted packages
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)

_ENCRYPTION_STREAMS = tuple(name.encode("utf-16-le") for name in ("EncryptionInfo", "EncryptedPackage"))
_CHUNK = 1 << 20
_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))  # UTF-16 byte-order marks


def check_package(path: str | Path, max_memory: int | None = None) -> None:
    """Raise WorkbookError unless ``path`` is an .xlsx/.xlsm package that is safe to read within
    ``max_memory`` bytes (None: :func:`~xlkpi.xlsx.limits.default_max_memory`)."""
    vetted(Path(path), max_memory).close()


def vetted(path: Path, max_memory: int | None) -> zipfile.ZipFile:
    """``path`` opened as a zip file once vetted (the caller closes it); WorkbookError otherwise."""
    head = _head(path)
    if head == OLE_SIGNATURE:
        if _encrypted(path):
            raise WorkbookError(path, "password-protected (encrypted) workbook: remove the password in Excel "
                                      "(File > Info > Protect Workbook) and save it again")
        raise WorkbookError(path, "legacy Excel 97-2003 workbook (.xls): open it in Excel and save it as .xlsx")
    try:
        book = zipfile.ZipFile(path)
    except ZIP_ERRORS:
        problem = "corrupt or truncated workbook (its zip directory is unreadable)" if head.startswith(b"PK") \
            else "not an Excel workbook (.xlsx/.xlsm)"
        raise WorkbookError(path, problem) from None
    except OSError as error:
        raise WorkbookError(path, f"cannot read the file ({error.strerror or error})") from None
    try:
        _check_zip(path, book, limits.default_max_memory() if max_memory is None else max_memory)
    except ZIP_ERRORS as error:
        book.close()
        raise WorkbookError(path, f"corrupt workbook ({error})") from None
    except OSError as error:
        book.close()
        raise WorkbookError(path, f"cannot read the file ({error.strerror or error})") from None
    except BaseException:
        book.close()
        raise
    return book


def _head(path: Path) -> bytes:
    if not path.is_file():
        raise WorkbookError(path, "no such file")
    lock = path.with_name(f"~${path.name}")
    if lock.exists():
        raise WorkbookError(path, f"open in Excel (lock file {lock.name} found); close it first")
    try:
        with path.open("rb") as file:
            return file.read(len(OLE_SIGNATURE))
    except OSError as error:
        raise WorkbookError(path, f"cannot read the file ({error.strerror})") from None


def _encrypted(path: Path) -> bool:
    """An OLE container naming an encrypted package's streams (read in chunks, never whole)."""
    keep = max(len(s) for s in _ENCRYPTION_STREAMS)
    tail = b""
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            window = tail + chunk
            if any(name in window for name in _ENCRYPTION_STREAMS):
                return True
            tail = window[-keep:]
    return False


def _check_zip(path: Path, book: zipfile.ZipFile, max_memory: int) -> None:
    infos = book.infolist()
    if len(infos) > limits.MAX_ENTRIES:
        raise WorkbookError(path, f"refused: {len(infos):,} zip entries (limit {limits.MAX_ENTRIES:,})")
    twice = [name for name, n in Counter(i.filename.lower() for i in infos).items() if n > 1]
    if twice:
        raise WorkbookError(path, f"refused: two zip entries named {twice[0]} (a tampered or broken package)")
    if any(info.flag_bits & 0x1 for info in infos):
        raise WorkbookError(path, "password-protected (zip-encrypted) package: not an Excel workbook xlkpi can read")
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if total > limits.MAX_UNCOMPRESSED:
        raise WorkbookError(path, f"refused as a zip bomb: it would unpack to {mib(total)} "
                                  f"(limit {mib(limits.MAX_UNCOMPRESSED)})")
    for info in infos:
        if info.file_size > limits.RATIO_MIN_SIZE and info.file_size > limits.MAX_RATIO * info.compress_size:
            raise WorkbookError(path, f"refused as a zip bomb: part {info.filename} unpacks to "
                                      f"{mib(info.file_size)} from {info.compress_size:,} bytes")
    if total > limits.RATIO_MIN_SIZE and total > limits.MAX_RATIO * packed:
        raise WorkbookError(path, f"refused as a zip bomb: its {len(infos)} parts unpack to {mib(total)} "
                                  f"from {packed:,} bytes")
    if total > max_memory:
        raise WorkbookError(path, f"too large for the memory budget: it unpacks to {mib(total)}, "
                                  f"more than {mib(max_memory)} (--max-memory)")
    names = {info.filename for info in infos}
    for part in REQUIRED_PARTS:
        if part not in names:
            raise WorkbookError(path, f"not an Excel workbook (.xlsx/.xlsm): it has no {part}")
    for info in infos:
        with book.open(info) as stream:
            first = stream.read(_CHUNK)
            if info.filename.lower().endswith((".xml", ".rels")) or _looks_xml(first):
                _parse(path, info.filename, first, stream)
            else:
                while stream.read(_CHUNK):
                    pass


def _looks_xml(head: bytes) -> bool:
    """Text starting with a tag (after a byte-order mark and blanks): parsed as XML whatever its name.
    A UTF-16 mark alone proves nothing: Power Pivot's binary data model (xl/model/item.data) starts with one."""
    for mark, codec in _BOMS:
        if head.startswith(mark):
            return head[len(mark):].decode(codec, errors="ignore").lstrip()[:1] == "<"
    return head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<"


def _parse(path: Path, part: str, first: bytes, stream: IO[bytes]) -> None:
    """Parse ``part`` without building anything (a target with no handlers), refusing DTDs."""
    parser = DefusedXMLParser(target=object(), forbid_dtd=True)
    parser.parser.DefaultHandlerExpand = None  # else every tag is a Python call; DTDs have their own handler
    try:
        chunk = first
        while chunk:
            parser.feed(chunk)
            chunk = stream.read(_CHUNK)
        parser.close()
    except DefusedXmlException:
        raise WorkbookError(path, f"part {part} declares a DTD or entities (a possible XML bomb): refused") from None
    except ParseError as error:
        raise WorkbookError(path, f"corrupt workbook: part {part} is not well-formed XML ({error})") from None
