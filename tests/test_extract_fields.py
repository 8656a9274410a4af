"""Table-driven tests of each field cascade on small pages: which source wins, and what it gives."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from worker.config import Settings
from worker.errors import PermanentError
from worker.extract import ExtractOptions, extract_article, options_from_settings
from worker.models import Article, Image

URL = "https://news.example.com/politics/2021/03/04/some-story?utm_source=feed"
PLUS_1 = timezone(timedelta(hours=1))


def page(head: str = "", body: str = "", lang: str | None = None) -> str:
    lang_attribute = f' lang="{lang}"' if lang else ""
    return f"<!DOCTYPE html><html{lang_attribute}><head>{head}</head><body>{body}</body></html>"


def jsonld(*objects: object) -> str:
    return "".join(f'<script type="application/ld+json">{json.dumps(item)}</script>' for item in objects)


def breadcrumb_list(*names: str) -> str:
    """A JSON-LD ``BreadcrumbList`` of ``names`` in order."""
    items = [{"@type": "ListItem", "position": at, "name": name} for at, name in enumerate(names, 1)]
    return jsonld({"@type": "BreadcrumbList", "itemListElement": items})


def meta(key: str, content: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{key}" content="{content}">'


def extract(html: str, url: str = URL, **options: object) -> Article:
    return extract_article(html, url, ExtractOptions(**options))  # type: ignore[arg-type]


# --- title --------------------------------------------------------------------------------------

TITLE_CASES = [
    (
        "og:title of an article wins and loses the site suffix",
        page(
            meta("og:title", "Big story | Example News", "property") + meta("og:type", "article", "property"),
            "<h1>Unrelated heading</h1>",
        ),
        "Big story",
        "opengraph",
    ),
    (
        "JSON-LD headline, no og",
        page(jsonld({"@type": "NewsArticle", "headline": "Headline from JSON-LD"})),
        "Headline from JSON-LD",
        "json-ld",
    ),
    (
        "visible headline inside the declared title: the kicker goes",
        page(
            meta("og:title", "Kicker words: The real headline here", "property"),
            "<h1>The real headline here</h1>",
        ),
        "The real headline here",
        "heuristic",
    ),
    (
        "declared title inside the visible heading: the declared one",
        page(
            meta("og:title", "The real headline", "property") + meta("og:type", "article", "property"),
            "<h1>Kicker: The real headline</h1>",
        ),
        "The real headline",
        "opengraph",
    ),
    (
        "<title> without site name when nothing else",
        page("<title>Only a title tag - Example News</title>"),
        "Only a title tag",
        "heuristic",
    ),
    (
        "a page that is not an article: the h1 the <title> confirms",
        page(
            "<title>Over uns | Bumm Film</title>" + meta("og:title", "Bumm Film GmbH", "property"),
            "<h1>Over uns</h1>",
        ),
        "Over uns",
        "heuristic",
    ),
    (
        "blog layout: the <h1> is the blog's name, the post is the longest other <title> part",
        page(
            "<title>Time 4 talks  \u00bb Blog Archiv   \u00bb Weitere Digitalisierung der Kinos</title>",
            "<h1>Time 4 talks</h1>",
        ),
        "Weitere Digitalisierung der Kinos",
        "heuristic",
    ),
    (
        "blog layout with a tagline after the blog's name",
        page(
            "<title>Das schwulste Musikvideo :  Krimiblog | Ermittlungen | Seit 2005</title>",
            "<h1>Krimiblog</h1>",
        ),
        "Das schwulste Musikvideo",
        "heuristic",
    ),
    (
        "an <h1> longer than the other <title> parts is the headline",
        page(
            "<title>News - Elder: Aus dem Ghetto nach Augusta</title>",
            "<h1>Elder: Aus dem Ghetto nach Augusta</h1>",
        ),
        "Elder: Aus dem Ghetto nach Augusta",
        "heuristic",
    ),
    (
        "entities escaped twice are undone",
        page(meta("og:title", "It&amp;#8217;s here", "property")),
        "It\u2019s here",
        "opengraph",
    ),
]


@pytest.mark.parametrize(("case", "html", "title", "source"), TITLE_CASES, ids=[c[0] for c in TITLE_CASES])
def test_title(case: str, html: str, title: str, source: str) -> None:
    article = extract(html, "https://www.example-news.com/a")
    assert (article.title, article.provenance.get("title")) == (title, source)


# --- dates --------------------------------------------------------------------------------------

DATE_CASES = [
    (
        "JSON-LD with the page's own offset",
        page(
            jsonld(
                {
                    "@type": "NewsArticle",
                    "datePublished": "2021-03-04T10:00:00+01:00",
                    "dateModified": "2021-03-04T12:30:00+01:00",
                }
            )
        ),
        datetime(2021, 3, 4, 10, tzinfo=PLUS_1),
        datetime(2021, 3, 4, 12, 30, tzinfo=PLUS_1),
        "json-ld",
    ),
    (
        "@graph with arrays and a second object",
        page(
            jsonld(
                {
                    "@graph": [
                        {"@type": "WebSite", "name": "X"},
                        {"@type": ["Article", "NewsArticle"], "datePublished": "2021-03-04T09:00:00Z"},
                    ]
                }
            )
        ),
        datetime(2021, 3, 4, 9, tzinfo=UTC),
        None,
        "json-ld",
    ),
    (
        "broken JSON-LD (trailing comma) is tolerated",
        page(
            '<script type="application/ld+json">'
            '{"@type": "NewsArticle", "datePublished": "2021-03-04T09:00:00Z",}'
            "</script>"
        ),
        datetime(2021, 3, 4, 9, tzinfo=UTC),
        None,
        "json-ld",
    ),
    (
        "article:published_time",
        page(
            meta("article:published_time", "2021-03-04T08:00:00-05:00", "property")
            + meta("article:modified_time", "2021-03-05T08:00:00-05:00", "property")
        ),
        datetime(2021, 3, 4, 8, tzinfo=timezone(timedelta(hours=-5))),
        datetime(2021, 3, 5, 8, tzinfo=timezone(timedelta(hours=-5))),
        "opengraph",
    ),
    (
        "parsely meta",
        page(meta("parsely-pub-date", "2021-03-04T07:00:00Z")),
        datetime(2021, 3, 4, 7, tzinfo=UTC),
        None,
        "meta",
    ),
    (
        "<time datetime> in the article",
        page(
            body='<article><time class="published" datetime="2021-03-04T06:00:00+01:00">4 March</time>'
            "</article>"
        ),
        datetime(2021, 3, 4, 6, tzinfo=PLUS_1),
        None,
        "time-element",
    ),
    (
        "visible dateline",
        page(
            body='<div class="meta">Published: MARCH 4, 2021 16:40</div>'
            '<div class="meta">Updated: MARCH 4, 2021 17:27'
            "</div>"
        ),
        datetime(2021, 3, 4, 16, 40, tzinfo=UTC),
        datetime(2021, 3, 4, 17, 27, tzinfo=UTC),
        "byline-text:naive",
    ),
    (
        "date in the URL only",
        page(body="<p>No date anywhere in this text at all.</p>"),
        datetime(2021, 3, 4, tzinfo=UTC),
        None,
        "url:naive",
    ),
    (
        "modified before published is dropped",
        page(
            jsonld(
                {
                    "@type": "NewsArticle",
                    "datePublished": "2021-03-04T10:00:00Z",
                    "dateModified": "2020-01-01T00:00:00Z",
                }
            )
        ),
        datetime(2021, 3, 4, 10, tzinfo=UTC),
        None,
        "json-ld",
    ),
]


@pytest.mark.parametrize(
    ("case", "html", "published", "modified", "source"), DATE_CASES, ids=[c[0] for c in DATE_CASES]
)
def test_dates(case: str, html: str, published: datetime, modified: datetime | None, source: str) -> None:
    article = extract(html)
    assert article.published == published
    assert article.published is not None and article.published.utcoffset() == published.utcoffset()
    assert article.modified == modified
    assert article.provenance["published"] == source


def test_naive_date_takes_the_configured_site_zone() -> None:
    html = page(meta("article:published_time", "2021-07-04T10:00:00", "property"))
    article = extract(html, site_timezones={"example.com": "Europe/Berlin"})
    assert article.published is not None
    assert article.published.isoformat() == "2021-07-04T10:00:00+02:00"
    assert article.provenance["published"] == "opengraph:site-tz"


def test_site_zones_come_from_the_settings() -> None:
    settings = Settings(site_timezones="jpost.com=Asia/Jerusalem, example.com = Europe/Berlin")  # type: ignore[arg-type]
    options = options_from_settings(settings)
    assert options.site_timezones == {"jpost.com": "Asia/Jerusalem", "example.com": "Europe/Berlin"}
    html = page(meta("article:published_time", "2021-07-04T10:00:00", "property"))
    published = extract_article(html, URL, options).published
    assert published is not None
    assert published.isoformat() == "2021-07-04T10:00:00+02:00"


LOCAL_TIME_CASES = [
    (
        "a <time> of the same instant written with its offset",
        '<time datetime="2024-01-07T12:20:00+11:00">7 January 2024</time>',
        "2024-01-07T01:20:00Z",
        "2024-01-07T12:20:00+11:00",
    ),
    (
        "a <time> element's naive local time",
        '<time datetime="2023-11-08 17:49:09">November 8, 2023 at 5:49 p.m.</time>',
        "2023-11-09T01:49:09Z",
        "2023-11-08T17:49:09-08:00",
    ),
    (
        "the dateline's time with a 12-hour clock",
        '<div class="byline">Posted: Nov 8, 2023 / 04:43 PM CST</div>',
        "2023-11-08T22:43:30Z",
        "2023-11-08T16:43:30-06:00",
    ),
    (
        "the dateline's time after a UTC date attribute",
        '<time class="date" datetime="2019-10-19T14:14:55Z">19. Oktober 2019 16:14 Uhr</time>'
        '<span class="date">19. Oktober 2019, 16:14 Uhr</span>',
        "2019-10-19T14:14:55Z",
        "2019-10-19T16:14:55+02:00",
    ),
    (
        "a half-hour offset",
        '<span class="dateline">Published: 02 Nov 2023, 21:34</span>',
        "2023-11-02T16:04:19Z",
        "2023-11-02T21:34:19+05:30",
    ),
    (
        "no offset of 15 minutes: the time shown is another moment (a live blog's latest post)",
        '<time datetime="2019-10-19 14:00">14:00</time>',
        "2019-10-19T14:14:55Z",
        "2019-10-19T14:14:55+00:00",
    ),
    (
        "no offset west of -10:00: a 12-hour clock read as 24-hour (3:48 for 15:48)",
        '<span class="date">October 23, 2024, 3:48 Uhr</span>',
        "2024-10-23T15:48:15Z",
        "2024-10-23T15:48:15+00:00",
    ),
    (
        "only the first time shown counts: later ones date teasers of other stories",
        '<span class="date">In News - 02 Feb 2025, 20:02</span>'
        '<span class="date">In News - 31 Jan 2025, 13:02</span>',
        "2025-01-31T20:02:00Z",
        "2025-01-31T20:02:00+00:00",
    ),
    (
        "a UTC time on the hour that is midnight of the next day the dateline shows",
        '<span class="date">5. November 2021</span>',
        "2021-11-04T23:00:00Z",
        "2021-11-05T00:00:00+01:00",
    ),
    (
        "a UTC time with minutes is no midnight",
        '<span class="date">5. November 2021</span>',
        "2021-11-04T23:12:00Z",
        "2021-11-04T23:12:00+00:00",
    ),
    (
        "a UTC time on the hour on the day the dateline shows keeps UTC",
        '<span class="date">4. November 2021</span>',
        "2021-11-04T23:00:00Z",
        "2021-11-04T23:00:00+00:00",
    ),
]


@pytest.mark.parametrize(
    ("case", "shown", "declared", "published"), LOCAL_TIME_CASES, ids=[c[0] for c in LOCAL_TIME_CASES]
)
def test_utc_metadata_takes_the_offset_of_the_local_time_shown(
    case: str, shown: str, declared: str, published: str
) -> None:
    html = page(jsonld({"@type": "NewsArticle", "datePublished": declared}), shown)
    article = extract(html)
    assert article.published is not None
    assert article.published.isoformat() == published
    assert article.provenance["published"] == "json-ld"


NAIVE_TIME_CASES = [
    (
        "the same time of day written with an offset elsewhere",
        '<time datetime="2023-04-28T18:11:01+02:00">28.04.2023, 18:11 Uhr</time>',
        "2023-04-28T18:11:01",
        "2023-04-28T18:11:01+02:00",
        "json-ld",
    ),
    (
        "its UTC instant to the second elsewhere",
        '<time datetime="2023-11-09T03:19:12Z"></time>',
        "2023-11-08T22:19:12",
        "2023-11-08T22:19:12-05:00",
        "json-ld",
    ),
    (
        "no offset from whole minutes that differ by hours: they meet by chance",
        '<time datetime="2023-11-08T08:00:00Z"></time>',
        "2023-11-08T10:00:00",
        "2023-11-08T10:00:00+00:00",
        "json-ld:naive",
    ),
]


@pytest.mark.parametrize(
    ("case", "other", "declared", "published", "source"),
    NAIVE_TIME_CASES,
    ids=[c[0] for c in NAIVE_TIME_CASES],
)
def test_naive_metadata_takes_the_offset_another_date_of_the_page_writes(
    case: str, other: str, declared: str, published: str, source: str
) -> None:
    article = extract(page(jsonld({"@type": "NewsArticle", "datePublished": declared}), other))
    assert article.published is not None
    assert article.published.isoformat() == published
    assert article.provenance["published"] == source


def test_modified_takes_the_offset_another_date_of_the_page_writes_for_it() -> None:
    html = page(
        jsonld(
            {
                "@type": "NewsArticle",
                "datePublished": "2024-10-15T23:35:43+02:00",
                "dateModified": "2024-10-15T21:35:43Z",
            }
        ),
        '<time datetime="2024-10-15T23:35:43+02:00">15.10.2024 23:35</time>',
    )
    article = extract(html)
    assert article.modified is not None
    assert article.modified.isoformat() == "2024-10-15T23:35:43+02:00"


# --- authors ------------------------------------------------------------------------------------

PROSE = "<p>" + "The river rose overnight and the town woke to water in the streets. " * 3 + "</p>"
AUTHOR_CASES = [
    (
        "a user name gives way to a person's name",
        page(
            jsonld({"@type": "NewsArticle", "author": "CC7567"}),
            body='<span class="byline">James Akinaka</span>',
        ),
        ("James Akinaka",),
        "byline-text",
    ),
    (
        "a user name alone is the author",
        page(jsonld({"@type": "NewsArticle", "author": "r23"})),
        ("r23",),
        "json-ld",
    ),
    (
        "a paragraph that is only a byline label and a name",
        page(body="<p>Ein Gedenken in Berlin.</p><p>Von Claudia Lindner</p><p>Der Text beginnt hier.</p>"),
        ("Claudia Lindner",),
        "byline-text",
    ),
    (
        "an inline byline alone in its list item",
        page(body='<ul><li><i class="icon"></i><span> von Alexander Rosenkranz </span></li></ul>'),
        ("Alexander Rosenkranz",),
        "byline-text",
    ),
    (
        "a label whose names follow in its child elements",
        page(
            body='<p class="information-item">Von:\n\t\t<span class="person-link">'
            '<a href="/b">Bill MCCARTHY</a>,</span> <span class="person-link">'
            '<a href="/m">Marisha Goldhamer</a></span></p>'
        ),
        ("Bill MCCARTHY", "Marisha Goldhamer"),
        "byline-text",
    ),
    (
        "a label whose names follow with their separators in its own text",
        page(body='<p>Von: <a href="/a">Anna Berg</a>, <a href="/b">Max Müller</a></p>'),
        ("Anna Berg", "Max Müller"),
        "byline-text",
    ),
    (
        "a label whose names follow on lines of their own",
        page(body='<p>Von: <a href="/a">Anna Berg</a><br><a href="/b">Max Müller</a></p>'),
        ("Anna Berg", "Max Müller"),
        "byline-text",
    ),
    (
        "a label alone in its element, the name in the next one",
        page(
            body='<div><span class="screen-reader-text">| By </span> <span>Cara Stiles</span> | Apr 13</div>'
        ),
        ("Cara Stiles",),
        "byline-text",
    ),
    (
        "labels nested around a long text: no name follows them",
        page(body="<span>By " * 50 + "<p>" + "The river rose overnight. " * 20 + "</p>" + "</span>" * 50),
        (),
        None,
    ),
    (
        "a label before what is no name (a sort order) is no byline",
        page(body="<div><span>By</span> <span>most recent first</span></div>"),
        (),
        None,
    ),
    (
        "a credit inside a list of works is no byline",
        page(
            body="<div>Kategorie: <i>Kinderbuch</i><br>Ghostsitter<br><span>von Tommy Krappweis</span></div>"
        ),
        (),
        None,
    ),
    (
        "a paragraph that holds more than its name line is no byline",
        page(body='<p>Von Anna Berg<br><a href="/mehr">Zum ganzen Artikel</a></p>'),
        (),
        None,
    ),
    (
        "a name line beside a linked element is not alone",
        page(body='<ul><li><span>von Tommy Krappweis</span><b><a href="/b">Ghostsitter</a></b></li></ul>'),
        (),
        None,
    ),
    (
        "a name line in the comments is no byline",
        page(body='<div class="comments"><p>By John Smith</p><p>Great piece.</p></div>'),
        (),
        None,
    ),
    ("words that are no name", page(body="<p>Von Berlin nach Hamburg</p><p>by the way</p>"), (), None),
    (
        "a line naming the post's writer",
        page(body="<p>Blog Beitrag von Margarita Koreneva</p><p>Vegetarier oder Veganer zu sein.</p>"),
        ("Margarita Koreneva",),
        "byline-text",
    ),
    (
        "a byline line after a dash",
        page(body='<div><span style="color: gray"><em>---- by Kenneth Surin</em></span></div>'),
        ("Kenneth Surin",),
        "byline-text",
    ),
    (
        "a bold name opening the text signs it, after the site named as author",
        page(
            meta("author", "Lesotho Times") + meta("og:site_name", "Lesotho Times", "property"),
            body="<div><p><em>A short dek.</em></p><p>&nbsp;</p>"
            f"<p><strong>Mohloai Mpesi</strong></p>{PROSE}</div>",
        ),
        ("Mohloai Mpesi",),
        "byline-text",
    ),
    (
        "bold names closing the text sign it",
        page(body=f"<div>{PROSE}{PROSE}<p><b><i>Anna Berg/Tom Meier</i></b></p></div><footer>(c) x</footer>"),
        ("Anna Berg", "Tom Meier"),
        "byline-text",
    ),
    (
        "a bold subheading between paragraphs signs nothing",
        page(body=f"<div>{PROSE}<p><strong>Weitere Informationen</strong></p>{PROSE}</div>"),
        (),
        None,
    ),
    (
        "a bold heading over a list at the end signs nothing",
        page(body=f'<div>{PROSE}<p><b>Weitere Informationen</b></p><ul><li><a href="/a">A</a></li></ul>'),
        (),
        None,
    ),
    (
        "a bold line after the opening paragraph signs nothing",
        page(body=f"<div>{PROSE}<p><b>Anna Berg</b></p>{PROSE}</div>"),
        (),
        None,
    ),
    (
        "a person an earlier source names comes before a bold signature",
        page(meta("author", "Jane Doe"), body=f"<div>{PROSE}<p><b>Anna Berg</b></p></div>"),
        ("Jane Doe",),
        "meta",
    ),
    (
        "a menu's link to the list of authors is no byline",
        page(
            body='<ul class="menu"><li><a href="https://x.test/autoren/">Autoren</a></li>'
            '<li><a href="/en/authors">Our authors</a></li></ul>'
            '<div class="page-author">Von <a href="https://x.test/autoren/tomas-spahn/">Tomas Spahn</a></div>'
        ),
        ("Tomas Spahn",),
        "byline-text",
    ),
    (
        "JSON-LD people",
        page(
            jsonld(
                {
                    "@type": "NewsArticle",
                    "author": [
                        {"@type": "Person", "name": "Jane Doe"},
                        {"@type": "Person", "name": "John Roe"},
                    ],
                }
            )
        ),
        ("Jane Doe", "John Roe"),
        "json-ld",
    ),
    (
        "JSON-LD @id reference into the @graph",
        page(
            jsonld(
                {
                    "@graph": [
                        {"@type": "Article", "author": {"@id": "#p1"}},
                        {"@type": "Person", "@id": "#p1", "name": "Ann Poe"},
                    ]
                }
            )
        ),
        ("Ann Poe",),
        "json-ld",
    ),
    (
        "publisher credited as author: the byline's person wins",
        page(
            meta("og:site_name", "Example News", "property")
            + jsonld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Example News"}}),
            '<div class="byline">By JANE DOE</div>',
        ),
        ("Jane Doe",),
        "byline-text",
    ),
    (
        "publisher credited beside its writer: the writer only",
        page(meta("og:site_name", "CNN", "property") + meta("author", "Rob Picheta, CNN")),
        ("Rob Picheta",),
        "meta",
    ),
    (
        "a news agency credited beside the writer is a co-author, the publisher is not",
        page(
            meta("og:site_name", "Example News", "property")
            + jsonld(
                {
                    "@type": "NewsArticle",
                    "author": [
                        {"@type": "Organization", "name": "SDA"},
                        {"@type": "Person", "name": "Paula Steiger"},
                        {"@type": "Organization", "name": "Example News"},
                    ],
                }
            )
        ),
        ("Paula Steiger", "SDA"),
        "json-ld",
    ),
    (
        "publisher declared in meta only and credited as author: the byline's person wins",
        page(
            meta("publisher", "Deutsche Welle (www.dw.com)") + meta("author", "Deutsche Welle (www.dw.com)"),
            "<p>Auteur : Kossivi Tiassou </p><p>Edition : M-A. Pioerron</p>",
        ),
        ("Kossivi Tiassou",),
        "byline-text",
    ),
    (
        "Dublin Core creators written surname first",
        page(meta("DC.Creator", "Jong, Michiel de") + meta("DC.Creator", "Kooman, F.")),
        ("Michiel de Jong", "F. Kooman"),
        "meta",
    ),
    (
        "a citation author written surname first",
        page(meta("citation_author", "Doe, Jane")),
        ("Jane Doe",),
        "meta",
    ),
    (
        "an author meta listing two names is no inverted name",
        page(meta("author", "Ibtisam Mahdi, Ruwaida Kamal Amer")),
        ("Ibtisam Mahdi", "Ruwaida Kamal Amer"),
        "meta",
    ),
    (
        "a label alone in its element, the name after line breaks",
        page(body='<a href="/kontakt"><b>Von:</b> <br /> <br /> Götz Warnke</a>'),
        ("Götz Warnke",),
        "byline-text",
    ),
    (
        "a French label alone in its element, the name in the next one",
        page(body="<div><span>Auteure :</span> <a href='/a'>Claire Dubois</a></div>"),
        ("Claire Dubois",),
        "byline-text",
    ),
    (
        "only the publisher: kept",
        page(
            meta("og:site_name", "Example News", "property")
            + jsonld({"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Example News"}})
        ),
        ("Example News",),
        "json-ld",
    ),
    (
        "meta author that is an e-mail falls through to the next source",
        page(meta("author", "jdoe@example.com") + meta("parsely-author", "Jane Doe")),
        ("Jane Doe",),
        "meta",
    ),
    (
        "article:author URL is not a name",
        page(meta("article:author", "https://facebook.com/jdoe", "property") + meta("author", "Jane Doe")),
        ("Jane Doe",),
        "meta",
    ),
    (
        "a page builder's block wrapper is no widget: its byline is read",
        page(
            body='<div class="elementor-element elementor-widget elementor-widget-post-info">'
            '<div class="elementor-widget-container"><span class="author-name">Jane Doe</span></div></div>'
        ),
        ("Jane Doe",),
        "byline-text",
    ),
    (
        "byline split on 'and'",
        page(body='<p class="byline">By Jane Doe and John Roe</p>'),
        ("Jane Doe", "John Roe"),
        "byline-text",
    ),
    (
        "comment authors are not the article's",
        page(body='<div class="comments"><span class="author">Troll</span></div>'),
        (),
        None,
    ),
]


@pytest.mark.parametrize(
    ("case", "html", "authors", "source"), AUTHOR_CASES, ids=[c[0] for c in AUTHOR_CASES]
)
def test_authors(case: str, html: str, authors: tuple[str, ...], source: str | None) -> None:
    article = extract(html)
    assert article.authors == authors
    assert article.provenance.get("authors") == source


# --- tags, section, language, site name, description, canonical URL -----------------------------

TAG_CASES = [
    (
        "JSON-LD keywords string",
        page(jsonld({"@type": "NewsArticle", "keywords": "Russia, Ukraine ,russia"})),
        ("Russia", "Ukraine"),
        "json-ld",
    ),
    (
        "JSON-LD keywords list",
        page(jsonld({"@type": "NewsArticle", "keywords": ["A", "B"]})),
        ("A", "B"),
        "json-ld",
    ),
    (
        "JSON-LD keywords that are the meta keywords joined by spaces",
        page(
            jsonld({"@type": "NewsArticle", "keywords": "Cannes Messen Duisburg Städtebau"})
            + meta("keywords", "Städtebau,Messen,Duisburg,Cannes")
        ),
        ("Städtebau", "Messen", "Duisburg", "Cannes"),
        "meta",
    ),
    (
        "JSON-LD keywords of several words that are not the meta list",
        page(
            jsonld({"@type": "NewsArticle", "keywords": "Weight Loss"})
            + meta("keywords", "Health, Weight Loss")
        ),
        ("Weight Loss",),
        "json-ld",
    ),
    (
        "article:tag repeated",
        page(meta("article:tag", "A", "property") + meta("article:tag", "B", "property")),
        ("A", "B"),
        "opengraph",
    ),
    ("news_keywords", page(meta("news_keywords", "x; y")), ("x", "y"), "meta"),
    (
        "an entity's semicolon splits nothing",
        page(meta("keywords", "Governance &amp;amp; Affairs, Gauteng")),
        ("Governance & Affairs", "Gauteng"),
        "meta",
    ),
    (
        "labelled tags: sections go, entity and tag labels come off",
        page(
            jsonld(
                {
                    "@type": "NewsArticle",
                    "keywords": [
                        "Category: Travel",
                        "NLP Category: General",
                        "NLP Entity Tokens: Jasper",
                        "Section: Sport:Football",
                        "Tag:Nodejs",
                        "Covid-19: Impfungen",
                    ],
                }
            )
        ),
        ("Jasper", "Nodejs", "Covid-19: Impfungen"),
        "json-ld",
    ),
    (
        "rel=tag links",
        page(body='<a rel="tag" href="/t/a">Alpha</a> <a rel="tag" href="/t/b">Beta</a>'),
        ("Alpha", "Beta"),
        "heuristic",
    ),
    (
        "tag links in Blogger's posts widget (the posts, not a widget beside them)",
        page(
            body='<div class="widget Blog" id="Blog1"><div class="post"><span class="post-labels">Labels: '
            '<a rel="tag" href="/search/label/FPGA">FPGA</a>, '
            '<a rel="tag" href="/search/label/Tools">Tools</a></span></div></div>'
        ),
        ("FPGA", "Tools"),
        "heuristic",
    ),
]


@pytest.mark.parametrize(("case", "html", "tags", "source"), TAG_CASES, ids=[c[0] for c in TAG_CASES])
def test_tags(case: str, html: str, tags: tuple[str, ...], source: str) -> None:
    article = extract(html)
    assert (article.tags, article.provenance["tags"]) == (tags, source)


CATEGORY_LINKS = (
    '<p class="meta">Filed under <a href="/c/a" rel="category tag">Rezension</a>, '
    '<a href="/c/b" rel="category tag">Sachbuch</a></p>'
)
CATEGORY_CASES = [
    (
        "JSON-LD articleSection list, the first is the section",
        page(jsonld({"@type": "NewsArticle", "articleSection": ["World", "Europe", "world"]})),
        ("World", "Europe"),
        "json-ld",
    ),
    (
        "every article:section meta",
        page(meta("article:section", "Aktuell", "property") + meta("article:section", "Buch", "property")),
        ("Aktuell", "Buch"),
        "opengraph",
    ),
    (
        "a list joined by commas gives each",
        page(jsonld({"@type": "NewsArticle", "articleSection": "Thoughts, Content Creator, Influencer"})),
        ("Thoughts", "Content Creator", "Influencer"),
        "json-ld",
    ),
    (
        "a paragraph with commas is no list of sections",
        page(
            jsonld({"@type": "NewsArticle", "articleSection": "Der Olympiasieger, so heißt es, " + "x" * 90})
            + meta("parsely-section", "Sport")
        ),
        ("Sport",),
        "meta",
    ),
    (
        "the post's category links, not another post's",
        page(
            body=f"<article>{CATEGORY_LINKS}</article><aside><ul><li>"
            '<a href="/c/x" rel="category tag">Other</a></li></ul></aside>'
        ),
        ("Rezension", "Sachbuch"),
        "heuristic",
    ),
    (
        "category links in a list",
        page(
            body='<ul class="post-categories"><li><a rel="category tag" href="/c/a">Mac</a></li>'
            '<li><a rel="category tag" href="/c/b">iPhone</a></li></ul>'
        ),
        ("Mac", "iPhone"),
        "heuristic",
    ),
    (
        "the breadcrumb trail's crumb after home, in position order",
        page(
            "<title>Niederlage für Johnson: Parlament vertagt Votum - stern.de</title>"
            + jsonld(
                {
                    "@type": "BreadcrumbList",
                    "itemListElement": [
                        {"@type": "ListItem", "position": 2, "name": "Politik", "item": "https://e.de/p/"},
                        {"@type": "ListItem", "position": 1, "item": {"name": "Home", "@id": "/"}},
                        {"@type": "ListItem", "position": 3, "name": "Ausland"},
                    ],
                }
            )
        ),
        ("Politik",),
        "json-ld",
    ),
    (
        "the links of a breadcrumb element, an issue number skipped",
        page(
            body='<ol class="breadcrumbs"><li><a href="/">Jungle.World</a></li><li><a href="/2023/43">2023/43'
            '</a></li><li><a href="/disko">Disko</a></li><li>Phantomschmerz Imperialismus</li></ol>'
        ),
        ("Disko",),
        "heuristic",
    ),
    (
        "a menu's root in the trail is no section",
        page(breadcrumb_list("Falstaff DE", "Main Navigation", "News")),
        ("News",),
        "json-ld",
    ),
    (
        "a listing label gives way to the breadcrumb element's section",
        page(
            breadcrumb_list("Startseite", "Alle Artikel"),
            '<nav class="breadcrumbs"><a href="/">Home</a> <a href="/k">Kolumnen</a></nav>',
        ),
        ("Kolumnen",),
        "heuristic",
    ),
    (
        "no section: a site menu named breadcrumb",
        page(
            body='<nav class="breadcrumbs"><a href="/">Home</a>'
            + "".join(f'<a href="/s{number}">Section {number} |</a>' for number in range(12))
            + "</nav>"
        ),
        (),
        None,
    ),
    (
        "no section: a pager named breadcrumb",
        page(body='<div class="breadcrumb"><a href="/p/1">Vorheriges</a> <a href="/p/3">Nächstes</a></div>'),
        (),
        None,
    ),
    (
        "no section: a trail of home and the article",
        page(
            "<title>Warum es ein Ressourcenschutzgesetz braucht | Site</title>",
            '<div id="breadcrumb"><a href="/">Home</a> <a href="/a">Warum es ein Ressourcenschutzgesetz'
            " braucht</a></div>",
        ),
        (),
        None,
    ),
    (
        "no section: home alone",
        page(body='<nav class="breadcrumb"><a href="/">Startseite</a></nav>'),
        (),
        None,
    ),
    ("none", page(body="<p>No section here.</p>"), (), None),
]


@pytest.mark.parametrize(
    ("case", "html", "categories", "source"), CATEGORY_CASES, ids=[c[0] for c in CATEGORY_CASES]
)
def test_categories(case: str, html: str, categories: tuple[str, ...], source: str | None) -> None:
    article = extract(html)
    assert article.categories == categories
    assert article.section == (categories[0] if categories else None)
    assert article.provenance.get("categories") == source
    assert article.provenance.get("section") == source


PAGE_FIELD_CASES = [
    ("language from html lang", page(lang="de-AT"), "language", "de"),
    ("language from og:locale", page(meta("og:locale", "fr_FR", "property")), "language", "fr"),
    (
        "language from content-language",
        page('<meta http-equiv="Content-Language" content="es">'),
        "language",
        "es",
    ),
    (
        "section from article:section",
        page(meta("article:section", "Politics", "property")),
        "section",
        "Politics",
    ),
    (
        "section from JSON-LD",
        page(jsonld({"@type": "NewsArticle", "articleSection": ["World", "Europe"]})),
        "section",
        "World",
    ),
    (
        "section: a paragraph in articleSection is no section",
        page(
            jsonld({"@type": "NewsArticle", "articleSection": "Der Olympiasieger ist positiv getestet. " * 3})
            + meta("article:section", "Sport", "property")
        ),
        "section",
        "Sport",
    ),
    (
        "section: the first of a list joined by commas",
        page(jsonld({"@type": "NewsArticle", "articleSection": "Thoughts, Content Creator, Influencer"})),
        "section",
        "Thoughts",
    ),
    (
        "site name: an address in og:site_name gives way to the publisher",
        page(
            meta("og:site_name", "https://www.example.com", "property")
            + jsonld({"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Example News"}})
        ),
        "site_name",
        "Example News",
    ),
    (
        "site name without the tagline the host shows it carries",
        page(meta("og:site_name", "Where the news is | News Example", "property")),
        "site_name",
        "News Example",
    ),
    (
        "site name whose parts name no site stays whole",
        page(meta("og:site_name", "Daily Planet - Metropolis", "property")),
        "site_name",
        "Daily Planet - Metropolis",
    ),
    (
        "site name: a text in og:site_name gives way to the next source",
        page(meta("og:site_name", "A | " * 60, "property") + meta("application-name", "Example News")),
        "site_name",
        "Example News",
    ),
    (
        "site name from og",
        page(meta("og:site_name", "Example News", "property")),
        "site_name",
        "Example News",
    ),
    (
        "site name from the WebSite object",
        page(jsonld({"@type": "WebSite", "name": "Example"})),
        "site_name",
        "Example",
    ),
    (
        "description from meta",
        page(meta("description", "  A   short standfirst. ")),
        "description",
        "A short standfirst.",
    ),
    (
        "description: an unrendered template gives way to the next source",
        page(
            jsonld({"@type": "NewsArticle", "description": "{{ seomatic.helper.extractTextFromField(x) }}"})
            + meta("og:description", "The supplier builds parts in the valley.", "property")
        ),
        "description",
        "The supplier builds parts in the valley.",
    ),
    (
        "no description: a CMS's default",
        page(meta("description", "Visit the post for more.")),
        "description",
        None,
    ),
    ("no description: a label", page(meta("description", "Lijiang China")), "description", None),
    (
        "no description: the site's tagline",
        page(
            meta("og:site_name", "Example News", "property")
            + meta("description", "Example News | Daily news")
        ),
        "description",
        None,
    ),
    (
        "dek when no metadata",
        page(body='<p class="article-standfirst">The dek of this article is long enough to count.</p>'),
        "description",
        "The dek of this article is long enough to count.",
    ),
    (
        "no dek: a teaser ending in a more link",
        page(body='<p class="teaser">Zeit ist Geld, Innovation ist wichtig, auch beim Speisen... mehr</p>'),
        "description",
        None,
    ),
    (
        "no dek: a breadcrumb trail",
        page(body='<p class="lead">Startseite / Aktuelles / 08.11.2021 | Fachtag zum Day of Remembrance</p>'),
        "description",
        None,
    ),
    (
        "no dek: a kicker of three words or a table of figures",
        page(
            body='<p class="subtitle">Energiewende im Gebäudebereich</p>'
            '<p class="dek">Rates: USD 60.95 EUR 67.82 UAH 2.55 GBP 80.10 JPY 0.61</p>'
        ),
        "description",
        None,
    ),
    (
        "canonical link made canonical",
        page('<link rel="canonical" href="HTTPS://News.Example.com:443/a?utm_medium=x&amp;id=2#c">'),
        "canonical_url",
        "https://news.example.com/a?id=2",
    ),
    (
        "canonical from og:url",
        page(meta("og:url", "/b", "property")),
        "canonical_url",
        "https://news.example.com/b",
    ),
]


@pytest.mark.parametrize(
    ("case", "html", "field", "value"), PAGE_FIELD_CASES, ids=[c[0] for c in PAGE_FIELD_CASES]
)
def test_page_fields(case: str, html: str, field: str, value: str) -> None:
    assert getattr(extract(html), field) == value


# --- images -------------------------------------------------------------------------------------


def test_lead_image_first_with_caption_and_credit_from_its_figure() -> None:
    html = page(
        meta("og:image", "https://img.example.com/lead.jpg", "property"),
        '<figure><img src="/small.jpg" alt="Small">'
        "<figcaption>A small one. Photo: Agency</figcaption></figure>"
        '<figure><img src="https://img.example.com/lead.jpg" alt="Lead alt">'
        "<figcaption>The lead picture. "
        '<span class="credit">(photo credit: Jane Doe/Reuters)</span></figcaption>'
        "</figure>"
        '<figure><img src="data:image/gif;base64,R0lGOD" data-src="/picture.jpg"></figure>',
    )
    assert extract(html).images == (
        Image("https://img.example.com/lead.jpg", "The lead picture.", "Jane Doe/Reuters", "Lead alt"),
        Image("https://news.example.com/small.jpg", "A small one.", "Agency", "Small"),
        Image("https://news.example.com/picture.jpg"),
    )


def test_jsonld_image_object_gives_caption() -> None:
    html = page(
        jsonld(
            {
                "@type": "NewsArticle",
                "image": [
                    {
                        "@type": "ImageObject",
                        "url": "https://i.example/a.jpg",
                        "caption": "Caption (credit: AP)",
                    }
                ],
            }
        )
    )
    assert extract(html).images == (Image("https://i.example/a.jpg", "Caption", "AP"),)


# --- robustness ---------------------------------------------------------------------------------

ODD_INPUTS = [
    ("empty", ""),
    ("binary garbage", bytes(range(256)).decode("latin-1") * 20),
    ("NUL bytes", "<html><head><title>a\x00b</title></head><body>\x00<p>x</p></body></html>"),
    ("truncated", page(jsonld({"@type": "NewsArticle", "headline": "H"}), "<p>text")[:-40]),
    ("JSON-LD that is not JSON", page('<script type="application/ld+json">{{{ not json ]]</script>')),
    ("JSON-LD scalar", page('<script type="application/ld+json">42</script>')),
    (
        "odd JSON-LD values",
        page(
            jsonld(
                {"@type": 7, "author": {"name": ["x", 3]}, "datePublished": {"a": 1}},
                {"@graph": {"@type": "Article", "headline": None, "keywords": 12}},
            )
        ),
    ),
    ("huge attribute", page(body=f'<div class="{"x" * 200_000}">y</div>')),
    ("bad URL", page(meta("og:url", "http://[::1", "property"))),
    ("JSON-LD nested beyond recursion", page(f'<script type="application/ld+json">{"[" * 100_000}</script>')),
    (
        "JSON-LD deep but valid",
        page(jsonld({"@type": "NewsArticle", "headline": [[[[[[[[[["deep"]]]]]]]]]]})),
    ),
    (
        "attribute values full of quotes and angle brackets",
        page(meta("og:title", "a &quot;&gt;&lt;b", "property")),
    ),
]


@pytest.mark.parametrize(("case", "html"), ODD_INPUTS, ids=[c[0] for c in ODD_INPUTS])
def test_odd_input_gives_an_article(case: str, html: str) -> None:
    for url in ("not a url", "http://[::1", "https://www.jpost.com/x"):
        article = extract_article(html, url, ExtractOptions(site_timezones={"jpost.com": "Asia/Jerusalem"}))
        assert isinstance(article, Article)
        assert article.url == url


def test_mangled_copies_of_the_seed_page_give_articles() -> None:
    """Truncations and spliced garbage at many places: always an article, never an exception."""
    original = (Path(__file__).parent / "fixtures" / "seed_article.html").read_text(encoding="utf-8")
    rng = random.Random(20220119)
    for _ in range(150):
        cut = rng.randrange(len(original))
        junk = "".join(rng.choice('<>"=/&;#{}[]:,\x00 abcZ0123456789') for _ in range(rng.randrange(1, 40)))
        for html in (original[:cut], original[:cut] + junk + original[cut:], original[cut:]):
            assert isinstance(extract_article(html, URL), Article)


def test_too_large_input_is_a_classified_refusal() -> None:
    with pytest.raises(PermanentError) as caught:
        extract_article("x" * 1_000, URL, ExtractOptions(max_chars=100))
    assert caught.value.reason == "too_large"


@pytest.mark.parametrize(
    ("url", "head", "canonical"),
    [
        # a CMS that gives every article the home page as canonical: og:url names the article
        (
            URL,
            '<link rel="canonical" href="https://news.example.com/">'
            + meta("og:url", "/a-story", "property"),
            "https://news.example.com/a-story",
        ),
        (URL, '<link rel="canonical" href="/">', None),
        (
            "https://news.example.com/index.html",
            '<link rel="canonical" href="/">',
            "https://news.example.com/",
        ),
        (
            "https://news.example.com/",
            '<link rel="canonical" href="https://news.example.com/?page=1">',
            "https://news.example.com/?page=1",
        ),
        (URL, '<link rel="canonical" href="https://.example.com/a-story">', None),  # a host without a name
        # the section listing the page is no canonical of it; the page's AMP or second page has one
        (
            "https://e.de/news/38853_Sperrfristende",
            '<link rel="canonical" href="https://www.e.de/news">',
            None,
        ),
        (
            "https://e.de/news/story/amp/",
            '<link rel="canonical" href="/news/story/">',
            "https://e.de/news/story/",
        ),
        ("https://e.de/jokes/slide/2", '<link rel="canonical" href="/jokes/">', "https://e.de/jokes/"),
        ("https://e.de/a/b/.", '<link rel="canonical" href="/a/b/">', "https://e.de/a/b/"),
        (
            "https://e.de/news/12345/a-slug",
            '<link rel="canonical" href="/news/12345">',
            "https://e.de/news/12345",
        ),
    ],
)
def test_canonical_url_names_the_page(url: str, head: str, canonical: str | None) -> None:
    """The index keys articles by canonical URL: a home page as every article's canonical would make
    one document of a whole site."""
    assert extract(page(head), url).canonical_url == canonical
