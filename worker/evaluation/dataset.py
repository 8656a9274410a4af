"""Dataset loading: reads a set's ``pages.jsonl`` and its gzipped HTML files (does file I/O).

The format is the one of ``../shared/datasets``: one JSON object per line with ``id``, ``url``,
``html_file`` (relative to the jsonl) and ``gold`` (only the fields that set labels).
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PAGES_FILE = "pages.jsonl"
DATASETS_ENV = "INGEST_DATASETS_DIR"


def datasets_dir() -> Path:
    """Where the labelled sets live: ``$INGEST_DATASETS_DIR``, else ``../shared/datasets`` beside the
    repository. Raises ``FileNotFoundError`` naming the folder and the setting when it holds no set
    (a clone made elsewhere would otherwise serve, test and score nothing)."""
    configured = os.environ.get(DATASETS_ENV)
    beside_repository = Path(__file__).resolve().parents[3] / "shared" / "datasets"
    root = Path(configured) if configured else beside_repository
    if not any(root.glob(f"*/{PAGES_FILE}")):
        raise FileNotFoundError(f"no labelled sets (*/{PAGES_FILE}) under {root}: set {DATASETS_ENV}")
    return root


@dataclass(frozen=True, slots=True)
class Page:
    """One labelled page: where its HTML lives and the gold values of the fields its set labels."""

    id: str
    url: str | None
    html_path: Path
    gold: Mapping[str, Any]

    def read_html(self) -> str:
        """The page's HTML as text (files are UTF-8, gzipped when the name ends in ``.gz``)."""
        return read_html_file(self.html_path)


def read_html_bytes(path: Path) -> bytes:
    """The bytes of an ``.html`` or ``.html.gz`` file (gunzipped)."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def read_html_file(path: Path) -> str:
    """A dataset page as text: always UTF-8 (the sets re-encoded every page; a stale
    ``<meta charset>`` may remain and must be ignored)."""
    return read_html_bytes(path).decode("utf-8-sig", errors="replace")


def pages_file(location: Path) -> Path:
    """Accept a set folder or its ``pages.jsonl`` and return the jsonl path."""
    return location / PAGES_FILE if location.is_dir() else location


def load_pages(location: Path) -> list[Page]:
    """All pages of one set, in file order."""
    return list(iter_pages(location))


def iter_pages(location: Path) -> Iterator[Page]:
    """Stream the pages of one set without reading their HTML."""
    jsonl = pages_file(location)
    with jsonl.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield parse_page(json.loads(line), jsonl.parent)


def parse_page(record: Mapping[str, Any], base: Path) -> Page:
    """Build a :class:`Page` from one jsonl record; ``html_file`` is relative to ``base``."""
    return Page(
        id=str(record["id"]),
        url=record.get("url") or None,
        html_path=base / record["html_file"],
        gold=record.get("gold") or {},
    )


def set_name(location: Path) -> str:
    """The name a set is reported under: its folder name."""
    return pages_file(location).parent.name
