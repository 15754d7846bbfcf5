"""In Chromium: a draft with previews shows what it is doing while it runs, then its pages; and a
page that does not exist is a Vietnamese page. Slow; skipped like tests/test_browser.py."""

from __future__ import annotations

import shutil

import pytest

from tests.test_browser import browser, pytestmark, server  # noqa: F401 (fixtures and marks shared)

STAGES = ("Đang chờ đến lượt", "Đang bắt đầu", "Đang soạn kế hoạch", "Đang chuyển sang PDF", "Đang tạo ảnh trang")


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftoppm"), reason="LibreOffice/poppler missing")
def test_a_draft_with_previews_shows_its_progress_then_its_pages(server, browser):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select, WebDriverWait

    base, tmp_path, _ = server
    browser.get(base + "/")
    Select(browser.find_element(By.ID, "profile")).select_by_value("dak-lak-2026")
    browser.find_element(By.ID, "year").send_keys("2027")
    assert browser.find_element(By.NAME, "preview").is_selected()
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    seen = set()

    def progress_then_result(driver):
        for element in driver.find_elements(By.ID, "progress"):
            try:
                seen.add(element.text)
            except Exception:  # the page moved on between finding and reading
                pass
        return driver.find_elements(By.ID, "pages")

    WebDriverWait(browser, 180, poll_frequency=0.05).until(progress_then_result)
    assert seen and all(text.startswith(STAGES) for text in seen), seen
    assert any(text.startswith(("Đang chuyển sang PDF", "Đang tạo ảnh trang")) for text in seen), seen
    assert "/draft/" in browser.current_url and "Đã soạn xong" in browser.page_source
    WebDriverWait(browser, 30).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#pages img")))
    images = browser.find_elements(By.CSS_SELECTOR, "#pages img")
    assert len(images) >= 3
    WebDriverWait(browser, 30).until(lambda d: all(i.get_attribute("naturalWidth") not in (None, "0") for i in images))
    assert (tmp_path / "out" / "dak-lak-2026" / "nq47-2027.pdf").is_file()


def test_a_page_that_does_not_exist_is_vietnamese(server, browser):  # noqa: F811
    from selenium.webdriver.common.by import By

    base, _, _ = server
    browser.get(base + "/khong-co-trang-nay")
    text = browser.find_element(By.TAG_NAME, "body").text
    assert "Không có trang này" in text and "Not Found" not in browser.page_source
    browser.find_element(By.ID, "home").click()
    assert browser.find_elements(By.ID, "profile")


@pytest.mark.parametrize("page", ["/review", "/profiles/dak-lak-2026", "/"])
def test_a_form_that_waits_says_what_it_is_doing(server, browser, page):  # noqa: F811
    """A review is checked while the page waits: once sent, the form says what is being done and
    cannot be sent twice (a synthetic submit event runs the page's handler without sending)."""
    from selenium.webdriver.common.by import By

    base, _, _ = server
    browser.get(base + page)
    forms = browser.find_elements(By.CSS_SELECTOR, "form[data-busy]")
    assert forms
    busy = browser.find_element(By.ID, "busy")
    assert not busy.is_displayed()
    browser.execute_script("arguments[0].dispatchEvent(new Event('submit', {cancelable: true}))", forms[-1])
    assert busy.is_displayed() and busy.text.startswith("Đang")
    assert all(not b.is_enabled() for b in forms[-1].find_elements(By.CSS_SELECTOR, "button[type=submit]"))
