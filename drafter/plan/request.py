"""What is asked for: one plan of one kind, for one province, year and date, with its changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..inputs.catalogue import Catalogue
from ..inputs.kinds import Kind
from ..inputs.profile import Profile
from .records import Change, PlanMeta


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

    @property
    def reference_date(self) -> dt.date:
        """The day "in force" is judged on: the signing date, or 1 January of the plan year."""
        return self.date or dt.date(self.year, 1, 1)

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
