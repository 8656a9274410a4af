"""Bulk indexing throughput and search API latency on the embedded engine (I/O; not collected by pytest).

Run with ``python -m tests.bench.bench_index`` (``make bench``). Extracts every dev page of
``../shared/datasets`` once with the current extractor, generates ``--docs`` documents from them
(varied URL, site, dates, authors, tags, language), bulk-indexes them with :class:`Indexer` (each
document plus its URL-status record, as the pipeline does) and reports documents per second; then
starts ``ingest serve`` in a subprocess and reports median/p95 latency of ``GET /search`` for a mix
of full-text, date-range and facet-filter queries. Uses private index names and deletes them after.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

from tests.datasets import DATASETS
from worker.config import Settings
from worker.errors import PermanentError
from worker.extract import extract_article
from worker.index.bulk import Indexer
from worker.index.documents import FetchInfo
from worker.index.engine import make_engine
from worker.index.layout import setup_index, template_name
from worker.index.records import Entry
from worker.models import Article

SITES = [f"news{n}.bench.test" for n in range(20)]
AUTHORS = [f"Author {chr(65 + n)}. Writer" for n in range(40)]
TAGS = ["politics", "economy", "sport", "science", "culture", "world", "tech", "health", "climate", "media"]
LANGUAGES = ["en", "en", "en", "de", "de", "fr", "es"]
START = datetime(2024, 1, 1, tzinfo=UTC)


def dev_articles() -> list[Article]:
    """Every dev page extracted once with the current extractor (pages without a body are skipped)."""
    articles: list[Article] = []
    for pages in sorted(DATASETS.glob("*/pages.jsonl")):
        for line in pages.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            html = gzip.decompress((pages.parent / record["html_file"]).read_bytes()).decode(
                "utf-8", "replace"
            )
            try:
                article = extract_article(html, record.get("url") or f"https://dev.test/{record['id']}")
            except PermanentError:
                continue
            if article.body:
                articles.append(article)
    return articles


def generate(articles: list[Article], count: int, rng: random.Random) -> Iterator[Entry]:
    """``count`` entries varied from the dev articles."""
    for n in range(count):
        base = articles[n % len(articles)]
        site = rng.choice(SITES)
        published = START + timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60))
        url = f"https://{site}/{published:%Y/%m/%d}/story-{n}"
        article = replace(
            base,
            url=url,
            canonical_url=url,
            published=published,
            authors=tuple(rng.sample(AUTHORS, rng.randint(1, 2))),
            tags=tuple(rng.sample(TAGS, rng.randint(0, 3))),
            language=rng.choice(LANGUAGES),
            site_name=site,
        )
        fetched = published + timedelta(hours=1)
        yield Entry(url=url, article=article, fetch=FetchInfo(fetched_at=fetched, final_url=url))


def bench_bulk(indexer: Indexer, entries: list[Entry], batch: int) -> float:
    """Documents per second over the whole run."""
    started = time.perf_counter()
    for offset in range(0, len(entries), batch):
        results = indexer.index(entries[offset : offset + batch])
        failed = [r for r in results if r.status != "indexed"]
        if failed:
            raise SystemExit(f"bench: {len(failed)} documents not indexed, first: {failed[0]}")
    return len(entries) / (time.perf_counter() - started)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_api(settings: Settings) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "INGEST_SEARCH_URL": settings.search_url,
        "INGEST_INDEX_PREFIX": settings.index_prefix,
        "INGEST_WRITE_ALIAS": settings.write_alias,
        "INGEST_READ_ALIAS": settings.read_alias,
        "INGEST_URL_STATUS_INDEX": settings.url_status_index,
    }
    ingest = Path(sys.executable).parent / "ingest"
    process = subprocess.Popen(
        [str(ingest), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(200):
        try:
            if requests.get(f"{base}/healthz", timeout=1).ok:
                return process, base
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("bench: ingest serve did not come up")


def queries(articles: list[Article], rng: random.Random, count: int) -> list[tuple[str, dict[str, str]]]:
    """A mix of full-text, date-range and facet-filter queries."""
    words = [w for a in articles for w in (a.title or "").split() if len(w) > 5 and w.isalpha()]
    mix: list[tuple[str, dict[str, str]]] = []
    for n in range(count):
        day = START + timedelta(days=rng.randrange(0, 700))
        if n % 3 == 0:
            mix.append(("full-text", {"q": " ".join(rng.sample(words, rng.randint(1, 2)))}))
        elif n % 3 == 1:
            window = {"since": day.date().isoformat(), "until": (day + timedelta(days=30)).date().isoformat()}
            mix.append(("date-range", {"q": rng.choice(words), **window, "sort": "newest"}))
        else:
            mix.append(("facet", {"site": rng.choice(SITES), "tag": rng.choice(TAGS), "tz": "Europe/Berlin"}))
    return mix


def bench_search(base: str, mix: list[tuple[str, dict[str, str]]]) -> dict[str, dict[str, float]]:
    """Median and p95 latency in ms per query kind and overall."""
    session = requests.Session()
    for _kind, params in mix[:20]:  # warm-up: caches and JIT
        session.get(f"{base}/search", params=params, timeout=30).raise_for_status()
    timings: dict[str, list[float]] = {}
    for kind, params in mix:
        started = time.perf_counter()
        session.get(f"{base}/search", params=params, timeout=30).raise_for_status()
        elapsed = (time.perf_counter() - started) * 1000
        timings.setdefault(kind, []).append(elapsed)
        timings.setdefault("all", []).append(elapsed)
    return {kind: summary(values) for kind, values in timings.items()}


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"n": len(ordered), "median_ms": round(statistics.median(ordered), 1), "p95_ms": round(p95, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--search-url", default=os.environ.get("INGEST_SEARCH_URL", "http://127.0.0.1:9200"))
    args = parser.parse_args()
    tag = f"bench{secrets.token_hex(4)}"
    settings = Settings(
        search_url=args.search_url,
        index_prefix=f"{tag}-articles",
        write_alias=f"{tag}-articles",
        read_alias=f"{tag}-articles-read",
        url_status_index=f"{tag}-urls",
    )
    rng = random.Random(42)
    articles = dev_articles()
    entries = list(generate(articles, args.docs, rng))
    engine = make_engine(settings)
    try:
        setup_index(engine, settings)
        docs_per_s = bench_bulk(Indexer(engine, settings), entries, settings.bulk_max_docs)
        engine.refresh(settings.read_alias)
        process, base = start_api(settings)
        try:
            latency = bench_search(base, queries(articles, rng, args.queries))
        finally:
            process.terminate()
            process.wait(10)
        info = engine.info()
        report = {
            "engine": f"{info.distribution} {info.version} via {info.kind} client",
            "dev_articles": len(articles),
            "docs": args.docs,
            "bulk_docs_per_s": round(docs_per_s),
            "search_latency": latency,
        }
        print(json.dumps(report, indent=2))  # noqa: T201 (the report is the output)
    finally:
        for name in engine.list_indices(f"{tag}-*"):
            engine.delete_index(name)
        engine.delete_index_template(template_name(settings))


if __name__ == "__main__":
    main()
