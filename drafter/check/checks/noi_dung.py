"""ND rules (rulesets/noi_dung.yaml): the words of a plan, on any plan, drafter's or not.

A phrase typed twice, the city's name without "Thành phố", border or sea duties in a province that
has neither, one body given two items of duties: faults that survive a format check and a tired
reviewer. Word lists and patterns are the rule set's params; the Vietnamese text rules they rely on
(tone placement, words, name keys) are in text/vn.py.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from ...inputs.registry import Unit
from ...inputs.registry import bundled as bundled_registry
from ...text import vn
from ..model import DocModel, Para
from ..parts import NUMBER, PLACE_DATE, QUOC_HIEU, TIEU_NGU
from .base import Result, Unknown, Violation, check


def _excerpt(text: str, start: int, end: int, margin: int = 30) -> str:
    left, right = max(0, start - margin), min(len(text), end + margin)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def _text_blocks(m: DocModel) -> list[Para]:
    return [b for b in m.blocks if b.text.strip()]


# --- ND1: a word or phrase typed twice in a row ---------------------------------------------------


@check("repeated_words")
def repeated_words(m: DocModel, p: dict) -> Result:
    one_words = set(p.get("one_words", []))
    breaks = set(p.get("breaks", ".;:!?"))
    longest, limit, count = p.get("max_words", 4), p.get("max_reports", 20), 0
    for block in _text_blocks(m):
        text = vn.fold_tones(block.text)
        words = vn.words(text)
        keys = [w.group(0).lower() for w in words]
        i = 0
        while i < len(words):
            n = _repeat_at(text, words, keys, i, longest, one_words, breaks)
            if not n:
                i += 1
                continue
            count += 1
            if count > limit:
                yield Violation(f"… và các chỗ khác (chỉ liệt kê {limit} chỗ đầu)", block)
                return
            start, end = words[i].start(), words[i + 2 * n - 1].end()
            phrase = text[words[i].start():words[i + n - 1].end()]
            yield Violation(f"“{phrase}” lặp liền hai lần: «{_excerpt(text, start, end)}»", block,
                            case="one_word" if n == 1 else None)
            i += 2 * n


def _repeat_at(text: str, words: list[re.Match], keys: list[str], i: int, longest: int, one_words: set[str],
               breaks: set[str]) -> int:
    """The length n of the longest phrase of words i…i+n-1 repeated right after itself (0 if none).
    Only spacing and commas may stand between the words, and either every gap holds a comma (a list
    typed twice) or none does: a mix is list items that share words ("thanh tra, kiểm tra, kiểm toán")."""
    for n in range(min(longest, (len(words) - i) // 2), 0, -1):
        if keys[i:i + n] != keys[i + n:i + 2 * n]:
            continue
        if all(k.isdigit() or len(k) == 1 for k in keys[i:i + n]):
            continue  # numbering ("1.1"), dates, letters of a list
        if n == 1 and keys[i] not in one_words:
            continue
        if any(ch in breaks for ch in text[words[i].start():words[i + 2 * n - 1].end()]):
            continue
        first, second = (text[words[j].start():words[j + n - 1].end()] for j in (i, i + n))
        if first.isupper() != second.isupper() or first[:1].isupper() != second[:1].isupper():
            # a heading run into the sentence that restates it ("KINH PHÍ THỰC HIỆN Kinh phí…"), or a
            # name that ends in a common word ("hình ảnh Cao Bằng bằng nhiều thứ tiếng")
            continue
        commas = {"," in text[words[j].end():words[j + 1].start()] for j in range(i, i + 2 * n - 1)}
        if len(commas) > 1:
            continue
        return n
    return 0


# --- ND2: "Hồ Chí Minh" for the city ---------------------------------------------------------------


def _ends_with(before: str, phrases: list[str]) -> int:
    """The length of the longest phrase `before` ends with, as whole words (0 if none)."""
    best = 0
    for phrase in phrases:
        if before == phrase or (before.endswith(phrase) and not before[-len(phrase) - 1].isalnum()):
            best = max(best, len(phrase))
    return best


@check("unit_name_form")
def unit_name_form(m: DocModel, p: dict) -> Result:
    name = vn.fold_tones(p["name"])
    noun = p["common_noun"]
    allowed = [vn.fold_tones(w) for w in p.get("allowed_before", [])]
    place = [vn.fold_tones(w) for w in p.get("place_before", [])]
    after_ok = tuple(vn.fold_tones(w) for w in p.get("allowed_after", []))
    pattern = re.compile(rf"(?<![^\W_]){re.escape(name)}(?![^\W_])", re.IGNORECASE)
    limit, count = p.get("max_reports", 20), 0
    for block in _text_blocks(m):
        text = vn.fold_tones(block.text)
        reported: set[str | None] = set()
        for found in pattern.finditer(text):
            raw_before = text[:found.start()].rstrip()
            before = " ".join(raw_before.lower().split()).rstrip(" -–—")
            after = " ".join(text[found.end():].lower().split()[:3])
            if raw_before.endswith(noun) and not text.isupper():
                proper = f"{vn.capitalize_first(noun)} {p['name']}"
                case, message = "lowercase", (f"«{noun} {p['name']}» viết hoa danh từ chung: «{proper}» "
                                              f"(đơn vị hành chính mang tên người)")
            elif after.startswith(after_ok):
                continue
            else:
                allowed_len, place_len = _ends_with(before, allowed), _ends_with(before, place)
                if allowed_len and allowed_len >= place_len:
                    continue
                if place_len:
                    case, message = None, (f"«{p['name']}» đứng một mình chỉ Chủ tịch Hồ Chí Minh; nói về thành phố "
                                           f"phải viết «Thành phố {p['name']}»")
                else:
                    case, message = "unclear", (f"«{p['name']}» không có «Thành phố», «Chủ tịch»… đi trước: nếu nói "
                                                f"về thành phố, viết «Thành phố {p['name']}»")
            if case in reported:
                continue
            reported.add(case)
            count += 1
            if count > limit:
                yield Violation(f"… và các chỗ khác (chỉ liệt kê {limit} chỗ đầu)", block)
                return
            yield Violation(f"{message}: «{_excerpt(text, found.start(), found.end())}»", block, case=case)


# --- ND3: border, sea and ethnic duties in a province without them ----------------------------------

_UNIT_LINE = re.compile(r"\b(TỈNH|THÀNH PHỐ|TP\.?)\s+([^\W\d_][^\n,;:()]{1,30})")


def province_of(m: DocModel) -> Unit | None:
    """The unit whose plan this is, from the issuing body in the header ("ỦY BAN NHÂN DÂN / TỈNH GIA
    LAI", "UBND THÀNH PHỐ HÀ NỘI", "SỞ … / TỈNH …"); None when the header names no unit the registry knows."""
    from .header import agency_blocks

    lines = [line for b in agency_blocks(m) for line in b.text.splitlines()]
    if not lines:  # a header typed as plain paragraphs the header finder did not take
        lines = [line for b in _text_blocks(m)[:8] for line in b.text.splitlines()
                 if not (QUOC_HIEU.match(line.strip()) or TIEU_NGU.match(line.strip()) or NUMBER.match(line.strip())
                         or PLACE_DATE.search(line))]
    registry = bundled_registry()
    for line in lines:
        squeezed = " ".join(vn.fold_tones(line).split())
        for found in _UNIT_LINE.finditer(squeezed.upper()):
            words = found.group(2).split()
            for n in range(min(4, len(words)), 0, -1):  # "LÂM ĐỒNG SỞ NỘI VỤ" on one line: the longest known name
                unit = registry.find(" ".join(words[:n]))
                if unit is not None:
                    return unit
    return None


@cache
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(vn.fold_tones(p), re.IGNORECASE) for p in patterns)


def _lacks(unit: Unit) -> dict[str, str]:
    """What the unit does not have, keyed as the rule's params, with how a message says it."""
    data = unit.data
    border, coast = bool(data.get("land_border")), bool(data.get("coastal"))
    out = {}
    if not border:
        out["land_border"] = "không có đường biên giới trên đất liền"
    if not border and not coast:
        out["border_guard"] = "không có biên giới, không giáp biển (không có Bộ đội Biên phòng)"
    if not coast:
        out["coastal"] = "không giáp biển"
    if not data.get("sea_islands"):
        out["sea_islands"] = "không có đảo, đặc khu"
    if data.get("ethnic_minorities") is False:  # None: not recorded, not judged
        out["ethnic_minorities"] = "không có vùng đồng bào dân tộc thiểu số"
    return out


@check("province_facts")
def province_facts(m: DocModel, p: dict) -> Result:
    unit = province_of(m)
    if unit is None:
        yield Unknown("không xác định được tỉnh, thành phố ban hành (dòng tên cơ quan ở khối đầu)")
        return
    on, reform = m.citation_date, p.get("units_from", dt.date(2025, 7, 1))
    if unit.merged_from and (on is None or on < reform):
        when = f"ngày {vn.short_date(on)}" if on else "không rõ ngày"
        yield Unknown(f"{unit.level} {unit.name} được hợp nhất từ 01/7/2025; văn bản {when}: dữ liệu tỉnh chỉ là của "
                      f"đơn vị mới, không đánh giá (dùng --date nếu văn bản ban hành sau 01/7/2025)")
        return
    lacks = _lacks(unit)
    for block in _text_blocks(m):
        text = vn.fold_tones(block.text)
        for fact, why in lacks.items():
            for pattern in _compiled(tuple(p.get(fact, []))):
                found = pattern.search(text)
                if found:
                    yield Violation(f"{unit.level} {unit.name} {why}, nhưng văn bản viết «{found.group(0)}»: "
                                    f"«{_excerpt(text, found.start(), found.end())}»", block)
                    break


# --- ND4: one body given duties in two items ----------------------------------------------------------

_ROMAN = re.compile(r"^([IVXLC]+)\.\s")
_ITEM = re.compile(r"^(\d{1,2})\.\s+(.+)")
_NAME_END = re.compile(r"\s*(:|;|\(|\.\s|\.$| - | – |\bchủ trì\b|\bcó trách nhiệm\b|\bphối hợp\b|\bthực hiện\b"
                       r"|\btham mưu\b|\bhướng dẫn\b|\btriển khai\b|\btổ chức\b)")


def _items(m: DocModel, heading: str) -> list[tuple[Para, str]]:
    """The numbered items ("1. Sở …") of the part whose heading holds `heading`, up to the next
    Roman-numbered part, with the body each names."""
    out: list[tuple[Para, str]] = []
    inside = False
    for block in _text_blocks(m):
        if block.table is not None:
            continue
        text = block.text.strip()
        if _ROMAN.match(text):
            inside = heading in " ".join(vn.upper(text).split())
            continue
        found = _ITEM.match(text) if inside else None
        if found:
            out.append((block, found.group(2)))
    return out


@check("body_named_twice")
def body_named_twice(m: DocModel, p: dict) -> Result:
    abbreviations = p.get("abbreviations", {})
    leads = tuple(f"{w} " for w in p.get("lead_words", []))
    seen: dict[str, tuple[Para, str]] = {}
    for block, rest in _items(m, p["section"]):
        name = _NAME_END.split(rest, maxsplit=1)[0].strip(" ,.")
        key = vn.name_key(name, abbreviations)
        for lead in leads:
            key = key.removeprefix(lead)
        if len(key.split()) < 2 or len(key.split()) > 14:
            continue  # not a body's name ("Kinh phí", a whole sentence)
        if key in seen:
            first, first_name = seen[key]
            how = "cùng tên" if first_name == name else f"«{first_name}» và «{name}» là một cơ quan"
            yield Violation(f"một cơ quan được giao nhiệm vụ ở hai khoản ({how}): khoản «{first.text.strip()[:60]}» "
                            f"và khoản này; gộp làm một", block)
        else:
            seen[key] = (block, name)
