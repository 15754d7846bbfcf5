"""The catalogue's tasks worded as a draft words them (`drafter tasks`).

A listing is read by a drafter choosing what to keep, so it shows the task as the plan would print
it for one province on one day: placeholders filled by the plan's own values (placeholder_values,
the same citations in force), roles named by the plan's own agency_names. It lists every task,
due or not; where the province has no value for a required placeholder (a border task for a
province without a border) the text keeps a visible blank "…" and the task says which provinces it
is for.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..inputs.catalogue import Task
from ..text import placeholders, vn
from .request import PlanRequest
from .selection import agency_names
from .values import Values, all_hold, placeholder_values

#: Who a task with a `when:` condition is for, in the words of the listing.
CONDITION_TEXT = {
    "border": "tỉnh có biên giới đất liền",
    "border_gates": "tỉnh có cửa khẩu",
    "coastal": "tỉnh ven biển",
    "sea_islands": "tỉnh có biển, đảo",
    "ethnic_minorities": "tỉnh có vùng đồng bào dân tộc thiểu số",
    "ethnic_languages": "tỉnh có báo chí tiếng dân tộc",
    "replaces": "tỉnh mới hợp nhất (thay kế hoạch cũ)",
    "slogan": "tỉnh có khẩu hiệu quảng bá",
    "programmes": "tỉnh có chương trình, đề án riêng",
}


@dataclass(frozen=True)
class TaskLine:
    id: str
    time: str
    leads: tuple[str, ...]
    text: str
    for_whom: tuple[str, ...]  # the conditions, worded; empty: every province
    applies: bool  # the conditions hold for the profile the listing was filled for


class _Listed(Mapping[str, str | None]):
    """The plan's values; a required placeholder without one is shown, not refused: a document by
    its own number (even if not in force on the day), a role by its label, anything else as "…"."""

    def __init__(self, values: Values, request: PlanRequest):
        self.values, self.request = values, request

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.values.get(name, default)  # [[optional]] parts are dropped exactly as in a draft

    def use(self, name: str) -> str:
        value = self.values.get(name)
        if value:
            return value
        ref = placeholders.document_ref(name)
        documents = self.request.knowledge.documents
        if ref in documents:
            return documents[ref].short()
        role = self.request.catalogue.roles.get(name)
        return role.label if role else vn.BLANK

    def __getitem__(self, name: str) -> str | None:
        return self.get(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)


def condition_text(condition: str, request: PlanRequest) -> str:
    if condition.startswith("!"):
        return f"trừ {condition_text(condition[1:], request)}"
    if condition.startswith("role:"):
        role = request.catalogue.roles.get(condition[5:])
        return f"tỉnh có {vn.lower_first(role.label) if role else condition[5:]}"
    return CONDITION_TEXT.get(condition, condition)


def task_lines(request: PlanRequest, tasks: list[Task]) -> list[TaskLine]:
    values = placeholder_values(request)
    listed = _Listed(values, request)
    profile, catalogue = request.profile, request.catalogue
    out = []
    for task in tasks:
        leads = agency_names(task.lead, profile, catalogue) or tuple(catalogue.roles[r].label for r in task.lead)
        out.append(TaskLine(task.id, task.time, tuple(vn.capitalize_first(n) for n in leads),
                            vn.capitalize_first(placeholders.fill(task.text, listed).strip()),
                            tuple(condition_text(c, request) for c in task.when),
                            all_hold(task.when, profile, values)))
    return out
