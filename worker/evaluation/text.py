"""Text normalisation and tokenisation shared by the metrics (pure, no I/O)."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def words(text: str | None) -> list[str]:
    """The ``\\w+`` tokens of ``text``, case kept (the ScrapingHub benchmark tokeniser)."""
    return _WORD.findall(text or "")


def collapse_space(text: str) -> str:
    """Runs of whitespace become one space; ends stripped."""
    return _SPACE.sub(" ", text).strip()


def normalise_label(text: str | None) -> str:
    """Compare form of a short label (title, description, name, tag): NFKC, casefold, spaces collapsed."""
    return collapse_space(unicodedata.normalize("NFKC", text or "").casefold())
