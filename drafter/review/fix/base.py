"""What every fixer shares: the document being fixed, tracked edits of runs and paragraphs, and the
reasons a finding is left for the reviewer.

A fixer (fix/parts.py, fix/pages.py, fix/rules.py) receives one finding of `drafter check` and the
paragraph it names, changes formatting through these helpers (each edit a tracked change) and
returns None, or returns the reason it left the finding as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.font import Font
from docx.text.parfmt import ParagraphFormat

from ...check.model import DocModel, Para
from ..revise import Reviser

FONT = "Times New Roman"
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
         "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}
ALIGN_WORDS = {"căn giữa": "center", "căn đều hai bên": "both", "căn trái": "left", "căn phải": "right"}

# Why a finding is left as it is (shown to the reviewer, so in Vietnamese).
WORDS = "phải sửa chữ (không chỉ định dạng): chạy lại với --text để đề xuất thành thay đổi có đánh dấu"
WORDING = "phải sửa câu chữ; drafter không tự viết lại nội dung"
MISSING = "thiếu hẳn một phần của văn bản; drafter không tự thêm nội dung"
NO_PLACE = "không xác định được đoạn văn cần sửa"
NO_FIXER = "drafter chưa có cách sửa an toàn cho quy tắc này"
CONTENT = "nội dung, trích dẫn: người rà soát quyết định"


@dataclass
class Fixing:
    """One document being fixed: its model (read once, before any edit), the tracked-change
    writer, the rule set's params by rule id, and whether words may be changed (--text)."""

    model: DocModel
    reviser: Reviser
    params: dict[str, dict]
    text: bool = False
    edits: list[str] = field(default_factory=list)  # each change of words, for the listing
    done: dict[str, object] = field(default_factory=dict)  # results of fixers that run once per document

    def block(self, number: int | None) -> Para | None:
        if not number or number > len(self.model.blocks):
            return None
        block = self.model.blocks[number - 1]
        return block if block.number == number else None

    def once(self, rule: str, run):
        """A fixer that mends the whole document (the check reports only the first case, or ten):
        run once, its result reused for every finding of the rule."""
        if rule not in self.done:
            self.done[rule] = run()
        return self.done[rule]

    # --- runs --------------------------------------------------------------------------------

    def font(self, r) -> Font:
        """The run's font, its previous properties kept in a w:rPrChange first."""
        self.reviser.props(r, "w:rPr")
        return Font(r)

    def set_size(self, r, size: float) -> None:
        self.font(r).size = Pt(size)
        szcs = r.rPr.find(qn("w:szCs"))
        if szcs is not None:
            szcs.set(qn("w:val"), str(int(size * 2)))

    def set_fonts(self, r, name: str = FONT) -> None:
        """The name in all four slots, theme references removed (a theme would win over the name)."""
        self.font(r)
        fonts = r.rPr.get_or_add_rFonts()
        for slot in FONT_SLOTS:
            fonts.set(qn(f"w:{slot}"), name)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)

    def para(self, p) -> ParagraphFormat:
        """The paragraph's format, its previous properties kept in a w:pPrChange first."""
        self.reviser.props(p, "w:pPr")
        return ParagraphFormat(p)

    def align(self, p, jc: str) -> None:
        self.para(p).alignment = ALIGN[jc]

    def replace(self, block: Para, start: int, end: int, new: str) -> bool:
        old = block.text[start:end]
        done = self.reviser.replace(block.paragraph._p, start, end, new)
        if done:
            self.edits.append(f"{block.where()}: «{old}» → «{new}»")
        return done


def text_runs(p) -> list:
    """Every run of a paragraph that shows text, inside hyperlinks, insertions and simple fields too
    (python-docx's paragraph.runs sees only direct children); never a deleted run."""
    runs = p.xpath("./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r"
                   " | ./w:hyperlink/w:ins/w:r")
    return [r for r in runs if "".join(str(c) for c in r if c.tag in (qn("w:t"), qn("w:tab"))).strip()]


#: Child order of w:pPr and w:sectPr (OOXML CT_PPr, CT_SectPr), for elements python-docx has no setter for.
PPR_ORDER = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
             "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
             "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
             "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split()
SECT_ORDER = ("headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
              "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings "
              "sectPrChange").split()


def child(parent, tag: str, order: list[str]):
    """The child `w:tag` of parent, added where the schema's order puts it if missing."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    from docx.oxml import OxmlElement

    el = OxmlElement(f"w:{tag}")
    later = {qn(f"w:{t}") for t in order[order.index(tag) + 1:]}
    after = next((c for c in parent if c.tag in later), None)
    if after is not None:
        after.addprevious(el)
    else:
        parent.append(el)
    return el


def clamp(value: float | None, bounds) -> float:
    """The nearest value within NĐ 30's bounds (the lower one when the value is not set)."""
    lo, hi = (bounds, bounds) if isinstance(bounds, int | float) else bounds
    if value is None:
        return lo
    return min(max(value, lo), hi)
