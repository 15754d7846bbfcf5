"""A template that asks for data drafter does not have is named precisely, never rendered blank."""

import zipfile

import pytest
from typer.testing import CliRunner

from drafter import api
from drafter.cli import app
from drafter.errors import TemplateError
from drafter.inputs.profile import load_profile
from drafter.resources import default_template

runner = CliRunner()


def edited_template(tmp_path, old, new):
    with zipfile.ZipFile(default_template()) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].decode().replace(old, new, 1).encode()
    path = tmp_path / "mau.docx"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def test_validate_template_lists_unknown_variables(tmp_path):
    unknown = edited_template(tmp_path, "{{ summary }}", "{{ summary }} {{ co_quan_soan }}")
    result = runner.invoke(app, ["validate", "--template", str(unknown), "--template", str(default_template())])
    assert result.exit_code == 1
    assert f"{unknown}: biến `co_quan_soan` không có dữ liệu" in result.stderr
    assert f"{default_template()}: hợp lệ" in result.stdout


def test_nested_typo_is_named_with_its_paragraph(tmp_path, catalogue):
    typo = edited_template(tmp_path, "{{ r.lead }}", "{{ r.chu_tri }}")
    with pytest.raises(TemplateError) as info:
        api.build_plan(load_profile("phu-tho-2026", catalogue), year=2027, catalogue=catalogue, template=typo)
    assert "mau.docx: lỗi mẫu: 'dict object' has no attribute 'chu_tri' gần đoạn: «{{ r.chu_tri }}»" in str(info.value)
    result = runner.invoke(app, ["draft", "phu-tho-2026", "--template", str(typo), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and "chu_tri" in result.stderr and "Traceback" not in result.output


def test_not_a_docx_template(tmp_path):
    bad = tmp_path / "mau.docx"
    bad.write_text("not a docx")
    result = runner.invoke(app, ["draft", "phu-tho-2026", "--template", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and "không mở được mẫu DOCX" in result.stderr
