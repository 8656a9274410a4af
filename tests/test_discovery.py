"""Discovery parsing: RSS, Atom, sitemaps, sitemap indexes, news sitemaps, gzip (pure)."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from worker.discovery import gunzip, parse_source
from worker.errors import PermanentError

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>A</title><link>https://news.example/a</link>
<pubDate>Tue, 03 Jun 2025 10:00:00 +0200</pubDate></item>
<item><title>B</title><guid>https://news.example/b</guid></item>
<item><title>relative</title><link>/c</link></item>
<item><title>bad scheme</title><link>javascript:alert(1)</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><link rel="self" href="https://news.example/self"/><link href="https://news.example/x"/>
<updated>2025-06-03T08:00:00Z</updated></entry>
<entry><link rel="alternate" href="https://news.example/y"/><published>2025-06-01</published></entry>
</feed>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/n1</loc><news:news><news:publication_date>2025-06-02T12:00:00+00:00</news:publication_date>
<news:title>N1</news:title></news:news></url>
<url><loc>https://news.example/n2</loc><lastmod>2025-05-30</lastmod></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example/sitemap-1.xml.gz</loc></sitemap><sitemap><loc>/sitemap-2.xml</loc></sitemap>
</sitemapindex>"""

BASE = "https://news.example/feed"


def test_rss_items_give_absolute_http_urls_with_dates() -> None:
    source = parse_source(RSS, BASE)
    assert source.kind == "rss"
    assert [a.url for a in source.articles] == [
        "https://news.example/a",
        "https://news.example/b",
        "https://news.example/c",
    ]
    assert source.articles[0].published == datetime(2025, 6, 3, 8, 0, tzinfo=UTC)
    assert source.articles[1].published is None


def test_atom_prefers_the_alternate_link() -> None:
    source = parse_source(ATOM, BASE)
    assert source.kind == "atom"
    assert [a.url for a in source.articles] == ["https://news.example/x", "https://news.example/y"]
    assert source.articles[1].published == datetime(2025, 6, 1, tzinfo=UTC)


def test_news_sitemap_uses_the_publication_date_then_lastmod() -> None:
    source = parse_source(NEWS_SITEMAP, BASE)
    assert source.kind == "sitemap"
    assert [(a.url, a.published) for a in source.articles] == [
        ("https://news.example/n1", datetime(2025, 6, 2, 12, 0, tzinfo=UTC)),
        ("https://news.example/n2", datetime(2025, 5, 30, tzinfo=UTC)),
    ]


def test_sitemap_index_lists_child_sitemaps_and_gzip_is_unpacked() -> None:
    source = parse_source(gzip.compress(INDEX), BASE)
    assert source.kind == "sitemapindex"
    assert source.sitemaps == ("https://news.example/sitemap-1.xml.gz", "https://news.example/sitemap-2.xml")
    assert source.articles == ()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<html><body>not a feed</body></html>", "feed_unparseable"),
        (b"{not xml", "feed_unparseable"),
        (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss>&a;</rss>', "feed_unparseable"),
        (b"\x1f\x8bnot really gzip", "feed_unparseable"),
    ],
)
def test_what_is_not_a_feed_is_a_permanent_failure(body: bytes, reason: str) -> None:
    with pytest.raises(PermanentError) as caught:
        parse_source(body, BASE)
    assert caught.value.reason == reason


def test_gzip_bomb_stops_at_the_cap() -> None:
    bomb = gzip.compress(b"\0" * 2_000_000)
    with pytest.raises(PermanentError) as caught:
        gunzip(bomb, limit=1_000_000)
    assert caught.value.reason == "too_large"
