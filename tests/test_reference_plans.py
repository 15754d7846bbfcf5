"""How much of the real Lâm Đồng 4784/KH-UBND plan the Lâm Đồng draft already contains.

Measures (drafter.similarity): word-trigram recall of the whole plan text, and the share of
its 29 appendix task rows that a draft row matches at ≥ 85 % similarity. The draft uses only
the profile (agency names, slogan, planning decision, replaced plan, recipients, signer) and
the shared catalogue; nothing in the catalogue names Lâm Đồng.
"""

import datetime as dt

import pytest
from docx import Document

from drafter import api
from drafter.docxio.package import document_text
from drafter.inputs.profile import load_profile
from drafter.text import similarity
from tests.conftest import PLANS

LAM_DONG = PLANS / "lam-dong-4784-KH-UBND-2024-06-13.txt"
pytestmark = pytest.mark.skipif(not LAM_DONG.exists(), reason="shared/reference is not beside the repository")


@pytest.fixture(scope="module")
def lam_dong_draft(tmp_path_factory, catalogue):
    profile = load_profile("lam-dong-2024", catalogue)
    data, _ = api.build_plan(profile, year=2024, date=dt.date(2024, 6, 13), catalogue=catalogue)
    path = tmp_path_factory.mktemp("ld") / "nq47-2024.docx"
    path.write_bytes(data)
    return path


def test_most_of_the_real_plan_is_in_the_draft(lam_dong_draft):
    reference = LAM_DONG.read_text(encoding="utf-8")
    recall = similarity.trigram_recall(reference, document_text(lam_dong_draft))
    print(f"\nLâm Đồng 4784/KH-UBND: trigram recall {recall:.1%}")
    assert recall >= 0.90


def test_every_real_appendix_task_has_a_draft_row(lam_dong_draft):
    reference = similarity.reference_rows(LAM_DONG.read_text(encoding="utf-8"))
    assert len(reference) == 29
    rows = [row.cells[1].text for row in Document(str(lam_dong_draft)).tables[-1].rows]
    recall, missing = similarity.row_recall(reference, rows)
    print(f"\nLâm Đồng 4784/KH-UBND: appendix rows matched {recall:.1%}")
    # Rows that now differ on purpose (issue 9): the resolution named ("Nghị quyết số 47/NQ-CP"),
    # decrees cited from their records, strategies with their decision's number, and sea-and-island
    # sovereignty only for provinces that work on it (Lâm Đồng 2024 had no coast).
    assert recall >= 0.8, missing


def test_measure_can_fail():
    """The measure is not vacuous: an unrelated text scores near zero."""
    reference = LAM_DONG.read_text(encoding="utf-8")
    assert similarity.trigram_recall(reference, "Báo cáo tình hình thời tiết tháng 6") < 0.01


GIA_LAI = PLANS / "gia-lai-516-KH-UBND-2023-03-09.txt"


def test_gia_lai_annual_plan_2023(tmp_path, catalogue):
    """The annual kind against the real Gia Lai 516/KH-UBND (2023): same legal bases, shape and
    house style (no appendix).

    Trigram recall was 54.9 % when the annual kind was Gia Lai's own wording; built on 37 annual
    plans instead, the full draft holds 47 %, and 42 % survives leaving Gia Lai out (against 11 %
    before: tests/test_coverage.py, tools/coverage.py)."""
    profile = load_profile("gia-lai-2023", catalogue)
    data, draft = api.build_plan(profile, kind="annual", year=2023, date=dt.date(2023, 3, 9), catalogue=catalogue)
    path = tmp_path / "annual-2023.docx"
    path.write_bytes(data)
    reference = GIA_LAI.read_text(encoding="utf-8")
    recall = similarity.trigram_recall(reference, document_text(path))
    print(f"\nGia Lai 516/KH-UBND: trigram recall {recall:.1%}")
    assert recall >= 0.45
    assert len(Document(str(path)).tables) == 2 and draft.plan.appendix is None  # header and signature only
    bases = [b["text"] for b in draft.context["body"] if b["style"] == "can_cu"]
    assert [b.split(" ngày ")[0] for b in bases] == [
        "Căn cứ Nghị định số 72/2015/NĐ-CP", "Căn cứ Thông tư số 22/2016/TT-BTTTT",
        "Căn cứ Công văn số 5740/BTTTT-TTĐN", "Căn cứ Quyết định số 16/2017/QĐ-UBND"]
    assert draft.context["body"][-1]["text"].endswith("trước ngày 10/11/2023 (thông qua Sở Thông tin và Truyền thông "
                                                      "tổng hợp) hoặc báo cáo đột xuất khi có yêu cầu./.")
    headings = [b["text"] for b in draft.context["body"] if b["style"] == "muc"]
    assert headings == ["I. MỤC TIÊU, YÊU CẦU", "II. NỘI DUNG THỰC HIỆN", "III. TỔ CHỨC THỰC HIỆN",
                        "IV. KINH PHÍ THỰC HIỆN"]
