"""The SSRF guard as a pure policy: URL checks and address checks, no network."""

from __future__ import annotations

import ipaddress

import pytest

from worker.errors import PermanentError
from worker.fetch.guard import Guard, embedded_ipv4, is_denied, parse_literal

OPEN = Guard()

BLOCKED_URLS = [
    "http://127.0.0.1/",
    "http://2130706433/",  # decimal
    "http://017700000001/",  # octal, one number
    "http://0177.0.0.1/",  # octal dotted
    "http://0x7f.0.0.1/",  # hex dotted
    "http://0x7f000001/",  # hex, one number
    "http://127.1/",  # short form
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[::1]/",
    "http://localhost/",
    "http://LOCALHOST./",
    "http://api.localhost/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://10.1.2.3/",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://[fe80::1]/",
    "http://[2002:7f00:1::]/",  # 6to4 wrapping 127.0.0.1
    "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 wrapping 169.254.169.254
    "http://[::127.0.0.1]/",  # IPv4-compatible
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://198.18.0.1/",
]


@pytest.mark.parametrize("url", BLOCKED_URLS)
def test_internal_address_forms_are_blocked_before_any_lookup(url: str) -> None:
    with pytest.raises(PermanentError) as caught:
        OPEN.check_url(url)
    assert caught.value.reason == "blocked_address"
    assert not caught.value.retryable


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/", "unsupported_scheme"),
        ("file:///etc/passwd", "unsupported_scheme"),
        ("gopher://example.org:70/", "unsupported_scheme"),
        ("http://user:secret@example.org/", "credentials_in_url"),
        ("http://user@example.org/", "credentials_in_url"),
        ("http://example.org:22/", "blocked_port"),
        ("http://example.org:99999/", "invalid_url"),
        ("http:///path-only", "invalid_url"),
        ("http://example.org/" + "a" * 5000, "url_too_long"),
    ],
)
def test_malformed_or_unsafe_urls_are_refused(url: str, reason: str) -> None:
    with pytest.raises(PermanentError) as caught:
        OPEN.check_url(url)
    assert caught.value.reason == reason


@pytest.mark.parametrize(
    "url", ["https://example.org/a?b=c", "http://93.184.215.14/", "http://[2606:4700::1]/"]
)
def test_public_urls_pass(url: str) -> None:
    assert OPEN.check_url(url).hostname


def test_allow_list_admits_networks_and_hosts_only() -> None:
    guard = Guard.from_entries(("127.0.0.1/32", "intranet.corp", "10.0.0.0/8", "cafe.de"), (80, 8080))
    assert guard.allowed_hosts == {"intranet.corp", "cafe.de"}
    guard.check_url("http://127.0.0.1:8080/")
    guard.check_url("http://[::ffff:127.0.0.1]/")  # the same host, spelled as mapped IPv6
    guard.check_url("http://10.20.30.40/")
    guard.check_url("http://intranet.corp/")
    guard.check_address(ipaddress.ip_address("192.168.0.5"), "intranet.corp")
    for url in ("http://127.0.0.2/", "http://169.254.169.254/", "http://[::1]/", "http://localhost/"):
        with pytest.raises(PermanentError, match="blocked_address"):
            guard.check_url(url)


def test_embedded_ipv4_forms_are_unwrapped() -> None:
    def unwrap(text: str) -> set[str]:
        return {str(a) for a in embedded_ipv4(ipaddress.ip_address(text))}

    assert unwrap("::ffff:169.254.169.254") == {"169.254.169.254"}
    assert unwrap("2002:a9fe:a9fe::1") == {"169.254.169.254"}
    assert unwrap("64:ff9b::7f00:1") == {"127.0.0.1"}
    assert unwrap("8.8.8.8") == set()


@pytest.mark.parametrize(
    ("text", "denied"),
    [("93.184.215.14", False), ("2606:4700::1111", False), ("127.0.0.1", True), ("::ffff:10.0.0.1", True),
     ("100.100.100.100", True), ("192.0.0.8", True), ("2001:db8::1", True), ("ff02::1", True)],
)  # fmt: skip
def test_deny_list(text: str, denied: bool) -> None:
    assert is_denied(ipaddress.ip_address(text)) is denied


def test_host_names_are_not_mistaken_for_numbers() -> None:
    assert parse_literal("example.org") is None
    assert parse_literal("cafe.de") is None
    assert parse_literal("abc") is None
    assert str(parse_literal("0x7f.1")) == "127.0.0.1"


@pytest.mark.parametrize("entry", ["10.0.0.0/33", "300.1.2.3", "fd00::/200"])
def test_malformed_allow_list_entries_fail_loudly(entry: str) -> None:
    with pytest.raises(ValueError, match="not a valid CIDR"):
        Guard.from_entries((entry,), (80,))
