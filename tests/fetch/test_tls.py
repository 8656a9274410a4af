"""HTTPS through the pinned session: connect to the checked address, verify the certificate by name."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import requests_hardened.ip_filter

from tests.fetch.test_ssrf import scripted_resolver
from tests.support.fetch_settings import fetch_settings
from tests.support.hostile_server import ARTICLE, HostileServer
from worker.errors import PermanentError
from worker.fetch import Fetcher, Guard
from worker.fetch.session import build_session

# A hang is a failure: far above any deadline used here, far below the suite-wide 300 s.
pytestmark = pytest.mark.timeout(60)


def self_signed(directory: Path, name: str) -> tuple[Path, Path]:
    """A throw-away certificate and key for ``name`` (openssl CLI)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl CLI not installed")
    cert, key = directory / f"{name}.pem", directory / f"{name}.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={name}",
         "-addext", f"subjectAltName=DNS:{name}", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[HostileServer, Path]]:
    """An HTTPS server on 127.0.0.1 whose certificate names ``pinned.test`` only."""
    cert, key = self_signed(tmp_path, "pinned.test")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = HostileServer("127.0.0.1", robots=None, tls=context).start()
    yield server, cert
    server.stop()


def tls_fetcher(server: HostileServer, cert: Path, client: redis.Redis, prefix: str) -> Fetcher:
    """A Fetcher whose session trusts the test certificate (and nothing from the environment)."""
    settings = fetch_settings(server, prefix, obey_robots=False)
    guard = Guard.from_entries(settings.fetch_allow_networks, settings.fetch_allowed_ports)
    session = build_session(guard, settings.user_agent)
    session.verify = str(cert)
    return Fetcher(settings, client, session=session)


def test_https_is_pinned_and_verified_by_name(
    tls_server: tuple[HostileServer, Path],
    fetch_redis: redis.Redis,
    fetch_prefix: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server, cert = tls_server
    calls: list[str] = []
    monkeypatch.setattr(
        requests_hardened.ip_filter.socket,
        "getaddrinfo",
        scripted_resolver("pinned.test", ["127.0.0.1"], calls),
    )
    page = tls_fetcher(server, cert, fetch_redis, fetch_prefix).fetch(f"https://pinned.test:{server.port}/")
    assert ARTICLE in page.text
    assert calls == ["pinned.test"]
    assert server.last_headers["/"]["Host"] == f"pinned.test:{server.port}"


def test_certificate_for_another_name_is_refused(
    tls_server: tuple[HostileServer, Path], fetch_redis: redis.Redis, fetch_prefix: str
) -> None:
    server, cert = tls_server
    with pytest.raises(PermanentError) as caught:
        tls_fetcher(server, cert, fetch_redis, fetch_prefix).fetch(server.url("/"))  # by address, not name
    assert caught.value.reason == "tls_error"
