"""Meta-refresh redirects: followed like a redirect (every check applies), page reloads ignored."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.fetch.conftest import MakeFetcher
from tests.support.hostile_server import HostileServer
from worker.errors import PermanentError
from worker.fetch.fetcher import MAX_META_REFRESHES
from worker.fetch.refresh import refresh_target

pytestmark = pytest.mark.timeout(60)


def refresh(to: str, delay: int = 0) -> str:
    return f"/refresh?delay={delay}&url={quote(to, safe='')}"


def test_a_prompt_refresh_is_followed(make_fetcher: MakeFetcher, hostile: HostileServer) -> None:
    url = hostile.url(refresh("/echo"))
    page = make_fetcher().fetch(url)
    assert (page.url, page.final_url) == (url, hostile.url("/echo"))
    assert "ingest-worker-test" in page.text  # /echo shows the request headers: the target was fetched
    assert page.etag is None and page.last_modified is None  # the target's validators are not the URL's


def test_a_refresh_through_an_http_redirect_is_followed(
    make_fetcher: MakeFetcher, hostile: HostileServer
) -> None:
    page = make_fetcher().fetch(hostile.url(refresh("/to?url=/echo")))
    assert page.final_url == hostile.url("/echo")


@pytest.mark.parametrize("delay", [60, 300])
def test_a_slow_refresh_is_a_reload_not_a_redirect(
    make_fetcher: MakeFetcher, hostile: HostileServer, delay: int
) -> None:
    url = hostile.url(refresh("/echo", delay))
    page = make_fetcher().fetch(url)
    assert page.final_url == url
    assert "Redirecting" in page.text


def test_a_refresh_to_a_blocked_address_is_refused(make_fetcher: MakeFetcher, hostile: HostileServer) -> None:
    with pytest.raises(PermanentError) as caught:
        make_fetcher().fetch(hostile.url(refresh("http://169.254.169.254/latest/meta-data/")))
    assert caught.value.reason == "blocked_address"


def test_a_refresh_into_a_disallowed_path_is_refused(
    make_fetcher: MakeFetcher, hostile: HostileServer
) -> None:
    before = hostile.hits["/private/page"]
    with pytest.raises(PermanentError) as caught:
        make_fetcher().fetch(hostile.url(refresh("/private/page")))
    assert caught.value.reason == "robots_disallowed"
    assert hostile.hits["/private/page"] == before


def test_refresh_chains_stop_after_the_limit(make_fetcher: MakeFetcher, hostile: HostileServer) -> None:
    chain = "/echo"
    for _ in range(MAX_META_REFRESHES + 1):
        chain = refresh(chain)
    page = make_fetcher().fetch(hostile.url(chain))
    assert "Redirecting" in page.text  # the last refresh page, not followed
    assert page.final_url != hostile.url("/echo")


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<meta http-equiv="refresh" content="0; url=/next">', "https://a.example/next"),
        ("<META HTTP-EQUIV=Refresh CONTENT='3;URL=https://b.example/x'>", "https://b.example/x"),
        ('<META HTTP-EQUIV="REFRESH" CONTENT="1; URL=/next">', "https://a.example/next"),
        ('<meta http-equiv="refresh" content="0; url=/story#top">', None),  # the page itself
        ('<meta http-equiv="refresh" content="600; url=/next">', None),
        ('<meta http-equiv="refresh" content="30">', None),
        ("<script>document.write('<meta http-equiv=refresh content=\"0;url=/x\">')</script>", None),
        ("<p>no refresh</p>", None),
    ],
)
def test_refresh_targets(html: str, expected: str | None) -> None:
    assert (
        refresh_target(f"<html><head>{html}</head><body></body></html>", "https://a.example/story")
        == expected
    )
