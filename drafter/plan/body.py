"""The body of a plan, as unlabelled blocks in reading order, from the plan kind's skeleton.

Blocks carry the catalogue's ids so a reviewer's change to a paragraph can be found again next
year; labels ("I.", "1.", "a)") are added at the very end by plan.numbering.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..inputs.kind_records import Item
from ..text import vn
from .appendix import assignment_lines
from .builder import BodyBuilder
from .duties import agency_items
from .notices import Notices
from .opening import opening
from .records import Block
from .request import PlanRequest
from .selection import PlanTask
from .values import Values


def group_points(builder: BodyBuilder) -> None:
    """NQ 47's five groups with their points (the nq47 kind's section II); a group's khoản has the
    number and title its rows have in the appendix."""
    for group in builder.catalogue.groups:
        builder.add("khoan_title", group.id, vn.ensure_final(builder.fill(group.title, group.id), ":"))
        builder.points(group.lettered(), group)


def items(builder: BodyBuilder, entries: tuple[Item, ...]) -> None:
    for item in entries:
        if not builder.visible(item):
            continue
        lines = assignment_lines(builder.catalogue, builder.profile, builder.tasks) if item.assignments else []
        if item.assignments and not lines:
            continue
        builder.add("khoan_title" if item.title else "khoan", item.id, builder.fill(item.text, item.id))
        builder.points(item.points)
        builder.point_children(item)
        for i, line in enumerate(lines, start=1):
            builder.add("gach", f"{item.id}.{i}", line)


def build(builder: BodyBuilder) -> list[Block]:
    opening(builder)
    for section in builder.spec.sections:
        if not builder.holds(section.when):
            continue
        builder.add("muc", section.id, vn.upper(builder.fill(section.title, section.id)))
        builder.chosen = section.chosen
        if section.groups:
            group_points(builder)
        items(builder, section.items)
        if section.agencies and builder.holds(section.agencies_when):
            agency_items(builder)
        builder.paragraphs(section.closing)
    builder.paragraphs(builder.spec.closing)
    return builder.blocks


@dataclass(frozen=True)
class Body:
    """The body's blocks, and who wrote each (plan.fit weighs them)."""

    blocks: list[Block]
    sources: dict[str, tuple[str, ...]]
    owner: dict[str, str]  # a line → the point it belongs to


def build_body(request: PlanRequest, values: Values, tasks: list[PlanTask], notices: Notices) -> Body:
    builder = BodyBuilder(request, values, tasks, notices)
    return Body(build(builder), builder.sources, builder.owner)
