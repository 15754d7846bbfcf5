"""What the profile pages say instead of the codes a profile file holds: the one place that maps
an allowed value (chu_tich, tm, VERIFIED…) or an agency role (ttdn_lead…) to Vietnamese, and a
field path from a message ("reporting.annual_deadline", "border.gates[0].kind") to where it is
on the form (the field's label, its row, its section). Field labels themselves live in the
schema's `meta:`, beside the rule they describe.
"""

from __future__ import annotations

import re
from functools import cache

#: Allowed values of the profile schema as a reader says them. A value without an entry is shown
#: as written (the Vietnamese ones: "tỉnh", "quốc tế", "Nghị quyết"…).
VALUES = {
    "chu_tich": "Chủ tịch ký",
    "pho_chu_tich": "Phó Chủ tịch ký thay",
    "tm": "Ký thay mặt Ủy ban («TM. ỦY BAN NHÂN DÂN» phía trên)",
    "ca_nhan": "Chủ tịch ký với chức danh của mình (không có «TM.»)",
    "VERIFIED": "đã xác minh (đã đối chiếu văn bản)",
    "MEDIUM": "một nguồn",
    "UNVERIFIED": "chưa xác minh",
    "muc_tieu": "«MỤC TIÊU, YÊU CẦU»",
    "muc_dich": "«MỤC ĐÍCH, YÊU CẦU»",
    "can_cu": "các dòng «Căn cứ …»",
    "thuc_hien": "một đoạn «Thực hiện …»",
    "standard": "theo loại kế hoạch",
    "tren_day": "«Trên đây là Kế hoạch …»",
    "nq47": "Kế hoạch thực hiện Nghị quyết 47/NQ-CP",
    "annual": "Kế hoạch thông tin đối ngoại hằng năm",
    "": "(không có)",
}


def value_label(value: str) -> str:
    return VALUES.get(value, value)


@cache
def roles() -> dict[str, str]:
    """Agency role → what it means (the catalogue's own words, as `drafter roles` prints them)."""
    from ..inputs.catalogue import bundled

    return {key: role.label for key, role in bundled().roles.items()}


def key_label(field_name: str, key) -> str:
    """A mapping's key as its row is named: a role by its meaning, a kind by its name, a year as is."""
    if field_name == "agencies":
        return roles().get(str(key), str(key))
    return value_label(str(key))


_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def where(path: str, fields) -> str:
    """A message's field path as the place on the form: «Hạn báo cáo kết quả năm» (mục «Thời hạn
    báo cáo»), «Cửa khẩu» dòng 1, ô «Loại» (mục «Biên giới đất liền»). An unknown path is said as
    the nearest field it starts with."""
    by_name = {".".join(f.path): f for f in _walk(fields)}
    keys = [m[1] if m[1] is not None else int(m[2]) for m in _PART.finditer(path or "")]
    sections, field, row, cell = [], None, None, None
    name: list[str] = []
    for key in keys:
        if field is not None and field.widget in ("rows", "lines", "table"):
            if row is None:
                row = key + 1 if isinstance(key, int) and field.widget != "table" else key_label(field.name, key)
                continue
            column = next((c for c in field.children if c.path[-1] == str(key)), None)
            cell = column.label if column is not None else cell
            continue
        candidate = by_name.get(".".join([*name, str(key)]))
        if candidate is None:
            break
        if field is not None and field.widget == "group":
            sections.append(field.label)
        name.append(str(key))
        field = candidate
    if field is None:
        return "hồ sơ"
    said = f"«{field.label}»"
    if row is not None:
        said += f" dòng {row}" if isinstance(row, int) else f" dòng «{row}»"
    if cell:
        said += f", ô «{cell}»"
    if sections:
        said += f" (mục «{sections[-1]}»)"
    elif field.advanced:
        said += " (mục «Nâng cao»)"
    return said


def _walk(fields):
    for f in fields:
        yield f
        if f.widget == "group":
            yield from _walk(f.children)


def keys_said(message: str, fields) -> str:
    """A message's "mục documents: của hồ sơ" as "mục «Văn bản của tỉnh»": a top-level key
    followed by a colon is the profile's own word for one of its sections."""
    by_key = {f.path[0]: f.label for f in fields}
    return re.sub(r"\b([a-z_]+): (?=của hồ sơ)?", lambda m: f"«{by_key[m[1]]}» " if m[1] in by_key else m[0],
                  message).replace("» của hồ sơ", "»")


_NOTE = re.compile(r"^[^\s:]+\.ya?ml(?::\d+){0,2}: (?P<field>[\w.\[\]-]+): (?P<message>.*)$", re.S)


def note_for_page(note: str, fields) -> str:
    """A validation note ("x.yaml:12: agencies.foreign_affairs: «…» nêu tên …") with its file and
    key replaced by the place on the form."""
    found = _NOTE.match(note)
    if not found:
        return note
    return f"{where(found['field'], fields)}: {keys_said(found['message'], fields)}"


_CODE_IN_PARENS = re.compile(r"\s*\((?:VERIFIED|MEDIUM|UNVERIFIED)\)")
_WORD_IN_PARENS = re.compile(r"\(([a-z]+(?:_[a-z]+)*)\)")
_KEY_PATH = re.compile(r"\b[a-z][a-z_]*(?:\.[a-z0-9_]+|\[\d+\])+")
_KEY_AFTER_VERB = re.compile(r"\b(khai(?: báo)?(?: ở)?) ([a-z][a-z_]*)\b(?!\.)")
#: The library's advice for the command line on texts left out for length; the result page lists
#: them with boxes to tick instead.
_TASKS_ADVICE = re.compile(r"Xem và thêm lại bằng `drafter tasks[^`]*`.*$", re.S)
KEEP_ADVICE = ("Xem «Nội dung để lại vì độ dài» ở dưới: đánh dấu nội dung muốn giữ rồi soạn lại, "
               "hoặc chọn mức chi tiết «Đầy đủ».")


def notice_for_page(notice: str, fields) -> str:
    """A drafting notice with the profile's keys and codes said as the form says them: "khai báo
    reporting.annual_deadline" → "khai báo «Hạn báo cáo…» (mục «…»)", "(investment_promotion)" → the
    role's meaning, "(UNVERIFIED)" dropped (the sentence already says "chưa xác minh")."""
    top = {f.path[0] for f in fields}
    said = _TASKS_ADVICE.sub(KEEP_ADVICE, notice)
    said = _CODE_IN_PARENS.sub("", said)
    said = _WORD_IN_PARENS.sub(lambda m: f"(vai trò «{roles()[m[1]]}»)" if m[1] in roles() else m[0], said)
    said = _KEY_PATH.sub(lambda m: where(m[0], fields) if m[0].split(".")[0].split("[")[0] in top else m[0], said)
    said = _KEY_AFTER_VERB.sub(lambda m: f"{m[1]} {where(m[2], fields)}" if m[2] in top else m[0], said)
    return keys_said(said, fields)


def error_for_page(message: str, fields) -> str:
    """A library error shown on the draft form: a profile's problems ("x.yaml:24:13:
    reporting.annual_deadline: …") said at their place on the profile form, one per line."""
    lines = message.splitlines() or [message]
    said = [note_for_page(line, fields) if _NOTE.match(line) else line for line in lines]
    said = [notice_for_page(line, fields) for line in said]
    if any(_NOTE.match(line) for line in lines):
        said.insert(0, "Hồ sơ có lỗi nên chưa soạn được; mở trang «Hồ sơ tỉnh» để sửa:")
    return "\n".join(said)
