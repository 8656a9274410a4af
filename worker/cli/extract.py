"""``ingest extract``: run the extraction core on saved pages and print JSON lines (reads files).

``ingest extract FILE...`` takes ``.html`` or ``.html.gz`` files, decoded like a fetched page without
an HTTP charset (BOM, ``<meta charset>``, UTF-8, detection); ``--pages PAGES.jsonl`` takes a dataset
file (``html_file`` relative to it, pages read as UTF-8 as the datasets prescribe) and adds each
page's ``id``.
"""

from __future__ import annotations

import dataclasses
import json
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from worker.cli import main
from worker.config import load_settings
from worker.errors import PermanentError
from worker.evaluation.dataset import iter_pages, read_html_bytes
from worker.extract import ExtractOptions, extract_article, options_from_settings
from worker.fetch.decode import decode_html
from worker.models import Article, Image


def article_json(article: Article) -> dict[str, Any]:
    """Every Article field under its own name: dates ISO 8601, images as objects, tuples as lists."""
    data: dict[str, Any] = {}
    for spec in dataclasses.fields(article):
        value = getattr(article, spec.name)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = [dataclasses.asdict(item) if isinstance(item, Image) else item for item in value]
        elif isinstance(value, dict):
            value = dict(value)
        data[spec.name] = value
    return data


def extract_json(html: str, url: str, options: ExtractOptions) -> dict[str, Any]:
    """Extract one page: its fields and ``extract_ms``, or ``error`` with the refusal reason."""
    started = time.perf_counter()
    try:
        article = extract_article(html, url, options)
    except PermanentError as error:
        return {"error": error.reason}
    elapsed_ms = (time.perf_counter() - started) * 1000
    return article_json(article) | {"extract_ms": round(elapsed_ms, 3)}


def echo_json(data: dict[str, Any]) -> None:
    """One compact JSON object per line."""
    click.echo(json.dumps(data, ensure_ascii=False))


@main.command("extract")
@click.argument(
    "files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="FILE..."
)
@click.option("--url", default="", help="URL the FILEs were fetched from (default: none).")
@click.option(
    "--pages",
    "pages_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A dataset pages.jsonl: extract every page it lists.",
)
def extract_command(files: tuple[Path, ...], url: str, pages_file: Path | None) -> None:
    """Extract articles from saved HTML files and print one JSON object per page."""
    if bool(files) == (pages_file is not None):
        raise click.UsageError("give either FILE... or --pages PAGES.jsonl")
    options = options_from_settings(load_settings())
    for path in files:
        echo_json(extract_json(decode_html(read_html_bytes(path)).text, url, options))
    for page in iter_pages(pages_file) if pages_file else ():
        echo_json({"id": page.id} | extract_json(page.read_html(), page.url or "", options))
