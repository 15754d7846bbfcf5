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
    from .builder import BodyBuilder


def _item(items: dict[str, dict[str, Any]], name: str, item_id: str, heading: str) -> dict[str, Any]:
    return items.setdefault(name, {"id": item_id, "heading": heading, "bullets": [], "roles": [], "names": {name}})


def numbers_phrase(numbers: list[str]) -> str:
    """ "nhiệm vụ số 2.1" for one, "các nhiệm vụ số 2.1, 3.4" for several."""
    return f"{'các ' if len(numbers) > 1 else ''}nhiệm vụ số {', '.join(numbers)}"


def _role_of(builder: BodyBuilder, name: str) -> str | None:
    return next((role for role, agency in builder.profile.agencies.items()
                 if agency == name or vn.lower_first(agency) == name), None)


def agency_items(builder: BodyBuilder) -> None:
    profile = builder.profile
    items: dict[str, dict[str, Any]] = {}
    aliases: dict[str, str] = {}  # a name held in another agency's item ("Báo …; Đài …") → that item's key
    for duty in builder.spec.duties:
        name = profile.agencies.get(duty.role)
        if not name or not builder.holds(duty.when):
            continue
        name = aliases.get(name, name)
        also = [profile.agencies[r] for r in duty.also if r in profile.agencies]
        heading = "; ".join(vn.capitalize_first(n) for n in [name] + also)
        prefix = f"{duty.prefix} " if duty.prefix else ""
        item = _item(items, name, f"duty.{duty.role}", prefix + heading)
        item["roles"].append(duty.role)
        item["bullets"] += [builder.fill(text, item["id"]) for _, text in builder.lines(duty.bullets)]
        for other in also:
            item["names"].add(other)
            aliases.setdefault(other, name)
    for i, extra in enumerate(profile.extra_agencies, start=1):
        prefix = f"{extra.prefix} " if extra.prefix else ""
        item = _item(items, extra.name, f"duty.extra{i}", prefix + vn.capitalize_first(extra.name))
        item["bullets"] += [builder.fill(text, item["id"]) for text in extra.duties]
    collective = {vn.lower_first(profile.agencies[r]) for r in builder.catalogue.collective_roles()
                  if r in profile.agencies}
    for task in builder.tasks:
        for name in task.lead_names or ():
            if name and name not in collective and aliases.get(name, name) not in items:
                role = _role_of(builder, name)
                _item(items, name, f"duty.{role or vn.slug(name)}", vn.capitalize_first(name))
    appendix = builder.request.style["appendix"]
    list_tasks = appendix or builder.spec.tasks_in_prose
    for item in items.values():
        led = [t for t in builder.tasks if item["names"] & set(t.lead_names or ())] if list_tasks else []
        if led and builder.catalogue.collective_roles() & set(item["roles"]):
            led = []
        if appendix and led:
            item["bullets"].append(f"Chủ trì thực hiện {numbers_phrase([t.number for t in led])} "
                                   "tại Phụ lục kèm theo Kế hoạch này")
        if not item["bullets"] and not led:
            continue
        if appendix or not led:
            _add_item(builder, item["id"], item["heading"], item["bullets"], ".")
        elif not item["bullets"]:  # an agency known only by its tasks: "Sở X chủ trì thực hiện:" and the list
            _add_item(builder, item["id"], f"{item['heading']} chủ trì thực hiện:", _task_lines(builder, led), ";")
        else:
            _add_item(builder, item["id"], item["heading"],
                      item["bullets"] + [f"Chủ trì thực hiện: {vn.lower_first(t)}" for t in _task_lines(builder, led)],
                      ".")


def _add_item(builder: BodyBuilder, item_id: str, heading: str, bullets: list[str], mark: str) -> None:
    """The agency's khoản and its "-" lines: each a sentence (duties), or a list ending "." (tasks)."""
    builder.add("khoan_title", item_id, heading)
    for i, bullet in enumerate(bullets, start=1):
        builder.add("gach", f"{item_id}.{i}", vn.ensure_final(bullet, "." if i == len(bullets) else mark))


def _task_lines(builder: BodyBuilder, led: list[PlanTask]) -> list[str]:
    """Each task led, as the appendix row would say it, with its time unless the plan is for one year."""
    out = []
    for task in led:
        text = vn.capitalize_first(task.text or builder.fill(task.task.text, task.id))
        shown = not builder.request.single_year and task.time_text
        out.append(f"{text} (thời gian: {vn.lower_first(task.time_text)})" if shown else text)
    return out
