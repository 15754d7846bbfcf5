"""D rules: the documents, Party congress resolutions and public bodies a text names, judged on the
document's own date against drafter/data (documents.yaml, events.yaml, bodies.yaml).

A citation of a document the data does not know is "not evaluated", never passed.
"""

from __future__ import annotations

import datetime as dt
import re

from ...inputs.knowledge import Body, Document, Knowledge
from ...inputs.knowledge import bundled as bundled_knowledge
from ...text import vn
from ..cited import Citation, find_citations, find_congresses, issuer_matches
from ..model import DocModel, Para
from .base import Result, Unknown, Violation, check, guarded


def knowledge(m: DocModel | None = None) -> Knowledge:
    return (m.knowledge if m is not None and m.knowledge is not None else None) or bundled_knowledge()


def dated_check(name: str):
    """A citation rule judged on the document's date: "not evaluated" when it has none."""
    return guarded(name, lambda m: m.citation_date is not None,
                   "không xác định được ngày của văn bản (dòng “…, ngày … tháng … năm …”); dùng --date")


def cited(m: DocModel) -> list[tuple[Para, Citation, Document | None]]:
    """Every citation in the document, with the record it names (None when the data has none)."""
    if m.citation_cache is None:
        kb = knowledge(m)
        own = m.own_number
        m.citation_cache = [(block, c, _record(kb, c))
                            for block in m.blocks if block.text.strip() for c in find_citations(block.text)
                            if c.number is None or c.number != own]
    return m.citation_cache


def _record(kb: Knowledge, c: Citation) -> Document | None:
    """The record a citation names. A number without its year restarts every year (Chỉ thị
    07/CT-TTg of 2023 and of 2025 are two documents): cited with a date in another year than the
    record's, it names a document the data does not know."""
    if c.number is None:
        return kb.law(c.title or "", c.date)
    doc = kb.by_number(c.number)
    if (doc is not None and doc.date is not None and c.date is not None and c.date.year != doc.date.year
            and not re.search(r"/\d{4}/", c.number)):
        return None
    return doc


def _named(doc: Document) -> str:
    """A record as a message names it: by number, or (a law the data knows without one) by date."""
    if doc.number is None and doc.date is not None:
        return f"{doc.title} ngày {vn.short_date(doc.date)}"
    return doc.short()


def _note(m: DocModel) -> str:
    return f" ({m.citation_date_note})" if m.citation_date_note else ""


@dated_check("citation_not_yet_issued")
def not_yet_issued(m: DocModel, p: dict) -> Result:
    on = m.citation_date_latest
    for block, c, doc in cited(m):
        issued = doc.date if doc is not None and doc.date else c.date
        if issued is not None and issued > on:
            yield Violation(f"{c.name} ban hành ngày {vn.short_date(issued)}, sau ngày của văn bản "
                            f"({vn.short_date(on)}){_note(m)}: chưa thể dẫn", block)


@dated_check("citation_replaced")
def replaced(m: DocModel, p: dict) -> Result:
    kb, on = knowledge(m), m.citation_date
    for block, _, doc in cited(m):
        if doc is None or not doc.ended(on):
            continue
        now = [d.short() for d in kb.cited(doc.id, on)]
        instead = f"; nay dẫn {' và '.join(now)}" if now else ""
        ended = vn.short_date(doc.in_force_until + dt.timedelta(days=1))
        yield Violation(f"{_named(doc)} không còn hiệu lực từ {ended} "
                        f"(văn bản ngày {vn.short_date(on)}{_note(m)}){instead}", block)
    for block in m.blocks:
        for doc in _amended_without_amendment(kb, block, on):
            amendments = " và ".join(a.short() for a in kb.amendments(doc, on))
            yield Violation(f"{doc.short()} đã được sửa đổi, bổ sung bởi {amendments}: dẫn kèm văn bản sửa đổi",
                            block, case="amended")


def _amended_without_amendment(kb: Knowledge, block: Para, on) -> list[Document]:
    found = {c.number for c in find_citations(block.text) if c.number is not None}
    out = []
    for number in found:
        doc = kb.by_number(number)
        if doc is None or doc.ended(on):
            continue
        amendments = kb.amendments(doc, on)
        if amendments and not any(a.number in found for a in amendments):
            out.append(doc)
    return out


@check("citation_known_facts")
def known_facts(m: DocModel, p: dict) -> Result:
    """A known number with another date or issuer (real plans carry "22/2016/TT-BTTTT ngày 19/10/2012")."""
    for block, c, doc in cited(m):
        if doc is None:
            continue
        if c.date is not None and doc.date is not None and c.date != doc.date:
            yield Violation(f"{doc.short()} ghi ngày {c.date_text}, đúng là ngày {vn.short_date(doc.date)}", block)
        # "của …" names the issuer only in the full form "số … ngày … của …"; without a date it may
        # belong to the surrounding words ("Kế hoạch triển khai Kết luận số 57-KL/TW của tỉnh").
        if c.date_text and c.issuer and doc.issuer and not issuer_matches(c.issuer, doc.issuer):
            yield Violation(f"{doc.short()} ghi “của {c.issuer[:60]}…”, đúng là của {doc.issuer}", block)


@check("citation_unknown")
def unknown_documents(m: DocModel, p: dict) -> Result:
    seen: set[str] = set()
    for block, c, doc in cited(m):
        if doc is None and c.key not in seen and c.type not in p.get("skip_types", []):
            seen.add(c.key)
            if len(seen) > p.get("max_reports", 20):
                yield Unknown("… và các văn bản khác không có trong dữ liệu")
                return
            yield Unknown(f"{c.name} không có trong dữ liệu văn bản của drafter: chưa kiểm tra", block)


@dated_check("party_congress")
def party_congress(m: DocModel, p: dict) -> Result:
    kb, on, latest = knowledge(m), m.citation_date, m.citation_date_latest
    current = kb.congress(on)
    by_ordinal = {c.ordinal: c for c in kb.congresses}
    for block in m.blocks:
        for ordinal, _, _ in find_congresses(block.text):
            congress = by_ordinal.get(ordinal)
            if congress is None:
                yield Unknown(f"Nghị quyết Đại hội {ordinal}: không có trong dữ liệu", block)
            elif congress.resolution_date > latest:
                adopted = vn.short_date(congress.resolution_date)
                yield Violation(f"Nghị quyết Đại hội {ordinal} thông qua ngày {adopted}, sau ngày của văn bản"
                                f"{_note(m)}", block)
            elif current is not None and congress.resolution_date < current.resolution_date:
                # older than the one in force on the earliest day the text can bear; a newer one
                # adopted by its latest day (an undated text of that year) is not superseded
                yield Violation(f"Nghị quyết Đại hội {ordinal} đã được tiếp nối bởi {current.text} "
                                f"(từ {vn.short_date(current.resolution_date)}){_note(m)}", block, case="superseded")


def _name_pattern(name: str) -> re.Pattern:
    """A body's name as a whole phrase, in any case, spacing and tone placement (the text is
    compared after vn.fold_tones): "Ban Tuyên giáo Tỉnh uỷ" is found, and "Ban Tuyên giáo" never
    inside "Ban Tuyên giáo và Dân vận" because the whole recorded name must follow."""
    words = vn.fold_tones(name).split()
    return re.compile(r"(?<![^\W_])" + r"\s+".join(map(re.escape, words)) + r"(?![^\W_])", re.IGNORECASE)


def _gone(m: DocModel, on: dt.date) -> list[tuple[Body, dt.date, re.Pattern, str]]:
    """(body, first day it no longer existed, pattern of one of its names, the name's first word folded
    and lower-cased) for every body gone by `on`: after its last day, or after the day by which it
    had ceased everywhere (gone_by)."""
    out = []
    for body in knowledge(m).bodies:
        last = body.until or body.gone_by
        if last is None or last >= on:
            continue
        for name in body.names:
            if "<" not in name and len(name) >= 8:
                out.append((body, last + dt.timedelta(days=1), _name_pattern(name),
                            vn.fold_tones(name).split()[0].lower()))
    return out


@dated_check("defunct_body")
def defunct_body(m: DocModel, p: dict) -> Result:
    """A body named after it ceased to exist, other than as the issuer of a document it signed."""
    gone = _gone(m, m.citation_date)
    count, limit = 0, p.get("max_reports", 30)
    for block in m.blocks:
        text = vn.fold_tones(block.text)
        if not text.strip():
            continue
        lowered = text.lower()
        issuers = None
        reported = set()
        for body, ended, pattern, first in gone:
            if body.id in reported or first not in lowered:
                continue  # the name's first word is not in the paragraph: no need to run its pattern
            if issuers is None:
                issuers = [(c.start, c.end) for c in find_citations(text)]
            for found in pattern.finditer(text):
                if any(a <= found.start() < b for a, b in issuers):
                    continue
                reported.add(body.id)
                count += 1
                if count > limit:
                    yield Violation(f"… và các chỗ khác (chỉ liệt kê {limit} chỗ đầu)", block)
                    return
                at_latest = " (muộn nhất)" if body.until is None else ""
                successor = f"; nay là {body.successor}" if body.successor else ""
                yield Violation(f"“{found.group(0)}” không còn từ {vn.short_date(ended)}{at_latest}"
                                f"{_note(m)}{successor}", block)
                break
