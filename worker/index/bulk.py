"""Bulk indexing of articles with their URL-status records, every item classified (I/O).

Interface for the pipeline::

    indexer = Indexer(engine, settings)
    results = indexer.index([Entry(url, article, fetch, attempts), ...])   # -> list[EntryResult]
    indexer.record(url, "failed", reason="not_html", message="...", attempts=3)
    indexer.record_all([UrlRecord(url, "unchanged", reason="not_modified"), ...])   # one bulk request

``index`` sends each entry as two actions in the same bulk request: the article (external
versioning) and the URL-status upsert written as ``indexed``. Batches are cut by ``bulk_max_docs``
entries and ``bulk_max_bytes``. Items that come back retryable (429, 5xx, rejected execution, no
answer) are re-sent with exponential backoff, up to ``bulk_max_retries`` rounds; a 409 means the
engine holds a newer or equal version (``duplicate``); a 400 is ``failed`` with its reason. For
entries that did not end ``indexed`` the URL record is corrected in a follow-up request.

What could not be written after the last retry raises :class:`IndexingIncompleteError` (a
TransientError): the Celery task retries and its message stays un-acked, so nothing is lost; writes
are idempotent, so re-sending what did get through is harmless. A missing alias (404) raises
``TransientError("index_missing")``: a configuration error that must alarm, not drop URLs.
Nothing is buffered across calls.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from prometheus_client import Counter

from worker.config import Settings
from worker.errors import PermanentError, TransientError
from worker.index.classify import BulkItem, backoff_delay, classify_item, error_message, rejection_reason
from worker.index.documents import build_document
from worker.index.engine import Engine
from worker.index.records import (
    Entry,
    EntryResult,
    StatusRecord,
    UrlRecord,
    UrlStatus,
    article_action,
    status_action,
)

log = logging.getLogger(__name__)

BULK_ITEMS = Counter("ingest_bulk_items_total", "Bulk items by outcome (ok, conflict, retry...)", ["outcome"])
BULK_RETRY_ROUNDS = Counter("ingest_bulk_retry_rounds_total", "Bulk rounds that re-sent retryable items")

Job = tuple[dict[str, Any], ...]  # the actions of one entry, sent together in one batch


class IndexingIncompleteError(TransientError):
    """Some entries could not be written after every retry; ``pending`` lists them."""

    def __init__(self, results: Sequence[EntryResult], pending: Sequence[Entry], message: str) -> None:
        super().__init__("engine_unavailable", message)
        self.results = tuple(results)
        self.pending = tuple(pending)


@dataclass(frozen=True, slots=True)
class Delivery:
    """Final items per job (in action order) and the jobs still retryable after the last round."""

    items: Mapping[int, tuple[BulkItem, ...]]
    pending: tuple[int, ...]


def _size(job: Job) -> int:
    return sum(len(json.dumps(action, default=str)) + 2 for action in job)


def batches(jobs: Mapping[int, Job], max_jobs: int, max_bytes: int) -> Iterator[list[int]]:
    """Job keys cut into batches of at most ``max_jobs`` jobs and about ``max_bytes``."""
    batch: list[int] = []
    size = 0
    for key, job in jobs.items():
        job_size = _size(job)
        if batch and (len(batch) >= max_jobs or size + job_size > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(key)
        size += job_size
    if batch:
        yield batch


def _split(
    items: Sequence[BulkItem], jobs: Mapping[int, Job], keys: Sequence[int]
) -> dict[int, tuple[BulkItem, ...]]:
    """Bulk items (request order) regrouped per job."""
    grouped: dict[int, tuple[BulkItem, ...]] = {}
    position = 0
    for key in keys:
        count = len(jobs[key])
        grouped[key] = tuple(items[position : position + count])
        position += count
    return grouped


def _unanswered(job: Job, message: str) -> tuple[BulkItem, ...]:
    return tuple(
        BulkItem(op=str(a["_op_type"]), doc_id=a.get("_id"), status=None, error=message) for a in job
    )


class Indexer:
    """Writes entries and URL-status records; see the module docstring for the contract."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._engine = engine
        self._settings = settings
        self._sleep = sleep
        self._now = now
        self._clock = clock

    def index(self, entries: Sequence[Entry]) -> list[EntryResult]:
        """Index ``entries``; one result per entry, in order (raises :class:`IndexingIncompleteError`)."""
        documents = [build_document(entry.article, entry.fetch) for entry in entries]
        jobs = {
            n: (
                article_action(doc, self._settings.write_alias),
                self._status(entry.url, "indexed", entry.attempts, doc_id=doc.doc_id),
            )
            for n, (entry, doc) in enumerate(zip(entries, documents, strict=True))
        }
        delivery = self.deliver(jobs)
        results = {
            n: self._result(entries[n], documents[n].doc_id, delivery.items[n]) for n in delivery.items
        }
        self._correct([results[n] for n in sorted(results)], entries)
        for result in results.values():
            log.info("%s %s %s", result.status, result.url, result.reason or "")
        if delivery.pending:
            self._give_up([entries[n] for n in delivery.pending])
            done = [results[n] for n in sorted(results)]
            raise IndexingIncompleteError(
                done, [entries[n] for n in delivery.pending], self._pending_message(delivery)
            )
        return [results[n] for n in range(len(entries))]

    def record(
        self,
        url: str,
        status: UrlStatus,
        *,
        reason: str | None = None,
        message: str | None = None,
        attempts: int = 1,
        doc_id: str | None = None,
    ) -> None:
        """Write one URL-status record (queued, unchanged, failed...); raises TransientError if it cannot."""
        self.record_all([UrlRecord(url, status, reason, message, attempts, doc_id)])

    def record_all(self, records: Sequence[UrlRecord]) -> None:
        """Write URL-status records in one bulk request, with retries; raises if any is not written."""
        jobs = {
            n: (
                self._status(
                    r.url, r.status, r.attempts, doc_id=r.doc_id, reason=r.reason, message=r.message
                ),
            )
            for n, r in enumerate(records)
        }
        delivery = self.deliver(jobs)
        if delivery.pending:
            raise TransientError(
                "engine_unavailable", f"{len(delivery.pending)} URL status records not written"
            )
        failed = [items[0] for items in delivery.items.values() if classify_item(items[0]) != "ok"]
        if not failed:
            return
        message = f"{len(failed)} URL status records not written: {error_message(failed[0].error)}"
        if classify_item(failed[0]) == "index_missing":
            raise TransientError("index_missing", message)
        raise PermanentError("engine_rejected", message)

    def deliver(self, jobs: Mapping[int, Job]) -> Delivery:
        """Send ``jobs`` in batches; re-send retryable jobs with backoff for ``bulk_max_retries`` rounds.

        No round starts after ``bulk_retry_deadline_s``: a slow engine must not keep the task past its
        time limit (what is left is reported as pending and the task retries later).
        """
        final: dict[int, tuple[BulkItem, ...]] = {}
        waiting = dict(jobs)
        deadline = self._clock() + self._settings.bulk_retry_deadline_s
        for attempt in range(self._settings.bulk_max_retries + 1):
            if attempt:
                delay = self._backoff(attempt - 1)
                if self._clock() + delay > deadline:
                    break
                BULK_RETRY_ROUNDS.inc()
                self._sleep(delay)
            answered = self._send_all(waiting)
            retry = {key for key, items in answered.items() if self._retryable(items)}
            final.update({key: items for key, items in answered.items() if key not in retry})
            waiting = {key: jobs[key] for key in jobs if key in retry}
            if not waiting:
                break
        return Delivery(final, tuple(sorted(waiting)))

    def _send_all(self, jobs: Mapping[int, Job]) -> dict[int, tuple[BulkItem, ...]]:
        answered: dict[int, tuple[BulkItem, ...]] = {}
        settings = self._settings
        for keys in batches(jobs, settings.bulk_max_docs, settings.bulk_max_bytes):
            actions = [action for key in keys for action in jobs[key]]
            try:
                items = self._engine.bulk(actions, settings.bulk_max_bytes)
            except TransientError as exc:
                log.warning("bulk request of %d actions failed: %s", len(actions), exc)
                answered.update({key: _unanswered(jobs[key], str(exc)) for key in keys})
                continue
            if len(items) != len(actions):  # never seen; treat as no answer rather than misattribute
                items = [item for key in keys for item in _unanswered(jobs[key], "short bulk response")]
            for item in items:
                BULK_ITEMS.labels(classify_item(item)).inc()
            answered.update(_split(items, jobs, keys))
        return answered

    @staticmethod
    def _retryable(items: Sequence[BulkItem]) -> bool:
        return any(classify_item(item) == "retry" for item in items)

    def _backoff(self, attempt: int) -> float:
        return backoff_delay(attempt, self._settings.bulk_backoff_base_s, self._settings.bulk_backoff_max_s)

    def _status(
        self,
        url: str,
        status: UrlStatus,
        attempts: int,
        *,
        doc_id: str | None = None,
        reason: str | None = None,
        message: str | None = None,
    ) -> dict[str, Any]:
        record = StatusRecord(url, status, attempts, self._now(), doc_id, reason, message)
        return status_action(record, self._settings.url_status_index)

    def _result(self, entry: Entry, doc_id: str, items: Sequence[BulkItem]) -> EntryResult:
        article = items[0]
        outcome = classify_item(article)
        if outcome == "ok":
            return EntryResult(entry.url, "indexed", doc_id)
        if outcome == "conflict":
            return EntryResult(
                entry.url, "duplicate", doc_id, "superseded", "a newer or equal version is indexed"
            )
        if outcome == "index_missing":
            log.error("alias %s missing: run `ingest setup-index`", self._settings.write_alias)
            raise TransientError("index_missing", error_message(article.error))
        return EntryResult(
            entry.url, "failed", doc_id, rejection_reason(article), error_message(article.error)
        )

    def _correct(self, results: Sequence[EntryResult], entries: Sequence[Entry]) -> None:
        """Rewrite the URL record of entries whose article did not end ``indexed``."""
        by_url = {entry.url: entry for entry in entries}
        jobs = {
            n: (
                self._status(
                    r.url,
                    r.status,
                    by_url[r.url].attempts,
                    doc_id=r.doc_id,
                    reason=r.reason,
                    message=r.message,
                ),
            )
            for n, r in enumerate(results)
            if r.status != "indexed"
        }
        if jobs and self.deliver(jobs).pending:
            raise TransientError("engine_unavailable", f"{len(jobs)} URL status corrections not written")

    def _give_up(self, pending: Sequence[Entry]) -> None:
        """Best effort: mark what is left as queued, so the status does not claim ``indexed``."""
        jobs = {
            n: (self._status(e.url, "queued", e.attempts, reason="engine_unavailable", message="will retry"),)
            for n, e in enumerate(pending)
        }
        written = [items for items in self._send_all(jobs).values() if classify_item(items[0]) == "ok"]
        log.warning("%d entries not indexed; %d marked queued", len(pending), len(written))

    @staticmethod
    def _pending_message(delivery: Delivery) -> str:
        return f"{len(delivery.pending)} entries not indexed after retries"
