"""Serve a replica Site over HTTP on loopback, and log every request (path, user agent) for the tests."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.replica.site import Site, standard_site


class ReplicaServer:
    """A replica on 127.0.0.1 in a background thread. ``requests`` lists (path, user agent) as served."""

    def __init__(self, site_factory=standard_site, host: str = "127.0.0.1", port: int = 0):
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (http.server's naming)
                with server._lock:
                    server.requests.append((self.path, self.headers.get("User-Agent", "")))
                    status, content_type, body = server.site.render(self.path)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format, *args):  # keep test output quiet
                pass

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://{host}:{self.httpd.server_address[1]}"
        self.site: Site = site_factory(self.url)
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "ReplicaServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def paths(self, prefix: str = "") -> list[str]:
        with self._lock:
            return [path for path, _ in self.requests if path.startswith(prefix)]

    def clear_log(self) -> None:
        with self._lock:
            self.requests.clear()
