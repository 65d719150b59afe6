"""What each source wrote, kept inside the workbook as a custom XML part (``customXml/itemN.xml``,
Office's place for an add-in's data: Excel keeps it, shows nothing).

The record makes imports idempotent: a source's cells hold its own contribution (a cell fed by two
sources holds their sum), its lead rows are found again by key, and a cell whose value is no
longer what the sources wrote was typed by a person.
"""
from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..xlsx.package import WORKBOOK, open_package

NAMESPACE = "urn:xlkpi:import:1"
_RELS = "xl/_rels/workbook.xml.rels"
_TYPES = "[Content_Types].xml"
_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"


@dataclass
class Source:
    """One source's record: its cells ("Sheet!A1" → contribution) and leads (key → row, fields written)."""

    cells: dict[str, float] = field(default_factory=dict)
    leads: dict[str, dict[str, Any]] = field(default_factory=dict)  # key → {"row": n, "fields": {key: value}}
    files: list[dict[str, Any]] = field(default_factory=list)  # the exports imported, last one last


@dataclass
class Record:
    sources: dict[str, Source] = field(default_factory=dict)
    part: str | None = None  # the custom XML part holding it, once written

    def contribution(self, cell: str) -> float | None:
        """What the sources wrote in ``cell`` together (None: no source wrote it)."""
        found = [s.cells[cell] for s in self.sources.values() if cell in s.cells]
        return sum(found) if found else None

    def to_xml(self) -> bytes:
        body = {"version": 1, "sources": {name: {"files": s.files, "cells": s.cells, "leads": s.leads}
                                         for name, s in sorted(self.sources.items())}}
        text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<imports xmlns="{NAMESPACE}">{text}</imports>'.encode()


def read(path: str | Path, max_memory: int | None = None) -> Record:
    """The record in the workbook at ``path`` (empty if it has none); WorkbookError for a file
    that fails vetting."""
    with open_package(path, max_memory) as book:
        for part in book.targets(WORKBOOK, "customXml").values():
            if not book.has(part):
                continue
            root = book.xml(part)
            if root.tag == f"{{{NAMESPACE}}}imports":
                data = json.loads(root.text or "{}")
                sources = {name: Source(s.get("cells", {}), s.get("leads", {}), s.get("files", []))
                           for name, s in data.get("sources", {}).items()}
                return Record(sources, part)
    return Record()


def parts(path: str | Path, record: Record, max_memory: int | None = None) -> dict[str, bytes]:
    """The parts to write so that the workbook holds ``record``: the record's part and, the first
    time, its properties, their relationships and content type."""
    if record.part:
        return {record.part: record.to_xml()}
    with open_package(path, max_memory) as book:
        n = 1
        while book.has(f"customXml/item{n}.xml"):
            n += 1
        rels = book.read(_RELS).decode("utf-8")
        types = book.read(_TYPES).decode("utf-8")
    used = set(re.findall(r'Id="([^"]+)"', rels))
    rel_id = next(f"rId{k}" for k in range(len(used) + 1, len(used) + 1000) if f"rId{k}" not in used)
    item, props = f"customXml/item{n}.xml", f"customXml/itemProps{n}.xml"
    rels = rels.replace("</Relationships>", f'<Relationship Id="{rel_id}" Type="{_CUSTOM_XML}" '
                                            f'Target="../{item}"/></Relationships>')
    types = types.replace("</Types>", f'<Override PartName="/{props}" ContentType="{_PROPS_TYPE}"/></Types>')
    item_id = "{" + str(uuid.uuid4()).upper() + "}"
    return {
        _RELS: rels.encode("utf-8"),
        _TYPES: types.encode("utf-8"),
        item: record.to_xml(),
        props: ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<ds:datastoreItem ds:itemID="'
                f'{item_id}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
                f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>').encode(),
        f"customXml/_rels/item{n}.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{_PROPS}" '
            f'Target="itemProps{n}.xml"/></Relationships>').encode(),
    }
