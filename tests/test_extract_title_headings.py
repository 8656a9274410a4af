"""Title cascade on pages whose headline is an <h2>, or whose <title> is a short label of the <h1>."""

from __future__ import annotations

import pytest

from worker.extract import extract_article

URL = "https://www.example-garden.de/pflege/zaubernuss"


def page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def og(content: str) -> str:
    return f'<meta property="og:title" content="{content}">'


CASES = [
    (
        "no <h1>: the <h2> showing the whole declared title keeps its tail",
        page(
            og("How to Grow a Lemon Tree from Seed | Step-by-Step Guide"),
            "<h2>How to Grow a Lemon Tree from Seed | Step-by-Step Guide</h2><h2>Recent Posts</h2>",
        ),
        "How to Grow a Lemon Tree from Seed | Step-by-Step Guide",
    ),
    (
        "an empty <h1> around a logo: the <h2> the <title> confirms",
        page(
            "<title>kein App Store mehr über Mobile Daten mit iOS 13 ? | iPhone | Forum | MacNews.de</title>",
            '<h1><img src="/l.png"></h1><h2>kein App Store mehr über Mobile Daten mit iOS 13 ?</h2>',
        ),
        "kein App Store mehr über Mobile Daten mit iOS 13 ?",
    ),
    (
        "an <h2> kicker ending in a colon is no headline",
        page(
            og("The Open Journalism Project: Better Student Journalism")
            + "<title>The Open Journalism Project: Better Student Journalism — Medium</title>",
            "<h2>Open Journalism Project:</h2>",
        ),
        "The Open Journalism Project: Better Student Journalism",
    ),
    (
        "a <title> that is a short label of the one <h1>",
        page("<title>Zaubernuss im Winter</title>", "<h1>Wie pflege ich meine Zaubernuss im Winter?</h1>"),
        "Wie pflege ich meine Zaubernuss im Winter?",
    ),
    (
        "a <title> the <h1> does not contain stays",
        page(
            "<title>This is a long title with a colon: Hello there</title>",
            "<h1>This is a long title with a colon: But the final text here is different</h1>",
        ),
        "This is a long title with a colon: Hello there",
    ),
    (
        "a <title> with two <h1>: no guess",
        page(
            "<title>Zaubernuss im Winter</title>",
            "<h1>Wie pflege ich meine Zaubernuss im Winter?</h1><h1>Menü</h1>",
        ),
        "Zaubernuss im Winter",
    ),
    (
        "a service page: its one <h1>, not the offer's name in og:title",
        page(
            og("Gefahrstoff-Service") + "<title>Gefahrstoff-Service - Qualisys</title>",
            "<h1>Gefahrstoffmanagement für Hersteller, Importeure und Alleinvertreter</h1>",
        ),
        "Gefahrstoffmanagement für Hersteller, Importeure und Alleinvertreter",
    ),
    (
        "a blog entry: its <h1> names the blog",
        page(
            og("Minecraft 1.8 - The Bountiful Update")
            + '<meta property="og:type" content="tumblr-feed:entry">',
            "<h1>Minecraft News</h1>",
        ),
        "Minecraft 1.8 - The Bountiful Update",
    ),
    (
        "a dated post: the declared title",
        page(
            '<meta name="parsely-title" content="Some Other Title">'
            '<meta name="parsely-pub-date" content="2024-04-20T04:20:00.000Z">',
            "<h1>Test document title</h1>",
        ),
        "Some Other Title",
    ),
    (
        "CSS rules inside the <h1> are no text",
        page(
            "<title>Impfen ist noch überall möglich</title>",
            "<h1><style>.css-umyvef{font-size:16px}</style>Impfen ist noch überall möglich</h1>",
        ),
        "Impfen ist noch überall möglich",
    ),
    (
        "an <h1> naming the site is no headline",
        page(og("Zaubernuss richtig pflegen"), "<h1>Example Garden</h1>"),
        "Zaubernuss richtig pflegen",
    ),
]


@pytest.mark.parametrize(("case", "html", "title"), CASES, ids=[case[0] for case in CASES])
def test_title_from_headings(case: str, html: str, title: str) -> None:
    assert extract_article(html, URL).title == title, case
