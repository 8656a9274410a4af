"""Body extraction on unusual layouts: an article inside an <aside>, a lead without a lead name."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from worker.extract.body import extract_body

PROSE = [
    "Frankfurt (dpa) - For a novel about the old Federal Republic, the author received the book prize "
    "of the year, the jury announced on Monday evening.",
    "The book was chosen as the best new literary work of the year in the German-speaking world from "
    "twenty novels on the long list and six on the short list.",
    "The prize, first awarded in 2005, is considered the most important award of the book trade and "
    "comes with twenty-five thousand euros for the winner.",
]
SHARE_BAR = (
    '<aside class="tools"><ul><li><a href="/f">Facebook</a></li><li><a href="/t">Tweet</a></li></ul></aside>'
)


def _body(html: str) -> str:
    return extract_body(LexborHTMLParser(html)).text


def _paragraphs(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


@pytest.mark.parametrize(
    ("name", "html", "expected"),
    [
        (
            "the whole article inside an aside",
            f'<html><body><nav><a href="/">Home</a></nav><main><aside class="direct-content">'
            f'<section class="article"><h1>The headline</h1>{SHARE_BAR}<div class="text">'
            f"{_paragraphs(*PROSE)}</div></section></aside></main></body></html>",
            PROSE,
        ),
        (
            "an aside beside the article stays out",
            f'<html><body><main><div class="text">{_paragraphs(*PROSE[:2])}</div>'
            f"<aside>{_paragraphs(PROSE[2])}</aside></main></body></html>",
            PROSE[:2],
        ),
        (
            "an aside named like a cookie banner is no article",
            f'<html><body><aside class="cookie-banner">{_paragraphs(*PROSE)}</aside></body></html>',
            [],
        ),
    ],
)
def test_article_inside_an_aside(name: str, html: str, expected: list[str]) -> None:
    assert _body(html) == "\n\n".join(expected), name


HEADER_LEAD = (
    "A blanket of snow on the solar panels does not only lower the yield. Its weight also strains the "
    "modules and their mounts. Several experts warn against clearing it yourself."
)
DEK = "There is a lesson hiding in the failure to produce the results he wants."
LONG_PROSE = [
    *PROSE,
    *(f"Paragraph {i} of the report explains the loads and the mounts in detail." for i in range(6)),
]

# (links in the header keep it out of the chosen container, as on news pages)
TOPICS = "".join(f'<li><a href="/{topic}">{topic} and the news</a></li>' for topic in ("World", "Europe"))


@pytest.mark.parametrize(
    ("name", "header", "lead_kept"),
    [
        ("unnamed paragraph of the header", f'<p class="text-xl leading-snug">{HEADER_LEAD}</p>', True),
        ("one-line subtitle (a dek)", f'<p class="css-1x2y3z">{DEK}</p>', False),
        ("paragraph of links", f'<p><a href="/a">{HEADER_LEAD}</a></p>', False),
    ],
)
def test_lead_paragraph_of_the_article_header(name: str, header: str, lead_kept: bool) -> None:
    html = (
        f"<html><body><article><header><ul>{TOPICS}</ul><h1>The headline</h1>{header}</header>"
        f'<div class="body">{_paragraphs(*LONG_PROSE)}</div></article></body></html>'
    )
    body = _body(html)
    assert body == "\n\n".join([HEADER_LEAD, *LONG_PROSE] if lead_kept else LONG_PROSE), name


@pytest.mark.parametrize(
    ("tail", "kept"),
    [
        (
            [
                "3 Kommentare",
                "Sie sind aktuell nicht eingeloggt.",
                "Um zu kommentieren, loggen Sie sich ein.",
            ],
            ["3 Kommentare"],
        ),
        (["¡Mira lo que tiene nuestro canal de YouTube!", "Para comentar debes registrarte."], []),
        (["If you are already a subscriber, you can log in for immediate access to this story."], []),
        (["Möchten Sie den Artikel teilen?"], []),
        (["Das Thema könnte dich auch interessieren:"], []),
        (["Hier geht es zur neuen Vorstandsstruktur"], []),
        (["Weitere Artikel werden geladen..."], []),
        (
            ["The minister said she would log the complaints and answer each of them within a month."],
            ["The minister said she would log the complaints and answer each of them within a month."],
        ),
        (["Das Konzeptpapier finden Sie hier:"], ["Das Konzeptpapier finden Sie hier:"]),
    ],
)
def test_prompts_to_log_in_or_read_on_after_the_article_are_dropped(tail: list[str], kept: list[str]) -> None:
    html = f"<html><body><article>{_paragraphs(*PROSE, *tail)}</article></body></html>"
    assert _body(html) == "\n\n".join([*PROSE, *kept])
