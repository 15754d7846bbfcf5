"""The whole way in a real browser (Debian's Chromium through Selenium, no browser download):
open the page, draft, download, upload an edited plan, read the check report, carry the edits
forward, draft next year. Slow; skipped when Chromium or its driver is not installed.

Set DRAFTER_SCREENSHOT=docs/serve.png to refresh the README's picture of the page.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import httpx
import pytest
from docx import Document

from tests.conftest import user_profiles

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")
#: CI installs both (.ci/run), so there a missing browser is a failure, not a quiet skip.
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (CHROMIUM and DRIVER) and not os.environ.get("CI"),
                                 reason="chromium and chromium-driver are not installed")]


@pytest.fixture
def server(tmp_path):
    import uvicorn

    from drafter.web.app import Settings, create_app

    mine = user_profiles(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(Settings(out_dir=tmp_path / "out", profiles_dir=mine)), host="127.0.0.1",
                            port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", tmp_path, mine
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,1400"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def wait_for(browser, element_id: str):
    """The next page, not the one still on screen: a click returns before the browser navigates."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 60).until(expected_conditions.any_of(
        expected_conditions.presence_of_element_located((By.ID, element_id)),
        expected_conditions.presence_of_element_located((By.CLASS_NAME, "error"))))
    errors = browser.find_elements(By.CLASS_NAME, "error")
    assert not errors, errors[0].text


def fill_draft_form(browser, base, *, year: str):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(base + "/")
    Select(browser.find_element(By.ID, "profile")).select_by_value("tuyen-quang-2027")
    Select(browser.find_element(By.ID, "kind")).select_by_value("annual")
    year_box = browser.find_element(By.ID, "year")
    year_box.clear()
    year_box.send_keys(year)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(browser, "download")


def test_draft_review_and_next_year_in_a_browser(server, browser):
    from selenium.webdriver.common.by import By

    base, tmp_path, mine = server
    fill_draft_form(browser, base, year="2027")
    assert "Đã soạn xong" in browser.page_source and "Lưu ý:" in browser.page_source
    if os.environ.get("DRAFTER_SCREENSHOT"):
        browser.save_screenshot(os.environ["DRAFTER_SCREENSHOT"])
    link = browser.find_element(By.ID, "download").get_attribute("href")
    downloaded = tmp_path / "downloaded.docx"
    downloaded.write_bytes(httpx.get(link).content)

    document = Document(str(downloaded))
    first = next(p for p in document.paragraphs if p.text.startswith("- Triển khai có hiệu quả"))
    for run in first.runs[1:]:
        run.text = ""
    first.runs[0].text = "- Câu mục tiêu do người rà soát viết lại trong trình duyệt."
    document.save(str(downloaded))

    browser.get(base + "/review")
    browser.find_element(By.ID, "file").send_keys(str(downloaded))
    browser.find_element(By.NAME, "harvest").click()
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(browser, "summary")
    assert "Kết quả kiểm tra: downloaded.docx" in browser.page_source
    assert "0 lỗi" in browser.find_element(By.ID, "summary").text
    assert "tuyen-quang-2027.yaml" in browser.find_element(By.ID, "harvested").text
    assert (mine / "overrides" / "tuyen-quang-2027.yaml").is_file()

    fill_draft_form(browser, base, year="2028")
    assert "Câu mục tiêu do người rà soát viết lại trong trình duyệt." in browser.page_source
    assert (tmp_path / "out" / "tuyen-quang" / "annual-2028.docx").is_file()
