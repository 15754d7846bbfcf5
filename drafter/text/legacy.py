"""Vietnamese text typed in legacy font encodings (TCVN3/ABC ".VnTime", VNI-Times), pasted as Unicode.

Copying from an old Word file set in .VnTime gives "B¶o Th¾ng" for "Bảo Thắng": each byte of the
legacy encoding arrives as the Windows-1252 character with that code. TCVN3 is a one-byte table,
so it is converted back; VNI builds letters from a base vowel plus mark characters, which needs
composition rules, so VNI text is detected and refused with instructions instead of being guessed.

Table: TCVN 5712:1993 (VN3, the encoding of the ABC/.VnTime fonts), bytes 0x80-0xFF; the same
values as GNU libiconv's TCVN converter.
"""

from __future__ import annotations

import re

_TCVN3_HIGH = [
    0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0, 0x1EB6, 0x1EAC, 0x00C8, 0x1EBA, 0x1EBC, 0x00C9, 0x1EB8, 0x1EC6, 0x00CC,
    0x1EC8, 0x0128, 0x00CD, 0x1ECA, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC, 0x1ED8, 0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA,
    0x1EE2, 0x00D9, 0x1EE6, 0x0168, 0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110, 0x0103, 0x00E2,
    0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,
    0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4, 0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0,
    0x1EB7, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD, 0x00E9, 0x1EB9, 0x1EC1, 0x1EC3,
    0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, 0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2, 0x1ED4, 0x1ECF,
    0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
    0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF, 0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD,
    0x1EF5, 0x1ED0,
]
assert len(_TCVN3_HIGH) == 128

# Letters only Vietnamese Unicode text has (ă, đ, ơ, ư and the precomposed tone letters U+1EA0-U+1EF9).
_VIETNAMESE_UNICODE = re.compile("[ăĂđĐơƠưƯ\u1ea0-\u1ef9]")
# Windows-1252 characters that never occur in Vietnamese Unicode text but are letters in TCVN3/VNI.
_LEGACY_SIGNS = set("¡¢£¤¥¦§¨©ª«¬\xad®¯°±²³´µ¶·¸¹º»¼½¾¿ÆÇËÎÏÑÖ×ØÛÜÞßäåæçëîïñö÷øûüþÿ")
# VNI writes a mark character right after its base vowel ("chaøo", "cuûa", "ñoái").
_TOKEN = re.compile(r"[^\s,.;:()\[\]\"'/-]+")
_VNI_MARKS = re.compile(r"[aeiouyAEIOUY][øûïöäåØÛÏÖÄÅ]|[ñÑ][aeiouyoâô]")


def _byte(ch: str) -> int | None:
    code = ord(ch)
    if code < 256:
        return code
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        return None


def kind_of(text: str) -> str | None:
    """ "tcvn3", "vni" or None (ordinary Unicode, or too little to tell)."""
    if _VIETNAMESE_UNICODE.search(text):
        return None
    # A legacy letter sits in a word with other letters ("B¶o", "§iÖn", "cuûa"); a sign in a token of
    # one letter or none ("§C.3", "© 2024", "25°C") is ordinary punctuation, however often it occurs.
    words = sum(1 for token in _TOKEN.findall(text)
                if any(ch in _LEGACY_SIGNS for ch in token)
                and sum(ch.isascii() and ch.isalpha() for ch in token) >= 2)
    if words < 2:
        return None
    return "vni" if len(_VNI_MARKS.findall(text)) >= 2 else "tcvn3"


def from_tcvn3(text: str) -> str:
    out = []
    for ch in text:
        code = _byte(ch)
        out.append(chr(_TCVN3_HIGH[code - 0x80]) if code is not None and code >= 0x80 else ch)
    return "".join(out)
