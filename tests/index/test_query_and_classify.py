"""Pure parts: bulk item classification, batching, query building, cursors, dates, proxy translation."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from tests.support.engine_proxy import plain_media_type
from worker.errors import PermanentError
from worker.index.bulk import batches
from worker.index.classify import BulkItem, backoff_delay, classify_item, error_message, rejection_reason
from worker.index.failures import failed_query
from worker.index.query import (
    SearchParams,
    build_body,
    date_bound,
    decode_cursor,
    encode_cursor,
    parse_response,
)

MAPPING_ERROR = {"type": "mapper_parsing_exception", "reason": "failed to parse field [x]"}


@pytest.mark.parametrize(
    ("status", "error", "outcome"),
    [
        (201, None, "ok"),
        (200, None, "ok"),
        (409, {"type": "version_conflict_engine_exception"}, "conflict"),
        (429, {"type": "es_rejected_execution_exception"}, "retry"),
        (503, None, "retry"),
        (502, None, "retry"),
        (504, None, "retry"),
        (500, None, "retry"),
        (400, {"type": "circuit_breaking_exception"}, "retry"),
        (None, "ConnectionError(refused)", "retry"),
        (404, {"type": "index_not_found_exception"}, "index_missing"),
        (400, MAPPING_ERROR, "rejected"),
        (403, {"type": "security_exception"}, "rejected"),
    ],
)
def test_every_bulk_item_is_classified(status: int | None, error: Any, outcome: str) -> None:
    assert classify_item(BulkItem("index", "id", status, error)) == outcome


def test_rejection_reasons_and_messages() -> None:
    item = BulkItem("index", "id", 400, {**MAPPING_ERROR, "caused_by": {"type": "x", "reason": "y"}})
    assert rejection_reason(item) == "mapping_rejected"
    assert (
        error_message(item.error) == "mapper_parsing_exception: failed to parse field [x] (caused by: x: y)"
    )
    assert rejection_reason(BulkItem("index", "id", 403, {"type": "security_exception"})) == "engine_rejected"


def test_backoff_grows_is_capped_and_jittered() -> None:
    rng = random.Random(7)
    delays = [backoff_delay(n, 0.5, 4.0, rng) for n in range(6)]
    assert all(0.25 <= d <= 0.5 for d in delays[:1])
    assert all(2.0 <= d <= 4.0 for d in delays[3:])


def test_batches_respect_count_and_bytes() -> None:
    jobs = {n: ({"_id": str(n), "_source": {"body": "x" * 100}},) for n in range(10)}
    assert [len(b) for b in batches(jobs, max_jobs=4, max_bytes=10**6)] == [4, 4, 2]
    assert all(len(b) <= 2 for b in batches(jobs, max_jobs=100, max_bytes=300))
    huge = {0: ({"_source": {"body": "x" * 5000}},)}
    assert list(batches(huge, max_jobs=10, max_bytes=100)) == [[0]]  # alone, never dropped


def test_user_text_only_reaches_simple_query_string() -> None:
    body = json.dumps(build_body(SearchParams(text='title:x OR "y')))
    assert "simple_query_string" in body
    assert '"query_string"' not in body


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-01", "2024-05-01||/d"),
        ("2024-05-01T10:00:00Z", "2024-05-01T10:00:00+00:00"),
        ("2024-05-01T10:00", "2024-05-01T10:00:00"),
        ("2024-05-01 10:00+02:00", "2024-05-01T10:00:00+02:00"),
        ("now-7d", "now-7d"),
        ("now-1M/d", "now-1M/d"),
    ],
)
def test_date_bounds(value: str, expected: str) -> None:
    assert date_bound(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "now-7x", "2024-13-01", "now-7d||/d", ""])
def test_bad_dates_are_invalid_queries(value: str) -> None:
    with pytest.raises(PermanentError, match="invalid_query"):
        date_bound(value)


def test_cursor_round_trip_and_tampering() -> None:
    cursor = encode_cursor("newest", [1714550400000, "abc"])
    assert decode_cursor(cursor, "newest") == [1714550400000, "abc"]
    with pytest.raises(PermanentError, match="sort=relevance"):
        decode_cursor(cursor, "relevance")
    with pytest.raises(PermanentError, match="malformed"):
        decode_cursor("%%%", "newest")


@pytest.mark.parametrize(
    "params", [SearchParams(size=0), SearchParams(size=101), SearchParams(sort="oldest")]
)
def test_bad_params(params: SearchParams) -> None:
    with pytest.raises(PermanentError, match="invalid_query"):
        build_body(params)


def _response(count: int) -> dict[str, Any]:
    hits = [
        {"_id": str(n), "_score": 1.0, "_source": {"title": "t", "url": "u"}, "sort": [1.0, str(n)]}
        for n in range(count)
    ]
    return {"hits": {"total": {"value": 9}, "hits": hits}, "aggregations": {}}


def test_next_cursor_only_when_the_page_is_full() -> None:
    full = parse_response(_response(3), SearchParams(size=3))
    assert full.next is not None
    assert decode_cursor(full.next, "relevance") == [1.0, "2"]
    assert parse_response(_response(2), SearchParams(size=3)).next is None
    assert set(full.to_json()) == {"total", "hits", "facets", "next"}
    assert set(full.to_json()["hits"][0]) == {"id", "title", "url", "published", "score", "highlight"}


def _folded_bucket(key: str, count: int, spellings: list[tuple[str, int]]) -> dict[str, Any]:
    values = [{"key": value, "doc_count": n} for value, n in spellings]
    return {"key": key, "doc_count": count, "spelling": {"buckets": values}}


def test_a_folded_facet_shows_its_bucket_in_the_most_frequent_spelling() -> None:
    tags = [
        _folded_bucket("news", 22, [("Politics", 30), ("News", 15), ("news", 7)]),  # other tags first
        _folded_bucket("vote", 3, [("Politics", 3), ("Election", 3)]),  # no spelling among those read
    ]
    response = {**_response(0), "aggregations": {"tags": {"buckets": tags}}}
    facets = parse_response(response, SearchParams()).facets
    assert facets["tags"] == [{"value": "News", "count": 22}, {"value": "vote", "count": 3}]


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        ("application/vnd.elasticsearch+json; compatible-with=9", "application/json"),
        ("application/vnd.elasticsearch+x-ndjson; compatible-with=8", "application/x-ndjson"),
        ("application/json", "application/json"),
    ],
)
def test_compat_proxy_media_types(sent: str, expected: str) -> None:
    assert plain_media_type(sent) == expected


@pytest.mark.parametrize(
    ("reasons", "since", "filters"),
    [
        ((), None, [{"term": {"status": "failed"}}]),
        (
            ("http_404", "engine_unavailable"),
            "2026-11-26",
            [
                {"term": {"status": "failed"}},
                {"terms": {"reason": ["http_404", "engine_unavailable"]}},
                {"range": {"last_attempt": {"gte": "2026-11-26||/d"}}},
            ],
        ),
        ((), "now-1d", [{"term": {"status": "failed"}}, {"range": {"last_attempt": {"gte": "now-1d"}}}]),
    ],
)
def test_failed_url_queries(
    reasons: tuple[str, ...], since: str | None, filters: list[dict[str, Any]]
) -> None:
    assert failed_query(reasons, since) == {"bool": {"filter": filters}}


def test_a_failed_url_query_refuses_a_bad_date() -> None:
    with pytest.raises(PermanentError) as caught:
        failed_query((), "yesterday-ish")
    assert caught.value.reason == "invalid_query"
