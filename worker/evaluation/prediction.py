"""What an extractor returned, reduced to the fields the metrics compare (pure, no I/O).

Both our :class:`~worker.models.Article` and trafilatura's document map onto :class:`Prediction`, so
the same metrics score both in the same run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from worker.models import Article


@dataclass(frozen=True, slots=True)
class Prediction:
    """One page's extracted fields; ``published`` is a ``date`` when the extractor gives only a day."""

    title: str | None = None
    description: str | None = None
    authors: tuple[str, ...] = ()
    published: datetime | date | None = None
    body: str = ""
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    language: str | None = None
    image_urls: tuple[str, ...] = ()  # the lead image first
    image_texts: tuple[ImageText, ...] = ()  # (url, caption, credit) of each image, when given


ImageText = tuple[str, str | None, str | None]


def from_article(article: Article) -> Prediction:
    """Map our extractor's article onto the compared fields."""
    return Prediction(
        title=article.title,
        description=article.description,
        authors=tuple(article.authors),
        published=article.published,
        body=article.body,
        tags=tuple(article.tags),
        categories=article.categories,
        language=article.language,
        image_urls=tuple(image.url for image in article.images),
        image_texts=tuple((image.url, image.caption, image.credit) for image in article.images),
    )
