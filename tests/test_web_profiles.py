"""The profile pages of `drafter serve`: a form generated from the schema, errors next to their
field in the CLI's words, and a saved file that keeps every untouched line and comment."""

from __future__ import annotations

import difflib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from drafter.errors import ProfileError
from drafter.inputs.catalogue import bundled
from drafter.inputs.profile import bundled_profiles, load_profile
from drafter.inputs.profile_edit import REMOVE, open_profile
from drafter.web import profile_form
from drafter.web.app import Settings, create_app
from drafter.web.profile_pages import profile_fields
from tests.test_web import LOCAL

SCHEMA_KEYS = {"id", "province", "as_of", "sources", "agencies", "border", "signer", "recipients", "archive", "tasks",
               "documents", "style", "reporting", "party_congress", "notes"}


class FormReader(HTMLParser):
    """What a browser would send for a form: inputs, textareas, the selected option of each select."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") != "checkbox":
            self.values[name] = attrs.get("value") or ""
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""
        elif tag == "select":
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data.removeprefix("\n") if not self.values[self._textarea] else data


def form_of(page) -> dict[str, str]:
    reader = FormReader()
    reader.feed(page.text.split('id="profile-form"', 1)[1])
    return reader.values


def field_errors(page) -> dict[str, list[str]]:
    import html

    found: dict[str, list[str]] = {}
    for name, message in re.findall(r'class="field-error" role="alert" data-field="([^"]+)">([^<]*)<', page.text):
        found.setdefault(name, []).append(html.unescape(message))
    return found


def token(page) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page.text)[1]


@pytest.fixture
def site(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    return mine, TestClient(create_app(Settings(out_dir=tmp_path / "out", profiles_dir=mine)), base_url=LOCAL)


def create(client, unit="cao-bang", year="2027"):
    page = client.get("/profiles")
    return client.post("/profiles/new", data={"csrf": token(page), "unit": unit, "year": year},
                       follow_redirects=False)


def cli_message(text: str, tmp_path: Path, ident: str) -> list[str]:
    """What `drafter validate` says about a profile text, without file and line."""
    path = tmp_path / "cli" / f"{ident}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path, bundled())
    return [p.message for p in caught.value.problems]


# --- the form from the schema -------------------------------------------------------------------------------------

def test_every_schema_field_has_a_label_and_a_widget():
    fields = profile_fields()
    names = {f.name for f in profile_form.walk(fields)}
    assert SCHEMA_KEYS <= names and "province.name" in names and "style.appendix" in names
    unlabelled = [f.name for f in profile_form.walk(fields) if f.label == f.path[-1]]
    assert not unlabelled, f"add meta: {{label: …}} to the schema for {unlabelled}"
    widgets = {f.name: f.widget for f in profile_form.walk(fields)}
    assert widgets["as_of"] == "date" and widgets["sources"] == "lines" and widgets["agencies"] == "table"
    assert widgets["signer.capacity"] == "select" and widgets["coastal"] == "bool" and widgets["tasks"] == "group"
    assert widgets["border"] == "group" and widgets["border.gates"] == "rows" and widgets["guidance"] == "table"
    assert widgets["reporting.annual_deadline"] == "daymonth" and widgets["tasks.add"] == "rows"
    assert "yaml" not in widgets.values(), "nothing is typed as YAML"


@pytest.mark.parametrize("path", bundled_profiles(), ids=lambda p: p.stem)
def test_the_form_reads_back_every_bundled_profile_unchanged(path):
    """Shown then submitted untouched, a profile gets no update: the form loses nothing."""
    current = open_profile(path)
    values = profile_form.form_values(profile_fields(), current.data)
    updates, errors = profile_form.read_form(profile_fields(), values, current.data)
    assert (updates, dict(errors)) == ({}, {})


def test_changed_text_becomes_typed_values():
    fields = profile_fields()
    data = {"coastal": False, "agencies": {"ttdn_lead": "Sở A"}}
    values = profile_form.form_values(fields, data)
    values.update({"coastal": "true", "agencies.1.key": "ethnic", "agencies.1.value": "Sở Dân tộc và Tôn giáo",
                   "guidance.0.key": "2027", "guidance.0.value": "bvhttdl-hd-2027", "as_of": "2026-12-01",
                   "border.countries.0": "Lào", "border.countries.1": "", "border.countries.7": "Campuchia ",
                   "border.gates.0.name": "Bờ Y", "border.gates.0.kind": "quốc tế", "reporting.annual_deadline": "29/11"})
    updates, errors = profile_form.read_form(fields, values, data)
    assert not errors
    assert updates[("coastal",)] is True and updates[("agencies",)]["ethnic"] == "Sở Dân tộc và Tôn giáo"
    assert updates[("guidance",)] == {2027: "bvhttdl-hd-2027"} and str(updates[("as_of",)]) == "2026-12-01"
    assert updates[("border", "countries")] == ["Lào", "Campuchia"]
    assert updates[("border", "gates")] == [{"name": "Bờ Y", "kind": "quốc tế"}]
    assert updates[("reporting", "annual_deadline")] == "29/11"


def test_text_that_cannot_be_read_back_is_an_error_at_its_field():
    fields = profile_fields()
    values = profile_form.form_values(fields, {})
    values.update({"agencies.0.value": "Sở A", "guidance.0.key": "năm nay", "guidance.0.value": "x",
                   "reporting.annual_deadline": "31/02", "reporting.deadline": "15-12",
                   "agencies.1.key": "ethnic", "agencies.1.value": "Sở B", "agencies.2.key": "ethnic"})
    _, errors = profile_form.read_form(fields, values, {})
    assert "dòng 1: chọn hoặc điền ô đầu dòng" in errors["agencies"]
    assert "«Cơ quan công tác dân tộc» đã có ở dòng trên" in errors["agencies"]
    assert "phải là năm" in errors["guidance"]
    assert errors["reporting.annual_deadline"] == "«31/02»: không có ngày 31 tháng 2"
    assert "cần ngày/tháng" in errors["reporting.deadline"]


def test_an_emptied_optional_group_is_removed_whole():
    data = {"border": {"countries": ["Lào"], "areas": ["xã A"]}}
    values = profile_form.form_values(profile_fields(), data)
    values.update({"border.countries.0": "", "border.areas.0": ""})
    updates, _ = profile_form.read_form(profile_fields(), values, data)
    assert updates == {("border",): REMOVE}


# --- the pages ----------------------------------------------------------------------------------------------------

def test_create_from_the_registry_then_the_form_shows_the_file(site):
    mine, client = site
    made = create(client)
    assert made.status_code == 303 and made.headers["location"] == "/profiles/cao-bang-2027?tao=1"
    page = client.get(made.headers["location"])
    assert page.status_code == 200 and "Đã tạo cao-bang-2027.yaml" in page.text
    values = form_of(page)
    assert values["province"] == "cao-bang" and values["id"] == "cao-bang-2027" and values["archive"] == "VT, …"
    assert "Đã tạo" not in client.get("/profiles/cao-bang-2027").text
    load_profile(mine / "cao-bang-2027.yaml", bundled())  # valid as written
    again = create(client)
    assert again.status_code == 400 and "không ghi đè" in again.text
    assert create(client, unit="atlantis").status_code == 400
    assert "cao-bang-2027" in client.get("/").text  # offered for drafting at once


def test_a_validation_error_is_shown_at_its_field_in_the_cli_words_and_nothing_is_written(site, tmp_path):
    mine, client = site
    create(client)
    path = mine / "cao-bang-2027.yaml"
    before = path.read_bytes()
    values = form_of(client.get("/profiles/cao-bang-2027"))
    values.update(archive="KGVX", as_of="2026-02-30", csrf=token(client.get("/profiles")))
    page = client.post("/profiles/cao-bang-2027", data=values)
    assert page.status_code == 400 and "chưa lưu" in page.text
    errors = field_errors(page)
    expected = cli_message(before.decode().replace('archive: "VT, …"', "archive: KGVX")
                           .replace("as_of: 2026", "as_of: 2026-02-30 #"), tmp_path, "cao-bang-2027")
    assert sorted(errors["archive"] + errors["as_of"]) == sorted(expected)
    assert form_of(page)["archive"] == "KGVX"  # what the person typed stays in the box
    assert path.read_bytes() == before


def test_saving_changes_only_the_lines_that_changed_and_keeps_the_comments(site):
    mine, client = site
    create(client)
    path = mine / "cao-bang-2027.yaml"
    before = path.read_text(encoding="utf-8")
    values = form_of(client.get("/profiles/cao-bang-2027"))
    values.update(archive="VT, KGVX", csrf=token(client.get("/profiles")))
    values["signer.name"] = "Nguyễn Văn A"
    saved = client.post("/profiles/cao-bang-2027", data=values, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/profiles/cao-bang-2027?luu=1"
    after = path.read_text(encoding="utf-8")
    changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    assert changed == [
        "-   name: null                     # họ tên người ký; để trống thì in “…”",
        "+   name: Nguyễn Văn A             # họ tên người ký; để trống thì in “…”",
        '- archive: "VT, …"                 # "VT, <ký hiệu đơn vị soạn thảo>", ví dụ "VT, KGVX"',
        '+ archive: "VT, KGVX"              # "VT, <ký hiệu đơn vị soạn thảo>", ví dụ "VT, KGVX"',
    ]
    profile = load_profile(path, bundled())
    assert profile.signer_name == "Nguyễn Văn A" and profile.archive == "VT, KGVX"
    assert "Đã lưu" in client.get(saved.headers["location"]).text


def test_leaving_the_registry_writes_the_province_out(site):
    mine, client = site
    create(client)
    values = form_of(client.get("/profiles/cao-bang-2027"))
    values.update({"province": "", "province.name": "Cao Bằng", "province.level": "tỉnh", "province.place": "Cao Bằng",
                   "agencies.0.key": "ttdn_lead", "agencies.0.value": "Sở Văn hóa, Thể thao và Du lịch",
                   "agencies.1.key": "departments", "agencies.1.value": "Các sở, ban, ngành tỉnh",
                   "agencies.2.key": "local_authorities", "agencies.2.value": "UBND các xã, phường",
                   "recipients.0": "Như trên;", "csrf": token(client.get("/profiles"))})
    saved = client.post("/profiles/cao-bang-2027", data=values, follow_redirects=False)
    assert saved.status_code == 303, field_errors(saved)
    profile = load_profile(mine / "cao-bang-2027.yaml", bundled())
    assert profile.province_name == "Cao Bằng" and profile.unit is None and profile.recipients == ("Như trên;",)


def test_a_file_changed_meanwhile_is_not_overwritten(site):
    mine, client = site
    create(client)
    values = form_of(client.get("/profiles/cao-bang-2027"))
    path = mine / "cao-bang-2027.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "notes: sửa trong Notepad\n", encoding="utf-8")
    values.update(archive="VT, KGVX", csrf=token(client.get("/profiles")))
    page = client.post("/profiles/cao-bang-2027", data=values)
    assert page.status_code == 409 and "đã được sửa ở nơi khác" in page.text
    assert path.read_text(encoding="utf-8").endswith("notes: sửa trong Notepad\n")


def test_a_profile_that_does_not_validate_shows_its_errors_when_opened(site):
    mine, client = site
    create(client)
    path = mine / "cao-bang-2027.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("capacity: pho_chu_tich", "capacity: giam_doc"),
                    encoding="utf-8")
    page = client.get("/profiles/cao-bang-2027")
    assert page.status_code == 200 and "giam_doc" in field_errors(page)["signer.capacity"][0]


def test_bundled_profiles_are_read_only_and_can_be_copied(site):
    mine, client = site
    page = client.get("/profiles/dak-lak-2026")
    assert page.status_code == 200 and "chỉ xem" in page.text and ">Lưu</button>" not in page.text
    values = form_of(page)
    values.update(archive="VT", csrf=token(page))
    assert client.post("/profiles/dak-lak-2026", data=values).status_code == 403
    copied = client.post("/profiles/dak-lak-2026/copy", data={"csrf": token(page), "new_id": "dak-lak-2027"},
                         follow_redirects=False)
    assert copied.status_code == 303 and (mine / "dak-lak-2027.yaml").is_file()
    assert load_profile(mine / "dak-lak-2027.yaml", bundled()).id == "dak-lak-2027"
    for bad in ("dak-lak-2026", "../x", "Đắk Lắk"):
        refused = client.post("/profiles/dak-lak-2026/copy", data={"csrf": token(page), "new_id": bad})
        assert refused.status_code == 400
    assert sorted(p.name for p in mine.iterdir()) == ["dak-lak-2027.yaml"]


@pytest.mark.parametrize("ident", ["nope", "..%2F..%2Fetc%2Fpasswd", "DAK-LAK-2026"])
def test_an_unknown_profile_is_not_found(site, ident):
    _, client = site
    assert client.get(f"/profiles/{ident}").status_code == 404


def test_profile_forms_need_the_token(site):
    mine, client = site
    create(client)
    values = form_of(client.get("/profiles/cao-bang-2027"))
    values.update(archive="VT, X", csrf="forged")
    assert client.post("/profiles/cao-bang-2027", data=values).status_code == 403
    assert client.post("/profiles/new", data={"csrf": "forged", "unit": "son-la", "year": "2027"}).status_code == 403
    assert not (mine / "son-la-2027.yaml").exists()


def test_without_a_profiles_folder_the_page_says_how_to_get_one(tmp_path):
    client = TestClient(create_app(Settings(out_dir=tmp_path / "out")), base_url=LOCAL)
    page = client.get("/profiles")
    assert "drafter serve --profiles" in page.text
    refused = client.post("/profiles/new", data={"csrf": token(client.get("/")), "unit": "son-la", "year": "2027"})
    assert refused.status_code == 400 and "--profiles" in refused.text


def test_what_the_registry_fills_in_is_shown_in_the_empty_boxes(site):
    _, client = site
    create(client)
    page = client.get("/profiles/cao-bang-2027").text
    assert re.search(r'id="hint-border.countries">Theo danh mục: Trung Quốc<', page)
    assert re.search(r'id="hint-agencies">Theo danh mục: Các sở, ban, ngành cấp tỉnh \(tập thể\): các sở, ban, ngành',
                     page)


# --- Vietnamese, not codes ------------------------------------------------------------------------------------------

class VisibleText(HTMLParser):
    """The text a person reads: text nodes, option labels, placeholders and buttons (not values a
    browser sends, nor scripts and styles)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        for key, value in attrs:
            if key in ("placeholder", "aria-label", "title", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


#: What a person should never read: a snake_case key or role, a dotted key path ("guidance.2027",
#: "reporting.annual_deadline"), a confidence code, diff markup, a request to type YAML.
RAW = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[a-z_]+\.(?:[a-z_]+|\d{4})\b(?<!\.yaml)|\b(?:VERIFIED|MEDIUM|UNVERIFIED)\b"
                 r"|\[-|\{\+|\bYAML\b|\b(?:chu_tich|ca_nhan|tm)\b")


def raw_codes(page) -> list[str]:
    reader = VisibleText()
    reader.feed(page.text)
    return sorted({m.group(0) for part in reader.parts for m in RAW.finditer(part)
                   if not m.group(0).endswith((".yaml", ".docx"))})


def test_no_page_shows_a_raw_code_or_key(site, tmp_path):
    mine, client = site
    create(client)
    path = mine / "cao-bang-2027.yaml"
    # A profile whose notes and errors name keys: a copied agency name, a guidance year, a party congress.
    text = path.read_text(encoding="utf-8")
    (mine / "noted-2027.yaml").write_text(text.replace("cao-bang-2027", "noted-2027").replace(
        "agencies: {}", "agencies: {foreign_affairs: Sở Ngoại vụ tỉnh Phú Thọ}"), encoding="utf-8")
    text += ("party_congress: {ordinal: XX, term: 2025 - 2030, label: MEDIUM, source: Báo Cao Bằng}\n"
             "guidance: {2027: khong-co-van-ban}\nreporting: {annual_deadline: 10/11}\n"
             "border: {countries: [Trung Quốc], gates: [{name: Trà Lĩnh, kind: quốc tế}]}\n")
    path.write_text(text, encoding="utf-8")
    (mine / "plain-2027.yaml").write_text(
        (Path(bundled_profiles()[0]).read_text(encoding="utf-8")).replace(f"id: {bundled_profiles()[0].stem}",
                                                                         "id: plain-2027"), encoding="utf-8")
    pages = {"list": client.get("/profiles"), "mine": client.get("/profiles/cao-bang-2027"),
             "new": client.get("/profiles/cao-bang-2027?tao=1"),
             "copied": client.get("/profiles/plain-2027"), "noted": client.get("/profiles/noted-2027")}
    for ident in ("dak-lak-2026", "ho-chi-minh-2026", "lam-dong-2024", "gia-lai-2023"):
        pages[ident] = client.get(f"/profiles/{ident}")
    values = form_of(pages["mine"])
    values.update({"reporting.annual_deadline": "31/02", "csrf": token(pages["list"])})
    pages["saved with errors"] = client.post("/profiles/cao-bang-2027", data=values)
    assert pages["saved with errors"].status_code == 400
    assert "Lưu ý:" in pages["noted"].text  # the copied agency name is a note
    assert "Văn bản hướng dẫn" in pages["mine"].text  # the guidance that does not exist is an error
    found = {name: raw_codes(page) for name, page in pages.items()}
    assert not any(found.values()), found


def test_a_key_in_a_message_is_said_as_the_place_on_the_form(site):
    mine, client = site
    create(client)
    path = mine / "cao-bang-2027.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "guidance: {2027: khong-co-van-ban}\n", encoding="utf-8")
    page = client.get("/profiles/cao-bang-2027").text
    assert "«Văn bản hướng dẫn của Bộ theo năm» dòng «2027» (mục «Nâng cao»)" in page
    assert "ở mục «Văn bản của tỉnh»" in page
    path.write_text(text.replace("agencies: {}", "agencies: {foreign_affairs: Sở Ngoại vụ tỉnh Phú Thọ}"), encoding="utf-8")
    page = client.get("/profiles/cao-bang-2027").text
    assert "«Cơ quan theo vai trò» dòng «Cơ quan ngoại vụ»: «Sở Ngoại vụ tỉnh Phú Thọ» nêu tên Phú Thọ" in page


def test_every_error_shows_at_once(site):
    """A box the form cannot read (31/02) does not hide what validation says of another (Lưu)."""
    mine, client = site
    create(client)
    before = (mine / "cao-bang-2027.yaml").read_bytes()
    values = form_of(client.get("/profiles/cao-bang-2027"))
    values.update({"reporting.annual_deadline": "31/02", "archive": "KGVX", "border.gates.0.name": "Trà Lĩnh",
                   "border.countries.0": "Trung Quốc", "csrf": token(client.get("/profiles"))})
    page = client.post("/profiles/cao-bang-2027", data=values)
    errors = field_errors(page)
    assert page.status_code == 400 and "Hồ sơ còn 3 lỗi" in page.text
    assert errors["reporting.annual_deadline"] == ["«31/02»: không có ngày 31 tháng 2"]
    assert errors["archive"] and "«Cửa khẩu» dòng 1, ô «Loại»" in errors["border.gates"][0]
    assert (mine / "cao-bang-2027.yaml").read_bytes() == before


def test_a_profile_made_entirely_of_boxes_saves_and_validates(site):
    mine, client = site
    create(client)
    values = form_of(client.get("/profiles/cao-bang-2027"))
    values.update({"agencies.0.key": "foreign_affairs", "agencies.0.value": "Sở Ngoại vụ tỉnh Cao Bằng",
                   "border.countries.0": "Trung Quốc", "border.partners.0": "Khu tự trị dân tộc Choang Quảng Tây",
                   "border.gates.0.name": "Trà Lĩnh", "border.gates.0.kind": "quốc tế",
                   "reporting.annual_deadline": "10/11", "csrf": token(client.get("/profiles"))})
    saved = client.post("/profiles/cao-bang-2027", data=values, follow_redirects=False)
    assert saved.status_code == 303, field_errors(saved)
    profile = load_profile(mine / "cao-bang-2027.yaml", bundled())
    assert profile.id == "cao-bang-2027"
    text = (mine / "cao-bang-2027.yaml").read_text(encoding="utf-8")
    assert "foreign_affairs: Sở Ngoại vụ tỉnh Cao Bằng" in text and "kind: quốc tế" in text
    assert "annual_deadline: 10/11" in text and "# phải trùng tên tệp" in text


def test_the_shipped_profiles_folder_named_as_the_users_is_still_view_only(tmp_path):
    """Run from a checkout, `drafter serve` defaults --profiles to profiles/: the shipped folder."""
    from drafter.resources import profiles_dir

    client = TestClient(create_app(Settings(out_dir=tmp_path / "out", profiles_dir=profiles_dir())), base_url=LOCAL)
    listing = client.get("/profiles").text
    assert re.search(r"Hồ sơ của bạn \(0\)", listing) and "Chưa có thư mục hồ sơ của bạn" in listing
    page = client.get("/profiles/dak-lak-2026")
    assert 'id="view-only"' in page.text and re.search(r'<fieldset class="plain" disabled>', page.text)
    assert ">Lưu</button>" not in page.text and "Tạo hồ sơ từ mẫu này" not in page.text
    values = form_of(page)
    values.update(archive="VT", csrf=token(page))
    assert client.post("/profiles/dak-lak-2026", data=values).status_code == 403


def test_a_shipped_profile_offers_a_copy_from_it(site):
    _, client = site
    page = client.get("/profiles/dak-lak-2026")
    assert re.search(r'<fieldset class="plain" disabled>', page.text)
    assert re.search(r'<button type="submit" id="copy">Tạo hồ sơ từ mẫu này</button>', page.text)
