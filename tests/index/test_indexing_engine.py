"""Indexing on the real engine through both client paths: versions, duplicates, bad documents, URL status."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.index.conftest import Stack, entry
from worker.errors import TransientError
from worker.index.bulk import Indexer
from worker.index.documents import sha256_hex
from worker.index.records import UrlRecord
from worker.index.search import get_article, lookup_url_status

pytestmark = pytest.mark.services

OLD = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
NEW = datetime(2024, 5, 2, 8, 0, tzinfo=UTC)


def stored_title(stack: Stack, url: str) -> str | None:
    found = get_article(stack.engine, stack.settings, sha256_hex(url))
    return None if found is None else found.get("title")


def test_reindexing_the_same_article_is_idempotent(stack: Stack) -> None:
    article = entry("https://v.test/a", title="Same", fetched_at=OLD)
    first = stack.indexer.index([article])
    second = stack.indexer.index([article])
    stack.refresh()
    assert [r.status for r in first + second] == ["indexed", "indexed"]
    assert stack.engine.count(stack.settings.read_alias) == 1
    found = get_article(stack.engine, stack.settings, sha256_hex("https://v.test/a"))
    assert found is not None
    assert found["version"] == int(OLD.timestamp() * 1000)


def test_an_older_fetch_never_overwrites_a_newer_one(stack: Stack) -> None:
    newer = stack.indexer.index([entry("https://v.test/a", title="Newer", modified=NEW)])
    older = stack.indexer.index([entry("https://v.test/a", title="Older", modified=OLD, fetched_at=NEW)])
    assert newer[0].status == "indexed"
    assert (older[0].status, older[0].reason) == ("duplicate", "superseded")
    assert stored_title(stack, "https://v.test/a") == "Newer"


def test_a_newer_fetch_replaces_the_older_one(stack: Stack) -> None:
    stack.indexer.index([entry("https://v.test/a", title="First", fetched_at=OLD)])
    result = stack.indexer.index([entry("https://v.test/a", title="Second", fetched_at=NEW)])
    assert result[0].status == "indexed"
    assert stored_title(stack, "https://v.test/a") == "Second"


def test_urls_sharing_a_canonical_url_make_one_document(stack: Stack) -> None:
    canonical = "https://v.test/story"
    results = stack.indexer.index(
        [
            entry("https://v.test/story?utm_source=x", canonical_url=canonical, fetched_at=OLD),
            entry("https://m.v.test/story", canonical_url=canonical, fetched_at=OLD),
        ]
    )
    stack.refresh()
    assert {r.doc_id for r in results} == {sha256_hex(canonical)}
    assert stack.engine.count(stack.settings.read_alias) == 1


def test_one_bad_document_does_not_stop_the_rest_and_is_recorded(stack: Stack) -> None:
    good = [entry(f"https://b.test/{n}") for n in range(4)]
    bad = entry("https://b.test/bad", word_count=10**12)  # out of range for the integer field
    results = stack.indexer.index([*good[:2], bad, *good[2:]])
    stack.refresh()
    assert [r.status for r in results] == ["indexed", "indexed", "failed", "indexed", "indexed"]
    assert results[2].reason == "mapping_rejected"
    assert "word_count" in (results[2].message or "")
    assert stack.engine.count(stack.settings.read_alias) == 4
    record = lookup_url_status(stack.engine, stack.settings, "https://b.test/bad")
    assert record is not None
    assert (record["status"], record["reason"]) == ("failed", "mapping_rejected")


def test_url_status_records_follow_each_url(stack: Stack) -> None:
    url = "https://s.test/a?ref=feed"
    stack.indexer.record(url, "queued")
    stack.refresh()
    queued = lookup_url_status(stack.engine, stack.settings, url)
    assert queued is not None
    assert queued["status"] == "queued"
    result = stack.indexer.index([entry(url)])
    stack.refresh()
    indexed = lookup_url_status(stack.engine, stack.settings, url)
    assert indexed is not None
    assert (indexed["status"], indexed["doc_id"], indexed["url"]) == ("indexed", result[0].doc_id, url)
    assert indexed["first_seen"] == queued["first_seen"]
    stack.indexer.record(url, "unchanged", reason="not_modified", attempts=2)
    stack.refresh()
    unchanged = lookup_url_status(stack.engine, stack.settings, url)
    assert unchanged is not None
    assert (unchanged["status"], unchanged["reason"], unchanged["attempts"]) == (
        "unchanged",
        "not_modified",
        2,
    )
    assert lookup_url_status(stack.engine, stack.settings, "https://s.test/never") is None


def test_missing_alias_is_a_configuration_error_not_a_lost_url(stack: Stack) -> None:
    broken = stack.settings.model_copy(update={"write_alias": f"{stack.settings.index_prefix}-missing"})
    with pytest.raises(TransientError) as raised:
        Indexer(stack.engine, broken).index([entry("https://c.test/a")])
    assert raised.value.reason == "index_missing"
    assert stack.engine.list_indices(f"{stack.settings.index_prefix}-missing*") == []


def test_url_records_without_articles_are_written_in_one_request(stack: Stack) -> None:
    stack.indexer.record_all(
        [
            UrlRecord("https://n.test/304", "unchanged", reason="not_modified", attempts=1),
            UrlRecord(
                "https://n.test/pdf", "failed", reason="not_html", message="application/pdf", attempts=3
            ),
        ]
    )
    stack.refresh()
    unchanged = lookup_url_status(stack.engine, stack.settings, "https://n.test/304")
    failed = lookup_url_status(stack.engine, stack.settings, "https://n.test/pdf")
    assert unchanged is not None
    assert failed is not None
    assert (unchanged["status"], unchanged["reason"]) == ("unchanged", "not_modified")
    assert (failed["status"], failed["reason"], failed["message"], failed["attempts"]) == (
        "failed",
        "not_html",
        "application/pdf",
        3,
    )
