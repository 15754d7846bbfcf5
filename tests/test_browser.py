"""The whole way in a real browser (Debian's Chromium through Selenium, no browser download):
open the page, create a profile and fix a validation error, draft, download, upload an edited
plan, read the check report, carry the edits forward and compare, draft next year. Slow; skipped when Chromium or its driver is not installed.

Set DRAFTER_SCREENSHOT=docs/serve.png to refresh the README's picture of the page.
"""

from __future__ import annotations

import os
import shutil

import httpx
import pytest

from tests.conftest import reviewer_rewrites_first_aim, served

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")
#: CI installs both (.ci/run), so there a missing browser is a failure, not a quiet skip.
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (CHROMIUM and DRIVER) and not os.environ.get("CI"),
                                 reason="chromium and chromium-driver are not installed")]


@pytest.fixture
def server(tmp_path):
    from drafter.web.app import Settings, create_app

    mine = tmp_path / "mine"
    mine.mkdir()
    with served(create_app(Settings(out_dir=tmp_path / "out", profiles_dir=mine)), log_level="warning") as port:
        yield f"http://127.0.0.1:{port}", tmp_path, mine


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


def wait_for(browser, element_id: str, *, errors_expected: bool = False):
    """The next page, not the one still on screen: a click returns before the browser navigates."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 120).until(expected_conditions.any_of(
        expected_conditions.presence_of_element_located((By.ID, element_id)),
        expected_conditions.presence_of_element_located((By.CLASS_NAME, "error"))))
    errors = browser.find_elements(By.CLASS_NAME, "error")
    if not errors_expected:
        assert not errors, errors[0].text


def submit(browser):
    from selenium.webdriver.common.by import By

    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()


def create_profile_fixing_an_error(browser, base, mine):
    """Create a profile from the registry, type a wrong "Lưu" line, read the error beside it, fix it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(base + "/profiles")
    Select(browser.find_element(By.ID, "unit")).select_by_value("cao-bang")
    browser.find_element(By.ID, "new-year").send_keys("2027")
    submit(browser)
    wait_for(browser, "created")
    beside = refused_then_saved(browser, "archive", "KGVX", "VT, KGVX",
                                before_fix=lambda: (mine / "cao-bang-2027.yaml").read_text(encoding="utf-8"))
    assert "sai định dạng" in beside[0] and "VT, KGVX" in beside[0]
    assert 'archive: "VT, …"' in beside[1]  # nothing saved yet
    text = (mine / "cao-bang-2027.yaml").read_text(encoding="utf-8")
    assert 'archive: "VT, KGVX"' in text and "# phải trùng tên tệp" in text  # the comments are kept


def refused_then_saved(browser, field: str, wrong: str, right: str, before_fix=lambda: None):
    """Type a wrong value into a profile box and save: the message beside the box (and, from
    before_fix, what the file holds meanwhile); then the right value, saved."""
    from selenium.webdriver.common.by import By

    said = []
    for value, page in ((wrong, "problems"), (right, "saved")):
        box = browser.find_element(By.ID, f"f-{field}")
        box.clear()
        box.send_keys(value)
        browser.find_element(By.CSS_SELECTOR, "#profile-form button[type=submit]").click()
        wait_for(browser, page, errors_expected=page == "problems")
        if page == "problems":
            said += [browser.find_element(By.CSS_SELECTOR, f'.field-error[data-field="{field}"]').text, before_fix()]
    return said


def review_with_original(browser, base, edited, original) -> None:
    """The review page: the edited plan, "ghi lại các sửa đổi" ticked, the original to compare with."""
    from selenium.webdriver.common.by import By

    browser.get(base + "/review")
    browser.find_element(By.ID, "file").send_keys(str(edited))
    browser.find_element(By.NAME, "harvest").click()
    browser.find_element(By.ID, "compare").send_keys(str(original))
    submit(browser)
    wait_for(browser, "summary")


def fill_draft_form(browser, base, *, year: str, previews: bool):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(base + "/")
    Select(browser.find_element(By.ID, "profile")).select_by_value("cao-bang-2027")
    Select(browser.find_element(By.ID, "kind")).select_by_value("annual")
    year_box = browser.find_element(By.ID, "year")
    year_box.clear()
    year_box.send_keys(year)
    preview = browser.find_element(By.NAME, "preview")
    if preview.is_enabled() and preview.is_selected() != previews:
        preview.click()
    submit(browser)
    wait_for(browser, "download")


def test_the_whole_way_in_a_browser(server, browser):
    """Open, create a profile, fix a validation error, draft, download, upload an edited file, see
    the check report, carry the edits forward and compare, draft next year."""
    from selenium.webdriver.common.by import By

    base, tmp_path, mine = server
    create_profile_fixing_an_error(browser, base, mine)
    fill_draft_form(browser, base, year="2027", previews=True)
    assert "Đã soạn xong" in browser.page_source and "Lưu ý:" in browser.page_source
    if shutil.which("soffice") and shutil.which("pdftoppm"):
        pages = browser.find_elements(By.CSS_SELECTOR, "#pages img")
        assert len(pages) >= 3 and all(p.get_attribute("naturalWidth") not in (None, "0") for p in pages)
        assert httpx.get(browser.find_element(By.ID, "pdf").get_attribute("href")).content[:4] == b"%PDF"
    if os.environ.get("DRAFTER_SCREENSHOT"):
        browser.save_screenshot(os.environ["DRAFTER_SCREENSHOT"])
    link = browser.find_element(By.ID, "download").get_attribute("href")
    original = tmp_path / "original.docx"
    original.write_bytes(httpx.get(link).content)

    edited = reviewer_rewrites_first_aim(original, "- Câu mục tiêu do người rà soát viết lại trong trình duyệt.",
                                         tmp_path / "edited.docx")

    review_with_original(browser, base, edited, original)
    assert "Kết quả kiểm tra: edited.docx" in browser.page_source
    assert "0 lỗi" in browser.find_element(By.ID, "summary").text
    assert "cao-bang-2027.yaml" in browser.find_element(By.ID, "harvested").text
    assert (mine / "overrides" / "cao-bang-2027.yaml").is_file()
    assert "Câu mục tiêu do người rà soát viết lại" in browser.find_element(By.ID, "changes").text
    tracked = httpx.get(browser.find_element(By.ID, "tracked").get_attribute("href"))
    assert tracked.status_code == 200 and tracked.content[:2] == b"PK"

    fill_draft_form(browser, base, year="2028", previews=False)
    assert "Câu mục tiêu do người rà soát viết lại trong trình duyệt." in browser.page_source
    assert (tmp_path / "out" / "cao-bang-2027" / "annual-2028.docx").is_file()


def test_a_profile_made_in_boxes_then_a_libreoffice_review(server, browser):
    """A profile made only through boxes (agency table with an added row, border rows, a deadline
    refused then accepted: no YAML typed), drafted; then the draft rewritten with tracked changes
    and saved by LibreOffice, reviewed with its original: report, harvest and struck/inserted words."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from tests.test_web_review import SENTENCE, libreoffice_round_trip, tracked_rewrite

    base, tmp_path, mine = server
    browser.get(base + "/profiles")
    Select(browser.find_element(By.ID, "unit")).select_by_value("cao-bang")
    browser.find_element(By.ID, "new-year").send_keys("2027")
    submit(browser)
    wait_for(browser, "created")
    browser.find_element(By.CSS_SELECTOR, 'button.add-row[data-for="f-agencies"]').click()
    rows = browser.find_elements(By.CSS_SELECTOR, "#f-agencies tr.row")
    assert len(rows) == 3  # two empty rows offered, one added
    Select(browser.find_element(By.NAME, "agencies.2.key")).select_by_visible_text("Cơ quan ngoại vụ")
    browser.find_element(By.NAME, "agencies.2.value").send_keys("Sở Ngoại vụ tỉnh Cao Bằng")
    browser.find_element(By.NAME, "border.countries.0").send_keys("Trung Quốc")
    browser.find_element(By.NAME, "border.gates.0.name").send_keys("Trà Lĩnh")
    Select(browser.find_element(By.NAME, "border.gates.0.kind")).select_by_visible_text("quốc tế")
    beside = refused_then_saved(browser, "reporting.annual_deadline", "31/02", "10/11")
    assert "không có ngày 31 tháng 2" in beside[0]
    text = (mine / "cao-bang-2027.yaml").read_text(encoding="utf-8")
    assert "foreign_affairs: Sở Ngoại vụ tỉnh Cao Bằng" in text and "name: Trà Lĩnh" in text
    assert "annual_deadline: 10/11" in text

    fill_draft_form(browser, base, year="2027", previews=False)
    original = tmp_path / "original.docx"
    original.write_bytes(httpx.get(browser.find_element(By.ID, "download").get_attribute("href")).content)
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice missing: the tracked-changes round trip needs it")
    edited = libreoffice_round_trip(tracked_rewrite(original, SENTENCE, tmp_path / "edited.docx",
                                                    keep_snapshot=True), tmp_path / "lo")
    review_with_original(browser, base, edited, original)
    assert "1 thay đổi được ghi vào" in browser.find_element(By.ID, "harvested").text
    assert (mine / "overrides" / "cao-bang-2027.yaml").is_file()
    inserted = browser.find_element(By.CSS_SELECTOR, "#changes ins")
    assert inserted.text == "Câu mục tiêu do người rà soát viết lại."
    assert inserted.value_of_css_property("text-decoration-line") == "underline"
    struck = browser.find_element(By.CSS_SELECTOR, "#changes del")
    assert struck.text.startswith("Triển khai có hiệu quả")
    assert struck.value_of_css_property("color") in ("rgba(187, 0, 0, 1)", "rgb(187, 0, 0)")
