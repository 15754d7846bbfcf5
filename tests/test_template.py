"""The committed template is exactly what tools/build_templates.py builds, and is clean DOCX."""

import importlib.util
import zipfile

from drafter.resources import default_template
from tests.conftest import REPO


def load_builder():
    spec = importlib.util.spec_from_file_location("build_templates", REPO / "tools" / "build_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_template_is_up_to_date():
    assert load_builder().build() == default_template().read_bytes(), "run: python tools/build_templates.py"


def test_template_zip_is_clean():
    with zipfile.ZipFile(default_template()) as zf:
        names = zf.namelist()
        assert len(names) == len(set(names)), "duplicate zip entries (docxtpl #558)"
        assert not any("theme" in n for n in names)
        styles = zf.read("word/styles.xml").decode("utf-8")
        assert 'w:w="11906" w:h="16838"' in zf.read("word/document.xml").decode("utf-8")
        assert "Theme" not in styles


def test_template_tags_are_each_in_one_run():
    """docxtpl only sees a tag typed in one run (docxtpl pitfall 3)."""
    import re

    with zipfile.ZipFile(default_template()) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    for text in re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml):
        assert text.count("{{") == text.count("}}") and text.count("{%") == text.count("%}"), text
