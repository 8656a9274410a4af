"""Settings: one frozen object built from ``INGEST_*`` environment variables (reads the environment only).

Tests and library users build ``Settings(...)`` directly; the process entry points call
:func:`load_settings` once and pass the object down. Nothing else reads the environment.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

EngineKind = Literal["auto", "elasticsearch", "opensearch"]


def _split_csv(value: object) -> object:
    """Accept ``"a, b"`` from the environment as well as a real list from code."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


def _split_mapping(value: object) -> object:
    """Accept ``"site=Zone/Name,other=Zone"`` from the environment as well as a dict from code."""
    if isinstance(value, str):
        pairs = (part.split("=", 1) for part in value.split(",") if "=" in part)
        return {key.strip().lower(): zone.strip() for key, zone in pairs}
    return value


class Settings(BaseSettings):
    """Every knob of the worker, with production-safe defaults."""

    model_config = SettingsConfigDict(env_prefix="INGEST_", frozen=True, extra="ignore")

    # --- services -------------------------------------------------------------------------------
    redis_url: str = "redis://127.0.0.1:6379/0"
    search_url: str = "http://127.0.0.1:9200"
    search_user: str | None = None
    search_password: str | None = None
    engine: EngineKind = "auto"
    search_timeout_s: float = 30.0

    # --- index names ----------------------------------------------------------------------------
    index_prefix: str = "articles"  # versioned indices are ``articles-000001``...
    write_alias: str = "articles"
    read_alias: str = "articles-read"
    url_status_index: str = "ingest-urls"

    # --- fetching -------------------------------------------------------------------------------
    user_agent: str = "ingest-worker/0.1 (+https://github.com/ingest-worker/ingest-worker)"
    fetch_connect_timeout_s: float = 5.0
    fetch_read_timeout_s: float = 15.0
    fetch_deadline_s: float = 30.0
    fetch_max_bytes: int = 10 * 1024 * 1024  # raw bytes on the wire
    fetch_max_decoded_bytes: int = 10 * 1024 * 1024  # after gzip/deflate/br: bombs stop here
    fetch_max_redirects: int = 5
    fetch_max_url_length: int = 4096
    fetch_allowed_ports: Annotated[tuple[int, ...], NoDecode] = (80, 443)
    fetch_allow_networks: Annotated[tuple[str, ...], NoDecode] = ()
    fetch_max_attempts: int = 5
    fetch_backoff_base_s: float = 2.0
    fetch_backoff_max_s: float = 600.0
    obey_robots: bool = True
    robots_ttl_s: int = 24 * 3600
    host_min_interval_s: float = 1.0
    fetch_redis_prefix: str = "ingest:fetch:"  # robots cache, host gate and validators live under it

    # --- extraction -----------------------------------------------------------------------------
    extract_max_chars: int = 5 * 1024 * 1024
    extract_max_depth: int = 1024
    site_timezones: Annotated[dict[str, str], NoDecode] = Field(default_factory=dict)

    # --- indexing -------------------------------------------------------------------------------
    bulk_max_docs: int = 500
    bulk_max_bytes: int = 10 * 1024 * 1024
    bulk_max_retries: int = 5
    bulk_backoff_base_s: float = 0.5  # retry rounds wait ~0.5, 1, 2, 4, 8 s (with jitter)
    bulk_backoff_max_s: float = 30.0
    bulk_retry_deadline_s: float = 60.0  # no bulk retry round starts later (below the task soft limit)
    api_host: str = "127.0.0.1"  # `ingest serve`
    api_port: int = 8080

    # --- tasks ----------------------------------------------------------------------------------
    task_soft_time_limit_s: int = 90
    task_hard_time_limit_s: int = 120
    max_deliveries: int = 3
    metrics_port: int = 9808

    # --- pipeline (Celery queues, worker layout, discovery) -------------------------------------
    queue: str = "ingest"  # the broker list URLs wait in; tests use unique names
    key_prefix: str = "ingest:"  # prefix of the pipeline's own Redis keys (locks, counters, feeds)
    visibility_timeout_s: int = 3600  # > hard limit + longest retry countdown (fetch_backoff_max_s)
    broker_restore_interval_s: float = 10.0  # how often unacked messages past the timeout are restored
    worker_concurrency: int = 4  # prefork children: more than cores, as part of each task waits on I/O
    worker_max_memory_kb: int = 512 * 1024
    fetch_threads: int = 4  # fetches of one batch run concurrently in threads inside the task
    batch_size: int = 50  # URLs per ``ingest.urls`` message sent by ``ingest enqueue`` and discovery
    url_lock_ttl_s: int = 300  # a URL in flight is not fetched twice at once (> hard limit)
    delivery_ttl_s: int = 24 * 3600
    require_persistence: bool = True  # refuse to start a worker on a broker without append-only file
    feeds: Annotated[tuple[str, ...], NoDecode] = ()  # feed or sitemap URLs polled besides add-feed ones
    feed_poll_interval_s: float = 900.0
    recrawl_interval_s: float = 3600.0
    recrawl_window_s: float = 48 * 3600.0  # articles indexed this recently are recrawled
    seen_ttl_s: int = 7 * 24 * 3600  # a discovered URL is not enqueued again within this time
    producer_timeout_s: float = 5.0  # per broker read/connect of a producer: a frozen broker fails fast

    @field_validator("fetch_allow_networks", "fetch_allowed_ports", mode="before")
    @classmethod
    def _csv(cls, value: object) -> object:
        return _split_csv(value)

    @field_validator("site_timezones", mode="before")
    @classmethod
    def _mapping(cls, value: object) -> object:
        return _split_mapping(value)

    @field_validator("feeds", mode="before")
    @classmethod
    def _feed_list(cls, value: object) -> object:
        return _split_csv(value)


@cache
def load_settings() -> Settings:
    """Build the process-wide settings from the environment, once."""
    return Settings()
