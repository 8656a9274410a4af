"""Polls one discovery source and queues the article URLs it has not seen before (I/O via its parts).

A sitemap index queues an ``ingest.feed`` message per child sitemap (bounded depth), so one huge
index never runs as a single long task.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from worker.discovery import parse_source
from worker.feeds import SeenUrls
from worker.pipeline import UrlRequest
from worker.producer import Producer

log = logging.getLogger("ingest.discovery")

DISCOVERY_PRIORITY = 6  # taken after URLs queued by people and systems (Redis: 0 first)
MAX_DEPTH = 3


@dataclass(frozen=True, slots=True)
class PollReport:
    """What one poll found."""

    url: str
    kind: str
    found: int
    queued: int
    children: int


@dataclass(frozen=True, slots=True)
class FeedPoller:
    """Downloads a feed or sitemap, parses it, queues new article URLs and child sitemaps."""

    download: Callable[[str], bytes]
    producer: Producer
    seen: SeenUrls

    def poll(self, url: str, depth: int = 0) -> PollReport:
        """Poll ``url``; raises the download's classified errors and ``feed_unparseable``."""
        source = parse_source(self.download(url), url)
        children = source.sitemaps if depth < MAX_DEPTH else ()
        for child in children:
            self.producer.send_feed(child, depth + 1)
        urls = list(dict.fromkeys(article.url for article in source.articles))
        fresh = self.seen.first_seen(urls)
        try:
            self.producer.send([UrlRequest(u, priority=DISCOVERY_PRIORITY, source=url) for u in fresh])
        except Exception:
            self.seen.forget(fresh)  # not queued after all: the next poll must find them again
            raise
        self.seen.keep(fresh)
        report = PollReport(url, source.kind, len(urls), len(fresh), len(children))
        log.info("polled %s", url, extra={"event": "feed_polled", **vars_of(report)})
        return report


def vars_of(report: PollReport) -> dict[str, object]:
    """The report as log fields."""
    return {"url": report.url, "kind": report.kind, "found": report.found, "queued": report.queued}
