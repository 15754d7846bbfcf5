"""Write the pre-parsed JSON copies of drafter's shipped YAML (drafter/_parsed/, see drafter.inputs.shipped).

Run after editing any YAML under drafter/data, drafter/schemas or drafter/check/rulesets, and after
changing the version; tests/test_architecture.py fails until the copies match.

    python tools/parse_shipped.py           # write the copies that differ, print what changed
    python tools/parse_shipped.py --check   # only say which are out of step (exit 1 if any)
"""

from __future__ import annotations

import argparse
import json
import sys

from drafter._version import __version__
from drafter.inputs import shipped
from drafter.inputs.yamlio import parse_shipped
from drafter.resources import PACKAGE_DIR


def medoid_table() -> str:
    """The medoid of every shipped text given as several wordings, nothing held out (key → index of
    the chosen wording), computed the way a draft computes it."""
    from drafter.inputs.evidence import SourceDocuments
    from drafter.inputs.kind_records import KindSpec
    from drafter.inputs.kinds import _read, kind_names
    from drafter.inputs.wordings import wordings_of
    from drafter.text.wording import medoid

    documents, table = SourceDocuments.bundled(), {}
    for name in kind_names():
        spec = KindSpec.of(_read(name, strict=False)[2])

        def record(phrasings, margin=spec.national_margin):
            left = wordings_of(phrasings, documents)
            if not left:
                return "", ()
            chosen = medoid(left, national_margin=margin)
            table[shipped.medoid_key(left, margin)] = left.index(chosen)
            return chosen.text, tuple(sorted({ref for w in left for ref in w.sources}))

        spec.worded(record)
    entry = {"drafter": __version__, "table": dict(sorted(table.items()))}
    return json.dumps(entry, ensure_ascii=False, indent=None, separators=(",", ":")) + "\n"


def expected() -> dict:
    """Each copy's path and the text it should hold, and the table of medoids."""
    out = {shipped.MEDOIDS_PATH: medoid_table()}
    for source in shipped.sources():
        raw = source.read_bytes()
        text = json.dumps(shipped.entry_for(raw, parse_shipped(raw)), ensure_ascii=False, indent=None,
                          separators=(",", ":")) + "\n"
        out[shipped.copy_path(source)] = text
    return out


def stale() -> list[str]:
    """The copies that are missing, differ, or have no YAML any more (relative to the package)."""
    wanted = expected()
    out = [str(p.relative_to(PACKAGE_DIR)) for p, text in wanted.items()
           if not p.is_file() or p.read_text(encoding="utf-8") != text]
    out += [str(p.relative_to(PACKAGE_DIR)) for p in shipped.PARSED_DIR.rglob("*.json") if p not in wanted]
    return sorted(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only list the copies out of step")
    args = parser.parse_args()
    out_of_step = stale()
    if args.check:
        print("\n".join(out_of_step))
        return 1 if out_of_step else 0
    wanted = expected()
    for path in shipped.PARSED_DIR.rglob("*.json"):
        if path not in wanted:
            path.unlink()
    for path, text in wanted.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    print("\n".join(f"written: {name}" for name in out_of_step) or "all copies were in step", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
