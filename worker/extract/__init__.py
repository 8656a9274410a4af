"""Pure extraction core: HTML text + URL in, a typed :class:`~worker.models.Article` out (no I/O).

The page is parsed once with selectolax's Lexbor parser. Metadata cascades read the tree first;
body extraction runs last because it prunes boilerplate from the tree.

Baseline implementation: title from ``og:title``/``<title>``, body from ``<p>`` text. The field
cascades replace it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from worker.extract.body import extract_body
from worker.extract.guard import check_markup
from worker.models import Article


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Knobs of the pure core; built from :class:`worker.config.Settings` by the I/O shell."""

    max_chars: int = 5 * 1024 * 1024
    max_depth: int = 512
    site_timezones: Mapping[str, str] = field(default_factory=dict)


DEFAULT_OPTIONS = ExtractOptions()


def extract_article(html: str, url: str, options: ExtractOptions = DEFAULT_OPTIONS) -> Article:
    """Extract the article from ``html`` fetched at ``url``.

    Raises :class:`worker.errors.PermanentError` (reason ``too_large``, ``too_deeply_nested``...) for
    a page that must not be parsed; raises nothing else.
    """
    tree = LexborHTMLParser(check_markup(html, options.max_chars, options.max_depth))
    og_title = tree.css_first('meta[property="og:title"]')
    title_node = tree.css_first("title")
    title = (og_title.attributes.get("content") if og_title else None) or (
        title_node.text(strip=True) if title_node else None
    )
    body = extract_body(tree)
    return Article(url=url, title=title or None, body=body, word_count=len(body.split()))
