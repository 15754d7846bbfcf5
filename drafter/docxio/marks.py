"""Stable ids inside the DOCX, so a reviewed plan can be compared block by block with what was generated.

Every generated body paragraph and appendix row gets a hidden bookmark (a name starting with "_",
which Word keeps through editing and hides from the Bookmark list) derived from the block's
catalogue id. What drafter generated is stored inside the document as a custom XML part, and in
the output folder's manifest as a fallback for editors that drop custom parts.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ..errors import TemplateError
from ..plan.records import PlanText, Snapshot
from .columns import TASK_COLUMN
from .structure import MARK_PREFIX, appendix_table, body_paragraphs, mark_of

PREFIX = MARK_PREFIX
SNAPSHOT_NS = "urn:drafter:snapshot:1"
SNAPSHOT_PART = "/customXml/item1.xml"
_FIRST_ID = 9000  # away from ids Word or docxtpl assign
_CDATA_OPEN, _CDATA_CLOSE = "<![CDATA[", "]]>"


class GeneratedBlockMissing(TemplateError):
    """A generated block is not in the rendered document: the template lost the body loop."""


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


def mark(document: DocxDocument, plan: PlanText) -> Snapshot:
    """Bookmark every generated block and row; returns the snapshot of what was generated."""
    number = _FIRST_ID
    pending = iter(plan.body)
    current = next(pending, None)
    blocks = []
    for paragraph in body_paragraphs(document):
        if current is None:
            break
        if paragraph.text == current.text:
            name = bookmark_name("b", current.id)
            _add_bookmark(paragraph, name, number)
            number += 1
            blocks.append(replace(current, mark=name))
            current = next(pending, None)
    if current is not None:
        raise GeneratedBlockMissing(f"mẫu DOCX không hiện đoạn «{current.text[:60]}» ({current.id}) của kế hoạch: "
                                    "vòng lặp {%p for b in body %} của mẫu bị mất hoặc bị sửa; kiểm tra bằng "
                                    "drafter validate --template")
    rows = []
    table = appendix_table(document)
    if table is not None and plan.appendix is not None:
        for row, data in zip(table.rows[1:], plan.appendix.rows, strict=True):
            name = bookmark_name("r", data.id)
            _add_bookmark(row.cells[TASK_COLUMN].paragraphs[0], name, number)
            number += 1
            rows.append(replace(data, mark=name))
    return Snapshot(tuple(blocks), tuple(rows), plan.meta)


def embed_snapshot(document: DocxDocument, snapshot: Snapshot) -> None:
    body = json.dumps(snapshot.to_dict(), ensure_ascii=False, sort_keys=True)
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<snapshot xmlns="{SNAPSHOT_NS}">{_CDATA_OPEN}{body.replace("]]>", "]]]]><![CDATA[>")}{_CDATA_CLOSE}'
           f'</snapshot>')
    part = Part(PackURI(SNAPSHOT_PART), "application/xml", xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.CUSTOM_XML)


def _cdata(blob: str) -> str | None:
    """The text between the first "<![CDATA[" and the last "]]>" (found by position, not by a
    backtracking pattern, so a large or hostile part costs linear time)."""
    start = blob.find(_CDATA_OPEN)
    end = blob.rfind(_CDATA_CLOSE)
    if start < 0 or end < start + len(_CDATA_OPEN):
        return None
    return blob[start + len(_CDATA_OPEN):end]


def read_snapshot(document: DocxDocument) -> Snapshot | None:
    """The snapshot stored in the document, or None when absent or unreadable (a damaged snapshot
    proves nothing; the caller falls back to the manifest or asks for the generated file)."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.CUSTOM_XML and not rel.is_external:
            blob = rel.target_part.blob.decode("utf-8", errors="replace")
            if SNAPSHOT_NS not in blob:
                continue
            body = _cdata(blob)
            if body is None:
                continue
            try:
                return Snapshot.from_dict(json.loads(body.replace("]]]]><![CDATA[>", "]]>")))
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
                return None
    return None


@dataclass
class Found:
    """A paragraph or row of a reviewed plan, with the generated id its bookmark names (if any)."""

    mark: str | None
    text: str
    cells: list[str] | None = None  # appendix rows: the cells, in docxio.columns order


def read_marked(document: DocxDocument) -> tuple[list[Found], list[Found]]:
    """Body paragraphs and appendix rows of a (possibly edited) plan, in document order."""
    body = [Found(mark_of(p._p), p.text) for p in body_paragraphs(document) if p.text.strip()]
    rows = []
    table = appendix_table(document)
    if table is not None:
        for row in table.rows[1:]:
            cells = [c.text.strip() for c in row.cells]
            task_cell = row.cells[TASK_COLUMN] if len(row.cells) > TASK_COLUMN else None
            rows.append(Found(mark_of(task_cell.paragraphs[0]._p) if task_cell and task_cell.paragraphs else None,
                              cells[TASK_COLUMN] if len(cells) > TASK_COLUMN else "", cells))
    return body, rows
