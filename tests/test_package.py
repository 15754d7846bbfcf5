"""A built wheel carries the bundled templates, profiles, catalogue and schemas."""

import subprocess
import sys
import zipfile

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(REPO)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"pip wheel failed:\n{result.stderr[-2000:]}")
    return next(out.glob("drafter-*.whl"))


@pytest.mark.slow
def test_wheel_contains_bundled_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "drafter/_bundled/templates/ke-hoach.docx",
        "drafter/data/catalogue.yaml",
        "drafter/data/kinds/nq47.yaml",
        "drafter/data/tnr-widths.json",
        "drafter/schemas/profile.yaml",
        "drafter/_parsed/data/provinces.json",  # the pre-parsed copies a cold draft reads (inputs.shipped)
    } | {f"drafter/_bundled/profiles/{p.name}" for p in (REPO / "profiles").glob("*.yaml")}
    assert expected <= names, expected - names
