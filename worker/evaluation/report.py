"""Scores one labelled set field by field from (gold, prediction) pairs (pure, no I/O).

Every scorer looks only at the pages whose gold has its field, and reports the page count with the
score, so a set that does not label a field simply has no row for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from worker.evaluation import metrics
from worker.evaluation.counts import Counts, averaged_prf, summed_prf
from worker.evaluation.prediction import Prediction

Gold = Mapping[str, Any]
Pair = tuple[Gold, Prediction]


@dataclass(frozen=True, slots=True)
class FieldScore:
    """One row of a report: ``score`` is an F1 or an accuracy over ``pages`` labelled pages."""

    name: str
    kind: Literal["f1", "accuracy"]
    score: float
    pages: int
    precision: float | None = None
    recall: float | None = None


def labelled(pairs: Sequence[Pair], key: str) -> list[tuple[Any, Prediction]]:
    """(gold value, prediction) of the pages whose gold labels ``key`` (a null label included)."""
    return [(gold[key], predicted) for gold, predicted in pairs if key in gold]


def accuracy(name: str, hits: Sequence[bool]) -> FieldScore | None:
    """Share of correct pages, or ``None`` when no page is labelled."""
    return FieldScore(name, "accuracy", sum(hits) / len(hits), len(hits)) if hits else None


def f1_row(name: str, prf: tuple[float, float, float], pages: int) -> FieldScore | None:
    """An F1 row with its precision and recall, or ``None`` when no page is labelled."""
    precision, recall, f1 = prf
    return FieldScore(name, "f1", f1, pages, precision, recall) if pages else None


def score_body(pairs: Sequence[Pair]) -> FieldScore | None:
    """Shingle F1 of the body, precision and recall averaged over pages."""
    rows = labelled(pairs, "body")
    return f1_row("body", averaged_prf([metrics.body_counts(g, p.body) for g, p in rows]), len(rows))


def score_snippets(pairs: Sequence[Pair]) -> FieldScore | None:
    """Body snippets found / wrongly kept, summed over the set."""
    counts = [
        metrics.snippet_counts(gold.get("body_with", []), gold.get("body_without", []), predicted.body)
        for gold, predicted in pairs
        if "body_with" in gold or "body_without" in gold
    ]
    return f1_row("body_snippets", summed_prf(counts), len(counts))


def score_title(pairs: Sequence[Pair]) -> FieldScore | None:
    """Title equal after NFKC, case folding and whitespace collapsing."""
    return accuracy("title", [metrics.label_equal(g, p.title) for g, p in labelled(pairs, "title")])


def score_description(pairs: Sequence[Pair]) -> FieldScore | None:
    """Description equal after the same normalisation as titles."""
    rows = labelled(pairs, "description")
    return accuracy("description", [metrics.label_equal(g, p.description) for g, p in rows])


def score_published_day(pairs: Sequence[Pair]) -> FieldScore | None:
    """Calendar day of the page's local time equals the gold day; gold null wants no date."""
    rows = labelled(pairs, "published")
    return accuracy("published_day", [metrics.published_day_correct(g, p.published) for g, p in rows])


def score_published_minute(pairs: Sequence[Pair]) -> FieldScore | None:
    """Instant to the minute, on the pages whose gold has a time with an offset."""
    golds = [(metrics.parse_gold_date(g), p) for g, p in labelled(pairs, "published") if g]
    hits = [metrics.published_minute_correct(g, p.published) for g, p in golds if metrics.has_instant(g)]
    return accuracy("published_minute", hits)


def score_authors_exact(pairs: Sequence[Pair]) -> FieldScore | None:
    """The case-folded set of names equals the gold set."""
    rows = labelled(pairs, "authors")
    return accuracy("authors_exact", [metrics.name_set(g) == metrics.name_set(p.authors) for g, p in rows])


def score_authors_f1(pairs: Sequence[Pair]) -> FieldScore | None:
    """Name-level F1 summed over the set."""
    rows = labelled(pairs, "authors")
    return f1_row("authors_names", summed_prf([metrics.set_counts(g, p.authors) for g, p in rows]), len(rows))


def score_author_raw(pairs: Sequence[Pair]) -> FieldScore | None:
    """Token F1 between the gold byline and the returned names, summed over the set."""
    rows = labelled(pairs, "author_raw")
    counts = [metrics.author_raw_counts(g, p.authors) for g, p in rows]
    return f1_row("author_raw", summed_prf(counts), len(rows))


def score_tags(pairs: Sequence[Pair]) -> FieldScore | None:
    """Case-folded tag set F1 summed over the set."""
    rows = labelled(pairs, "tags")
    return f1_row("tags", summed_prf([metrics.set_counts(g, p.tags) for g, p in rows]), len(rows))


def score_categories(pairs: Sequence[Pair]) -> FieldScore | None:
    """Case-folded category set F1 summed over the set."""
    rows = labelled(pairs, "categories")
    counts: list[Counts] = [metrics.set_counts(g, p.categories) for g, p in rows]
    return f1_row("categories", summed_prf(counts), len(rows))


def score_language(pairs: Sequence[Pair]) -> FieldScore | None:
    """ISO 639-1 primary code equal."""
    rows = labelled(pairs, "language")
    return accuracy("language", [metrics.language_correct(g, p.language) for g, p in rows])


def score_lead_image(pairs: Sequence[Pair]) -> FieldScore | None:
    """The first returned image is the gold cover image (any of its sizes)."""
    rows = [(g, p) for g, p in labelled(pairs, "images") if g]
    return accuracy("image_lead", [metrics.lead_image_correct(g, p.image_urls) for g, p in rows])


def score_images(pairs: Sequence[Pair]) -> FieldScore | None:
    """Gold images found (any size) against returned image URLs, summed over the set."""
    rows = labelled(pairs, "images")
    return f1_row("images", summed_prf([metrics.image_counts(g, p.image_urls) for g, p in rows]), len(rows))


def score_image_captions(pairs: Sequence[Pair]) -> FieldScore | None:
    """Gold image captions returned with their picture (counted per gold image, not per page)."""
    hits = [hit for g, p in labelled(pairs, "images") for hit in metrics.caption_hits(g, p.image_texts)]
    return accuracy("image_caption", hits)


def score_image_credits(pairs: Sequence[Pair]) -> FieldScore | None:
    """Gold image credits returned with their picture (counted per gold image, not per page)."""
    hits = [hit for g, p in labelled(pairs, "images") for hit in metrics.credit_hits(g, p.image_texts)]
    return accuracy("image_credit", hits)


SCORERS: tuple[Callable[[Sequence[Pair]], FieldScore | None], ...] = (
    score_body,
    score_snippets,
    score_title,
    score_published_day,
    score_published_minute,
    score_authors_exact,
    score_authors_f1,
    score_author_raw,
    score_tags,
    score_categories,
    score_language,
    score_description,
    score_lead_image,
    score_images,
    score_image_captions,
    score_image_credits,
)


def score_set(pairs: Sequence[Pair]) -> tuple[FieldScore, ...]:
    """Every field the set labels, in a fixed order."""
    return tuple(row for scorer in SCORERS if (row := scorer(pairs)) is not None)
