"""Article text carried in script data, for pages rendered by JavaScript (pure, no I/O).

Sites built on client-side frameworks (Next.js, Nuxt...) often send an empty article element and the
article's HTML as a JSON string in a ``<script>`` (``"contentHtml": "<p>...</p>"``) that the browser
renders. When the markup gives no body, :func:`script_body` decodes such strings and extracts the
body from the largest one.
"""

from __future__ import annotations

import json
import re

from selectolax.lexbor import LexborHTMLParser

from worker.extract.body import Body, extract_body

MIN_BODY_CHARS = 200  # a shorter body from the markup is a stub: look in the scripts
MAX_CANDIDATES = 20  # strings decoded and parsed per page at most
# A JSON string under a key that names article HTML; the value is a JSON string literal (escapes
# kept), at least 200 characters long. The alternation cannot overlap, so matching stays linear.
_HTML_VALUE = re.compile(
    r'"(?:contentHtml|content_html|articleHtml|article_html|bodyHtml|body_html|articleBody|html)"'
    r'\s*:\s*"((?:[^"\\]|\\.){200,})"'
)


def script_body(html: str) -> Body:
    """The body (text and pictures) extracted from the largest article-HTML string in the page's
    scripts, or an empty one."""
    best = Body("")
    for found in list(_HTML_VALUE.finditer(html))[:MAX_CANDIDATES]:
        try:
            fragment = json.loads(f'"{found.group(1)}"')
        except ValueError:
            continue
        if "<p" not in fragment:
            continue
        body = extract_body(LexborHTMLParser(f"<html><body>{fragment}</body></html>"), "", article_only=True)
        if len(body.text) > len(best.text):
            best = body
    return best
