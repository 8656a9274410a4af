"""Normalisation of raw extracted values into clean typed values: pure functions, no I/O, no clock.

Dates become timezone-aware datetimes (the page's own offset, else the site's configured zone, else
UTC marked naive), author strings become clean name lists, URLs become canonical, text is NFC with
collapsed whitespace.
"""

from __future__ import annotations

import html
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import urljoin, urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as dateutil_parser

_SPACE = re.compile(r"\s+")


def clean_text(text: str | None) -> str | None:
    """NFC, whitespace collapsed, stripped; ``None`` for an empty result."""
    if not text:
        return None
    if "&" in text:  # entities escaped twice by the publisher ("&amp;#8217;") survive parsing once
        text = html.unescape(text)
    cleaned = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return cleaned or None


# Tags of HTML fragments found in metadata text ("<p>Standfirst</p>" in a description): names only,
# so text in angle brackets ("<The Palace>", a Korean-style title quote) stays. Inline tags go without
# a trace ("M<sup>es</sup>"), block tags and line breaks leave a space.
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|cite|code|del|em|font|i|ins|mark|q|s|small|span|strike|strong|sub|sup|u)(?:\s[^<>]*)?>",
    re.IGNORECASE,
)
_BLOCK_TAG = re.compile(
    r"</?(?:blockquote|br|div|figcaption|figure|h[1-6]|hr|img|li|ol|p|pre|table|td|th|tr|ul)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)


def plain_text(text: str | None) -> str | None:
    """:func:`clean_text` of a metadata value that may be an HTML fragment (a description or a caption
    given as escaped markup): its tags removed and its entities, escaped with it, decoded."""
    cleaned = clean_text(text)
    if not cleaned or "<" not in cleaned:
        return cleaned
    stripped = _BLOCK_TAG.sub(" ", _INLINE_TAG.sub("", cleaned))
    return clean_text(stripped) if stripped != cleaned else cleaned


# --- dates --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A parsed date: ``value`` is naive when the text carried no UTC offset."""

    value: datetime
    has_time: bool


_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar janvier enero gennaio januari janeiro jänner stycznia ocak",
        "february feb februar février fevrier febrero febbraio februari fevereiro feber lutego şubat",
        "march mar märz maerz mars marzo maart março marco marts marca mart",
        "april apr avril abril aprile kwietnia nisan",
        "may mai mayo maggio mei maio maj maja may\u0131s",
        "june jun juni juin junio giugno junho czerwca haziran",
        "july jul juli juillet julio luglio julho lipca temmuz",
        "august aug août aout agosto augustus sierpnia ağustos",
        "september sep sept septembre septiembre settembre setembro września eylül",
        "october oct oktober octobre octubre ottobre oktober outubro października ekim okt",
        "november nov novembre noviembre novembro listopada kas\u0131m",
        "december dec dezember décembre decembre diciembre dicembre desember "
        "grudnia aral\u0131k dez dezembro",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_MONTH_WORD = r"([^\W\d_]{3,12})\.?"
_TIME = r"(?:\D{0,12}?(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?"
_TEXT_PATTERNS = (
    # 19 January 2022 16:40 / 19. Januar 2022 / 19 de enero de 2022
    re.compile(r"\b(\d{1,2})\.?\s+(?:de\s+)?" + _MONTH_WORD + r",?\s+(?:de\s+)?(\d{4})" + _TIME, re.I),
    # January 19, 2022 16:40
    re.compile(r"\b" + _MONTH_WORD + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _TIME, re.I),
)
_NUMERIC = re.compile(r"\b(\d{1,2})([./-])(\d{1,2})\2(\d{4})" + _TIME)
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])")
_ISO_DAY = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")
_OFFSET = re.compile(r"(?:GMT|UTC|Z)?\s*([+-]\d{2}):?(\d{2})\b")


def parse_date(text: str | None) -> ParsedDate | None:
    """Parse a date from metadata or visible text; ISO 8601 first, then common written forms."""
    if not text:
        return None
    text = text.strip()[:200]
    parsed = _parse_iso(text) or _parse_written(text) or _parse_fallback(text)
    if parsed is None or not 1990 <= parsed.value.year <= 2100:
        return None
    return parsed


def _parse_iso(text: str) -> ParsedDate | None:
    if not (len(text) >= 10 and text[:4].isdigit() and text[4] == "-"):
        return None
    candidate = text.replace(" ", "T", 1) if len(text) > 10 else text
    try:
        value = datetime.fromisoformat(candidate)
    except ValueError:
        return None
    return ParsedDate(value, has_time=len(text) > 10)


def _parse_written(text: str) -> ParsedDate | None:
    for index, pattern in enumerate(_TEXT_PATTERNS):
        for match in pattern.finditer(text):
            groups = match.groups()
            day, month_word, year = (
                (groups[0], groups[1], groups[2]) if index == 0 else (*groups[1::-1], groups[2])
            )
            month = _MONTHS.get(month_word.lower())
            if month:
                return _build(text, int(year), month, int(day), groups[3:])
    numeric = _NUMERIC.search(text)
    if numeric:  # day first (01.11.2023, 01-11-2023) unless only the US order makes sense (04/15/2020)
        day, month, year = int(numeric[1]), int(numeric[3]), int(numeric[4])
        if month > 12 >= day:
            day, month = month, day
        return _build(text, year, month, day, numeric.groups()[4:])
    iso = _ISO_DAY.search(text)
    if iso:
        return _build(text, int(iso[1]), int(iso[2]), int(iso[3]), (None, None, None, None))
    short = _SHORT_YEAR.search(text)  # 28.01.22
    if short:
        return _build(text, 2000 + int(short[3]), int(short[2]), int(short[1]), (None, None, None, None))
    return None


_ANY_DATE = re.compile(
    r"\b\d{1,2}[./]\s?\d{1,2}[./]\s?\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|"
    r"\b\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,12}\.?,?\s+(?:de\s+)?\d{4}\b|\b[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b"
)


def first_date_text(text: str) -> str | None:
    """The first written date in ``text`` that parses (with up to 40 following characters for a time)."""
    for match in _ANY_DATE.finditer(text):
        candidate = text[match.start() : match.end() + 40]
        if _parse_written(candidate) is not None:
            return candidate
    return None


def _build(text: str, year: int, month: int, day: int, clock: tuple[str | None, ...]) -> ParsedDate | None:
    hour_text, minute_text, second_text, meridiem = clock
    hour = int(hour_text) if hour_text else 0
    if meridiem and meridiem[0].lower() == "p" and hour < 12:
        hour += 12
    elif meridiem and hour == 12:
        hour = 0
    try:
        value = datetime(year, month, day, hour, int(minute_text or 0), int(second_text or 0))
    except ValueError:
        return None
    offset = _OFFSET.search(text[text.find(minute_text) :]) if minute_text else None
    if offset:
        sign = -1 if offset[1][0] == "-" else 1
        delta = timedelta(hours=int(offset[1][1:]), minutes=int(offset[2]))
        if delta < timedelta(hours=15):
            value = value.replace(tzinfo=timezone(sign * delta))
    return ParsedDate(value, has_time=hour_text is not None)


def _parse_fallback(text: str) -> ParsedDate | None:
    if len(text) > 40 or not any(char.isdigit() for char in text):
        return None
    try:
        with warnings.catch_warnings():  # unknown zone names ("CEST") warn; the date is still right
            warnings.simplefilter("ignore")
            value = dateutil_parser.parse(text, default=datetime(1, 1, 1))  # no clock: fixed default
    except (ValueError, OverflowError, TypeError):
        return None
    return ParsedDate(value, has_time=bool(value.hour or value.minute))


def site_zone(host: str, site_timezones: Mapping[str, str]) -> ZoneInfo | None:
    """The configured IANA zone of ``host`` (longest matching host suffix), if any."""
    host = host.lower().rstrip(".")
    for suffix in sorted(site_timezones, key=len, reverse=True):
        if host == suffix or host.endswith("." + suffix):
            try:
                return ZoneInfo(site_timezones[suffix])
            except (ZoneInfoNotFoundError, ValueError):
                return None
    return None


def localise(value: datetime, zone: ZoneInfo | None) -> tuple[datetime, str]:
    """Make ``value`` aware: its own offset, else ``zone``; else UTC with the ``naive`` marker."""
    if value.tzinfo is not None:
        return value, ""
    if zone is not None:
        return value.replace(tzinfo=zone), ":site-tz"
    return value.replace(tzinfo=UTC), ":naive"


def order_dates(published: datetime | None, modified: datetime | None) -> datetime | None:
    """The ``modified`` value kept: dropped when it is before ``published``."""
    if published is not None and modified is not None and modified < published:
        return None
    return modified


# --- authors ------------------------------------------------------------------------------------

_BY_PREFIX = re.compile(
    r"^(?:(?:view\s+)?all\s+(?:posts|articles|stories)|(?:zeige\s+)?alle\s+(?:beiträge|artikel)|"
    r"(?:more\s+)?(?:posts|articles|stories)|zum\s+profil|profil|mehr|eingestellt|erstellt|geschrieben|"
    r"verfasst|artikel|(?:(?:ein|blog)\s+|gast)?(?:beitrag|kommentar)|written|posted|reported|published|text|"
    r"story|fotos?|photos?)?\s*"
    r"(?:by|von|par|por|door|av|af)\b\s*:?\s*",
    re.I,
)
_LABEL_PREFIX = re.compile(
    r"^(?:autor(?:in)?|author|auteur|text|von|by|redaktion|artikel von|piše)\s*:\s*", re.I
)
# "A and B", "A und B", "A, B"; Spanish/Italian "y"/"e" but not the "e." of "e.V."
_SPLIT = re.compile(r"\s*(?:,|;|\||&|\band\b|\bund\b|\bet\b|\by\b|\be\b(?!\.)|\bog\b|\ben\b)\s*", re.I)
_EMAIL = re.compile(r"\S+@\S+\.\S+")
_HANDLE = re.compile(r"(?:^|\s)@\w+")
_URL = re.compile(r"https?://\S+")
# A "www." address in a byline credits a company (the web agency of a CMS template), not a person.
# (A bare domain stays: pages that name no person credit the publisher, "ndr.de".)
_WEB_ADDRESS = re.compile(r"\bwww\.")
# "Organisation, City, Country" is an address after the author (a CMS's "author" meta): the country
# and a one-word city before it go.
_ADDRESS_TAIL = re.compile(
    r"(?:,\s*[^\W\d_][\w.-]*)?,\s*(?:germany|deutschland|austria|österreich|switzerland|schweiz|suisse|"
    r"france|italy|italia|spain|españa|netherlands|usa|united states|uk|united kingdom)\s*$",
    re.I,
)
# A site's credits to the people who built it, in the "author" meta of its templates.
_WEB_CREDIT = re.compile(r"^\s*(?:developed|designed|powered|hosted)\s+by\b", re.I)
_READING_TIME = re.compile(r"\b\d+\s*(?:min|mins|minutes?|minuten)\b", re.I)  # "1 Min Read"
_PARENS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
# Month names that are nobody's given name (unlike "Jan", "May", "June", "April", "August", "Julio").
_MONTH_NOT_NAMES = frozenset(_MONTHS) - {"jan", "may", "june", "april", "august", "julio", "mai", "juni"}
_TRAILING_DATE = re.compile(
    # (with the word before the date: "on", "am"..., and "ago" that comes first: "vor", "hace", "prije";
    # or the date's month: "GILLIAN MOHNEY March 11, 2015")
    r"(?:\s+(?:am|on|le|el|il|den|vor|hace|prije|há)\b)?"
    rf"(?:\s+(?:{'|'.join(map(re.escape, sorted(_MONTH_NOT_NAMES, key=len, reverse=True)))})\.?)?"
    r"\s*(?<![^\W_])\d.*$"  # (a date's digit starts no word: "CC7567" and "BR24" are names)
    r"|(?:^(?:last\s+)?(?:updated|published|aktualisiert)\s*:|\s+(?:updated|published|aktualisiert)\b).*$",
    re.I,
)
_ROLE_WORDS = frozenset(
    [
        "기자",
        "writer",
        "reporter",
        "correspondent",
        "editor",
        "senior",
        "contributor",
        "contributing",
        "columnist",
        "redakteur",
        "redakteurin",
        "korrespondent",
        "korrespondentin",
        "autor",
        "autorin",
        "ceo",
        "journalist",
        "journalistin",
        "photographer",
        "fotograf",
    ]
)
# Words that byline and author widgets put next to names: never a name on their own.
_NOT_NAMES = frozenset(
    [
        "autoren",
        "admin",
        "administrator",
        "unknown",
        "anonymous",
        "guest",
        "null",
        "none",
        "by",
        "von",
        "par",
        "por",
        "text",
        "foto",
        "photo",
        "name",
        "reply",
        "antworten",
        "follow",
        "folgen",
        "share",
        "teilen",
        "mail",
        "e-mail",
        "rss",
        "zitieren",
        "beitrag",
        "artikel",
        "posted",
        "posts",
        "comments",
        "kommentare",
        "kommentar",
        "sagt",
        "says",
        "wordpressadmin",
        "staff",
        "publisher",
        "veröffentlicht",
        "tweet",
        "link",
    ]
)
# Labels of an author page's link, set where the byline's name goes ("Zur Artikelübersicht").
_NOT_NAME_PHRASES = frozenset(
    {
        "alle beiträge",
        "alle artikel",
        "zur artikelübersicht",
        "artikelübersicht",
        "mehr über mich",
        "about the author",
        "rss-feed",
        "all posts",
        "all articles",
        "view all posts",
        "view all articles",
        "more articles",
        "view profile",
        "profil",
        "profile",
    }
)


# Degrees and licences written after a name ("Brenda Goodman, MA", "Jane Doe, MD, MPH"): split off
# at the comma they are no name. Matched as written (case-sensitive): "Ma" may be a surname.
_CREDENTIAL = re.compile(
    r"(?:Ph\.?\s?D|Pharm\.?D|Psy\.?D|Ed\.?D|D\.?Phil|M\.?Phil|M\.?D|D\.?O|D\.?D\.?S|D\.?M\.?D|D\.?V\.?M|"
    r"M\.?A|M\.?S|M\.?Sc|B\.?Sc|B\.?A|B\.?S|B\.?S\.?N|M\.?S\.?N|R\.?N|N\.?P|A\.?P\.?R\.?N|F\.?N\.?P|PA-C|"
    r"M\.?P\.?H|M\.?B\.?A|MBBS|J\.?D|LL\.?M|Esq|CPA|CFA|RDN?|LDN?|CDE|CDCES|MSW|LCSW|DPT|FAC[PS]|FRCP|MRCP)\.?"
)
# A generation written after a name and a comma ("Jane Doe, Jr."): part of the name before it.
_GENERATION = re.compile(r"(?:Jr|Sr|II|III|IV)\.?")

MAX_AUTHOR_CHARS = 5_000  # a longer "author" value is some text of the page, not a byline
MAX_AUTHORS = 100  # names kept at most (a paper's citation_author list can be long, not endless)


def clean_authors(raw: Iterable[str]) -> tuple[str, ...]:
    """Clean names from raw author strings: no prefixes, roles, emails or handles; split; deduped."""
    names: list[str] = []
    seen: set[str] = set()
    for text in raw:
        if len(text) > MAX_AUTHOR_CHARS:
            continue
        for index, part in enumerate(_split_authors(text)[:MAX_AUTHORS]):
            # (after a name only: alone, "LD" or "MA" is someone's initials)
            if index and _CREDENTIAL.fullmatch(part):
                continue
            if index and _GENERATION.fullmatch(part) and names:
                seen.discard(names[-1].casefold())
                names[-1] = f"{names[-1]} {part.rstrip('.')}"
                seen.add(names[-1].casefold())
                continue
            name = _clean_name(part)
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    return tuple(names[:MAX_AUTHORS])


def _split_authors(text: str) -> list[str]:
    if "&" in text:
        text = html.unescape(text)
    text = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    if _WEB_CREDIT.match(text):
        return []
    text = _PARENS.sub(" ", _URL.sub(" ", _EMAIL.sub(" ", text))).strip()
    text = _ADDRESS_TAIL.sub("", text)
    text = _LABEL_PREFIX.sub("", _BY_PREFIX.sub("", text))
    parts = _SPLIT.split(text) if len(text) > 3 else [text]
    return [part for part in parts if part]


def _clean_name(part: str) -> str | None:
    if _WEB_ADDRESS.search(part) or _READING_TIME.search(part):
        return None
    part = _HANDLE.sub(" ", part)
    part = _BY_PREFIX.sub("", part.strip(" -\u2013\u2014:·•|*"))
    part = _TRAILING_DATE.sub("", part) if any(char.isdigit() for char in part[2:]) else part
    words = [word for word in part.split() if word.casefold() not in _ROLE_WORDS]
    phrase = " ".join(words).casefold().strip(" *:.")
    if (
        not words
        or len(words) > 5
        or phrase in _NOT_NAMES
        or phrase in _NOT_NAME_PHRASES
        or phrase in _MONTH_NOT_NAMES  # a dateline's month read as a byline ("November", "Apr")
        or "*" in part
    ):
        return None
    name = " ".join(words).strip(" ,.-\u2013\u2014:→←»«·•|")
    if len(name) < 2 or not any(char.isalpha() for char in name):
        return None
    return name_case(name)


def name_case(name: str) -> str:
    """Turn an ALL-CAPS name into name case ("LAHAV HARKOV" -> "Lahav Harkov"); others unchanged."""
    letters = [char for char in name if char.isalpha()]
    if len(letters) < 4 or not all(char.isupper() for char in letters):
        return name
    return re.sub(r"[^\W\d_]+", lambda match: match[0].capitalize(), name)


# --- URLs, tags, language -----------------------------------------------------------------------

_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|gclsrc|dclid|msclkid|mc_cid|mc_eid|yclid|igshid|_ga|_gl|ocid|cmpid|"
    r"icid|ref_src|ref_url|spm|smid|mkt_tok|__twitter_impression|oly_\w+|vero_\w+|wt_\w+|at_\w+)$",
    re.I,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(href: str | None, base: str) -> str | None:
    """Absolute URL with lower-case scheme and host, no default port, fragment or tracking parameters."""
    if not href or href.strip().lower().startswith(("javascript:", "data:", "mailto:")):
        return None
    try:
        absolute = urljoin(base, href.strip())
        parts = urlsplit(absolute)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return strip_tracking(urlunsplit((scheme, netloc, parts.path or "/", parts.query, "")))


def absolute_url(href: str | None, base: str) -> str | None:
    """``href`` made absolute against ``base`` (cheap: no canonicalisation); ``None`` if not http(s)."""
    if not href:
        return None
    href = href.strip()
    if href.startswith(("https://", "http://")):
        return href
    if href.startswith("//"):
        return ("https:" if base.startswith("https:") else "http:") + href
    if href.startswith(("data:", "javascript:", "blob:")) or not base:
        return None
    try:
        joined = urljoin(base, href)
    except ValueError:
        return None
    return joined if joined.startswith(("https://", "http://")) else None


def strip_tracking(url: str) -> str:
    """``url`` without tracking query parameters (utm_*, fbclid, gclid...)."""
    if "?" not in url:  # no query to clean: skip parsing the URL
        return url
    parts = urlsplit(url)
    if not parts.query:
        return url
    kept = [pair for pair in parts.query.split("&") if pair and not _TRACKING.match(pair.split("=", 1)[0])]
    return urlunsplit(parts._replace(query="&".join(kept)))


def clean_tags(raw: Iterable[str]) -> tuple[str, ...]:
    """Tags trimmed, whitespace collapsed, deduplicated case-insensitively, order kept."""
    tags: list[str] = []
    seen: set[str] = set()
    for tag in raw:
        cleaned = clean_text(tag.strip(" #,;"))
        if cleaned and len(cleaned) <= 100 and cleaned.casefold() not in seen:
            seen.add(cleaned.casefold())
            tags.append(cleaned)
    return tuple(tags)


MAX_SECTION_CHARS = 80  # a longer "section" is a sentence or a paragraph, not a name
MAX_CATEGORIES = 20  # more is a site's whole menu, not the sections one article is filed under


def section_names(raw: str | None) -> list[str]:
    """The sections named by ``raw``, cleaned: a list joined by commas ("Netzwerk, Windows, Cmd",
    "Corporate,Healthcare") gives each, as a JSON-LD ``articleSection`` array does.

    Two parts joined by ", " stay whole: one section may be named so ("Arts, Culture").
    """
    text = clean_text(raw)
    if not text:
        return []
    parts = text.split(",")
    if len(parts) == 2 and parts[1].startswith(" "):
        return [text]
    return [part.strip() for part in parts if part.strip()]


def clean_categories(raw: Iterable[str]) -> tuple[str, ...]:
    """The section names in ``raw`` (see :func:`section_names`), deduplicated case-insensitively, order
    kept; a value with a name over ``MAX_SECTION_CHARS`` is a paragraph a CMS stored as its section,
    and gives none (its other comma-separated parts are pieces of sentences)."""
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        parts = section_names(value)
        if any(len(name) > MAX_SECTION_CHARS for name in parts):
            continue
        for name in parts:
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
                if len(names) == MAX_CATEGORIES:
                    return tuple(names)
    return tuple(names)


_LANGUAGE = re.compile(r"^([a-z]{2})(?:[-_][a-z0-9]+)*$", re.I)


def language_code(raw: str | None) -> str | None:
    """The ISO 639-1 code of a language tag or locale ("en-US", "de_DE" -> "en", "de")."""
    if not raw:
        return None
    match = _LANGUAGE.match(raw.strip())
    return match[1].lower() if match else None


def word_count(body: str) -> int:
    """Number of whitespace-separated words in ``body``."""
    return len(body.split())
