"""Builds the pipeline's real stages from settings: fetcher, extractor, indexer (I/O: network, Redis)."""

from __future__ import annotations

from collections.abc import Callable

import redis

from worker.config import Settings
from worker.pipeline import Pipeline, Recorder


def build_pipeline(settings: Settings, client: redis.Redis, recorder: Recorder) -> Pipeline:
    """The pipeline a worker process runs."""
    raise NotImplementedError("wired once worker.fetch and worker.index are on main")


def url_status(settings: Settings, url: str) -> dict[str, object] | None:
    """The ``ingest-urls`` record of ``url``, or None."""
    raise NotImplementedError("wired once worker.index is on main")


def document_download(settings: Settings) -> Callable[[str], bytes]:
    """Downloads feeds and sitemaps (any content type) with the fetcher's guard and limits."""
    raise NotImplementedError("wired once worker.fetch is on main")
