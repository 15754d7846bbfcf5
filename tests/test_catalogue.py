"""The shared catalogue: loads, is province-neutral, and its cross-references are checked."""

import re
from pathlib import Path

import pytest
import yaml

from drafter.errors import CatalogueError
from drafter.inputs.catalogue import CATALOGUE_PATH, load_catalogue
from drafter.inputs.profile import bundled_profiles, load_profile


def test_catalogue_has_five_groups_and_sourced_tasks(catalogue):
    assert [g.id for g in catalogue.groups] == ["g1", "g2", "g3", "g4", "g5"]
    assert len(catalogue.tasks) >= 29
    assert all(t.source for t in catalogue.tasks)
    ids = catalogue.task_ids()
    assert len(ids) == len(set(ids))


def _texts(node, key=""):
    """Every string the catalogue can put in a plan (provenance fields are about provinces on purpose)."""
    if key in ("source", "sources", "label"):
        return
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _texts(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _texts(v, key)
    elif isinstance(node, str):
        yield node


def test_catalogue_names_no_province(catalogue):
    """Texts speak of the province through placeholders only, so every province can use them."""
    body = "\n".join(_texts(yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))))
    assert "{ttdn_lead}" in body  # the walk reaches the texts
    for path in bundled_profiles():
        name = load_profile(path, catalogue).province_name
        assert name not in body, f"catalogue mentions {name}"
    for word in ("Đà Lạt", "Lâm Đồng", "Nghệ An", "Gia Lai", "Sở Thông tin và Truyền thông"):
        assert word not in body


def test_every_group_has_points_with_unique_ids(catalogue):
    ids = [p.id for g in catalogue.groups for p in g.points]
    assert len(ids) == len(set(ids))
    assert all(len(g.points) >= 3 for g in catalogue.groups)


def broken(tmp_path: Path, edit) -> list[str]:
    data = yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CatalogueError) as info:
        load_catalogue(path)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    "edit, expected",
    [
        (lambda d: d["tasks"][0].update(lead=["ttdn_leed"]),
         r"tasks\[0\]\.lead\[0\]: vai trò 'ttdn_leed' không có trong danh mục vai trò; có phải ý bạn là `ttdn_lead`\?"),
        (lambda d: d["tasks"][1].update(id=d["tasks"][0]["id"]), r"tasks\[1\]\.id: mã 'g1\.disseminate' bị trùng"),
        (lambda d: d["tasks"][0].update(text="tại {tinh_thanh}"), r"tasks\[0\]\.text: chỗ điền \{tinh_thanh\} không tồn tại"),
        (lambda d: d["tasks"][0].update(when=["ven_bien"]), r"tasks\[0\]\.when\[0\]: điều kiện 'ven_bien' không hợp lệ"),
        (lambda d: d["tasks"][0].update(group="g7"), r"tasks\[0\]\.group: nhóm 'g7' không tồn tại"),
        (lambda d: d["groups"][0]["points"][0].update(text="[[mở mà không đóng"), r"groups\[0\]\.points\[0\]\.text: thiếu dấu đóng \]\]"),
        (lambda d: d["tasks"][0].update(text="với địa phương nước bạn[[ có chung đường biên giới]]"),
         r"tasks\[0\]\.text: phần tùy chọn “\[\[ có chung đường biên giới\]\]” không có chỗ điền nào"),
        (lambda d: d["tasks"][0].update(text="nước bạn[[when ven_bien: có chung]]"),
         r"tasks\[0\]\.text: điều kiện 'ven_bien' không hợp lệ"),
    ],
)
def test_broken_catalogue_is_reported_with_line(tmp_path, edit, expected):
    found = broken(tmp_path, edit)
    assert any(re.search(r"catalogue\.yaml:\d+:\d+: " + expected, line) for line in found), found
