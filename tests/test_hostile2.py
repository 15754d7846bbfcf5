"""Hostile input, round two (issue 25), on the command line and in the library: each case runs the
real program (`python -m drafter`) under a 2 GB memory limit and a 10 s timeout (see hostile_corpus)
and must end with exit 0, 1 or 2 and a Vietnamese message, write only where it may and replace no
file of the user's. The inputs are built here by small generators; nothing large is committed."""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib

import pytest

from tests.hostile_corpus import Case, run, write


def _zip_entry(name: str, raw: bytes, crc: int, size: int, offset: int) -> tuple[bytes, bytes]:
    n = name.encode()
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(raw), size, len(n), 0) + n
    central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(raw), size, len(n),
                          0, 0, 0, 0, 0, offset) + n
    return local + raw, central


def lying_bomb(real_mb: int = 1200, part: str = "word/document.xml") -> bytes:
    """A real (empty) DOCX whose `part` is followed, in the same deflate stream, by `real_mb` MB of
    zeros, while its headers declare (and its checksum matches) only the real part: 1.2 MB on disk.
    Blocks flushed with Z_FULL_FLUSH compress to the same bytes, so one block is repeated."""
    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    body, central, count = b"", b"", 0
    for info in source.infolist():
        data = source.read(info.filename)
        deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
        raw = deflater.compress(data)
        if info.filename == part:
            raw += deflater.flush(zlib.Z_FULL_FLUSH)
            raw += (deflater.compress(b"\0" * 2**20) + deflater.flush(zlib.Z_FULL_FLUSH)) * real_mb
        raw += deflater.flush()
        local, entry = _zip_entry(info.filename, raw, zlib.crc32(data), len(data), len(body))
        body, central, count = body + local, central + entry, count + 1
    return body + central + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(body), 0)


def check_outcome(case: Case, tmp_path) -> float:
    started = time.monotonic()
    outcome = run(case, tmp_path)
    elapsed = time.monotonic() - started
    shown = f"exit {outcome.code}\nstdout: {outcome.out[-800:]}\nstderr: {outcome.err[-1500:]}"
    assert not outcome.timed_out, "did not finish in 10 s\n" + shown
    assert "Traceback" not in outcome.err, shown
    assert outcome.code in case.exits, shown
    assert not outcome.changed, f"wrote or changed outside its place: {outcome.changed}\n{shown}"
    for words in case.says:
        assert words in outcome.out + outcome.err, f"message lacks {words!r}\n{shown}"
    return elapsed


# --- 3. a zip whose headers lie about a part's size ------------------------------------------------

BOMB_CASES = [Case(f"lying zip bomb: {command}", [command, *args], lambda w: write(w / "bomb.docx", lying_bomb()),
                   exits=(2,), says=("zip bomb",), may_write=())
              for command, args in [("check", ["bomb.docx"]), ("harvest", ["bomb.docx"]),
                                    ("diff", ["bomb.docx", "bomb.docx"]), ("preview", ["bomb.docx"])]]


@pytest.mark.slow
@pytest.mark.parametrize("case", BOMB_CASES, ids=lambda c: c.name)
def test_lying_zip_bomb_is_refused_while_inflating(case, tmp_path):
    assert check_outcome(case, tmp_path) < 10


def test_bounded_reader_stops_at_the_declared_size():
    from drafter.docxio.package import check_package
    from drafter.errors import UnreadableDocument

    with pytest.raises(UnreadableDocument, match="zip bomb"):
        check_package(lying_bomb(real_mb=8), "bomb.docx")


def test_bounded_reader_refuses_bzip2_members():
    from drafter.docxio.package import check_package
    from drafter.errors import UnreadableDocument

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
    with pytest.raises(UnreadableDocument, match="kiểu nén lạ"):
        check_package(buffer.getvalue(), "b.docx")


# --- 7. numbers too long to be meant --------------------------------------------------------------

HUGE = "9" * 5000


def with_profile(work, name="p.yaml", **changes):
    from tests.hostile_corpus import profile_text

    write(work / name, profile_text(**changes))


NUMBER_CASES = [
    Case("5,000-digit coastal: validate", ["validate", "p.yaml"],
         lambda w: write(w / "p.yaml", profile_text_with("coastal: " + HUGE)), says=("số quá dài", "coastal", ":")),
    Case("5,000-digit coastal: draft", ["draft", "p.yaml", "--out", "out"],
         lambda w: write(w / "p.yaml", profile_text_with("coastal: " + HUGE)), says=("số quá dài", "coastal")),
    Case("5,000-digit year in overrides", ["draft", "p.yaml", "--overrides", "o.yaml", "--out", "out"],
         lambda w: (with_profile(w, id="p"),
                    write(w / "o.yaml", "profile: p\nchanges:\n- target: task\n  action: edit\n  id: g3.asean\n"
                                        f"  text: x\n  from: {{year: {HUGE}}}\n")),
         says=("số quá dài", "changes[0].from.year", "o.yaml:7")),
]


def profile_text_with(line: str) -> str:
    from tests.hostile_corpus import profile_text

    return profile_text() + line + "\n"


@pytest.mark.slow
@pytest.mark.parametrize("case", NUMBER_CASES, ids=lambda c: c.name)
def test_huge_numbers_are_refused_by_size(case, tmp_path):
    check_outcome(case, tmp_path)


def test_huge_number_named_at_its_line_and_field(tmp_path):
    from drafter.errors import InputError
    from drafter.inputs.yamlio import load

    path = tmp_path / "p.yaml"
    path.write_text(f"a: 1\nb:\n  c: [1, {HUGE}]\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(path)
    assert "p.yaml:3" in str(caught.value) and "b.c[1]" in str(caught.value)
    assert "số quá dài" in str(caught.value)


# --- 12/13. reviewers' edits: never lost, never silently skipped ----------------------------------


def drafted_plan(work):
    """A plan drafted from a profile inside work/ (so harvests write inside work/)."""
    import datetime as dt

    from drafter import api
    from tests.hostile_corpus import profile_text

    write(work / "profiles" / "p.yaml", profile_text(id="p"))
    return api.draft_plan(work / "profiles" / "p.yaml", year=2027, date=dt.date(2027, 1, 15),
                          out_dir=work / "out").path


def edited_copy(plan, index: int, target):
    """The plan with its `index`-th "- …" paragraph rewritten, as a reviewer would."""
    from docx import Document

    document = Document(str(plan))
    paragraph = [p for p in document.paragraphs if p.text.startswith("- ")][index]
    for piece in paragraph.runs[1:]:
        piece.text = ""
    paragraph.runs[0].text = f"- Câu người rà soát số {index} viết lại."
    document.save(str(target))
    return target


@pytest.mark.slow
def test_two_harvests_at_once_keep_both_reviewers_edits(tmp_path, monkeypatch):
    import threading

    from drafter.inputs import overrides
    from drafter.review import harvest as harvesting

    plan = drafted_plan(tmp_path)
    first, second = edited_copy(plan, 0, tmp_path / "a.docx"), edited_copy(plan, 1, tmp_path / "b.docx")
    real_load, inside = overrides.load_overrides, threading.Event()

    def slow_first_load(*args, **kwargs):
        """The first harvest reads the file, then is slow to write it back: the second one runs meanwhile."""
        found = real_load(*args, **kwargs)
        if not inside.is_set():
            inside.set()
            time.sleep(1.5)
        return found

    monkeypatch.setattr(harvesting.overrides, "load_overrides", slow_first_load)
    one = threading.Thread(target=harvesting.harvest, args=(first,))
    one.start()
    assert inside.wait(10)
    harvesting.harvest(second)
    one.join()
    kept = real_load(tmp_path / "profiles" / "overrides" / "p.yaml", profile_id="p")
    assert len({c.id for c in kept}) == 2, kept


OVERRIDES_CASES = [
    Case(f"--overrides {name}", ["draft", "p.yaml", "--overrides", target, "--out", "out"],
         lambda w: (with_profile(w, id="p"), (w / "folder.yaml").mkdir()), says=(words,))
    for name, target, words in [("missing", "missing.yaml", "không tìm thấy"),
                                ("a folder", "folder.yaml", "thư mục"),
                                ("/dev/zero", "/dev/zero", "tệp thường")]]


@pytest.mark.slow
@pytest.mark.parametrize("case", OVERRIDES_CASES, ids=lambda c: c.name)
def test_overrides_that_cannot_be_read_stop_the_draft(case, tmp_path):
    check_outcome(case, tmp_path)


def test_a_named_overrides_file_must_exist(tmp_path):
    from drafter import api
    from drafter.errors import UserError

    write(tmp_path / "p.yaml", profile_text_with(""))
    with pytest.raises(UserError, match="không tìm thấy"):
        api.draft_plan(tmp_path / "p.yaml", year=2027, out_dir=tmp_path / "out", overrides_path=tmp_path / "no.yaml")
    assert not (tmp_path / "out").exists()


# --- 8/9. templates: bounded while rendering, and never writing broken XML -------------------------

DOUBLINGS = "{% set s = 'ab' %}" + "{% set s = s ~ s %}" * 34 + "{{ s|length }}"
GROWING = {
    "34 × s ~ s": DOUBLINGS,
    "s + s": "{% set s = 'ab' %}" + "{% set s = s + s %}" * 34 + "{{ s|length }}",
    "|replace": "{% set s = 'ab' %}" + "{% set s = s|replace('a', s ~ s) %}" * 34 + "{{ s|length }}",
    "|join": "{% set s = 'ab' %}" + "{% set s = [s, s, s]|join(s) %}" * 34 + "{{ s|length }}",
    "[l, l]": "{% set l = [1] %}" + "{% set l = [l, l] %}" * 40 + "{{ l }}",
    "list + list": "{% set l = [1] %}" + "{% set l = l + l %}" * 40 + "{{ l|length }}",
    "printing a big string in two loops": "{% set s = 'ab' %}" + "{% set s = s ~ s %}" * 18
                                          + "{% for a in body %}{% for b in body %}{{ s }}{% endfor %}{% endfor %}",
}


@pytest.mark.parametrize("source", list(GROWING.values()), ids=list(GROWING))
def test_sandbox_refuses_growth_while_rendering(source):
    from jinja2.exceptions import SecurityError

    from drafter.docxio.render import jinja_env

    started = time.monotonic()
    with pytest.raises(SecurityError, match="quá lớn|quá nhiều"):
        jinja_env().from_string(source).render(body=list(range(100)))
    assert time.monotonic() - started < 5


def test_sandbox_still_renders_ordinary_growth():
    from drafter.docxio.render import jinja_env

    source = "{% set s = a ~ ', ' ~ b %}{{ s|replace('x', 'y') }} {{ [a, b]|join(' - ') }} {{ (l + l)|length }}"
    assert jinja_env().from_string(source).render(a="x & y", b="z", l=[1, 2]) == "y &amp; y, z x &amp; y - z 4"


def template_with(tag: str) -> bytes:
    from tests.test_hostile import template_with as shipped_with

    return shipped_with(tag)


def broken_xml_template() -> bytes:
    """An {% if %} opened in a paragraph and closed in a table cell: the XML between them is
    dropped when false, leaving closing tags of a table that was never opened."""
    from docx import Document

    from tests.conftest import REPO

    document = Document(str(REPO / "templates" / "ke-hoach.docx"))
    document.add_paragraph("{% if false %}x")
    document.add_table(1, 1).cell(0, 0).text = "{% endif %}"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _template_case(name, command, data, says):
    args = ["draft", "p.yaml", "--template", "t.docx", "--out", "out"] if command == "draft" else \
        ["validate", "--template", "t.docx"]
    return Case(f"template {name}: {command}", args,
                lambda w: (with_profile(w), write(w / "t.docx", data() if callable(data) else data)),
                says=says, may_write=("out",) if command == "draft" else ())


TEMPLATE_CASES = [
    *[_template_case("34 × s ~ s", command, lambda: template_with(DOUBLINGS), ("mẫu", "quá lớn"))
      for command in ("draft", "validate")],
    *[_template_case("|safe", command, lambda: template_with("{{ '</w:t><w:bogus>'|safe }}"), ("|safe",))
      for command in ("draft", "validate")],
    _template_case("breaking the XML", "draft", broken_xml_template, ("XML hỏng", "t.docx")),
]


@pytest.mark.slow
@pytest.mark.parametrize("case", TEMPLATE_CASES, ids=lambda c: c.name)
def test_hostile_templates_are_refused(case, tmp_path):
    assert check_outcome(case, tmp_path) < 10
    assert not (tmp_path / "work" / "out").exists() or not list((tmp_path / "work" / "out").rglob("*.docx"))


# --- 10. validation stays linear in unknown keys ---------------------------------------------------


def many_unknown_keys(count: int) -> str:
    return profile_text_with("".join(f"khoa_la_{i}: 1\n" for i in range(count)))


def test_thousands_of_unknown_keys_are_counted_not_listed(tmp_path):
    from drafter.errors import ProfileError
    from drafter.inputs.catalogue import bundled
    from drafter.inputs.profile import load_profile

    write(tmp_path / "p.yaml", many_unknown_keys(4000))
    started = time.monotonic()
    with pytest.raises(ProfileError) as caught:
        load_profile(tmp_path / "p.yaml", bundled())
    assert time.monotonic() - started < 2
    message = str(caught.value)
    assert message.count("trường không được hỗ trợ") == 20
    assert "và 3,980 lỗi khác" in message


UNKNOWN_KEY_CASES = [
    Case("12,000 unknown keys: validate", ["validate", "p.yaml"],
         lambda w: write(w / "p.yaml", many_unknown_keys(12000)), says=("lỗi khác",)),
    Case("12,000 unknown keys in overrides", ["draft", "p.yaml", "--overrides", "o.yaml", "--out", "out"],
         lambda w: (with_profile(w, id="p"), write(w / "o.yaml", "profile: p\nchanges: []\n" + "".join(
             f"k{i}: 1\n" for i in range(12000)))), says=("lỗi khác",)),
]


@pytest.mark.slow
@pytest.mark.parametrize("case", UNKNOWN_KEY_CASES, ids=lambda c: c.name)
def test_unknown_keys_validate_in_linear_time(case, tmp_path):
    assert check_outcome(case, tmp_path) < 10


# --- 11. `drafter check` stays linear: style chains, style cycles, many paragraphs ---------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def style_chain(count: int, cycle: bool = False) -> bytes:
    """A DOCX with `count` paragraph styles each based on the one before (the first on the last,
    if `cycle`), and paragraphs in the last one."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    styles = document.styles.element
    for i in range(count):
        based = f'<w:basedOn w:val="S{i - 1}"/>' if i else (f'<w:basedOn w:val="S{count - 1}"/>' if cycle else "")
        styles.append(parse_xml(f'<w:style {_W} w:type="paragraph" w:styleId="S{i}"><w:name w:val="S{i}"/>'
                                f"{based}</w:style>"))
    for _ in range(20):
        paragraph = document.add_paragraph("Đoạn văn thử nghiệm.")
        paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {_W} w:val="S{count - 1}"/>'))
    return _saved(document)


def many_paragraphs(count: int) -> bytes:
    """`count` short paragraphs of different numbers (not so alike that the zip-ratio guard stops them)."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    last = document.element.body[-1]
    body = parse_xml(f"<w:body {_W}>" + "".join(f"<w:p><w:r><w:t>{i * 7919 % 100003}</w:t></w:r></w:p>"
                                                for i in range(count)) + "</w:body>")
    for paragraph in list(body):
        last.addprevious(paragraph)
    return _saved(document)


def test_a_style_cycle_is_one_finding_found_in_one_pass():
    from drafter.check.checks.integrity import style_cycle
    from drafter.check.model import DocModel
    from drafter.docxio.package import parse_docx

    model = DocModel(parse_docx(style_chain(1000, cycle=True), "cycle.docx"))
    started = time.monotonic()
    cycles = list(style_cycle(model, {}))
    assert time.monotonic() - started < 0.5
    assert len(cycles) == 1 and "1000 kiểu" in cycles[0].message


@pytest.mark.slow
def test_captions_are_found_in_one_pass():
    from drafter.check.model import DocModel
    from drafter.check.parts import _captions
    from drafter.docxio.package import parse_docx

    model = DocModel(parse_docx(many_paragraphs(60000), "many.docx"))
    started = time.monotonic()
    _captions(model)
    assert time.monotonic() - started < 1


CHECK_CASES = [
    Case("2,000-style chain", ["check", "chain.docx"], lambda w: write(w / "chain.docx", style_chain(2000)),
         exits=(0, 1), may_write=()),
    Case("5,000-style cycle", ["check", "cycle.docx"],
         lambda w: write(w / "cycle.docx", style_chain(5000, cycle=True)), exits=(1,), says=("vòng tròn",),
         may_write=()),
    Case("100,000 short paragraphs", ["check", "many.docx"], lambda w: write(w / "many.docx", many_paragraphs(100000)),
         exits=(2,), says=("quá nhiều để kiểm tra",), may_write=()),
]


@pytest.mark.slow
@pytest.mark.parametrize("case", CHECK_CASES, ids=lambda c: c.name)
def test_check_stays_linear(case, tmp_path):
    assert check_outcome(case, tmp_path) < 10


# --- 17. the output folder is never empty or "."; an unreadable DOCX to preview is exit 2 ----------


def test_a_profile_named_dot_dot_yaml_drafts_into_its_own_folder(tmp_path):
    """"..yaml" has the id "." (its stem): the draft landed at the top of --out."""
    from drafter import api

    write(tmp_path / "..yaml", profile_text_with(""))
    result = api.draft_plan(tmp_path / "..yaml", year=2027, out_dir=tmp_path / "out")
    assert result.path.parent.parent == tmp_path / "out"
    assert result.path.parent.name.startswith("ho-so-")


def test_a_name_with_no_latin_letters_gets_a_folder_name():
    from drafter.inputs.profile import Profile

    folder = Profile.out_folder.fget(type("P", (), {"id": "Ωμέγα"})())
    assert folder.startswith("ho-so-") and len(folder) > len("ho-so-")


# --- 6/14. a PDF or PNG drafter did not write is not replaced without --force ---------------------


def user_files_beside_a_plan(work, *names):
    from tests.test_hostile import drafted

    drafted(work)
    for name in names:
        write(work / name, b"mine")


PREVIEW_CASES = [
    Case("preview over the user's plan.pdf", ["preview", "plan.docx"],
         lambda w: user_files_beside_a_plan(w, "plan.pdf"), precious=("plan.pdf",), says=("--force",),
         may_write=(".drafter",)),
    Case("preview --png over the user's plan-1.png", ["preview", "--png", "plan.docx"],
         lambda w: user_files_beside_a_plan(w, "plan-1.png", "plan-2.png"), precious=("plan-1.png", "plan-2.png"),
         says=("plan-1.png", "--force"), may_write=(".drafter", "plan.pdf")),
    Case("draft --pdf over a PDF drafter never wrote", ["draft", "profiles/p.yaml", "--year", "2027", "--pdf",
                                                         "--out", "out"],
         lambda w: (user_files_beside_a_plan(w), write(w / "out" / "p" / "nq47-2027.pdf", b"mine")),
         precious=("out/p/nq47-2027.pdf",), says=("--force",), may_write=("out", "profiles")),
    Case("preview of a DOCX with broken XML", ["preview", "broken.docx"],
         lambda w: write(w / "broken.docx", _broken_xml_docx()), exits=(2,), may_write=()),
]


def _broken_xml_docx() -> bytes:
    from tests.hostile_corpus import CONTENT_TYPES, zip_bytes

    return zip_bytes({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:doc"})


@pytest.mark.slow
@pytest.mark.parametrize("case", PREVIEW_CASES, ids=lambda c: c.name)
def test_previews_replace_only_what_drafter_wrote(case, tmp_path):
    import shutil

    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        pytest.skip("needs LibreOffice and poppler")
    check_outcome(case, tmp_path)


# --- 16. one year rule for every command; `drafter new` creates a file at most once ---------------

YEAR_CASES = [
    *[Case(f"new --year {year}", ["new", "Tuyên Quang", f"--year={year}", "--out", "pr"], exits=(1,),
           says=("2000-2100",), may_write=()) for year in ("-1", "0", "99999999999")],
    Case("tasks --optional --year 0", ["tasks", "--optional", "--year=0"], exits=(1,), says=("2000-2100",),
         may_write=()),
]


@pytest.mark.slow
@pytest.mark.parametrize("case", YEAR_CASES, ids=lambda c: c.name)
def test_one_year_rule(case, tmp_path):
    check_outcome(case, tmp_path)


def test_new_never_replaces_a_file_made_while_it_ran(tmp_path, monkeypatch):
    """Another run creates the file between this run's check and its write: this run must refuse."""
    from drafter import api
    from drafter.errors import UserError
    from drafter.inputs import scaffold

    target = tmp_path / "tuyen-quang-2027.yaml"
    real = scaffold.profile_text

    def meanwhile(*args, **kwargs):
        target.write_text("theirs", encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(scaffold, "profile_text", meanwhile)
    with pytest.raises(UserError, match="không ghi đè"):
        api.new_profile("Tuyên Quang", year=2027, out_dir=tmp_path)
    assert target.read_text(encoding="utf-8") == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.slow
def test_parallel_new_creates_exactly_once(tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [subprocess.Popen([sys.executable, "-m", "drafter", "new", "Tuyên Quang", "--year", "2027", "--out", "pr"],
                             cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    codes = sorted(run.wait(timeout=60) for run in runs)
    assert codes == [0, 1, 1, 1]
    assert [p.name for p in (tmp_path / "pr").iterdir()] == ["tuyen-quang-2027.yaml"]


# --- 15. a province folder under --out that is a symlink is not written through ----------------


def _linked_province_folder(work):
    import os

    with_profile(work, id="p")
    (work / "out").mkdir()
    os.symlink(work.parent / "outside", work / "out" / "p")


SYMLINK_CASES = [
    Case("province folder is a symlink out of --out", ["draft", "p.yaml", "--out", "out"], _linked_province_folder,
         exits=(1,), says=("out/p", "symlink")),
]


@pytest.mark.slow
@pytest.mark.parametrize("case", SYMLINK_CASES, ids=lambda c: c.name)
def test_no_write_through_a_linked_province_folder(case, tmp_path):
    check_outcome(case, tmp_path)
    assert list((tmp_path / "outside").iterdir()) == []


def test_output_path_refuses_a_linked_folder(tmp_path):
    import os

    from drafter import api
    from drafter.errors import OutputError
    from drafter.inputs.catalogue import bundled
    from drafter.inputs.profile import load_profile

    write(tmp_path / "p.yaml", profile_text_with(""))
    (tmp_path / "out").mkdir()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "out" / "p")
    with pytest.raises(OutputError, match="symlink"):
        api.output_path(tmp_path / "out", load_profile(tmp_path / "p.yaml", bundled()), "nq47", 2027)
