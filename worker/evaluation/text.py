"""Text normalisation and tokenisation shared by the metrics (pure, no I/O)."""

from __future__ import annotations

import html
import re
import unicodedata

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def words(text: str | None) -> list[str]:
    """The ``\\w+`` tokens of ``text`` in NFC, case kept (the ScrapingHub benchmark tokeniser).

    NFC first: a label written decomposed ("u" and a combining diaeresis, as two fundus pages are)
    is the same text as our composed output, but ``\\w+`` would cut its words at every accent.
    """
    return _WORD.findall(unicodedata.normalize("NFC", text or ""))


def collapse_space(text: str) -> str:
    """Runs of whitespace become one space, ends stripped, NFC (see :func:`words`)."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def normalise_label(text: str | None) -> str:
    """Compare form of a short label (title, description, name, tag): HTML entities decoded, NFKC,
    casefold, spaces collapsed. (Some trafilatura_eval descriptions are a meta tag's raw content,
    "Think &amp; Do Tank": the text is "Think & Do Tank".)"""
    return collapse_space(unicodedata.normalize("NFKC", html.unescape(text or "")).casefold())
