"""Article text from script data when the markup gives none (pages rendered by JavaScript)."""

from __future__ import annotations

import json
from collections.abc import Mapping

from worker.extract import extract_article
from worker.extract.script_body import script_body

PARAGRAPHS = [
    "The council voted on Tuesday to rebuild the old harbour wall before the winter storms arrive.",
    "Engineers said the work would take eleven weeks and close the promenade for most of that time.",
    "Residents who spoke at the meeting asked for a footpath to stay open during the construction.",
]
ARTICLE_HTML = "".join(f'<p class="editor-p">{text}</p>' for text in PARAGRAPHS)


def rendered_by_script(data: Mapping[str, object]) -> str:
    """A page whose article element is empty and whose article HTML sits in hydration data."""
    return (
        "<html><head><title>Harbour wall</title>"
        f"<script>window.__DATA__ = {json.dumps(data)};</script></head>"
        '<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        '<main><article id="article-root"></article></main><footer>© Example</footer></body></html>'
    )


def test_an_empty_page_takes_its_body_from_the_article_html_in_a_script() -> None:
    page = rendered_by_script({"detail": {"title": "Harbour wall", "contentHtml": ARTICLE_HTML}})
    article = extract_article(page, "https://example.com/news/harbour-wall")
    assert article.body == "\n\n".join(PARAGRAPHS)


def test_the_largest_article_html_wins_and_escapes_are_decoded() -> None:
    teaser = "<p>Read more about the harbour, the wall and the winter storms on our site today.</p>" * 3
    quoted = ARTICLE_HTML.replace("the old harbour", 'the "old" harbour')
    page = rendered_by_script({"related": {"html": teaser}, "article": {"bodyHtml": quoted}})
    assert script_body(page).text.startswith('The council voted on Tuesday to rebuild the "old" harbour wall')


def test_script_strings_are_ignored_when_the_markup_has_the_article() -> None:
    markup = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    data = {"contentHtml": "<p>" + "A different story held in the script data, not shown. " * 10 + "</p>"}
    page = rendered_by_script(data).replace(
        '<article id="article-root"></article>', f"<article>{markup}</article>"
    )
    assert extract_article(page, "https://example.com/a").body == "\n\n".join(PARAGRAPHS)


def test_no_article_html_in_scripts_gives_no_body() -> None:
    assert script_body(rendered_by_script({"contentHtml": "plain text " * 40})).text == ""
    assert script_body(rendered_by_script({"title": "<p>" + "x" * 300 + "</p>"})).text == ""
    assert script_body('{"contentHtml": "' + "\\" * 500 + '"}').text == ""


def test_the_pictures_of_the_article_html_in_a_script_are_the_articles() -> None:
    pictures = (
        '<div class="editor-img-box"><img src="https://img.example.com/2026/01/29/harbour-wall.jpg">'
        '<div class="caption"><p>The old harbour wall at low tide.</p></div></div>'
    )
    html = pictures + ARTICLE_HTML
    page = rendered_by_script({"detail": {"contentHtml": html}}).replace(
        "<title>", '<meta property="og:image" content="https://img.example.com/share/harbour.jpg"><title>'
    )
    article = extract_article(page, "https://example.com/news/harbour-wall")
    assert article.body == "\n\n".join(PARAGRAPHS)  # (the caption is no body)
    assert [image.url for image in article.images] == [
        "https://img.example.com/share/harbour.jpg",
        "https://img.example.com/2026/01/29/harbour-wall.jpg",
    ]
