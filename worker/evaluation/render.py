"""Set reports as a side-by-side text table or a JSON-ready mapping (pure, no I/O)."""

from __future__ import annotations

import json
from typing import Any

from worker.evaluation.outcome import page_outcome
from worker.evaluation.report import FieldScore
from worker.evaluation.runner import ExtractorReport, SetReport


def score_json(row: FieldScore) -> dict[str, Any]:
    """One field's score with its page count (and precision/recall for F1 rows)."""
    data: dict[str, Any] = {"kind": row.kind, "score": round(row.score, 4), "pages": row.pages}
    if row.precision is not None and row.recall is not None:
        data |= {"precision": round(row.precision, 4), "recall": round(row.recall, 4)}
    return data


def extractor_json(report: ExtractorReport) -> dict[str, Any]:
    """One extractor's fields, refused-page count and seconds."""
    return {
        "fields": {row.name: score_json(row) for row in report.scores},
        "errors": report.errors,
        "seconds": round(report.seconds, 3),
    }


def reports_json(reports: list[SetReport]) -> dict[str, Any]:
    """``{"sets": {name: {"pages": n, "extractors": {name: {...}}}}}``."""
    return {
        "sets": {
            report.name: {
                "pages": report.pages,
                "extractors": {e.extractor: extractor_json(e) for e in report.extractors},
            }
            for report in reports
        }
    }


def set_table(report: SetReport) -> list[str]:
    """Lines of one set's table: a row per field, a column per extractor."""
    names = [e.extractor for e in report.extractors]
    by_extractor = [{row.name: row for row in e.scores} for e in report.extractors]
    lines = [f"{report.name} ({report.pages} pages)", f"  {'field':<17}{'kind':<9}{'pages':>6}"]
    lines[1] += "".join(f"{name:>13}" for name in names)
    for row in report.extractors[0].scores if report.extractors else ():
        cells = "".join(
            f"{found[row.name].score:>13.3f}" if row.name in found else f"{'-':>13}" for found in by_extractor
        )
        lines.append(f"  {row.name:<17}{row.kind:<9}{row.pages:>6}{cells}")
    errors = "".join(f"{e.errors:>13}" for e in report.extractors)
    seconds = "".join(f"{e.seconds:>13.1f}" for e in report.extractors)
    lines += [f"  {'refused pages':<32}{errors}", f"  {'seconds':<32}{seconds}"]
    return lines


def reports_text(reports: list[SetReport]) -> str:
    """All sets' tables, separated by blank lines."""
    return "\n\n".join("\n".join(set_table(report)) for report in reports) + "\n"


def per_page_lines(report: SetReport) -> list[str]:
    """One JSON line per page and extractor: every labelled field's outcome."""
    return [
        json.dumps(
            {"set": report.name, "id": page.id, "url": page.url, "extractor": e.extractor}
            | {"fields": page_outcome(page.gold, predicted)},
            ensure_ascii=False,
        )
        for e in report.extractors
        for page, predicted in zip(report.page_list, e.predictions, strict=True)
    ]
