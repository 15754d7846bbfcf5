"""Property tests: any profile that validates drafts a DOCX that opens and passes `drafter check`;
any profile that does not validate gets exit 1, a message and no traceback."""

from __future__ import annotations

import copy
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from drafter.check.runner import check_document
from drafter.cli import app
from tests.conftest import FORM_AND_CITATIONS, MINIMAL_PROFILE

runner = CliRunner()
# A few examples per run keep the suite under two minutes; `HYPOTHESIS_PROFILE=fuzz pytest
# tests/test_properties.py` runs hundreds (the counts in the closing notes come from that).
settings.register_profile("fuzz", max_examples=300)
settings.register_profile("default", max_examples=12)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
#: Property runs take seconds: outside the fast inner loop (pytest -m "not slow").
pytestmark = pytest.mark.slow

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any Unicode a drafter might paste: control characters, XML and Jinja specials, combining marks,
# right-to-left text, emoji, legacy-font lookalikes.
any_text = st.text(min_size=0, max_size=40)
vietnamese = st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậếềểễệ"
                                                  "ốồổỗộớờởỡợúùủũụứừửữựíìỉĩịýỳỷỹỵ ")), min_size=1, max_size=20)
names = st.one_of(any_text, vietnamese.map(str.title), st.sampled_from(["A & B <c>", "{{ x }}", "{% if %}", "]]>"]))


def profile_from(data):
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def profiles(draw):
    data = copy.deepcopy(MINIMAL_PROFILE)
    data["province"]["name"] = draw(names)
    data["province"]["place"] = draw(names)
    data["province"]["level"] = draw(st.sampled_from(["tỉnh", "thành phố"]))
    data["agencies"]["ttdn_lead"] = draw(names)
    data["agencies"]["police"] = draw(names)
    data["recipients"] = draw(st.lists(names, min_size=1, max_size=4))
    data["coastal"] = draw(st.booleans())
    if draw(st.booleans()):
        data["border"] = {"countries": draw(st.lists(names, min_size=1, max_size=2)),
                          "areas": draw(st.lists(names, max_size=2)),
                          "gates": [{"name": draw(names), "kind": "quốc tế"}] if draw(st.booleans()) else []}
        data["agencies"]["border_guard"] = draw(names)
    data["brand_slogan"] = draw(st.one_of(st.none(), names))
    data["signer"]["name"] = draw(st.one_of(st.none(), names))
    return data


def draft(text: str, kind: str):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.yaml"
        path.write_text(text, encoding="utf-8")
        result = runner.invoke(app, ["draft", str(path), "--kind", kind, "--year", "2027", "--out", str(Path(tmp) / "o")])
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        if result.exit_code == 0:
            out = Path(result.stdout.strip().splitlines()[-1])
            Document(str(out))
            report = check_document(out, FORM_AND_CITATIONS)
            assert report.ok, [f.line() for f in report.findings if f.severity == "error"]
        else:
            assert result.exit_code == 1, result.output
            assert result.stderr.strip(), "a refusal always says why"
        return result.exit_code


@SETTINGS
@given(profiles(), st.sampled_from(["nq47", "annual"]))
def test_any_profile_either_drafts_a_compliant_plan_or_is_refused(data, kind):
    draft(profile_from(data), kind)


@SETTINGS
@given(st.dictionaries(st.sampled_from(list(MINIMAL_PROFILE) + ["tasks", "border", "x"]),
                       st.one_of(st.none(), st.integers(), any_text, st.lists(any_text), st.dates(), st.booleans()),
                       max_size=6))
def test_malformed_profiles_are_refused_cleanly(partial):
    data = copy.deepcopy(MINIMAL_PROFILE)
    data.update(partial)
    draft(profile_from(data), "nq47")


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_yaml_text_never_crashes(text):
    draft(text, "nq47")


def test_a_plain_valid_profile_drafts():
    assert draft(profile_from(MINIMAL_PROFILE), "annual") == 0
