"""``ingest setup-index | index | reindex | search | serve``: the index and search verbs (I/O)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from worker.cli import main
from worker.config import load_settings
from worker.errors import PermanentError
from worker.extract import options_from_settings
from worker.index.bulk import Indexer
from worker.index.engine import make_engine
from worker.index.layout import reindex, setup_index
from worker.index.local import LocalPage, pages_from_jsonl, to_entry
from worker.index.query import SearchParams, SearchResult
from worker.index.records import Entry, EntryResult
from worker.index.search import search

BATCH = 200  # pages extracted per bulk call: bounds memory for large backfills


@main.command("setup-index")
def setup_index_command() -> None:
    """Apply the index template and create the indices and aliases (idempotent)."""
    settings = load_settings()
    created = setup_index(make_engine(settings), settings)
    click.echo(f"created: {', '.join(created)}" if created else "index layout already in place")


def _chunks(pages: Iterable[LocalPage], size: int) -> Iterator[list[LocalPage]]:
    chunk: list[LocalPage] = []
    for page in pages:
        chunk.append(page)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _entries(pages: list[LocalPage], indexer: Indexer) -> list[Entry]:
    options = options_from_settings(load_settings())
    entries: list[Entry] = []
    for page in pages:
        try:
            entries.append(to_entry(page, options))
        except PermanentError as exc:
            if page.url:
                indexer.record(page.url, "failed", reason=exc.reason, message=exc.message)
            click.echo(f"failed {page.url or page.path}: {exc}", err=True)
    return entries


def _report(results: list[EntryResult], counts: Counter[str]) -> None:
    for result in results:
        counts[result.status] += 1
        if result.status == "failed":
            click.echo(f"failed {result.url}: {result.reason}: {result.message}", err=True)


@main.command("index")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pages", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="pages.jsonl")
@click.option("--url", help="URL of the single FILE (else its canonical URL is used)")
def index_command(files: tuple[Path, ...], pages: Path | None, url: str | None) -> None:
    """Extract local HTML pages (html or html.gz) and index them, without fetching."""
    if bool(files) == bool(pages):
        raise click.UsageError("give either FILE... or --pages PAGES.jsonl")
    if url and len(files) != 1:
        raise click.UsageError("--url goes with exactly one FILE")
    settings = load_settings()
    indexer = Indexer(make_engine(settings), settings)
    stored = pages_from_jsonl(pages) if pages else (LocalPage(path, url) for path in files)
    counts: Counter[str] = Counter()
    for chunk in _chunks(stored, BATCH):
        entries = _entries(chunk, indexer)
        counts["failed"] += len(chunk) - len(entries)
        _report(indexer.index(entries), counts)
    click.echo(", ".join(f"{status} {counts[status]}" for status in ("indexed", "duplicate", "failed")))
    if counts["failed"]:
        raise SystemExit(1)


@main.command("reindex")
def reindex_command() -> None:
    """Build the next index version from the stored documents and swap the aliases to it."""
    settings = load_settings()
    report = reindex(make_engine(settings), settings)
    click.echo(
        f"{report.source} -> {report.dest}: copied {report.copied}, newer kept {report.skipped_newer}, "
        f"failures {report.failures} (old index kept)"
    )
    if report.failures:
        raise SystemExit(1)


def _print_human(result: SearchResult) -> None:
    click.echo(f"{result.total} articles")
    for hit in result.hits:
        click.echo(f"{hit.score or 0:7.2f}  {hit.published or '-':29}  {hit.title or '(no title)'}")
        click.echo(f"         {hit.url}")
        for fragment in hit.highlight.get("body", [])[:1]:
            click.echo(f"         ... {fragment} ...")
    if result.next:
        click.echo(f"next: --after {result.next}")


@main.command("search")
@click.argument("text", default="")
@click.option("--since", help="ISO date/time or relative (now-7d); inclusive")
@click.option("--until", help="ISO date/time or relative; inclusive (a date covers the whole day)")
@click.option("--site")
@click.option("--author")
@click.option("--tag")
@click.option("--category")
@click.option("--lang")
@click.option("--sort", type=click.Choice(["relevance", "newest"]), default="relevance", show_default=True)
@click.option("--size", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--after", help="the `next` cursor of the previous page")
@click.option("--tz", default="UTC", show_default=True, help="time zone of dates without an offset")
@click.option("--json", "as_json", is_flag=True, help='print {"total", "hits", "facets", "next"}')
def search_command(  # noqa: PLR0917 (click passes every option as a parameter)
    text: str,
    since: str | None,
    until: str | None,
    site: str | None,
    author: str | None,
    tag: str | None,
    category: str | None,
    lang: str | None,
    sort: str,
    size: int,
    after: str | None,
    tz: str,
    as_json: bool,
) -> None:
    """Full-text search over the indexed articles."""
    settings = load_settings()
    params = SearchParams(text, since, until, site, author, tag, category, lang, sort, size, after, tz)
    result = search(make_engine(settings), settings, params)  # (a classified failure: one error line)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        _print_human(result)


@main.command("serve")
@click.option("--host", default=None, help="default: INGEST_API_HOST")
@click.option("--port", type=int, default=None, help="default: INGEST_API_PORT")
def serve_command(host: str | None, port: int | None) -> None:
    """Serve the HTTP API (search, articles, URL status, health)."""
    # imported here: the web stack is only needed by this verb, keep the other verbs quick to start
    import uvicorn  # noqa: PLC0415

    from worker.api import create_app  # noqa: PLC0415

    settings = load_settings()
    uvicorn.run(create_app(settings), host=host or settings.api_host, port=port or settings.api_port)
