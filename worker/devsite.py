"""A local news site on 127.0.0.1 serving the labelled pages of ``../shared/datasets`` (network I/O).

Used by ``make demo``, the end-to-end tests and the benchmark. Routes::

    /pages/<id>.html   a dataset page (text/html; charset=utf-8, ETag, Last-Modified, 304 on match)
    /copy/<n>/<id>.html  the same page without its canonical URL: distinct articles for benchmarks
    /urls.txt          every page URL, one a line
    /feed.xml          RSS 2.0 of every page;  /sitemap.xml, /sitemap.xml.gz, /sitemap-index.xml
    /robots.txt        allows everything
    /status/<code>     answers that status (e.g. 404, 500)
    /redirect-loop     redirects to itself
    /nested/<n>        a page of n nested <div> (a parser trap)
    any route?delay=S  waits S seconds before answering (a slow site, for crash tests)
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from worker.evaluation.dataset import datasets_dir

_CANONICAL = re.compile(
    rb"<(?:link[^>]+rel=[\"']?canonical|meta[^>]+(?:og:url|twitter:url))[^>]*>", re.IGNORECASE
)
LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


@dataclass(frozen=True, slots=True)
class Page:
    """One dataset page as served: its id and UTF-8 HTML."""

    page_id: str
    html: bytes

    @property
    def etag(self) -> str:
        """A strong validator derived from the content."""
        return '"' + hashlib.sha256(self.html).hexdigest()[:32] + '"'


def load_pages(root: Path, sets: tuple[str, ...] = (), limit: int | None = None) -> dict[str, Page]:
    """Pages of the dataset folders ``sets`` (default: all) under ``root``, keyed by a URL-safe id."""
    pages: dict[str, Page] = {}
    for name in sets or tuple(sorted(p.parent.name for p in root.glob("*/pages.jsonl"))):
        folder = root / name
        for line in (folder / "pages.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            page_id = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in record["id"])
            pages[page_id] = Page(page_id, gzip.decompress((folder / record["html_file"]).read_bytes()))
            if limit is not None and len(pages) >= limit:
                return pages
    return pages


class Site:
    """The pages plus the generated feed and sitemaps for a base URL."""

    def __init__(self, pages: Mapping[str, Page]) -> None:
        self.pages = dict(pages)
        self.base = ""

    def urls(self) -> list[str]:
        """Every page URL."""
        return [f"{self.base}/pages/{page_id}.html" for page_id in self.pages]

    def copy_urls(self, copies: int) -> list[str]:
        """``copies`` distinct URLs per page (``/copy/<n>/<id>.html``), for benchmarks."""
        return [f"{self.base}/copy/{n}/{page_id}.html" for n in range(copies) for page_id in self.pages]

    def rss(self) -> bytes:
        """An RSS 2.0 feed listing every page."""
        items = "".join(
            f"<item><title>{escape(u)}</title><link>{escape(u)}</link><pubDate>{LAST_MODIFIED}</pubDate></item>"
            for u in self.urls()
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>devsite</title>'
            f"<link>{self.base}/</link>{items}</channel></rss>"
        ).encode()

    def sitemap(self) -> bytes:
        """A sitemap of every page."""
        entries = "".join(
            f"<url><loc>{escape(u)}</loc><lastmod>2023-11-14</lastmod></url>" for u in self.urls()
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
        ).encode()

    def sitemap_index(self) -> bytes:
        """A sitemap index pointing at the gzip sitemap."""
        return (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{self.base}/sitemap.xml.gz</loc></sitemap></sitemapindex>"
        ).encode()


class _Handler(BaseHTTPRequestHandler):
    site: Site
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: the worker logs every URL outcome."""

    def _send(
        self, status: int, body: bytes, content_type: str, headers: Mapping[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        """Serve one of the routes in the module docstring (``?delay=S`` waits S seconds first)."""
        path, _, query = self.path.partition("?")
        delay = parse_qs(query).get("delay", ["0"])[0]
        time.sleep(min(float(delay), 300.0) if delay.replace(".", "", 1).isdigit() else 0.0)
        if path.startswith("/pages/") and path.endswith(".html"):
            self._page(path[len("/pages/") : -len(".html")])
        elif path.startswith("/copy/") and path.endswith(".html"):
            self._page(path.rsplit("/", 1)[1][: -len(".html")], copy=True)
        elif path.startswith("/status/") and path[len("/status/") :].isdigit():
            self._send(int(path[len("/status/") :]), b"status page", "text/html")
        elif path.startswith("/nested/") and path[len("/nested/") :].isdigit():
            depth = min(int(path[len("/nested/") :]), 200_000)
            body = b"<html><head><title>deep</title></head><body>" + b"<div>" * depth + b"x</body></html>"
            self._send(HTTPStatus.OK, body, "text/html; charset=utf-8")
        elif path == "/redirect-loop":
            self._send(302, b"", "text/html", {"Location": "/redirect-loop"})
        else:
            self._static(path)

    def _static(self, path: str) -> None:
        routes = {
            "/robots.txt": (b"User-agent: *\nAllow: /\n", "text/plain"),
            "/urls.txt": ("\n".join(self.site.urls()).encode() + b"\n", "text/plain"),
            "/feed.xml": (self.site.rss(), "application/rss+xml"),
            "/sitemap.xml": (self.site.sitemap(), "application/xml"),
            "/sitemap.xml.gz": (gzip.compress(self.site.sitemap()), "application/gzip"),
            "/sitemap-index.xml": (self.site.sitemap_index(), "application/xml"),
        }
        body, content_type = routes.get(path, (b"not found", "text/html"))
        self._send(HTTPStatus.OK if path in routes else HTTPStatus.NOT_FOUND, body, content_type)

    def _page(self, page_id: str, *, copy: bool = False) -> None:
        page = self.site.pages.get(page_id)
        if page is None:
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/html")
            return
        if copy:  # a copy must not name the original as its canonical URL, or it would collapse into it
            page = Page(page.page_id, _CANONICAL.sub(b"", page.html))
        validators = {"ETag": page.etag, "Last-Modified": LAST_MODIFIED}
        if self.headers.get("If-None-Match") == page.etag:
            self.send_response(HTTPStatus.NOT_MODIFIED)
            for name, value in validators.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self._send(HTTPStatus.OK, page.html, "text/html; charset=utf-8", validators)


class DevSite:
    """The site running in a background thread; ``base`` is its ``http://127.0.0.1:<port>``."""

    def __init__(self, pages: Mapping[str, Page], port: int = 0) -> None:
        self.site = Site(pages)
        handler = type("Handler", (_Handler,), {"site": self.site})
        self._server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._server.daemon_threads = True
        self.site.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, name="devsite", daemon=True)

    @property
    def base(self) -> str:
        """The site's origin."""
        return self.site.base

    def __enter__(self) -> DevSite:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def main() -> None:
    """Serve the dataset pages until interrupted (``python -m worker.devsite --port 8800``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8800)
    parser.add_argument("--sets", default="", help="comma-separated dataset folders (default: all)")
    args = parser.parse_args()
    pages = load_pages(datasets_dir(), tuple(s for s in args.sets.split(",") if s))
    with DevSite(pages, args.port) as site:
        print(f"serving {len(pages)} pages on {site.base}", flush=True)  # noqa: T201 -- a CLI's output
        threading.Event().wait()


if __name__ == "__main__":
    main()
