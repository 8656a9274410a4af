"""Table-driven tests of the pure normalisation functions (dates, names, URLs, tags, text)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from worker.normalise import (
    MAX_AUTHOR_CHARS,
    MAX_AUTHORS,
    MAX_CATEGORIES,
    canonical_url,
    clean_authors,
    clean_categories,
    clean_tags,
    clean_text,
    language_code,
    localise,
    name_case,
    order_dates,
    parse_date,
    plain_text,
    section_names,
    site_zone,
)

PLUS_2 = timezone(timedelta(hours=2))
MINUS_5 = timezone(timedelta(hours=-5))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-01-19T16:40:00+02:00", datetime(2022, 1, 19, 16, 40, tzinfo=PLUS_2)),
        ("2022-01-19T14:40:00Z", datetime(2022, 1, 19, 14, 40, tzinfo=UTC)),
        ("2022-01-19T16:40:00.123456789+0200", datetime(2022, 1, 19, 16, 40, 0, 123456, tzinfo=PLUS_2)),
        ("2022-01-19", datetime(2022, 1, 19)),
        ("2022-01-19 16:40", datetime(2022, 1, 19, 16, 40)),
        ("JANUARY 19, 2022 16:40", datetime(2022, 1, 19, 16, 40)),
        ("Jan. 5, 2020 at 4:30 p.m.", datetime(2020, 1, 5, 16, 30)),
        ("19. Januar 2022, 10:32 Uhr", datetime(2022, 1, 19, 10, 32)),
        ("Donnerstag, 15.2.2018, 19:51", datetime(2018, 2, 15, 19, 51)),
        ("10 de enero de 2021", datetime(2021, 1, 10)),
        ("3 mars 2021", datetime(2021, 3, 3)),
        (
            "19 January 2022 16:40 GMT+0100",
            datetime(2022, 1, 19, 16, 40, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("04/15/2020", datetime(2020, 4, 15)),
        ("Party, 30.10.23", datetime(2023, 10, 30)),
        ("Tue, 25 Apr 2023 10:00:00 -0500", datetime(2023, 4, 25, 10, 0, tzinfo=MINUS_5)),
        ("", None),
        ("no date here", None),
        ("Version 3", None),
        ("1066-10-14", None),  # outside the plausible range
    ],
)
def test_parse_date(text: str, expected: datetime | None) -> None:
    parsed = parse_date(text)
    if expected is None:
        assert parsed is None
        return
    assert parsed is not None
    assert parsed.value == expected
    assert (parsed.value.tzinfo is None) == (expected.tzinfo is None)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("www.jpost.com", "Asia/Jerusalem"),
        ("jpost.com", "Asia/Jerusalem"),
        ("m.spiegel.de", "Europe/Berlin"),
        ("notjpost.com", None),
        ("example.org", None),
    ],
)
def test_site_zone_matches_host_suffixes(host: str, expected: str | None) -> None:
    zones = {"jpost.com": "Asia/Jerusalem", "spiegel.de": "Europe/Berlin", "bad.example": "Not/AZone"}
    zone = site_zone(host, zones)
    assert (zone.key if zone else None) == expected


def test_localise_keeps_own_offset_uses_site_zone_else_marks_naive() -> None:
    aware = datetime(2022, 1, 19, 16, 40, tzinfo=PLUS_2)
    naive = datetime(2022, 1, 19, 16, 40)
    assert localise(aware, ZoneInfo("Europe/Berlin")) == (aware, "")
    value, marker = localise(naive, ZoneInfo("Asia/Jerusalem"))
    assert (value.isoformat(), marker) == ("2022-01-19T16:40:00+02:00", ":site-tz")
    value, marker = localise(datetime(2022, 7, 19, 16, 40), ZoneInfo("Asia/Jerusalem"))
    assert (value.isoformat(), marker) == ("2022-07-19T16:40:00+03:00", ":site-tz")  # summer time
    assert localise(naive, None) == (naive.replace(tzinfo=UTC), ":naive")


@pytest.mark.parametrize(
    ("published", "modified", "kept"),
    [
        (datetime(2022, 1, 19, 16, 40, tzinfo=UTC), datetime(2022, 1, 19, 17, 27, tzinfo=UTC), True),
        (datetime(2022, 1, 19, 16, 40, tzinfo=UTC), datetime(2022, 1, 19, 16, 40, tzinfo=UTC), True),
        (datetime(2022, 1, 19, 16, 40, tzinfo=UTC), datetime(2021, 1, 19, 16, 40, tzinfo=UTC), False),
        (None, datetime(2021, 1, 19, 16, 40, tzinfo=UTC), True),
    ],
)
def test_modified_is_never_before_published(
    published: datetime | None, modified: datetime, kept: bool
) -> None:
    assert order_dates(published, modified) == (modified if kept else None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By LAHAV HARKOV"], ("Lahav Harkov",)),
        (["Ein Beitrag von Max Müller"], ("Max Müller",)),
        (["Gastbeitrag von Anna Berg", "Blog Kommentar von Tom Meier"], ("Anna Berg", "Tom Meier")),
        (["Von Anna Schmidt und Max Müller"], ("Anna Schmidt", "Max Müller")),
        (["Jane Doe and John Roe"], ("Jane Doe", "John Roe")),
        (["Jane Doe, John Roe; Ann Poe"], ("Jane Doe", "John Roe", "Ann Poe")),
        (["Jane Doe", "jane doe"], ("Jane Doe",)),
        (["jane@example.com"], ()),
        (["Jane Doe (jane@example.com)"], ("Jane Doe",)),
        (["@janedoe"], ()),
        (["https://www.facebook.com/janedoe"], ()),
        (["John Smith, Staff Writer"], ("John Smith",)),
        (["Senior Correspondent Jane Doe"], ("Jane Doe",)),
        (["View all posts by Daniel Lemire"], ("Daniel Lemire",)),
        (["Zeige alle Beiträge von Cem Basman"], ("Cem Basman",)),
        (["MORITZ GATHMANN am 21. April 2020"], ("Moritz Gathmann",)),
        (["Romana von Mengershausen"], ("Romana von Mengershausen",)),
        (["Rocío Latorre y José Miguel Wilson"], ("Rocío Latorre", "José Miguel Wilson")),
        (["Redacci&oacute;n Central"], ("Redacción Central",)),
        (["Deutscher Caritasverband e.V."], ("Deutscher Caritasverband e.V",)),
        (["MND Staff"], ("MND Staff",)),
        (["Name *", "Reply", "admin"], ()),
        (["Web Commerce GmbH www.w-commerce.de"], ()),
        (["Jane Doe, www.janedoe.com"], ("Jane Doe",)),
        (["ndr.de"], ("ndr.de",)),
        (["St.Clair Harris"], ("St.Clair Harris",)),
        (["1 Min Read"], ()),
        (["SPIEGEL ONLINE, Hamburg, Germany"], ("Spiegel Online",)),
        (["Sebastian Held, Daniel Hentschel, Germany"], ("Sebastian Held", "Daniel Hentschel")),
        (["Developed By Heba Musa"], ()),
        (["Ashok Pradhan", "Apr", "November"], ("Ashok Pradhan",)),
        (["Jan", "May"], ("Jan", "May")),
        (["Ryan Merkley, CEO"], ("Ryan Merkley",)),
        (["publisher"], ()),
        (["Piše: P. Mucović"], ("P. Mucović",)),
        (["José Miguel Wilson Hace 3 horas"], ("José Miguel Wilson",)),
        (["By GILLIAN MOHNEY March 11, 2015 3:46 PM"], ("Gillian Mohney",)),  # the date's month too
        (["CC7567", "BR24 Redaktion"], ("CC7567", "BR24 Redaktion")),  # digits in a word are no date
        (["James Akinaka\u20228h"], ("James Akinaka",)),  # a byline's "• 8h" ago
        (["Brian May 3 hours ago"], ("Brian May",)),  # a month that is a name stays
        (["Last Updated: January 7, 2025"], ()),  # a dateline is no byline
        (["Updated: 3 May 2021"], ()),
        (["Zur Artikelübersicht", "View all posts", "Moritz Gathmann"], ("Moritz Gathmann",)),  # link labels
        # degrees after a name are no names; a generation belongs to the name; initials alone stay
        (["By Brenda  Goodman, MA"], ("Brenda Goodman",)),
        (["Jane Doe, MD, MPH", "John Roe, Ph.D."], ("Jane Doe", "John Roe")),
        (["Jane Doe and John Roe, PhD"], ("Jane Doe", "John Roe")),
        (["Jane Doe, Jr."], ("Jane Doe Jr",)),
        (["LD"], ("LD",)),
        (["Li Wei, Ma Lin"], ("Li Wei", "Ma Lin")),
    ],
)
def test_clean_authors(raw: list[str], expected: tuple[str, ...]) -> None:
    assert clean_authors(raw) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("LAHAV HARKOV", "Lahav Harkov"),
        ("JEAN-PIERRE O'NEIL", "Jean-Pierre O'Neil"),
        ("Bill MCCARTHY", "Bill MCCARTHY"),  # mixed case is the publisher's choice
        ("AFP", "AFP"),  # short acronyms stay
        ("Lahav Harkov", "Lahav Harkov"),
    ],
)
def test_name_case(name: str, expected: str) -> None:
    assert name_case(name) == expected


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        (
            "https://WWW.Example.COM:443/a/b?utm_source=x&id=7#top",
            "https://example.com/",
            "https://www.example.com/a/b?id=7",
        ),
        ("http://example.com:80/a", "https://example.com/", "http://example.com/a"),
        ("http://example.com:8080/a", "https://example.com/", "http://example.com:8080/a"),
        ("/news/1?fbclid=abc&gclid=def", "https://example.com/x", "https://example.com/news/1"),
        ("//cdn.example.com/a", "https://example.com/", "https://cdn.example.com/a"),
        ("https://example.com", "", "https://example.com/"),
        ("javascript:void(0)", "https://example.com/", None),
        ("mailto:a@example.com", "https://example.com/", None),
        ("", "https://example.com/", None),
        ("http://[::1", "https://example.com/", None),
    ],
)
def test_canonical_url(href: str, base: str, expected: str | None) -> None:
    assert canonical_url(href, base) == expected


def test_clean_tags_trims_and_dedupes_case_insensitively() -> None:
    assert clean_tags([" Russia ", "russia", "#ukraine", "", "Vladimir  Putin", "x" * 101]) == (
        "Russia",
        "ukraine",
        "Vladimir Putin",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  a \n\t b  ", "a b"),
        ("Cafe\u0301", "Café"),  # NFC
        ("Tom &amp;amp; Jerry", "Tom &amp; Jerry"),  # one level of stray escaping undone
        ("It&#8217;s", "It\u2019s"),
        ("   ", None),
        (None, None),
    ],
)
def test_clean_text(text: str | None, expected: str | None) -> None:
    assert clean_text(text) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("en-US", "en"), ("de_DE", "de"), ("FR", "fr"), ("english", None), ("", None), (None, None)],
)
def test_language_code(raw: str | None, expected: str | None) -> None:
    assert language_code(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Politics ", ["Politics"]),
        ("Arts, Culture", ["Arts, Culture"]),
        ("Netzwerk, Windows, Cmd, Installation", ["Netzwerk", "Windows", "Cmd", "Installation"]),
        ("Corporate,Healthcare", ["Corporate", "Healthcare"]),
        (", World,Europe", ["World", "Europe"]),
        (",", []),
        ("", []),
        (None, []),
    ],
)
def test_section_names(raw: str | None, expected: list[str]) -> None:
    assert section_names(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["World", "world ", "Europe"], ("World", "Europe")),
        (["Sport, Tennis, Sport"], ("Sport", "Tennis")),
        (["Der Olympiasieger, so heißt es, " + "x" * 90, "Sport"], ("Sport",)),
        ([f"Section {n}" for n in range(50)], tuple(f"Section {n}" for n in range(MAX_CATEGORIES))),
        ([], ()),
    ],
)
def test_clean_categories(raw: list[str], expected: tuple[str, ...]) -> None:
    assert clean_categories(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<p>Here&#x27;s what we know.</p>", "Here's what we know."),
        ("&lt;p&gt;<strong>Lead</strong> text&lt;/p&gt;", "Lead text"),
        ("M<sup>es</sup> Serfati et Assor", "Mes Serfati et Assor"),
        ('Spot it?<br><small>By <a href="https://x.example/">R. Gomez</a></small>', "Spot it? By R. Gomez"),
        ("They saw <The Palace: Tale of Jang Noksu>", "They saw <The Palace: Tale of Jang Noksu>"),
        ("if a < b and b > c", "if a < b and b > c"),
        ("<p> </p>", None),
        (None, None),
    ],
)
def test_plain_text(raw: str | None, expected: str | None) -> None:
    assert plain_text(raw) == expected


def test_author_values_are_bounded() -> None:
    """A page's text in an "author" field is no byline, and a name list ends somewhere: both bound
    the work a hostile page can cause (a 4 MB author meta took 5 s before)."""
    assert clean_authors(["Jane Doe, " * (MAX_AUTHOR_CHARS // 10 + 1)]) == ()
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    many = ", ".join(f"Anna {first}{second}" for first in letters for second in letters[:6])  # 156 names
    assert len(many) < MAX_AUTHOR_CHARS
    names = clean_authors([many])
    assert len(names) == MAX_AUTHORS and names[:2] == ("Anna AA", "Anna AB")
