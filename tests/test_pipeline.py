"""The pipeline's composition and its one outcome classifier, driven through its stage seam (no I/O)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from worker.errors import PermanentError, TransientError
from worker.models import Article, FetchedPage
from worker.pipeline import Extracted, IndexResult, Outcome, Pipeline, Stages, UrlRequest, rescheduled


def page(url: str, status: int = 200) -> FetchedPage:
    return FetchedPage(url, url, status, "text/html", "<p>x</p>", "utf-8", 8, 1.0)


@dataclass
class MemorySink:
    """Keeps what the pipeline indexes and records; ``fail_with`` makes the bulk raise."""

    indexed: list[str] = field(default_factory=list)
    recorded: list[tuple[str, str, str | None]] = field(default_factory=list)
    fail_with: Exception | None = None

    def index(self, items: Sequence[Extracted]) -> Sequence[IndexResult]:
        if self.fail_with is not None:
            raise self.fail_with
        self.indexed += [item.request.url for item in items]
        return [IndexResult("indexed") for _ in items]

    def record(self, outcomes: Sequence[Outcome]) -> None:
        self.recorded += [(o.request.url, o.status, o.reason) for o in outcomes]


ERRORS: dict[str, Exception] = {
    "https://e.com/busy": TransientError("host_busy", retry_after=3.0),
    "https://e.com/timeout": TransientError("timeout"),
    "https://e.com/gone": PermanentError("http_404"),
    "https://e.com/bug": KeyError("boom"),
}


def fetch(request: UrlRequest) -> FetchedPage:
    if request.url in ERRORS:
        raise ERRORS[request.url]
    return page(request.url, 304 if request.url.endswith("/same") else 200)


def extract(fetched: FetchedPage) -> Article:
    if fetched.url.endswith("/deep"):
        raise PermanentError("too_deeply_nested")
    return Article(url=fetched.url, title="t", body="b")


def make(sink: MemorySink, held: frozenset[str] = frozenset()) -> Pipeline:
    stages = Stages(
        fetch=fetch,
        extract=extract,
        sink=sink,
        backoff=lambda attempt, retry_after: 10.0 * attempt,
        max_attempts=3,
        claim=lambda urls, owner: set(urls) - held,
    )
    return Pipeline(stages)


def by_url(outcomes: list[Outcome]) -> dict[str, tuple[str, str | None, float | None]]:
    return {o.request.url: (o.status, o.reason, o.retry_in) for o in outcomes}


def test_every_url_gets_exactly_one_outcome_and_terminal_ones_are_recorded() -> None:
    sink = MemorySink()
    urls = [
        "https://e.com/ok",
        "https://e.com/same",
        "https://e.com/gone",
        "https://e.com/deep",
        "https://e.com/bug",
    ]
    outcomes = by_url(make(sink).run([UrlRequest(u) for u in urls], owner="m1"))
    assert outcomes == {
        "https://e.com/ok": ("indexed", None, None),
        "https://e.com/same": ("unchanged", "not_modified", None),
        "https://e.com/gone": ("failed", "http_404", None),
        "https://e.com/deep": ("failed", "too_deeply_nested", None),
        "https://e.com/bug": ("failed", "internal_error", None),
    }
    assert sink.indexed == ["https://e.com/ok"]
    assert sorted(sink.recorded) == [
        ("https://e.com/bug", "failed", "internal_error"),
        ("https://e.com/deep", "failed", "too_deeply_nested"),
        ("https://e.com/gone", "failed", "http_404"),
        ("https://e.com/same", "unchanged", "not_modified"),
    ]


@pytest.mark.parametrize(
    ("attempt", "expected"),
    [(1, ("retry", "timeout", 10.0)), (2, ("retry", "timeout", 20.0)), (3, ("failed", "timeout", None))],
)
def test_transient_failures_retry_with_backoff_until_the_last_attempt(
    attempt: int, expected: tuple[str, str, float | None]
) -> None:
    sink = MemorySink()
    outcomes = by_url(make(sink).run([UrlRequest("https://e.com/timeout", attempt=attempt)], owner="m1"))
    assert outcomes["https://e.com/timeout"] == expected
    assert sink.recorded == ([("https://e.com/timeout", "failed", "timeout")] if attempt == 3 else [])


def test_a_busy_host_waits_without_spending_an_attempt() -> None:
    outcomes = by_url(make(MemorySink()).run([UrlRequest("https://e.com/busy", attempt=3)], owner="m1"))
    assert outcomes["https://e.com/busy"] == ("wait", "host_busy", 3.0)


def test_urls_to_retry_go_back_as_one_batch_per_delay() -> None:
    outcomes = [Outcome(UrlRequest(f"https://e.com/{n}"), "wait", "host_busy", 1.0) for n in range(3)] + [
        Outcome(UrlRequest("https://e.com/a", attempt=2), "retry", "timeout", 0.4),  # (up to a second)
        Outcome(UrlRequest("https://e.com/b"), "retry", "timeout", 7.2),
        Outcome(UrlRequest("https://e.com/c"), "wait", "host_busy", 5000.0),  # (capped)
        Outcome(UrlRequest("https://e.com/d"), "indexed"),
        Outcome(UrlRequest("https://e.com/e"), "in_flight"),
    ]
    groups = rescheduled(outcomes, max_delay_s=600.0)
    assert [(delay, [(r.url, r.attempt) for r in requests]) for delay, requests in groups] == [
        (
            1.0,
            [("https://e.com/0", 1), ("https://e.com/1", 1), ("https://e.com/2", 1), ("https://e.com/a", 3)],
        ),
        (8.0, [("https://e.com/b", 2)]),
        (600.0, [("https://e.com/c", 1)]),
    ]


def test_engine_unavailable_retries_the_batch_and_the_last_attempt_is_recorded() -> None:
    sink = MemorySink(fail_with=TransientError("engine_unavailable"))
    requests = [UrlRequest("https://e.com/a"), UrlRequest("https://e.com/b", attempt=3)]
    outcomes = by_url(make(sink).run(requests, owner="m1"))
    assert outcomes == {
        "https://e.com/a": ("retry", "engine_unavailable", 10.0),
        "https://e.com/b": ("failed", "engine_unavailable", None),
    }
    assert sink.recorded == [("https://e.com/b", "failed", "engine_unavailable")]


def test_a_url_locked_by_another_message_is_left_to_it_and_duplicates_collapse() -> None:
    sink = MemorySink()
    requests = [
        UrlRequest("https://e.com/held"),
        UrlRequest("https://e.com/x"),
        UrlRequest("https://e.com/x"),
    ]
    outcomes = make(sink, held=frozenset({"https://e.com/held"})).run(requests, owner="m1")
    assert by_url(outcomes) == {
        "https://e.com/held": ("in_flight", None, None),
        "https://e.com/x": ("indexed", None, None),
    }
    assert len(outcomes) == 2
    assert sink.indexed == ["https://e.com/x"]
