"""Tổ chức thực hiện: one numbered item per agency the plan names.

The kind's duties come first, in its order (the Front and the Party's propaganda board "Đề nghị",
then the TTĐN lead and the others), merged where one agency holds several roles; then the
province's own extra agencies; then every other agency that leads a task, so no agency is given
work without being told so. A lead agency's item names the tasks it leads: by number when the plan
has an appendix ("nhiệm vụ số 2.1", "các nhiệm vụ số 2.1, 3.4"), in words when it does not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..text import vn
from .selection import PlanTask

if TYPE_CHECKING:
    from .body import BodyBuilder


def _item(items: dict[str, dict[str, Any]], name: str, item_id: str, heading: str) -> dict[str, Any]:
    return items.setdefault(name, {"id": item_id, "heading": heading, "bullets": [], "roles": []})


def numbers_phrase(numbers: list[str]) -> str:
    """ "nhiệm vụ số 2.1" for one, "các nhiệm vụ số 2.1, 3.4" for several."""
    return f"{'các ' if len(numbers) > 1 else ''}nhiệm vụ số {', '.join(numbers)}"


def _role_of(builder: BodyBuilder, name: str) -> str | None:
    return next((role for role, agency in builder.profile.agencies.items()
                 if agency == name or vn.lower_first(agency) == name), None)


def agency_items(builder: BodyBuilder) -> None:
    profile = builder.profile
    items: dict[str, dict[str, Any]] = {}
    for duty in builder.spec["duties"]:
        name = profile.agencies.get(duty["role"])
        if not name or not builder.visible(duty):
            continue
        heading = "; ".join(vn.capitalize_first(n) for n in
                            [name] + [profile.agencies[r] for r in duty["also"] if r in profile.agencies])
        prefix = f"{duty['prefix']} " if duty["prefix"] else ""
        item = _item(items, name, f"duty.{duty['role']}", prefix + heading)
        item["roles"].append(duty["role"])
        item["bullets"] += [builder.fill(text, item["id"]) for _, text in builder.lines(duty["bullets"])]
    for i, extra in enumerate(profile.extra_agencies, start=1):
        prefix = f"{extra.prefix} " if extra.prefix else ""
        item = _item(items, extra.name, f"duty.extra{i}", prefix + vn.capitalize_first(extra.name))
        item["bullets"] += [builder.fill(text, item["id"]) for text in extra.duties]
    collective = {vn.lower_first(profile.agencies[r]) for r in builder.catalogue.collective_roles()
                  if r in profile.agencies}
    for task in builder.tasks:
        for name in task.lead_names or ():
            if name and name not in items and name not in collective:
                role = _role_of(builder, name)
                _item(items, name, f"duty.{role or vn.slug(name)}", vn.capitalize_first(name))
    appendix = builder.request.style["appendix"]
    for name, item in items.items():
        led = [t for t in builder.tasks if name in (t.lead_names or ())]
        if led and not builder.catalogue.collective_roles() & set(item["roles"]):
            item["bullets"] += _led_tasks(builder, led, appendix)
        if not item["bullets"]:
            continue
        builder.add("khoan_title", item["id"], item["heading"])
        for i, bullet in enumerate(item["bullets"], start=1):
            builder.add("gach", f"{item['id']}.{i}", vn.ensure_final(bullet, "."))


def _led_tasks(builder: BodyBuilder, led: list[PlanTask], appendix: bool) -> list[str]:
    if appendix:
        return [f"Chủ trì thực hiện {numbers_phrase([t.number for t in led])} tại Phụ lục kèm theo Kế hoạch này."]
    out = []
    for task in led:
        text = task.text or builder.fill(task.task.text, task.id)
        shown = not builder.request.single_year and task.time_text
        when = f" (thời gian: {vn.lower_first(task.time_text)})" if shown else ""
        out.append(f"Chủ trì thực hiện: {vn.lower_first(text)}{when}")
    return out
