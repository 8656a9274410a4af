"""The retry table and backoff (pure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from worker.errors import PermanentError, TransientError
from worker.fetch.retry import (
    OUTCOMES,
    RetryPolicy,
    backoff_delay,
    error_for,
    is_retryable,
    parse_retry_after,
    status_error,
)


@pytest.mark.parametrize("code", [408, 425, 429, 500, 502, 503, 504, 522, 524])
def test_transient_statuses(code: int) -> None:
    error = status_error(code)
    assert isinstance(error, TransientError)
    assert error.reason == f"http_{code}"


@pytest.mark.parametrize("code", [400, 401, 403, 404, 405, 410, 414, 451, 501])
def test_permanent_statuses(code: int) -> None:
    error = status_error(code)
    assert isinstance(error, PermanentError)
    assert error.reason == f"http_{code}"


@pytest.mark.parametrize(
    ("reason", "retryable"),
    [("connect_timeout", True), ("read_timeout", True), ("deadline_exceeded", True),
     ("connection_reset", True), ("host_busy", True), ("blocked_address", False), ("too_large", False),
     ("not_html", False),
     ("too_many_redirects", False), ("invalid_url", False), ("robots_disallowed", False),
     ("never_heard_of_it", False)],
)  # fmt: skip
def test_reason_table(reason: str, retryable: bool) -> None:
    assert is_retryable(reason) is retryable
    assert error_for(reason).retryable is retryable


def test_reason_codes_are_snake_case() -> None:
    assert all(reason.replace("_", "").isalnum() and reason.islower() for reason in OUTCOMES)


def test_retry_after_seconds_and_dates() -> None:
    now = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 25 Nov 2026 12:01:30 GMT", now) == 90.0
    assert parse_retry_after("Wed, 25 Nov 2026 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert status_error(429, "15").retry_after == 15.0  # type: ignore[attr-defined]


def test_backoff_is_exponential_with_full_jitter_and_capped() -> None:
    assert [backoff_delay(n, rand=lambda: 1.0) for n in (1, 2, 3, 4)] == [2.0, 4.0, 8.0, 16.0]
    assert backoff_delay(3, rand=lambda: 0.0) == 0.0
    assert backoff_delay(3, rand=lambda: 0.5) == 4.0
    assert backoff_delay(30, rand=lambda: 1.0) == 600.0
    assert backoff_delay(1, retry_after=90.0, rand=lambda: 0.1) == 90.0  # the server's wish is a floor
    assert backoff_delay(1, retry_after=86400.0, max_s=600.0) == 600.0


def test_policy_gives_up_on_permanent_errors_and_after_max_attempts() -> None:
    policy = RetryPolicy(max_attempts=3, base_s=1.0, max_s=10.0)
    transient = TransientError("http_503", retry_after=5.0)
    assert policy.next_delay(PermanentError("http_404"), 1) is None
    assert policy.next_delay(transient, 1) == 5.0  # jitter is at most 1 s here; Retry-After wins
    assert policy.next_delay(transient, 3) is None
    delay = policy.next_delay(TransientError("read_timeout"), 2)
    assert delay is not None
    assert 0.0 <= delay <= 2.0
