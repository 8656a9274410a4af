"""Validation of incoming URL requests (pure)."""

from __future__ import annotations

import pytest

from worker.errors import PermanentError
from worker.intake import parse_request, to_message, validate_url
from worker.pipeline import UrlRequest


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "invalid_url"),
        ("   ", "invalid_url"),
        (42, "invalid_url"),
        ("ftp://example.com/a", "unsupported_scheme"),
        ("example.com/a", "unsupported_scheme"),
        ("http:///nohost", "invalid_url"),
        ("http://exa mple.com/", "invalid_url"),
        ("http://example.com:99999/", "invalid_url"),
        ("https://example.com/" + "a" * 5000, "url_too_long"),
    ],
)
def test_invalid_urls_are_rejected_with_a_reason(url: object, reason: str) -> None:
    with pytest.raises(PermanentError) as caught:
        validate_url(url)
    assert caught.value.reason == reason


def test_valid_url_is_stripped() -> None:
    assert validate_url("  https://example.com/a?b=1 \n") == "https://example.com/a?b=1"


def test_message_items_round_trip() -> None:
    request = UrlRequest("https://example.com/a", priority=3, recrawl=True, source="feed", attempt=2)
    assert parse_request(to_message(request)) == request
    assert parse_request("https://example.com/b") == UrlRequest("https://example.com/b")


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        ({"url": "https://e.com/", "priority": 12}, "invalid_priority"),
        ({"url": "https://e.com/", "priority": "high"}, "invalid_priority"),
        ({"url": "https://e.com/", "attempt": 0}, "invalid_message"),
        (["https://e.com/"], "invalid_message"),
        ({"no_url": 1}, "invalid_url"),
    ],
)
def test_malformed_items_are_rejected(item: object, reason: str) -> None:
    with pytest.raises(PermanentError) as caught:
        parse_request(item)
    assert caught.value.reason == reason
