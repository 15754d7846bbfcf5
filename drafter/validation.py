"""`drafter validate`: every input checked, every problem reported in one run.

Profiles are checked against the catalogue and plan kinds (whose own problems are reported
too); templates are checked for variables nothing provides. A result per input, so one bad file
does not hide the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, UserError
from .paths import display_path


@dataclass
class ValidationResult:
    """One input's verdict. `lines` are its problems when not ok, else the confirmation ("…: hợp
    lệ"); `notes` are warnings that do not make it invalid. The CLI prints problems and notes on
    stderr and confirmations on stdout, like every other command."""

    subject: str
    ok: bool
    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def validate_inputs(profiles: list[str], templates: list[Path]) -> list[ValidationResult]:
    from .inputs import knowledge
    from .inputs.catalogue import load_catalogue
    from .inputs.kinds import kind_names, load_kind
    from .inputs.profile import bundled_profiles, load_profile, resolve_profile_path

    try:  # shipped data in full: a maintainer who edits it runs `drafter validate`
        knowledge.bundled(strict=True)
        catalogue = load_catalogue(strict=True)
        for name in kind_names():
            load_kind(name, catalogue, strict=True)
    except InputError as exc:
        return [ValidationResult("catalogue", False, [str(exc)])]
    results = []
    if not profiles and not templates:  # nothing named: everything shipped, every bundled profile
        results.append(ValidationResult("data", True, [
            f"Dữ liệu kèm theo hợp lệ: danh mục {catalogue.version} ({len(catalogue.tasks)} nhiệm vụ), "
            f"loại kế hoạch {', '.join(kind_names())}, văn bản và sự kiện theo ngày"]))
        profiles = [str(p) for p in bundled_profiles()]
    ids = _IdRegister(bundled_profiles())
    for name in profiles:
        try:
            loaded = load_profile(name, catalogue)
        except UserError as exc:
            results.append(ValidationResult(str(name), False, [str(exc)]))
            continue
        clash = ids.clash(loaded.id, loaded.path)
        if clash:
            results.append(ValidationResult(str(name), False, [clash]))
            continue
        confirmed = (f"{display_path(resolve_profile_path(name))}: hợp lệ ({loaded.full_name}, "
                     f"bộ máy tại {loaded.as_of.isoformat()})")
        results.append(ValidationResult(str(name), True, [confirmed], [f"Lưu ý: {note}" for note in loaded.notes]))
        results.append(_overrides_result(loaded, catalogue))
    for path in templates:
        results.append(_template_result(path))
    return [r for r in results if r.lines]


class _IdRegister:
    """Profile ids seen in one run, plus the bundled ones: the id names the reviewers' overrides
    file and the outputs, so two profiles sharing one would share (and overwrite) both."""

    def __init__(self, bundled: list[Path]):
        self._seen: dict[str, Path] = {p.stem: p.resolve() for p in bundled}

    def clash(self, profile_id: str, path: Path) -> str | None:
        here = Path(path).resolve()
        other = self._seen.setdefault(profile_id, here)
        if other == here:
            return None
        return (f"{display_path(path)}: id {profile_id!r} trùng với hồ sơ {display_path(other)}; mỗi hồ sơ cần "
                "một id riêng (đặt tên tệp mới và id bằng tên tệp, hoặc tạo bằng `drafter new`)")


def _overrides_result(profile, catalogue) -> ValidationResult:
    """The reviewers' changes kept beside a profile are checked in the same run as the profile."""
    from .inputs import overrides

    path = overrides.readable_path(profile.path, profile.id)
    if not path.exists():
        return ValidationResult(str(path), True, [])
    try:
        changes = overrides.load_overrides(path, profile_id=profile.id, catalogue=catalogue)
    except UserError as exc:
        return ValidationResult(str(path), False, [str(exc)])
    return ValidationResult(str(path), True, [f"{path}: hợp lệ ({len(changes)} sửa đổi của người rà soát)"])


def _template_result(path: Path) -> ValidationResult:
    from .api import check_template

    try:
        problems = check_template(path)
    except UserError as exc:
        return ValidationResult(str(path), False, [str(exc)])
    if problems:
        return ValidationResult(str(path), False, [f"{path}: {problem}" for problem in problems])
    return ValidationResult(str(path), True, [f"{path}: hợp lệ (mọi biến đều có dữ liệu)"])
