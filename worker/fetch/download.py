"""One GET with redirects followed by hand, every hop checked like the first (network I/O).

:class:`Downloader` owns the hop loop: the guard checks each URL before it is requested (and the
session checks the address it resolves to), an optional ``before_hop`` callback (robots.txt) runs on
each hop, at most ``max_redirects`` redirects are followed, and the whole exchange shares one
wall-clock deadline. Library exceptions become classified errors in :func:`translate_errors`, the
only place that knows requests' and urllib3's exception types.
"""

from __future__ import annotations

import http.client
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin

import requests
import urllib3.exceptions as u3

from worker.errors import IngestError, PermanentError, TransientError
from worker.fetch.body import read_body, remaining
from worker.fetch.guard import Guard
from worker.fetch.limits import Limits, check_content_length, check_content_type
from worker.fetch.retry import status_error

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"


@dataclass(frozen=True, slots=True)
class RawPage:
    """A finished exchange: the last hop's status and headers and the decoded-transfer body."""

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    elapsed_ms: float = 0.0


@dataclass(frozen=True, slots=True)
class Downloader:
    """Fetches one URL through the guarded session within the limits."""

    session: requests.Session
    guard: Guard
    limits: Limits
    max_redirects: int = 5

    def get(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        *,
        html_only: bool = True,
        before_hop: Callable[[str], object] | None = None,
    ) -> RawPage:
        """Follow redirects to the final response; raise a classified error on any failure."""
        started = time.monotonic()
        deadline = started + self.limits.deadline_s
        current = url
        for hop in range(self.max_redirects + 1):
            self.guard.check_url(current)
            if before_hop is not None and hop > 0:
                before_hop(current)
            with translate_errors(deadline), closing(self._send(current, headers, hop, deadline)) as resp:
                target = redirect_target(current, resp)
                if target is None:
                    body = self._body(resp, deadline, html_only)
                    elapsed = (time.monotonic() - started) * 1000
                    return RawPage(url, current, resp.status_code, _lower(resp.headers), body, elapsed)
            current = target
        raise PermanentError("too_many_redirects", f"more than {self.max_redirects} redirects from {url}")

    def _send(
        self, url: str, headers: Mapping[str, str] | None, hop: int, deadline: float
    ) -> requests.Response:
        # Validators belong to the URL asked for, not to wherever it redirects.
        sent = {"Accept": ACCEPT, **(headers or {})} if hop == 0 else {"Accept": ACCEPT}
        try:
            return self._request(url, sent, deadline)
        except requests.ConnectionError as exc:
            if not _closed_without_response(exc):
                raise
        # A kept-alive connection the server had closed meanwhile (the pool cannot always tell in
        # time): no response came, so the GET goes once more, on a new connection.
        return self._request(url, sent, deadline)

    def _request(self, url: str, headers: Mapping[str, str], deadline: float) -> requests.Response:
        left = remaining(deadline)
        timeout = (min(self.limits.connect_timeout_s, left), min(self.limits.read_timeout_s, left))
        return self.session.get(url, headers=headers, stream=True, allow_redirects=False, timeout=timeout)

    def _body(self, resp: requests.Response, deadline: float, html_only: bool) -> bytes:
        if resp.status_code == 304:
            return b""
        if not 200 <= resp.status_code < 300:
            raise status_error(resp.status_code, resp.headers.get("Retry-After"))
        if html_only:
            check_content_type(resp.headers.get("Content-Type", ""))
        check_content_length(resp.headers.get("Content-Length"), self.limits.max_bytes)
        body = read_body(resp.raw, self.limits, deadline, sniff=html_only)
        # Read to the end: hand the connection back to the pool (closing the response would drop it).
        resp.raw.release_conn()
        return body


def redirect_target(current: str, resp: requests.Response) -> str | None:
    """The absolute URL a redirect points to, or ``None`` when the response is final."""
    if resp.status_code not in REDIRECT_STATUSES:
        return None
    location = resp.headers.get("Location")
    if not location:
        raise PermanentError("redirect_without_location", f"HTTP {resp.status_code} without Location")
    return urljoin(current, location.strip())


def _lower(headers: Mapping[str, str]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


@contextmanager
def translate_errors(deadline: float) -> Iterator[None]:
    """Turn requests/urllib3/socket exceptions into classified errors (ours pass through)."""
    try:
        yield
    except IngestError:
        raise
    except Exception as exc:
        raise classify_exception(exc, deadline) from exc


def classify_exception(exc: BaseException, deadline: float) -> IngestError:
    """The classified error for a library exception raised while fetching."""
    late = time.monotonic() >= deadline
    if isinstance(exc, requests.ConnectTimeout | u3.ConnectTimeoutError):
        return TransientError("deadline_exceeded" if late else "connect_timeout", str(exc))
    if isinstance(exc, requests.Timeout | u3.ReadTimeoutError | TimeoutError):
        return TransientError("deadline_exceeded" if late else "read_timeout", str(exc))
    if isinstance(exc, requests.exceptions.SSLError | u3.SSLError):
        return PermanentError("tls_error", str(exc))
    if isinstance(exc, requests.exceptions.ContentDecodingError | u3.DecodeError):
        return PermanentError("bad_content_encoding", str(exc))
    if isinstance(
        exc, requests.exceptions.InvalidURL | requests.exceptions.InvalidSchema | u3.LocationValueError
    ):
        return PermanentError("invalid_url", str(exc))
    return _broken_connection(exc)


def _closed_without_response(exc: BaseException) -> bool:
    """Whether the server closed the connection before sending any byte of a response."""
    return any(isinstance(cause, http.client.RemoteDisconnected) for cause in _causes(exc))


def _broken_connection(exc: BaseException) -> IngestError:
    """Resets and short bodies, wherever urllib3 or requests wrapped them."""
    causes = _causes(exc)
    if any(isinstance(c, http.client.IncompleteRead | u3.IncompleteRead) for c in causes):
        return TransientError("incomplete_body", str(exc))
    if any(isinstance(c, ConnectionResetError | BrokenPipeError) for c in causes):
        return TransientError("connection_reset", str(exc))
    return TransientError("connection_error", str(exc))


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception, its arguments and its cause chain (urllib3 nests the real error in args)."""
    found: list[BaseException] = []
    pending: list[BaseException] = [exc]
    while pending and len(found) < 20:
        current = pending.pop()
        found.append(current)
        pending.extend(a for a in current.args if isinstance(a, BaseException))
        if current.__cause__ is not None:
            pending.append(current.__cause__)
        if current.__context__ is not None:
            pending.append(current.__context__)
    return found
