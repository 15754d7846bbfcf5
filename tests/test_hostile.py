"""Hostile and clumsy input (issue 11): every case ends within 10 s under a 2 GB memory limit with
exit 0, 1 or 2 and a message, never a traceback, writes only where it may, and loses no file.

Each case runs the real program (`python -m drafter`) in a scratch folder; see hostile_corpus."""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil

import pytest

from drafter import api
from tests.conftest import REPO
from tests.hostile_corpus import (
    CONTENT_TYPES,
    Case,
    alias_bomb,
    deep_nesting,
    fifo,
    profile_text,
    run,
    write,
    zip_bomb,
    zip_bytes,
)

pytestmark = pytest.mark.slow  # one process per case: the full run, not the inner loop


def with_profile(work, name="p.yaml", **changes):
    write(work / name, profile_text(**changes))


def drafted(work, name="plan.docx", year=2027):
    """A plan drafted from a copy of a profile inside work/, so harvest writes inside work/."""
    (work / "profiles").mkdir(exist_ok=True)
    write(work / "profiles" / "p.yaml", profile_text(id="p"))
    result = api.draft_plan(work / "profiles" / "p.yaml", year=year, date=dt.date(year, 1, 15), out_dir=work / "out")
    shutil.copy(result.path, work / name)
    return result.path


def profile_and_template(work, tag):
    with_profile(work)
    write(work / "t.docx", template_with(tag))


def tampered(work):
    """A drafted plan whose stored snapshot is garbage, beside a garbage manifest."""
    drafted(work)
    import zipfile as zf

    source = (work / "plan.docx").read_bytes()
    import io

    out = io.BytesIO()
    with zf.ZipFile(io.BytesIO(source)) as old, zf.ZipFile(out, "w", zf.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename.startswith("customXml/item") and b"snapshot" in data:
                data = data.replace(b'{"', b'{{{"', 1)
            new.writestr(item, data)
    (work / "plan.docx").write_bytes(out.getvalue())
    (work / ".drafter-manifest.json").write_text('{"files": {"plan.docx": {"snapshot_z": "!!"}}}', encoding="utf-8")


def not_docx_files(work):
    write(work / "empty.docx", b"")
    write(work / "text.docx", "xin chào")
    write(work / "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    write(work / "cut.docx", zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>"})[:60])
    write(work / "nodoc.docx", zip_bytes({"a.txt": b"x"}))
    write(work / "broken.docx", zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:doc"}))


BAD_DOCX = ["empty.docx", "text.docx", "old.doc", "cut.docx", "nodoc.docx", "broken.docx"]

CASES = [
    # --- unbounded cost from tiny input ---
    Case("alias bomb profile: validate", ["validate", "bomb.yaml"],
         lambda w: write(w / "bomb.yaml", alias_bomb()), says=("bí danh",)),
    Case("alias bomb profile: draft", ["draft", "bomb.yaml", "--out", "out"],
         lambda w: write(w / "bomb.yaml", alias_bomb()), says=("bí danh",)),
    Case("alias bomb overrides", ["draft", "p.yaml", "--overrides", "o.yaml", "--out", "out"],
         lambda w: (with_profile(w), write(w / "o.yaml", alias_bomb())), says=("bí danh",)),
    Case("nesting 3,000 deep", ["validate", "deep.yaml"], lambda w: write(w / "deep.yaml", deep_nesting()),
         says=("lồng",)),
    Case("10 MB string", ["validate", "big.yaml"],
         lambda w: write(w / "big.yaml", profile_text(archive="VT, " + "A" * 10 * 2**20)), says=("quá lớn",)),
    Case("zip bomb: check", ["check", "bomb.docx"], lambda w: write(w / "bomb.docx", zip_bomb()), exits=(2,),
         says=("zip bomb",)),
    Case("zip bomb: harvest", ["harvest", "bomb.docx"], lambda w: write(w / "bomb.docx", zip_bomb()), exits=(2,),
         says=("zip bomb",)),
    Case("zip bomb: diff", ["diff", "bomb.docx", "bomb.docx"], lambda w: write(w / "bomb.docx", zip_bomb()),
         exits=(2,), says=("zip bomb",)),
    # --- names, not paths ---
    Case("--kind as a path", ["draft", "p.yaml", "--kind", "elsewhere/evil", "--out", "out"],
         lambda w: (with_profile(w), write(w / "elsewhere" / "evil.yaml", (REPO / "drafter/data/kinds/nq47.yaml")
                                            .read_text(encoding="utf-8"))), exits=(2,), says=("loại kế hoạch",)),
    Case("--kind traversal", ["draft", "p.yaml", "--kind", "../../../etc/passwd", "--out", "out"], with_profile,
         exits=(2,)),
    Case("--rules traversal", ["check", "x.docx", "--rules", "../../x"], lambda w: drafted(w, "x.docx"),
         exits=(2,), says=("bộ quy tắc",), may_write=("out",)),
    # --- templates ---
    *[Case(f"template: {name}", ["draft", "p.yaml", "--template", "t.docx", "--out", "out"],
           functools.partial(profile_and_template, tag=tag),
           says=("mẫu",))
      for name, tag in [("range(10**9)", "{% for i in range(10**9) %}x{% endfor %}"),
                        ("huge string", "{{ 'A' * 10**9 }}"),
                        ("nested loops", "{% for a in body %}{% for b in body %}{% for c in body %}{% for d in body %}"
                                         "{{ a.text }}{% endfor %}{% endfor %}{% endfor %}{% endfor %}"),
                        ("recursive macro", "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"),
                        ("include", "{% include 'x' %}"), ("import", "{% import 'x' as y %}"),
                        ("extends", "{% extends 'x' %}")]],
    # --- unreadable documents: exit 2 with a message, for every reader ---
    *[Case(f"check {bad}", ["check", bad], not_docx_files, exits=(2,)) for bad in BAD_DOCX],
    *[Case(f"harvest {bad}", ["harvest", bad], not_docx_files, exits=(2,)) for bad in BAD_DOCX],
    *[Case(f"diff {bad}", ["diff", bad, bad], not_docx_files, exits=(2,)) for bad in BAD_DOCX],
    Case("preview of a text file", ["preview", "text.docx"], not_docx_files, exits=(2,), may_write=()),
    # --- writing or deleting where it must not ---
    Case("diff --docx onto its own input", ["diff", "a.docx", "b.docx", "--docx", "a.docx"],
         lambda w: (drafted(w, "a.docx"), drafted(w, "b.docx", 2028)), precious=("a.docx", "b.docx"),
         says=("--docx",)),
    Case("diff --docx onto an existing file", ["diff", "a.docx", "b.docx", "--docx", "keep.docx"],
         lambda w: (drafted(w, "a.docx"), drafted(w, "b.docx", 2028), write(w / "keep.docx", b"mine")),
         precious=("keep.docx",), says=("--force",)),
    Case("dangling lock symlink", ["draft", "p.yaml", "--out", "out"],
         lambda w: (with_profile(w), (w / "out" / "thu-nghiem").mkdir(parents=True),
                    os.symlink(w.parent / "outside" / "lock", w / "out" / "thu-nghiem" / ".drafter.lock")),
         exits=(0, 1)),
    # --- tracebacks instead of a message ---
    Case("as_of 2026-02-30", ["validate", "p.yaml"], lambda w: write(w / "p.yaml", profile_text().replace(
        "as_of: 2026-01-01", "as_of: 2026-02-30")), says=("as_of", "tháng 2 năm 2026 có 28 ngày")),
    Case("--basis with a control character", ["draft", "p.yaml", "--basis", "Căn cứ\x01 x", "--out", "out"],
         with_profile, exits=(0, 1)),
    Case("FIFO as profile", ["validate", "fifo.yaml"], lambda w: fifo(w / "fifo.yaml"), says=("tệp thường",)),
    Case("/dev/zero as profile", ["validate", "/dev/zero"], exits=(1,), says=("tệp thường",)),
    Case("5,000-character province name", ["validate", "p.yaml"], lambda w: write(w / "p.yaml", profile_text(
        province={"name": "A" * 5000, "level": "tỉnh", "place": "A"})), says=("province.name",)),
    Case("UTF-16 profile", ["validate", "p.yaml"],
         lambda w: write(w / "p.yaml", profile_text().encode("utf-16")), says=("UTF-16",)),
    Case("validate with no argument", ["validate"], exits=(0,), says=("hợp lệ",)),
    Case("validate a hostile template", ["validate", "--template", "t.docx"],
         functools.partial(profile_and_template, tag="{% for i in range(10**9) %}x{% endfor %}"), says=("mẫu",),
         may_write=()),
    Case("NQ 47 plan for 2031", ["draft", "p.yaml", "--year", "2031", "--out", "out"], with_profile,
         says=("2030",)),
    Case("harvest an unedited plan", ["harvest", "plan.docx"], drafted, exits=(0,), says=("Không có sửa đổi",)),
    Case("harvest with a tampered snapshot and manifest", ["harvest", "plan.docx"], tampered, says=("--generated",)),
    Case("harvest with a bad --generated", ["harvest", "plan.docx", "--generated", "text.docx"],
         lambda w: (tampered(w), not_docx_files(w)), exits=(2,)),
    Case("preview --out is a file", ["preview", "plan.docx", "--out", "afile"],
         lambda w: (drafted(w), write(w / "afile", b"x")), precious=("afile",)),
    # --- reviewers' edits never dropped silently ---
    Case("override with an unknown id", ["draft", "p.yaml", "--overrides", "o.yaml", "--out", "out"],
         lambda w: (with_profile(w, id="p"), write(w / "o.yaml", "profile: p\nchanges:\n- {target: task, action: "
                                                                 "edit, id: g9.nope, text: x}\n")),
         exits=(0,), says=("g9.nope", "Đã áp dụng 0/1")),
    Case("override adding to group g99", ["draft", "p.yaml", "--overrides", "o.yaml", "--out", "out"],
         lambda w: (with_profile(w, id="p"), write(w / "o.yaml", "profile: p\nchanges:\n- {target: task, action: "
                                                                 "add, id: x.1, group: g99, text: x}\n")),
         says=("g99",)),
    Case("override adding without a group or text", ["draft", "p.yaml", "--overrides", "o.yaml", "--out", "out"],
         lambda w: (with_profile(w, id="p"), write(w / "o.yaml", "profile: p\nchanges:\n- {target: task, action: "
                                                                 "add, id: x.1, text: null}\n")),
         says=("cần text", "cần group")),
    Case("override with an unknown placeholder", ["draft", "p.yaml", "--overrides", "o.yaml", "--out", "out"],
         lambda w: (with_profile(w, id="p"), write(w / "o.yaml", "profile: p\nchanges:\n- {target: task, action: "
                                                                 "edit, id: g3.asean, text: 'Về {khong_co}'}\n")),
         says=("{khong_co}",)),
    Case("override for another profile", ["draft", "p.yaml", "--overrides", "o.yaml", "--out", "out"],
         lambda w: (with_profile(w, id="p"), write(w / "o.yaml", "profile: gia-lai-2023\nchanges: []\n")),
         says=("gia-lai-2023",)),
]


def template_with(tag: str) -> bytes:
    """The shipped template with one more paragraph holding `tag`."""
    import io

    from docx import Document

    document = Document(str(REPO / "templates" / "ke-hoach.docx"))
    document.add_paragraph(tag)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_case(case, tmp_path):
    outcome = run(case, tmp_path)
    shown = f"exit {outcome.code}\nstdout: {outcome.out[-800:]}\nstderr: {outcome.err[-1500:]}"
    assert not outcome.timed_out, "did not finish in 10 s\n" + shown
    assert "Traceback" not in outcome.err and "Error:" not in outcome.err.split("Lỗi")[0], shown
    assert outcome.code in case.exits, shown
    assert not outcome.changed, f"wrote or changed outside its place: {outcome.changed}\n{shown}"
    for words in case.says:
        assert words in outcome.out + outcome.err, f"message lacks {words!r}\n{shown}"
