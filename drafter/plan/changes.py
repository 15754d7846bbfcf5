"""Changes to a plan's tasks and paragraphs: a profile's own `tasks:` edits and reviewers' edits
harvested from earlier plans, applied by one mechanism.

Order: the profile's edits (they shape the province's task list: added tasks, dropped tasks,
other roles, other wording), then reviewers' edits (their words win). When the catalogue has
changed an item since a reviewer edited it, the reviewer's text is kept and a notice says so.
"""

from __future__ import annotations

from dataclasses import replace

from ..edits import Change
from ..inputs.catalogue import Task
from ..inputs.profile import Profile
from ..text import placeholders
from .notices import Notices
from .records import Block
from .request import PlanRequest
from .selection import PlanTask, TasksByGroup, is_due, plan_task
from .values import Values, fill

REVIEWER_SOURCE = "người rà soát"


def profile_changes(profile: Profile) -> list[Change]:
    """The profile's `tasks:` section as changes: add, then drop, then new roles, then new wording."""
    edits = profile.tasks
    out = [Change("task", t.id, "add", group=t.group, task=t, origin="profile") for t in edits.add]
    out += [Change("task", tid, "delete", origin="profile") for tid in sorted(edits.drop)]
    for tid, roles in edits.leads.items():
        out.append(Change("task", tid, "edit", origin="profile",
                          lead_roles=tuple(roles["lead"]) if roles.get("lead") else None,
                          partner_roles=tuple(roles["partners"]) if "partners" in roles else None))
    out += [Change("task", tid, "edit", text=text, origin="profile") for tid, text in edits.reword.items()]
    return out


def _differs(change: Change, current: str, year: int) -> bool:
    if change.base is None:
        return False
    now, _ = placeholders.templatize_year(current, year)
    return " ".join(now.split()) != " ".join(change.base.split())


def _conflict(what: str, change: Change, current: str, year: int, notices: Notices) -> None:
    """The catalogue changed an item since the reviewer edited it: keep the reviewer's, say so."""
    if _differs(change, current, year):
        source_year = change.stamp.year if change.stamp and change.stamp.year is not None else "?"
        notices.add(f"Xung đột ở {what} {change.id}: danh mục đã đổi nội dung kể từ lần rà soát "
                    f"năm {source_year}; giữ nội dung của người rà soát. Nội dung mới của danh mục: «{current}»")


def _reviewer(change: Change, name: str, values: Values) -> str | None:
    return placeholders.fill_lenient(getattr(change, name), values, literal=change.literal)


def apply_task_changes(by_group: TasksByGroup, changes: list[Change], request: PlanRequest, values: Values,
                       notices: Notices) -> TasksByGroup:
    by_group = {g: list(members) for g, members in by_group.items()}
    for change in changes:
        if change.target != "task":
            continue
        if change.action == "add":
            _add_task(by_group, change, request, values, notices)
            continue
        for members in by_group.values():
            index = next((i for i, item in enumerate(members) if item.id == change.id), None)
            if index is None:
                continue
            if change.action == "delete":
                members.pop(index)
            elif change.by_profile:
                item = members[index]
                task = item.task
                task = replace(task, text=change.text if change.text is not None else task.text,
                               lead=change.lead_roles or task.lead,
                               partners=change.partner_roles if change.partner_roles is not None else task.partners)
                members[index] = replace(item, task=task)
            else:
                item = members[index]
                if change.edits("text"):
                    current = fill(item.text or item.task.text, values, f"task:{item.id}")
                    _conflict("nhiệm vụ", change, current, request.year, notices)
                members[index] = replace(
                    item,
                    text=_reviewer(change, "text", values) if change.edits("text") else item.text,
                    lead_names=(change.lead,) if change.edits("lead") else item.lead_names,
                    partner_names=(change.partners,) if change.edits("partners") else item.partner_names,
                    time_text=_reviewer(change, "time", values) if change.edits("time") else item.time_text,
                )
            break
        else:
            if not change.by_profile:
                notices.skip(change, _not_here("nhiệm vụ", change, request.year))
    return by_group


def _not_here(what: str, change: Change, year: int) -> str:
    return (f"Không áp dụng được sửa đổi của người rà soát ({what} {change.id}): mục này không có trong kế hoạch "
            f"năm {year}; sửa đổi vẫn được giữ trong tệp sửa đổi cho các năm sau.")


def _add_task(by_group: TasksByGroup, change: Change, request: PlanRequest, values: Values,
              notices: Notices) -> None:
    if change.by_profile:
        task: Task = change.task
        if is_due(task, request, values):
            by_group[task.group].append(plan_task(task, request))
        return
    group = by_group.get(change.group or "")
    if group is None:
        notices.add(f"Không thêm được nhiệm vụ {change.id}: nhóm {change.group!r} không còn.")
        return
    text = _reviewer(change, "text", values) or ""
    task = Task(change.id, change.group, text, (), (), "Hằng năm", (), REVIEWER_SOURCE)
    item = PlanTask(task, _reviewer(change, "time", values) or "", text=text,
                    lead_names=(change.lead or "",), partner_names=(change.partners or "",))
    index = next((i + 1 for i, s in enumerate(group) if s.id == change.after), None)
    if index is None:
        index = len(group)
        if change.after:
            notices.add(f"Nhiệm vụ người rà soát đã thêm ({change.id}) được đặt cuối nhóm: nhiệm vụ đứng trước nó "
                        f"({change.after}) không còn trong kế hoạch năm nay.")
    group.insert(index, item)


#: A khoản added after a khoản (or mục) goes after the điểm and gạch that belong to it.
_OWNERS = ("khoan", "khoan_title", "muc")
_OWNED = ("diem", "gach")


def apply_block_changes(blocks: list[Block], changes: list[Change], values: Values, year: int,
                        notices: Notices) -> list[Block]:
    """A reviewer's reworded, deleted and added paragraphs, on the unlabelled blocks."""
    blocks = list(blocks)
    for change in changes:
        if change.target != "block":
            continue
        index = next((i for i, b in enumerate(blocks) if b.id == change.id), None)
        if change.action == "add":
            anchor = next((i for i, b in enumerate(blocks) if b.id == change.after), None)
            if anchor is None:
                notices.skip(change, f"Không đặt được đoạn người rà soát đã thêm ({change.id}): đoạn đứng trước nó "
                                     f"({change.after}) không còn trong kế hoạch năm nay; "
                                     "đoạn vẫn được giữ trong tệp sửa đổi.")
                continue
            style = change.style or "para"
            end = anchor + 1
            while end < len(blocks) and blocks[anchor].style in _OWNERS and blocks[end].style in _OWNED \
                    and style in ("khoan", "khoan_title"):
                end += 1
            blocks.insert(end, Block(change.id, style, _reviewer(change, "text", values) or ""))
        elif index is None:
            notices.skip(change, _not_here("đoạn", change, year))
        elif change.action == "delete":
            blocks.pop(index)
        else:
            _conflict("đoạn", change, blocks[index].text, year, notices)
            blocks[index] = replace(blocks[index], text=_reviewer(change, "text", values) or blocks[index].text)
    return blocks
