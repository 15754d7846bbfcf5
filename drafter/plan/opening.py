"""The opening of a plan: its căn cứ lines (NĐ 30 Phụ lục I II.6: each on its own line ending ";",
the last "."), or, in the house style that prefers it, one "Thực hiện …" paragraph naming the same
documents and leading into the plan; then the sentence that introduces the plan.

What is cited: documents in force on the plan's date (the kind's list), the year's guidance letter
(known letters are data, a profile may name one, otherwise a visible blank), the province's own
bases, --basis lines and last year's plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text import vn

if TYPE_CHECKING:
    from .builder import BodyBuilder


def bases(builder: BodyBuilder) -> list[tuple[str, str]]:
    """(block id, text without "Căn cứ") of every basis, in order."""
    out: list[tuple[str, str]] = []
    for block in builder.spec.can_cu:
        if not builder.visible(block):
            continue
        if block.doc:
            cited = builder.cite(block.doc)
            if cited:
                out.append((block.id, _with_suffix(cited, block.suffix)))
        elif block.guidance:
            out.append((block.id, guidance_letter(builder)))
        else:
            out.append((block.id, builder.fill(block.text or "", block.id).removeprefix("Căn cứ ")))
    own = [builder.cite(ref) for ref in builder.profile.legal_bases] + list(builder.request.extra_bases)
    previous = builder.profile.previous_plans.get(builder.request.year - 1)
    if previous:
        own.append(builder.cite(previous))
    for i, basis in enumerate((b for b in own if b), start=1):
        out.append((f"cc.profile{i}", basis.removeprefix("Căn cứ ")))
    return out


def _with_suffix(cited: str, suffix: str) -> str:
    """ "… trong tình hình mới (gọi tắt là …)": words after a citation are a new word, punctuation is not
    (data is cleaned when loaded, which trims the space a suffix starts with)."""
    suffix = suffix.strip()
    if not suffix:
        return cited
    return cited + (suffix if suffix[0] in ",.;:)" else " " + suffix)


def opening(builder: BodyBuilder) -> None:
    found = bases(builder)
    intro = [b for b in builder.spec.intro if builder.visible(b)]
    if builder.request.style["opening"] == "thuc_hien" and found:
        lead = builder.fill(intro[0].text or "", intro[0].id) if intro else ""
        text = "Thực hiện " + "; ".join(vn.ensure_final(t, "") for _, t in found)
        builder.add("para", "cc.thuc-hien", f"{text}, {lead}" if lead else vn.ensure_final(text, "."))
        intro = intro[1:]
    else:
        for i, (block_id, text) in enumerate(found):
            builder.add("can_cu", block_id, vn.ensure_final(f"Căn cứ {text}", "." if i == len(found) - 1 else ";"))
    builder.paragraphs(intro)


def guidance_letter(builder: BodyBuilder) -> str:
    """The ministry's letter guiding this year's plans: known letters are data (documents.yaml),
    a profile may name one, otherwise a visible blank."""
    year, knowledge = builder.request.year, builder.request.knowledge
    letter = knowledge.guidance_letter(year)
    if letter is not None:
        return builder.cite(letter.id) or letter.citation(long_date=True)
    if year in builder.profile.guidance:
        cited = builder.cite(builder.profile.guidance[year])
        if cited:
            return cited
    ministry = knowledge.ministry(builder.request.reference_date).names[0]
    builder.notices.add(f"Chưa có công văn hướng dẫn năm {year}: căn cứ để trống số, ngày ({vn.BLANK}); "
                     f"khai báo văn bản ở documents: và guidance.{year} trong hồ sơ, hoặc dùng --basis.")
    return (f"Công văn số {vn.BLANK} ngày {vn.BLANK} của {ministry} về việc hướng dẫn "
            f"xây dựng kế hoạch công tác thông tin đối ngoại năm {year}")
