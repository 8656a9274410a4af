"""``POST /urls`` on a real uvicorn server: a validated batch is queued and ingested by a real worker."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import pytest
import requests

from tests.e2e.conftest import StackFactory, WorkerFactory
from tests.support.api_server import served
from tests.support.processes import RedisServer
from tests.support.stack import Stack
from worker.api import create_app
from worker.devsite import DevSite


@pytest.fixture
def serve() -> Iterator[Callable[[Stack], str]]:
    """Start the API for a stack; returns its base URL."""
    with contextlib.ExitStack() as servers:
        yield lambda stack: servers.enter_context(served(create_app(stack.settings, stack.engine)))


def test_post_urls_accepts_valid_urls_rejects_the_rest_with_reasons(
    private_redis: RedisServer,
    stack_factory: StackFactory,
    workers: WorkerFactory,
    devsite: DevSite,
    serve: Callable[[Stack], str],
) -> None:
    stack = stack_factory(private_redis.url)
    base = serve(stack)
    good = devsite.site.urls()[:3]
    payload = {
        "urls": [good[0], {"url": good[1], "priority": 3}, good[2], "ftp://x/y", "not a url", {"x": 1}]
    }
    response = requests.post(f"{base}/urls", json=payload, timeout=30)
    assert response.status_code == 202
    answer = response.json()
    assert [item["url"] for item in answer["accepted"]] == good
    assert answer["rejected"] == [
        {"url": "ftp://x/y", "reason": "unsupported_scheme"},
        {"url": "not a url", "reason": "invalid_url"},
        {"url": None, "reason": "invalid_url"},
    ]
    workers(stack.env)
    records = stack.wait_settled(good)
    assert {records[url]["status"] for url in good} == {"indexed"}


def test_post_urls_with_nothing_valid_is_a_400(
    private_redis: RedisServer, stack_factory: StackFactory, serve: Callable[[Stack], str]
) -> None:
    base = serve(stack_factory(private_redis.url))
    response = requests.post(f"{base}/urls", json={"urls": ["javascript:alert(1)"]}, timeout=30)
    assert response.status_code == 400
    assert response.json()["rejected"] == [{"url": "javascript:alert(1)", "reason": "unsupported_scheme"}]
    assert requests.post(f"{base}/urls", json={"urls": []}, timeout=30).status_code == 422
