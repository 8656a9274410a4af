"""Runs extractors over a set's pages and scores them (reads the pages' HTML files: does I/O).

An extractor is any ``(html, url) -> Prediction`` callable; a page it refuses with a
:class:`~worker.errors.PermanentError` counts as an empty prediction and as one error.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from worker.errors import PermanentError
from worker.evaluation.dataset import Page
from worker.evaluation.prediction import Prediction, from_article
from worker.evaluation.report import FieldScore, Pair, score_set
from worker.extract import DEFAULT_OPTIONS, ExtractOptions, extract_article

Extractor = Callable[[str, str | None], Prediction]


@dataclass(frozen=True, slots=True)
class ExtractorReport:
    """One extractor's scores on one set, with how many pages it refused and its total time."""

    extractor: str
    scores: tuple[FieldScore, ...]
    errors: int
    seconds: float
    predictions: tuple[Prediction, ...] = ()  # page by page, in the set's order


@dataclass(frozen=True, slots=True)
class SetReport:
    """All extractors' scores on one set."""

    name: str
    pages: int
    extractors: tuple[ExtractorReport, ...]
    page_list: tuple[Page, ...] = ()


def ours(options: ExtractOptions = DEFAULT_OPTIONS) -> Extractor:
    """Our extractor with ``options``; a page without URL gets an empty one."""

    def extract(html: str, url: str | None) -> Prediction:
        return from_article(extract_article(html, url or "", options))

    return extract


def run_extractor(
    name: str, extractor: Extractor, pages: Sequence[Page], html: Sequence[str]
) -> ExtractorReport:
    """Extract every page and score the set."""
    pairs: list[Pair] = []
    errors = 0
    started = time.perf_counter()
    for page, text in zip(pages, html, strict=True):
        try:
            predicted = extractor(text, page.url)
        except PermanentError:
            predicted, errors = Prediction(), errors + 1
        pairs.append((page.gold, predicted))
    elapsed = time.perf_counter() - started
    return ExtractorReport(name, score_set(pairs), errors, elapsed, tuple(p for _, p in pairs))


def evaluate_set(name: str, pages: Sequence[Page], extractors: Mapping[str, Extractor]) -> SetReport:
    """Score every extractor on the same pages (each page's HTML read once)."""
    html = [page.read_html() for page in pages]
    reports = tuple(run_extractor(label, fn, pages, html) for label, fn in extractors.items())
    return SetReport(name, len(pages), reports, tuple(pages))
