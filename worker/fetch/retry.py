"""Retries as data: which fetch outcomes are transient, which permanent, and how long to wait (pure).

:data:`OUTCOMES` is the one table: every reason code a fetch can fail with, and whether retrying can
help. HTTP statuses map to ``http_<code>`` reasons; :data:`TRANSIENT_STATUSES` lists the ones worth
retrying (Scrapy's list plus 425), every other 4xx/5xx is permanent. ``Retry-After`` (seconds or an
HTTP date) is honoured, bounded by the backoff cap; otherwise :func:`backoff_delay` uses
exponential backoff with full jitter.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from worker.config import Settings
from worker.errors import IngestError, PermanentError, TransientError

TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504, 522, 524})

# reason code -> retryable. Statuses are added below as http_<code>.
OUTCOMES: dict[str, bool] = {
    # transient: the same request may well succeed later
    "connect_timeout": True,
    "read_timeout": True,
    "deadline_exceeded": True,
    "connection_error": True,
    "connection_reset": True,
    "incomplete_body": True,
    "dns_error": True,
    "host_busy": True,  # politeness: another fetch of this host is too recent
    "robots_unavailable": True,  # robots.txt answered 5xx or not at all (RFC 9309: assume disallow)
    "redis_unavailable": True,  # robots cache / host gate unreachable: never fetch unpoliced
    # permanent: retrying cannot change the answer
    "invalid_url": False,
    "url_too_long": False,
    "unsupported_scheme": False,
    "credentials_in_url": False,
    "blocked_port": False,
    "blocked_address": False,
    "too_many_redirects": False,
    "redirect_without_location": False,
    "too_large": False,
    "not_html": False,
    "bad_content_encoding": False,
    "robots_disallowed": False,
    "tls_error": False,
    "unexpected_status": False,
}
OUTCOMES.update({f"http_{code}": code in TRANSIENT_STATUSES for code in range(400, 600)})


def is_retryable(reason: str) -> bool:
    """Whether the table calls ``reason`` transient (unknown reasons are permanent)."""
    return OUTCOMES.get(reason, False)


def error_for(reason: str, message: str = "", retry_after: float | None = None) -> IngestError:
    """The classified error for a reason code, as the table says."""
    if is_retryable(reason):
        return TransientError(reason, message, retry_after=retry_after)
    return PermanentError(reason, message)


def status_error(status: int, retry_after_header: str | None = None) -> IngestError:
    """The error for a non-success HTTP status (``Retry-After`` kept for 429/503 and friends)."""
    reason = f"http_{status}" if 400 <= status < 600 else "unexpected_status"
    return error_for(reason, f"HTTP {status}", retry_after=parse_retry_after(retry_after_header))


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or HTTP date); ``None`` if absent or bad."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_delay(
    attempt: int,
    retry_after: float | None = None,
    *,
    base_s: float = 2.0,
    max_s: float = 600.0,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait before attempt ``attempt + 1`` (``attempt`` counts from 1).

    Full jitter: uniform in ``[0, base * 2**(attempt-1)]``; a server's ``Retry-After`` is a floor.
    Never more than ``max_s``.
    """
    ceiling = min(max_s, base_s * 2.0 ** max(0, attempt - 1))
    delay = ceiling * rand()
    if retry_after is not None:
        delay = max(delay, retry_after)
    return min(max_s, max(0.0, delay))


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Attempts and backoff from settings; the Celery task asks it what to do after a failure."""

    max_attempts: int = 5
    base_s: float = 2.0
    max_s: float = 600.0

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        """The policy the settings ask for."""
        return cls(settings.fetch_max_attempts, settings.fetch_backoff_base_s, settings.fetch_backoff_max_s)

    def next_delay(self, error: IngestError, attempt: int) -> float | None:
        """Seconds until the next attempt, or ``None`` when the failure is final."""
        if not error.retryable or attempt >= self.max_attempts:
            return None
        retry_after = error.retry_after if isinstance(error, TransientError) else None
        return backoff_delay(attempt, retry_after, base_s=self.base_s, max_s=self.max_s)
