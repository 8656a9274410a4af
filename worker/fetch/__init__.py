"""Fetching: safe, polite, bounded HTTP GETs of HTML pages (I/O shell; one concern per module).

Public interface (the pipeline codes against exactly this)::

    from worker.fetch import Fetcher, Validators, ValidatorStore, RetryPolicy, backoff_delay

    fetcher = Fetcher(settings, redis_client)        # one per process; holds the pooled session
    page = fetcher.fetch(url, validators=None)       # -> worker.models.FetchedPage
    # page.status == 304 (text "") when the validators still match: skip extraction and indexing
    store = ValidatorStore(redis_client, settings.fetch_redis_prefix)  # .get(url), .put(url, v)
    if (found := Validators.from_page(page)) is not None:
        store.put(url, found)    # the PIPELINE does this, after indexing only, keyed by the URL asked

``fetch`` raises :class:`worker.errors.TransientError` (retry later; ``retry_after`` set for
``Retry-After`` and for ``host_busy``) or :class:`worker.errors.PermanentError` (record and drop),
with a stable ``reason`` from :data:`OUTCOMES` (``http_<status>`` for HTTP failures).
``RetryPolicy.from_settings(s).next_delay(error, attempt)`` gives the countdown or ``None`` (give up);
``host_busy`` is politeness, not failure: reschedule with ``error.retry_after`` without counting an
attempt.

Modules: ``guard`` (SSRF policy, pure), ``session`` (requests-hardened session pinned to checked
addresses), ``limits`` (caps, content types, magic bytes, pure), ``body`` (streamed read under the
deadline), ``download`` (redirect hops, error translation), ``decode`` (bytes -> text, pure),
``robots`` (robots.txt cache), ``politeness`` (per-host interval in Redis), ``validators``
(conditional GET), ``retry`` (the outcome table and backoff, pure), ``fetcher`` (composition).
"""

from __future__ import annotations

from worker.fetch.decode import Decoded, decode_html
from worker.fetch.fetcher import Fetcher
from worker.fetch.guard import Guard
from worker.fetch.retry import OUTCOMES, TRANSIENT_STATUSES, RetryPolicy, backoff_delay, is_retryable
from worker.fetch.validators import Validators, ValidatorStore

__all__ = [
    "OUTCOMES",
    "TRANSIENT_STATUSES",
    "Decoded",
    "Fetcher",
    "Guard",
    "RetryPolicy",
    "ValidatorStore",
    "Validators",
    "backoff_delay",
    "decode_html",
    "is_retryable",
]
