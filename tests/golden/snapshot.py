"""The compared form of an extracted article: every field, the body as hash + first/last paragraph (pure).

Also the list of saved real pages (set, id) the golden files cover.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Any

from worker.evaluation.dataset import Page, load_pages
from worker.extract import extract_article
from worker.models import Article

GOLDEN_DIR = Path(__file__).resolve().parent
# A spread of publishers, languages and layouts from every dev set.
GOLDEN_PAGES: tuple[tuple[str, str], ...] = (
    ("fundus", "fundus-uk-BBC-V1"),
    ("fundus", "fundus-us-Reuters-V1"),
    ("fundus", "fundus-de-SpiegelOnline-V1"),
    ("fundus", "fundus-fr-LeMonde-V1"),
    ("fundus", "fundus-jp-Nikkei-V1"),
    ("scrapinghub", "scrapinghub-042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"),
    ("scrapinghub", "scrapinghub-04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34"),
    ("readability_testpages", "readability-parsely-metadata"),
    ("readability_testpages", "readability-guardian-1"),
    ("trafilatura_eval", "trafilatura-0001"),
    ("htmldate_eval", "htmldate-mediacloud_2020-1716869064"),
)
IMAGES_KEPT = 3


def find_page(datasets: Path, set_name: str, page_id: str) -> Page:
    """One dev page by set and id."""
    (page,) = [page for page in load_pages(datasets / set_name) if page.id == page_id]
    return page


def body_fields(body: str) -> dict[str, Any]:
    """The body compared by hash, paragraph count and its first and last paragraph."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    return {
        "body_sha256": hashlib.sha256(body.encode()).hexdigest(),
        "body_paragraphs": len(paragraphs),
        "body_first": paragraphs[0] if paragraphs else "",
        "body_last": paragraphs[-1] if paragraphs else "",
    }


def snapshot(article: Article) -> dict[str, Any]:
    """Every field as JSON values; the body summarised, images cut to the first few."""
    data: dict[str, Any] = {}
    for spec in dataclasses.fields(article):
        value = getattr(article, spec.name)
        if spec.name == "body":
            data |= body_fields(value)
        elif spec.name == "images":
            data["images"] = [dataclasses.asdict(image) for image in value[:IMAGES_KEPT]]
            data["image_count"] = len(value)
        else:
            data[spec.name] = value.isoformat() if hasattr(value, "isoformat") else _plain(value)
    return data


def _plain(value: Any) -> Any:
    """Tuples as lists and mappings as dicts, as they read back from JSON."""
    if isinstance(value, tuple):
        return list(value)
    return dict(value) if isinstance(value, dict) else value


def extract_snapshot(page: Page) -> dict[str, Any]:
    """Extract a saved page and return its compared form."""
    return snapshot(extract_article(page.read_html(), page.url or ""))


def golden_path(page_id: str) -> Path:
    """Where a page's golden file lives."""
    return GOLDEN_DIR / f"{page_id}.json"
