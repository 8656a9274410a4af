"""Search requests and answers: parameters -> engine query body, engine response -> result (pure).

User text only ever reaches the engine through ``simple_query_string`` (no Lucene syntax, never
raises on odd input). Text is matched in the English-analysed main fields and in
``localized.<lang>.*``, which only documents in that language carry (analysed in their language).
Dates accept ISO dates/times and relative forms (``now-7d``, ``now/d``); both bounds are
inclusive; a date without a time covers the whole day in the time zone ``tz``. ``next`` is an
opaque cursor (url-safe base64 of the sort values) for ``search_after``.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from worker.errors import PermanentError

FACET_FIELDS: tuple[str, ...] = ("site", "authors", "tags", "categories", "language")
# Facets counted case-insensitively (``<field>.folded``, lower-cased by the engine), since sites spell
# one tag "News" and "news": each bucket is shown in its most frequent spelling.
FOLDED_FACETS = frozenset({"authors", "tags", "categories"})
SPELLINGS_READ = 20  # values of a folded bucket's articles read to find the bucket's spellings
MAX_SIZE = 100
RELATIVE = re.compile(r"now(?:[+-]\d+[yMwdhHms])*(?:/[yMwdhHms])?")
OFFSET = re.compile(r"[+-]\d{2}:\d{2}")
SORTS: Mapping[str, list[dict[str, Any]]] = {
    "relevance": [
        {"_score": "desc"},
        {"published": {"order": "desc", "missing": "_last"}},
        {"doc_id": "asc"},
    ],
    "newest": [{"published": {"order": "desc", "missing": "_last"}}, {"doc_id": "asc"}],
}
Sort = Literal["relevance", "newest"]


@dataclass(frozen=True, slots=True)
class SearchParams:
    """One search, as the CLI and the HTTP API take it."""

    text: str = ""
    since: str | None = None
    until: str | None = None
    site: str | None = None
    author: str | None = None
    tag: str | None = None
    category: str | None = None
    lang: str | None = None
    sort: str = "relevance"
    size: int = 10
    after: str | None = None
    tz: str = "UTC"


@dataclass(frozen=True, slots=True)
class Hit:
    """One article found."""

    id: str
    title: str | None
    url: str | None
    published: str | None
    score: float | None
    highlight: Mapping[str, list[str]]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer: ``to_json()`` is exactly ``{"total", "hits", "facets", "next"}``."""

    total: int
    hits: tuple[Hit, ...]
    facets: Mapping[str, list[dict[str, Any]]]
    next: str | None

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of the CLI's ``--json`` and of ``GET /search``."""
        hits = [
            {
                "id": h.id,
                "title": h.title,
                "url": h.url,
                "published": h.published,
                "score": h.score,
                "highlight": dict(h.highlight),
            }
            for h in self.hits
        ]
        return {"total": self.total, "hits": hits, "facets": dict(self.facets), "next": self.next}


def invalid(message: str) -> PermanentError:
    """The error for a bad search parameter (HTTP 400, CLI usage error)."""
    return PermanentError("invalid_query", message)


def check_timezone(tz: str) -> str:
    """``tz`` if it is an IANA zone name or a ``+HH:MM`` offset."""
    if OFFSET.fullmatch(tz):
        return tz
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise invalid(f"unknown time zone {tz!r}") from exc
    return tz


def date_bound(value: str) -> str:
    """An engine date (math) expression for a user bound; a bare date rounds to its whole day."""
    value = value.strip()
    if RELATIVE.fullmatch(value):
        return value
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise invalid(f"not an ISO date or relative date (now-7d): {value!r}") from exc
    if len(value) == 10:  # YYYY-MM-DD: gte rounds down, lte rounds up to the end of that day
        return f"{parsed.date().isoformat()}||/d"
    return parsed.isoformat()


def encode_cursor(sort: str, values: list[Any]) -> str:
    """Opaque cursor for the page after the hit with sort ``values``."""
    raw = json.dumps({"s": sort, "v": values}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> list[Any]:
    """The ``search_after`` values of a cursor made for the same ``sort``."""
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise invalid("malformed cursor") from exc
    if not isinstance(data, dict) or data.get("s") != sort or not isinstance(data.get("v"), list):
        raise invalid(f"cursor does not belong to sort={sort}")
    values: list[Any] = data["v"]
    return values


def _text_query(text: str, fields: list[str]) -> dict[str, Any]:
    return {
        "simple_query_string": {
            "query": text,
            "fields": fields,
            "default_operator": "and",
            "flags": "AND|OR|NOT|PHRASE|PREFIX|PRECEDENCE|WHITESPACE|ESCAPE",
            "lenient": True,
        }
    }


TEXT_FIELDS = [
    "title^3",
    "description^2",
    "body",
    "localized.*.title^3",
    "localized.*.description^2",
    "localized.*.body",
]


def text_clause(text: str) -> dict[str, Any]:
    """Match ``text`` in English and in each document's own language."""
    return _text_query(text, TEXT_FIELDS)


def filters(params: SearchParams) -> list[dict[str, Any]]:
    """Date range and facet filters."""
    clauses: list[dict[str, Any]] = []
    if params.since or params.until:
        bounds = {
            "gte": params.since and date_bound(params.since),
            "lte": params.until and date_bound(params.until),
        }
        bounds = {key: value for key, value in bounds.items() if value}
        clauses.append({"range": {"published": {**bounds, "time_zone": params.tz}}})
    if params.site:
        clauses.append({"term": {"site": params.site.strip().lower().removeprefix("www.")}})
    keywords = (
        ("authors", params.author),
        ("tags", params.tag),
        ("categories", params.category),
        ("language", params.lang),
    )
    for field, value in keywords:
        if value:
            clauses.append({"term": {field: {"value": value.strip(), "case_insensitive": True}}})
    return clauses


def _highlight() -> dict[str, Any]:
    body = {"fragment_size": 160, "number_of_fragments": 3}
    title = {"number_of_fragments": 0}
    fields = {"title": title, "body": body, "localized.*.title": title, "localized.*.body": body}
    return {"encoder": "html", "pre_tags": ["<em>"], "post_tags": ["</em>"], "fields": fields}


def _facet(field: str) -> dict[str, Any]:
    """The terms aggregation of one facet; a folded one reads its buckets' spellings too."""
    if field not in FOLDED_FACETS:
        return {"terms": {"field": field, "size": 10}}
    # (the articles of a bucket carry other values of the field too: the spelling is picked out of
    # these by folding them as the engine does)
    spelling = {"terms": {"field": field, "size": SPELLINGS_READ}}
    return {"terms": {"field": f"{field}.folded", "size": 10}, "aggs": {"spelling": spelling}}


def _aggregations(tz: str) -> dict[str, Any]:
    aggs: dict[str, Any] = {field: _facet(field) for field in FACET_FIELDS}
    aggs["published"] = {"auto_date_histogram": {"field": "published", "buckets": 20, "time_zone": tz}}
    return aggs


def validate(params: SearchParams) -> SearchParams:
    """``params`` if every value is usable, else :func:`invalid`."""
    if params.sort not in SORTS:
        raise invalid(f"sort must be one of {', '.join(SORTS)}")
    if not 1 <= params.size <= MAX_SIZE:
        raise invalid(f"size must be between 1 and {MAX_SIZE}")
    check_timezone(params.tz)
    return params


def build_body(params: SearchParams) -> dict[str, Any]:
    """The engine request body for ``params``."""
    validate(params)
    must = [text_clause(params.text)] if params.text.strip() else [{"match_all": {}}]
    body: dict[str, Any] = {
        "query": {"bool": {"must": must, "filter": filters(params)}},
        "size": params.size,
        "sort": SORTS[params.sort],
        "track_total_hits": True,
        "track_scores": True,
        "_source": ["title", "url", "canonical_url", "published"],
        "highlight": _highlight(),
        "aggs": _aggregations(params.tz),
    }
    if params.after:
        body["search_after"] = decode_cursor(params.after, params.sort)
    return body


def _merge_highlight(raw: Mapping[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for name in sorted(
        raw, key=lambda name: name.startswith("localized.")
    ):  # "body" before "localized.de.body"
        merged.setdefault(name.split(".")[-1], list(raw[name]))
    return merged


def _hit(raw: Mapping[str, Any]) -> Hit:
    source = raw.get("_source", {})
    return Hit(
        id=str(raw["_id"]),
        title=source.get("title"),
        url=source.get("canonical_url") or source.get("url"),
        published=source.get("published"),
        score=raw.get("_score"),
        highlight=_merge_highlight(raw.get("highlight", {})),
    )


def _facets(aggs: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    facets = {
        field: [
            {"value": _spelling(b), "count": b["doc_count"]} for b in aggs.get(field, {}).get("buckets", [])
        ]
        for field in FACET_FIELDS
    }
    histogram = aggs.get("published", {})
    facets["published"] = [
        {
            "date": b.get("key_as_string", b["key"]),
            "count": b["doc_count"],
            "interval": histogram.get("interval"),
        }
        for b in histogram.get("buckets", [])
    ]
    return facets


def _spelling(bucket: Mapping[str, Any]) -> Any:
    """A facet bucket's value: for a case-folded facet its most frequent spelling among the values
    read (the lower-cased key when none of them is one), else its key."""
    key = bucket["key"]
    values = (value["key"] for value in bucket.get("spelling", {}).get("buckets", []))
    return next((value for value in values if isinstance(value, str) and value.lower() == key), key)


def parse_response(response: Mapping[str, Any], params: SearchParams) -> SearchResult:
    """The engine's response to :func:`build_body` as a :class:`SearchResult`."""
    raw_hits = response["hits"]["hits"]
    total = response["hits"]["total"]
    last_sort = raw_hits[-1].get("sort") if raw_hits else None
    more = len(raw_hits) == params.size and last_sort is not None
    return SearchResult(
        total=int(total["value"] if isinstance(total, Mapping) else total),
        hits=tuple(_hit(raw) for raw in raw_hits),
        facets=_facets(response.get("aggregations", {})),
        next=encode_cursor(params.sort, list(last_sort)) if more and last_sort is not None else None,
    )
