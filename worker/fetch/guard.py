"""SSRF guard: which URLs and which resolved addresses may be fetched (pure, no I/O).

Two checks, both applied to the first URL and to every redirect hop:

* :meth:`Guard.check_url` before anything touches the network: scheme, length, credentials, port,
  host names such as ``localhost`` and literal addresses in every spelling (decimal, octal, hex IPv4,
  bracketed IPv6);
* :meth:`Guard.check_address` on the one address the host resolved to, which the session then
  connects to (see :mod:`worker.fetch.session`).

An address is refused when it, or the IPv4 address embedded in it (mapped, compatible, 6to4, NAT64,
Teredo forms), lies in :data:`DENIED_NETWORKS` or is not globally routable, unless the allow-list
(``INGEST_FETCH_ALLOW_NETWORKS``: host names or CIDRs) covers it.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from worker.errors import PermanentError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Broader than ``is_private`` on purpose: that property had gaps (cpython#113171).
DENIED_NETWORKS: tuple[IPNetwork, ...] = tuple(
    ipaddress.ip_network(cidr)
    for cidr in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
        "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
        "::/128", "::1/128", "::ffff:0:0/96", "::/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64",
        "2001::/32", "2001:db8::/32", "2001:10::/28", "2001:20::/28", "2002::/16", "3fff::/20",
        "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    )
)  # fmt: skip
SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}
# Host names that mean "this machine" without any DNS lookup.
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
# inet_aton accepts 127.1, 0x7f.1, 017700000001, 2130706433: every spelling a browser or libc would.
_NUMERIC_HOST = re.compile(r"^[0-9a-fx.]+$", re.IGNORECASE)


def embedded_ipv4(address: IPAddress) -> tuple[ipaddress.IPv4Address, ...]:
    """The IPv4 addresses an IPv6 address carries (mapped, compatible, 6to4, NAT64, Teredo)."""
    if isinstance(address, ipaddress.IPv4Address):
        return ()
    found: list[ipaddress.IPv4Address] = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    if address in ipaddress.ip_network("64:ff9b::/96") or address in ipaddress.ip_network("::/96"):
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return tuple(found)


def is_denied(address: IPAddress) -> bool:
    """True when the address or an address embedded in it must never be fetched."""
    for candidate in (address, *embedded_ipv4(address)):
        if not candidate.is_global or candidate.is_multicast:
            return True
        if any(candidate in network for network in DENIED_NETWORKS):
            return True
    return False


def parse_literal(host: str) -> IPAddress | None:
    """The address a literal host spells, in any notation libc accepts; ``None`` for a name."""
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        pass
    if not _NUMERIC_HOST.match(host) or not any(ch.isdigit() for ch in host):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class Guard:
    """The fetch policy for URLs and addresses, built once from settings."""

    allowed_ports: frozenset[int] = frozenset({80, 443})
    allowed_networks: tuple[IPNetwork, ...] = ()
    allowed_hosts: frozenset[str] = frozenset()
    max_url_length: int = 4096

    @classmethod
    def from_entries(
        cls, allow: tuple[str, ...], ports: tuple[int, ...], max_url_length: int = 4096
    ) -> Guard:
        """Build from ``INGEST_FETCH_ALLOW_NETWORKS`` entries: CIDRs/addresses or host names."""
        networks: list[IPNetwork] = []
        hosts: set[str] = set()
        for entry in allow:
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                if "/" in entry or ":" in entry or entry.replace(".", "").isdigit():
                    raise ValueError(f"INGEST_FETCH_ALLOW_NETWORKS: {entry!r} is not a valid CIDR") from None
                hosts.add(entry.lower().rstrip("."))
        return cls(frozenset(ports), tuple(networks), frozenset(hosts), max_url_length)

    def allows_address(self, address: IPAddress, host: str = "") -> bool:
        """True when the allow-list covers the address (or the host name it was reached by)."""
        if host.lower().rstrip(".") in self.allowed_hosts:
            return True
        candidates = (address, *embedded_ipv4(address))
        return any(c in n for c in candidates for n in self.allowed_networks if c.version == n.version)

    def check_address(self, address: IPAddress, host: str = "") -> None:
        """Raise ``blocked_address`` unless the address may be connected to."""
        if is_denied(address) and not self.allows_address(address, host):
            raise PermanentError("blocked_address", f"{host or address} -> {address} is not public")

    def check_url(self, url: str) -> SplitResult:
        """Validate one URL (first request or redirect hop) before any network I/O."""
        parts = self._split(url)
        host = (parts.hostname or "").lower().rstrip(".")
        if parts.port is not None and parts.port not in self.allowed_ports:
            raise PermanentError("blocked_port", f"port {parts.port} is not allowed")
        if parts.port is None and DEFAULT_PORTS[parts.scheme] not in self.allowed_ports:
            raise PermanentError("blocked_port", f"port {DEFAULT_PORTS[parts.scheme]} is not allowed")
        self._check_host(host)
        return parts

    def _split(self, url: str) -> SplitResult:
        if len(url) > self.max_url_length:
            raise PermanentError("url_too_long", f"{len(url)} characters")
        try:
            parts = urlsplit(url.strip())
            _ = parts.port  # raises ValueError on a non-numeric or out-of-range port
        except ValueError as exc:
            raise PermanentError("invalid_url", str(exc)) from exc
        if parts.scheme.lower() not in SCHEMES:
            raise PermanentError("unsupported_scheme", repr(parts.scheme))
        if parts.username is not None or parts.password is not None:
            raise PermanentError("credentials_in_url", "user info is not allowed in URLs")
        if not parts.hostname:
            raise PermanentError("invalid_url", "no host")
        return parts

    def _check_host(self, host: str) -> None:
        if host in self.allowed_hosts:
            return
        if host in _LOCAL_NAMES or host.endswith(".localhost"):
            raise PermanentError("blocked_address", f"{host} is this machine")
        literal = parse_literal(host)
        if literal is not None:
            self.check_address(literal, host)
