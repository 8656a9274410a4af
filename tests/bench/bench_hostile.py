"""Extraction time of hostile pages: each field cascade fed a few megabytes built to make it work hard.

Run with ``python -m tests.bench.bench_hostile`` (part of ``make bench``). Every page is about
``SIZE`` characters (the default input cap is 5 MiB); the report gives each page's CPU seconds and
outcome, and the worst. It checks the promise that no page costs more than a bounded time, beside the
guard's own limits on size, nesting and attributes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from worker.errors import PermanentError
from worker.extract import extract_article

SIZE = 4_000_000  # characters of hostile content per page
URL = "https://news.example.com/2022/01/19/story"


def page(head: str = "", body: str = "") -> str:
    """A minimal article page with ``head`` and ``body`` markup added."""
    return f"<html><head>{head}</head><body>{body}<p>{'Some article text here. ' * 20}</p></body></html>"


def repeat(unit: str, share: float = 1.0) -> str:
    """``unit`` repeated to about ``share`` of ``SIZE`` characters."""
    return unit * int(SIZE * share / len(unit))


def meta(name: str, unit: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{name}" content="{repeat(unit)}">'


CASES: dict[str, Callable[[], str]] = {
    "keywords: commas": lambda: page(meta("keywords", "a, ")),
    "keywords: entities and semicolons": lambda: page(meta("keywords", "&amp;; ")),
    "author: 'By' prefixes": lambda: page(meta("author", "By ")),
    "author: a list of names": lambda: page(meta("author", "Jane Doe, ")),
    "author: an address": lambda: page(meta("author", "x, ")),
    "title: kickers and separators": lambda: page(
        f"<title>{repeat('Kicker: ')}</title>" + meta("og:title", "A | ", "property")
    ),
    "headline: one huge h1": lambda: page(body=f"<h1>{repeat('Headline words ')}</h1>"),
    "headline: many h1": lambda: page(body=repeat("<h1>Head line here</h1>")),
    "byline: a huge one": lambda: page(body=f'<div class="byline">{repeat("Von Max Müller und ")}</div>'),
    "byline lines: credits beside text": lambda: page(
        body=f"<div>{repeat('Buch <span>von Max Müller</span> ')}</div>"
    ),
    "byline lines: nested inline elements": lambda: page(
        body="<b>" * 1000 + f"<p>{repeat('Von Max Müller ', 0.5)}</p>" + "</b>" * 1000
    ),
    "byline lines: beside empty elements": lambda: page(
        body=f"<div>{repeat('<i></i>', 0.9)}{repeat('<span>von Max Müller</span>', 0.1)}</div>"
    ),
    "byline labels: nested": lambda: page(body="<span>By " * 1000 + repeat("word ", 0.9) + "</span>" * 1000),
    "byline labels: before names": lambda: page(body=repeat("<p>Von: <span>Name Surname Name</span></p>")),
    "bold names: beside long siblings": lambda: page(
        body=f"<div>{repeat('<p><b>Anna Berg</b></p><div>' + 'Text ' * 8_000 + '</div>')}</div>"
    ),
    "bold names: between long paragraphs": lambda: page(
        body=f"<div>{repeat('<p><b>Anna Berg</b></p><p>' + 'Text ' * 8_000 + '</p>')}</div>"
    ),
    "dates: a huge datetime": lambda: page(body=f'<time datetime="{repeat("2022-01-19 ")}">x</time>'),
    "dates: written dates in the text": lambda: page(body=f"<p>{repeat('19. Januar 2022 16:40 ')}</p>"),
    "dates: labels without dates": lambda: page(body=f"<p>{repeat('Published: ')}</p>"),
    "json-ld: huge arrays": lambda: page(
        '<script type="application/ld+json">'
        + json.dumps(
            {"@type": "NewsArticle", "keywords": ["k"] * (SIZE // 5), "author": [{"name": "A B"}] * 1000}
        )
        + "</script>"
    ),
    "description: escaped markup": lambda: page(meta("description", "&lt;p&gt;x ")),
    "description: template braces": lambda: page(meta("description", "{{ ")),
    "section: commas": lambda: page(meta("article:section", ",", "property")),
    "site name: separators": lambda: page(meta("og:site_name", "a | ", "property")),
    "class names: one huge value": lambda: page(
        body=f'<div class="{repeat("share related ")}"><p>{"text " * 100}</p></div>'
    ),
    "caption: copyright signs": lambda: page(
        body=f'<figure><img src="/a.jpg"><figcaption>{repeat("© ")}</figcaption></figure>'
    ),
    "image: a huge srcset": lambda: page(
        body=f'<figure><img src="data:," srcset="{repeat("/a.jpg 80w, ")}"><figcaption>x</figcaption>'
        "</figure>"
    ),
    "images: many in the text": lambda: page(
        body=f"<article><p>{'Some article text here. ' * 20}</p>{repeat('<img src=/p.jpg>')}</article>"
    ),
    "captions: many beside pictures": lambda: page(
        body=f"<article><p>{'Some article text here. ' * 20}</p>"
        f"{repeat('<div><img src=/p.jpg><span class=caption>The harbour at dawn.</span></div>')}</article>"
    ),
    "figures: cards of empty links": lambda: page(
        body="".join(
            f'<article><figure><img src="/c{number}.jpg"></figure>{repeat("<a href=/x></a>", 0.05)}</article>'
            for number in range(20)
        )
    ),
    "images: names like renditions": lambda: page(
        body="".join(
            f'<p>{"Text of the story. " * 10}</p><img src="/m/{n}{"a~_" * 1300}x">' for n in range(1000)
        )
    ),
    "image: a huge src": lambda: page(
        body=f'<figure><img src="/{repeat("a")}.jpg"><figcaption>x</figcaption></figure>'
    ),
    "breadcrumb: links": lambda: page(
        body=f'<ol class="breadcrumb">{repeat("<li><a href=/s>Section</a></li>")}</ol>'
    ),
    "credit: labels": lambda: page(
        body=f'<figure><img src="/a.jpg"><figcaption><span class="credit">{repeat("Foto: ")}</span>x'
        "</figcaption></figure>"
    ),
    "tags: tag links": lambda: page(body=f'<div class="tags">{repeat("<a rel=tag href=/t>t</a>")}</div>'),
    "body: one text node": lambda: page(body=f"<p>{repeat('word ')}</p>"),
    "body: a teaser of separators": lambda: page(body=f'<p class="teaser">{repeat("a / b ")}</p>'),
    "body: paragraphs naming subscriptions": lambda: page(
        body="<article>"
        + "".join(
            f"<p>{n}: to read the whole story, our readers {'and readers ' * 20}subscribe</p>"
            for n in range(SIZE // 300)
        )
        + "</article>"
    ),
    "body: nested teaser cards": lambda: page(
        body="<article>"
        + repeat(
            '<div class="teaser"><h3><a href="/other">Another story</a></h3><p>A summary.</p>' * 200
            + "</div>" * 200
        )
        + "</article>"
    ),
    "guard: 100,000 nested divs": lambda: "<div>" * 100_000 + "deep" + "</div>" * 100_000,
    "guard: 50 MB": lambda: "<p>" + "x" * 50_000_000 + "</p>",
}


def report() -> str:
    """One line per hostile page (size, CPU seconds, outcome), then the worst time."""
    lines = [f"hostile pages of about {SIZE / 1e6:.0f} MB each: CPU seconds of one extraction"]
    worst = 0.0
    for name, build in CASES.items():
        html = build()
        start = time.process_time()
        try:
            extract_article(html, URL)
            outcome = "article"
        except PermanentError as error:  # a refusal is the other bounded outcome
            outcome = f"refused: {error.reason}"
        seconds = time.process_time() - start
        worst = max(worst, seconds)
        lines.append(f"  {name:<36}{len(html) / 1e6:>7.1f} MB{seconds:>8.2f} s  {outcome}")
    return "\n".join([*lines, f"  worst: {worst:.2f} s"])


if __name__ == "__main__":
    print(report())  # noqa: T201
