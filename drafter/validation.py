"""`drafter validate`: every input checked, every problem reported in one run.

Profiles are checked against the catalogue and plan kinds (whose own problems are reported
too); templates are checked for variables nothing provides. A result per input, so one bad file
does not hide the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, UserError


@dataclass
class ValidationResult:
    subject: str
    ok: bool
    lines: list[str] = field(default_factory=list)


def validate_inputs(profiles: list[str], templates: list[Path]) -> list[ValidationResult]:
    from .inputs import knowledge
    from .inputs.catalogue import load_catalogue
    from .inputs.kinds import kind_names, load_kind
    from .inputs.profile import load_profile, resolve_profile_path

    try:  # shipped data in full: a maintainer who edits it runs `drafter validate`
        knowledge.bundled(strict=True)
        catalogue = load_catalogue(strict=True)
        for name in kind_names():
            load_kind(name, catalogue, strict=True)
    except InputError as exc:
        return [ValidationResult("catalogue", False, [str(exc)])]
    results = []
    for name in profiles:
        try:
            loaded = load_profile(name, catalogue)
        except UserError as exc:
            results.append(ValidationResult(str(name), False, [str(exc)]))
            continue
        lines = [f"Lưu ý: {note}" for note in loaded.notes]
        lines.append(f"{resolve_profile_path(name)}: hợp lệ ({loaded.full_name}, "
                     f"bộ máy tại {loaded.as_of.isoformat()})")
        results.append(ValidationResult(str(name), True, lines))
    for path in templates:
        results.append(_template_result(path))
    return results


def _template_result(path: Path) -> ValidationResult:
    from .api import check_template

    try:
        problems = check_template(path)
    except UserError as exc:
        return ValidationResult(str(path), False, [str(exc)])
    if problems:
        return ValidationResult(str(path), False, [f"{path}: {problem}" for problem in problems])
    return ValidationResult(str(path), True, [f"{path}: hợp lệ (mọi biến đều có dữ liệu)"])
