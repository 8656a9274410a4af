"""Validation of incoming URL requests from any producer: CLI, HTTP, discovery, raw messages (no I/O)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from worker.errors import PermanentError
from worker.pipeline import UrlRequest

MAX_SOURCE_CHARS = 200


def validate_url(url: object, max_length: int = 4096) -> str:
    """Return ``url`` stripped if it is an absolute http(s) URL with a host; else PermanentError."""
    if not isinstance(url, str) or not url.strip():
        raise PermanentError("invalid_url", "not a non-empty string")
    url = url.strip()
    if len(url) > max_length:
        raise PermanentError("url_too_long", f"{len(url)} characters > {max_length}")
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise PermanentError("invalid_url", "contains whitespace or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise PermanentError("invalid_url", str(error)) from error
    if parts.scheme.lower() not in {"http", "https"}:
        raise PermanentError("unsupported_scheme", parts.scheme or "no scheme")
    if not parts.hostname:
        raise PermanentError("invalid_url", "no host")
    del port  # parsed only to reject a malformed port
    return url


def _priority(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 9:
        raise PermanentError("invalid_priority", "priority must be an integer 0-9")
    return value


def parse_request(raw: object, max_length: int = 4096) -> UrlRequest:
    """Build a :class:`UrlRequest` from a message item: a URL string or ``{url, priority?, ...}``."""
    if isinstance(raw, str):
        return UrlRequest(url=validate_url(raw, max_length))
    if not isinstance(raw, Mapping):
        raise PermanentError("invalid_message", "expected a URL string or an object with 'url'")
    source = raw.get("source")
    attempt = raw.get("attempt", 1)
    if not isinstance(attempt, int) or isinstance(attempt, bool) or attempt < 1:
        raise PermanentError("invalid_message", "attempt must be a positive integer")
    return UrlRequest(
        url=validate_url(raw.get("url"), max_length),
        priority=_priority(raw.get("priority")),
        recrawl=bool(raw.get("recrawl", False)),
        source=str(source)[:MAX_SOURCE_CHARS] if source is not None else None,
        attempt=attempt,
    )


def to_message(request: UrlRequest) -> dict[str, object]:
    """The JSON object form of ``request`` (the inverse of :func:`parse_request`)."""
    message: dict[str, object] = {"url": request.url}
    if request.priority is not None:
        message["priority"] = request.priority
    if request.recrawl:
        message["recrawl"] = True
    if request.source is not None:
        message["source"] = request.source
    if request.attempt != 1:
        message["attempt"] = request.attempt
    return message


def validate_batch(
    items: Sequence[object], max_length: int = 4096, defaults: Mapping[str, object] | None = None
) -> tuple[list[UrlRequest], list[tuple[object, str]]]:
    """Split message items into accepted requests and ``(item, reason)`` rejections, in order.

    ``defaults`` (e.g. ``{"source": "api"}``) fill fields an object item leaves out.
    """
    accepted: list[UrlRequest] = []
    rejected: list[tuple[object, str]] = []
    for item in items:
        raw = {**(defaults or {}), **item} if isinstance(item, Mapping) else item
        if isinstance(item, str) and defaults:
            raw = {**defaults, "url": item}
        try:
            accepted.append(parse_request(raw, max_length))
        except PermanentError as error:
            rejected.append((item, error.reason))
    return accepted, rejected
