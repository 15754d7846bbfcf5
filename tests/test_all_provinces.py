"""Every bundled profile, all 34 current units and the earlier ones, drafts in every plan kind
with no error from `drafter check` (the fast run drafts a sample: tests/test_check_outputs.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document

from drafter import api
from drafter.check.runner import check_document
from drafter.inputs.kinds import kind_names
from drafter.inputs.knowledge import bundled as bundled_knowledge
from drafter.inputs.profile import load_profile
from drafter.text import vn
from drafter.web import labels
from drafter.web.pages import for_page
from drafter.web.profile_pages import profile_fields
from tests.conftest import ALL_PROFILE_IDS, FORM_AND_CITATIONS, unjudged
from tests.test_web_profiles import RAW


def plan_year(profile, kind: str) -> int:
    """A current profile drafts next year's plan; an earlier one its own era's (NQ 47 from 2024)."""
    if profile.current:
        return profile.as_of.year + 1
    return max(profile.as_of.year, 2024) if kind == "nq47" else profile.as_of.year


@pytest.mark.slow
@pytest.mark.parametrize("pid", ALL_PROFILE_IDS)
def test_every_profile_drafts_every_kind_without_errors(catalogue, pid, tmp_path):
    profile = load_profile(pid, catalogue)
    knowledge = bundled_knowledge().with_documents(profile.documents)
    for kind in kind_names():
        year = plan_year(profile, kind)
        date = dt.date(year, 1, 5) if profile.current else None
        data, draft = api.build_plan(profile, kind=kind, year=year, date=date, catalogue=catalogue)
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(data)
        report = check_document(path, FORM_AND_CITATIONS, knowledge=knowledge)
        errors = [f.line() for f in report.findings if f.severity != "warning"]
        assert report.ok and unjudged(report, profile) == [], (kind, errors, unjudged(report, profile))
        assert [f.line() for f in report.findings if f.severity == "warning"] == [], kind
        document = Document(str(path))
        header = [cell.text for cell in document.tables[0]._cells]
        level, name = profile.level, profile.province_name
        assert header[0].startswith(f"ỦY BAN NHÂN DÂN\n{vn.upper(f'{level} {name}')}"), (kind, header[0])
        assert header[-1].startswith(f"{profile.place}, ngày"), (kind, header[-1])
        text = "\n".join(p.text for p in document.paragraphs)
        other = "Tỉnh ủy" if level == "thành phố" else "Thành ủy"
        assert other not in text, kind  # a city follows its Thành ủy, a province its Tỉnh ủy
        assert draft.notices is not None
        on_page = [for_page(labels.notice_for_page(n, profile_fields())) for n in draft.notices]
        assert [n for n in on_page if RAW.search(n)] == [], kind  # the page names fields, not keys (issue 23)
