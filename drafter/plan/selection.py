"""Which appendix tasks a plan carries: the catalogue read against a province and a year.

A task is selected when its conditions hold for the province (`when:`) and its timeline is still
open in the plan year (a one-year plan keeps only the tasks due that year). Roles become this
province's agency names only after every change is applied (assign_agencies), so a profile that
moves a task to another role, or a reviewer who types an agency, decides who leads it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..inputs.catalogue import Catalogue, Task
from ..inputs.profile import Profile
from ..text import timeline, vn
from .notices import Notices
from .request import PlanRequest
from .values import Values, all_hold

#: Tasks per catalogue group id, in the order they will be numbered.
TasksByGroup = dict[str, list["PlanTask"]]


@dataclass(frozen=True)
class PlanTask:
    """A task as this plan carries it.

    `text`, `lead_names`, `partner_names` and `time_text` are None until set: by a reviewer
    (their words, kept as typed) or by assign_agencies (the province's names for the roles)."""

    task: Task
    time_text: str
    number: str = ""
    text: str | None = None  # the final text when a reviewer's change replaced the catalogue's
    lead_names: tuple[str, ...] | None = None
    partner_names: tuple[str, ...] | None = None

    @property
    def id(self) -> str:
        return self.task.id

    @property
    def group(self) -> str:
        return self.task.group


def is_due(task: Task, request: PlanRequest, values: Values) -> bool:
    """The task applies to this province, its time is not past in the plan year, and every
    document it implements is in force on the plan's date (a task that exists only to carry out a
    document not yet issued, or one replaced with nothing in its place, is not a task yet)."""
    if not all_hold(task.when, request.profile, values) or not values.available(task.text):
        return False
    return timeline.parse(task.time).active(request.year, only_this_year=request.single_year)


def plan_task(task: Task, request: PlanRequest) -> PlanTask:
    shown = f"Năm {request.year}" if request.single_year else timeline.parse(task.time).text(request.year)
    return PlanTask(task, shown)


def select_tasks(request: PlanRequest, values: Values) -> TasksByGroup:
    """The catalogue's tasks due in this plan, by group."""
    by_group: TasksByGroup = {g.id: [] for g in request.catalogue.groups}
    for task in request.catalogue.tasks:
        if is_due(task, request, values) and f"task:{task.id}" not in request.omitted:
            by_group[task.group].append(plan_task(task, request))
    return by_group


def agency_names(roles: tuple[str, ...], profile: Profile, catalogue: Catalogue) -> tuple[str, ...]:
    """Agency names for roles the profile has (or for the role that took over a merged body's
    work: a province whose newspaper and radio-TV merged names only `newspaper`), each once, in
    the order given.

    Collective names ("các sở, ban, ngành") are common nouns: lower case inside a list, the
    table cell capitalises only its first letter.
    """
    out: list[str] = []
    for role in roles:
        held = next((r for r in (role, *catalogue.roles[role].fallback) if r in profile.agencies), role)
        name = profile.agencies.get(held)
        if name and catalogue.roles[held].collective:
            name = vn.lower_first(name)
        if name and name not in out:
            out.append(name)
    return tuple(out)


def assign_agencies(by_group: TasksByGroup, request: PlanRequest, notices: Notices) -> TasksByGroup:
    """Names for every task's roles; a task no agency of this province can lead is left out."""
    profile, catalogue = request.profile, request.catalogue
    out: TasksByGroup = {}
    for group_id, members in by_group.items():
        kept = []
        for item in members:
            leads = item.lead_names
            if leads is None:
                leads = agency_names(item.task.lead, profile, catalogue)
                if not leads:
                    # A role the province does not name: the TTĐN lead takes the task, and says so.
                    leads = agency_names(("ttdn_lead",), profile, catalogue)
                    notices.add(f"Nhiệm vụ {item.id}: hồ sơ không khai báo cơ quan giữ vai trò chủ trì "
                                f"({', '.join(item.task.lead)}); giao {leads[0]} chủ trì, kiểm tra lại.")
            partners = item.partner_names
            if partners is None:
                partners = tuple(n for n in agency_names(item.task.partners, profile, catalogue) if n not in leads)
            kept.append(replace(item, lead_names=leads, partner_names=partners))
        out[group_id] = kept
    return out


def number_tasks(by_group: TasksByGroup, catalogue: Catalogue) -> list[PlanTask]:
    """ "2.3": the group's place in the catalogue, then the task's place in its group."""
    out: list[PlanTask] = []
    for gi, group in enumerate(catalogue.groups, start=1):
        for ti, item in enumerate(by_group.get(group.id, []), start=1):
            out.append(replace(item, number=f"{gi}.{ti}"))
    return out
