"""Every pattern the checker runs on document text costs linear time: a hostile paragraph of tens
of kilobytes is judged in well under a second (rule A4's pattern once took minutes)."""

import re
import time

import pytest
import yaml

from drafter.check import cited
from drafter.check.runner import RULESET_DIR

ADVERSARIAL = [
    "(Kèm theo Kế hoạch số /KH-UBND " + "ngày tháng năm của " * 1500,
    "(Kèm theo Kế hoạch số " + "1 " * 10_000,
    "- " + "a" * 30_000,
    "Nghị quyết " * 3000,
    "ngày " * 5000 + "tháng",
    "Quyết định số 1/QĐ-UBND ngày " * 800,
    "Gia Lai, ngày " + "0" * 20_000,
]


def ruleset_patterns():
    for path in sorted(RULESET_DIR.glob("*.yaml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            for key, value in (rule.get("params") or {}).items():
                if key.endswith("regex") or key == "forbid_prefix":
                    yield f"{rule['id']}.{key}", value


PATTERNS = [*ruleset_patterns(), ("citation", cited.CITATION.pattern), ("congress", cited.CONGRESS.pattern),
            ("date_line", cited.DATE_LINE.pattern), ("year_line", cited.YEAR_LINE.pattern)]


@pytest.mark.parametrize("name, pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_pattern_is_linear_on_hostile_text(name, pattern):
    rx = re.compile(pattern)
    for text in ADVERSARIAL:
        start = time.perf_counter()
        rx.fullmatch(text)
        rx.search(text)
        list(rx.finditer(text))
        assert time.perf_counter() - start < 0.5, (name, text[:40])
