"""Per-page outcome of every labelled field, for finding what to fix (pure, no I/O).

``ingest eval --per-page FILE`` writes these as JSON lines: one line per page and extractor.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from worker.evaluation import metrics
from worker.evaluation.counts import Counts, f1
from worker.evaluation.prediction import Prediction
from worker.evaluation.text import collapse_space

Outcome = dict[str, Any]


def rounded_prf(counts: Counts) -> Outcome:
    """Precision, recall and F1 of one page, rounded for reading."""
    return {
        "precision": round(counts.precision, 4),
        "recall": round(counts.recall, 4),
        "f1": round(f1(counts.precision, counts.recall), 4),
    }


def iso(value: date | None) -> str | None:
    """A returned date or datetime as ISO 8601."""
    return value.isoformat() if value is not None else None


def body_outcome(gold: str, predicted: Prediction) -> Outcome:
    return rounded_prf(metrics.body_counts(gold, predicted.body)) | {"chars": len(predicted.body)}


def title_outcome(gold: str, predicted: Prediction) -> Outcome:
    return {"ok": metrics.label_equal(gold, predicted.title), "got": predicted.title, "gold": gold}


def description_outcome(gold: str, predicted: Prediction) -> Outcome:
    return {
        "ok": metrics.label_equal(gold, predicted.description),
        "got": predicted.description,
        "gold": gold,
    }


def published_outcome(gold: str | None, predicted: Prediction) -> Outcome:
    outcome: Outcome = {"day_ok": metrics.published_day_correct(gold, predicted.published)}
    gold_value = metrics.parse_gold_date(gold) if gold else None
    if gold_value is not None and metrics.has_instant(gold_value):
        outcome["minute_ok"] = metrics.published_minute_correct(gold_value, predicted.published)
    return outcome | {"got": iso(predicted.published), "gold": gold}


def authors_outcome(gold: list[str], predicted: Prediction) -> Outcome:
    exact = metrics.name_set(gold) == metrics.name_set(predicted.authors)
    return {"ok": exact, "got": list(predicted.authors), "gold": gold}


def author_raw_outcome(gold: str | list[str], predicted: Prediction) -> Outcome:
    counts = metrics.author_raw_counts(gold, predicted.authors)
    return {"f1": rounded_prf(counts)["f1"], "got": list(predicted.authors), "gold": gold}


def tags_outcome(gold: list[str], predicted: Prediction) -> Outcome:
    counts = metrics.set_counts(gold, predicted.tags)
    return {"f1": rounded_prf(counts)["f1"], "got": list(predicted.tags), "gold": gold}


def categories_outcome(gold: list[str], predicted: Prediction) -> Outcome:
    counts = metrics.set_counts(gold, predicted.categories)
    return {"f1": rounded_prf(counts)["f1"], "got": list(predicted.categories), "gold": gold}


def language_outcome(gold: str, predicted: Prediction) -> Outcome:
    return {"ok": metrics.language_correct(gold, predicted.language), "got": predicted.language, "gold": gold}


def images_outcome(gold: list[Mapping[str, Any]], predicted: Prediction) -> Outcome:
    counts = metrics.image_counts(gold, predicted.image_urls)
    lead = metrics.lead_image_correct(gold, predicted.image_urls)
    first = predicted.image_urls[0] if predicted.image_urls else None
    return {"lead_ok": lead, "found": counts.tp, "gold_images": len(gold), "got_first": first}


FIELD_OUTCOMES: dict[str, Callable[[Any, Prediction], Outcome]] = {
    "body": body_outcome,
    "title": title_outcome,
    "published": published_outcome,
    "authors": authors_outcome,
    "author_raw": author_raw_outcome,
    "tags": tags_outcome,
    "categories": categories_outcome,
    "language": language_outcome,
    "description": description_outcome,
    "images": images_outcome,
}


def snippets_outcome(gold: Mapping[str, Any], predicted: Prediction) -> Outcome:
    """Which ``with`` snippets are missing and which ``without`` snippets were kept."""
    text = collapse_space(predicted.body)
    missing = [s for s in gold.get("body_with", []) if collapse_space(s) not in text]
    kept = [s for s in gold.get("body_without", []) if collapse_space(s) in text]
    return {"missing": missing, "kept": kept}


def page_outcome(gold: Mapping[str, Any], predicted: Prediction) -> Outcome:
    """Every labelled field's outcome on one page."""
    outcome = {key: fn(gold[key], predicted) for key, fn in FIELD_OUTCOMES.items() if key in gold}
    if "body_with" in gold or "body_without" in gold:
        outcome["body_snippets"] = snippets_outcome(gold, predicted)
    return outcome
