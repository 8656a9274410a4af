"""Conditional GET: validators stored per URL in Redis, sent on re-fetch, a 304 comes back empty."""

from __future__ import annotations

import pytest
import redis

from tests.fetch.conftest import MakeFetcher
from tests.support.hostile_server import HostileServer
from worker.fetch import Validators, ValidatorStore

# A hang is a failure: far above any deadline used here, far below the suite-wide 300 s.
pytestmark = pytest.mark.timeout(60)


def test_store_round_trip(fetch_redis: redis.Redis, fetch_prefix: str) -> None:
    store = ValidatorStore(fetch_redis, fetch_prefix)
    assert store.get("https://example.org/a") is None
    store.put("https://example.org/a", Validators('"x"', None))
    store.put("https://example.org/b", Validators(None, "Wed, 21 Oct 2026 07:28:00 GMT"))
    assert store.get("https://example.org/a") == Validators('"x"', None)
    assert store.get("https://example.org/b") == Validators(None, "Wed, 21 Oct 2026 07:28:00 GMT")
    store.put("https://example.org/a", Validators('"y"', None))
    assert store.get("https://example.org/a") == Validators('"y"', None)
    keys = list(fetch_redis.scan_iter(match=f"{fetch_prefix}validators:*"))
    assert len(keys) == 2
    assert all(fetch_redis.ttl(key) > 0 for key in keys)


def test_conditional_refetch_gets_304_with_empty_text(
    make_fetcher: MakeFetcher, hostile: HostileServer, fetch_redis: redis.Redis, fetch_prefix: str
) -> None:
    fetcher, store, url = make_fetcher(), ValidatorStore(fetch_redis, fetch_prefix), hostile.url("/etag")
    first = fetcher.fetch(url, store.get(url))
    assert (first.status, first.etag) == (200, '"v1"')
    assert "If-None-Match" not in hostile.last_headers["/etag"]
    validators = Validators.from_page(first)
    assert validators is not None
    store.put(url, validators)  # the pipeline does this only after indexing

    again = fetcher.fetch(url, store.get(url))
    assert (again.status, again.text, again.bytes) == (304, "", 0)
    assert hostile.last_headers["/etag"]["If-None-Match"] == '"v1"'
    assert hostile.last_headers["/etag"]["If-Modified-Since"] == "Wed, 21 Oct 2026 07:28:00 GMT"


def test_validators_are_not_sent_to_a_redirect_target(
    make_fetcher: MakeFetcher, hostile: HostileServer
) -> None:
    page = make_fetcher().fetch(hostile.url("/to?url=/etag"), Validators('"v1"', None))
    assert page.status == 200
    assert "If-None-Match" not in hostile.last_headers["/etag"]
