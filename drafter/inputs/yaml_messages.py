"""PyYAML's syntax errors in Vietnamese.

PyYAML reports a bad file in English ("mapping values are not allowed here", "did not find expected
',' or ']'"), and which words it uses depends on whether the wheel was built with libyaml (the C
parser words things differently from the pure-Python one) and on the release: 6.0.4 added libyaml's
"exceeded maximum nesting depth", which a new user met inside a Vietnamese message. A drafter who
typed a colon in the wrong place should read what to fix in their own language, so every problem
and context either parser can raise is matched here by pattern; the quoted character or token a
message names is kept. A message no pattern knows still gets a Vietnamese sentence (the position
and a list of the usual causes), never the English text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_Render = Callable[[re.Match[str]], str]


def _token(raw: str) -> str:
    """A token as PyYAML names it ("'<scalar>'", "'\\t'", "'-'") in words a person recognises."""
    value = raw.strip().strip("'\"")
    names = {"<scalar>": "một giá trị", "<block mapping start>": "một nhóm khóa: giá trị",
             "<block sequence start>": "một danh sách", "<block end>": "chỗ kết thúc khối",
             "<stream end>": "cuối tệp", "<document start>": "đầu tài liệu (---)",
             "<document end>": "cuối tài liệu (...)", "<flow mapping start>": "dấu {",
             "<flow sequence start>": "dấu [", "<flow mapping end>": "dấu }", "<flow sequence end>": "dấu ]",
             "<flow entry>": "dấu phẩy", "<key>": "một khóa", "<value>": "dấu hai chấm",
             "<anchor>": "một nhãn &…", "<alias>": "một bí danh *…", "<tag>": "một thẻ !…",
             "<block entry>": "dấu gạch đầu dòng -", "\\t": "dấu tab", "\\x00": "ký tự rỗng (mã 0)",
             "\\n": "xuống dòng", " ": "khoảng trắng"}
    return names.get(value, f"«{value}»")


#: (pattern, Vietnamese) for every problem PyYAML (pure Python or libyaml) can report.
PROBLEMS: list[tuple[re.Pattern[str], _Render]] = [(re.compile(p, re.I | re.S), r) for p, r in [
    (r"^exceeded maximum nesting depth$", lambda m: "dữ liệu lồng quá sâu (quá nhiều ngoặc [ hoặc { lồng nhau)"),
    (r"^mapping values are not allowed (?:here|in this context)$",
     lambda m: "dấu hai chấm không được đặt ở đây: giá trị có dấu «: » cần đặt trong ngoặc kép, "
               "hoặc khóa này thụt lề sai"),
    (r"^mapping keys are not allowed (?:here|in this context)$",
     lambda m: "không được đặt khóa ở đây (dấu «?» hoặc thụt lề sai)"),
    (r"^(?:block )?sequence entries are not allowed (?:here|in this context)$",
     lambda m: "không được đặt mục danh sách «- » ở đây: kiểm tra thụt lề của dòng này"),
    (r"^(?:did not find|expected) (?:expected )?',' or '\]'(?:, but (?:got|found) (.*))?$",
     lambda m: "thiếu dấu phẩy hoặc dấu ] đóng danh sách" + (f" (gặp {_token(m[1])})" if m[1] else "")),
    (r"^(?:did not find|expected) (?:expected )?',' or '\}'(?:, but (?:got|found) (.*))?$",
     lambda m: "thiếu dấu phẩy hoặc dấu } đóng nhóm" + (f" (gặp {_token(m[1])})" if m[1] else "")),
    (r"^found unexpected end of stream$",
     lambda m: "tệp kết thúc giữa chừng: thiếu dấu ngoặc kép, ngoặc ] hoặc } đóng"),
    (r"^found unexpected ':'$", lambda m: "dấu hai chấm không đúng chỗ; đặt giá trị có «:» trong ngoặc kép"),
    (r"^could not find expected ':'$",
     lambda m: "thiếu dấu hai chấm sau khóa (mỗi dòng dạng «khóa: giá trị»), hoặc một giá trị nhiều dòng thụt lề sai"),
    (r"^(?:did not find expected key|expected <block end>, but found (.*))$",
     lambda m: "thụt lề không khớp: dòng này không thẳng cột với các khóa cùng cấp"
               + (f" (gặp {_token(m[1])})" if m[1] else "")),
    (r"^did not find expected '-' indicator$",
     lambda m: "thụt lề không khớp: các mục danh sách «- » phải thẳng cột với nhau"),
    (r"^(?:did not find expected node content|expected the node content, but found (.*))$",
     lambda m: "thiếu giá trị ở đây" + (f" (gặp {_token(m[1])})" if m[1] else "")),
    (r"^found character (.*?) ?that cannot start any token$",
     lambda m: "ký tự không được đứng đầu một giá trị"
               + (f": {_token(m[1])}" if m[1].strip() else "")
               + "; đặt giá trị trong ngoặc kép (ký tự @ ` % hoặc dấu tab thường gây lỗi này)"),
    (r"^found a tab character (?:that violates indentation|where an indentation space is expected)$",
     lambda m: "thụt lề bằng dấu tab; YAML chỉ nhận dấu cách"),
    (r"^found undefined alias(?: (.*))?$",
     lambda m: "bí danh " + (f"{_token(m[1])} " if m[1] else "*… ") + "chưa được khai báo bằng nhãn &…"),
    (r"^could not determine a constructor for the tag (.*)$",
     lambda m: f"thẻ {_token(m[1])} không dùng được trong hồ sơ; bỏ dấu ! hoặc đặt giá trị trong ngoặc kép"),
    (r"^found unhashable key$", lambda m: "khóa không hợp lệ: một danh sách hoặc nhóm không thể làm khóa"),
    (r"^expected a (?:mapping|sequence|scalar) node, but found (.*)$",
     lambda m: "dạng dữ liệu không đúng ở đây (khóa gộp «<<» chỉ nhận nhóm khóa: giá trị)"),
    (r"^found duplicate anchor (.*?)(?:; first occurrence)?$", lambda m: f"nhãn {_token(m[1])} bị khai báo hai lần"),
    (r"^second occurrence$", lambda m: "lần khai báo thứ hai"),
    (r"^found unknown escape character(?: (.*))?$",
     lambda m: "ký tự sau dấu \\ trong ngoặc kép không hợp lệ" + (f" ({_token(m[1])})" if m[1] else "")
               + "; dùng ngoặc đơn '…' hoặc viết \\\\"),
    (r"^expected escape sequence of \d+ hexadecimal numbers, but found (.*)$",
     lambda m: f"mã \\x, \\u hoặc \\U sau dấu \\ không đủ chữ số hệ 16 (gặp {_token(m[1])})"),
    (r"^did not find expected hexdecimal number$", lambda m: "mã \\x, \\u hoặc \\U sau dấu \\ không đủ chữ số hệ 16"),
    (r"^found invalid Unicode character escape code$", lambda m: "mã ký tự Unicode sau dấu \\ không hợp lệ"),
    (r"^found unexpected document (?:indicator|separator)$",
     lambda m: "dòng «---» hoặc «...» giữa chừng: hồ sơ chỉ gồm một tài liệu YAML"),
    (r"^(?:expected a single document in the stream|but found another document)$",
     lambda m: "tệp có nhiều tài liệu YAML (ngăn bởi ---); hồ sơ chỉ gồm một"),
    (r"^(?:did not find expected <document start>|expected '<document start>', but found (.*))$",
     lambda m: "nội dung sau cuối tài liệu: hồ sơ chỉ gồm một tài liệu YAML"),
    (r"^(?:did not find expected alphabetic or numeric character|"
     r"expected alphabetic or numeric character, but found (.*))$",
     lambda m: "tên nhãn & hoặc bí danh * chỉ gồm chữ và số" + (f" (gặp {_token(m[1])})" if m[1] else "")),
    (r"^(?:did not find expected comment or line break|expected a comment or a line break, but found (.*))$",
     lambda m: "sau giá trị này chỉ được có chú thích # hoặc xuống dòng" + (f" (gặp {_token(m[1])})" if m[1] else "")),
    (r"^(?:did not find expected whitespace(?: or line break)?|expected ' ', but found (.*))$",
     lambda m: "thiếu dấu cách" + (f" (gặp {_token(m[1])})" if m[1] else "")),
    (r"^(?:found an indentation indicator equal to 0|expected indentation indicator in the range 1-9, but found 0)$",
     lambda m: "số thụt lề sau | hoặc > phải từ 1 đến 9"),
    (r"^expected chomping or indentation indicators, but found (.*)$",
     lambda m: f"sau | hoặc > chỉ được có + - hoặc một chữ số (gặp {_token(m[1])})"),
    (r"^(?:found undefined tag handle(?: (.*))?|found non-specific tag '!'|did not find expected '!'|"
     r"expected '!', but found (.*)|did not find expected tag URI|expected URI, but found (.*)|"
     r"did not find URI escaped octet|expected URI escape sequence of 2 hexadecimal numbers, but found (.*)|"
     r"found an incorrect (?:leading|trailing) UTF-8 octet|did not find the expected '>'|"
     r"expected '>', but found (.*))$",
     lambda m: "thẻ «!…» không hợp lệ; hồ sơ không dùng thẻ YAML, hãy bỏ dấu ! hoặc đặt giá trị trong ngoặc kép"),
    (r"^(?:found duplicate (?:%TAG|%YAML|tag handle|YAML directive).*|found incompatible YAML document.*|"
     r"incompatible %YAML directive|found unknown directive name|could not find expected directive name|"
     r"found unexpected non-alphabetical character|did not find expected version number|"
     r"found extremely long version number|did not find expected digit or '\.' character|"
     r"expected a digit(?: or '.'| or ' ')?, but found (.*)|duplicate tag handle.*)$",
     lambda m: "dòng bắt đầu bằng % là chỉ thị YAML không hợp lệ; hồ sơ không cần chỉ thị, hãy xóa dòng này"),
    (r"^found duplicate key$", lambda m: "khóa bị lặp"),
    (r"^(?:control characters are not allowed|special characters are not allowed|"
     r"unacceptable character.*|invalid (?:leading|trailing) UTF-8 octet|invalid Unicode character|"
     r"invalid length of a UTF-8 sequence|incomplete UTF-(?:8|16).*|unexpected low surrogate area)$",
     lambda m: "ký tự không được phép trong YAML; hãy xóa ký tự điều khiển dán từ tài liệu khác"),
    (r"^input is too long$", lambda m: "tệp quá lớn"),
    (r"^expected (?:SCALAR, SEQUENCE-START, MAPPING-START, or ALIAS|DOCUMENT-START or STREAM-END|DOCUMENT-END|"
     r"STREAM-START|nothing after STREAM-END)$",
     lambda m: "cấu trúc YAML không hợp lệ ở đây"),
]]

#: What PyYAML was reading when it failed ("while parsing a flow sequence").
CONTEXTS: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.I), vn) for p, vn in [
    (r"^while parsing a flow sequence$", "danh sách trong ngoặc [ ]"),
    (r"^while parsing a flow mapping$", "nhóm trong ngoặc { }"),
    (r"^while parsing a block collection$", "danh sách"),
    (r"^while parsing a (?:block|flow) mapping$", "nhóm khóa: giá trị"),
    (r"^while parsing a (?:block |flow )?node$", "giá trị"),
    (r"^while scanning a (?:double-)?quoted scalar$", "chuỗi trong ngoặc kép"),
    (r"^while parsing a quoted scalar$", "chuỗi trong ngoặc kép"),
    (r"^while scanning a plain scalar$", "giá trị"),
    (r"^while scanning a simple key$", "khóa"),
    (r"^while scanning a block scalar$", "khối văn bản sau | hoặc >"),
    (r"^while scanning an? (?:anchor|alias)$", "nhãn & hoặc bí danh *"),
    (r"^while (?:scanning|parsing) a tag.*$", "thẻ !…"),
    (r"^while (?:scanning|parsing) (?:a|the) (?:%TAG |%YAML )?directive.*$", "chỉ thị %"),
    (r"^while scanning for the next token$", "phần tiếp theo"),
    (r"^while composing a mapping$", "nhóm khóa: giá trị"),
    (r"^while constructing a mapping$", "nhóm khóa: giá trị"),
    (r"^while increasing (?:block|flow) level$", "cấp lồng"),
]]

FALLBACK = ("tệp không đúng cú pháp YAML ở chỗ này; hay gặp nhất: thiếu dấu cách sau dấu hai chấm, thụt lề "
            "không thẳng cột, thiếu ngoặc kép hoặc ngoặc đóng")


def problem(text: str | None) -> str:
    """A PyYAML problem in Vietnamese; FALLBACK for one no pattern knows."""
    text = (text or "").strip()
    for pattern, render in PROBLEMS:
        found = pattern.match(text)
        if found:
            return render(found)
    return FALLBACK


def context(text: str | None) -> str | None:
    """What PyYAML was reading, in Vietnamese, or None when it said nothing (or nothing we know)."""
    text = (text or "").strip()
    for pattern, vn in CONTEXTS:
        if pattern.match(text):
            return vn
    return None


def knows(text: str) -> bool:
    """Whether a problem text has its own translation (the tests hold every known message to it)."""
    return problem(text) != FALLBACK
