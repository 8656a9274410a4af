"""Table-driven tests of the published-date cascade: disagreeing sources and the extra written forms."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from worker.extract import extract_article
from worker.extract.written_dates import parse_more

URL = "https://news.example.com/story"


def page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def jsonld(item: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(item)}</script>'


def og(key: str, content: str) -> str:
    return f'<meta property="{key}" content="{content}">'


ARTICLE = {"@type": "NewsArticle", "datePublished": "2023-11-03T10:25:56+00:00"}
FILLER = "<p>" + "Some words of the article body. " * 10 + "</p>"

DATE_CASES = [
    (
        "JSON-LD and OpenGraph disagree, the page's other dates side with OpenGraph",
        page(
            jsonld(ARTICLE) + og("article:published_time", "2023-11-06T14:25:00+00:00"),
            '<time datetime="2023-11-06T15:25:00+01:00">6. November</time>',
        ),
        datetime(2023, 11, 6, 14, 25, tzinfo=UTC),
        "opengraph",
    ),
    (
        "JSON-LD and OpenGraph disagree, nothing else tells: the cascade order",
        page(jsonld(ARTICLE) + og("article:published_time", "2023-11-06T14:25:00+00:00")),
        datetime(2023, 11, 3, 10, 25, 56, tzinfo=UTC),
        "json-ld",
    ),
    (
        "a <time> repeating the OpenGraph text is no second opinion",
        page(
            jsonld(ARTICLE) + og("article:published_time", "2023-11-06T14:25:00Z"),
            '<time datetime="2023-11-06T14:25:00Z">Nov 3, updated Nov 6</time>',
        ),
        datetime(2023, 11, 3, 10, 25, 56, tzinfo=UTC),
        "json-ld",
    ),
    (
        "a date in the author line, before dates elsewhere on the page",
        page(
            body='<p class="teaser-date">03.11.2023</p><article><p class="single-author">'
            "<em>von</em> <span>Fred Hüning</span> <em>31.10.2023</em></p>" + FILLER + "</article>"
        ),
        datetime(2023, 10, 31, tzinfo=UTC),
        "byline-text:naive",
    ),
    (
        "a submitted line (Drupal) with a written date and time",
        page(body='<div class="submitted">Gespeichert von rasos am 24. Juli 2017 - 18:55</div>' + FILLER),
        datetime(2017, 7, 24, 18, 55, tzinfo=UTC),
        "byline-text:naive",
    ),
    (
        "an author line in the comments is not the article's",
        page(
            body='<div class="comments"><p class="comment-author">Anna 02.01.2024</p></div>'
            '<p class="date">05.01.2024</p>'
        ),
        datetime(2024, 1, 5, tzinfo=UTC),
        "heuristic:naive",
    ),
    (
        "a <time> whose class says publication",
        page(
            body='<time class="comment" datetime="2019-09-22T07:30:29Z">x</time>'
            '<p class="publication"><time datetime="2019-06-28T13:49:45Z">28 juin</time></p>'
        ),
        datetime(2019, 6, 28, 13, 49, 45, tzinfo=UTC),
        "time-element",
    ),
    (
        "an Arabic date in OpenGraph, afternoon",
        page(og("article:published_time", "الأربعاء، 07 أكتوبر 2020 - 12:09 م")),
        datetime(2020, 10, 7, 12, 9, tzinfo=UTC),
        "opengraph:naive",
    ),
    (
        "a CJK date in the page text",
        page(body=f"<article><p>記事</p><p>2020年07月12日 | 競馬</p>{FILLER}</article>"),
        datetime(2020, 7, 12, tzinfo=UTC),
        "heuristic:naive",
    ),
    (
        "a Cyrillic dateline with a time",
        page(body=f"<article><p>Германия</p><p>15 августа 2016, 13:43</p>{FILLER}</article>"),
        datetime(2016, 8, 15, 13, 43, tzinfo=UTC),
        "heuristic:naive",
    ),
    (
        "a date in the description only",
        page('<meta name="description" content="ORSO MARSICANO (Notizia del 14 Gennaio 2020)">'),
        datetime(2020, 1, 14, tzinfo=UTC),
        "heuristic:naive",
    ),
]


@pytest.mark.parametrize(("case", "html", "published", "source"), DATE_CASES, ids=[c[0] for c in DATE_CASES])
def test_published(case: str, html: str, published: datetime, source: str) -> None:
    article = extract_article(html, URL)
    assert (article.published, article.provenance.get("published")) == (published, source)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026년 1월 29일 18:40", datetime(2026, 1, 29, 18, 40)),
        ('showDate("2020/04/17 01:43:09")', datetime(2020, 4, 17, 1, 43)),
        ("07 أكتوبر 2020 - 12:09 ص", datetime(2020, 10, 7, 0, 9)),
        ("1 мая 2019", datetime(2019, 5, 1)),
    ],
)
def test_more_written_forms(text: str, expected: datetime) -> None:
    parsed = parse_more(text)
    assert parsed is not None and parsed.value == expected


@pytest.mark.parametrize(
    "text", ["", "15 foobar 2016", "2020/13/45", "31 февраля 2020", "1 мая 1850", "123/4/5"]
)
def test_not_dates(text: str) -> None:
    assert parse_more(text) is None


@pytest.mark.parametrize(
    ("case", "head", "published", "modified"),
    [
        (
            "a generic date meta later than the day shown: the shown day is published, the meta modified",
            '<meta name="date" content="2020-02-12">',
            datetime(2020, 2, 5, tzinfo=UTC),
            datetime(2020, 2, 12, tzinfo=UTC),
        ),
        (
            "a named publication meta stands",
            '<meta name="pubdate" content="2020-02-12">',
            datetime(2020, 2, 12, tzinfo=UTC),
            None,
        ),
        (
            "a generic date meta with a time stands",
            '<meta name="date" content="2020-02-12T09:30:00+00:00">',
            datetime(2020, 2, 12, 9, 30, tzinfo=UTC),
            None,
        ),
    ],
)
def test_a_generic_date_meta_gives_way_to_an_earlier_day_shown(
    case: str, head: str, published: datetime, modified: datetime | None
) -> None:
    html = page(
        head, f'<div class="news-single-timedata">05.02.2020 <span>- Redaktion: E. Fuhr</span></div>{FILLER}'
    )
    article = extract_article(html, URL)
    assert (article.published, article.modified) == (published, modified)


def test_a_generic_date_meta_gives_way_to_an_earlier_time_element() -> None:
    html = page('<meta name="date" content="2020-04-30">', f"<time>29.04.2020, 12:01 Uhr</time>{FILLER}")
    article = extract_article(html, URL)
    assert (article.published, article.modified) == (
        datetime(2020, 4, 29, 12, 1, tzinfo=UTC),
        datetime(2020, 4, 30, tzinfo=UTC),
    )
    assert article.provenance["published"] == "time-element:naive"
