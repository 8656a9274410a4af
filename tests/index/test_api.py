"""The HTTP API served by a real uvicorn server on 127.0.0.1, over the real engine (both client paths)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import requests

from tests.index.conftest import Stack, entry, private_settings
from tests.support.api_server import served
from worker.api import create_app

pytestmark = pytest.mark.services


@pytest.fixture
def api(stack: Stack) -> Iterator[str]:
    """Base URL of the API bound to the stack's settings and engine."""
    with served(create_app(stack.settings, stack.engine)) as base:
        yield base


def test_api_starts_while_the_engine_is_down_and_answers_503(engine_url: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    with served(create_app(private_settings(dead, "auto"))) as base:
        health = requests.get(f"{base}/healthz", timeout=10)
        assert (health.status_code, health.json()["error"]) == (503, "engine_unavailable")
        assert requests.get(f"{base}/search", params={"q": "x"}, timeout=10).status_code == 503


def test_search_articles_status_and_health(stack: Stack, api: str) -> None:
    published = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    results = stack.indexer.index(
        [
            entry(
                "https://api.test/a?src=feed",
                title="Ceasefire talks",
                body="Envoys were mediating all night.",
                published=published,
                categories=("World", "Middle East"),
            ),
            entry("https://api.test/b", title="Weather", body="Rain tomorrow.", published=published),
        ]
    )
    stack.refresh()

    query: dict[str, str | int] = {"q": "mediate", "since": "2024-05-01", "size": 5}
    found = requests.get(f"{api}/search", params=query, timeout=10)
    assert found.status_code == 200
    data = found.json()
    assert set(data) == {"total", "hits", "facets", "next"}
    assert data["total"] == 1
    hit = data["hits"][0]
    assert (hit["id"], hit["url"], hit["published"]) == (
        results[0].doc_id,
        "https://api.test/a?src=feed",
        "2024-05-01T09:30:00.000+00:00",
    )
    assert "<em>mediating</em>" in hit["highlight"]["body"][0]
    assert {"site", "authors", "tags", "categories", "language", "published"} <= set(data["facets"])
    in_section = requests.get(f"{api}/search", params={"category": "middle east"}, timeout=10).json()
    assert [hit["url"] for hit in in_section["hits"]] == ["https://api.test/a?src=feed"]

    article = requests.get(f"{api}/articles/{results[0].doc_id}", timeout=10)
    assert article.status_code == 200
    assert article.json()["title"] == "Ceasefire talks"
    assert requests.get(f"{api}/articles/{'0' * 64}", timeout=10).status_code == 404

    status = requests.get(f"{api}/urls/status", params={"url": "https://api.test/a?src=feed"}, timeout=10)
    assert status.status_code == 200
    assert (status.json()["status"], status.json()["doc_id"]) == ("indexed", results[0].doc_id)
    assert (
        requests.get(f"{api}/urls/status", params={"url": "https://api.test/none"}, timeout=10).status_code
        == 404
    )

    health = requests.get(f"{api}/healthz", timeout=10)
    assert health.status_code == 200
    assert health.json()["engine"]["kind"] == stack.settings.engine


def test_bad_parameters_answer_400(stack: Stack, api: str) -> None:
    for params in (
        {"since": "last week"},
        {"tz": "Nowhere/City"},
        {"after": "garbage"},
        {"size": "0"},
        {"sort": "x"},
    ):
        response = requests.get(f"{api}/search", params=params, timeout=10)
        assert response.status_code in (400, 422), params
    assert (
        requests.get(f"{api}/search", params={"since": "last week"}, timeout=10).json()["error"]
        == "invalid_query"
    )


def test_pages_follow_the_next_cursor(stack: Stack, api: str) -> None:
    stack.indexer.index([entry(f"https://api.test/{n}", body="paged words") for n in range(7)])
    stack.refresh()
    seen: list[str] = []
    params: dict[str, str | int] = {"q": "paged", "size": 3, "sort": "newest"}
    while True:
        data = requests.get(f"{api}/search", params=params, timeout=10).json()
        seen += [hit["id"] for hit in data["hits"]]
        if not data["next"]:
            break
        params["after"] = data["next"]
    assert len(seen) == len(set(seen)) == 7
