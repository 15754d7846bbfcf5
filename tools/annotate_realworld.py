"""Measure `check --comments` and `fix` on the real documents (shared/realworld/docs), never
editing them: copies go to a temporary folder (or --out).

Per document and in total it prints:
- comments placed / errors located (a finding with a paragraph number) and errors in all: every
  located error must carry a comment on its paragraph;
- whether the commented and the fixed copies have the same paragraph texts as the original;
- the fixed copy's tracked changes, and `drafter check`'s errors before and after the fix.

    python tools/annotate_realworld.py [--text] [--docs DIR] [--out DIR]

Exit status 1 when a copy's text differs, a located error has no comment, or errors fall by
less than --target (60 %).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DOCS = Path("/work/shared/realworld/docs")


def texts(path: Path) -> list[str]:
    """Every paragraph's text in reading order, as the checker reads it (tracked insertions, which
    python-docx does not read as text, and deletions are not in it either)."""
    from drafter.check.model import DocModel
    from drafter.docxio.package import open_for_check

    document, _ = open_for_check(path)
    return [b.text for b in DocModel(document).blocks]


def commented_paragraphs(path: Path) -> dict[int, int]:
    """Reading-order number → comments anchored on that paragraph."""
    from docx.oxml.ns import qn

    from drafter.check.model import DocModel
    from drafter.docxio.package import open_for_check

    document, _ = open_for_check(path)
    out = {}
    for block in DocModel(document).blocks:
        count = sum(1 for _ in block.paragraph._p.iter(qn("w:commentReference")))
        if count:
            out[block.number] = count
    return out


def tracked(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                      if n.startswith("word/") and n.endswith(".xml"))
    return sum(xml.count(f"<w:{tag} ") for tag in ("rPrChange", "pPrChange", "sectPrChange", "ins", "del"))


def measure(doc: Path, out: Path, text: bool) -> dict:
    from drafter.review.comments import comment_copy
    from drafter.review.fix import fix_copy

    original = texts(doc)
    commented = comment_copy(doc, out / f"{doc.stem}.comments.docx", force=True)
    errors = [f for f in commented.report.findings if f.severity == "error"]
    located = [f for f in errors if f.paragraph]
    anchored = commented_paragraphs(commented.out)
    wanted: dict[int, int] = {}
    for f in commented.report.findings:
        if f.severity in ("error", "warning") and f.paragraph:
            wanted[f.paragraph] = wanted.get(f.paragraph, 0) + 1
    missing = sum(max(0, n - anchored.get(p, 0)) for p, n in wanted.items())
    fixed = fix_copy(doc, out / f"{doc.stem}.fixed.docx", text=text, force=True)
    return {
        "name": doc.name, "errors": len(errors), "located": len(located), "comments": commented.placed,
        "uncommented": missing, "same_text_comments": texts(commented.out) == original,
        "same_text_fixed": text or texts(fixed.out) == original, "tracked": tracked(fixed.out),
        "before": fixed.errors_before, "after": fixed.errors_after, "fixed": fixed.fixed,
        "left": fixed.left,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DOCS)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--text", action="store_true", help="let fix change words too (tracked)")
    parser.add_argument("--target", type=float, default=0.60)
    parser.add_argument("--left", action="store_true", help="list what was left, by reason")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="drafter-annotate-"))
    out.mkdir(parents=True, exist_ok=True)
    rows = [measure(doc, out, args.text) for doc in sorted(args.docs.glob("*.docx"))]
    print(f"{'document':42} {'err':>4} {'loc':>4} {'cmt':>4} {'miss':>4} {'text':>5} {'trk':>5} {'before':>6} "
          f"{'after':>5}")
    for r in rows:
        same = "ok" if r["same_text_comments"] and r["same_text_fixed"] else "DIFF"
        print(f"{r['name']:42} {r['errors']:4} {r['located']:4} {r['comments']:4} {r['uncommented']:4} {same:>5} "
              f"{r['tracked']:5} {r['before']:6} {r['after']:5}")
    before, after = sum(r["before"] for r in rows), sum(r["after"] for r in rows)
    located = sum(r["located"] for r in rows)
    missing = sum(r["uncommented"] for r in rows)
    drop = 1 - after / before if before else 1.0
    print(f"\n{len(rows)} documents; copies in {out}")
    print(f"comments: {sum(r['comments'] for r in rows)} placed; located errors {located}, "
          f"{located - missing if missing <= located else 0} of them commented; {missing} findings without a comment")
    print(f"text unchanged: commented {sum(r['same_text_comments'] for r in rows)}/{len(rows)}, "
          f"fixed {sum(r['same_text_fixed'] for r in rows)}/{len(rows)}" + (" (--text: words may change)"
                                                                              if args.text else ""))
    print(f"errors: {before} before, {after} after the fix ({drop:.1%} fewer; target {args.target:.0%})")
    fixed: dict[str, int] = {}
    for r in rows:
        for rule, n in r["fixed"].items():
            fixed[rule] = fixed.get(rule, 0) + n
    print("fixed by rule: " + ", ".join(f"{k} {v}" for k, v in sorted(fixed.items(), key=lambda kv: -kv[1])))
    if args.left:
        reasons: dict[tuple[str, str], int] = {}
        for r in rows:
            for item in r["left"]:
                key = (item.finding.rule, item.reason)
                reasons[key] = reasons.get(key, 0) + 1
        for (rule, reason), n in sorted(reasons.items(), key=lambda kv: -kv[1]):
            print(f"  left {n:3} {rule}: {reason}")
    ok = (missing == 0 and drop >= args.target and all(r["same_text_comments"] for r in rows)
          and all(r["same_text_fixed"] for r in rows))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
