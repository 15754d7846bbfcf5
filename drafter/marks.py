"""Stable ids inside the DOCX, so a reviewed plan can be compared block by block with what was generated.

Every generated body paragraph and appendix row gets a hidden bookmark (a name starting with "_",
which Word keeps through editing and hides from the Bookmark list) derived from the block's
catalogue id. What drafter generated is stored inside the document as a custom XML part, and in
the output folder's manifest as a fallback for editors that drop custom parts.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

PREFIX = "_dr"
SNAPSHOT_NS = "urn:drafter:snapshot:1"
SNAPSHOT_PART = "/customXml/item1.xml"
_FIRST_ID = 9000  # away from ids Word or docxtpl assign


def bookmark_name(kind: str, block_id: str) -> str:
    """ "_drb" + 12 hex digits for a body block, "_drr…" for an appendix row (≤ 40 characters)."""
    return f"{PREFIX}{kind}{hashlib.sha1(block_id.encode('utf-8')).hexdigest()[:12]}"


def _add_bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    p = paragraph._p
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    p.insert(1 if p.pPr is not None else 0, start)
    p.append(end)


def body_paragraphs(document: DocxDocument) -> list[Paragraph]:
    """Top-level paragraphs of the main section (before the appendix section break)."""
    out = []
    for paragraph in document.paragraphs:
        out.append(paragraph)
        if paragraph._p.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None:
            break
    return out


def appendix_table(document: DocxDocument) -> Table | None:
    tables = document.tables
    return tables[-1] if len(tables) >= 3 else None


def mark(document: DocxDocument, context: dict[str, Any]) -> dict[str, Any]:
    """Bookmark every generated block and row; returns the snapshot of what was generated."""
    number = _FIRST_ID
    blocks = context["body"]
    pending = iter(blocks)
    current = next(pending, None)
    snapshot_blocks = []
    for paragraph in body_paragraphs(document):
        if current is None:
            break
        if paragraph.text == current["text"]:
            name = bookmark_name("b", current["id"])
            _add_bookmark(paragraph, name, number)
            number += 1
            snapshot_blocks.append({"id": current["id"], "style": current["style"], "text": current["text"],
                                    "raw": current.get("raw", current["text"]), "mark": name})
            current = next(pending, None)
    if current is not None:
        raise RuntimeError(f"generated block {current['id']!r} not found in the rendered document")
    rows = []
    table = appendix_table(document)
    if table is not None:
        for row, data in zip(table.rows[1:], context["appendix"]["rows"], strict=True):
            name = bookmark_name("r", data["id"])
            _add_bookmark(row.cells[1].paragraphs[0], name, number)
            number += 1
            rows.append({**data, "mark": name})
    return {"version": 1, "blocks": snapshot_blocks, "rows": rows, "meta": context.get("meta", {})}


def embed_snapshot(document: DocxDocument, snapshot: dict[str, Any]) -> None:
    body = json.dumps(snapshot, ensure_ascii=False, sort_keys=True)
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<snapshot xmlns="{SNAPSHOT_NS}"><![CDATA[{body.replace("]]>", "]]]]><![CDATA[>")}]]></snapshot>')
    part = Part(PackURI(SNAPSHOT_PART), "application/xml", xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.CUSTOM_XML)


def read_snapshot(document: DocxDocument) -> dict[str, Any] | None:
    for rel in document.part.rels.values():
        if rel.reltype == RT.CUSTOM_XML and not rel.is_external:
            blob = rel.target_part.blob.decode("utf-8", errors="replace")
            if SNAPSHOT_NS in blob:
                match = re.search(r"<!\[CDATA\[(.*)\]\]>", blob, re.S)
                if match:
                    return json.loads(match.group(1).replace("]]]]><![CDATA[>", "]]>"))
    return None


@dataclass
class Found:
    """A paragraph or row of a reviewed plan, with the generated id its bookmark names (if any)."""

    mark: str | None
    text: str
    cells: list[str] | None = None  # appendix rows: STT, Nhiệm vụ, Chủ trì, Phối hợp, Thời gian


def _mark_of(paragraph: Paragraph) -> str | None:
    for start in paragraph._p.iter(qn("w:bookmarkStart")):
        name = start.get(qn("w:name")) or ""
        if name.startswith(PREFIX):
            return name
    return None


def read_marked(document: DocxDocument) -> tuple[list[Found], list[Found]]:
    """Body paragraphs and appendix rows of a (possibly edited) plan, in document order."""
    body = [Found(_mark_of(p), p.text) for p in body_paragraphs(document) if p.text.strip()]
    rows = []
    table = appendix_table(document)
    if table is not None:
        for row in table.rows[1:]:
            cells = [c.text.strip() for c in row.cells]
            rows.append(Found(_mark_of(row.cells[1].paragraphs[0]) if row.cells[1].paragraphs else None,
                              cells[1] if len(cells) > 1 else "", cells))
    return body, rows
