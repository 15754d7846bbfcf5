"""Shared fixtures: the bundled data, a minimal valid profile, and drafts rendered once per session."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from docx import Document

from drafter import api
from drafter.inputs.catalogue import bundled
from drafter.inputs.kinds import load_kind
from drafter.inputs.profile import bundled_profiles, load_profile
from drafter.plan import PlanRequest, build_draft

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "reference"
PLANS = REFERENCE / "plans"
#: The rule sets drafter's own drafts must pass: every one, the content rules (noi_dung) included.
FORM_AND_CITATIONS = ("nd30_2020", "trich_dan", "noi_dung")


def unjudged(report, profile) -> list[str]:
    """What a check left unevaluated, but for what it cannot judge by design: ND3 (border, sea and
    ethnic facts) knows only the 34 units of 01/7/2025, not an earlier province."""
    return [f.line() for f in report.findings if f.severity == "not_evaluated"
            and not (f.rule == "ND3" and not profile.current)]

MINIMAL_PROFILE = {
    "province": {"name": "Thử Nghiệm", "level": "tỉnh", "place": "Thử Nghiệm"},
    "as_of": dt.date(2026, 1, 1),
    "sources": ["test fixture"],
    "agencies": {
        "departments": "các sở, ban, ngành",
        "local_authorities": "UBND các xã, phường",
        "ttdn_lead": "Sở Văn hóa, Thể thao và Du lịch",
        "culture": "Sở Văn hóa, Thể thao và Du lịch",
        "digital_tech": "Sở Khoa học và Công nghệ",
        "foreign_affairs": "Sở Ngoại vụ",
        "industry_trade": "Sở Công Thương",
        "agriculture": "Sở Nông nghiệp và Môi trường",
        "labour": "Sở Nội vụ",
        "home_affairs": "Sở Nội vụ",
        "education": "Sở Giáo dục và Đào tạo",
        "police": "Công an tỉnh",
        "military": "Bộ Chỉ huy quân sự tỉnh",
        "investment_promotion": "Trung tâm Xúc tiến đầu tư",
        "newspaper": "Báo Thử Nghiệm",
    },
    "signer": {"capacity": "chu_tich"},
    "recipients": ["Bộ Văn hóa, Thể thao và Du lịch (b/c)", "Các sở, ban, ngành"],
    "archive": "VT, KGVX",
}


def write_tree(root: Path, files: dict[str, str | bytes]) -> None:
    """Create files under root from {relative path: content}."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def user_profiles(root: Path) -> Path:
    """A user's own profiles folder holding tuyen-quang-2027 (a copy of the bundled 2026 profile)."""
    mine = root / "mine"
    mine.mkdir()
    text = (REPO / "profiles" / "tuyen-quang-2026.yaml").read_text(encoding="utf-8")
    (mine / "tuyen-quang-2027.yaml").write_text(text.replace("id: tuyen-quang-2026", "id: tuyen-quang-2027"),
                                                encoding="utf-8")
    return mine


def reviewer_rewrites_first_aim(plan: Path, sentence: str, edited: Path) -> Path:
    """A reviewer's edit of an annual plan, made in python-docx: the first "- Triển khai có hiệu
    quả …" aim replaced by `sentence`, saved as `edited`."""
    document = Document(str(plan))
    first = next(p for p in document.paragraphs if p.text.startswith("- Triển khai có hiệu quả"))
    for run in first.runs[1:]:
        run.text = ""
    first.runs[0].text = sentence
    document.save(str(edited))
    return edited


def make_draft(catalogue, kind, profile, *, year, date=None, changes=(), extra_bases=()):
    """build_draft for a kind object or name, a loaded profile, a year and a date."""
    if isinstance(kind, str):
        kind = load_kind(kind, catalogue)
    return build_draft(PlanRequest(profile=profile, kind=kind, catalogue=catalogue, year=year, date=date,
                                   changes=tuple(changes), extra_bases=tuple(extra_bases)))


def make_request(catalogue, kind, profile, *, year, date=None):
    if isinstance(kind, str):
        kind = load_kind(kind, catalogue)
    return PlanRequest(profile=profile, kind=kind, catalogue=catalogue, year=year, date=date)


@pytest.fixture
def minimal_profile() -> dict:
    return copy.deepcopy(MINIMAL_PROFILE)


@pytest.fixture
def profile_file(tmp_path, minimal_profile):
    """Write a profile dict (possibly modified by the test) and return its path."""

    def make(data: dict | None = None, name: str = "thu-nghiem.yaml", text: str | None = None) -> Path:
        path = tmp_path / name
        if text is None:
            text = yaml.safe_dump(data if data is not None else minimal_profile, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return make


@pytest.fixture(scope="session")
def handmade_plan(tmp_path_factory) -> Path:
    """The plan typed by hand (tests/handmade.py), built once: checker tests change a copy of it."""
    from tests import handmade

    path = tmp_path_factory.mktemp("handmade") / "handmade.docx"
    handmade.build(path)
    return path


@pytest.fixture(scope="session")
def catalogue():
    return bundled()


@pytest.fixture(scope="session")
def nq47(catalogue):
    return load_kind("nq47", catalogue)


ALL_PROFILE_IDS = [p.stem for p in bundled_profiles()]
#: The profiles the fast tests draft: the three plans' provinces as they were, two current provinces
#: with long-kept facts, a centrally-run city and a merged border-and-coast province with đặc khu.
#: Every one of the 37 is drafted and checked in the full run (tests/test_all_provinces.py).
BUNDLED_IDS = ["dak-lak-2026", "gia-lai-2023", "lam-dong-2024", "nghe-an-2023", "phu-tho-2026", "ha-noi-2026",
               "an-giang-2026"]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, catalogue):
    """Every bundled profile drafted once (nq47, its own era's year), as {id: (path, Draft)}."""
    out = tmp_path_factory.mktemp("drafts")
    years = {"lam-dong-2024": (2024, dt.date(2024, 6, 13)), "nghe-an-2023": (2024, None)}
    result = {}
    for pid in BUNDLED_IDS:
        profile = load_profile(pid, catalogue)
        year, date = years.get(pid, (2027, dt.date(2027, 1, 5)))
        data, draft = api.build_plan(profile, kind="nq47", year=year, date=date, catalogue=catalogue)
        path = out / f"{pid}.docx"
        path.write_bytes(data)
        result[pid] = (path, draft)
    return result


@pytest.fixture(scope="session")
def documents(rendered):
    return {pid: Document(str(path)) for pid, (path, _) in rendered.items()}


_WHOLE_MODULE_SLOW = re.compile(r"^pytestmark = .*pytest\.mark\.slow", re.M)


def pytest_ignore_collect(collection_path, config):
    """With -m "not slow", a module marked slow as a whole is not even imported: importing
    hypothesis, selenium and the real documents' harness cost the inner loop seconds for nothing."""
    if "not slow" in (config.getoption("markexpr") or "") and collection_path.suffix == ".py" \
            and collection_path.name.startswith("test_"):
        return bool(_WHOLE_MODULE_SLOW.search(collection_path.read_text(encoding="utf-8")))
    return None


@contextlib.contextmanager
def served(app, **options):
    """The app on a real uvicorn in a thread, on a free port of 127.0.0.1 (the port, while it runs):
    what a browser or a raw socket needs and Starlette's TestClient cannot give."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)
