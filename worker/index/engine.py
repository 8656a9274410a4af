"""The search-engine interface and its two clients: Elasticsearch 8/9 and OpenSearch 2/3 (I/O).

:class:`Engine` is the narrow seam the worker needs. :func:`make_engine` picks the implementation
from ``Settings.engine`` or, for ``auto``, from ``GET /`` (``version.distribution == "opensearch"``).
Client exceptions are classified here, once: no HTTP status (refused, reset, timeout), 429 and 5xx
become :class:`~worker.errors.TransientError`; other 4xx become :class:`~worker.errors.PermanentError`.
Transport retries are off: retry policy with backoff lives in :mod:`worker.index.bulk` and the tasks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import requests
from elasticsearch import ApiError as EsApiError
from elasticsearch import Elasticsearch
from elasticsearch import TransportError as EsTransportError
from elasticsearch import helpers as es_helpers
from opensearchpy import OpenSearch
from opensearchpy import helpers as os_helpers
from opensearchpy.exceptions import TransportError as OsTransportError

from worker.config import Settings
from worker.errors import PermanentError, TransientError
from worker.index.classify import BulkItem

LONG_REQUEST_TIMEOUT_S = 3600.0  # server-side reindex of a large index


# Both clients' streaming_bulk take the same options. Every item is classified by us (worker.index.classify):
# raise_on_error=True would skip item-level 429 retries (elasticsearch-py#864), and retries belong to the
# Indexer's backoff loop, so the helpers never retry by themselves.
BULK_HELPER_OPTIONS: dict[str, Any] = {
    "raise_on_error": False,
    "raise_on_exception": False,
    "max_retries": 0,
    "yield_ok": True,
    "require_alias": True,
}


@dataclass(frozen=True, slots=True)
class EngineInfo:
    """What ``GET /`` says about the engine."""

    kind: str  # "elasticsearch" | "opensearch": the client path in use
    distribution: str  # what the server says it is
    version: str
    cluster_name: str


class Engine(Protocol):
    """What the worker needs from a search engine."""

    kind: str

    def info(self) -> EngineInfo: ...
    def put_index_template(self, name: str, body: Mapping[str, Any]) -> None: ...
    def create_index(self, name: str, body: Mapping[str, Any]) -> bool: ...
    def put_mapping(self, index: str, body: Mapping[str, Any]) -> None: ...
    def list_indices(self, pattern: str) -> list[str]: ...
    def aliases_of(self, alias: str) -> dict[str, dict[str, Any]]: ...
    def update_aliases(self, actions: Sequence[Mapping[str, Any]]) -> None: ...
    def bulk(self, actions: Sequence[Mapping[str, Any]], max_bytes: int) -> list[BulkItem]: ...
    def bulk_ndjson(self, body: str) -> dict[str, Any]: ...
    def search(self, index: str, body: Mapping[str, Any]) -> dict[str, Any]: ...
    def get(self, index: str, doc_id: str) -> dict[str, Any] | None: ...
    def count(self, index: str, query: Mapping[str, Any] | None = None) -> int: ...
    def refresh(self, index: str) -> None: ...
    def delete_index(self, name: str) -> None: ...
    def delete_index_template(self, name: str) -> None: ...
    def reindex(self, source: str, dest: str) -> dict[str, Any]: ...
    def close(self) -> None: ...


def classify_status(status: int | None, message: str) -> TransientError | PermanentError:
    """The error for an engine answer with HTTP ``status`` (None: no answer at all)."""
    if status is None:
        return TransientError("engine_unavailable", message)
    if status == 429 or status >= 500:
        return TransientError("engine_busy", message)
    if status == 404:
        return PermanentError("not_found", message)
    return PermanentError("engine_rejected", message)


def bulk_item(ok: bool, raw: Mapping[str, Any]) -> BulkItem:
    """A helper's ``(ok, {op: info})`` tuple as a :class:`BulkItem`."""
    op, info = next(iter(raw.items()))
    status = info.get("status")
    return BulkItem(
        op=op,
        doc_id=info.get("_id"),
        status=status if isinstance(status, int) else None,
        error=None if ok else info.get("error"),
        result=info.get("result"),
    )


def detect_kind(settings: Settings) -> str:
    """``elasticsearch`` or ``opensearch``: the setting, else what ``GET /`` reports."""
    if settings.engine != "auto":
        return settings.engine
    auth = (settings.search_user, settings.search_password or "") if settings.search_user else None
    try:
        response = requests.get(settings.search_url, auth=auth, timeout=settings.search_timeout_s)
        response.raise_for_status()
        version = response.json().get("version", {})
    except (requests.RequestException, ValueError) as exc:
        raise TransientError("engine_unavailable", f"GET {settings.search_url}: {exc}") from exc
    return "opensearch" if version.get("distribution") == "opensearch" else "elasticsearch"


def make_engine(settings: Settings) -> Engine:
    """The engine client chosen by ``settings.engine`` (``auto``: detected)."""
    if detect_kind(settings) == "opensearch":
        return OpenSearchEngine(settings)
    return ElasticsearchEngine(settings)


def _info(kind: str, body: Mapping[str, Any]) -> EngineInfo:
    version = body.get("version", {})
    return EngineInfo(
        kind=kind,
        distribution=str(version.get("distribution", "elasticsearch")),
        version=str(version.get("number", "")),
        cluster_name=str(body.get("cluster_name", "")),
    )


@contextlib.contextmanager
def _es_errors() -> Iterator[None]:
    try:
        yield
    except EsApiError as exc:
        raise classify_status(exc.meta.status, str(exc)) from exc
    except EsTransportError as exc:
        raise classify_status(None, str(exc)) from exc


class ElasticsearchEngine:
    """Elasticsearch 8/9 through the official ``elasticsearch`` client."""

    kind = "elasticsearch"

    def __init__(self, settings: Settings) -> None:
        auth = (settings.search_user, settings.search_password or "") if settings.search_user else None
        self._client = Elasticsearch(
            settings.search_url, basic_auth=auth, request_timeout=settings.search_timeout_s, max_retries=0
        )

    def info(self) -> EngineInfo:
        with _es_errors():
            return _info(self.kind, self._client.info().body)

    def put_index_template(self, name: str, body: Mapping[str, Any]) -> None:
        with _es_errors():
            self._client.indices.put_index_template(name=name, body=dict(body))

    def create_index(self, name: str, body: Mapping[str, Any]) -> bool:
        with _es_errors():
            response = self._client.options(ignore_status=400).indices.create(index=name, body=dict(body))
        return _created(response.body)

    def put_mapping(self, index: str, body: Mapping[str, Any]) -> None:
        with _es_errors():
            self._client.indices.put_mapping(index=index, body=dict(body))

    def list_indices(self, pattern: str) -> list[str]:
        with _es_errors():
            return sorted(self._client.indices.get(index=pattern, allow_no_indices=True).body)

    def aliases_of(self, alias: str) -> dict[str, dict[str, Any]]:
        with _es_errors():
            response = self._client.options(ignore_status=404).indices.get_alias(name=alias)
        return _aliases(response.meta.status, response.body)

    def update_aliases(self, actions: Sequence[Mapping[str, Any]]) -> None:
        with _es_errors():
            self._client.indices.update_aliases(actions=[dict(action) for action in actions])

    def bulk(self, actions: Sequence[Mapping[str, Any]], max_bytes: int) -> list[BulkItem]:
        stream = es_helpers.streaming_bulk(
            self._client,
            [dict(action) for action in actions],
            chunk_size=max(1, len(actions)),
            max_chunk_bytes=max_bytes,
            **BULK_HELPER_OPTIONS,
        )
        with _es_errors():
            return [bulk_item(ok, raw) for ok, raw in stream]

    def bulk_ndjson(self, body: str) -> dict[str, Any]:
        with _es_errors():
            return dict(self._client.bulk(body=body).body)  # type: ignore[arg-type]  # NDJSON text is accepted

    def search(self, index: str, body: Mapping[str, Any]) -> dict[str, Any]:
        with _es_errors():
            return dict(self._client.search(index=index, body=dict(body)).body)

    def get(self, index: str, doc_id: str) -> dict[str, Any] | None:
        with _es_errors():
            response = self._client.options(ignore_status=404).get(index=index, id=doc_id)
        return dict(response.body) if response.body.get("found") else None

    def count(self, index: str, query: Mapping[str, Any] | None = None) -> int:
        body = {"query": dict(query)} if query else None
        with _es_errors():
            return int(self._client.count(index=index, body=body).body["count"])

    def refresh(self, index: str) -> None:
        with _es_errors():
            self._client.indices.refresh(index=index)

    def delete_index(self, name: str) -> None:
        with _es_errors():
            self._client.options(ignore_status=404).indices.delete(index=name)

    def delete_index_template(self, name: str) -> None:
        with _es_errors():
            self._client.options(ignore_status=404).indices.delete_index_template(name=name)

    def reindex(self, source: str, dest: str) -> dict[str, Any]:
        client = self._client.options(request_timeout=LONG_REQUEST_TIMEOUT_S)
        with _es_errors():
            return dict(client.reindex(body=_reindex_body(source, dest), refresh=True).body)

    def close(self) -> None:
        self._client.close()


@contextlib.contextmanager
def _os_errors() -> Iterator[None]:
    try:
        yield
    except OsTransportError as exc:
        status = exc.status_code if isinstance(exc.status_code, int) else None
        raise classify_status(status, str(exc)) from exc


class OpenSearchEngine:
    """OpenSearch 2/3 through ``opensearch-py``."""

    kind = "opensearch"

    def __init__(self, settings: Settings) -> None:
        auth = (settings.search_user, settings.search_password or "") if settings.search_user else None
        self._client = OpenSearch(
            hosts=[settings.search_url], http_auth=auth, timeout=settings.search_timeout_s, max_retries=0
        )

    def info(self) -> EngineInfo:
        with _os_errors():
            return _info(self.kind, self._client.info())

    def put_index_template(self, name: str, body: Mapping[str, Any]) -> None:
        with _os_errors():
            self._client.indices.put_index_template(name=name, body=dict(body))

    def create_index(self, name: str, body: Mapping[str, Any]) -> bool:
        with _os_errors():
            return _created(self._client.indices.create(index=name, body=dict(body), ignore=400))

    def put_mapping(self, index: str, body: Mapping[str, Any]) -> None:
        with _os_errors():
            self._client.indices.put_mapping(index=index, body=dict(body))

    def list_indices(self, pattern: str) -> list[str]:
        with _os_errors():
            return sorted(self._client.indices.get(index=pattern, allow_no_indices=True))

    def aliases_of(self, alias: str) -> dict[str, dict[str, Any]]:
        with _os_errors():
            body = self._client.indices.get_alias(name=alias, ignore=404)
        return _aliases(int(body.get("status", 200)), body)

    def update_aliases(self, actions: Sequence[Mapping[str, Any]]) -> None:
        with _os_errors():
            self._client.indices.update_aliases(body={"actions": [dict(action) for action in actions]})

    def bulk(self, actions: Sequence[Mapping[str, Any]], max_bytes: int) -> list[BulkItem]:
        stream = os_helpers.streaming_bulk(
            self._client,
            actions,
            chunk_size=max(1, len(actions)),
            max_chunk_bytes=max_bytes,
            **BULK_HELPER_OPTIONS,
        )
        with _os_errors():
            return [bulk_item(ok, raw) for ok, raw in stream]

    def bulk_ndjson(self, body: str) -> dict[str, Any]:
        with _os_errors():
            return dict(self._client.bulk(body=body))

    def search(self, index: str, body: Mapping[str, Any]) -> dict[str, Any]:
        with _os_errors():
            return dict(self._client.search(index=index, body=dict(body)))

    def get(self, index: str, doc_id: str) -> dict[str, Any] | None:
        with _os_errors():
            body = self._client.get(index=index, id=doc_id, ignore=404)
        return dict(body) if body.get("found") else None

    def count(self, index: str, query: Mapping[str, Any] | None = None) -> int:
        body = {"query": dict(query)} if query else None
        with _os_errors():
            return int(self._client.count(index=index, body=body)["count"])

    def refresh(self, index: str) -> None:
        with _os_errors():
            self._client.indices.refresh(index=index)

    def delete_index(self, name: str) -> None:
        with _os_errors():
            self._client.indices.delete(index=name, ignore=404)

    def delete_index_template(self, name: str) -> None:
        with _os_errors():
            self._client.indices.delete_index_template(name=name, ignore=404)

    def reindex(self, source: str, dest: str) -> dict[str, Any]:
        with _os_errors():
            return dict(
                self._client.reindex(
                    body=_reindex_body(source, dest), refresh=True, request_timeout=LONG_REQUEST_TIMEOUT_S
                )
            )

    def close(self) -> None:
        self._client.close()


def _created(body: Mapping[str, Any]) -> bool:
    """True when created; False when it already existed; any other 400 is raised."""
    if body.get("acknowledged"):
        return True
    error = body.get("error", {})
    if isinstance(error, Mapping) and error.get("type") == "resource_already_exists_exception":
        return False
    raise PermanentError("engine_rejected", str(error))


def _aliases(status: int, body: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{index: alias properties}`` of an alias; empty when the alias does not exist."""
    if status == 404:
        return {}
    return {
        index: dict(next(iter(value.get("aliases", {}).values()), {}))
        for index, value in body.items()
        if isinstance(value, Mapping)
    }


def _reindex_body(source: str, dest: str) -> dict[str, Any]:
    # external versioning carries each document's version over; "proceed" skips documents that a
    # live write already put into dest with a newer or equal version.
    return {
        "conflicts": "proceed",
        "source": {"index": source},
        "dest": {"index": dest, "version_type": "external"},
    }
