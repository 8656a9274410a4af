"""The error tree and stable reason codes (no I/O).

Every failure is classified once, at the edge that saw it::

    IngestError                 .reason: a stable code, .retryable: bool
     +- TransientError          retry later with backoff: timeouts, connection errors,
     |                          HTTP 408/425/429/5xx, engine 429/503, engine unavailable
     |                          .retry_after: seconds the server asked us to wait, if any
     +- PermanentError          recorded with its reason, never retried: other 4xx, blocked address,
                                not HTML, too large, too many redirects, invalid URL, not an article,
                                mapping rejected

A duplicate (another URL holds the article, or a newer version is indexed) is an outcome, not an error.
"""

from __future__ import annotations


class IngestError(Exception):
    """Base of every classified failure; ``reason`` is a stable snake_case code."""

    retryable: bool = False

    def __init__(self, reason: str, message: str = "") -> None:
        super().__init__(f"{reason}: {message}" if message else reason)
        self.reason = reason
        self.message = message


class TransientError(IngestError):
    """A failure worth retrying later."""

    retryable = True

    def __init__(self, reason: str, message: str = "", retry_after: float | None = None) -> None:
        super().__init__(reason, message)
        self.retry_after = retry_after


class PermanentError(IngestError):
    """A failure that will not go away by retrying: record it and move on."""

    retryable = False
