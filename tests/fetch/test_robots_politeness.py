"""robots.txt cached in Redis and obeyed; per-host politeness shared through Redis by all fetchers."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
import redis

from tests.fetch.conftest import MakeFetcher
from tests.support.fetch_settings import fetch_settings
from tests.support.hostile_server import ARTICLE, HostileServer
from worker.errors import PermanentError, TransientError
from worker.fetch import Fetcher, robots

# A hang is a failure: far above any deadline used here, far below the suite-wide 300 s.
pytestmark = pytest.mark.timeout(60)


def host_busy_wait(fetcher: Fetcher, url: str) -> float:
    """Fetch ``url`` expecting the host to be busy; return the wait the error asks for."""
    with pytest.raises(TransientError) as caught:
        fetcher.fetch(url)
    assert caught.value.reason == "host_busy"
    assert caught.value.retry_after is not None
    return caught.value.retry_after


@pytest.fixture
def crawl_delay_host() -> Iterator[HostileServer]:
    """A fresh server (own robots.txt counter) asking for a 30 s Crawl-delay and hiding /private/."""
    server = HostileServer("127.0.0.1", robots="User-agent: *\nCrawl-delay: 30\nDisallow: /private/\n")
    yield server.start()
    server.stop()


@pytest.fixture
def fresh_host() -> Iterator[HostileServer]:
    """A fresh server with the default rules, so robots.txt requests can be counted."""
    server = HostileServer("127.0.0.1", robots="User-agent: *\nDisallow: /private/\n")
    yield server.start()
    server.stop()


def test_robots_disallow_is_permanent(make_fetcher: MakeFetcher, hostile: HostileServer) -> None:
    before = hostile.hits["/private/page"]
    with pytest.raises(PermanentError) as caught:
        make_fetcher().fetch(hostile.url("/private/page"))
    assert caught.value.reason == "robots_disallowed"
    assert hostile.hits["/private/page"] == before


def test_robots_can_be_switched_off(make_fetcher: MakeFetcher, hostile: HostileServer) -> None:
    assert ARTICLE in make_fetcher(obey_robots=False).fetch(hostile.url("/private/page")).text


def test_redirect_into_a_disallowed_path_is_refused(
    make_fetcher: MakeFetcher, hostile: HostileServer
) -> None:
    with pytest.raises(PermanentError) as caught:
        make_fetcher().fetch(hostile.url("/to?url=/private/page"))
    assert caught.value.reason == "robots_disallowed"


def test_robots_txt_is_fetched_once_per_host_across_fetchers(
    make_fetcher: MakeFetcher, fresh_host: HostileServer
) -> None:
    first, second = make_fetcher(fresh_host), make_fetcher(fresh_host)
    for fetcher in (first, second, first, second):
        fetcher.fetch(fresh_host.url("/"))
    with pytest.raises(PermanentError, match="robots_disallowed"):
        second.fetch(fresh_host.url("/private/x"))
    assert fresh_host.hits["/robots.txt"] == 1
    assert fresh_host.hits["/"] == 4


def test_missing_robots_txt_allows_everything(make_fetcher: MakeFetcher) -> None:
    server = HostileServer("127.0.0.1", robots=None).start()
    try:
        page = make_fetcher(server).fetch(server.url("/private/page"))
    finally:
        server.stop()
    assert page.status == 200


def test_crawl_delay_makes_the_next_fetch_wait(
    make_fetcher: MakeFetcher, crawl_delay_host: HostileServer
) -> None:
    fetcher = make_fetcher(crawl_delay_host, host_min_interval_s=0.5)
    fetcher.fetch(crawl_delay_host.url("/"))
    wait = host_busy_wait(fetcher, crawl_delay_host.url("/echo"))
    assert 1.0 < wait <= 30.0  # Crawl-delay, not the 0.5 s minimum
    assert crawl_delay_host.hits["/echo"] == 0


def test_politeness_is_shared_by_two_fetchers(make_fetcher: MakeFetcher, fresh_host: HostileServer) -> None:
    # 2 s: long enough that even a loaded machine starts the second fetch inside the interval.
    first, second = (make_fetcher(fresh_host, host_min_interval_s=2.0) for _ in range(2))
    first.fetch(fresh_host.url("/"))
    wait = host_busy_wait(second, fresh_host.url("/echo"))
    assert 0 < wait <= 2.0
    time.sleep(wait + 0.05)  # what the task countdown would do
    assert second.fetch(fresh_host.url("/echo")).status == 200
    assert fresh_host.hits["/echo"] == 1


def test_hosts_are_policed_separately(make_fetcher: MakeFetcher, fresh_host: HostileServer) -> None:
    other = HostileServer("127.0.0.1", robots=None).start()
    try:
        make_fetcher(fresh_host, host_min_interval_s=30).fetch(fresh_host.url("/"))
        assert make_fetcher(other, host_min_interval_s=30).fetch(other.url("/")).status == 200
    finally:
        other.stop()


def test_a_redirect_to_another_host_waits_its_turn_there(
    make_fetcher: MakeFetcher, fresh_host: HostileServer
) -> None:
    other = HostileServer("127.0.0.1", robots=None).start()
    try:
        make_fetcher(other, host_min_interval_s=30).fetch(other.url("/"))
        ports = (fresh_host.port, other.port)
        fetcher = make_fetcher(fresh_host, host_min_interval_s=30, fetch_allowed_ports=ports)
        wait = host_busy_wait(fetcher, fresh_host.url(f"/to?url={other.url('/echo')}"))
        assert 0 < wait <= 30
        assert other.hits["/echo"] == 0
    finally:
        other.stop()


def test_a_redirect_within_the_host_is_not_held_back(
    make_fetcher: MakeFetcher, fresh_host: HostileServer
) -> None:
    page = make_fetcher(fresh_host, host_min_interval_s=30).fetch(fresh_host.url("/to?url=/echo"))
    assert page.status == 200
    assert fresh_host.hits["/echo"] == 1


@pytest.mark.parametrize("local_ttl_s", [robots.LOCAL_TTL_S, 0.0])
def test_a_process_remembers_robots_txt_for_its_local_ttl(  # noqa: PLR0917 (pytest passes fixtures)
    make_fetcher: MakeFetcher,
    fresh_host: HostileServer,
    fetch_redis: redis.Redis,
    fetch_prefix: str,
    monkeypatch: pytest.MonkeyPatch,
    local_ttl_s: float,
) -> None:
    monkeypatch.setattr(robots, "LOCAL_TTL_S", local_ttl_s)
    fetcher = make_fetcher(fresh_host)
    fetcher.fetch(fresh_host.url("/"))
    # robots.txt changes in Redis (its TTL ran out and another worker fetched the new one)
    fetch_redis.set(f"{fetch_prefix}robots:{fresh_host.url('/robots.txt')}", b"User-agent: *\nDisallow: /\n")
    with pytest.raises(PermanentError, match="robots_disallowed"):
        make_fetcher(fresh_host).fetch(fresh_host.url("/echo"))  # a process that had not read it yet
    if local_ttl_s:
        assert fetcher.fetch(fresh_host.url("/echo")).status == 200  # still within its local TTL
    else:
        with pytest.raises(PermanentError, match="robots_disallowed"):
            fetcher.fetch(fresh_host.url("/echo"))
    assert fresh_host.hits["/robots.txt"] == 1


@pytest.mark.parametrize(
    ("robots", "allowed"),
    [
        ("User-agent: ingest-worker-test\nDisallow: /\n", False),
        ("User-agent: INGEST-WORKER-TEST\nDisallow: /\n", False),
        ("User-agent: otherbot\nDisallow: /\n", True),
    ],
)
def test_robots_groups_match_our_product_token(make_fetcher: MakeFetcher, robots: str, allowed: bool) -> None:
    server = HostileServer("127.0.0.1", robots=robots).start()
    try:
        if allowed:
            assert make_fetcher(server).fetch(server.url("/")).status == 200
        else:
            with pytest.raises(PermanentError, match="robots_disallowed"):
                make_fetcher(server).fetch(server.url("/"))
    finally:
        server.stop()


def test_crawl_delay_is_capped_below_the_broker_visibility_budget(
    make_fetcher: MakeFetcher, crawl_delay_host: HostileServer
) -> None:
    fetcher = make_fetcher(crawl_delay_host, fetch_backoff_max_s=5.0)
    fetcher.fetch(crawl_delay_host.url("/"))
    assert host_busy_wait(fetcher, crawl_delay_host.url("/echo")) <= 5.0


def test_unreachable_redis_is_transient(hostile: HostileServer, fetch_prefix: str) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dead = redis.Redis(port=port, socket_connect_timeout=1)
    with pytest.raises(TransientError) as caught:
        Fetcher(fetch_settings(hostile, fetch_prefix), dead).fetch(hostile.url("/"))
    assert caught.value.reason == "redis_unavailable"


@pytest.mark.parametrize(("status", "allowed"), [(503, False), (500, False), (403, True), (410, True)])
def test_robots_failures_follow_rfc_9309(make_fetcher: MakeFetcher, status: int, allowed: bool) -> None:
    server = HostileServer("127.0.0.1", robots=f"status:{status}").start()
    try:
        if allowed:
            assert make_fetcher(server).fetch(server.url("/private/page")).status == 200
        else:
            with pytest.raises(TransientError) as caught:
                make_fetcher(server).fetch(server.url("/"))
            assert caught.value.reason == "robots_unavailable"
            assert caught.value.retry_after == 9.0  # the robots.txt response's Retry-After
            assert server.hits["/"] == 0
    finally:
        server.stop()


def test_cold_robots_txt_is_fetched_by_one_worker_at_a_time(
    make_fetcher: MakeFetcher, fresh_host: HostileServer, fetch_redis: redis.Redis, fetch_prefix: str
) -> None:
    lock = f"{fetch_prefix}robots:{fresh_host.url('/robots.txt')}:fetching"
    fetch_redis.set(lock, "1", px=10_000)  # another worker is fetching it right now
    with pytest.raises(TransientError) as caught:
        make_fetcher(fresh_host).fetch(fresh_host.url("/"))
    assert (caught.value.reason, caught.value.retry_after) == ("host_busy", 1.0)
    assert fresh_host.hits["/robots.txt"] == 0
    fetch_redis.delete(lock)
    assert make_fetcher(fresh_host).fetch(fresh_host.url("/")).status == 200
    assert fresh_host.hits["/robots.txt"] == 1
    assert fetch_redis.exists(lock) == 0
