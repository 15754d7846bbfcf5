"""Opening the port for `drafter serve` before saying the page is running.

uvicorn binds the port itself, after the command has printed "đang chạy ở …", and a busy port then
ends in its English "address already in use" (exit 3). drafter binds the socket first, says in
Vietnamese why it could not (errors.os_reason), and hands the open socket to uvicorn: nothing can
take the port between the check and the start.
"""

from __future__ import annotations

import errno
import socket

from ..errors import UserError, os_reason

PORTS = range(1, 65536)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to host:port (as uvicorn would bind it), or a UserError saying why not."""
    if port not in PORTS:
        raise UserError(f"--port {port}: cổng phải từ 1 đến 65535 (ví dụ --port 8000)")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise UserError(f"không mở được trang ở {host}:{port}: {_why(exc, host, port)}") from None
    sock.set_inheritable(True)
    return sock


def _why(exc: OSError, host: str, port: int) -> str:
    if isinstance(exc, socket.gaierror):
        return f"không tìm thấy địa chỉ {host!r} (dùng --host 127.0.0.1 hoặc một địa chỉ của máy này)"
    reason = os_reason(exc, "mở cổng này")
    if exc.errno == errno.EADDRINUSE:
        return f"{reason} (có thể là một drafter serve khác); chọn cổng khác, ví dụ --port {_next(port)}"
    if exc.errno in (errno.EACCES, errno.EPERM) and port < 1024:
        return f"{reason}: cổng dưới 1024 cần quyền quản trị; chọn cổng khác, ví dụ --port 8000"
    return reason


def _next(port: int) -> int:
    return port + 1 if port < 65535 else 8000


def run(app, sock: socket.socket) -> None:
    """Serve the app on an already bound socket until Ctrl+C."""
    import uvicorn

    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])
