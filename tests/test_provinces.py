"""The 34-unit registry and the profiles built on it: facts as the 2025 reforms left them, one
current profile per unit, and the copy trap (a neighbour's profile half edited) caught."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from drafter.cli import app
from drafter.errors import ProfileError
from drafter.inputs import registry
from drafter.inputs.profile import bundled_profiles, load_profile

PROFILES = Path(__file__).resolve().parents[1] / "profiles"


def invoke(*args):
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def units():
    return registry.bundled().units


def test_registry_has_the_34_units_of_nq_202(units):
    """NQ 202/2025/QH15: 6 centrally-run cities and 28 provinces, 23 of them formed by merger."""
    assert len(units) == 34 and len({u.id for u in units}) == 34
    cities = {u.name for u in units if u.level == "thành phố"}
    assert cities == {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}
    assert sum(1 for u in units if len(u.merged_from) > 1) == 23
    zones = [z for u in units for z in u.data.get("special_zones") or []]
    assert len(zones) == 13  # the 13 đặc khu
    assert {u.name for u in units if "Campuchia" in (u.data.get("land_border") or [])} >= {"Tây Ninh", "An Giang",
                                                                                            "Đồng Tháp", "Gia Lai"}


def test_every_unit_fact_is_labelled_and_sourced():
    data = yaml.safe_load((registry.REGISTRY_PATH).read_text(encoding="utf-8"))
    sources = set(data["sources"])
    for unit in data["units"]:
        for name, fact in unit["facts"].items():
            assert fact["label"] in registry.LABELS, (unit["id"], name)
            assert set(fact["sources"]) <= sources, (unit["id"], name, set(fact["sources"]) - sources)
    # Every fact a draft may print has its entry: name forms, level changes, border, sea, ethnic
    # facts, congress, anniversaries, slogan (issue 19: "every registry fact a draft prints has a source").
    printed = {"level", "place", "named_after_person", "level_changes", "land_border", "border_partners", "coastal",
               "sea_islands", "special_zones", "brand_slogan", "ethnic_minorities", "ethnic_languages",
               "party_congress", "anniversaries"}
    for unit in data["units"]:
        missing = {k for k in printed if k in unit and unit[k] not in (None, [], False)} - set(unit["facts"])
        assert not missing, (unit["id"], missing)
    counts = registry.bundled().labels
    assert sum(counts.values()) > 400 and counts["UNVERIFIED"] > 0  # a registry with no doubt would be a lie


def test_place_follows_nd30_for_cities(units):
    """NĐ 30 (Phụ lục I, II.4): "Hà Nội, ngày …", but a unit named after a person in full: "Thành phố
    Hồ Chí Minh, ngày …"."""
    by_id = {u.id: u for u in units}
    assert by_id["ho-chi-minh"].place == "Thành phố Hồ Chí Minh"
    assert by_id["ha-noi"].place == "Hà Nội" and by_id["dak-lak"].place == "Đắk Lắk"


@pytest.mark.parametrize("typed, unit_id", [("Tuyên Quang", "tuyen-quang"), ("tuyen quang", "tuyen-quang"),
                                            ("TP Hồ Chí Minh", "ho-chi-minh"), ("thành phố Huế", "hue"),
                                            ("Đắk Lắk", "dak-lak"), ("dak-lak", "dak-lak")])
def test_a_unit_is_found_as_people_type_it(typed, unit_id):
    assert registry.bundled().find(typed).id == unit_id


def test_a_former_province_is_not_a_unit_and_gets_a_hint():
    with pytest.raises(ProfileError) as caught:
        registry.bundled().unit("Tuyen Quan")
    assert "tuyen-quang" in str(caught.value)
    assert registry.bundled().find("Hà Giang") is None  # merged into Tuyên Quang on 01/7/2025


def test_one_current_profile_per_unit_named_by_its_id(units, catalogue):
    current = {}
    for path in bundled_profiles():
        profile = load_profile(path, catalogue)
        assert profile.id == path.stem
        if profile.current:
            assert profile.unit is not None, path.name
            current.setdefault(profile.unit, []).append(path.stem)
    assert set(current) == {u.id for u in units}
    assert all(len(ids) == 1 for ids in current.values()), current


def test_profiles_take_agencies_from_the_national_set(catalogue):
    """NĐ 150/2025: Sở VHTTDL leads TTĐN, Sở KH&CN holds digital tech; a city's party body is the Thành ủy."""
    hanoi = load_profile("ha-noi-2026", catalogue)
    assert hanoi.full_name == "thành phố Hà Nội"
    assert hanoi.agencies["digital_tech"] == "Sở Khoa học và Công nghệ"
    assert any("Thành ủy" in line for line in hanoi.recipients)
    lai_chau = load_profile("lai-chau-2026", catalogue)
    assert "Trung Quốc" in lai_chau.border.countries and lai_chau.agencies["ttdn_lead"].startswith("Sở Văn hóa")
    assert not lai_chau.coastal


def test_a_unit_the_registry_cannot_confirm_makes_the_draft_say_so(catalogue):
    from drafter import api

    profile = load_profile("tuyen-quang-2026", catalogue)
    assert profile.weak_facts  # the merged newspaper's name is a pattern, not a source
    _, draft = api.build_plan(profile, kind="nq47", year=2027, catalogue=catalogue)
    assert any("«Báo và Phát thanh, Truyền hình Tuyên Quang» chưa xác minh được (UNVERIFIED)" in n
               for n in draft.notices), draft.notices
    # whether Tuyên Quang kept a Sở Ngoại vụ is not known: its work goes to the Văn phòng, and the plan says so
    assert any(n.startswith("Hồ sơ không khai Sở Ngoại vụ") for n in draft.notices)
    _, phu_tho = api.build_plan(load_profile("phu-tho-2026", catalogue), kind="nq47", year=2027, catalogue=catalogue)
    assert not any("không khai Sở Ngoại vụ" in n for n in phu_tho.notices)  # kept it: VERIFIED


def copy_of(tmp_path, source: str, name: str, edit=None) -> Path:
    """What a new user did before `drafter new`: copy a neighbour's file, change a few lines."""
    target = tmp_path / name
    text = (PROFILES / f"{source}.yaml").read_text(encoding="utf-8")
    target.write_text(edit(text) if edit else text, encoding="utf-8")
    return target


def test_a_copied_profile_keeping_its_id_is_refused(tmp_path, catalogue):
    path = copy_of(tmp_path, "phu-tho-2026", "tuyen-quang-2026.yaml",
                   lambda t: t.replace("province: phu-tho", "province: tuyen-quang"))
    with pytest.raises(ProfileError) as caught:
        load_profile(path, catalogue)
    assert "id 'phu-tho-2026' khác tên tệp 'tuyen-quang-2026'" in str(caught.value)


def test_a_copied_profile_naming_another_province_is_warned(tmp_path, catalogue):
    path = copy_of(tmp_path, "lam-dong-2024", "tuyen-quang-2027.yaml",
                   lambda t: t.replace("id: lam-dong-2024", "id: tuyen-quang-2027")
                               .replace("name: Lâm Đồng", "name: Tuyên Quang").replace("place: Lâm Đồng",
                                                                                        "place: Tuyên Quang"))
    profile = load_profile(path, catalogue)
    warned = [n for n in profile.notes if "hồ sơ chép từ tỉnh khác" in n]
    assert warned and any("Lâm Đồng" in n for n in warned)
    result = invoke("validate", str(path))
    assert result.exit_code == 0 and "Lưu ý:" in result.stderr and "Lâm Đồng" in result.stderr
    assert "hợp lệ" in result.stdout and "Lưu ý:" not in result.stdout


def test_a_merged_province_may_name_its_former_units(catalogue):
    """Gia Lai's own agencies may still say "Gia Lai - Kon Tum" or name Bình Định: not a copy."""
    for pid in ("gia-lai-2026", "an-giang-2026", "dak-lak-2026"):
        assert not [n for n in load_profile(pid, catalogue).notes if "chép từ tỉnh khác" in n], pid


def test_validate_refuses_an_id_another_profile_has(tmp_path):
    mine = copy_of(tmp_path, "phu-tho-2026", "phu-tho-2026.yaml")  # same id, another folder
    result = invoke("validate", str(mine))
    assert result.exit_code == 1
    assert "id 'phu-tho-2026' trùng với hồ sơ" in result.stderr and "drafter new" in result.stderr
    twice = invoke("validate", "phu-tho-2026", str(PROFILES / "phu-tho-2026.yaml"))
    assert twice.exit_code == 0  # the same file named twice is one profile


def test_overrides_belong_to_one_profile(tmp_path, catalogue):
    """The reviewers' changes kept for Phú Thọ are refused by any other profile."""
    import datetime as dt

    from drafter import api

    folder = tmp_path / "profiles"
    (folder / "overrides").mkdir(parents=True)
    mine = copy_of(folder, "tuyen-quang-2026", "tuyen-quang-2026.yaml")
    (folder / "overrides" / "tuyen-quang-2026.yaml").write_text("profile: phu-tho-2026\nchanges: []\n",
                                                                 encoding="utf-8")
    result = invoke("draft", str(mine), "--kind", "annual", "--year", "2027", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "phu-tho-2026" in result.output
    shutil.rmtree(folder / "overrides")
    assert api.draft_plan(mine, kind="annual", year=2027, date=dt.date(2027, 1, 5), out_dir=tmp_path / "out")


def test_a_wrong_role_anywhere_gets_a_suggestion(tmp_path):
    path = copy_of(tmp_path, "tuyen-quang-2026", "tuyen-quang-2026.yaml",
                   lambda t: t.replace("agencies: {}", "agencies:\n  newpaper: Báo Tuyên Quang"))
    result = invoke("validate", str(path))
    assert result.exit_code == 1 and "newpaper" in result.stderr and "newspaper" in result.stderr
    listed = invoke("tasks", "--role", "polce")
    assert listed.exit_code == 2 and "`police`" in listed.output and "drafter roles" in listed.output


@pytest.mark.parametrize("typed, unit_id", [
    ("Lam Dong", "lam-dong"), ("lâm đông", "lam-dong"), ("Ha Noi", "ha-noi"), ("Hanoi", "ha-noi"),
    ("TP HCM", "ho-chi-minh"), ("TP.HCM", "ho-chi-minh"), ("TPHCM", "ho-chi-minh"), ("HCM", "ho-chi-minh"),
    ("Sài Gòn", "ho-chi-minh"), ("Saigon", "ho-chi-minh"), ("Thừa Thiên Huế", "hue"),
])
def test_common_spellings_and_abbreviations_find_the_unit(typed, unit_id):
    assert registry.bundled().find(typed).id == unit_id


def test_every_unit_merged_away_in_2025_names_the_unit_it_belongs_to_now():
    """63 units before 01/7/2025 = the 34 now + the 29 merged into another (NQ 202/2025/QH15)."""
    units = registry.bundled()
    former = [(name, unit) for unit in units.units for name in unit.former]
    assert len(former) == 29 and len(units.units) + len(former) == 63
    for name, unit in former:
        assert units.find(name) is None, name
        said = units.not_a_unit(name)
        assert said == (f"{name} đã hợp nhất vào {unit.level} {unit.name} từ 01/7/2025 (Nghị quyết 202/2025/QH15); "
                        f"dùng `{unit.id}`"), said


@pytest.mark.parametrize("typed, said", [
    ("Vĩnh Phúc", "Vĩnh Phúc đã hợp nhất vào tỉnh Phú Thọ từ 01/7/2025 (Nghị quyết 202/2025/QH15); dùng `phu-tho`"),
    ("Bình Dương", "Bình Dương đã hợp nhất vào thành phố Hồ Chí Minh từ 01/7/2025"),
    ("Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu đã hợp nhất vào thành phố Hồ Chí Minh"),
    ("Atlantis", "không có tỉnh, thành phố 'Atlantis' trong 34 đơn vị từ 01/7/2025; xem `drafter profiles`"),
    ("Da Lat", "không có tỉnh, thành phố 'Da Lat' trong 34 đơn vị từ 01/7/2025; xem `drafter profiles`"),
    ("Tuyen Quan", "có phải ý bạn là `tuyen-quang` (tỉnh Tuyên Quang)?"),
    ("Vinh Phuk", "có phải ý bạn là Vĩnh Phúc? Vĩnh Phúc đã hợp nhất vào tỉnh Phú Thọ"),
])
def test_new_suggests_only_close_names_and_where_merged_units_went(typed, said, tmp_path):
    result = invoke("new", typed, "--out", str(tmp_path))
    assert result.exit_code == 1 and said in result.stderr, result.stderr
    assert result.stdout == "" and list(tmp_path.iterdir()) == []
    if "không có tỉnh" in said and "có phải" not in said:
        assert "có phải" not in result.stderr


def test_new_accepts_an_abbreviation(tmp_path):
    result = invoke("new", "TP.HCM", "--year", "2027", "--out", str(tmp_path))
    assert result.exit_code == 0 and result.stdout.strip().endswith("ho-chi-minh-2027.yaml")


def test_drafting_a_former_unit_says_where_it_went(tmp_path):
    result = invoke("draft", "Vĩnh Phúc", "--out", str(tmp_path))
    assert result.exit_code == 1 and "Vĩnh Phúc đã hợp nhất vào tỉnh Phú Thọ" in result.stderr
    assert "dùng `phu-tho`" in result.stderr
