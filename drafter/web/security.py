"""What every request must pass before it reaches the library: a CSRF token on each form and names
(never paths) for profiles and outputs."""

from __future__ import annotations

import hmac
import re
import secrets

#: A file name the server hands out: `<kind>-<year>.docx`, its .pdf and page PNGs `<kind>-<year>-<n>.png`
#: under `<unit slug>/`, or a comparison's tracked-changes copy `<32 hex digits>.docx`.
OUTPUT_NAME = re.compile(r"(?P<slug>[a-z0-9][a-z0-9-]{0,62})/"
                         r"(?P<file>[a-z0-9]{1,16}-\d{4}(?:\.docx|\.pdf|-\d{1,3}\.png)|[0-9a-f]{32}\.docx)")
CSRF_COOKIE = "drafter_csrf"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_ok(cookie: str | None, field: str | None) -> bool:
    """Double-submit check: the form's hidden field equals the cookie a page of ours set."""
    return bool(cookie and field) and hmac.compare_digest(str(cookie), str(field))


def output_name(text: str) -> tuple[str, str] | None:
    found = OUTPUT_NAME.fullmatch(text)
    return (found["slug"], found["file"]) if found else None
