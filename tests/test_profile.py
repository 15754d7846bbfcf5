"""Profile validation: good profiles load; each kind of bad input gets its exact message and line."""

import pytest
import yaml

from drafter.errors import ProfileError
from drafter.inputs.profile import bundled_profiles, load_profile
from tests.conftest import BUNDLED_IDS, MINIMAL_PROFILE


@pytest.mark.parametrize("pid", BUNDLED_IDS)
def test_bundled_profiles_validate(pid, catalogue):
    profile = load_profile(pid, catalogue)
    assert profile.id == pid
    assert profile.sources, "every profile says where its facts come from"


def test_at_least_two_current_profiles_after_the_reforms(catalogue):
    current = [load_profile(p, catalogue) for p in bundled_profiles()]
    current = [p for p in current if p.as_of.year >= 2026]
    assert len(current) >= 2
    for p in current:
        # After 1/3/2025 Sở TT&TT no longer exists; after 1/7/2025 there are no districts.
        assert "Thông tin và Truyền thông" not in " ".join(p.agencies.values())
        assert "huyện" not in p.agencies["local_authorities"]


def test_minimal_profile_loads(profile_file, catalogue):
    profile = load_profile(profile_file(), catalogue)
    assert profile.full_name == "tỉnh Thử Nghiệm"
    assert profile.id == "thu-nghiem"
    assert profile.signer_name is None


def problems(path, catalogue):
    with pytest.raises(ProfileError) as info:
        load_profile(path, catalogue)
    return [str(p) for p in info.value.problems]


def mutate(change):
    data = yaml.safe_load(yaml.safe_dump(MINIMAL_PROFILE, allow_unicode=True))
    change(data)
    return data


def added(**fields):
    """A task a profile adds, valid unless a field is overridden."""
    task = {"id": "tn.1", "group": "g1", "text": "x", "lead": ["police"], "time": "Hằng năm", "source": "s"}
    task.update(fields)
    return task


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda d: d.update(agency=d.pop("agencies")),
         "agency: trường không được hỗ trợ; có phải ý bạn là `agencies`?"),
        (lambda d: d.update(agency=d.pop("agencies")), "agencies: thiếu trường bắt buộc"),
        (lambda d: d["province"].pop("place"), "province.place: thiếu trường bắt buộc"),
        (lambda d: d["province"].update(level="huyện"),
         "province.level: giá trị 'huyện' không hợp lệ; chỉ nhận: tỉnh, thành phố"),
        (lambda d: d.update(as_of="13/6/2024"), "as_of: phải là ngày dạng YYYY-MM-DD (không đặt trong ngoặc kép)"),
        (lambda d: d.update(recipients="Bộ X"), "recipients: phải là một danh sách (mỗi mục bắt đầu bằng '- ')"),
        (lambda d: d.update(reporting={"deadline": "15-12"}),
         "reporting.deadline: sai định dạng: cần ngày/tháng, ví dụ 15/12"),
        (lambda d: d.update(reporting={"annual_deadline": "31/02"}),
         "reporting.annual_deadline: «31/02»: không có ngày 31 tháng 2"),
        (lambda d: d.update(reporting={"plans_deadline": "31/4"}),
         "reporting.plans_deadline: «31/4»: không có ngày 31 tháng 4"),
        (lambda d: d.update(reporting={"deadline": "29/02"}),
         "reporting.deadline: «29/02»: không có ngày 29 tháng 2 (chỉ có trong năm nhuận"),
        (lambda d: d.update(archive="Lưu VT"),
         "archive: sai định dạng: cần \"VT, <đơn vị soạn thảo>\", ví dụ \"VT, KGVX\""),
        (lambda d: d["signer"].update(capacity="giam_doc"),
         "signer.capacity: giá trị 'giam_doc' không hợp lệ; chỉ nhận: chu_tich, pho_chu_tich"),
        (lambda d: d["agencies"].update(ttdn_leed=d["agencies"].pop("ttdn_lead")),
         "agencies.ttdn_leed: vai trò 'ttdn_leed' không có trong danh mục vai trò; có phải ý bạn là `ttdn_lead`?"),
        (lambda d: d["agencies"].pop("ttdn_lead"), "agencies: thiếu vai trò bắt buộc `ttdn_lead`"),
        (lambda d: d.update(tasks={"drop": ["g3.asaen"]}),
         "tasks.drop[0]: không có nhiệm vụ mã 'g3.asaen'; có phải ý bạn là `g3.asean`?"),
        (lambda d: d.update(tasks={"add": [added(id="g3.asean")]}), "tasks.add[0].id: mã 'g3.asean' bị trùng"),
        (lambda d: d.update(tasks={"add": [added(lead=["polis"])]}),
         "tasks.add[0].lead[0]: vai trò 'polis' không có trong danh mục vai trò; có phải ý bạn là `police`?"),
        (lambda d: d.update(tasks={"add": [added(group="g9")]}),
         "tasks.add[0].group: nhóm 'g9' không tồn tại; có: g1, g2, g3, g4, g5"),
        (lambda d: d.update(tasks={"add": [added(time="mãi mãi")]}),
         "tasks.add[0].time: sai định dạng: cần \"Hằng năm\", \"Năm bắt đầu\""),
        (lambda d: d.update(tasks={"add": [added(text="tại {tinh_thanh}")]}),
         "tasks.add[0].text: chỗ điền {tinh_thanh} không tồn tại"),
    ],
)
def test_bad_profile_message(change, expected, profile_file, catalogue):
    found = problems(profile_file(mutate(change)), catalogue)
    assert any(expected in line for line in found), found


@pytest.mark.parametrize("deadline", ["28/02", "30/4", "31/12", "1/1"])
def test_deadlines_that_exist_every_year_are_taken(deadline, profile_file, catalogue):
    load_profile(profile_file(mutate(lambda d: d.update(reporting={"annual_deadline": deadline}))), catalogue)


def test_messages_carry_file_line_and_column(profile_file, catalogue):
    text = (
        "province:\n"                      # 1
        "  name: Thử Nghiệm\n"             # 2
        "  level: xã\n"                    # 3
        "  place: Thử Nghiệm\n"            # 4
        "as_of: 2026-01-01\n"              # 5
        "sources: [x]\n"                   # 6
        "agencies: {}\n"                   # 7
        "signer: {capacity: chu_tich}\n"   # 8
        "recipients: [A]\n"                # 9
        "archive: VT\n"                    # 10
        "colour: red\n"                    # 11
    )
    found = problems(profile_file(text=text, name="bad.yaml"), catalogue)
    assert any(line.endswith("bad.yaml:3:3: province.level: giá trị 'xã' không hợp lệ; chỉ nhận: tỉnh, thành phố")
               for line in found), found
    assert any(line.endswith("bad.yaml:11:1: colour: trường không được hỗ trợ") for line in found), found


def test_duplicate_keys_are_an_error(profile_file, catalogue):
    base = yaml.safe_dump(MINIMAL_PROFILE, allow_unicode=True, sort_keys=False)
    found = problems(profile_file(text=base + "archive: VT, KHAC\n", name="dup.yaml"), catalogue)
    assert len(found) == 1
    assert "dup.yaml:" in found[0] and "archive: khóa bị lặp (đã có ở dòng" in found[0]


def test_yaml_syntax_error_gives_line_and_column(profile_file, catalogue):
    found = problems(profile_file(text="province:\n  name: [Thử\nas_of: 2026-01-01\n", name="syntax.yaml"), catalogue)
    assert len(found) == 1
    assert "syntax.yaml:3:6: lỗi cú pháp YAML: thiếu dấu phẩy hoặc dấu ] đóng danh sách" in found[0], found[0]


def test_non_utf8_file_is_named(tmp_path, catalogue):
    path = tmp_path / "cp1258.yaml"
    # "Lâm Đồng" in Windows-1258: precomposed â, Đ, ô, then a combining grave (0xCC) for the tone.
    path.write_bytes(b"province:\n  name: L\xe2m \xd0\xf4\xccng\n")
    found = problems(path, catalogue)
    assert found == [f"{path}:2: tệp không phải UTF-8 (có thể là Windows-1258 hoặc phông TCVN3/VNI cũ); "
                     "hãy mở và lưu lại với bảng mã UTF-8"]


def test_missing_file_and_unknown_bundled_id(catalogue, tmp_path):
    assert problems(tmp_path / "khong-co.yaml", catalogue)[0].endswith("khong-co.yaml: không tìm thấy tệp")
    assert "drafter new" in problems("khong-co-tinh", catalogue)[0]


def test_text_is_normalised_on_load(profile_file, minimal_profile, catalogue):
    import unicodedata

    minimal_profile["province"]["name"] = unicodedata.normalize("NFD", "Lâm Đồng") + "\x0b"
    profile = load_profile(profile_file(minimal_profile), catalogue)
    assert profile.province_name == "Lâm Đồng"


def test_tcvn3_text_is_converted_with_a_note(profile_file, minimal_profile, catalogue):
    minimal_profile["recipients"] = ["Së V¨n hãa, ThÓ thao vµ Du lÞch (b/c)"]  # pasted from a .VnTime document
    profile = load_profile(profile_file(minimal_profile), catalogue)
    assert profile.recipients == ("Sở Văn hóa, Thể thao và Du lịch (b/c)",)
    assert any("recipients[0]: văn bản bảng mã TCVN3" in note for note in profile.notes)


def test_vni_text_is_refused_with_instructions(profile_file, minimal_profile, catalogue):
    minimal_profile["province"]["name"] = "Laâm Ñoàng cuûa toâi"
    found = problems(profile_file(minimal_profile), catalogue)
    assert any("province.name: văn bản gõ bằng bảng mã VNI" in line and "Unikey" in line for line in found), found


def test_section_signs_are_not_mistaken_for_legacy_text(profile_file, minimal_profile, catalogue):
    """"§C.3, §D.1" in a source note is punctuation, not TCVN3's "Đ" (it was once converted)."""
    minimal_profile["sources"] = ["annual-plan-sources.md §C.3, §D.1"]
    profile = load_profile(profile_file(minimal_profile), catalogue)
    assert profile.sources == ("annual-plan-sources.md §C.3, §D.1",) and not profile.notes
