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

from drafter.inputs import shipped
from drafter.inputs.yamlio import parse_shipped
from drafter.resources import PACKAGE_DIR


def expected() -> dict:
    """Each copy's path and the text it should hold."""
    out = {}
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
