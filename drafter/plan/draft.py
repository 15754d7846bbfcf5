"""From a request to what the plan says, top to bottom:

    select tasks → apply changes (the profile's, then reviewers') → name the agencies → number them
    → build the body's blocks → apply reviewers' paragraph changes → number the blocks

No DOCX here: everything a plan says, and how it is numbered and punctuated, is decided in the
plan package, so it can be tested on plain data and the template only decides how it looks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from ..text import vn
from . import fit
from .appendix import appendix_rows
from .body import Body, build_body
from .changes import apply_block_changes, apply_task_changes, profile_changes
from .notices import Notices
from .numbering import number_blocks
from .records import Appendix, Header, PlanText, Signature, Snapshot
from .request import PlanRequest
from .selection import PlanTask, assign_agencies, number_tasks, select_tasks
from .values import NUMBER_BLANK, Values, deadline, defaulted_deadlines, fill, placeholder_values, weak_anniversaries

SIGNER_LINES = {
    # NĐ 30 Phụ lục I II.7: "TM." for the collective, "KT." when a deputy signs for the head.
    "chu_tich": ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    "pho_chu_tich": ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
}


def signer_lines(capacity: str, form: str) -> tuple[str, ...]:
    """The authority lines above the name. Form "ca_nhan" is the Chủ tịch's own authority (Luật Tổ
    chức chính quyền địa phương gives the Chủ tịch powers of their own; several provinces sign
    plans "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" without "TM. ỦY BAN NHÂN DÂN")."""
    lines = SIGNER_LINES[capacity]
    return lines[1:] if form == "ca_nhan" else lines


@dataclass
class Draft:
    """What the plan says, plus what the drafter must still do by hand."""

    plan: PlanText
    notices: list[str] = field(default_factory=list)
    snapshot: Snapshot | None = None  # set once rendered: what was generated, with bookmark names
    skipped_changes: int = 0  # reviewers' changes that had nothing to change in this plan
    omitted: list[str] = field(default_factory=list)  # texts left out for length (plan.fit)

    @property
    def context(self) -> dict:
        return self.plan.context()


def plan_tasks(request: PlanRequest, values: Values | None = None, notices: Notices | None = None) -> list[PlanTask]:
    """The plan's appendix tasks, changed, named and numbered."""
    values = values if values is not None else placeholder_values(request)
    notices = notices if notices is not None else Notices()
    by_group = select_tasks(request, values)
    changes = profile_changes(request.profile) + list(request.changes)
    by_group = apply_task_changes(by_group, changes, request, values, notices)
    return number_tasks(assign_agencies(by_group, request, notices), request.catalogue)


def build_draft(request: PlanRequest) -> Draft:
    """The plan as the request asks, no longer than a real plan of its kind unless --detail full:
    built once with everything, then again without the least-shared texts (plan.fit)."""
    draft, body = _build(request)
    budget = _budget(request)
    if budget is None or request.omitted:
        return draft
    weighed_tasks = {t.id: t.sources for t in request.catalogue.tasks if not t.when}  # see BodyBuilder.weighed
    found = fit.candidates(draft.plan, body.sources, body.owner, weighed_tasks,
                           keep=request.catalogue.core | request.profile.tasks.add_optional | _changed(request))
    omitted = fit.choose(found, body.owner, fit.plan_words(draft.plan), budget, fit.headings(draft.plan))
    if not omitted:
        return draft
    shorter, _ = _build(replace(request, omitted=omitted))
    shorter.omitted = sorted(omitted)
    shorter.notices.append(
        f"Bản soạn dài như một kế hoạch thật cùng loại (khoảng {vn.thousands(budget)} chữ; "
        f"{request.kind.spec.length.source}): giữ "
        f"những nội dung nhiều tỉnh cùng viết, để lại {len(omitted)} nội dung ít nguồn. Xem và thêm lại bằng "
        f"`drafter tasks --optional --profile {request.profile.id} --kind {request.kind.id} --year {request.year}` "
        "rồi khai tasks: {add_optional: [mã]} trong hồ sơ, hoặc soạn đủ bằng --detail full.")
    return shorter


def left_out(request: PlanRequest) -> list[tuple[str, str]]:
    """(id, text) of what the draft leaves out for length, worded as the full draft would print it."""
    standard, full = build_draft(request), build_draft(replace(request, detail="full"))
    texts = {b.id: b.content for b in full.plan.body}
    texts.update({f"task:{r.id}": r.text for r in (full.plan.appendix.rows if full.plan.appendix else ())})
    return [(ident, texts.get(ident, "")) for ident in standard.omitted]


def _changed(request: PlanRequest) -> frozenset[str]:
    """What the profile or a reviewer changed is what they want: never left out for length."""
    tasks = request.profile.tasks
    ids = {f"task:{t}" for t in (*tasks.reword, *tasks.leads)}
    for c in request.changes:  # the item changed, and the one an added item follows
        ids |= {f"task:{x}" if c.target == "task" else x for x in (c.id, c.after) if x}
    return frozenset(ids)


def _budget(request: PlanRequest) -> int | None:
    share = fit.DETAIL_LEVELS[request.detail]
    length = request.kind.spec.length
    return round(length.words * share) if share is not None and length else None


def _build(request: PlanRequest) -> tuple[Draft, Body]:
    profile, spec = request.profile, request.kind.spec
    notices = Notices(profile.notes)
    values = placeholder_values(request)
    tasks = plan_tasks(request, values, notices)

    body = build_body(request, values, tasks, notices)
    blocks = number_blocks(apply_block_changes(body.blocks, list(request.changes), values, request.year, notices))

    plan = PlanText(
        header=Header(("ỦY BAN NHÂN DÂN", vn.upper(profile.full_name)), f"Số:{NUMBER_BLANK}/{request.symbol}",
                      vn.date_line(profile.place, request.date, request.year)),
        summary=vn.capitalize_first(fill(spec.summary, values, "summary")),
        body=tuple(blocks),
        recipients=tuple(vn.recipient_line(r) for r in profile.recipients)
        + (vn.recipient_line(f"Lưu: {profile.archive}", last=True),),
        signature=Signature(signer_lines(profile.signer_capacity, profile.signer_form),
                            profile.signer_name or vn.BLANK),
        appendix=_appendix(request, values, tasks),
        meta=request.meta(),
    )
    if values.unnamed_roles:
        notices.add("Hồ sơ không khai báo cơ quan cho vai trò " + ", ".join(sorted(values.unnamed_roles))
                    + ": các đoạn nói về cơ quan đó được bỏ qua; khai báo ở agencies: nếu tỉnh có cơ quan này.")
    notices.extend(_default_deadlines(request))
    notices.extend(_registry_notices(request, plan))
    notices.extend(_weak_facts(request, values))
    notices.extend(ceased_agencies(request))
    return Draft(plan, notices.as_list() + _blanks_to_fill(request), skipped_changes=len(notices.skipped)), body


def _appendix(request: PlanRequest, values: Values, tasks: list[PlanTask]) -> Appendix | None:
    if not request.style["appendix"]:
        return None
    heading = request.kind.spec.appendix
    return Appendix(heading.label, vn.upper(fill(heading.title, values, "appendix.title")),
                    fill(heading.ref, values, "appendix.ref"),
                    appendix_rows(request.catalogue, tasks, values, request.kind.spec.group_titles))


_DEADLINE_NAMES = {"annual": ("han_bao_cao_nam", "Hạn báo cáo năm", "reporting.annual_deadline"),
                   "plans": ("han_ke_hoach", "Hạn gửi kế hoạch của các cơ quan", "reporting.plans_deadline"),
                   "half_year": ("han_bao_cao_6_thang", "Hạn báo cáo 6 tháng", "reporting.half_year_deadline")}


def _registry_notices(request: PlanRequest, plan: PlanText) -> list[str]:
    """What a profile took from the province registry that a person must still confirm."""
    profile = request.profile
    text = "\n".join([b.text for b in plan.body] + list(plan.recipients)
                     + ([f"{r.text} {r.lead} {r.partners}" for r in plan.appendix.rows] if plan.appendix else []))
    out = [f"{vn.capitalize_first(f.what)} «{f.value}» chưa xác minh được ({f.label}): kiểm tra lại trước khi ban "
           "hành; khai đúng ở hồ sơ nếu khác." for f in profile.weak_facts if f.value in text]
    out += _unsettled_roles(request, text)
    if not profile.ethnic_minorities and not profile.ethnic_minorities_stated and \
            request.kind.spec.has_condition("ethnic_minorities"):
        out.append("Bản soạn không có phần thông tin đối ngoại vùng đồng bào dân tộc thiểu số: hồ sơ và danh mục tỉnh "
                   "không cho biết tỉnh có vùng đồng bào dân tộc thiểu số. Nếu có, khai ethnic_minorities: true "
                   "(và ethnic_languages) trong hồ sơ.")
    if len(profile.merged_from) > 1 and not profile.replaces:
        out.append(f"{vn.capitalize_first(profile.full_name)} hình thành từ {', '.join(profile.merged_from)} "
                   "(01/7/2025): nếu kế hoạch này thay thế kế hoạch thông tin đối ngoại còn hiệu lực của các tỉnh cũ, "
                   "khai chúng ở replaces: trong hồ sơ (số, ngày đúng như văn bản).")
    if vn.BLANK in profile.archive:
        out.append(f"Ký hiệu đơn vị soạn thảo ở dòng “- Lưu: {profile.archive}.” để trống: khai archive trong hồ sơ, "
                   "ví dụ \"VT, KGVX\".")
    return out


def _unsettled_roles(request: PlanRequest, text: str) -> list[str]:
    """A body only some provinces kept (Sở Ngoại vụ: NĐ 45/2025 Điều 9.1) that the registry could
    not confirm for this one: its work went to the role that holds it elsewhere, and the plan says so."""
    from ..inputs import registry

    profile, roles = request.profile, request.catalogue.roles
    if profile.unit is None:
        return []
    out = []
    for role, entry in registry.bundled().defaults.items():
        if not entry.get("per_unit") or entry.get("label") != "UNVERIFIED" or role in profile.agencies:
            continue
        holder = next((r for r in roles[role].fallback if r in profile.agencies), None) if role in roles else None
        if holder and profile.agencies[holder] in text:
            out.append(f"Hồ sơ không khai {entry['name']} (agencies.{role}): phần việc của {roles[role].label.lower()} "
                       f"giao {profile.agencies[holder]}, như ở tỉnh không lập sở này; nếu {profile.full_name} còn "
                       f"{entry['name']}, khai agencies.{role} trong hồ sơ.")
    return out


def _default_deadlines(request: PlanRequest) -> list[str]:
    """A deadline the plan prints from its kind's defaults is a choice the province has not made."""
    out, source = [], request.kind.spec.deadlines.source
    source = "không rõ nguồn" if source is None else source
    for which in defaulted_deadlines(request):
        name, what, field_name = _DEADLINE_NAMES[which]
        if request.kind.spec.mentions(name):
            out.append(f"{what} ({deadline(request, which)}) là mặc định của loại kế hoạch "
                       f"({source}); khai báo {field_name} "
                       "trong hồ sơ nếu tỉnh định ngày khác.")
    return out


def _weak_facts(request: PlanRequest, values) -> list[str]:
    """A notice for each cited document, and each dated fact, resting on fewer than two good sources."""
    out = []
    for doc in values.relied.values():
        if doc.label != "VERIFIED" and doc.id not in request.knowledge.local_ids:
            out.append(f"{doc.short()} ({doc.label}): {_why(doc)}; đối chiếu văn bản gốc trước khi ban hành.")
    on = request.reference_date
    ministry = request.knowledge.ministry(on)
    if ministry.label != "VERIFIED":
        out.append(f"Tên bộ chủ quản công tác thông tin đối ngoại ({ministry.names[0]}) là {ministry.label}: "
                   "kiểm tra lại.")
    congress = request.knowledge.congress(on)
    if congress and congress.label != "VERIFIED" and request.kind.spec.mentions("dai_hoi"):
        out.append(f"{congress.text} ({congress.label}): kiểm tra lại ngày Đại hội.")
    weak = weak_anniversaries(request)
    if weak and values.get("ky_niem"):
        out.append("Ngày kỷ niệm chỉ dựa trên một nguồn hoặc hiểu biết chung, đối chiếu trước khi ban hành: "
                   + "; ".join(weak) + ".")
    events = [e for e in request.knowledge.events_in(request.year) if e.label != "VERIFIED"]
    if events and request.kind.spec.mentions("su_kien"):
        out.append("Sự kiện trong năm chưa xác minh đủ: " + "; ".join(e.text for e in events) + ".")
    return out


def _why(doc) -> str:
    blanks = [what for what, value in (("số", doc.number), ("ngày", doc.date), ("cơ quan ban hành", doc.issuer))
              if value is None]
    if blanks:
        return "chưa rõ " + ", ".join(blanks) + " (để trống “…”)"
    return "số liệu văn bản chỉ có một nguồn" if doc.label == "MEDIUM" else "văn bản chưa được xác minh"


def _blanks_to_fill(request: PlanRequest) -> list[str]:
    """Notices for what drafter leaves blank on purpose, and for a profile that may be out of date."""
    profile = request.profile
    out = [f"Số văn bản để trống (Số:{NUMBER_BLANK}/{request.symbol}) cho văn thư cấp sau khi ký."]
    if request.date is None:
        out.append(f"Ngày ban hành để trống (…); văn bản, cơ quan và sự kiện được tính theo ngày "
                   f"{vn.short_date(request.reference_date)}: dùng --date YYYY-MM-DD để điền.")
    if not profile.signer_name:
        out.append(f"Chưa có họ tên người ký: để trống ({vn.BLANK}) cho người soạn điền; "
                   "có thể khai báo ở signer.name trong hồ sơ.")
    if abs(request.year - profile.as_of.year) > 1:
        out.append(f"Hồ sơ mô tả bộ máy tại ngày {profile.as_of.isoformat()}, cách năm kế hoạch {request.year}: "
                   "kiểm tra lại tên cơ quan (cải cách 2025 đã đổi nhiều sở).")
    return out


def ceased_agencies(request: PlanRequest) -> list[str]:
    """A profile that still names a body which had ceased by the plan's date (an older profile
    drafted for a later year: "Bộ Chỉ huy Bộ đội Biên phòng tỉnh" after 27/6/2025) prints that name;
    the notice says where, since when, and what took over (bodies.yaml)."""
    on = request.reference_date
    profile = request.profile
    texts = [(f"agencies.{role}", name) for role, name in profile.agencies.items()]
    texts += [("recipients", line) for line in profile.recipients]
    out, said = [], set()
    for body, name in request.knowledge.ceased(on):
        fields = sorted({where for where, text in texts if name in vn.nfc(text)})
        if fields and body.id not in said:
            said.add(body.id)
            successor = f"; nay là {body.successor}" if body.successor else ""
            ended = vn.short_date(body.until + dt.timedelta(days=1))
            out.append(f"Hồ sơ ({', '.join(fields)}) ghi “{name}”, không còn từ {ended}{successor}: sửa hồ sơ "
                       "trước khi ban hành.")
    return out
