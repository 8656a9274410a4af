"""Table-driven tests of the title cascade's agreement rules: visible vs declared titles, site names."""

from __future__ import annotations

import pytest

from worker.extract import extract_article

URL = "https://www.example-news.com/a"


def page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def og(key: str, content: str) -> str:
    return f'<meta property="{key}" content="{content}">'


TITLE_CASES = [
    (
        "an <h1> showing the whole declared title keeps a suffix that only looks like a site name",
        page(
            og("og:title", "Netz-Spott nach dem Rücktritt - Generalsekretär geht")
            + "<title>Netz-Spott nach dem Rücktritt - Generalsekretär geht</title>",
            "<h1>Netz-Spott nach dem Rücktritt - Generalsekretär geht</h1>",
        ),
        "Netz-Spott nach dem Rücktritt - Generalsekretär geht",
        "opengraph",
    ),
    (
        "a kicker shown in its own span: the declared rendering with its colon",
        page(
            og("og:title", "LTE-Patent: Samsung soll Smartphones zerstören - Example News"),
            "<h1><span>LTE-Patent</span> <span>Samsung soll Smartphones zerstören</span></h1>",
        ),
        "LTE-Patent: Samsung soll Smartphones zerstören",
        "opengraph",
    ),
    (
        "same headline, the visible one has typographic dashes",
        page(og("og:title", "Energy Rising - 33 Tage Yoga"), "<h1>Energy Rising \u2013 33 Tage Yoga</h1>"),
        "Energy Rising \u2013 33 Tage Yoga",
        "heuristic",
    ),
    (
        "the declared title written with the <title>'s typographic dashes",
        page(
            og("og:title", "Termine Januar - Mai 2020")
            + og("og:type", "article")
            + "<title>Termine Januar \u2013 Mai 2020 - Example News</title>",
            "<h1>Example News</h1>",
        ),
        "Termine Januar \u2013 Mai 2020",
        "heuristic",
    ),
    (
        "same headline, quotes differ: the declared rendering",
        page(og("og:title", "A young lawyer's journey"), "<h1>A young lawyer\u2019s journey</h1>"),
        "A young lawyer's journey",
        "opengraph",
    ),
    (
        "the site's name and the tagline after it go",
        page(
            og("og:title", "Pour le néolibéralisme, la retraite est un archaïsme | Example News - Analyse")
            + og("og:site_name", "Example News - Analyse")
        ),
        "Pour le néolibéralisme, la retraite est un archaïsme",
        "opengraph",
    ),
    (
        "the site's name and a byline after it go",
        page(og("og:title", "New plot twist in the murder case | Example News | by Cristina Laila")),
        "New plot twist in the murder case",
        "opengraph",
    ),
    (
        "a section glued to the headline before the site's name goes",
        page(
            og("og:title", "민주당 선호투표제 도입 또다시 불발-정치\u3163한국일보")
            + og("og:site_name", "한국일보")
            + og("article:section", "정치")
        ),
        "민주당 선호투표제 도입 또다시 불발",
        "opengraph",
    ),
    (
        "a first part that only mentions the site is not the site's name",
        page(og("og:title", "How Example News built its CMS - an async story")),
        "How Example News built its CMS - an async story",
        "opengraph",
    ),
    (
        "a leading site name goes",
        page(og("og:title", "Example News | The real headline here")),
        "The real headline here",
        "opengraph",
    ),
    (
        "a hyphenated headline word is not a site suffix",
        page(og("og:title", "Cup-Vorschau: Beim BSV freut man sich - Example News")),
        "Cup-Vorschau: Beim BSV freut man sich",
        "opengraph",
    ),
    (
        "a declared title cut at a straight quote: the <title> that continues it",
        page(
            '<meta property="og:title" content="Senator calls Biden "unfit"">'
            '<title>Senator calls Biden "unfit"</title>'
        ),
        'Senator calls Biden "unfit"',
        "heuristic",
    ),
    (
        "only a <title>: the <h1> that names the site is a blog's, the post is another part",
        page(
            "<title>Example News \u00bb Blog Archive \u00bb Interning of small integers</title>",
            "<h1>Example News</h1>",
        ),
        "Interning of small integers",
        "heuristic",
    ),
    (
        "only a <title>: a shorter last part shown as <h1> is the blog's name",
        page("<title>Leber mit Apfel und Zwiebel | Liebe geht durch</title>", "<h1>Liebe geht durch</h1>"),
        "Leber mit Apfel und Zwiebel",
        "heuristic",
    ),
    (
        "only a <title> naming the site: the page's one <h1>",
        page("<title>Example News</title>", "<h1>Time to say goodbye.</h1>"),
        "Time to say goodbye.",
        "heuristic",
    ),
    (
        "only a <title> that starts with the host's name: its last part is the page's, not the site's",
        page("<title>example-news.com | Gas prices</title>"),
        "Gas prices",
        "heuristic",
    ),
    (
        "an og:title that is the og:site_name names the site: the headline the <title> confirms",
        page(
            og("og:site_name", "International Biathlon Union - IBU")
            + og("og:type", "article")
            + og("og:title", "International Biathlon Union - IBU")
            + "<title>Peking 2022: Eine große Chance für den Biathlonsport</title>",
            "<h1>Peking 2022: Eine große Chance für den Biathlonsport</h1>",
        ),
        "Peking 2022: Eine große Chance für den Biathlonsport",
        "heuristic",
    ),
    (
        "only a <title> that is a generic label: the page's one <h1>",
        page("<title>Home</title>", "<h1>Time to say goodbye.</h1>"),
        "Time to say goodbye.",
        "heuristic",
    ),
    (
        "only a <title> that is not the site's name: the <title>, not an unrelated <h1>",
        page("<title>Basic tag cleaning test</title>", "<h1>Lorem</h1>"),
        "Basic tag cleaning test",
        "heuristic",
    ),
]


@pytest.mark.parametrize(("case", "html", "title", "source"), TITLE_CASES, ids=[c[0] for c in TITLE_CASES])
def test_title(case: str, html: str, title: str, source: str) -> None:
    article = extract_article(html, URL)
    assert (article.title, article.provenance.get("title")) == (title, source)


@pytest.mark.parametrize("title", ["|", " - ", "\u3163", "a | b | c"])
def test_separator_only_titles_do_not_fail(title: str) -> None:
    article = extract_article(page(og("og:title", title) + f"<title>{title}</title>", "<h1>|</h1>"), URL)
    assert article.title == title.strip()
