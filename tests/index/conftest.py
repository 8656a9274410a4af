"""Fixtures for index tests: the real engine through both client paths, with private index names.

Every test gets its own prefix (``it<random>-articles``, ``it<random>-urls``) and deletes only the
indices and template it created. The Elasticsearch client path goes through the test-only
compatibility proxy (tests/support/engine_proxy.py) in front of the same engine.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
import requests

from tests.support.engine_proxy import EngineProxy
from worker.config import Settings
from worker.index.bulk import Indexer
from worker.index.documents import FetchInfo
from worker.index.engine import Engine, make_engine
from worker.index.layout import setup_index, template_name
from worker.index.records import Entry
from worker.models import Article

ENGINE_URL = os.environ.get("INGEST_SEARCH_URL", "http://127.0.0.1:9200")
CLIENT_PATHS = ("opensearch", "elasticsearch")


@dataclass(frozen=True)
class Stack:
    """One private index layout on the real engine, reached through one client path."""

    settings: Settings
    engine: Engine
    indexer: Indexer

    def refresh(self) -> None:
        self.engine.refresh(self.settings.read_alias)
        self.engine.refresh(self.settings.url_status_index)


def private_settings(search_url: str, engine: str, **overrides: Any) -> Settings:
    """Settings with index and alias names no other test or agent uses."""
    tag = f"it{secrets.token_hex(5)}"
    values: dict[str, Any] = {
        "search_url": search_url,
        "engine": engine,
        "index_prefix": f"{tag}-articles",
        "write_alias": f"{tag}-articles",
        "read_alias": f"{tag}-articles-read",
        "url_status_index": f"{tag}-urls",
        "bulk_backoff_base_s": 0.05,
        "bulk_backoff_max_s": 0.5,
    }
    return Settings(**{**values, **overrides})


def cleanup(engine: Engine, settings: Settings) -> None:
    """Delete the indices and template of ``settings`` (ours only, by exact name)."""
    tag = settings.index_prefix.split("-")[0]
    for name in engine.list_indices(f"{tag}-*"):
        engine.delete_index(name)
    engine.delete_index_template(template_name(settings))


@pytest.fixture(scope="session")
def engine_url() -> str:
    """The real engine; fails loudly (run `make services`) when it does not answer."""
    try:
        requests.get(ENGINE_URL, timeout=5).raise_for_status()
    except requests.RequestException as exc:
        pytest.fail(f"search engine not reachable at {ENGINE_URL} (run `make services`): {exc}")
    return ENGINE_URL


@pytest.fixture(scope="session")
def es_proxy(engine_url: str) -> Iterator[EngineProxy]:
    """The Elasticsearch-client compatibility proxy in front of the engine."""
    proxy = EngineProxy(engine_url, es_compat=True).start()
    yield proxy
    proxy.stop()


def client_url(kind: str, engine_url: str, proxy: EngineProxy) -> str:
    """Where a client of ``kind`` connects."""
    return proxy.url if kind == "elasticsearch" else engine_url


@pytest.fixture(params=CLIENT_PATHS)
def stack(request: pytest.FixtureRequest, engine_url: str, es_proxy: EngineProxy) -> Iterator[Stack]:
    """A fresh index layout, set up through the client path of the parameter."""
    kind = str(request.param)
    settings = private_settings(client_url(kind, engine_url, es_proxy), kind)
    engine = make_engine(settings)
    setup_index(engine, settings)
    yield Stack(settings, engine, Indexer(engine, settings))
    cleanup(engine, settings)
    engine.close()


def entry(
    url: str,
    *,
    title: str = "A title",
    body: str = "Some body text.",
    published: datetime | None = None,
    modified: datetime | None = None,
    fetched_at: datetime | None = None,
    canonical_url: str | None = None,
    word_count: int | None = None,
    **fields: Any,
) -> Entry:
    """An entry with an article built from keyword fields."""
    article = Article(
        url=url,
        canonical_url=canonical_url,
        title=title,
        body=body,
        published=published,
        modified=modified,
        word_count=len(body.split()) if word_count is None else word_count,
        **fields,
    )
    fetch = FetchInfo(fetched_at=fetched_at or datetime(2024, 6, 1, tzinfo=UTC), final_url=url)
    return Entry(url=url, article=article, fetch=fetch)
