"""Fetching from a hostile server on loopback: every failure classified, the process stays healthy."""

from __future__ import annotations

import pytest

from tests.fetch.conftest import MakeFetcher
from tests.support.hostile_server import ARTICLE, HostileServer, brotli_bomb, gzip_bomb
from tests.support.rss import peak_rss_growth
from worker.errors import IngestError, PermanentError, TransientError

# A bomb expands to 128 MiB; the decoded cap in these tests is 1 MiB. Buffering the bomb would show.
MAX_GROWTH_MIB = 48

# A hang is a failure: far above any deadline used here, far below the suite-wide 300 s.
pytestmark = pytest.mark.timeout(60)


def failure(make_fetcher: MakeFetcher, url: str, **overrides: object) -> IngestError:
    """Fetch ``url`` expecting a classified failure, and return it."""
    with pytest.raises(IngestError) as caught:
        make_fetcher(**overrides).fetch(url)
    return caught.value


@pytest.mark.parametrize(
    ("path", "charset", "method"),
    [
        ("/", "utf-8", "http-header"),
        ("/charset/cp1252-meta", "cp1252", "meta"),
        ("/charset/utf8-header-latin1-body", "cp1252", "detected"),
        ("/charset/utf16-bom", "utf-16-le", "bom"),
        ("/charset/utf8-no-header", "utf-8", "utf-8"),
    ],
)
def test_pages_decode_to_the_right_text(
    make_fetcher: MakeFetcher, hostile: HostileServer, path: str, charset: str, method: str
) -> None:
    page = make_fetcher().fetch(hostile.url(path))
    assert ARTICLE in page.text
    assert (page.status, page.charset, page.decode_method) == (200, charset, method)


def test_cp1252_punctuation_survives(make_fetcher: MakeFetcher, hostile: HostileServer) -> None:
    page = make_fetcher().fetch(hostile.url("/charset/cp1252-meta"))
    assert "\u201cquotes\u201d \u2013 \u20ac5" in page.text


@pytest.mark.parametrize("path", ["/gzip", "/br", "/stacked"])
def test_compressed_bodies_are_decoded(make_fetcher: MakeFetcher, hostile: HostileServer, path: str) -> None:
    page = make_fetcher().fetch(hostile.url(path))
    assert ARTICLE in page.text
    assert page.bytes == len(page.text.encode("utf-8"))


def test_five_stacked_codings_decode_but_six_are_refused(
    make_fetcher: MakeFetcher, hostile: HostileServer
) -> None:
    assert ARTICLE in make_fetcher().fetch(hostile.url("/stacked/5")).text
    error = failure(make_fetcher, hostile.url("/stacked/6"))
    assert (type(error), error.reason) == (PermanentError, "bad_content_encoding")


def test_request_advertises_encodings_and_user_agent(
    make_fetcher: MakeFetcher, hostile: HostileServer
) -> None:
    make_fetcher().fetch(hostile.url("/echo"))
    sent = hostile.last_headers["/echo"]
    assert sent["Accept-Encoding"] == "gzip, deflate, br"
    assert sent["User-Agent"] == "ingest-worker-test/0.1 (+https://example.org/contact)"


@pytest.fixture(scope="module")
def bombs() -> None:
    """Build the bombs before the clock of any fetch starts (building one takes about a second)."""
    gzip_bomb(1), gzip_bomb(2), brotli_bomb()


@pytest.mark.parametrize("path", ["/bomb/gzip", "/bomb/br", "/bomb/stacked", "/endless"])
@pytest.mark.usefixtures("bombs")
def test_bombs_and_endless_bodies_stop_at_the_cap(
    make_fetcher: MakeFetcher, hostile: HostileServer, path: str
) -> None:
    fetcher = make_fetcher()  # built outside the measurement: only the fetch itself counts
    with peak_rss_growth() as growth, pytest.raises(PermanentError) as caught:
        fetcher.fetch(hostile.url(path))
    assert caught.value.reason == "too_large"
    assert growth.mib < MAX_GROWTH_MIB


@pytest.mark.usefixtures("bombs")
def test_content_length_over_the_cap_is_refused_before_reading(
    make_fetcher: MakeFetcher, hostile: HostileServer
) -> None:
    error = failure(make_fetcher, hostile.url("/bomb/gzip"), fetch_max_bytes=1024)
    assert (type(error), error.reason) == (PermanentError, "too_large")
    assert "Content-Length" in error.message


def test_content_length_promising_more_is_an_incomplete_body(
    make_fetcher: MakeFetcher, hostile: HostileServer
) -> None:
    error = failure(make_fetcher, hostile.url("/length/long"))
    assert (type(error), error.reason) == (TransientError, "incomplete_body")


def test_content_length_promising_less_yields_only_the_declared_bytes(
    make_fetcher: MakeFetcher, hostile: HostileServer
) -> None:
    page = make_fetcher().fetch(hostile.url("/length/short"))
    assert page.bytes == 40
    assert "trailing bytes" not in page.text


def test_reset_mid_body_is_transient(make_fetcher: MakeFetcher, hostile: HostileServer) -> None:
    error = failure(make_fetcher, hostile.url("/reset"))
    assert isinstance(error, TransientError)
    assert error.reason in {"connection_reset", "incomplete_body"}


def test_slow_drip_is_cut_at_the_deadline(make_fetcher: MakeFetcher, hostile: HostileServer) -> None:
    # Each byte arrives well within the read timeout, so only the wall-clock deadline can stop it.
    error = failure(make_fetcher, hostile.url("/drip"), fetch_read_timeout_s=3.0, fetch_deadline_s=2.5)
    assert (type(error), error.reason) == (TransientError, "deadline_exceeded")


def test_server_that_never_answers_times_out(make_fetcher: MakeFetcher, hostile: HostileServer) -> None:
    error = failure(make_fetcher, hostile.url("/stall"), fetch_read_timeout_s=1.0)
    assert (type(error), error.reason) == (TransientError, "read_timeout")


def test_server_that_never_answers_is_cut_at_the_deadline(
    make_fetcher: MakeFetcher, hostile: HostileServer
) -> None:
    error = failure(make_fetcher, hostile.url("/stall"), fetch_read_timeout_s=5.0, fetch_deadline_s=1.0)
    assert (type(error), error.reason) == (TransientError, "deadline_exceeded")


@pytest.mark.parametrize("kind", ["301", "302", "307", "308", "mix"])
def test_redirect_chains_within_the_limit_are_followed(
    make_fetcher: MakeFetcher, hostile: HostileServer, kind: str
) -> None:
    page = make_fetcher().fetch(hostile.url(f"/redirect/{kind}/5"))
    assert page.final_url == hostile.url(f"/redirect/{kind}/0")
    assert ARTICLE in page.text


def test_six_redirects_are_too_many(make_fetcher: MakeFetcher, hostile: HostileServer) -> None:
    before = hostile.hits.copy()
    error = failure(make_fetcher, hostile.url("/redirect/mix/6"))
    assert (type(error), error.reason) == (PermanentError, "too_many_redirects")
    assert hostile.hits["/redirect/mix/1"] == before["/redirect/mix/1"] + 1
    assert hostile.hits["/redirect/mix/0"] == before["/redirect/mix/0"]


def test_redirect_loop_is_too_many_redirects(make_fetcher: MakeFetcher, hostile: HostileServer) -> None:
    error = failure(make_fetcher, hostile.url("/loop"))
    assert (type(error), error.reason) == (PermanentError, "too_many_redirects")


@pytest.mark.parametrize(
    ("code", "kind"),
    [(404, PermanentError), (410, PermanentError), (400, PermanentError), (500, TransientError),
     (503, TransientError), (429, TransientError), (408, TransientError)],
)  # fmt: skip
def test_statuses_follow_the_retry_table(
    make_fetcher: MakeFetcher, hostile: HostileServer, code: int, kind: type[IngestError]
) -> None:
    error = failure(make_fetcher, hostile.url(f"/status/{code}"))
    assert (type(error), error.reason) == (kind, f"http_{code}")


@pytest.mark.parametrize("code", [429, 503])
def test_retry_after_is_carried(make_fetcher: MakeFetcher, hostile: HostileServer, code: int) -> None:
    error = failure(make_fetcher, hostile.url(f"/status/{code}"))
    assert isinstance(error, TransientError)
    assert error.retry_after == 7.0


@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_binary_labelled_html_is_not_html(
    make_fetcher: MakeFetcher, hostile: HostileServer, kind: str
) -> None:
    error = failure(make_fetcher, hostile.url(f"/binary/{kind}"))
    assert (type(error), error.reason) == (PermanentError, "not_html")
    assert kind in error.message


def test_other_content_types_are_not_html(make_fetcher: MakeFetcher, hostile: HostileServer) -> None:
    error = failure(make_fetcher, hostile.url("/not-html"))
    assert (type(error), error.reason) == (PermanentError, "not_html")


@pytest.mark.usefixtures("bombs")
def test_process_stays_usable_after_the_hostile_endpoints(
    make_fetcher: MakeFetcher, hostile: HostileServer
) -> None:
    fetcher = make_fetcher()
    for path in ("/reset", "/length/long", "/bomb/br", "/length/short"):
        with pytest.raises(IngestError) if path != "/length/short" else _no_error():
            fetcher.fetch(hostile.url(path))
    assert ARTICLE in fetcher.fetch(hostile.url("/")).text


def test_a_kept_alive_connection_the_server_closed_is_replaced_not_an_error(
    make_fetcher: MakeFetcher, hostile: HostileServer
) -> None:
    fetcher = make_fetcher()
    assert ARTICLE in fetcher.fetch(hostile.url("/stale")).text
    before = hostile.hits["/"]
    # (the pooled connection is reused, the server closes it unanswered, the GET goes again)
    assert ARTICLE in fetcher.fetch(hostile.url("/")).text
    assert hostile.hits["/"] == before + 2


class _no_error:  # noqa: N801 - reads like the pytest.raises it stands beside
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
