"""A real, threaded HTTP server on loopback with named endpoints for each hostile behaviour (socket I/O).

Every endpoint is one method, ``endpoint_<first path segment>``. The server records how
often each path was requested and the headers of the last request, so tests can assert what reached
the wire (or that nothing did).
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import ssl
import struct
import threading
import zlib
from collections import Counter
from collections.abc import Callable
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import brotli  # type: ignore[import-untyped]  # no stubs published

ARTICLE = (
    "<p>Café déjà vu: a naïve façade, a crème brûlée and a résumé, très élégant. "
    "Les élèves étudient à l'école près de la forêt; où est le château? Voilà, c'est déjà l'été.</p>"
)
BOMB_BYTES = 128 * 1024 * 1024  # what each bomb expands to
ZERO_MIB = b"\0" * (1024 * 1024)


def page(body: str = ARTICLE, head: str = "") -> str:
    """A small HTML document."""
    return f"<!DOCTYPE html><html><head>{head}<title>Test page</title></head><body>{body}</body></html>"


@cache
def gzip_bomb(layers: int = 1) -> bytes:
    """``BOMB_BYTES`` of zeros, gzip-compressed ``layers`` times, built in 1 MiB steps."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    data = b"".join(packer.compress(ZERO_MIB) for _ in range(BOMB_BYTES // len(ZERO_MIB))) + packer.flush()
    for _ in range(layers - 1):
        data = gzip.compress(data, 9)
    return data


@cache
def brotli_bomb() -> bytes:
    """``BOMB_BYTES`` of zeros as a brotli stream of a few hundred bytes."""
    packer = brotli.Compressor(quality=5)
    chunks = [packer.process(ZERO_MIB) for _ in range(BOMB_BYTES // len(ZERO_MIB))]
    bomb: bytes = b"".join(chunks) + packer.finish()
    return bomb


class Handler(BaseHTTPRequestHandler):
    """Dispatches ``GET /<name>/...`` to ``endpoint_<name>``."""

    server: HostileServer
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, each response waited ~40 ms for a
    # delayed ACK, which would make the loopback figures measure the kernel, not the fetcher.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: pytest output is for failures."""

    def handle(self) -> None:
        """Serve the connection; a client that drops or resets it is normal here, not an error."""
        try:
            super().handle()
        except (ConnectionResetError, BrokenPipeError, TimeoutError):
            self.close_connection = True

    def do_GET(self) -> None:
        """Record the request, then run the endpoint named by the first path segment."""
        path = urlsplit(self.path).path
        self.server.record(path, dict(self.headers.items()))
        if getattr(self, "drop_next_request", False):  # (see endpoint_stale)
            self.close_connection = True
            return
        name = path.strip("/").split("/", 1)[0].replace("-", "_").replace(".", "_") or "index"
        endpoint: Callable[[], None] | None = getattr(self, f"endpoint_{name}", None)
        try:
            if endpoint is None:
                self.send_body(404, page("<p>not found</p>").encode())
            else:
                endpoint()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up: exactly what many tests want

    # --- helpers -------------------------------------------------------------------------------
    @property
    def parts(self) -> list[str]:
        """Path segments after the endpoint name."""
        return urlsplit(self.path).path.strip("/").split("/")[1:]

    def send_body(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        """A complete response with an honest Content-Length."""
        all_headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        self.send_response(status)
        for name, value in all_headers.items():
            self.send_header(name, value)
        if "Content-Length" not in all_headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_head(self, status: int, headers: dict[str, str]) -> None:
        """Status and headers only; the endpoint writes the body its own (mis)way."""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.flush()

    def stopped(self, seconds: float) -> bool:
        """Wait ``seconds``; True once the server is shutting down."""
        return self.server.stopping.wait(seconds)

    # --- robots and plain pages ------------------------------------------------------------------
    def endpoint_robots_txt(self) -> None:
        """robots.txt as configured for this server (404 when ``None``)."""
        if self.server.robots is None:
            self.send_body(404, b"no robots here", {"Content-Type": "text/plain"})
        elif self.server.robots.startswith("status:"):  # e.g. "status:503": robots.txt fails that way
            code = int(self.server.robots.split(":", 1)[1])
            self.send_body(code, b"robots.txt failed", {"Content-Type": "text/plain", "Retry-After": "9"})
        else:
            self.send_body(200, self.server.robots.encode(), {"Content-Type": "text/plain"})

    def endpoint_index(self) -> None:
        """A plain UTF-8 page with the charset in the header."""
        self.send_body(200, page().encode())

    endpoint_private = endpoint_index  # disallowed by the default robots.txt

    def endpoint_echo(self) -> None:
        """A page that shows the request headers (so tests can see what was sent)."""
        self.send_body(200, page(f"<pre>{dict(self.headers.items())}</pre>").encode())

    def endpoint_charset(self) -> None:
        """The article in several encodings; ``/charset/<name>``."""
        kind = self.parts[0]
        if kind == "cp1252-meta":
            body = page(ARTICLE + "<p>\u201cquotes\u201d \u2013 \u20ac5</p>", '<meta charset="windows-1252">')
            self.send_body(200, body.encode("cp1252"), {"Content-Type": "text/html"})
        elif kind == "utf8-header-latin1-body":
            self.send_body(200, page().encode("latin-1"), {"Content-Type": "text/html; charset=utf-8"})
        elif kind == "utf16-bom":
            self.send_body(200, page().encode("utf-16"), {"Content-Type": "text/html"})
        elif kind == "utf8-no-header":
            self.send_body(200, page().encode("utf-8"), {"Content-Type": "text/html"})

    def endpoint_not_html(self) -> None:
        """JSON: not a page."""
        self.send_body(200, b'{"a": 1}', {"Content-Type": "application/json"})

    def endpoint_binary(self) -> None:
        """PDF or PNG bytes labelled text/html: ``/binary/pdf``, ``/binary/png``."""
        magic = {"pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "png": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"}
        self.send_body(200, magic[self.parts[0]] + b"\0" * 4096)

    def endpoint_status(self) -> None:
        """Any status: ``/status/<code>``; 429 and 503 carry ``Retry-After: 7``."""
        code = int(self.parts[0])
        headers = {"Retry-After": "7"} if code in (429, 503) else {}
        self.send_body(code, page(f"<p>status {code}</p>").encode(), headers)

    def endpoint_etag(self) -> None:
        """ETag/Last-Modified; a matching If-None-Match gets 304."""
        validators = {"ETag": '"v1"', "Last-Modified": "Wed, 21 Oct 2026 07:28:00 GMT"}
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_head(304, validators)
        else:
            self.send_body(200, page().encode(), validators)

    # --- compression ----------------------------------------------------------------------------
    def endpoint_gzip(self) -> None:
        """A gzip-encoded page."""
        self.send_body(200, gzip.compress(page().encode()), {"Content-Encoding": "gzip"})

    def endpoint_br(self) -> None:
        """A brotli-encoded page."""
        self.send_body(200, brotli.compress(page().encode()), {"Content-Encoding": "br"})

    def endpoint_stacked(self) -> None:
        """Two codings stacked (gzip, then brotli over it); ``/stacked/<n>``: n gzip layers."""
        if not self.parts:
            body = brotli.compress(gzip.compress(page().encode()))
            self.send_body(200, body, {"Content-Encoding": "gzip, br"})
            return
        layers, body = int(self.parts[0]), page().encode()
        for _ in range(layers):
            body = gzip.compress(body)
        self.send_body(200, body, {"Content-Encoding": ", ".join(["gzip"] * layers)})

    def endpoint_bomb(self) -> None:
        """Decompression bombs: ``/bomb/gzip``, ``/bomb/br``, ``/bomb/stacked`` (gzip, gzip)."""
        kind = self.parts[0]
        if kind == "br":
            self.send_body(200, brotli_bomb(), {"Content-Encoding": "br"})
        elif kind == "stacked":
            self.send_body(200, gzip_bomb(2), {"Content-Encoding": "gzip, gzip"})
        else:
            self.send_body(200, gzip_bomb(1), {"Content-Encoding": "gzip"})

    # --- broken bodies and timing ---------------------------------------------------------------
    def endpoint_endless(self) -> None:
        """An HTML body that never ends (no length, connection close)."""
        self.close_connection = True
        self.send_head(200, {"Content-Type": "text/html", "Connection": "close"})
        chunk = b"<p>" + b"endless " * 8000 + b"</p>\n"
        while not self.server.stopping.is_set():
            self.wfile.write(chunk)

    def endpoint_length(self) -> None:
        """Content-Length lies: ``/length/long`` (promises more) or ``/length/short`` (sends more)."""
        body = page().encode()
        self.close_connection = True
        if self.parts[0] == "long":
            self.send_head(200, {"Content-Type": "text/html", "Content-Length": str(len(body) * 4)})
            self.wfile.write(body)
        else:
            self.send_head(200, {"Content-Type": "text/html", "Content-Length": "40"})
            self.wfile.write(body + b"<p>trailing bytes beyond the declared length</p>" * 10)

    def endpoint_stale(self) -> None:
        """A good page on a kept-alive connection, whose next request is then closed without a response:
        what a client meets when it reuses a connection the server has closed meanwhile."""
        self.send_body(200, page().encode())
        self.drop_next_request = True

    def endpoint_reset(self) -> None:
        """Half a body, then a TCP reset (RST via SO_LINGER 0)."""
        self.close_connection = True
        self.send_head(200, {"Content-Type": "text/html", "Content-Length": "100000"})
        self.wfile.write(page().encode())
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

    def endpoint_drip(self) -> None:
        """One byte per second of a 1000-byte body."""
        self.close_connection = True
        self.send_head(200, {"Content-Type": "text/html", "Content-Length": "1000"})
        for _ in range(1000):
            self.wfile.write(b"a")
            self.wfile.flush()
            if self.stopped(1.0):
                return

    def endpoint_stall(self) -> None:
        """Accept the request and never answer."""
        self.close_connection = True
        self.stopped(120.0)

    # --- redirects ------------------------------------------------------------------------------
    def endpoint_redirect(self) -> None:
        """``/redirect/<code|mix>/<n>``: n more redirects, then a page (mix cycles 301/302/307/308)."""
        kind, left = self.parts[0], int(self.parts[1])
        if left == 0:
            self.send_body(200, page().encode())
            return
        codes = (301, 302, 307, 308)
        code = codes[left % 4] if kind == "mix" else int(kind)
        self.send_body(code, b"", {"Location": f"/redirect/{kind}/{left - 1}"})

    def endpoint_loop(self) -> None:
        """A redirect to itself."""
        self.send_body(302, b"", {"Location": "/loop"})

    def endpoint_refresh(self) -> None:
        """``/refresh?url=...&delay=0``: a 200 page whose meta refresh sends the reader to ``url``."""
        query = parse_qs(urlsplit(self.path).query)
        target, delay = query["url"][0], query.get("delay", ["0"])[0]
        head = f'<meta http-equiv="refresh" content="{delay}; url={target}">'
        self.send_body(200, page("<p>Redirecting...</p>", head).encode())

    def endpoint_to(self) -> None:
        """``/to?url=...``: a 302 to any URL (internal addresses included)."""
        target = parse_qs(urlsplit(self.path).query)["url"][0]
        self.send_body(302, b"", {"Location": target})


class HostileServer(ThreadingHTTPServer):
    """The server: started in a thread on a free port of ``host``; ``stop()`` ends every endpoint."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, host: str = "127.0.0.1", robots: str | None = None, tls: ssl.SSLContext | None = None
    ) -> None:
        super().__init__((host, 0), Handler)
        self.host = host
        self.scheme = "https" if tls else "http"
        if tls is not None:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.robots = robots
        self.stopping = threading.Event()
        self.hits: Counter[str] = Counter()
        self.last_headers: dict[str, dict[str, str]] = {}
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._thread = threading.Thread(target=self.serve_forever, name="hostile-server", daemon=True)

    @property
    def port(self) -> int:
        """The port the kernel gave us."""
        return int(self.server_address[1])

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` on this server."""
        return f"{self.scheme}://{self.host}:{self.port}{path}"

    def record(self, path: str, headers: dict[str, str]) -> None:
        """Count a request (called from handler threads)."""
        with self._lock:
            self.hits[path] += 1
            self.last_headers[path] = headers

    def get_request(self) -> tuple[socket.socket, Any]:
        """Accept a connection and remember it, so ``stop`` can cut keep-alive connections too."""
        conn, address = super().get_request()
        with self._lock:
            self._open.add(conn)
        return conn, address

    def start(self) -> HostileServer:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release every waiting endpoint and stop serving."""
        self.stopping.set()
        self.shutdown()
        self.server_close()
        # A pooled client connection would otherwise still be served by this server's handler
        # threads, even after a new server took over the same port.
        with self._lock:
            for conn in self._open:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
            self._open.clear()
