"""``make demo``: a local site -> queue -> real worker -> engine, then a few searches (I/O, processes).

Serves the pages of ``../shared/datasets`` on 127.0.0.1, starts ``ingest worker``, queues every page
(plus two URLs that must fail), shows progress until each URL is settled in ``ingest-urls``, prints a
phrase search, a date-range search and a facet, and stops the worker with SIGTERM.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import click

from worker.celery_app import create_app
from worker.config import Settings
from worker.devsite import DevSite, Page, load_pages
from worker.evaluation.dataset import datasets_dir
from worker.index.engine import Engine, make_engine
from worker.index.query import SearchParams, SearchResult
from worker.index.records import url_status_id
from worker.index.search import search
from worker.pipeline import UrlRequest
from worker.producer import Producer
from worker.wiring import prepare_index

SETTLE_TIMEOUT_S = 240.0
DEMO_PORT = 8800
TERMINAL = ["indexed", "unchanged", "duplicate", "failed"]


DEMO_NAMES = {
    "INGEST_QUEUE": "ingest-demo",
    "INGEST_KEY_PREFIX": "ingest-demo:",
    "INGEST_INDEX_PREFIX": "demo-articles",
    "INGEST_WRITE_ALIAS": "demo-articles",
    "INGEST_READ_ALIAS": "demo-articles-read",
    "INGEST_URL_STATUS_INDEX": "demo-urls",
}


def demo_env(port: int) -> dict[str, str]:
    """The worker's environment: the local site allow-listed, no politeness delay for one host."""
    return {
        **os.environ,
        "INGEST_FETCH_ALLOW_NETWORKS": "127.0.0.1/32",
        "INGEST_FETCH_ALLOWED_PORTS": str(port),
        "INGEST_HOST_MIN_INTERVAL_S": "0",
        "INGEST_FETCH_MAX_ATTEMPTS": "2",
        "INGEST_FETCH_BACKOFF_MAX_S": "2",
        "INGEST_METRICS_PORT": os.environ.get("INGEST_METRICS_PORT", "0"),
    }


def settings_from(env: dict[str, str]) -> Settings:
    """Settings as the worker will see them."""
    fields = {key.removeprefix("INGEST_").lower(): v for key, v in env.items() if key.startswith("INGEST_")}
    return Settings.model_validate(fields)


def start_worker(env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    """``ingest worker`` in the background, logging JSON lines to ``log_path``."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    ingest = str(Path(sys.executable).parent / "ingest")
    with log_path.open("wb") as log:
        return subprocess.Popen([ingest, "worker"], env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


def settled(engine: Engine, settings: Settings, urls: Sequence[str]) -> int:
    """How many of ``urls`` have a terminal status record."""
    engine.refresh(settings.url_status_index)
    query = {
        "bool": {
            "filter": [{"ids": {"values": [url_status_id(u) for u in urls]}}, {"terms": {"status": TERMINAL}}]
        }
    }
    return engine.count(settings.url_status_index, query)


def wait_with_progress(
    engine: Engine, settings: Settings, urls: Sequence[str], worker: subprocess.Popen[bytes]
) -> None:
    """A progress bar until every URL is settled (or the worker died, or time ran out)."""
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    done = 0
    started = time.monotonic()
    with click.progressbar(length=len(urls), label="ingesting", show_pos=True) as bar:
        while done < len(urls) and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(1.0)
            now = settled(engine, settings, urls)
            bar.update(now - done)
            done = now
            if not sys.stdout.isatty():  # the bar only draws on a terminal
                click.echo(f"  settled {done}/{len(urls)} after {time.monotonic() - started:.0f}s")
    if done < len(urls):
        click.echo(f"warning: {len(urls) - done} URLs not settled (see .run/demo-worker.log)", err=True)


def outcome_summary(engine: Engine, settings: Settings, urls: Sequence[str]) -> Counter[str]:
    """status/reason -> count over ``urls``."""
    body = {"query": {"ids": {"values": [url_status_id(u) for u in urls]}}, "size": len(urls)}
    hits = engine.search(settings.url_status_index, body)["hits"]["hits"]
    return Counter(
        hit["_source"]["status"] + (f" ({hit['_source']['reason']})" if hit["_source"].get("reason") else "")
        for hit in hits
    )


def show(title: str, result: SearchResult) -> None:
    """Print a search's total and top hits."""
    click.secho(f"\n{title}: {result.total} articles", bold=True)
    for hit in result.hits:
        click.echo(f"  {(hit.published or '')[:10]:10}  {hit.title}")


def run_searches(engine: Engine, settings: Settings) -> None:
    """A phrase, a date range, and a facet."""
    show('Phrase "climate change"', search(engine, settings, SearchParams(text='"climate change"', size=5)))
    in_2024 = SearchParams(since="2024-01-01", until="2024-12-31", sort="newest", size=5)
    show("Published in 2024 (newest first)", search(engine, settings, in_2024))
    facets = search(engine, settings, SearchParams(size=1)).facets
    for name in ("language", "tags"):
        buckets = facets.get(name, [])[:8]
        click.secho(f"\nFacet {name}:", bold=True)
        click.echo("  " + ", ".join(f"{b['value']} {b.get('count')}" for b in buckets))


def fresh_indices(engine: Engine, settings: Settings) -> None:
    """Drop the demo's own indices and create them again, so every run starts from nothing."""
    for pattern in (f"{settings.index_prefix}-*", f"{settings.url_status_index}-*"):
        for name in engine.list_indices(pattern):
            engine.delete_index(name)
    prepare_index(settings)
    click.echo(f"indices: {settings.read_alias} and {settings.url_status_index} (created fresh)")


def _site(pages: dict[str, Page]) -> DevSite:
    # A fixed port keeps the URLs, hence the documents, the same from one demo run to the next.
    try:
        return DevSite(pages, DEMO_PORT)
    except OSError:
        return DevSite(pages)


def main() -> None:
    """Run the demo end to end."""
    pages = load_pages(datasets_dir())
    with _site(pages) as site:
        env = demo_env(int(site.base.rsplit(":", 1)[1])) | DEMO_NAMES
        settings = settings_from(env)
        click.echo(f"site: {len(pages)} dataset pages on {site.base}")
        engine = make_engine(settings)
        fresh_indices(engine, settings)
        worker = start_worker(env, Path(".run/demo-worker.log"))
        try:
            urls = [
                *site.site.urls(),
                f"{site.base}/status/404",
                f"http://10.0.0.1:{site.base.rsplit(':', 1)[1]}/x",
            ]
            Producer(create_app(settings), settings).send([UrlRequest(u, source="demo") for u in urls])
            click.echo(f"queued {len(urls)} URLs on {settings.queue!r}; worker log: .run/demo-worker.log")
            wait_with_progress(engine, settings, urls, worker)
            for outcome, count in sorted(outcome_summary(engine, settings, urls).items()):
                click.echo(f"  {outcome}: {count}")
            # One refresh right after the last bulk does not always expose every document: settle first.
            for _ in range(3):
                engine.refresh(settings.read_alias)
                time.sleep(0.3)
            run_searches(engine, settings)
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(60)
            engine.close()


if __name__ == "__main__":
    main()
