"""The pure document builder: ids, versions, truncation, and agreement with template.json."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from worker.index.documents import (
    KEYWORD_MAX_BYTES,
    LOCALIZED_LANGUAGES,
    FetchInfo,
    build_document,
    document_id,
    document_version,
    language_code,
    sha256_hex,
    site_of,
    truncate_utf8,
)
from worker.index.layout import load_json
from worker.models import Article, Image

FETCHED = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def fetch(**fields: Any) -> FetchInfo:
    return FetchInfo(fetched_at=fields.pop("fetched_at", FETCHED), **fields)


@pytest.mark.parametrize(
    ("canonical", "final", "expected"),
    [
        ("https://x.test/c", "https://x.test/f", "https://x.test/c"),
        (None, "https://x.test/f", "https://x.test/f"),
        ("  ", None, "https://x.test/u"),
        (None, None, "https://x.test/u"),
    ],
)
def test_id_is_sha256_of_canonical_then_final_then_fetched_url(
    canonical: str | None, final: str | None, expected: str
) -> None:
    article = Article(url="https://x.test/u", canonical_url=canonical)
    assert document_id(article, fetch(final_url=final)) == sha256_hex(expected)
    assert len(sha256_hex(expected)) == 64


def test_version_is_modified_else_fetched_at_in_epoch_ms() -> None:
    modified = datetime(2024, 5, 1, 10, 0, tzinfo=timezone(timedelta(hours=2)))
    assert document_version(Article(url="u", modified=modified), fetch()) == 1714550400000
    assert document_version(Article(url="u"), fetch()) == int(FETCHED.timestamp() * 1000)
    naive = datetime(2024, 5, 1, 8, 0)  # a naive value is read as UTC
    assert document_version(Article(url="u", modified=naive), fetch()) == 1714550400000
    assert document_version(Article(url="u", modified=datetime(1960, 1, 1, tzinfo=UTC)), fetch()) == 1


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [("abc", 3, "abc"), ("abcd", 3, "abc"), ("aé", 2, "a"), ("aé", 3, "aé"), ("€€", 5, "€"), ("", 1, "")],
)
def test_truncation_counts_utf8_bytes_and_never_splits_a_character(
    text: str, limit: int, expected: str
) -> None:
    assert truncate_utf8(text, limit) == expected


def test_long_keywords_are_cut_below_the_term_limit() -> None:
    article = Article(url="https://x.test/" + "é" * 20000, authors=("ü" * 5000,), tags=("t",) * 3)
    source = build_document(article, fetch()).source
    assert len(source["url"].encode()) <= KEYWORD_MAX_BYTES["url"] < 32766
    assert len(source["authors"][0].encode()) <= 1024
    assert source["tags"] == ["t"]


def test_source_fields_and_normalisation() -> None:
    article = Article(
        url="https://www.Example.test/a?x=1",
        title="T",
        body="b",
        authors=(" Ann ", ""),
        language="en-GB",
        published=datetime(2024, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=-4))),
        images=(Image(url="https://img.test/1.jpg", caption="c"),),
    )
    document = build_document(article, fetch(status=200, content_type="text/html"))
    source = document.source
    assert source["doc_id"] == document.doc_id
    assert source["site"] == "example.test"
    assert source["authors"] == ["Ann"]
    assert source["language"] == "en"
    assert source["published"] == "2024-05-01T16:00:00.000+00:00"
    assert source["first_seen"] == source["fetched_at"] == "2024-06-01T12:00:00.000+00:00"
    assert source["lead_image"] == "https://img.test/1.jpg"
    assert source["fetch"] == {"status": 200, "content_type": "text/html"}
    assert "modified" not in source


@pytest.mark.parametrize(
    ("raw", "code"), [("de-AT", "de"), ("EN", "en"), ("pt_BR", "pt"), ("", None), (None, None)]
)
def test_language_code(raw: str | None, code: str | None) -> None:
    assert language_code(raw) == code


def test_site_strips_www_and_lowercases() -> None:
    assert site_of("https://WWW.News.Test:8443/x") == "news.test"
    assert site_of("not a url") == ""


def _properties() -> dict[str, Any]:
    properties: dict[str, Any] = load_json("template.json")["template"]["mappings"]["properties"]
    return properties


def test_every_source_field_exists_in_the_strict_mapping() -> None:
    article = Article(
        url="https://x.test/a",
        canonical_url="https://x.test/c",
        title="t",
        description="d",
        authors=("a",),
        published=FETCHED,
        modified=FETCHED,
        body="b",
        images=(Image(url="https://x.test/i.jpg"),),
        tags=("t",),
        categories=("s", "r"),
        section="s",
        language="de",
        site_name="X",
        word_count=1,
        provenance={"title": "meta"},
    )
    info = fetch(
        final_url="https://x.test/f", status=200, content_type="t", charset="utf-8", bytes=1, etag="e"
    )
    source = build_document(article, info).source
    properties = _properties()
    assert source["categories"] == ["s", "r"]
    assert set(source) <= set(properties)
    assert set(source["fetch"]) <= set(properties["fetch"]["properties"])


def test_keyword_limits_stay_within_ignore_above() -> None:
    properties = _properties()
    for field, max_bytes in KEYWORD_MAX_BYTES.items():
        assert max_bytes <= properties[field]["ignore_above"]
        assert properties[field]["ignore_above"] * 4 < 32766  # 4 bytes per character at most


def test_localized_fields_match_the_builder_languages() -> None:
    properties = _properties()
    localized = properties["localized"]["properties"]
    assert set(localized) == set(LOCALIZED_LANGUAGES)
    assert properties["body"]["index_options"] == "offsets"
    assert all(fields["properties"]["body"]["index_options"] == "offsets" for fields in localized.values())


def test_text_is_localized_only_for_languages_with_an_analyzer() -> None:
    german = build_document(Article(url="u", title="Häuser", body="Text", language="de-AT"), fetch()).source
    assert german["localized"] == {"de": {"title": "Häuser", "body": "Text"}}
    english = build_document(Article(url="u", title="Houses", body="Text", language="en"), fetch()).source
    assert "localized" not in english
    unknown = build_document(Article(url="u", title="Talo", body="Teksti", language="fi"), fetch()).source
    assert "localized" not in unknown
