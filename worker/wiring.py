"""Builds the pipeline's real stages from settings: fetcher, extractor, indexer (I/O: network, Redis).

The only module that knows the concrete fetch, extract and index classes; the pipeline sees
:class:`worker.pipeline.Stages` and the tasks see :class:`worker.pipeline.Pipeline`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import redis

from worker.config import Settings
from worker.errors import TransientError
from worker.extract import ExtractOptions, extract_article, options_from_settings
from worker.feeds import RecentUrls
from worker.fetch import Fetcher, Validators, ValidatorStore, backoff_delay
from worker.fetch.download import Downloader
from worker.fetch.guard import Guard
from worker.fetch.limits import Limits
from worker.fetch.session import session_for
from worker.index.bulk import Indexer
from worker.index.documents import FetchInfo
from worker.index.engine import make_engine
from worker.index.layout import setup_index
from worker.index.records import Entry, UrlRecord, UrlStatus
from worker.index.search import lookup_url_status
from worker.locks import UrlLocks
from worker.models import Article, FetchedPage
from worker.pipeline import Extracted, IndexResult, Outcome, Pipeline, Recorder, Stages, UrlRequest


@dataclass(frozen=True, slots=True)
class IndexSink:
    """:class:`worker.pipeline.Sink` over the bulk :class:`Indexer` and its ``ingest-urls`` records."""

    indexer: Indexer

    def index(self, items: Sequence[Extracted]) -> Sequence[IndexResult]:
        """One bulk for the articles and their status records; raises TransientError if incomplete."""
        now = datetime.now(UTC)
        entries = [
            Entry(item.request.url, item.article, FetchInfo.from_page(item.page, now), item.request.attempt)
            for item in items
        ]
        results = self.indexer.index(entries)
        return [_index_result(result.status, result.reason) for result in results]

    def record(self, outcomes: Sequence[Outcome]) -> None:
        """Write the status records of URLs that end without an article, in one bulk request."""
        self.indexer.record_all(
            [
                UrlRecord(o.request.url, _record_status(o), o.reason, attempts=o.request.attempt)
                for o in outcomes
            ]
        )


def _record_status(outcome: Outcome) -> UrlStatus:
    return "unchanged" if outcome.status == "unchanged" else "failed"


def _index_result(status: str, reason: str | None) -> IndexResult:
    if status in {"indexed", "duplicate", "unchanged"}:
        return IndexResult(status, reason)  # type: ignore[arg-type]
    return IndexResult("failed", reason or "index_rejected")


@dataclass(frozen=True, slots=True)
class _Stages:
    """The closures of the real stages (kept as methods so each stays small)."""

    settings: Settings
    fetcher: Fetcher
    validators: ValidatorStore
    recent: RecentUrls
    options: ExtractOptions

    def fetch(self, request: UrlRequest) -> FetchedPage:
        # Only a recrawl sends validators: a first fetch (or a retry after a failed index) must
        # get the full page, never a 304 for a page we do not hold.
        try:
            validators = self.validators.get(request.url) if request.recrawl else None
            return self.fetcher.fetch(request.url, validators=validators)
        except redis.RedisError as error:
            # The fetcher keeps robots rules, host gates and validators in Redis: a broker hiccup is
            # worth a retry, not a permanent failure of the URL.
            raise TransientError("redis_unavailable", str(error)) from error

    def extract(self, page: FetchedPage) -> Article:
        return extract_article(page.text, page.final_url, self.options)

    def backoff(self, attempt: int, retry_after: float | None) -> float:
        base, ceiling = self.settings.fetch_backoff_base_s, self.settings.fetch_backoff_max_s
        return backoff_delay(attempt, retry_after, base_s=base, max_s=ceiling)

    def after_indexed(self, items: Sequence[Extracted]) -> None:
        # Validators are stored only now that the article is in the index (see ValidatorStore).
        found = ((item.request.url, Validators.from_page(item.page)) for item in items)
        self.validators.put_all([(url, validators) for url, validators in found if validators is not None])
        self.recent.add(item.request.url for item in items)


def build_pipeline(settings: Settings, client: redis.Redis, recorder: Recorder) -> Pipeline:
    """The pipeline a worker process runs."""
    parts = _Stages(
        settings=settings,
        fetcher=Fetcher(settings, client),
        validators=ValidatorStore(client, settings.fetch_redis_prefix),
        recent=RecentUrls(client, settings.key_prefix),
        options=options_from_settings(settings),
    )
    locks = UrlLocks(client, settings.key_prefix, settings.url_lock_ttl_s)
    stages = Stages(
        fetch=parts.fetch,
        extract=parts.extract,
        sink=IndexSink(Indexer(make_engine(settings), settings)),
        backoff=parts.backoff,
        max_attempts=settings.fetch_max_attempts,
        claim=locks.acquire,
        release=locks.release,
        fetch_threads=settings.fetch_threads,
        after_indexed=parts.after_indexed,
        recorder=recorder,
    )
    return Pipeline(stages)


def prepare_index(settings: Settings) -> list[str]:
    """Create the index template, indices and aliases if missing (idempotent)."""
    engine = make_engine(settings)
    try:
        return setup_index(engine, settings)
    finally:
        engine.close()


def url_status(settings: Settings, url: str) -> dict[str, Any] | None:
    """The ``ingest-urls`` record of ``url``, or None."""
    engine = make_engine(settings)
    try:
        return lookup_url_status(engine, settings, url)
    finally:
        engine.close()


def document_download(settings: Settings) -> Callable[[str], bytes]:
    """Downloads feeds and sitemaps (any content type) with the fetcher's guard and limits."""
    guard = Guard.from_entries(
        settings.fetch_allow_networks, settings.fetch_allowed_ports, settings.fetch_max_url_length
    )
    downloader = Downloader(
        session_for(guard, settings.user_agent),
        guard,
        Limits.from_settings(settings),
        settings.fetch_max_redirects,
    )
    return lambda url: downloader.get(url, html_only=False).body
