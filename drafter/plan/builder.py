"""What builds a plan's body, block by block: the primitives (add a block, fill its placeholders,
weigh its sources, a point with its lines) the section walk (plan.body), the opening (plan.opening)
and the agencies' duties (plan.duties) share.

Its own module below those three, so they can take a builder without importing the walk that
calls them.
"""

from __future__ import annotations

from ..inputs.catalogue import Group
from ..inputs.kind_records import Frame, Item, Line, Point
from ..text import placeholders, vn
from .notices import Notices
from .records import Block
from .request import PlanRequest
from .selection import PlanTask
from .values import FACT_VALUES, Values, all_hold, fill


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
        # Who wrote each block's text, and the block it belongs to: what plan.fit weighs when it
        # chooses a draft's content. Blocks without sources (headings, căn cứ) are the frame.
        self.sources: dict[str, tuple[str, ...]] = {}
        self.chosen = False  # in a section whose content is chosen by support (the kind's `chosen:`)
        self.owner: dict[str, str] = {}

    # --- primitives ---------------------------------------------------------------------------

    def add(self, style: str, block_id: str, text: str, sources=None, owner: str | None = None) -> None:
        self.blocks.append(Block(block_id, style, text))
        if sources:
            self.sources[block_id] = tuple(sources)
        if owner:
            self.owner[block_id] = owner

    def omitted(self, block_id: str) -> bool:
        """Left out of this draft by plan.fit: few sources carry it (a profile or --detail brings it back)."""
        return block_id in self.request.omitted

    def fill(self, text: str, where: str) -> str:
        return fill(text, self.values, where)

    def cite(self, ref: str) -> str | None:
        """A căn cứ citation (long dates) of a document on the plan's date; None when none is in force."""
        on = self.request.reference_date
        text = self.request.knowledge.cite(ref, on, long_date=True)
        if text is None:
            self.notices.add(f"Không dẫn văn bản {ref}: không còn hoặc chưa có hiệu lực vào ngày {vn.short_date(on)}.")
            return None
        self.values.rely_on(self.request.knowledge.relied_on(ref, on))
        return text

    def visible(self, entry: Frame | Point | Line) -> bool:
        """The entry's conditions hold for this province and every document its text names outside
        [[optional]] parts is in force on the plan's date."""
        return self.holds(entry.when) and self.values.available(entry.text or "")

    def holds(self, when: tuple[str, ...]) -> bool:
        """A section's or a duty's conditions hold for this province."""
        return all_hold(when, self.profile, self.values)

    def lines(self, entries: tuple[Line, ...]) -> list[tuple[int, str]]:
        """Bullets or paragraphs that apply, with their place in the list (ids stay stable)."""
        return [(i, e.text) for i, e in enumerate(entries, start=1) if self.visible(e)]

    def weighed(self, entry: Point | Line, inherited: tuple[str, ...] | None = ()) -> tuple[str, ...] | None:
        """The sources plan.fit weighs an entry by: its own, else those of the point it belongs to.
        None (never left out for length) for a text with conditions or one that needs a value some
        provinces lack, and for every line of such a text: it is here because it applies to this
        province (its border, its sea, this year's events, its house style "Mục đích / Yêu cầu"), and
        few writers carry it only because few provinces are like this one. An optional part counts too:
        "[[, trong đó có {ky_niem}]]" names this year's anniversaries."""
        if not self.chosen or inherited is None or entry.when or placeholders.names_in(entry.text) & FACT_VALUES:
            return None
        return tuple(entry.sources or inherited)

    def sourced_lines(self, entries: tuple[Line, ...], owner: str, kind: str,
                      inherited: tuple[str, ...] | None) -> list[tuple[str, str, tuple[str, ...] | None]]:
        """lines() with each line's block id ("g3.c.bullet2") and sources (its own, else its owner's),
        without the lines plan.fit left out."""
        out = []
        for i, entry in enumerate(entries, start=1):
            block_id = f"{owner}.{kind}{i}"
            if self.visible(entry) and not self.omitted(block_id):
                out.append((block_id, entry.text, self.weighed(entry, inherited)))
        return out

    def programmes(self) -> list[str]:
        """The province's TTĐN programmes in force on the plan's date, cited."""
        out = []
        for ref in self.profile.programmes:
            text = self.values.use(f"doc:{ref}")
            if text:
                out.append(text)
        return out

    def point_children(self, point: Point, details: list[Point] | tuple = ()) -> None:
        """A point's "-" lines (its bullets, a profile list, the catalogue points that detail it),
        then its paragraphs."""
        inherited = self.weighed(point)
        bullets = self.sourced_lines(point.bullets, point.id, "bullet", inherited)
        if isinstance(point, Item) and point.listing == "programmes":
            bullets += [(f"{point.id}.bullet{len(bullets) + i}", text, None)
                        for i, text in enumerate(self.programmes(), start=1)]
        for block_id, bullet, sources in bullets:
            self.add("gach", block_id, vn.ensure_final(self.fill(bullet, point.id), ";"), sources, point.id)
        for detail in details:
            if self.visible(detail) and not self.omitted(detail.id):
                self.add("gach", detail.id, vn.ensure_final(self.fill(detail.text, detail.id), ";"),
                         detail.sources, point.id)
        if self.blocks[-1].style == "gach":  # the last line of a list ends the sentence
            last = self.blocks[-1]
            self.blocks[-1] = Block(last.id, last.style, vn.ensure_final(last.text, "."))
        for block_id, para, sources in self.sourced_lines(point.paras, point.id, "para", inherited):
            self.add("para", block_id, self.fill(para, point.id), sources, point.id)

    def points(self, points: list[Point] | tuple[Point, ...], group: Group | None = None) -> None:
        """Lettered points, each with its lines; a catalogue group's points with the lines that detail them."""
        for point in points:
            if self.visible(point) and not self.omitted(point.id):
                self.add("diem", point.id, self.fill(point.text, point.id), self.weighed(point))
                self.point_children(point, group.children(point.id) if group else [])

    def paragraphs(self, blocks: tuple[Frame, ...] | list[Frame], style: str = "para") -> None:
        for block in blocks:  # the frame (opening, closing): never weighed for length
            if self.visible(block):
                self.add(style, block.id, self.fill(block.text or "", block.id))
