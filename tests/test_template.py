"""templates/ke-hoach.docx is the source of truth: a person restyles it in Word or LibreOffice and
the next draft follows. Tested by its properties, not its bytes: clean DOCX, every tag in one
run, the styles drafter's parts use, and drafts from an edited template that still pass
`drafter check`."""

import re
import shutil
import zipfile

import pytest
from docx import Document
from docx.shared import Pt

from drafter import api
from drafter.check.runner import check_document
from drafter.docxio.layout import STYLES
from drafter.inputs.profile import load_profile
from drafter.resources import default_template
from tests.conftest import FORM_AND_CITATIONS

#: Paragraph styles (by name) the template's parts are written in: reviewers find them in Word.
REQUIRED_STYLES = [
    "KH - Nội dung", "KH - Căn cứ", "KH - Mục (I, II…)", "KH - Khoản có tiêu đề", "KH - Khoản", "KH - Điểm",
    "KH - Gạch đầu dòng", "KH - Tên cơ quan", "KH - Quốc hiệu", "KH - Tiêu ngữ", "KH - Đường kẻ", "KH - Số, ký hiệu",
    "KH - Địa danh, ngày", "KH - Tên loại", "KH - Trích yếu", "KH - Nơi nhận", "KH - Danh sách nơi nhận",
    "KH - Quyền hạn, chức vụ", "KH - Họ tên người ký", "KH - Phụ lục", "KH - Tên phụ lục", "KH - Kèm theo",
    "KH - Bảng", "KH - Bảng (tiêu đề)", "KH - Bảng (nhóm)",
]
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def test_template_zip_is_clean():
    with zipfile.ZipFile(default_template()) as zf:
        names = zf.namelist()
        assert len(names) == len(set(names)), "duplicate zip entries (docxtpl #558)"
        assert not any("theme" in n for n in names)
        assert 'w:w="11906" w:h="16838"' in zf.read("word/document.xml").decode("utf-8")
        assert "Theme" not in zf.read("word/styles.xml").decode("utf-8")


def tags_split_across_runs(path) -> list[str]:
    """docxtpl only sees a tag typed in one run (docxtpl pitfall 3): tags whose text spans runs."""
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    split = []
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
        pieces = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", paragraph)
        for tag in TAG.findall("".join(pieces)):
            if not any(tag in piece for piece in pieces):
                split.append(tag)
    return split


def test_every_tag_is_in_one_run():
    assert tags_split_across_runs(default_template()) == []


def test_the_split_tag_finder_finds_a_split_tag(tmp_path):
    broken = tmp_path / "split.docx"
    with zipfile.ZipFile(default_template()) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"{{ summary }}", b"{{ sum</w:t></w:r><w:r><w:t>mary }}", 1)
            dst.writestr(item, data)
    assert tags_split_across_runs(broken) == ["{{ summary }}"]


def test_required_styles_are_present_by_name():
    names = {s.name for s in Document(str(default_template())).styles}
    assert [n for n in REQUIRED_STYLES if n not in names] == []
    assert {name for _, name in STYLES.values()} <= names


def draft_with(template, tmp_path, catalogue):
    profile = load_profile("phu-tho-2026", catalogue)
    data, _ = api.build_plan(profile, year=2027, template=template, catalogue=catalogue)
    out = tmp_path / "draft.docx"
    out.write_bytes(data)
    return out


def test_a_style_changed_with_python_docx_is_used_by_the_next_draft(tmp_path, catalogue):
    edited = tmp_path / "ke-hoach.docx"
    document = Document(str(default_template()))
    body = document.styles["KH - Nội dung"]
    body.font.size = Pt(13)
    body.paragraph_format.space_before = Pt(9)
    document.save(str(edited))
    out = draft_with(edited, tmp_path, catalogue)
    drafted = Document(str(out))
    style = drafted.styles["KH - Nội dung"]
    assert style.font.size == Pt(13) and style.paragraph_format.space_before == Pt(9)
    report = check_document(out, FORM_AND_CITATIONS)
    assert report.count("error") == 0, [f.line() for f in report.findings]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_template_saved_again_by_libreoffice_still_drafts_a_compliant_plan(tmp_path, catalogue):
    """LibreOffice renames every style id ("KHDuongKe" → "KHngk"); drafter finds styles by name."""
    from drafter.docxio import preview

    resaved = preview.convert([default_template()], "docx", tmp_path / "resaved")[0]
    ids = {s.style_id for s in Document(str(resaved)).styles}
    assert "KHDuongKe" not in ids, "LibreOffice kept the ids: this test no longer tests renamed styles"
    assert tags_split_across_runs(resaved) == []
    out = draft_with(resaved, tmp_path, catalogue)
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
    assert len(names) == len(set(names)), "one docProps/core.xml, not LibreOffice's and python-docx's"
    report = check_document(out, FORM_AND_CITATIONS)
    assert report.count("error") == 0 and report.count("warning") == 0, [f.line() for f in report.findings]
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "II. NHIỆM VỤ VÀ GIẢI PHÁP" in text and "tỉnh Phú Thọ" in text


def test_the_bootstrap_script_starts_a_template_that_drafts_a_compliant_plan(tmp_path, catalogue):
    import subprocess
    import sys

    from tests.conftest import REPO

    fresh = tmp_path / "fresh.docx"
    done = subprocess.run([sys.executable, str(REPO / "tools" / "build_templates.py"), "--out", str(fresh)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    refused = subprocess.run([sys.executable, str(REPO / "tools" / "build_templates.py"), "--out", str(fresh)],
                             capture_output=True, text=True)
    assert refused.returncode == 1 and "source of truth" in refused.stderr
    assert tags_split_across_runs(fresh) == []
    report = check_document(draft_with(fresh, tmp_path, catalogue), FORM_AND_CITATIONS)
    assert report.count("error") == 0, [f.line() for f in report.findings]
