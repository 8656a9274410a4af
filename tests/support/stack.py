"""An ingest stack for end-to-end tests: unique queue, key prefix and index names over real services."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import redis

from tests.support.processes import wait_for, worker_env
from worker.celery_app import create_app
from worker.config import Settings
from worker.index.engine import Engine, make_engine
from worker.pipeline import UrlRequest
from worker.producer import Producer
from worker.wiring import prepare_index

TERMINAL = ("indexed", "unchanged", "duplicate", "failed")


def search_url() -> str:
    """The shared engine of ``make services`` (or INGEST_SEARCH_URL)."""
    return os.environ.get("INGEST_SEARCH_URL", "http://127.0.0.1:9200")


@dataclass
class Stack:
    """Names and clients of one test's pipeline; ``env`` is what its workers run with."""

    queue: str
    redis_url: str
    site_port: int
    overrides: dict[str, str]

    def __post_init__(self) -> None:
        names = {
            "INGEST_INDEX_PREFIX": f"{self.queue}-articles",
            "INGEST_WRITE_ALIAS": f"{self.queue}-articles",
            "INGEST_READ_ALIAS": f"{self.queue}-articles-read",
            "INGEST_URL_STATUS_INDEX": f"{self.queue}-urls",
            "INGEST_SEARCH_URL": search_url(),
            "INGEST_FETCH_ALLOWED_PORTS": str(self.site_port),
            "INGEST_BULK_MAX_RETRIES": "2",
            "INGEST_BULK_BACKOFF_MAX_S": "1",
        }
        self.env = worker_env(self.redis_url, self.queue, **{**names, **self.overrides})
        fields = {
            key.removeprefix("INGEST_").lower(): v for key, v in self.env.items() if key.startswith("INGEST_")
        }
        self.settings = Settings.model_validate(fields)
        self.engine: Engine = make_engine(self.settings)
        prepare_index(self.settings)
        self.app = create_app(self.settings)
        self.producer = Producer(self.app, self.settings)

    def redis(self) -> redis.Redis:
        """A client of this stack's broker."""
        return redis.Redis.from_url(self.redis_url)

    def in_flight(self) -> int:
        """Messages the stack's workers have taken and not acknowledged yet."""
        with self.redis() as client:
            return int(client.hlen("unacked"))

    def drained(self) -> bool:
        """Nothing waits in the stack's queue and no worker holds an un-acked message."""
        with self.redis() as client:
            return int(client.llen(self.settings.queue)) == 0 and int(client.hlen("unacked")) == 0

    def enqueue(self, urls: Sequence[str]) -> int:
        """Queue ``urls`` as ``ingest enqueue`` does (batches of ``batch_size``)."""
        return self.producer.send([UrlRequest(url, source="test") for url in urls])

    def statuses(self) -> dict[str, dict[str, Any]]:
        """URL -> its ``ingest-urls`` record."""
        index = self.settings.url_status_index
        self.engine.refresh(index)
        found = self.engine.search(index, {"query": {"match_all": {}}, "size": 10_000})
        return {hit["_source"]["url"]: hit["_source"] for hit in found["hits"]["hits"]}

    def settled(self, urls: Sequence[str]) -> bool:
        """Whether every URL has a terminal status record."""
        records = self.statuses()
        return all(records.get(url, {}).get("status") in TERMINAL for url in urls)

    def wait_settled(self, urls: Sequence[str], timeout: float = 120) -> dict[str, dict[str, Any]]:
        """Wait until every URL is settled; return the records."""
        wait_for(lambda: self.settled(urls), timeout, f"{len(set(urls))} URLs to settle", interval=0.5)
        return self.statuses()

    def searchable(self, count: int, timeout: float = 30) -> list[dict[str, Any]]:
        """Every stored article, once at least ``count`` are searchable.

        Polls with a refresh each time: right after a bulk, one explicit refresh of the embedded
        OpenSearch did not always expose every acknowledged document (a second one, ~0.1 s later, did).
        """
        wait_for(
            lambda: len(self.documents()) >= count, timeout, f"{count} searchable documents", interval=0.2
        )
        return self.documents()

    def documents(self) -> list[dict[str, Any]]:
        """Every stored article."""
        self.engine.refresh(self.settings.read_alias)
        found = self.engine.search(self.settings.read_alias, {"query": {"match_all": {}}, "size": 10_000})
        assert not found["_shards"].get("failed"), found["_shards"]
        return [hit["_source"] | {"_id": hit["_id"]} for hit in found["hits"]["hits"]]

    def explain_missing(self, doc_id: str) -> dict[str, Any]:
        """What the engine says about one document id (for assertion messages)."""
        return {
            "get": self.engine.get(self.settings.read_alias, doc_id),
            "count": self.engine.count(self.settings.read_alias),
            "indices": self.engine.list_indices(f"{self.settings.index_prefix}-*"),
        }

    def outcome_lines(self, log: str) -> Counter[tuple[str, str]]:
        """(url, outcome) counts from the workers' JSON outcome log lines."""
        counts: Counter[tuple[str, str]] = Counter()
        for line in log.splitlines():
            if '"logger": "ingest.outcome"' in line:
                entry = json.loads(line)
                counts[(entry["url"], entry["outcome"])] += 1
        return counts

    def close(self) -> None:
        """Delete this stack's indices, template and Redis keys."""
        for pattern in (f"{self.settings.index_prefix}-*", f"{self.settings.url_status_index}-*"):
            for name in self.engine.list_indices(pattern):
                self.engine.delete_index(name)
        self.engine.delete_index_template(f"{self.settings.index_prefix}-template")
        self.engine.close()
        client = self.redis()
        try:
            keys = list(client.scan_iter(match=f"{self.queue}*"))
            if keys:
                client.delete(*keys)
        except redis.RedisError:
            pass  # a private Redis may already be stopped
        client.close()


def settle_time() -> float:
    """Monotonic now (helper for tests that wait on a worker)."""
    return time.monotonic()
