"""How `drafter check` does on documents it did not write, per document type (tests/corpus.py), and
how many false alarms it raises on drafter's own drafts (must be 0).

    python tools/corpus_report.py [--libreoffice]

For each type: documents, must-find cases (a rule a document must fire) and how many fire,
must-not-find cases (a rule a document must not fire) and how many stay quiet. With
--libreoffice the same documents are also judged after LibreOffice re-saves them.
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drafter.check.doctype import BY_KEY  # noqa: E402
from drafter.check.runner import check_document, load_ruleset  # noqa: E402
from tests.corpus import SPECS, VARIANTS, write  # noqa: E402

SPECS = SPECS + VARIANTS

ALL_RULES = {r.id for r in load_ruleset("nd30_2020").rules}


def tally(paths: dict[str, Path]) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for spec in SPECS:
        if spec.name not in paths:
            continue
        report = check_document(paths[spec.name], "nd30_2020")
        found = {f.rule for f in report.findings if f.severity in ("error", "warning")}
        must_not = spec.must_not if spec.must_not is not None else ALL_RULES - spec.must
        row = rows[BY_KEY[spec.doc_type].label]
        row[0] += 1
        row[1] += len(spec.must)
        row[2] += len(spec.must & found)
        row[3] += len(must_not)
        row[4] += len(must_not - found)
    return rows


def show(title: str, rows: dict[str, list[int]]) -> None:
    print(f"\n{title}\n")
    print("| loại | văn bản | phải thấy | đúng | không được thấy | đúng |")
    print("|---|---|---|---|---|---|")
    total = [0] * 5
    for label, row in sorted(rows.items()):
        print(f"| {label} | " + " | ".join(str(v) for v in row) + " |")
        total = [a + b for a, b in zip(total, row, strict=True)]
    print("| **tổng** | " + " | ".join(f"**{v}**" for v in total) + " |")


def drafter_false_alarms() -> tuple[int, int]:
    from drafter import api
    from drafter.inputs.profile import bundled_profiles

    drafts = alarms = 0
    with tempfile.TemporaryDirectory() as folder:
        for profile in bundled_profiles():
            for kind in ("nq47", "annual"):
                import datetime as dt

                result = api.draft_plan(profile, kind=kind, year=2027, date=dt.date(2026, 12, 15), out_dir=Path(folder))
                report = check_document(result.path, "nd30_2020")
                drafts += 1
                alarms += report.count("error") + report.count("warning")
    return drafts, alarms


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = {spec.name: write(spec, Path(folder)) for spec in SPECS}
        show("Tài liệu dựng bằng python-docx", tally(paths))
        if "--libreoffice" in sys.argv:
            from drafter.docxio.preview import convert

            plain = {name: path for name, path in paths.items() if path.suffix == ".docx"
                     and next(s for s in SPECS if s.name == name).special is None}
            saved = convert(list(plain.values()), "docx:MS Word 2007 XML", Path(folder) / "lo")
            show("Cùng tài liệu sau khi LibreOffice lưu lại", tally(dict(zip(plain, saved, strict=True))))
    drafts, alarms = drafter_false_alarms()
    print(f"\nBản soạn của drafter (mọi hồ sơ có sẵn × nq47, annual; năm 2027): {drafts} bản, "
          f"{alarms} lỗi/cảnh báo thể thức.")


if __name__ == "__main__":
    main()
