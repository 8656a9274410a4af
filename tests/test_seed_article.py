"""The seed fixture: a JPost-style page (menus, Most Read, Hot Opinion, newsletter, captions, tags, footer).

Built to look like the page rendered in ``../shared/seed/article.txt``; the whole expected article is
spelled out here, field by field.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from worker.extract import ExtractOptions, extract_article
from worker.models import Article, Image

FIXTURE = Path(__file__).parent / "fixtures" / "seed_article.html"
URL = "https://www.jpost.com/international/article-693863?utm_source=twitter&utm_medium=social"
OPTIONS = ExtractOptions(site_timezones={"jpost.com": "Asia/Jerusalem"})
ISRAEL_WINTER = timezone(timedelta(hours=2))

# The article text exactly: 15 paragraphs, no caption, no newsletter, no "Most Read", no footer.
EXPECTED_BODY = (
    (Path(__file__).parent / "fixtures" / "seed_article.body.txt").read_text(encoding="utf-8").strip()
)
LEAD_IMAGE = Image(
    url="https://images.jpost.com/image/upload/f_auto,fl_lossy/q_auto/c_fill,g_faces:center,h_537,w_822/500437",
    caption="RUSSIAN PRESIDENT Vladimir Putin meets with Prime Minister Naftali Bennett in Sochi last month.",
    credit="Evgeny Biyatov/Sputnik-Kremlin via Reuters",
    alt="RUSSIAN PRESIDENT Vladimir Putin meets with Prime Minister Naftali Bennett in Sochi last month.",
)
ACTIVIST = (
    "An activist holds Russia's national flag, during a rally at the war memorial complex Savur-Mohyla, "
    "damaged in the recent fighting with Ukraine's government forces,marking the 78th anniversary of the "
    "liberation of the Donbas region,Ukraine September 8, 2021."
)
SECOND_IMAGE = Image(
    url="https://images.jpost.com/image/upload/f_auto,fl_lossy/q_auto/c_fill,g_faces:center,h_407,w_690/500438",
    caption=ACTIVIST,
    credit="REUTERS/ALEXANDER ERMOCHENKO",
    alt=ACTIVIST,
)


@pytest.fixture(scope="module")
def article() -> Article:
    return extract_article(FIXTURE.read_text(encoding="utf-8"), URL, OPTIONS)


def test_seed_expected_body_is_the_seed_text() -> None:
    paragraphs = EXPECTED_BODY.split("\n\n")
    assert len(paragraphs) == 15
    assert paragraphs[0].startswith("Russian President Vladimir Putin rejected an offer")
    assert paragraphs[-1].startswith("Netanyahu was reportedly hesitant")


def test_seed_metadata_fields(article: Article) -> None:
    assert article.url == URL
    assert article.canonical_url == "https://www.jpost.com/international/article-693863"
    assert article.title == "Ukraine president asked Bennett to mediate with Russia, Putin said no"
    assert article.description == (
        "Prime Minister Naftali Bennett brought up the topic of Ukraine in his meeting with President "
        "Vladimir Putin in Sochi, offering to assist in averting a crisis between the countries."
    )
    assert article.authors == ("Lahav Harkov",)
    assert article.tags == (
        "Naftali Bennett",
        "Russia",
        "ukraine",
        "diplomacy",
        "Vladimir Putin",
        "Volodymyr Zelensky",
    )
    assert article.categories == ("World News",)
    assert article.section == "World News"
    assert article.language == "en"
    assert article.site_name == "The Jerusalem Post | JPost.com"


def test_seed_dates_take_the_site_zone(article: Article) -> None:
    assert article.published == datetime(2022, 1, 19, 16, 40, tzinfo=ISRAEL_WINTER)
    assert article.published is not None
    assert article.published.isoformat() == "2022-01-19T16:40:00+02:00"
    assert article.modified == datetime(2022, 1, 19, 17, 27, tzinfo=ISRAEL_WINTER)
    assert article.provenance["published"] == "byline-text:site-tz"
    assert article.provenance["modified"] == "byline-text:site-tz"


def test_seed_dates_without_a_site_zone_are_marked_naive() -> None:
    article = extract_article(FIXTURE.read_text(encoding="utf-8"), URL)
    assert article.published == datetime(2022, 1, 19, 16, 40, tzinfo=UTC)
    assert article.provenance["published"] == "byline-text:naive"


def test_seed_images_lead_first_with_caption_and_credit(article: Article) -> None:
    assert article.images == (LEAD_IMAGE, SECOND_IMAGE)


def test_seed_provenance(article: Article) -> None:
    assert article.provenance == {
        "published": "byline-text:site-tz",
        "modified": "byline-text:site-tz",
        "canonical_url": "html",
        "title": "opengraph",
        "description": "json-ld",
        "authors": "byline-text",
        "tags": "json-ld",
        "categories": "json-ld",
        "section": "json-ld",
        "language": "html",
        "site_name": "opengraph",
    }


def test_seed_body_is_exactly_the_article_paragraphs(article: Article) -> None:
    assert article.body == EXPECTED_BODY
    assert article.word_count == len(article.body.split())
