"""What a plan says, built from a request by pure functions (no DOCX): see plan.draft."""

from .draft import Draft, build_draft, plan_tasks
from .request import PlanRequest

__all__ = ["Draft", "PlanRequest", "build_draft", "plan_tasks"]
