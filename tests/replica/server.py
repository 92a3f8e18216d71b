"""Serve a replica Site over HTTP on loopback, and log every request (path, user agent) for the tests."""

from __future__ import annotations

import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.replica.site import Site, standard_site


class ReplicaServer:
    """A replica on 127.0.0.1 in a background thread. ``requests`` lists (path, user agent) as served."""

    def __init__(self, site_factory=standard_site, host: str = "127.0.0.1", port: int = 0, tls: bool = False):
        self.requests: list[tuple[str, str]] = []
        self.arrivals: list[float] = []   # time.monotonic() of each request, in the order served
        self._lock = threading.Lock()
        # Hold every article request after the first ``hold_after`` until ``release`` is set (crash tests).
        self.hold_after: int | None = None
        self.holding = threading.Event()
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (http.server's naming)
                with server._lock:
                    server.requests.append((self.path, self.headers.get("User-Agent", "")))
                    server.arrivals.append(time.monotonic())
                    fault = server.site.take_fault(self.path)
                    status, content_type, body = server.site.render(self.path)
                    served = sum(1 for p, _ in server.requests if p.startswith("/index.php/post/"))
                if server.hold_after is not None and served > server.hold_after:
                    server.holding.set()
                    server.release.wait(60)
                if fault:
                    self.close_connection = True
                    if fault == "reset":  # close with RST, no response at all
                        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                        return
                    if fault in ("404", "500", "503"):
                        status, content_type, body = int(fault), "text/html; charset=utf-8", b"<h1>busy</h1>"
                    elif fault == "slow":
                        time.sleep(server.site.slow_seconds)
                    elif fault.startswith("redirect:"):
                        self.send_response(302)
                        self.send_header("Location", fault.split(":", 1)[1])
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    elif fault == "truncate":
                        self.send_response(status)
                        self.send_header("Content-Type", content_type)
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body[: len(body) // 2])
                        self.wfile.flush()
                        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                        return
                    elif fault == "huge":
                        body = body.replace(b"</body>", b"<!--" + b"x" * (2 * 1024 * 1024) + b"--></body>")
                    elif fault in ("gbk_as_utf8", "gbk_undeclared"):
                        text = body.decode("utf-8")
                        if fault == "gbk_undeclared":
                            text = text.replace('<meta charset="utf-8">', "")
                            content_type = "text/html"
                        body = text.encode("gb18030")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args):  # keep test output quiet
                pass

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        if tls:  # https with a self-signed certificate (Scrapy does not verify certificates)
            from tests.replica.tls import server_context

            self.httpd.socket = server_context().wrap_socket(self.httpd.socket, server_side=True)
        self.url = f"{'https' if tls else 'http'}://{host}:{self.httpd.server_address[1]}"
        self.site: Site = site_factory(self.url)
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "ReplicaServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def paths(self, prefix: str = "") -> list[str]:
        with self._lock:
            return [path for path, _ in self.requests if path.startswith(prefix)]

    def clear_log(self) -> None:
        with self._lock:
            self.requests.clear()
            self.arrivals.clear()
