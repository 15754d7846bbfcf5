"""`drafter docs`: what the tool will cite on a date, so a drafter can see it before drafting."""

from __future__ import annotations

import datetime as dt

from .text import vn


def documents_in_force(on: dt.date | None = None, profile: str | None = None) -> list[str]:
    from .inputs.catalogue import bundled
    from .inputs.knowledge import bundled as bundled_knowledge
    from .inputs.profile import load_profile

    on = on or dt.date.today()
    knowledge = bundled_knowledge()
    if profile:
        knowledge = knowledge.with_documents(load_profile(profile, bundled()).documents)
    lines = [f"Văn bản còn hiệu lực ngày {vn.short_date(on)} ({knowledge.ministry(on).names[0]} chủ quản "
             "công tác thông tin đối ngoại):"]
    for doc in knowledge.in_force(on) + [d for d in knowledge.documents.values()
                                          if d.id in knowledge.local_ids and d.citable and d.in_force(on)]:
        weak = "" if doc.label == "VERIFIED" else f" [{doc.label}]"
        lines.append(f"{doc.id:<26} {doc.citation()}{weak}")
    congress = knowledge.congress(on)
    if congress:
        lines.append(f"{'dai_hoi':<26} {congress.text}")
    upcoming = sorted((d for d in knowledge.documents.values() if d.date and d.date > on),
                      key=lambda d: d.date)
    if upcoming:
        lines.append("Chưa ban hành vào ngày này (không được dẫn): " + ", ".join(d.short() for d in upcoming[:8]))
    unknown = [d.id for d in knowledge.documents.values() if not d.citable]
    if unknown:
        lines.append(f"Chưa rõ số hiệu, không dẫn được ({len(unknown)}): " + ", ".join(sorted(unknown)))
    lines.append("Mức tin cậy: không ghi = VERIFIED; MEDIUM = một nguồn; UNVERIFIED = chưa xác minh "
                 "(bản dự thảo dẫn văn bản loại này sẽ in “Lưu ý”).")
    return lines
