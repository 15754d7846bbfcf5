"""What is asked for: one plan of one kind, for one province, year and date, with its changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from ..edits import Change
from ..errors import UserError
from ..inputs.catalogue import Catalogue
from ..inputs.kinds import Kind
from ..inputs.knowledge import Document, Knowledge
from ..inputs.knowledge import bundled as bundled_knowledge
from ..inputs.profile import Profile
from ..text import vn
from .records import PlanMeta

#: What a plan looks like when neither its kind nor the profile says otherwise.
DEFAULT_STYLE = {"appendix": True, "section_one": "muc_tieu", "purpose_split": False, "opening": "can_cu",
                 "closing": "standard", "kl57_basis": False, "lead_duties": False, "assignments": False}


@dataclass(frozen=True)
class PlanRequest:
    """Everything build_draft needs, fixed for the whole build (no option travels separately)."""

    profile: Profile
    kind: Kind
    catalogue: Catalogue
    year: int
    date: dt.date | None = None
    extra_bases: tuple[str, ...] = ()  # --basis lines
    changes: tuple[Change, ...] = ()  # reviewers' changes harvested from earlier plans
    national: Knowledge | None = field(default=None, compare=False)  # the shipped knowledge unless given
    detail: str = "standard"  # how much a draft carries: brief, standard (a real plan's length), full (everything)
    omitted: frozenset[str] = frozenset()  # texts plan.fit left out of this draft (ids of blocks and tasks)
    drafted_on: dt.date | None = None  # the day an undated draft is made (api: today), for reference_date

    def __post_init__(self) -> None:
        # The unit as named on the plan's date: Đồng Nai's 2026 plan signed in January is a tỉnh's.
        object.__setattr__(self, "profile", self.profile.on(self.reference_date))

    @cached_property
    def knowledge(self) -> Knowledge:
        """National knowledge plus the province's own documents."""
        return (self.national or bundled_knowledge()).with_documents(self.profile.documents)

    @property
    def subject(self) -> Document | None:
        """The document this kind of plan implements (NQ 47 for the nq47 kind), if any."""
        ref = self.kind.spec.subject
        return self.knowledge.documents[ref] if ref else None

    @cached_property
    def reference_date(self) -> dt.date:
        """The day "in force" is judged on: the signing date; without one, the earliest day it can
        still be signed: the day it is drafted when that falls in the plan year (a plan for this
        year drafted in December cites this year's Party Congress, not last term's), else 1 January
        of the plan year; or the day the plan's subject was issued when that falls later in the
        same year (an NQ 47 plan for 2024 cannot be older than NQ 47)."""
        drafted = self.drafted_on if self.drafted_on and self.drafted_on.year == self.year else None
        on = self.date or drafted or dt.date(self.year, 1, 1)
        subject = self.subject
        if subject is not None and subject.date is not None and subject.date > on:
            if self.date is not None or subject.date.year != self.year:
                when = f"ngày {vn.short_date(self.date)}" if self.date else f"năm {self.year}"
                raise UserError(f"{subject.short()} ban hành ngày {vn.short_date(subject.date)}: chưa thể có kế hoạch "
                                f"triển khai {when}")
            on = subject.date
        if subject is not None and subject.in_force_until is not None and on > subject.in_force_until:
            raise UserError(f"{subject.short()} là chương trình đến ngày {vn.short_date(subject.in_force_until)}: "
                            f"không soạn kế hoạch triển khai cho năm {self.year}; dùng --kind annual cho kế hoạch "
                            "hoạt động thông tin đối ngoại của năm")
        return on

    @cached_property
    def style(self) -> dict:
        """The house style: drafter's defaults, then the kind's, the profile's, the profile's for this kind."""
        return {**DEFAULT_STYLE, **self.kind.spec.style, **self.profile.style,
                **self.profile.style_for.get(self.kind.id, {})}

    @property
    def symbol(self) -> str:
        return self.kind.symbol

    @property
    def single_year(self) -> bool:
        """A one-year plan: every task is this year's, whatever its span."""
        return self.kind.single_year

    def meta(self) -> PlanMeta:
        return PlanMeta(profile=self.profile.id, profile_path=str(self.profile.path), kind=self.kind.id,
                        year=self.year, date=self.date.isoformat() if self.date else None,
                        catalogue_version=self.catalogue.version)
