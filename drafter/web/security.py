"""What every request must pass before it reaches the library: a CSRF token on each form and names
(never paths) for profiles and outputs.

The token is a random nonce signed with a secret this process drew when it started (HMAC-SHA256):
a page of another site (another port of 127.0.0.1 included, since cookies do not tell ports apart)
can set a cookie and post a matching field, but cannot sign one, so equal cookie and field are not
enough. A restarted server does not know the old secret: the page is reloaded and gets a new token.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

#: A file name the server hands out: `<kind>-<year>.docx`, its .pdf and page PNGs `<kind>-<year>-<n>.png`
#: under `<unit slug>/`, or a comparison's tracked-changes copy `<32 hex digits>.docx`.
OUTPUT_NAME = re.compile(r"(?P<slug>[a-z0-9][a-z0-9-]{0,62})/"
                         r"(?P<file>[a-z0-9]{1,16}-\d{4}(?:\.docx|\.pdf|-\d{1,3}\.png)|[0-9a-f]{32}\.docx)")
CSRF_COOKIE = "drafter_csrf"
_SECRET = secrets.token_bytes(32)


def _sign(nonce: str) -> str:
    return hmac.new(_SECRET, nonce.encode(), hashlib.sha256).hexdigest()


def new_token() -> str:
    nonce = secrets.token_urlsafe(24)
    return f"{nonce}.{_sign(nonce)}"


def signed(token: str | None) -> bool:
    """A token this server process made (not one made up elsewhere, nor one of a previous run)."""
    if not token or len(token) > 200:
        return False
    nonce, _, signature = str(token).partition(".")
    return bool(nonce) and same(signature, _sign(nonce))


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def token_ok(cookie: str | None, field: str | None) -> bool:
    """The form's hidden field equals the cookie a page of ours set, and we signed it."""
    return bool(cookie and field) and same(str(cookie), str(field)) and signed(cookie)


def output_name(text: str) -> tuple[str, str] | None:
    found = OUTPUT_NAME.fullmatch(text)
    return (found["slug"], found["file"]) if found else None
