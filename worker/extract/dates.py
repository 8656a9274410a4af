"""Published and modified date cascades: raw date texts with their source (pure, no I/O).

Order: JSON-LD, OpenGraph ``article:*``, common meta names, microdata, ``<time>``, visible
datelines, the URL. Parsing is :mod:`worker.normalise`'s job (and :mod:`.written_dates`' for forms it
does not read), the page's own UTC offset :mod:`.offsets`'; a candidate that does not parse falls
through to the next source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from worker.extract import byline, offsets
from worker.extract.sources import PageSources
from worker.extract.values import Found, jsonld_text
from worker.extract.written_dates import parse_more
from worker.normalise import ParsedDate, first_date_text, parse_date

PUBLISHED_JSONLD = ("datePublished", "dateCreated", "uploadDate")
MODIFIED_JSONLD = ("dateModified",)
PUBLISHED_OPENGRAPH = ("article:published_time", "og:published_time", "og:article:published_time")
MODIFIED_OPENGRAPH = ("article:modified_time", "og:updated_time", "og:article:modified_time")
PUBLISHED_META = (
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "article.published",
    "article:published",
    "datepublished",
    "date.available",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "original-publish-date",
    "schema:datepublished",
    "schema:datecreated",
    "dc:date",
    "dc:created",
    "dcterms:created",
    "date",
    "created",
    "displaydate",
    "dateline",
)
MODIFIED_META = (
    "datemodified",
    "article.updated",
    "last-modified",
    "lastmod",
    "dcterms.modified",
    "schema:datemodified",
    "dcterms:modified",
    "dc.date.modified",
    "revised",
)
_TIME_PUBLISHED = re.compile(r"publish|publica|pubblica|pubdate|created|posted|entry-date", re.I)
_TIME_MODIFIED = re.compile(r"updat|modif", re.I)
_MAX_WEAK = 30
_OTHER_PUBLISHED_KEY = re.compile(r"publish|created|uploaded|release|(?:^|[:._-])date")
_MAX_SCRIPT_SEARCH = 2_000_000
_SCRIPT_DATE_KEYS = (
    "datePublished",
    "published_at",
    "publishedAt",
    "publish_date",
    "publishDate",
    "date_published",
    "pubDate",
    "firstPublished",
    "published_time",
    "releaseDate",
)
_SCRIPT_DATE = re.compile(
    rf"[\"'](?:{'|'.join(_SCRIPT_DATE_KEYS)})[\"']\s*:\s*[\"'](\d{{4}}-\d{{2}}-\d{{2}}[^\"']{{0,30}})[\"']"
)
_URL_DAY_FIRST = re.compile(r"/([0-3]\d)-([01]\d)-((?:19|20)\d{2})(?:/|[-_.]|$)")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?([01]\d)[/-]?([0-3]\d)(?:/|[-_]|\.html|$)")


@dataclass(frozen=True, slots=True)
class RawDates:
    """Parsed (still possibly naive) published and modified dates with their sources."""

    published: Found[ParsedDate] | None
    modified: Found[ParsedDate] | None


def extract_dates(tree: LexborHTMLParser, sources: PageSources, url: str, html: str) -> RawDates:
    """Run the published and the modified cascades."""
    candidates = _published_candidates(sources)
    time_texts = [tag.datetime or tag.text for tag in sources.times]
    published = offsets.written_elsewhere(
        _corroborated(candidates, sources) or _first_parsed(candidates), _texts(candidates, time_texts)
    )
    modified_candidates = _modified_candidates(sources)
    modified = offsets.written_elsewhere(
        _first_parsed(modified_candidates), _texts(modified_candidates, time_texts)
    )
    generic = published is not None and _from_generic_meta(published, sources)
    in_utc = offsets.in_utc(published)
    texts = byline.dateline_texts(tree) if published is None or modified is None or generic or in_utc else []
    if in_utc:
        published = offsets.shown_locally(published, time_texts, texts)
    if published is None or modified is None or generic:
        lines = byline.datelines(texts)
        if generic and published is not None:  # (an earlier day shown on the page is the published one)
            shown = _shown_date(tree, sources, texts, lines.published)
            if shown is not None and shown.value.value.date() < published.value.value.date():
                published, modified = shown, modified or published
        text = ""
        if lines.published is None and published is None:
            text = byline.page_text(tree)
            lines = byline.page_text_datelines(text)
        published = published or _first_parsed([Found(lines.published, "byline-text")])
        modified = modified or _first_parsed([Found(lines.modified, "byline-text")])
        published = published or _url_date(url, *_page_urls(sources))
        published = published or _byline_date(tree) or _first_parsed(_dated_elements(texts))
        published = published or _first_parsed(_time_candidates(sources, _TIME_PUBLISHED, fallback=True))
        published = published or _script_date(html) or _date_in_text(text)
        published = published or _described_date(sources)
        published = published or _url_date(*sources.meta.get("og:image", ())[:1])  # its upload folder
    return RawDates(published, modified)


def _texts(candidates: list[Found[str | None]], time_texts: list[str]) -> list[str | None]:
    """The date texts of a cascade's ``candidates``, then of the page's ``<time>`` elements."""
    return [*(item.value for item in candidates), *time_texts]


def _shown_date(
    tree: LexborHTMLParser, sources: PageSources, texts: list[str], labelled: str | None
) -> Found[ParsedDate] | None:
    """The date the page shows: a labelled dateline, a date in the author line, a date-ish element's,
    a ``<time>``'s."""
    return (
        _first_parsed([Found(labelled, "byline-text")])
        or _byline_date(tree)
        or _first_parsed(_dated_elements(texts))
        or _first_parsed(_time_candidates(sources, _TIME_PUBLISHED, fallback=True))
    )


def _from_generic_meta(published: Found[ParsedDate], sources: PageSources) -> bool:
    """Whether ``published`` is a bare day from a generic ``date`` meta (which many CMSs fill with
    the day the page last changed)."""
    if published.source != "meta" or published.value.has_time:
        return False
    found = sources.first_meta(*PUBLISHED_META)
    if found is None or found[1] not in _GENERIC_DATE_META:
        return False
    parsed = _first_parsed([Found(found[0], "meta")])  # (the meta gave it, not a later "meta" source)
    return parsed is not None and parsed.value == published.value


_GENERIC_DATE_META = frozenset({"date", "dc.date", "dcterms.date", "dc:date"})


def _corroborated(candidates: list[Found[str | None]], sources: PageSources) -> Found[ParsedDate] | None:
    """Of a JSON-LD and an OpenGraph date on different days, the one more other dates agree with.

    ``None`` when they agree (or one is missing, or the others do not tell): the cascade order rules.
    """
    ranked = [item for item in candidates if item.source in ("json-ld", "opengraph")][:2]
    parsed = [found for found in map(_first_parsed, ([item] for item in ranked)) if found is not None]
    if len(parsed) < 2:
        return None
    first, second = parsed
    if first.value.value.date() == second.value.value.date():
        return None
    given = {item.value for item in ranked}  # the same text under another key is no second opinion
    texts = [item.value for item in candidates] + [tag.datetime or tag.text for tag in sources.times[:10]]
    others = [_first_parsed([Found(text, "")]) for text in texts if text not in given]
    days = [item.value.value.date() for item in others if item is not None]
    support = days.count(second.value.value.date()) - days.count(first.value.value.date())
    return second if support > 0 else None


def _described_date(sources: PageSources) -> Found[ParsedDate] | None:
    """A date written in the page's description ("... (Notizia del 14 Gennaio 2020)")."""
    described = sources.first_meta("description", "og:description")
    return _date_in_text(described[0][:_MAX_DESCRIPTION_CHARS]) if described else None


_MAX_DESCRIPTION_CHARS = 1_000


def _byline_date(tree: LexborHTMLParser) -> Found[ParsedDate] | None:
    """A date written in the author or "submitted" line ("von Fred Hüning 31.10.2023"), comments aside."""
    for node in tree.css(_AUTHOR_LINES)[:_MAX_AUTHOR_LINES]:
        text = node.text(separator=" ", strip=True)
        if len(text) <= _MAX_AUTHOR_LINE_CHARS and any(char.isdigit() for char in text):
            found = _first_parsed([Found(text, "byline-text")])
            if found is not None and not byline.in_boilerplate(node):
                return found
    return None


_AUTHOR_LINES = '[class*="author"], [class*="autor"], [class*="submitted"]'
_MAX_AUTHOR_LINES = 10
_MAX_AUTHOR_LINE_CHARS = 160


def _page_urls(sources: PageSources) -> list[str]:
    """The page's own other addresses (canonical, og:url): a date in them dates the page."""
    return [url for url in (sources.links.get("canonical"), *sources.meta.get("og:url", ())[:1]) if url]


def _script_date(html: str) -> Found[ParsedDate] | None:
    """A publication date in inline script data ("published_at": "2019-03-02T06:22:28+01:00")."""
    matches = (_script_date_at(html, key) for key in _SCRIPT_DATE_KEYS)
    match = min((found for found in matches if found), key=lambda found: found.start(), default=None)
    return _first_parsed([Found(match[1], "heuristic")]) if match else None


def _script_date_at(html: str, key: str) -> re.Match[str] | None:
    """The first :data:`_SCRIPT_DATE` match at a quoted ``key`` in the searched part of ``html``.

    ``str.find`` of each key, then a match there, gives the same leftmost match as one regex search
    at a fraction of its cost: the search tried the pattern at every character of up to 2 MB.
    """
    start = html.find(key, 1, _MAX_SCRIPT_SEARCH)
    while start != -1:
        if match := _SCRIPT_DATE.match(html, start - 1, _MAX_SCRIPT_SEARCH):
            return match
        start = html.find(key, start + 1, _MAX_SCRIPT_SEARCH)
    return None


def _dated_elements(texts: list[str]) -> list[Found[str | None]]:
    """Unlabelled dates of date-ish elements, in order."""
    dated: list[Found[str | None]] = [
        Found(item, "heuristic") for item in texts if any(char.isdigit() for char in item)
    ]
    return dated[:_MAX_WEAK]


def _published_candidates(sources: PageSources) -> list[Found[str | None]]:
    return [
        Found(jsonld_text(sources.article_value(*PUBLISHED_JSONLD), "@value"), "json-ld"),
        *_meta_candidates(sources, PUBLISHED_OPENGRAPH, "opengraph"),
        *_meta_candidates(sources, PUBLISHED_META, "meta"),
        *_microdata_candidates(sources, "datePublished"),
        *_time_candidates(sources, _TIME_PUBLISHED, fallback=False),
        *_other_meta_candidates(sources),
    ]


def _modified_candidates(sources: PageSources) -> list[Found[str | None]]:
    return [
        Found(jsonld_text(sources.article_value(*MODIFIED_JSONLD), "@value"), "json-ld"),
        *_meta_candidates(sources, MODIFIED_OPENGRAPH, "opengraph"),
        *_meta_candidates(sources, MODIFIED_META, "meta"),
        *_microdata_candidates(sources, "dateModified"),
        *_time_candidates(sources, _TIME_MODIFIED, fallback=False),
    ]


def _meta_candidates(sources: PageSources, keys: tuple[str, ...], source: str) -> list[Found[str | None]]:
    found = sources.first_meta(*keys)
    return [Found(found[0], source)] if found else []


def _other_meta_candidates(sources: PageSources) -> list[Found[str | None]]:
    """Any other meta key that says published/created/uploaded with an ISO date ("x:uploaded")."""
    found: list[Found[str | None]] = [
        Found(values[0], "meta")
        for key, values in sources.meta.items()
        if _OTHER_PUBLISHED_KEY.search(key) and not _TIME_MODIFIED.search(key) and values[0][:4].isdigit()
    ]
    return found[:2]


def _microdata_candidates(sources: PageSources, key: str) -> list[Found[str | None]]:
    return [Found(value, "microdata") for value in sources.microdata.get(key, ())[:1]]


def _time_candidates(
    sources: PageSources, context: re.Pattern[str], fallback: bool
) -> list[Found[str | None]]:
    dated = [tag for tag in sources.times if tag.datetime or any(char.isdigit() for char in tag.text)]
    matching = [tag for tag in dated if context.search(tag.context) and not _other(tag.context, context)]
    chosen = matching or (dated[:1] if fallback else [])
    return [Found(tag.datetime or tag.text, "time-element") for tag in chosen[:2]]


def _other(context_text: str, wanted: re.Pattern[str]) -> bool:
    """A modified-looking ``<time>`` is not a published one (and the reverse is fine)."""
    return wanted is _TIME_PUBLISHED and bool(_TIME_MODIFIED.search(context_text))


def _first_parsed(candidates: list[Found[str | None]]) -> Found[ParsedDate] | None:
    for candidate in candidates:
        parsed = parse_date(candidate.value) or parse_more(candidate.value)
        if parsed is not None:
            return Found(parsed, candidate.source)
    return None


def _date_in_text(text: str) -> Found[ParsedDate] | None:
    """The first date written in ``text``: in a form the shared parser reads, else in one of the
    forms above."""
    written = _first_parsed([Found(first_date_text(text), "heuristic")])
    if written is not None:
        return written
    parsed = parse_more(text)
    return Found(parsed, "heuristic") if parsed is not None else None


def _url_date(*urls: str) -> Found[ParsedDate] | None:
    """A date written in the first of ``urls`` that has one (/2021/03/04/, /20210304/, /04-03-2021)."""
    for url in urls:
        match = _URL_DATE.search(url)
        parsed = parse_date(f"{match[1]}-{match[2]}-{match[3]}") if match else None
        if parsed is None and (day_first := _URL_DAY_FIRST.search(url)):
            parsed = parse_date(f"{day_first[3]}-{day_first[2]}-{day_first[1]}")
        if parsed is not None:
            return Found(parsed, "url")
    return None
