"""Meta-refresh redirects: the page a ``<meta http-equiv="refresh">`` sends the reader to (pure).

A refresh after a short delay to another URL is how some sites and link wrappers redirect without
an HTTP 3xx; a long delay (or the same URL) is a page that reloads itself, not a redirect.
"""

from __future__ import annotations

from urllib.parse import urldefrag

from w3lib.html import get_meta_refresh

MAX_REDIRECT_DELAY_S = 5.0  # longer refreshes reload a live page (a news front page every 5 min)
SCAN_CHARS = 8192  # the tag belongs in <head>; a page body is not searched for it


def refresh_target(text: str, url: str) -> str | None:
    """The absolute URL ``text`` (the page fetched from ``url``) redirects to, or ``None``."""
    # ("Refresh" and "refresh" both hold "efresh": two C scans spare most pages w3lib's regex passes)
    if text.find("efresh", 0, SCAN_CHARS) < 0 and text.find("EFRESH", 0, SCAN_CHARS) < 0:
        return None
    delay, target = get_meta_refresh(text[:SCAN_CHARS], baseurl=url)
    if delay is None or target is None or delay > MAX_REDIRECT_DELAY_S:
        return None
    return None if urldefrag(target)[0] == urldefrag(url)[0] else target
