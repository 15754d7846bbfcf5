"""The body of a plan, as unlabelled blocks in reading order, from the plan kind's skeleton.

Blocks carry the catalogue's ids so a reviewer's change to a paragraph can be found again next
year; labels ("I.", "1.", "a)") are added at the very end by plan.numbering.
"""

from __future__ import annotations

from typing import Any

from ..text import vn
from .appendix import assignment_lines, led_by
from .notices import Notices
from .records import Block
from .request import PlanRequest
from .selection import PlanTask
from .values import Values, all_hold, fill


class BodyBuilder:
    """Accumulates blocks for one plan."""

    def __init__(self, request: PlanRequest, values: Values, tasks: list[PlanTask], notices: Notices):
        self.request = request
        self.profile = request.profile
        self.catalogue = request.catalogue
        self.spec = request.kind.spec
        self.values = values
        self.tasks = tasks
        self.notices = notices
        self.blocks: list[Block] = []

    # --- primitives ---------------------------------------------------------------------------

    def add(self, style: str, block_id: str, text: str) -> None:
        self.blocks.append(Block(block_id, style, text))

    def fill(self, text: str, where: str) -> str:
        return fill(text, self.values, where)

    def visible(self, entry: dict[str, Any] | str) -> bool:
        """The entry's conditions hold for this province and every document its text names outside
        [[optional]] parts is in force on the plan's date."""
        if isinstance(entry, str):
            return self.values.available(entry)
        return all_hold(entry.get("when") or [], self.profile, self.values) and \
            self.values.available(entry.get("text") or "")

    def lines(self, entries: list[Any]) -> list[tuple[int, str]]:
        """Bullets or paragraphs that apply, with their place in the list (ids stay stable)."""
        return [(i, e if isinstance(e, str) else e["text"]) for i, e in enumerate(entries, start=1) if self.visible(e)]

    def programmes(self) -> list[str]:
        """The province's TTĐN programmes in force on the plan's date, cited."""
        out = []
        for ref in self.profile.programmes:
            text = self.values.use(f"doc:{ref}")
            if text:
                out.append(text)
        return out

    def point_children(self, point: dict[str, Any]) -> None:
        bullets = self.lines(point.get("bullets") or [])
        if point.get("list") == "programmes":
            bullets += [(len(bullets) + i, text) for i, text in enumerate(self.programmes(), start=1)]
        for i, bullet in bullets:
            self.add("gach", f"{point['id']}.bullet{i}", vn.ensure_final(self.fill(bullet, point["id"]), ";"))
        if bullets:
            last = self.blocks[-1]
            self.blocks[-1] = Block(last.id, last.style, vn.ensure_final(last.text, "."))
        for i, para in self.lines(point.get("paras") or []):
            self.add("para", f"{point['id']}.para{i}", self.fill(para, point["id"]))

    def points(self, points: list[dict[str, Any]] | tuple[dict[str, Any], ...]) -> None:
        for point in points:
            if self.visible(point):
                self.add("diem", point["id"], self.fill(point["text"], point["id"]))
                self.point_children(point)

    def paragraphs(self, blocks: list[dict[str, Any]], style: str = "para") -> None:
        for block in blocks:
            if self.visible(block):
                self.add(style, block["id"], self.fill(block["text"], block["id"]))

    # --- parts of the plan ----------------------------------------------------------------------

    def can_cu(self) -> None:
        """Căn cứ lines: documents in force on the plan's date, the year's guidance letter, the
        province's own bases, --basis lines, last year's plan. NĐ 30 Phụ lục I II.6: each on its
        own line ending ";", the last "."."""
        texts: list[tuple[str, str]] = []
        for block in self.spec["can_cu"]:
            if not self.visible(block):
                continue
            if block.get("doc"):
                cited = self.cite(block["doc"])
                if cited:
                    texts.append((block["id"], f"Căn cứ {cited}{block.get('suffix') or ''}"))
            elif block.get("guidance"):
                texts.append((block["id"], f"Căn cứ {self._guidance_letter()}"))
            else:
                texts.append((block["id"], self.fill(block["text"], block["id"])))
        bases = [self.cite(ref) for ref in self.profile.legal_bases] + list(self.request.extra_bases)
        previous = self.profile.previous_plans.get(self.request.year - 1)
        if previous:
            bases.append(self.cite(previous))
        for i, basis in enumerate((b for b in bases if b), start=1):
            texts.append((f"cc.profile{i}", basis if basis.startswith("Căn cứ") else f"Căn cứ {basis}"))
        for i, (block_id, text) in enumerate(texts):
            self.add("can_cu", block_id, vn.ensure_final(text, "." if i == len(texts) - 1 else ";"))

    def cite(self, ref: str) -> str | None:
        """A căn cứ citation (long dates) of a document on the plan's date; None when none is in force."""
        on = self.request.reference_date
        text = self.request.knowledge.cite(ref, on, long_date=True)
        if text is None:
            self.notices.add(f"Không dẫn văn bản {ref}: không còn hoặc chưa có hiệu lực vào ngày {vn.short_date(on)}.")
            return None
        self.values.rely_on(self.request.knowledge.relied_on(ref, on))
        return text

    def _guidance_letter(self) -> str:
        """The ministry's letter guiding this year's plans: known letters are data (documents.yaml),
        a profile may name one, otherwise a visible blank."""
        year, knowledge = self.request.year, self.request.knowledge
        letter = knowledge.guidance_letter(year)
        if letter is not None:
            return self.cite(letter.id) or letter.citation(long_date=True)
        if year in self.profile.guidance:
            cited = self.cite(self.profile.guidance[year])
            if cited:
                return cited
        ministry = knowledge.ministry(self.request.reference_date).names[0]
        self.notices.add(f"Chưa có công văn hướng dẫn năm {year}: căn cứ để trống số, ngày ({vn.BLANK}); "
                         f"khai báo văn bản ở documents: và guidance.{year} trong hồ sơ, hoặc dùng --basis.")
        return (f"Công văn số {vn.BLANK} ngày {vn.BLANK} của {ministry} về việc hướng dẫn "
                f"xây dựng kế hoạch công tác thông tin đối ngoại năm {year}")

    def group_points(self) -> None:
        """NQ 47's five groups with their points (the nq47 kind's section II)."""
        for group in self.catalogue.groups:
            self.add("khoan_title", group.id, vn.ensure_final(self.fill(group.title, group.id), ":"))
            self.points(group.points)

    def items(self, items: list[dict[str, Any]]) -> None:
        for item in items:
            if not self.visible(item):
                continue
            lines = assignment_lines(self.catalogue, self.profile, self.tasks) if item.get("assignments") else []
            if item.get("assignments") and not lines:
                continue
            self.add("khoan_title" if item.get("title") else "khoan", item["id"], self.fill(item["text"], item["id"]))
            self.points(item.get("points") or [])
            self.point_children(item)
            for i, line in enumerate(lines, start=1):
                self.add("gach", f"{item['id']}.{i}", line)

    def task_points(self) -> None:
        """The year's tasks as points under their group (the annual kind's section II)."""
        for group in self.catalogue.groups:
            members = [t for t in self.tasks if t.group == group.id]
            if not members:
                continue
            heading = vn.ensure_final(self.fill(group.appendix_title, group.id), ":")
            self.add("khoan_title", f"tasks.{group.id}", heading)
            for item in members:
                text = vn.capitalize_first(item.text or self.fill(item.task.text, item.id))
                self.add("diem", f"task.{item.id}", vn.ensure_final(text, "."))

    def agency_items(self) -> None:
        """One numbered item per agency (kind `duties`), merged where one agency holds several roles."""
        items: dict[str, dict[str, Any]] = {}
        for duty in self.spec["duties"]:
            name = self.profile.agencies.get(duty["role"])
            if not name or not self.visible(duty):
                continue
            heading = "; ".join(vn.capitalize_first(n) for n in
                                [name] + [self.profile.agencies[r] for r in duty["also"] if r in self.profile.agencies])
            prefix = f"{duty['prefix']} " if duty["prefix"] else ""
            item = items.setdefault(name, {"id": f"duty.{duty['role']}", "heading": prefix + heading,
                                           "bullets": [], "roles": []})
            item["roles"].append(duty["role"])
            item["bullets"] += [self.fill(b, item["id"]) for b in duty["bullets"]]
        collective = self.catalogue.collective_roles()
        for name, item in items.items():
            led = led_by(name, self.tasks)
            if led and not collective & set(item["roles"]):
                item["bullets"].append(
                    f"Chủ trì thực hiện các nhiệm vụ số {', '.join(led)} tại Phụ lục kèm theo Kế hoạch này.")
            self.add("khoan_title", item["id"], item["heading"])
            for i, bullet in enumerate(item["bullets"], start=1):
                self.add("gach", f"{item['id']}.{i}", vn.ensure_final(bullet, "."))

    def build(self) -> list[Block]:
        self.can_cu()
        self.paragraphs(self.spec["intro"])
        for section in self.spec["sections"]:
            self.add("muc", section["id"], vn.upper(self.fill(section["title"], section["id"])))
            if section["groups"]:
                self.group_points()
            self.items(section["items"])
            if section["task_points"]:
                self.task_points()
            if section["agencies"]:
                self.agency_items()
            self.paragraphs(section["closing"])
        self.paragraphs(self.spec["closing"])
        return self.blocks


def build_body(request: PlanRequest, values: Values, tasks: list[PlanTask], notices: Notices) -> list[Block]:
    return BodyBuilder(request, values, tasks, notices).build()
