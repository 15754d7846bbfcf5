"""The appendix table's rows and the body's list of who leads which appendix task."""

from __future__ import annotations

from ..inputs.catalogue import Catalogue
from ..inputs.profile import Profile
from ..text import vn
from .duties import numbers_phrase
from .records import Row
from .selection import PlanTask
from .values import Values, fill


def appendix_rows(catalogue: Catalogue, tasks: list[PlanTask], values: Values,
                  titles: dict[str, str] | None = None) -> tuple[Row, ...]:
    """A bold heading row per group that has tasks, then its tasks numbered "2.3". A plan kind may
    title a group in its own words (an annual plan does not "triển khai thực hiện Nghị quyết")."""
    rows: list[Row] = []
    for gi, group in enumerate(catalogue.groups, start=1):
        members = [t for t in tasks if t.group == group.id]
        if not members:
            continue
        title = (titles or {}).get(group.id, group.title)
        rows.append(Row(group.id, True, str(gi), fill(title, values, f"catalogue:{group.id}")))
        for item in members:
            rows.append(Row(
                id=item.id, group=False, stt=item.number,
                text=vn.capitalize_first(item.text or fill(item.task.text, values, f"task:{item.id}")),
                lead=vn.capitalize_first(vn.join_names(list(item.lead_names or ()))),
                partners=vn.capitalize_first(vn.join_names(list(item.partner_names or ()))),
                time=item.time_text,
            ))
    return tuple(rows)


def assignment_lines(catalogue: Catalogue, profile: Profile, tasks: list[PlanTask]) -> list[str]:
    """ "- Công an tỉnh: nhiệm vụ số 4.2, 4.3;" for each agency that leads appendix tasks.

    Collective roles (all departments, all local committees) are addressed by their own khoản.
    """
    collective_names = {vn.lower_first(profile.agencies[k]) for k in catalogue.collective_roles()
                        if k in profile.agencies}
    order: list[str] = []
    numbers: dict[str, list[str]] = {}
    for item in tasks:
        for name in item.lead_names or ():
            if name in collective_names:
                continue
            if name not in numbers:
                order.append(name)
                numbers[name] = []
            numbers[name].append(item.number)
    lines = [f"{name}: chủ trì thực hiện {numbers_phrase(numbers[name])};" for name in order]
    if lines:
        lines[-1] = vn.ensure_final(lines[-1], ".")
    return lines


