"""Edit a profile file the way a careful person would by hand: change only the fields that
changed and keep every other line, comment and quote as written, then write the new text only if
it validates exactly as `drafter validate` reads it.

PyYAML cannot keep comments, and a profile from `drafter new` is mostly comments telling the
drafter what to check; ruamel.yaml's round-trip mode keeps them (where a comment sits beside a
value that is replaced, it stays beside the key). Every file is first read through yamlio.load,
so a hostile or broken file gets the same bounds and messages as on the command line before
ruamel sees it.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, ProfileError, UserError, os_reason
from ..output import atomic_write, scratch_folder, write_scratch
from ..paths import display_path
from .catalogue import sha256_of
from .registry import ID_PATTERN
from .yamlio import load

#: An update that removes a key (the schema's default applies again).
REMOVE = object()
FieldPath = tuple[str, ...]


@dataclass(frozen=True)
class ProfileFile:
    """A profile as it is on disk: its text (what is edited), the plain data (what forms show) and
    the hash that tells whether someone else saved it in between."""

    path: Path
    ident: str
    text: str
    sha256: str
    data: dict[str, Any]


@dataclass(frozen=True)
class ProfileCheck:
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _round_trip():
    from ruamel.yaml import YAML  # only the editor needs it; drafting never imports it

    yaml = YAML()  # round-trip: comments, key order and quotes as written
    yaml.width = 4096  # never fold a long agency name onto a second line
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)  # "  - item", the way the bundled profiles are written
    yaml.representer.add_representer(type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def open_profile(path: Path) -> ProfileFile:
    loaded = load(path, ProfileError)
    if not isinstance(loaded.data, dict):
        raise ProfileError.single(display_path(path), "tệp phải là một nhóm khóa: giá trị ở cấp ngoài cùng", line=1)
    text = Path(path).read_text(encoding="utf-8-sig")
    return ProfileFile(Path(path), Path(path).stem, text, sha256_of(Path(path)), loaded.data)


def edited_text(profile: ProfileFile, updates: dict[FieldPath, Any]) -> str:
    """The file's text with each field path set to its new value (or removed); untouched lines
    stay byte for byte."""
    if not updates:
        return profile.text
    yaml = _round_trip()
    data = yaml.load(profile.text)
    for path, value in updates.items():
        parent = data
        for key in path[:-1]:
            if not isinstance(parent.get(key), dict):
                parent[key] = {}
            parent = parent[key]
        if value is REMOVE:
            parent.pop(path[-1], None)
        else:
            parent[path[-1]] = value
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def check_text(text: str, ident: str) -> ProfileCheck:
    """Validate a profile text as the file `<ident>.yaml` would be: schema, registry, cross-checks
    and warnings, from a private temporary folder (never the user's file)."""
    from .catalogue import bundled
    from .profile import load_profile

    with scratch_folder("drafter-profile-") as folder:
        path = folder / f"{ident}.yaml"
        write_scratch(path, text.encode("utf-8"))
        try:
            profile = load_profile(path, bundled())
        except ProfileError as exc:
            return ProfileCheck([Problem(f"{ident}.yaml", p.line, p.field, p.message, p.column) for p in exc.problems])
        shown = display_path(path)
        return ProfileCheck(notes=[note.replace(shown, f"{ident}.yaml") for note in profile.notes])


def save_text(profile: ProfileFile, text: str, *, expected_sha256: str) -> None:
    """Replace the file with a validated text, unless it changed on disk since it was opened (two
    browsers, or the file edited in a text editor meanwhile): then nothing is written."""
    if sha256_of(profile.path) != expected_sha256:
        raise UserError(f"{profile.path.name}: tệp đã được sửa ở nơi khác sau khi bạn mở; tải lại trang để xem "
                        "bản mới rồi sửa lại (không ghi gì)")
    atomic_write(profile.path, text.encode("utf-8"))


def create_new(target: Path, data: bytes, exists: str) -> None:
    """Create `target` only if no file has that name, atomically: the text goes to a temporary
    file, which is then hard-linked to the name (link fails if the name exists, also when another
    run made it a moment ago), so two runs at once cannot both report creating one file.
    `exists` is the message when the name is taken."""
    target = Path(target)
    with scratch_folder("drafter-new-") as tmp:
        staged = tmp / "new"
        write_scratch(staged, data)
        try:
            os.link(staged, target)
            return
        except FileExistsError:
            raise UserError(exists) from None
        except OSError:  # another file system than the temporary folder's: stage beside the target
            pass
    staged = target.with_name(f".{target.name}.new-{os.getpid()}")
    atomic_write(staged, data)
    try:
        os.link(staged, target)
    except FileExistsError:
        raise UserError(exists) from None
    except OSError as exc:
        raise UserError(f"{display_path(target)}: không tạo được tệp ({os_reason(exc)})") from None
    finally:
        staged.unlink(missing_ok=True)


def copy_profile(source: Path, folder: Path, ident: str) -> Path:
    """A new profile `<ident>.yaml` in folder from an existing one (a bundled profile, or last
    year's): same text and comments, new id. Never replaces a file."""
    if not ID_PATTERN.fullmatch(ident):
        raise UserError(f"Mã hồ sơ {ident!r}: chỉ dùng chữ thường không dấu, số và dấu gạch ngang "
                        "(ví dụ tuyen-quang-2027)")
    target = Path(folder) / f"{ident}.yaml"
    if target.exists() or target.is_symlink():
        raise UserError(f"{target.name}: đã có hồ sơ này; drafter không ghi đè. Chọn mã khác hoặc sửa hồ sơ đang có")
    original = open_profile(source)
    text = edited_text(original, {("id",): ident})
    checked = check_text(text, ident)
    if not checked.ok:
        raise ProfileError(checked.problems)
    create_new(target, text.encode("utf-8"), f"{target.name}: đã có hồ sơ này; drafter không ghi đè. Chọn mã khác "
                                              "hoặc sửa hồ sơ đang có")
    return target
