"""Trafilatura as the peer extractor, mapped onto :class:`Prediction` (pure; needs the bench extra).

Called the way the issue measures it: ``bare_extraction(html, url=url, with_metadata=True)``.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from typing import Any

from worker.evaluation.prediction import Prediction

PEER_NAME = "trafilatura"


def peer_available() -> bool:
    """True when trafilatura (the ``bench`` extra) is installed."""
    return importlib.util.find_spec("trafilatura") is not None


def extract_with_peer(html: str, url: str | None) -> Prediction:
    """Run trafilatura on one page; an empty prediction when it finds nothing."""
    import trafilatura  # noqa: PLC0415  # the bench extra: imported only when a comparison is asked for

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    return prediction_from_peer(document) if document is not None else Prediction()


def prediction_from_peer(document: Any) -> Prediction:
    """Map trafilatura's document: ``author`` is ``;``-separated, ``date`` a bare day."""
    return Prediction(
        title=document.title,
        description=document.description,
        authors=split_authors(document.author),
        published=parse_day(document.date),
        body=document.text or "",
        tags=tuple(document.tags or ()),
        categories=tuple(document.categories or ()),
        language=document.language,
        image_urls=(document.image,) if document.image else (),
        image_texts=((document.image, None, None),) if document.image else (),
    )


def split_authors(author: str | None) -> tuple[str, ...]:
    """``"A; B"`` -> ``("A", "B")``."""
    return tuple(name.strip() for name in (author or "").split(";") if name.strip())


def parse_day(value: str | None) -> date | None:
    """Trafilatura's default date output, ``YYYY-MM-DD``; anything else counts as no date."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
