"""SSRF end to end: blocked before connecting, redirects re-checked, DNS answers pinned."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
import requests
import requests_hardened.ip_filter
import urllib3.util.connection

from tests.fetch.conftest import MakeFetcher
from tests.fetch.test_guard import BLOCKED_URLS
from tests.support.fetch_settings import fetch_settings
from tests.support.hostile_server import HostileServer
from worker.errors import PermanentError
from worker.fetch import Fetcher
from worker.fetch.guard import Guard
from worker.fetch.session import GuardedAdapter

Resolver = Callable[..., list[tuple[Any, ...]]]
REAL_GETADDRINFO = socket.getaddrinfo

# A hang is a failure: far above any deadline used here, far below the suite-wide 300 s.
pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every TCP connection urllib3 opens during the test (recorded, then opened for real)."""
    opened: list[tuple[str, int]] = []
    real = urllib3.util.connection.create_connection

    def recording(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        opened.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", recording)
    return opened


@pytest.fixture
def second_host() -> Iterator[HostileServer]:
    """A server on 127.0.0.2 whose redirects point at 127.0.0.1."""
    server = HostileServer("127.0.0.2", robots=None).start()
    yield server
    server.stop()


# Full-width digits and ideographic dots pass the URL check as a *name*; requests refuses them as
# IDNA labels today, and were that to change, the check on the resolved address would stop them.
IDNA_DISGUISED = ["http://\uff11\uff12\uff17.\uff10.\uff10.\uff11/", "http://127\u30020\u30020\u30021/"]


@pytest.mark.parametrize("url", IDNA_DISGUISED)
def test_idna_disguised_loopback_never_connects(
    hostile: HostileServer, fetch_redis: redis.Redis, fetch_prefix: str, connects: list[Any], url: str
) -> None:
    settings = fetch_settings(hostile, fetch_prefix, fetch_allow_networks=())
    with pytest.raises(PermanentError) as caught:
        Fetcher(settings, fetch_redis).fetch(url)
    assert caught.value.reason in {"invalid_url", "blocked_address"}
    assert connects == []


@pytest.mark.parametrize("url", [*BLOCKED_URLS, "http://localhost:{port}/", "http://127.0.0.1:{port}/"])
def test_internal_forms_are_blocked_before_connect(
    hostile: HostileServer, fetch_redis: redis.Redis, fetch_prefix: str, connects: list[Any], url: str
) -> None:
    settings = fetch_settings(hostile, fetch_prefix, fetch_allow_networks=())
    with pytest.raises(PermanentError) as caught:
        Fetcher(settings, fetch_redis).fetch(url.format(port=hostile.port))
    assert caught.value.reason == "blocked_address"
    assert caught.value.retryable is False
    assert connects == []


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{port}/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/",
        "http://[fd00:ec2::254]/",
        "http://2130706433:{port}/",
    ],
)
def test_redirect_into_a_network_not_allowed_is_refused_at_the_hop(
    make_fetcher: MakeFetcher,
    second_host: HostileServer,
    hostile: HostileServer,
    connects: list[tuple[str, int]],
    target: str,
) -> None:
    location = target.format(port=hostile.port)
    fetcher = make_fetcher(second_host, fetch_allowed_ports=(80, 443, hostile.port, second_host.port))
    before = sum(hostile.hits.values())
    with pytest.raises(PermanentError) as caught:
        fetcher.fetch(second_host.url(f"/to?url={location}"))
    assert caught.value.reason == "blocked_address"
    assert sum(hostile.hits.values()) == before  # the internal server never saw a request
    assert {host for host, _ in connects} == {"127.0.0.2"}


def test_redirect_within_the_allowed_network_is_followed(
    make_fetcher: MakeFetcher, hostile: HostileServer
) -> None:
    page = make_fetcher().fetch(hostile.url(f"/to?url={hostile.url('/')}"))
    assert page.final_url == hostile.url("/")


def scripted_resolver(name: str, answers: list[str], calls: list[str]) -> Resolver:
    """getaddrinfo that answers ``name`` from ``answers`` in turn and everything else for real."""

    def resolve(host: str, port: Any, *args: Any, **kwargs: Any) -> list[tuple[Any, ...]]:
        if host != name:
            return REAL_GETADDRINFO(host, port, *args, **kwargs)
        calls.append(host)
        address = answers[min(len(calls), len(answers)) - 1]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, int(port)))]

    return resolve


def test_dns_rebinding_is_pinned_to_the_first_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit level, no traffic: the pool key holds the checked public address; a later answer is refused."""
    calls: list[str] = []
    resolver = scripted_resolver("rebind.example", ["93.184.215.14", "127.0.0.1"], calls)
    monkeypatch.setattr(requests_hardened.ip_filter.socket, "getaddrinfo", resolver)
    adapter = GuardedAdapter(Guard(), is_https=False)
    request = requests.Request("GET", "http://rebind.example/page").prepare()

    host_params, _ = adapter.build_connection_pool_key_attributes(request, True)
    assert host_params["host"] == "93.184.215.14"
    assert request.headers["Host"] == "rebind.example"
    assert calls == ["rebind.example"]

    again = requests.Request("GET", "http://rebind.example/page").prepare()
    with pytest.raises(PermanentError, match="blocked_address"):
        adapter.build_connection_pool_key_attributes(again, True)
    assert calls == ["rebind.example", "rebind.example"]


def test_dns_rebinding_end_to_end_on_loopback(
    make_fetcher: MakeFetcher, hostile: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Allowed first answer 127.0.0.1, then 127.0.0.2 (not allowed): one lookup, pinned connect."""
    calls: list[str] = []
    resolver = scripted_resolver("rebind.test", ["127.0.0.1", "127.0.0.2"], calls)
    monkeypatch.setattr(requests_hardened.ip_filter.socket, "getaddrinfo", resolver)
    page = make_fetcher(obey_robots=False).fetch(f"http://rebind.test:{hostile.port}/echo")
    assert page.status == 200
    assert calls == ["rebind.test"]
    assert hostile.last_headers["/echo"]["Host"] == f"rebind.test:{hostile.port}"
