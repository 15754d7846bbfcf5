"""What is refused before any route runs: a foreign Host (DNS rebinding), a POST from another
site's page (Origin, or Referer without it), and a body over its size; plus the client that went
away mid-upload, which is nobody's error and logs no traceback.

DNS rebinding: a page of evil.example whose name is then made to point at 127.0.0.1 reaches this
server as the same origin, so the browser's own rules do not stop it; only the Host header still
says evil.example. The server therefore answers only to loopback names and the --host it was given
(and, bound to every address, to a bare IP address, which no rebinding can produce).
"""

from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.requests import ClientDisconnect

from .pages import error_page

LOG = logging.getLogger("drafter.web")
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARD = frozenset({"0.0.0.0", "::"})
FORM_LIMIT = 2**20  # a form without files: the profile form is a few KB
BODY_LIMIT = 48 * 2**20  # with files: above the review page's two uploads, which it bounds itself
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
HEADERS = [(b"x-frame-options", b"DENY"), (b"referrer-policy", b"same-origin"),
           (b"x-content-type-options", b"nosniff")]


def host_name(value: str) -> str | None:
    """The name in a Host header ("[::1]:8000" → "::1"), or None when it is not one."""
    value = value.strip().lower()
    if value.startswith("["):
        name, bracket, port = value[1:].partition("]")
        if not bracket or (port and not (port[:1] == ":" and port[1:].isdigit())):
            return None
        return name or None
    name, colon, port = value.partition(":")
    if colon and not port.isdigit():
        return None
    return name or None


def host_allowed(name: str | None, served: str | None) -> bool:
    if name is None:
        return False
    if name in LOOPBACK:
        return True
    served = (served or "").strip("[]").lower()
    if served in WILDCARD:
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True
    return bool(served) and name == served


def same_origin(headers: Headers, scheme: str) -> bool:
    """The page that sent the form is one of ours. A client that sends neither Origin nor Referer
    is not a browser (browsers send Origin with every cross-site POST); the signed token still holds."""
    own = f"{scheme}://{headers.get('host', '')}".lower()
    origin = headers.get("origin")
    if origin is not None:
        return origin.strip().lower() == own
    referer = headers.get("referer")
    if referer is None:
        return True
    parts = urlsplit(referer)
    return f"{parts.scheme}://{parts.netloc}".lower() == own


def body_refusal(headers: Headers) -> tuple[int, str] | None:
    declared = headers.get("content-length", "")
    if not declared.isdigit():
        return 411, "Trình duyệt không cho biết kích thước dữ liệu gửi lên: tải lại trang rồi gửi lại."
    multipart = headers.get("content-type", "").lower().startswith("multipart/form-data")
    limit = BODY_LIMIT if multipart else FORM_LIMIT
    if int(declared) > limit:
        return 413, f"Dữ liệu gửi lên quá lớn (tối đa {limit // 2**20} MB)."
    return None


class Guard:
    """ASGI middleware: every check above, and safe headers on every answer."""

    def __init__(self, app, served_host: str | None = None) -> None:
        self.app = app
        self.served_host = served_host

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await error_page(*refusal)(scope, receive, send)
            return

        async def send_safe(message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        try:
            await self.app(scope, receive, send_safe)
        except ClientDisconnect:
            LOG.info("%s %s: trình duyệt đã ngắt kết nối giữa chừng", scope["method"], scope["path"])

    def _refusal(self, scope, headers: Headers) -> tuple[int, str] | None:
        if not host_allowed(host_name(headers.get("host", "")), self.served_host):
            return 400, ("Địa chỉ trang không phải của máy này (tên máy lạ trong yêu cầu): mở trang bằng "
                         "http://127.0.0.1 hoặc http://localhost.")
        if scope["method"] in UNSAFE:
            if not same_origin(headers, scope.get("scheme", "http")):
                return 403, ("Biểu mẫu được gửi từ một trang khác, không phải trang drafter: đã từ chối. "
                             "Mở trang drafter, tải lại trang rồi gửi lại.")
            return body_refusal(headers)
        return None
