"""Test-only HTTP proxy in front of the real engine: Elasticsearch-client compatibility and faults (I/O).

* ``es_compat``: lets the official ``elasticsearch`` client talk to the OpenSearch node. Requests'
  vendor media types (``application/vnd.elasticsearch+json; compatible-with=9``, ``+x-ndjson``) become
  ``application/json`` / ``application/x-ndjson``; responses get ``X-Elastic-Product: Elasticsearch``
  (the client's product check). Bodies pass through unchanged.
* faults on ``_bulk``: answer whole requests with 429 (``reject_requests``), or answer 429 for every
  k-th item (``reject_every``) in the next ``reject_rounds`` bulk requests that hold k items or more
  and reach the engine; rejected items are removed from the request, so the engine never sees them,
  exactly like an engine-side rejection.
* ``slow_requests``/``slow_s``: the next bulk requests reach the engine (which writes them) but the
  answer comes ``slow_s`` late, past the client's timeout: the engine is slower than the timeout.
* ``stop()`` closes the listening socket and every open connection (the engine "goes down");
  ``start()`` binds the same port again.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import urllib3

HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "host", "accept-encoding"}
VENDOR_TYPES = {
    "application/vnd.elasticsearch+json": "application/json",
    "application/vnd.elasticsearch+x-ndjson": "application/x-ndjson",
}


def plain_media_type(value: str) -> str:
    """``application/vnd.elasticsearch+json; compatible-with=9`` -> ``application/json``."""
    base = value.split(";", maxsplit=1)[0].strip().lower()
    return VENDOR_TYPES.get(base, value)


@dataclass
class Faults:
    """What to break next; counters say what was broken."""

    reject_requests: int = 0
    reject_every: int = 0
    reject_rounds: int = 0
    slow_requests: int = 0
    slow_s: float = 0.0
    rejected_requests: int = field(default=0)
    rejected_items: int = field(default=0)
    bulk_requests: int = field(default=0)


def _split_bulk(body: bytes) -> list[tuple[bytes, bytes | None]]:
    lines = [line for line in body.split(b"\n") if line.strip()]
    items: list[tuple[bytes, bytes | None]] = []
    position = 0
    while position < len(lines):
        action = lines[position]
        op = next(iter(json.loads(action)))
        source = lines[position + 1] if op != "delete" else None
        items.append((action, source))
        position += 2 if source is not None else 1
    return items


def _rejected_item(action: bytes) -> dict[str, Any]:
    op, meta = next(iter(json.loads(action).items()))
    error = {"type": "es_rejected_execution_exception", "reason": "rejected by the test fault proxy"}
    return {op: {"_index": meta.get("_index"), "_id": meta.get("_id"), "status": 429, "error": error}}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], proxy: EngineProxy) -> None:
        self.proxy = proxy
        self.connections: set[socket.socket] = set()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        self.connections.add(request)
        super().process_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: a client that timed out and left is what the slow fault is for."""

    def shutdown_request(self, request: Any) -> None:
        self.connections.discard(request)
        super().shutdown_request(request)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read the counters instead."""

    def _relay(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, headers, payload = self.server.proxy.handle(self.command, self.path, dict(self.headers), body)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _relay  # noqa: N815 (http.server's names)


class EngineProxy:
    """A proxy on 127.0.0.1 (random port, kept across stop/start) to ``upstream``."""

    def __init__(self, upstream: str, *, es_compat: bool = False) -> None:
        self.upstream = upstream.rstrip("/")
        self.es_compat = es_compat
        self.faults = Faults()
        self._pool = urllib3.PoolManager(maxsize=8, retries=False, timeout=urllib3.Timeout(total=120))
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> EngineProxy:
        self._server = _Server(("127.0.0.1", self.port), self)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        for connection in list(server.connections):
            with contextlib.suppress(OSError):  # already closed by the client
                connection.shutdown(socket.SHUT_RDWR)

    def handle(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        """Answer one request: a fault, or the engine's answer (translated when ``es_compat``)."""
        if "/_bulk" in path.split("?", maxsplit=1)[0] and method in ("POST", "PUT"):
            return self._bulk(method, path, headers, body)
        return self._forward(method, path, headers, body)

    def _forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        sent = {k: v for k, v in headers.items() if k.lower() not in HOP_HEADERS}
        if self.es_compat:
            sent = {
                k: plain_media_type(v) if k.lower() in ("accept", "content-type") else v
                for k, v in sent.items()
            }
        response = self._pool.request(method, self.upstream + path, body=body or None, headers=sent)
        out = {k: v for k, v in response.headers.items() if k.lower() not in HOP_HEADERS}
        if self.es_compat:
            out["X-Elastic-Product"] = "Elasticsearch"
        return response.status, out, response.data

    def _json(self, status: int, data: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        headers = {"Content-Type": "application/json"}
        if self.es_compat:
            headers["X-Elastic-Product"] = "Elasticsearch"
        return status, headers, json.dumps(data).encode()

    def _bulk(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            self.faults.bulk_requests += 1
            if self.faults.reject_requests > 0:
                self.faults.reject_requests -= 1
                self.faults.rejected_requests += 1
                error = {
                    "type": "es_rejected_execution_exception",
                    "reason": "rejected by the test fault proxy",
                }
                return self._json(429, {"error": {"root_cause": [error], **error}, "status": 429})
            # A round is spent only by a bulk that had items rejected (see _bulk_with_rejections).
            every = self.faults.reject_every if self.faults.reject_rounds > 0 else 0
            slow = self.faults.slow_s if self.faults.slow_requests > 0 else 0.0
            if slow:
                self.faults.slow_requests -= 1
        if slow:
            answer = self._forward(method, path, headers, body)
            time.sleep(slow)
            return answer
        if not every:
            return self._forward(method, path, headers, body)
        return self._bulk_with_rejections(method, path, headers, body, every)

    def _bulk_with_rejections(
        self, method: str, path: str, headers: dict[str, str], body: bytes, every: int
    ) -> tuple[int, dict[str, str], bytes]:
        items = _split_bulk(body)
        rejected = {n for n in range(len(items)) if n % every == every - 1}
        answer = self._forward_rejecting(method, path, headers, items, rejected)
        if rejected and answer[0] == 200:
            with self._lock:
                self.faults.rejected_items += len(rejected)
                self.faults.reject_rounds = max(0, self.faults.reject_rounds - 1)
        return answer

    def _forward_rejecting(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        items: list[tuple[bytes, bytes | None]],
        rejected: set[int],
    ) -> tuple[int, dict[str, str], bytes]:
        """Send the bulk ``items`` not in ``rejected`` on; answer 429 for the rejected ones, in order.

        An engine error on what was sent on is answered as is.
        """
        kept = [item for n, item in enumerate(items) if n not in rejected]
        answers: list[dict[str, Any]] = []
        if kept:
            payload = b"".join(a + b"\n" + (s + b"\n" if s is not None else b"") for a, s in kept)
            status, _headers, data = self._forward(method, path, headers, payload)
            if status != 200:
                return status, _headers, data
            answers = list(json.loads(data)["items"])
        merged = [_rejected_item(items[n][0]) if n in rejected else answers.pop(0) for n in range(len(items))]
        return self._json(200, {"took": 0, "errors": True, "items": merged})
