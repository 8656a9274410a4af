"""Classification of bulk item results and the retry policy as data (pure, no I/O).

An HTTP 200 bulk response can hold failed items, so every item is read:

    ok             200/201: written
    conflict       409 under external versioning: the engine holds a newer or equal version
    retry          429/502/503/504, rejected execution, circuit breaking, or no HTTP status at all
                   (connection refused/reset, timeout): send again with backoff
    index_missing  404: alias or index missing: a configuration error (run ``ingest setup-index``)
    rejected       other 4xx (mapping/parsing errors, immense terms): permanent, recorded with a reason
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

ItemOutcome = Literal["ok", "conflict", "retry", "index_missing", "rejected"]

RETRY_STATUSES = frozenset({408, 429, 502, 503, 504})
RETRY_ERROR_TYPES = frozenset(
    {
        "es_rejected_execution_exception",
        "opensearch_rejected_execution_exception",
        "rejected_execution_exception",
        "circuit_breaking_exception",
        "unavailable_shards_exception",
        "process_cluster_event_timeout_exception",
        "no_shard_available_action_exception",
    }
)
MAPPING_ERROR_TYPES = frozenset(
    {
        "mapper_parsing_exception",
        "document_parsing_exception",
        "strict_dynamic_mapping_exception",
        "illegal_argument_exception",
        "parse_exception",
        "x_content_parse_exception",
    }
)


@dataclass(frozen=True, slots=True)
class BulkItem:
    """One item of a bulk response, in request order; ``status`` is None when no HTTP status came."""

    op: str
    doc_id: str | None
    status: int | None
    error: Any = None
    result: str | None = None


def error_type(error: Any) -> str | None:
    """The engine's error ``type`` (``mapper_parsing_exception``...), if the error carries one."""
    if isinstance(error, Mapping):
        kind = error.get("type")
        return str(kind) if kind else None
    return None


def error_message(error: Any) -> str:
    """One line: ``type: reason (caused by: type: reason)``."""
    if not isinstance(error, Mapping):
        return str(error)
    text = f"{error.get('type', 'error')}: {error.get('reason', '')}".strip()
    cause = error.get("caused_by")
    return f"{text} (caused by: {error_message(cause)})" if isinstance(cause, Mapping) else text


def classify_item(item: BulkItem) -> ItemOutcome:
    """Which of the five outcomes a bulk item is."""
    status = item.status
    if status is None:
        return "retry"
    if status in (200, 201):
        return "ok"
    if status == 409:
        return "conflict"
    if status in RETRY_STATUSES or status >= 500 or error_type(item.error) in RETRY_ERROR_TYPES:
        return "retry"
    if status == 404:
        return "index_missing"
    return "rejected"


def rejection_reason(item: BulkItem) -> str:
    """Stable reason code of a rejected item."""
    return "mapping_rejected" if error_type(item.error) in MAPPING_ERROR_TYPES else "engine_rejected"


def backoff_delay(attempt: int, base_s: float, max_s: float, rng: random.Random | None = None) -> float:
    """Delay before retry ``attempt`` (0-based): exponential, capped, with jitter in [50%, 100%]."""
    ceiling = min(max_s, base_s * 2.0**attempt)
    jitter: float = (rng or random.Random()).uniform(0.5, 1.0)  # noqa: S311 (jitter, not crypto)
    return ceiling * jitter
