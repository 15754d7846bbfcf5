"""A starting profile for a province, from the registry: what `drafter new` writes.

The file names its unit and leaves everything the registry knows to the registry, so it is
valid the moment it is written and stays right when a national fact changes. The comments say
what a drafter should check or fill, in Vietnamese, starting with the registry's own weak facts.
"""

from __future__ import annotations

import datetime as dt

from .registry import Registry, Unit


def profile_id(unit: Unit, year: int) -> str:
    return f"{unit.id}-{year}"


def profile_text(unit: Unit, registry: Registry, *, ident: str, today: dt.date) -> str:
    agencies, weak = registry.agencies(unit)
    merged = f" (từ 01/7/2025: {' + '.join(unit.merged_from)})" if len(unit.merged_from) > 1 else ""
    lines = [
        f"# Hồ sơ {unit.unit_name.full}{merged}, tạo bằng `drafter new` ngày {today.isoformat()}.",
        "# Tên, cấp, địa danh, biên giới, bờ biển và các cơ quan lấy từ danh mục 34 tỉnh, thành phố",
        "# (drafter/data/provinces.yaml, mỗi thông tin có nguồn và mức tin cậy). Chỉ ghi ở đây điều khác đi,",
        f"# rồi kiểm tra: drafter validate profiles/{ident}.yaml",
        _commented(f"id: {ident}", "phải trùng tên tệp"),
        f"province: {unit.id}",
        _commented(f"as_of: {today.isoformat()}", "ngày mà bộ máy ghi ở đây đúng"),
        "sources:",
        '  - "Tên, cấp, địa danh, biên giới, bờ biển, cơ quan: drafter/data/provinces.yaml '
        f'(danh mục {registry.version})"',
        '  # - "Nguồn cho mỗi thông tin bạn thêm hoặc sửa ở dưới"',
        _commented("agencies: {}", "chỉ ghi cơ quan khác với danh mục (vai trò: drafter roles), ví dụ:"),
        "  # foreign_affairs: Sở Ngoại vụ             # nếu tỉnh còn Sở Ngoại vụ",
        "  # ethnic: Sở Dân tộc và Tôn giáo           # nếu tỉnh có sở này",
    ]
    for fact in weak:
        role = fact.what.split("(")[-1].rstrip(")")
        lines.append(f"  # {role}: {fact.value}    # UNVERIFIED trong danh mục: kiểm tra tên")
    lines += [
        _commented("# ethnic_minorities: true", "nếu tỉnh có vùng đồng bào dân tộc thiểu số (mục TTĐN vùng DTTS)"),
        "signer:",
        _commented("  capacity: pho_chu_tich", "chu_tich | pho_chu_tich"),
        _commented("  name: null", "họ tên người ký; để trống thì in “…”"),
        _commented('# recipients: ["…"]', "nơi nhận; mặc định là danh sách thường dùng (xem bản soạn)"),
        _commented('archive: "VT, …"', '"VT, <ký hiệu đơn vị soạn thảo>", ví dụ "VT, KGVX"'),
    ]
    if len(unit.merged_from) > 1:
        lines.append(_commented("replaces: []", f"mã các kế hoạch TTĐN còn hiệu lực của {', '.join(unit.merged_from)} "
                                                "mà kế hoạch này thay thế (khai ở documents:)"))
    return "\n".join(lines) + "\n"


def _commented(line: str, comment: str) -> str:
    return f"{line:<32} # {comment}"
