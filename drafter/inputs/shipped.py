"""Pre-parsed copies of the YAML shipped inside the package, so a cold command does not parse them.

Parsing the 16 shipped YAML files (the 34 units' registry alone is 190 kB) took about 70 ms of a
cold `drafter draft`, even with libyaml: PyYAML builds every node and resolves every scalar in
Python. tools/parse_shipped.py writes each one's data as JSON under drafter/_parsed/ (mirroring
its path in the package), with the sha256 of the YAML it came from and drafter's version; json
reads it in a tenth of the time. A copy is used only when both still match, so a YAML edited in a
checkout is read as YAML until the tool is run again (tests/test_architecture.py fails and says
so), and a copy written by another version is never trusted.

Nothing is written at run time: the copies are made by a developer and travel in the wheel like
the YAML, so "nothing is written outside the output folder" holds. YAML dates, which JSON lacks,
are listed by their paths and restored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from .._version import __version__
from ..resources import PACKAGE_DIR

PARSED_DIR = PACKAGE_DIR / "_parsed"
MISSING = object()
#: The shipped YAML read through yamlio.load_trusted or load_bundled (profiles and evidence read for
#: reports are not: the first are a person's kind of file, the second are not read by a draft).
SOURCES = ("data/*.yaml", "data/kinds/*.yaml", "data/evidence/source-documents.yaml", "schemas/*.yaml",
           "check/rulesets/*.yaml")


def sources() -> list[Path]:
    return sorted(path for pattern in SOURCES for path in PACKAGE_DIR.glob(pattern))


def copy_path(source: Path) -> Path | None:
    """Where the pre-parsed copy of a shipped file lives; None for a file outside the package."""
    try:
        relative = Path(source).resolve().relative_to(PACKAGE_DIR)
    except ValueError:
        return None
    if relative.parts[0] == "_parsed":
        return None
    return PARSED_DIR / relative.with_suffix(".json")


def parsed(source: Path, raw: bytes) -> Any:
    """The data of `raw` (the bytes of `source`) from its pre-parsed copy, or MISSING when there is
    no copy or it was made from other bytes or by another version."""
    where = copy_path(source)
    if where is None:
        return MISSING
    try:
        entry = json.loads(where.read_bytes())
    except (OSError, ValueError):
        return MISSING
    if entry.get("sha256") != hashlib.sha256(raw).hexdigest() or entry.get("drafter") != __version__:
        return MISSING
    data = entry["data"]
    for path in entry["dates"]:
        data = _set_date(data, path)
    return data


def _set_date(data: Any, path: list[Any]) -> Any:
    if not path:
        return dt.date.fromisoformat(data)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = dt.date.fromisoformat(parent[path[-1]])
    return data


def entry_for(raw: bytes, data: Any) -> dict[str, Any]:
    """What copy_path(source) holds for a file whose bytes are `raw` and whose YAML data is `data`."""
    dates: list[list[Any]] = []
    _find_dates(data, [], dates)
    return {"sha256": hashlib.sha256(raw).hexdigest(), "drafter": __version__, "dates": dates,
            "data": json.loads(json.dumps(data, ensure_ascii=False, default=_iso))}


def _iso(value: Any) -> str:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot be kept in a pre-parsed copy")


def _find_dates(value: Any, path: list[Any], out: list[list[Any]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"key {key!r} at {path}: only text keys can be kept in a pre-parsed copy")
            _find_dates(item, path + [key], out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _find_dates(item, path + [index], out)
    elif isinstance(value, dt.date):
        out.append(path)


#: The medoid of each shipped text given as several wordings, as a draft with nothing held out
#: chooses it (inputs.wordings): comparing every pair of wordings cost a cold draft about 6 ms.
MEDOIDS_PATH = PARSED_DIR / "medoids.json"


def medoid_key(wordings, margin: float) -> str:
    """Everything the choice depends on: each wording's text, sources, national flag and writers,
    in order, and the national margin. A key of other inputs can only miss, never mislead."""
    parts = [[w.text, list(w.sources), w.national, w.voices] for w in wordings]
    return hashlib.sha256(json.dumps([parts, margin], ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def known_medoids() -> dict[str, int]:
    """key → index of the chosen wording, from the table tools/parse_shipped.py wrote for this
    version; empty when missing or written by another version (each choice is then computed)."""
    try:
        entry = json.loads(MEDOIDS_PATH.read_bytes())
    except (OSError, ValueError):
        return {}
    return entry.get("table", {}) if entry.get("drafter") == __version__ else {}
