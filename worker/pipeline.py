"""The composition fetch -> extract -> normalise -> index for a batch of URLs (I/O through its stages).

The stages are passed in (:class:`Stages`), so this module holds only the order of work and the one
place where every result becomes an :class:`Outcome`. Terminal outcomes (``indexed``, ``unchanged``,
``duplicate``, ``failed`` with a reason) are written to ``ingest-urls`` before this returns; the
others (``retry``, ``wait``, ``in_flight``) tell the task layer what to reschedule.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from worker.errors import IngestError, PermanentError, TransientError
from worker.models import Article, FetchedPage

Status = Literal["indexed", "unchanged", "duplicate", "failed", "retry", "wait", "in_flight"]
TERMINAL: frozenset[str] = frozenset({"indexed", "unchanged", "duplicate", "failed"})


@dataclass(frozen=True, slots=True)
class UrlRequest:
    """One URL to ingest, as carried by a task message."""

    url: str
    priority: int | None = None
    recrawl: bool = False
    source: str | None = None
    attempt: int = 1


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one URL; ``retry_in`` is the countdown for ``retry`` and ``wait``."""

    request: UrlRequest
    status: Status
    reason: str | None = None
    retry_in: float | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def terminal(self) -> bool:
        """Whether the URL's fate is settled (and recorded)."""
        return self.status in TERMINAL


@dataclass(frozen=True, slots=True)
class Extracted:
    """A fetched page and its article, ready for the index."""

    request: UrlRequest
    page: FetchedPage
    article: Article


@dataclass(frozen=True, slots=True)
class IndexResult:
    """The index's verdict on one :class:`Extracted`: indexed, duplicate, unchanged or failed."""

    status: Literal["indexed", "duplicate", "unchanged", "failed"]
    reason: str | None = None


class Sink(Protocol):
    """Where articles and failure records go (the index and its ``ingest-urls`` records)."""

    def index(self, items: Sequence[Extracted]) -> Sequence[IndexResult]:
        """Index ``items`` and their status records in one bulk (failed items recorded too).

        Returns one result per item, in order; raises TransientError when the engine is unavailable.
        """
        ...

    def record(self, outcomes: Sequence[Outcome]) -> None:
        """Record URLs that end without an article (failed or unchanged)."""
        ...


class Recorder(Protocol):
    """Observes stage latencies and outcomes (metrics)."""

    def observe(self, stage: str, seconds: float) -> None:
        """One stage took ``seconds``."""
        ...


@dataclass(frozen=True, slots=True)
class Stages:
    """The pipeline's dependencies, built once per worker process."""

    fetch: Callable[[UrlRequest], FetchedPage]
    extract: Callable[[FetchedPage], Article]
    sink: Sink
    backoff: Callable[[int, float | None], float]
    max_attempts: int
    # (urls, message id) -> the URLs now locked by that message; and their release
    claim: Callable[[Sequence[str], str], set[str]] = lambda urls, _owner: set(urls)
    release: Callable[[Sequence[str], str], None] = lambda _urls, _owner: None
    fetch_threads: int = 8
    after_indexed: Callable[[Sequence[Extracted]], None] = lambda _items: None
    recorder: Recorder | None = None


def rescheduled(outcomes: Sequence[Outcome], max_delay_s: float) -> list[tuple[float, list[UrlRequest]]]:
    """The requests of ``retry`` and ``wait`` outcomes to send again, grouped by delay in whole seconds
    (rounded up, at most ``max_delay_s``), each with its next attempt (a ``wait`` spends none).

    Grouped, the URLs a batch must come back to return as a batch: a cold robots.txt answers
    ``host_busy`` to all of a batch's URLs of that host but one, which would otherwise come back as
    one message and one bulk request each.
    """
    groups: dict[float, list[UrlRequest]] = {}
    for outcome in outcomes:
        if outcome.status not in {"retry", "wait"}:
            continue
        delay = min(float(math.ceil(outcome.retry_in or 1.0)), max_delay_s)
        attempt = outcome.request.attempt + (1 if outcome.status == "retry" else 0)
        groups.setdefault(delay, []).append(replace(outcome.request, attempt=attempt))
    return sorted(groups.items())


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = (time.perf_counter() - start) * 1000


def classify_error(request: UrlRequest, error: IngestError, stages: Stages) -> Outcome:
    """The one place a failure becomes an outcome: wait, retry with backoff, or failed for good."""
    if isinstance(error, TransientError) and error.reason == "host_busy":
        # Politeness, not a failure: come back when the host is free; not an attempt.
        return Outcome(request, "wait", error.reason, retry_in=error.retry_after or 1.0)
    if isinstance(error, TransientError) and request.attempt < stages.max_attempts:
        delay = stages.backoff(request.attempt, error.retry_after)
        return Outcome(request, "retry", error.reason, retry_in=delay)
    return Outcome(request, "failed", error.reason)


def _as_ingest_error(error: Exception) -> IngestError:
    # Anything a stage did not classify is a bug; record it rather than lose the URL.
    if isinstance(error, IngestError):
        return error
    return PermanentError("internal_error", f"{type(error).__name__}: {error}")


class Pipeline:
    """Runs batches of URL requests through the stages; see the module docstring."""

    def __init__(self, stages: Stages) -> None:
        self._stages = stages
        self._pool = ThreadPoolExecutor(max_workers=stages.fetch_threads, thread_name_prefix="fetch")

    def run(self, requests: Sequence[UrlRequest], owner: str) -> list[Outcome]:
        """Process ``requests`` for message ``owner``; terminal outcomes are recorded before returning."""
        unique = list({request.url: request for request in requests}.values())
        taken = self._stages.claim([request.url for request in unique], owner)
        claimed = [request for request in unique if request.url in taken]
        busy = [Outcome(request, "in_flight") for request in unique if request.url not in taken]
        try:
            return busy + self._process(claimed)
        finally:
            self._stages.release([request.url for request in claimed], owner)

    def _process(self, requests: Sequence[UrlRequest]) -> list[Outcome]:
        fetched = list(self._pool.map(self._fetch_one, requests))
        pages = [item for item in fetched if isinstance(item, tuple)]
        early = [item for item in fetched if isinstance(item, Outcome)]
        extracted, failures = self._extract_all(pages)
        unindexed = early + failures
        self.record([outcome for outcome in unindexed if outcome.terminal])
        return unindexed + self._index_all(extracted)

    def _fetch_one(self, request: UrlRequest) -> tuple[UrlRequest, FetchedPage, dict[str, float]] | Outcome:
        timings: dict[str, float] = {}
        try:
            with _timed(timings, "fetch"):
                page = self._stages.fetch(request)
        except Exception as error:  # classified right here, once
            return replace(classify_error(request, _as_ingest_error(error), self._stages), timings_ms=timings)
        self._observe("fetch", timings["fetch"])
        if page.status == 304:
            return Outcome(request, "unchanged", "not_modified", timings_ms=timings)
        return request, page, timings

    def _extract_all(
        self, pages: Sequence[tuple[UrlRequest, FetchedPage, dict[str, float]]]
    ) -> tuple[list[tuple[Extracted, dict[str, float]]], list[Outcome]]:
        extracted: list[tuple[Extracted, dict[str, float]]] = []
        failures: list[Outcome] = []
        for request, page, timings in pages:
            try:
                with _timed(timings, "extract"):
                    article = self._stages.extract(page)
            except Exception as error:  # classified right here, once
                outcome = classify_error(request, _as_ingest_error(error), self._stages)
                failures.append(replace(outcome, timings_ms=timings))
                continue
            self._observe("extract", timings["extract"])
            extracted.append((Extracted(request, page, article), timings))
        return extracted, failures

    def _index_all(self, extracted: Sequence[tuple[Extracted, dict[str, float]]]) -> list[Outcome]:
        if not extracted:
            return []
        items = [item for item, _ in extracted]
        bulk: dict[str, float] = {}
        try:
            with _timed(bulk, "index"):
                results = self._stages.sink.index(items)
        except Exception as error:  # classified right here, once
            outcomes = [
                replace(
                    classify_error(item.request, _as_ingest_error(error), self._stages), timings_ms=t | bulk
                )
                for item, t in extracted
            ]
            self.record([outcome for outcome in outcomes if outcome.terminal])
            return outcomes
        self._observe("index", bulk["index"])
        done = [item for item, result in zip(items, results, strict=True) if result.status != "failed"]
        self._stages.after_indexed(done)
        return [
            Outcome(item.request, result.status, result.reason, timings_ms=t | bulk)
            for (item, t), result in zip(extracted, results, strict=True)
        ]

    def settle_all(self, requests: Sequence[UrlRequest], error: IngestError) -> list[Outcome]:
        """Classify every request with the same ``error`` (the task ran out of time); record terminal ones."""
        outcomes = [classify_error(request, error, self._stages) for request in requests]
        self.record([outcome for outcome in outcomes if outcome.terminal])
        return outcomes

    def backoff(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before attempt ``attempt + 1``."""
        return self._stages.backoff(attempt, retry_after)

    def record(self, outcomes: Sequence[Outcome]) -> None:
        """Write the status records of outcomes that carry no article."""
        if outcomes:
            self._stages.sink.record(outcomes)

    def _observe(self, stage: str, milliseconds: float) -> None:
        if self._stages.recorder is not None:
            self._stages.recorder.observe(stage, milliseconds / 1000)
