"""TB rules: text size in data tables and a repeated header row on long tables."""

from __future__ import annotations

from docx.oxml.ns import qn

from ..model import DocModel
from .base import Result, Violation, check
from .helpers import first, in_range, pt


@check("table_text_size")
def table_text_size(m: DocModel, p: dict) -> Result:
    layout = {id(t) for t in (m.header_table, m.signature_table) if t}
    for info in m.tables:
        if id(info) in layout:
            continue
        for block in info.blocks:
            if block.text.strip() and not in_range(first(m, block).size_pt, p["size_pt"]):
                yield Violation(f"chữ trong bảng cỡ {first(m, block).size_pt:g} pt, thường dùng {pt(p['size_pt'])}",
                                block)
                break


@check("table_header_repeat")
def table_header_repeat(m: DocModel, p: dict) -> Result:
    layout = {id(t) for t in (m.header_table, m.signature_table) if t}
    for info in m.tables:
        if id(info) in layout or len(info.table.rows) < p["min_rows"]:
            continue
        tr_pr = info.table.rows[0]._tr.trPr
        if tr_pr is None or tr_pr.find(qn("w:tblHeader")) is None:
            yield Violation("bảng dài nhưng dòng tiêu đề không lặp lại ở mỗi trang", info.blocks[0])
