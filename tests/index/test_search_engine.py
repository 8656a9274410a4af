"""Search on the real engine, both client paths: analysis, phrases, dates, facets, highlight, paging."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.index.conftest import Stack, entry
from worker.errors import PermanentError
from worker.index.query import SearchParams
from worker.index.search import search

pytestmark = pytest.mark.services


def ids(stack: Stack, **params: object) -> set[str]:
    result = search(stack.engine, stack.settings, SearchParams(size=100, **params))  # type: ignore[arg-type]
    return {hit.url or "" for hit in result.hits}


def test_english_stemming_matches_other_word_forms(stack: Stack) -> None:
    stack.indexer.index(
        [
            entry("https://a.test/1", body="The envoy agreed to mediate between the two parties."),
            entry("https://a.test/2", body="Nothing about talks here, only weather."),
        ]
    )
    stack.refresh()
    assert ids(stack, text="mediating") == {"https://a.test/1"}
    assert ids(stack, text="mediated") == {"https://a.test/1"}


def test_german_article_is_stemmed_with_the_german_analyzer(stack: Stack) -> None:
    stack.indexer.index(
        [entry("https://de.test/1", body="Die neuen Häuser wurden gestern verkauft.", language="de")]
    )
    stack.refresh()
    assert ids(stack, text="Haus") == {"https://de.test/1"}


def test_phrase_query_needs_the_words_in_order(stack: Stack) -> None:
    stack.indexer.index(
        [
            entry("https://a.test/in-order", body="A red car was parked outside the station."),
            entry("https://a.test/other-order", body="The car, painted red, was parked outside."),
        ]
    )
    stack.refresh()
    assert ids(stack, text='"red car"') == {"https://a.test/in-order"}
    assert ids(stack, text="red car") == {"https://a.test/in-order", "https://a.test/other-order"}


def test_lucene_syntax_in_user_text_is_not_an_error(stack: Stack) -> None:
    stack.indexer.index([entry("https://a.test/1", body="Budget talks resumed (again) on Monday.")])
    stack.refresh()
    assert ids(stack, text="budget) AND title:[* TO") == set()
    assert ids(stack, text="talks (again") == {"https://a.test/1"}


def _dated(stack: Stack) -> None:
    moments = {
        "before": datetime(2024, 4, 30, 23, 59, 59, 999000, tzinfo=UTC),
        "start": datetime(2024, 5, 1, 0, 0, tzinfo=UTC),
        "end": datetime(2024, 5, 1, 23, 59, 59, 999000, tzinfo=UTC),
        "after": datetime(2024, 5, 2, 0, 0, tzinfo=UTC),
    }
    stack.indexer.index(
        [entry(f"https://d.test/{name}", published=moment) for name, moment in moments.items()]
    )
    stack.refresh()


def test_date_bounds_are_inclusive_and_a_date_covers_its_whole_day(stack: Stack) -> None:
    _dated(stack)
    day = ids(stack, since="2024-05-01", until="2024-05-01")
    assert day == {"https://d.test/start", "https://d.test/end"}
    assert ids(stack, since="2024-05-01T23:59:59.999Z") == {"https://d.test/end", "https://d.test/after"}
    assert ids(stack, until="2024-05-01T00:00:00Z") == {"https://d.test/before", "https://d.test/start"}


def test_dates_without_offset_are_read_in_the_requested_time_zone(stack: Stack) -> None:
    _dated(stack)
    # 2 May in Berlin (UTC+2 in summer) is 1 May 22:00 UTC to 2 May 21:59:59.999 UTC
    berlin = ids(stack, since="2024-05-02", until="2024-05-02", tz="Europe/Berlin")
    assert berlin == {"https://d.test/end", "https://d.test/after"}
    assert ids(stack, since="2024-05-02", until="2024-05-02", tz="+02:00") == berlin
    assert ids(stack, since="2024-05-02", until="2024-05-02", tz="UTC") == {"https://d.test/after"}
    new_york = ids(stack, since="2024-04-30T20:00:00", until="2024-04-30T20:00:00", tz="America/New_York")
    assert new_york == {"https://d.test/start"}


def test_relative_dates(stack: Stack) -> None:
    now = datetime.now(UTC)
    stack.indexer.index(
        [
            entry("https://r.test/recent", published=now - timedelta(days=1)),
            entry("https://r.test/old", published=now - timedelta(days=30)),
        ]
    )
    stack.refresh()
    assert ids(stack, since="now-7d") == {"https://r.test/recent"}
    assert ids(stack, until="now-7d/d") == {"https://r.test/old"}


def test_bad_parameters_are_invalid_queries(stack: Stack) -> None:
    for params in (SearchParams(since="yesterday"), SearchParams(tz="Mars/Base"), SearchParams(after="!!")):
        with pytest.raises(PermanentError) as raised:
            search(stack.engine, stack.settings, params)
        assert raised.value.reason == "invalid_query"


def test_facet_counts_follow_the_query_and_filters_whatever_the_case(stack: Stack) -> None:
    stack.indexer.index(
        [
            entry(
                "https://one.test/1",
                body="election news",
                authors=("Ann Lee",),
                tags=("politics",),
                categories=("World", "Europe"),
                language="en",
            ),
            entry(
                "https://one.test/2",
                body="election result",
                authors=("Ann Lee", "Bo Ek"),
                tags=("Politics", "vote"),
                categories=("world",),
            ),
            entry(
                "https://www.two.test/3",
                body="election day",
                authors=("Bo Ek",),
                tags=("politics",),
                categories=("World",),
                language="fr",
            ),
            entry("https://two.test/4", body="football news", authors=("Cy Ho",), tags=("sport",)),
        ]
    )
    stack.refresh()
    result = search(stack.engine, stack.settings, SearchParams(text="election"))
    assert result.total == 3
    facets = {name: {b["value"]: b["count"] for b in buckets} for name, buckets in result.facets.items()}
    assert facets["site"] == {"one.test": 2, "two.test": 1}
    assert facets["authors"] == {"Ann Lee": 2, "Bo Ek": 2}
    # one bucket per tag whatever its case, shown in its most frequent spelling
    assert facets["tags"] == {"politics": 3, "vote": 1}
    assert facets["categories"] == {"World": 3, "Europe": 1}
    assert facets["language"] == {"en": 1, "fr": 1}
    assert sum(b["count"] for b in result.facets["published"]) == 0  # no published dates here
    filtered = search(stack.engine, stack.settings, SearchParams(author="bo ek", site="www.two.test"))
    assert [hit.url for hit in filtered.hits] == ["https://www.two.test/3"]
    europe = search(stack.engine, stack.settings, SearchParams(category="europe"))
    assert [hit.url for hit in europe.hits] == ["https://one.test/1"]
    politics = search(stack.engine, stack.settings, SearchParams(tag="POLITICS", size=10))
    assert politics.total == facets["tags"]["politics"]  # a bucket's filter finds its count


def test_date_histogram_counts_published_articles(stack: Stack) -> None:
    _dated(stack)
    result = search(stack.engine, stack.settings, SearchParams())
    assert sum(bucket["count"] for bucket in result.facets["published"]) == 4


def test_highlight_marks_matches_and_escapes_markup(stack: Stack) -> None:
    body = (
        "Lead paragraph. " * 40
        + "The <b>senate</b> voted on the budget late on Friday. "
        + "Filler text. " * 40
    )
    stack.indexer.index([entry("https://h.test/1", title="Senate budget vote", body=body)])
    stack.refresh()
    hit = search(stack.engine, stack.settings, SearchParams(text="budget")).hits[0]
    assert hit.highlight["title"] == ["Senate <em>budget</em> vote"]
    assert any("<em>budget</em>" in fragment for fragment in hit.highlight["body"])
    assert all("<b>" not in fragment for fragment in hit.highlight["body"])
    assert len(hit.highlight["body"][0]) < len(body)


@pytest.mark.parametrize("sort", ["newest", "relevance"])
def test_pagination_has_no_duplicates_or_gaps(stack: Stack, sort: str) -> None:
    base = datetime(2024, 1, 1, tzinfo=UTC)
    # equal scores and repeated dates force the tie-breaker to do its job
    stack.indexer.index(
        [
            entry(f"https://p.test/{n}", body="same words", published=base + timedelta(days=n // 3))
            for n in range(23)
        ]
        + [entry("https://p.test/undated", body="same words")]
    )
    stack.refresh()
    seen: list[str] = []
    after = None
    for _page in range(10):
        result = search(
            stack.engine, stack.settings, SearchParams(text="words", sort=sort, size=5, after=after)
        )
        assert result.total == 24
        seen += [hit.id for hit in result.hits]
        after = result.next
        if after is None:
            break
    assert len(seen) == 24
    assert len(set(seen)) == 24
    if sort == "newest":
        urls = [
            hit.url for hit in search(stack.engine, stack.settings, SearchParams(sort="newest", size=3)).hits
        ]
        assert urls[0] in {"https://p.test/21", "https://p.test/22"}
