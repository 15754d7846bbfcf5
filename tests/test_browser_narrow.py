"""In Chromium at a phone's width: no page is wider than the screen. A fieldset is as wide as its
widest table by default, which once pushed every help text of the profile form past the edge.
Slow; skipped like tests/test_browser.py."""

from __future__ import annotations

import pytest

from tests.test_browser import browser, pytestmark, server  # noqa: F401 (fixtures and marks shared)

PAGES = ("/", "/profiles", "/review", "/profiles/gia-lai-2023", "/profiles/ho-chi-minh-2026", "/khong-co")


@pytest.mark.parametrize("width", [360, 768])
def test_no_page_is_wider_than_a_phone(server, browser, width):  # noqa: F811
    base, _, _ = server
    browser.set_window_size(width, 900)
    inner = browser.execute_script("return window.innerWidth")
    too_wide = {}
    for page in PAGES:
        browser.get(base + page)
        scroll = browser.execute_script("return document.documentElement.scrollWidth")
        if scroll > inner:
            too_wide[page] = scroll
    assert too_wide == {}, f"wider than {inner} px: {too_wide}"
