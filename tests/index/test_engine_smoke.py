"""Engine interface smoke tests: detection from GET /, both client paths, failures classified once."""

from __future__ import annotations

import socket

import pytest

from tests.index.conftest import CLIENT_PATHS, Stack, entry, private_settings
from tests.support.engine_proxy import EngineProxy
from worker.errors import PermanentError, TransientError
from worker.index.engine import ElasticsearchEngine, OpenSearchEngine, detect_kind, make_engine
from worker.index.query import SearchParams
from worker.index.search import search

pytestmark = pytest.mark.services


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def test_auto_detects_opensearch_from_get_root(engine_url: str) -> None:
    settings = private_settings(engine_url, "auto")
    assert detect_kind(settings) == "opensearch"
    engine = make_engine(settings)
    assert isinstance(engine, OpenSearchEngine)
    info = engine.info()
    assert info.distribution == "opensearch"
    assert info.version.split(".")[0] in {"2", "3"}


def test_the_setting_overrides_detection(engine_url: str, es_proxy: EngineProxy) -> None:
    engine = make_engine(private_settings(es_proxy.url, "elasticsearch"))
    assert isinstance(engine, ElasticsearchEngine)
    assert engine.info().kind == "elasticsearch"


def test_a_document_is_indexed_and_found_through_each_client_path(stack: Stack) -> None:
    results = stack.indexer.index([entry("https://smoke.test/1", title="Smoke", body="A quick smoke test.")])
    stack.refresh()
    hits = search(stack.engine, stack.settings, SearchParams(text="smoke")).hits
    assert [hit.id for hit in hits] == [results[0].doc_id]


@pytest.mark.parametrize("kind", CLIENT_PATHS)
def test_unreachable_engine_is_transient(kind: str) -> None:
    settings = private_settings(closed_port_url(), kind)
    with pytest.raises(TransientError) as raised:
        make_engine(settings).info()
    assert raised.value.reason == "engine_unavailable"
    with pytest.raises(TransientError):
        detect_kind(settings.model_copy(update={"engine": "auto"}))


def test_a_bad_request_is_permanent(stack: Stack) -> None:
    with pytest.raises(PermanentError) as raised:
        stack.engine.search(stack.settings.read_alias, {"query": {"no_such_query": {}}})
    assert raised.value.reason == "engine_rejected"
    with pytest.raises(PermanentError) as missing:
        stack.engine.search(f"{stack.settings.index_prefix}-absent", {"query": {"match_all": {}}})
    assert missing.value.reason == "not_found"
