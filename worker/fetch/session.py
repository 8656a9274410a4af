"""The pooled HTTP session: requests-hardened with our SSRF guard at the pinning step (network I/O).

``requests-hardened`` resolves the host once and connects to that address (TLS SNI and certificate
checks keep the original name), so a DNS answer cannot change between the check and the connect
(DNS rebinding). Our adapter keeps its resolver and leaves the address decision to
:class:`worker.fetch.guard.Guard`, whose deny list is broader and which honours the allow-list.
The pinning step itself (address as pool host; original name for Host, SNI and the certificate check)
is repeated from requests-hardened's adapter, whose version calls its own filter unconditionally.
Redirects are never followed here: :mod:`worker.fetch.download` follows them hop by hop.

One session per process: :func:`session_for` builds it on first use and forgets it in a forked
child, so prefork workers never share pooled sockets.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from functools import lru_cache
from typing import Any, cast

import requests
from requests.structures import CaseInsensitiveDict
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import InvalidIPAddress, get_ip_address
from requests_hardened.ip_filter_adapter import IPFilterAdapter

from worker.errors import PermanentError, TransientError
from worker.fetch.guard import Guard, IPAddress

POOL_CONNECTIONS = 10  # hosts kept warm per process
POOL_MAXSIZE = 4  # connections per host: politeness keeps it low anyway


def resolve_once(host: str, port: int, guard: Guard) -> IPAddress:
    """Resolve ``host`` exactly once (requests-hardened's resolver) and apply the guard to the answer."""
    try:
        # allow_loopback=True: the library's own filter still refuses private ranges; loopback is
        # decided by our guard, which honours the allow-list.
        address, _ = get_ip_address(host, port, allow_loopback=True)
    except InvalidIPAddress as refused:
        address = ipaddress.ip_address(str(refused.args[0]))
        if not guard.allows_address(address, host):
            raise PermanentError("blocked_address", f"{host} -> {address}") from refused
    except socket.gaierror as exc:
        raise TransientError("dns_error", f"{host}: {exc}") from exc
    guard.check_address(address, host)
    return cast(IPAddress, address)


class GuardedAdapter(IPFilterAdapter):  # type: ignore[misc]  # requests-hardened ships no type hints
    """An HTTP adapter that connects only to the one address it resolved and checked."""

    def __init__(self, guard: Guard, *, is_https: bool) -> None:
        super().__init__(is_https_proto=is_https, allow_loopback=False)
        self._guard = guard
        self.init_poolmanager(POOL_CONNECTIONS, POOL_MAXSIZE, block=False)

    def build_connection_pool_key_attributes(
        self, request: requests.PreparedRequest, verify: bool | str, cert: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Pool key for ``request``: the checked address as host, the original name for Host/SNI."""
        # Skip IPFilterAdapter's version: it resolves with its own, narrower filter.
        params, kwargs = requests.adapters.HTTPAdapter.build_connection_pool_key_attributes(
            self, request, verify, cert
        )
        host_params, pool_kwargs = cast(dict[str, Any], params), cast(dict[str, Any], kwargs)
        name, port = host_params["host"], host_params["port"]
        request.headers = CaseInsensitiveDict(request.headers or {})
        request.headers["Host"] = _host_header(name, port)
        if self._is_https_proto:
            pool_kwargs["assert_hostname"] = name
            pool_kwargs["server_hostname"] = name
        address = resolve_once(name, port or (443 if self._is_https_proto else 80), self._guard)
        host_params["host"] = f"[{address}]" if address.version == 6 else str(address)
        return host_params, pool_kwargs


def _host_header(name: str, port: int | None) -> str:
    host = f"[{name}]" if ":" in name else name
    return f"{host}:{port}" if port is not None else host


def build_session(guard: Guard, user_agent: str) -> requests.Session:
    """A hardened session: guarded adapters, no proxies or netrc from the environment, no redirects."""
    config = Config(
        ip_filter_enable=False,  # our GuardedAdapter, mounted below, does the filtering
        ip_filter_allow_loopback_ips=False,
        never_redirect=True,
        default_timeout=(5, 15),
        user_agent_override=user_agent,
    )
    session: requests.Session = HTTPSession(config)
    session.trust_env = False
    session.mount("http://", GuardedAdapter(guard, is_https=False))
    session.mount("https://", GuardedAdapter(guard, is_https=True))
    session.headers.update({"Accept-Encoding": "gzip, deflate, br", "User-Agent": user_agent})
    return session


@lru_cache(maxsize=8)  # one policy per process in production; tests build a few
def session_for(guard: Guard, user_agent: str) -> requests.Session:
    """The process-wide session for this policy, built on first use."""
    session: requests.Session = build_session(guard, user_agent)
    return session


# A forked Celery child must not reuse sockets its parent opened.
os.register_at_fork(after_in_child=session_for.cache_clear)
