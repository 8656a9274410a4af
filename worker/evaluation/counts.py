"""True/false positive counts and the precision/recall/F1 built from them (pure, no I/O)."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Counts:
    """tp/fp/fn of one page or summed over a set (floats: body counts are normalised to sum 1)."""

    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1 when nothing was expected and nothing returned."""
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1 when nothing was expected and nothing returned."""
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    def normalised(self) -> Counts:
        """Scaled to sum 1 so a long page weighs as much as a short one (zero stays zero)."""
        total = self.tp + self.fp + self.fn
        return Counts(self.tp / total, self.fp / total, self.fn / total) if total else self


def multiset_counts(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> Counts:
    """Counts of a multiset match: an item matched as often as both sides hold it."""
    gold_items, predicted_items = Counter(gold), Counter(predicted)
    tp = sum((gold_items & predicted_items).values())
    return Counts(tp, predicted_items.total() - tp, gold_items.total() - tp)


def f1(precision: float, recall: float) -> float:
    """Harmonic mean; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def summed_prf(counts: Iterable[Counts]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the counts summed over a set (micro average)."""
    total = sum(counts, Counts())
    return total.precision, total.recall, f1(total.precision, total.recall)


def averaged_prf(counts: Sequence[Counts]) -> tuple[float, float, float]:
    """The ScrapingHub benchmark's aggregate: precision averaged over pages that returned something,
    recall over pages that expected something, F1 from the two averages."""
    precisions = [c.precision for c in counts if c.tp + c.fp > 0]
    recalls = [c.recall for c in counts if c.tp + c.fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    return precision, recall, f1(precision, recall)
