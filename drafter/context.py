"""Pure functions: profile + catalogue + plan kind + year → the document context.

No DOCX here. Everything a plan says, and how it is numbered and punctuated, is decided in
this module, so it can be tested on plain data and the template only decides how it looks.
Each block and appendix row carries a stable id (the catalogue's), so a later run can tell
which paragraph a reviewer changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from . import national, overrides, placeholders, timeline, vn
from .catalogue import Catalogue, Kind, Task
from .errors import CatalogueError
from .profile import Profile

NUMBER_BLANK = " " * 6  # "Số:      /KH-UBND": the records office writes the number after signing

SIGNER_LINES = {
    # NĐ 30 Phụ lục I II.7: "TM." for the collective, "KT." when a deputy signs for the head.
    "chu_tich": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
    "pho_chu_tich": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
}


@dataclass
class Draft:
    """The document context plus what the drafter must still do by hand."""

    context: dict[str, Any]
    notices: list[str] = field(default_factory=list)
    snapshot: dict[str, Any] | None = None  # what was generated, with bookmark names (drafter.marks)


@dataclass(frozen=True)
class SelectedTask:
    task: Task
    number: str
    lead_names: tuple[str, ...]
    partner_names: tuple[str, ...]
    time_text: str
    text: str | None = None  # the final text when a reviewer's override replaced the catalogue's


# --- conditions and placeholder values ------------------------------------------------------------


def holds(condition: str, profile: Profile, values: dict[str, str | None] | None = None) -> bool:
    if condition.startswith("role:"):
        return condition[5:] in profile.agencies
    if condition == "anniversaries":
        return bool(values and values.get("ky_niem"))
    return {
        "border": profile.border is not None,
        "coastal": profile.coastal,
        "border_gates": bool(profile.border and profile.border.gates),
        "replaces": bool(profile.replaces),
        "slogan": bool(profile.brand_slogan),
        "programmes": bool(profile.programmes),
    }[condition]


def all_hold(when: tuple[str, ...] | list[str], profile: Profile, values: dict[str, str | None] | None = None) -> bool:
    return all(holds(c, profile, values) for c in when)


def _join_and(items: list[str]) -> str:
    """ "Lào và Campuchia", "Trung Quốc, Lào và Campuchia"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def placeholder_values(profile: Profile, *, year: int, date: dt.date | None, symbol: str) -> dict[str, str | None]:
    level, name = profile.level, profile.province_name
    border = profile.border
    values: dict[str, str | None] = {
        "tinh": f"{level} {name}",
        "ten_tinh": name,
        "cap_tinh": level,
        "ubnd": f"UBND {level}",
        "uy_ban": f"Ủy ban nhân dân {level}",
        "uy_ban_ten": f"Ủy ban nhân dân {level} {name}",
        "slogan": profile.brand_slogan,
        "quy_hoach": profile.provincial_planning,
        "replaces": profile.replaces,
        "bien_gioi_nuoc": _join_and(list(border.countries)) if border else None,
        "bien_gioi_dia_ban": ", ".join(border.areas) if border and border.areas else None,
        "cua_khau": ", ".join(f"cửa khẩu {g.kind} {g.name}" for g in border.gates) if border and border.gates else None,
        "han_bao_cao": profile.report_deadline,
        "han_bao_cao_nam": f"{profile.annual_deadline}/{year}" if profile.annual_deadline else None,
        "nam": str(year),
        "nam_truoc": str(year - 1),
        "bo_ttdn": national.ministry(national.reference_date(date, year)),
        "ky_niem": "; ".join(national.anniversaries(
            year, border.countries if border else (), profile.anniversaries)) or None,
        "so_ky_hieu": f"số{NUMBER_BLANK}/{symbol}",
        "ngay_ban_hanh": vn.date_phrase(date, year),
    }
    values.update(profile.agencies)
    return values


def _fill(text: str, values: dict[str, str | None], where: str) -> str:
    try:
        # Texts and values were cleaned when loaded; cleaning again would collapse the
        # deliberate blank in "số      /KH-UBND".
        return placeholders.fill(text, values).strip()
    except placeholders.MissingValue as exc:
        raise CatalogueError.single(where, f"chỗ điền {{{exc.name}}} không có giá trị cho hồ sơ này") from None


# --- appendix tasks -------------------------------------------------------------------------------


def _names(roles: tuple[str, ...], profile: Profile, catalogue: Catalogue) -> tuple[str, ...]:
    """Agency names for roles the profile has, each once, in catalogue order.

    Collective names ("các sở, ban, ngành") are common nouns: lower case inside a list, the
    table cell capitalises only its first letter.
    """
    out: list[str] = []
    for role in roles:
        name = profile.agencies.get(role)
        if name and catalogue.roles[role].collective:
            name = vn.lower_first(name)
        if name and name not in out:
            out.append(name)
    return tuple(out)


def select_tasks(catalogue: Catalogue, profile: Profile, year: int,
                 notices: list[str] | None = None, *, single_year: bool = False,
                 changes: list[dict[str, Any]] | None = None,
                 values: dict[str, str | None] | None = None) -> list[SelectedTask]:
    """The appendix tasks for this province and year, numbered by group ("2.3").

    In a plan for one year (single_year) every task is that year's, whatever its span."""
    overrides = profile.tasks
    tasks = list(catalogue.tasks) + list(overrides.add)
    by_group: dict[str, list[SelectedTask]] = {g.id: [] for g in catalogue.groups}
    for task in tasks:
        if task.id in overrides.drop or not all_hold(task.when, profile):
            continue
        when = timeline.parse(task.time)
        if not when.active(year, only_this_year=single_year):
            continue
        if task.id in overrides.leads:
            change = overrides.leads[task.id]
            task = Task(task.id, task.group, task.text, tuple(change.get("lead") or task.lead),
                        tuple(change.get("partners", task.partners)), task.time, task.when, task.source)
        if task.id in overrides.reword:
            task = Task(task.id, task.group, overrides.reword[task.id], task.lead, task.partners,
                        task.time, task.when, task.source)
        leads = _names(task.lead, profile, catalogue)
        if not leads:
            if notices is not None:
                notices.append(f"Bỏ nhiệm vụ {task.id}: hồ sơ không có cơ quan nào giữ vai trò chủ trì "
                               f"({', '.join(task.lead)}).")
            continue
        partners = tuple(n for n in _names(task.partners, profile, catalogue) if n not in leads)
        shown = f"Năm {year}" if single_year else when.text(year)
        by_group[task.group].append(SelectedTask(task, "", leads, partners, shown))
    if changes:
        _apply_task_changes(by_group, [c for c in changes if c["target"] == "task"], values or {}, year,
                            notices if notices is not None else [])
    out: list[SelectedTask] = []
    for gi, group in enumerate(catalogue.groups, start=1):
        for ti, sel in enumerate(by_group[group.id], start=1):
            out.append(replace(sel, number=f"{gi}.{ti}"))
    return out


def _conflict(kind: str, item_id: str, change: dict[str, Any], current: str, year: int, notices: list[str]) -> None:
    """The catalogue changed an item since the reviewer edited it: keep the reviewer's, say so."""
    base = change.get("base")
    now, _ = overrides.templatize(current, year)
    if base is not None and " ".join(now.split()) != " ".join(base.split()):
        source = change.get("from", {})
        notices.append(f"Xung đột ở {kind} {item_id}: danh mục đã đổi nội dung kể từ lần rà soát "
                       f"năm {source.get('year', '?')}; giữ nội dung của người rà soát. Nội dung mới của danh mục: "
                       f"«{current}»")


def _apply_task_changes(by_group: dict[str, list[SelectedTask]], changes: list[dict[str, Any]],
                        values: dict[str, str | None], year: int, notices: list[str]) -> None:
    for change in changes:
        if change["action"] == "add":
            group = by_group.get(change.get("group", ""))
            if group is None:
                notices.append(f"Không thêm được nhiệm vụ {change['id']}: nhóm {change.get('group')!r} không còn.")
                continue
            text = overrides.fill(change, "text", values) or ""
            task = Task(change["id"], change["group"], text, (), (), "Hằng năm", (), "người rà soát")
            sel = SelectedTask(task, "", (change.get("lead") or "",), (change.get("partners") or "",),
                               overrides.fill(change, "time", values) or "", text)
            index = next((i + 1 for i, s in enumerate(group) if s.task.id == change.get("after")), len(group))
            group.insert(index, sel)
            continue
        for members in by_group.values():
            for i, sel in enumerate(members):
                if sel.task.id != change["id"]:
                    continue
                if change["action"] == "delete":
                    members.pop(i)
                    break
                current = _fill(sel.text or sel.task.text, values, f"task:{sel.task.id}")
                if change.get("text") is not None:
                    _conflict("nhiệm vụ", sel.task.id, change, current, year, notices)
                edited = {k: change[k] is not None for k in ("text", "lead", "partners", "time") if k in change}
                members[i] = replace(
                    sel,
                    text=overrides.fill(change, "text", values) if edited.get("text") else sel.text,
                    lead_names=(change["lead"],) if edited.get("lead") else sel.lead_names,
                    partner_names=(change["partners"],) if edited.get("partners") else sel.partner_names,
                    time_text=overrides.fill(change, "time", values) if edited.get("time") else sel.time_text,
                )
                break


def apply_block_changes(blocks: list[dict[str, str]], changes: list[dict[str, Any]],
                        values: dict[str, str | None], year: int, notices: list[str]) -> list[dict[str, str]]:
    """A reviewer's reworded, deleted and added paragraphs, on the unlabelled blocks."""
    blocks = [dict(b) for b in blocks]
    for change in (c for c in changes if c["target"] == "block"):
        index = next((i for i, b in enumerate(blocks) if b["id"] == change["id"]), None)
        if change["action"] == "add":
            anchor = next((i for i, b in enumerate(blocks) if b["id"] == change.get("after")), None)
            if anchor is None:
                notices.append(f"Không đặt được đoạn người rà soát đã thêm ({change['id']}): đoạn đứng trước nó "
                               f"({change.get('after')}) không còn trong kế hoạch năm nay; "
                               "đoạn vẫn được giữ trong tệp sửa đổi.")
                continue
            end = anchor + 1
            while end < len(blocks) and blocks[anchor]["style"] in ("khoan", "khoan_title", "muc") and \
                    blocks[end]["style"] in ("diem", "gach") and change.get("style") in ("khoan", "khoan_title"):
                end += 1
            blocks.insert(end, {"id": change["id"], "style": change.get("style", "para"),
                                "text": overrides.fill(change, "text", values) or ""})
        elif index is None:
            continue
        elif change["action"] == "delete":
            blocks.pop(index)
        else:
            _conflict("đoạn", change["id"], change, blocks[index]["text"], year, notices)
            blocks[index]["text"] = overrides.fill(change, "text", values) or blocks[index]["text"]
    return blocks


def appendix_rows(catalogue: Catalogue, selected: list[SelectedTask],
                  values: dict[str, str | None]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for gi, group in enumerate(catalogue.groups, start=1):
        members = [s for s in selected if s.task.group == group.id]
        if not members:
            continue
        rows.append({"id": group.id, "group": True, "stt": str(gi),
                     "text": _fill(group.appendix_title, values, f"catalogue:{group.id}"),
                     "lead": "", "partners": "", "time": ""})
        for sel in members:
            rows.append({
                "id": sel.task.id, "group": False, "stt": sel.number,
                "text": vn.capitalize_first(sel.text or _fill(sel.task.text, values, f"task:{sel.task.id}")),
                "lead": vn.capitalize_first(vn.join_names(list(sel.lead_names))),
                "partners": vn.capitalize_first(vn.join_names(list(sel.partner_names))),
                "time": sel.time_text,
            })
    return rows


def assignment_lines(catalogue: Catalogue, profile: Profile, selected: list[SelectedTask]) -> list[str]:
    """ "- Công an tỉnh: nhiệm vụ số 4.2, 4.3;" for each agency that leads appendix tasks.

    Collective roles (all departments, all local committees) are addressed by their own khoản.
    """
    collective_names = {vn.lower_first(profile.agencies[k]) for k, r in catalogue.roles.items()
                        if r.collective and k in profile.agencies}
    order: list[str] = []
    numbers: dict[str, list[str]] = {}
    for sel in selected:
        for name in sel.lead_names:
            if name in collective_names:
                continue
            if name not in numbers:
                order.append(name)
                numbers[name] = []
            numbers[name].append(sel.number)
    lines = [f"{name}: chủ trì thực hiện nhiệm vụ số {', '.join(numbers[name])};" for name in order]
    if lines:
        lines[-1] = vn.ensure_final(lines[-1], ".")
    return lines


# --- body -----------------------------------------------------------------------------------------


class _Body:
    """Accumulates numbered blocks; numbering is computed here, never by Word."""

    def __init__(self, values: dict[str, str | None], profile: Profile):
        self.values = values
        self.profile = profile
        self.blocks: list[dict[str, str]] = []

    def add(self, style: str, block_id: str, text: str) -> None:
        """Text without its label: number_blocks adds "I.", "1.", "a)", "- " at the end."""
        self.blocks.append({"id": block_id, "style": style, "text": text})

    def fill(self, text: str, where: str) -> str:
        return _fill(text, self.values, where)

    def visible(self, entry: dict[str, Any]) -> bool:
        return all_hold(entry.get("when") or [], self.profile, self.values)

    def point_children(self, point: dict[str, Any]) -> None:
        bullets = list(point.get("bullets") or [])
        if point.get("list") == "programmes":
            bullets += list(self.profile.programmes)
        for i, bullet in enumerate(bullets):
            text = vn.ensure_final(self.fill(bullet, point["id"]), ";")
            self.add("gach", f"{point['id']}.bullet{i + 1}", text)
        if bullets:
            last = self.blocks[-1]
            last["text"] = vn.ensure_final(last["text"], ".")
        for i, para in enumerate(point.get("paras") or []):
            self.add("para", f"{point['id']}.para{i + 1}", self.fill(para, point["id"]))

    def points(self, points: list[dict[str, Any]] | tuple[dict[str, Any], ...]) -> None:
        visible = [p for p in points if self.visible(p)]
        for point in visible:
            self.add("diem", point["id"], self.fill(point["text"], point["id"]))
            self.point_children(point)

    def paragraphs(self, blocks: list[dict[str, Any]], style: str = "para") -> None:
        for block in blocks:
            if self.visible(block):
                self.add(style, block["id"], self.fill(block["text"], block["id"]))


def _can_cu(kind: Kind, profile: Profile, body: _Body, *, year: int, date: dt.date | None,
            extra_bases: list[str], notices: list[str]) -> None:
    on = national.reference_date(date, year)
    texts: list[tuple[str, str]] = []
    for block in kind.spec["can_cu"]:
        if not body.visible(block):
            continue
        if block.get("national"):
            basis = national.legal_basis(block["national"], on)
            if basis is None:
                continue
            if basis.notice:
                notices.append(basis.notice)
            texts.append((block["id"], f"Căn cứ {basis.text}"))
        elif block.get("guidance"):
            letter = profile.guidance.get(year)
            if letter is None:
                letter = (f"Công văn số {vn.BLANK} ngày {vn.BLANK} của {national.ministry(on)} về việc hướng dẫn "
                          f"xây dựng kế hoạch công tác thông tin đối ngoại năm {year}")
                notices.append(f"Chưa có công văn hướng dẫn năm {year}: căn cứ để trống số, ngày ({vn.BLANK}); "
                               f"khai báo ở guidance.{year} trong hồ sơ hoặc dùng --basis.")
            texts.append((block["id"], f"Căn cứ {letter}"))
        else:
            texts.append((block["id"], body.fill(block["text"], block["id"])))
    bases = list(profile.legal_bases) + list(extra_bases)
    if profile.previous_plans.get(year - 1):
        bases.append(profile.previous_plans[year - 1])
    for i, basis in enumerate(bases, start=1):
        texts.append((f"cc.profile{i}", basis if basis.startswith("Căn cứ") else f"Căn cứ {basis}"))
    # NĐ 30 Phụ lục I II.6: each căn cứ on its own line ending ";", the last ".".
    for i, (block_id, text) in enumerate(texts):
        body.add("can_cu", block_id, vn.ensure_final(text, "." if i == len(texts) - 1 else ";"))


def _agency_items(catalogue: Catalogue, kind: Kind, profile: Profile, body: _Body,
                  selected: list[SelectedTask]) -> None:
    """One numbered item per agency (kind `duties`), merged where one agency holds several roles."""
    items: dict[str, dict[str, Any]] = {}
    for duty in kind.spec["duties"]:
        name = profile.agencies.get(duty["role"])
        if not name or not body.visible(duty):
            continue
        heading = "; ".join(vn.capitalize_first(n) for n in
                            [name] + [profile.agencies[r] for r in duty["also"] if r in profile.agencies])
        prefix = f"{duty['prefix']} " if duty["prefix"] else ""
        item = items.setdefault(name, {"id": f"duty.{duty['role']}", "heading": prefix + heading,
                                       "bullets": [], "roles": []})
        item["roles"].append(duty["role"])
        item["bullets"] += [body.fill(b, item["id"]) for b in duty["bullets"]]
    collective = {k for k, r in catalogue.roles.items() if r.collective}
    for name, item in items.items():
        led = [s.number for s in selected if name in s.lead_names]
        if led and not collective & set(item["roles"]):
            item["bullets"].append(
                f"Chủ trì thực hiện các nhiệm vụ số {', '.join(led)} tại Phụ lục kèm theo Kế hoạch này.")
        body.add("khoan_title", item["id"], item["heading"])
        for i, bullet in enumerate(item["bullets"], start=1):
            body.add("gach", f"{item['id']}.{i}", vn.ensure_final(bullet, "."))


def build_body(catalogue: Catalogue, kind: Kind, profile: Profile, values: dict[str, str | None],
               selected: list[SelectedTask], *, year: int, date: dt.date | None,
               extra_bases: list[str] | None = None, notices: list[str] | None = None) -> list[dict[str, str]]:
    body = _Body(values, profile)
    notices = notices if notices is not None else []
    _can_cu(kind, profile, body, year=year, date=date, extra_bases=extra_bases or [], notices=notices)
    body.paragraphs(kind.spec["intro"])
    for section in kind.spec["sections"]:
        body.add("muc", section["id"], vn.upper(body.fill(section["title"], section["id"])))
        if section["groups"]:
            for group in catalogue.groups:
                title = vn.ensure_final(body.fill(group.title, group.id), ":")
                body.add("khoan_title", group.id, title)
                body.points(group.points)
        for item in section["items"]:
            if not body.visible(item):
                continue
            lines = assignment_lines(catalogue, profile, selected) if item.get("assignments") else []
            if item.get("assignments") and not lines:
                continue
            text = body.fill(item["text"], item["id"])
            body.add("khoan_title" if item.get("title") else "khoan", item["id"], text)
            body.points(item.get("points") or [])
            body.point_children(item)
            for i, line in enumerate(lines, start=1):
                body.add("gach", f"{item['id']}.{i}", line)
        if section["task_points"]:
            for group in catalogue.groups:
                members = [s for s in selected if s.task.group == group.id]
                if not members:
                    continue
                heading = vn.ensure_final(body.fill(group.appendix_title, group.id), ":")
                body.add("khoan_title", f"tasks.{group.id}", heading)
                for sel in members:
                    text = vn.capitalize_first(sel.text or body.fill(sel.task.text, sel.task.id))
                    body.add("diem", f"task.{sel.task.id}", vn.ensure_final(text, "."))
        if section["agencies"]:
            _agency_items(catalogue, kind, profile, body, selected)
        body.paragraphs(section["closing"])
    body.paragraphs(kind.spec["closing"])
    return body.blocks


def number_blocks(blocks: list[dict[str, str]]) -> list[dict[str, str]]:
    """Add the labels: I., II. per mục; 1., 2. per khoản (restarting in each mục); a), b), c), d), đ)
    per điểm (restarting in each khoản); "- " per gạch đầu dòng. The unlabelled text stays in "raw"
    so a reviewer's change can be compared without its label. The content ends with "./." (NĐ 30
    Phụ lục III, Mẫu 1.4)."""
    out = []
    muc = khoan = diem = 0
    for block in blocks:
        block = dict(block)
        raw = block.get("raw", block["text"])
        style = block["style"]
        if style == "muc":
            muc, khoan, diem = muc + 1, 0, 0
            label = f"{vn.roman(muc)}. "
        elif style in ("khoan", "khoan_title"):
            khoan, diem = khoan + 1, 0
            label = f"{khoan}. "
        elif style == "diem":
            label = f"{vn.diem_letter(diem)}) "
            diem += 1
        elif style == "gach":
            label = "- "
        else:
            label = ""
        block["raw"] = raw
        block["text"] = label + raw
        out.append(block)
    if out:
        out[-1]["text"] = vn.ensure_final(out[-1]["text"], "./.")
    return out


# --- the whole context ----------------------------------------------------------------------------


def build_draft(catalogue: Catalogue, kind: Kind, profile: Profile, *, year: int, date: dt.date | None,
                extra_bases: list[str] | None = None, changes: list[dict[str, Any]] | None = None) -> Draft:
    notices: list[str] = list(profile.notes)
    symbol = kind.spec["symbol"]
    values = placeholder_values(profile, year=year, date=date, symbol=symbol)
    changes = changes or []
    selected = select_tasks(catalogue, profile, year, notices, single_year=kind.spec["single_year"],
                            changes=changes, values=values)
    appendix = kind.spec["appendix"]
    signer_name = profile.signer_name or vn.BLANK
    context = {
        "header": {
            "agency_lines": ["ỦY BAN NHÂN DÂN", vn.upper(profile.full_name)],
            "number": f"Số:{NUMBER_BLANK}/{symbol}",
            "date_line": vn.date_line(profile.place, date, year),
        },
        "summary": vn.capitalize_first(_fill(kind.spec["summary"], values, "summary")),
        "body": number_blocks(apply_block_changes(
            build_body(catalogue, kind, profile, values, selected, year=year, date=date,
                       extra_bases=extra_bases, notices=notices),
            changes, values, year, notices)),
        "recipients": [vn.recipient_line(r) for r in profile.recipients]
        + [vn.recipient_line(f"Lưu: {profile.archive}", last=True)],
        "signature": {"lines": SIGNER_LINES[profile.signer_capacity], "name": signer_name},
        "appendix": {
            "label": appendix["label"],
            "title": vn.upper(_fill(appendix["title"], values, "appendix.title")),
            "ref": _fill(appendix["ref"], values, "appendix.ref"),
            "rows": appendix_rows(catalogue, selected, values),
        },
        "meta": {"profile": profile.id, "profile_path": str(profile.path), "kind": kind.id, "year": year,
                 "date": date.isoformat() if date else None, "catalogue_version": catalogue.version},
    }
    notices[:] = list(dict.fromkeys(notices))
    notices.append(f"Số văn bản để trống (Số:{NUMBER_BLANK}/{symbol}) cho văn thư cấp sau khi ký.")
    if date is None:
        notices.append("Ngày ban hành để trống (…): dùng --date YYYY-MM-DD để điền.")
    if not profile.signer_name:
        notices.append(f"Chưa có họ tên người ký: để trống ({vn.BLANK}) cho người soạn điền; "
                       "có thể khai báo ở signer.name trong hồ sơ.")
    if abs(year - profile.as_of.year) > 1:
        notices.append(f"Hồ sơ mô tả bộ máy tại ngày {profile.as_of.isoformat()}, cách năm kế hoạch {year}: "
                       "kiểm tra lại tên cơ quan (cải cách 2025 đã đổi nhiều sở).")
    return Draft(context=context, notices=notices)
