"""The extraction scorer: hand-computed expectations for every field rule of datasets/README.md."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from trafilatura.settings import Document

from worker.evaluation import metrics
from worker.evaluation.counts import Counts, averaged_prf, summed_prf
from worker.evaluation.dataset import DATASETS_ENV, datasets_dir
from worker.evaluation.outcome import page_outcome
from worker.evaluation.peer import prediction_from_peer
from worker.evaluation.prediction import Prediction, from_article
from worker.evaluation.report import score_set
from worker.models import Article

PLUS_2 = timezone(timedelta(hours=2))
MINUS_4 = timezone(timedelta(hours=-4))


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("a b c d e", "a b c d", Counts(0.5, 0.0, 0.5)),  # 2 gold shingles, 1 found
        ("a b c d", "a b c d e f", Counts(1 / 3, 2 / 3, 0.0)),  # 2 extra shingles
        ("one two", "one two", Counts(1.0, 0.0, 0.0)),  # under 4 tokens: the whole text is one shingle
        ("one two", "one two three", Counts(0.0, 0.5, 0.5)),
        ("a, b. c! d", "a b c d", Counts(1.0, 0.0, 0.0)),  # only \w+ tokens count
        ("A b c d", "a b c d", Counts(0.0, 0.5, 0.5)),  # tokens keep their case, as in the benchmark
        ("a b c d a b c d", "a b c d", Counts(0.2, 0.0, 0.8)),  # shingles are a multiset
        ("a b c d", "", Counts(0.0, 0.0, 1.0)),
        ("", "", Counts()),
        # a decomposed label ("u" + U+0308) is the same text as composed output
        (
            "Gru\u0308nderva\u0308ter waren angereist heute",
            "Gründerväter waren angereist heute",
            Counts(1.0, 0.0, 0.0),
        ),
    ],
)
def test_body_shingle_counts(gold: str, predicted: str, expected: Counts) -> None:
    counts = metrics.body_counts(gold, predicted)
    assert counts.tp == pytest.approx(expected.tp)
    assert counts.fp == pytest.approx(expected.fp)
    assert counts.fn == pytest.approx(expected.fn)


def test_shingles_of_a_short_text_and_an_empty_one() -> None:
    assert metrics.shingles("Hello, world") == [("Hello", "world")]
    assert metrics.shingles("") == []
    assert metrics.shingles("a b c d e") == [("a", "b", "c", "d"), ("b", "c", "d", "e")]


def test_body_aggregate_averages_precision_and_recall_over_pages() -> None:
    pages = [Counts(0.5, 0.0, 0.5), Counts(0.0, 0.5, 0.5)]  # P 1 and 0, R 0.5 and 0
    precision, recall, f1 = averaged_prf(pages)
    assert (precision, recall) == pytest.approx((0.5, 0.25))
    assert f1 == pytest.approx(1 / 3)


def test_body_aggregate_leaves_pages_without_output_out_of_precision() -> None:
    pages = [Counts(0.5, 0.0, 0.5), Counts(0.0, 0.0, 1.0)]  # the second page returned nothing
    precision, recall, f1 = averaged_prf(pages)
    assert (precision, recall, f1) == pytest.approx((1.0, 0.25, 0.4))


def test_snippets_found_missing_and_wrongly_kept() -> None:
    body = "Hello   world\nfoo bar and more"
    counts = metrics.snippet_counts(["Hello world", "missing"], ["foo  bar", "absent"], body)
    assert counts == Counts(1, 1, 1)
    assert summed_prf([counts, Counts(3, 0, 0)]) == pytest.approx((0.8, 0.8, 0.8))
    assert metrics.snippet_counts(["Gru\u0308ndervater"], [], "Die Gründervater") == Counts(1, 0, 0)  # NFC


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("Hello  World", "hello world", True),
        ("ﬁle", "file", True),  # NFKC folds the ligature
        ("Straße", "STRASSE", True),  # case folding, not lower()
        (" Title\n", "Title", True),
        ("Title", "Title | Site", False),
        ("Title", None, False),
        ("Think &amp; Do Tank, it&#039;s", "Think & Do Tank, it's", True),  # a raw meta content
        ("A &lt; B", "A &amp;lt; B", False),
    ],
)
def test_title_equality(gold: str, predicted: str | None, expected: bool) -> None:
    assert metrics.label_equal(gold, predicted) is expected


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("2020-09-21", datetime(2020, 9, 21, 23, 30, tzinfo=PLUS_2), True),
        # the page's own local day counts, not the UTC day (21:30 UTC on the 21st)
        ("2020-09-21", datetime(2020, 9, 22, 0, 30, tzinfo=PLUS_2), False),
        ("2020-09-21", datetime(2020, 9, 21, 3, 0), True),  # naive: its own day
        ("2020-09-21", date(2020, 9, 21), True),
        ("2020-09-21", date(2020, 9, 20), False),
        ("2020-09-21", None, False),
        (None, None, True),  # the page has no date and none was returned
        (None, date(2020, 9, 21), False),
        # gold with an offset: the returned instant is read in the page's offset (-04:00)
        ("2025-06-05T23:30:00-04:00", datetime(2025, 6, 6, 3, 30, tzinfo=UTC), True),
        ("2025-06-05T23:30:00-04:00", datetime(2025, 6, 6, 3, 30), False),  # naive keeps its own day
        ("2018-04-05T06:00", datetime(2018, 4, 5, 6, 0, tzinfo=PLUS_2), True),  # gold time, no offset
        ("2022-29-11", date(2022, 11, 29), True),  # a year-day-month label is read unambiguously
    ],
)
def test_published_day(gold: str | None, predicted: datetime | date | None, expected: bool) -> None:
    assert metrics.published_day_correct(gold, predicted) is expected


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        (datetime(2025, 6, 5, 14, 46, 59, tzinfo=PLUS_2), True),
        (datetime(2025, 6, 5, 12, 46, tzinfo=UTC), True),  # same instant, other offset
        (datetime(2025, 6, 5, 8, 46, tzinfo=MINUS_4), True),
        (datetime(2025, 6, 5, 14, 47, tzinfo=PLUS_2), False),
        (datetime(2025, 6, 5, 12, 46), True),  # naive counts as UTC
        (datetime(2025, 6, 5, 14, 46), False),  # naive local time is two hours off
        (date(2025, 6, 5), False),  # a bare day pins no instant
        (None, False),
    ],
)
def test_published_minute(predicted: datetime | date | None, expected: bool) -> None:
    gold = metrics.parse_gold_date("2025-06-05T14:46:12+02:00")
    assert metrics.has_instant(gold)
    assert metrics.published_minute_correct(gold, predicted) is expected


def test_gold_dates_without_offset_pin_no_instant() -> None:
    assert not metrics.has_instant(metrics.parse_gold_date("2018-04-05T06:00"))
    assert not metrics.has_instant(metrics.parse_gold_date("2020-09-21"))
    assert metrics.has_instant(metrics.parse_gold_date("2021-11-01T10:52:50+0100"))


@pytest.mark.parametrize(
    ("gold", "predicted", "exact", "counts"),
    [
        (["Anne-Marie Slaughter"], ("anne-marie  slaughter",), True, Counts(1, 0, 0)),
        (["A", "B"], ("a", "C"), False, Counts(1, 1, 1)),
        (["A", "B"], ("B", "A", "a"), True, Counts(2, 0, 0)),  # a set: duplicates collapse
        ([], (), True, Counts()),
        ([], ("Staff",), False, Counts(0, 1, 0)),
    ],
)
def test_authors_exact_set_and_name_counts(
    gold: list[str], predicted: tuple[str, ...], exact: bool, counts: Counts
) -> None:
    assert (metrics.name_set(gold) == metrics.name_set(predicted)) is exact
    assert metrics.set_counts(gold, predicted) == counts


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("By Lahav Harkov and Tovah Lazaroff", ("Lahav Harkov", "Tovah Lazaroff"), Counts(4, 0, 0)),
        ("Anna Muster und Bernd Beispiel", ("Anna Muster",), Counts(2, 0, 2)),
        ("Hans von Storch", ("Hans von Storch",), Counts(2, 0, 0)),  # connectives leave both sides
        ("Smith, Jones", ("Smith", "Jones", "Editor"), Counts(2, 1, 0)),
        (["A. Author", "B. Writer"], ("A. Author",), Counts(2, 0, 2)),  # a list label is one byline
        ("Daniel Lemire", (), Counts(0, 0, 2)),
    ],
)
def test_author_raw_token_counts(gold: str | list[str], predicted: tuple[str, ...], expected: Counts) -> None:
    assert metrics.author_raw_counts(gold, predicted) == expected


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("en-US", "en", True),
        ("cs", "CS", True),
        ("de", "en", False),
        ("en", None, False),
        ("pt_BR", "pt", True),
    ],
)
def test_language_primary_code(gold: str, predicted: str | None, expected: bool) -> None:
    assert metrics.language_correct(gold, predicted) is expected


def test_tags_set_f1_is_case_folded_and_summed() -> None:
    first = metrics.set_counts(["Politics", "USA"], ["politics", "World"])  # tp 1, fp 1, fn 1
    second = metrics.set_counts(["Courts"], ["courts"])  # tp 1
    assert summed_prf([first, second]) == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_score_set_reports_only_labelled_fields_with_page_counts() -> None:
    gold_fundus: dict[str, Any] = {
        "title": "Golf",
        "published": "2025-06-05T14:46:12+02:00",
        "authors": ["Anne Muster"],
        "tags": ["Politik"],
        "body": "eins zwei drei vier fünf",
    }
    pairs = [
        (gold_fundus, Prediction(title="golf", published=date(2025, 6, 5), body="eins zwei drei vier fünf")),
        ({"published": None}, Prediction()),
    ]
    rows = {row.name: row for row in score_set(pairs)}
    assert list(rows) == [
        "body",
        "title",
        "published_day",
        "published_minute",
        "authors_exact",
        "authors_names",
        "tags",
    ]
    assert (rows["body"].score, rows["body"].pages) == (1.0, 1)
    assert (rows["published_day"].score, rows["published_day"].pages) == (1.0, 2)
    assert (rows["published_minute"].score, rows["published_minute"].pages) == (0.0, 1)
    assert (rows["authors_exact"].score, rows["tags"].score) == (0.0, 0.0)


def test_snippet_rows_count_pages_and_sum_snippets() -> None:
    pairs = [
        ({"body_with": ["kept text"], "body_without": ["Impressum"]}, Prediction(body="kept text Impressum")),
        ({"body_with": ["other"], "body_without": []}, Prediction(body="other")),
    ]
    (row,) = score_set(pairs)
    assert (row.name, row.pages) == ("body_snippets", 2)
    assert (row.precision, row.recall) == pytest.approx((2 / 3, 1.0))


def test_article_maps_onto_the_compared_fields() -> None:
    article = Article(
        url="https://example.org/a",
        title="T",
        authors=("A",),
        published=datetime(2025, 1, 2, tzinfo=UTC),
        categories=("World", "Europe"),
        section="World",
        tags=("x",),
        body="b",
        language="en",
    )
    predicted = from_article(article)
    assert predicted.categories == ("World", "Europe")
    assert (predicted.title, predicted.authors, predicted.tags, predicted.language) == (
        "T",
        ("A",),
        ("x",),
        "en",
    )


def test_peer_document_mapping() -> None:
    document = Document()  # trafilatura's own result type, filled as bare_extraction fills it
    document.title, document.author, document.date = "T", "Anna Muster; Bernd Beispiel", "2024-11-22"
    document.tags, document.categories, document.text = ["a"], [], "body"
    predicted = prediction_from_peer(document)
    assert predicted.authors == ("Anna Muster", "Bernd Beispiel")
    assert predicted.published == date(2024, 11, 22)
    assert (predicted.title, predicted.body, predicted.tags, predicted.categories) == (
        "T",
        "body",
        ("a",),
        (),
    )
    assert (predicted.description, predicted.language) == (None, None)


COVER = {
    "versions": [{"url": "https://img.example/a-600.jpg"}, {"url": "https://img.example/a-900.jpg"}],
    "is_cover": True,
}
INLINE = {"versions": [{"url": "https://img.example/b.jpg"}], "is_cover": False}


@pytest.mark.parametrize(
    ("predicted", "lead", "counts"),
    [
        (
            ("http://img.example/a-900.jpg", "https://img.example/b.jpg"),
            True,
            Counts(2, 0, 0),
        ),  # any size, any scheme
        (("https://img.example/b.jpg",), False, Counts(1, 0, 1)),  # the cover must come first
        (("https://img.example/logo.png", "https://img.example/a-600.jpg"), False, Counts(1, 1, 1)),
        ((), False, Counts(0, 0, 2)),
    ],
)
def test_images_lead_and_found(predicted: tuple[str, ...], lead: bool, counts: Counts) -> None:
    gold = [INLINE, COVER]  # the cover is found by its flag, not its position
    assert metrics.lead_image_correct(gold, predicted) is lead
    assert metrics.image_counts(gold, predicted) == counts


def test_image_captions_and_credits_per_gold_image() -> None:
    gold: list[dict[str, Any]] = [
        {**COVER, "caption": "Die  Kanzlerin in Berlin.", "authors": ["Getty Images/Juanmonino"]},
        {**INLINE, "caption": "Ein Hafen.", "authors": ["dpa"]},
        {"versions": [{"url": "https://img.example/c.jpg"}], "caption": "Never returned", "authors": []},
    ]
    returned = (
        ("https://img.example/a-900.jpg", "die kanzlerin in berlin.", "Getty Images / Juanmonino"),
        ("https://img.example/b.jpg", "Ein Hafen. dpa", None),
    )
    # an image not returned counts as wrong; a gold image without a credit is not counted for credits
    assert metrics.caption_hits(gold, returned) == [True, False, False]
    assert metrics.credit_hits(gold, returned) == [True, False]
    rows = {row.name: row for row in score_set([({"images": gold}, Prediction(image_texts=returned))])}
    assert (rows["image_caption"].score, rows["image_caption"].pages) == pytest.approx((1 / 3, 3))
    assert (rows["image_credit"].score, rows["image_credit"].pages) == (0.5, 2)


def test_page_outcome_names_what_went_wrong() -> None:
    gold: dict[str, Any] = {
        "title": "Golf",
        "published": "2025-06-05T14:46:12+02:00",
        "authors": ["Anne Muster"],
        "body_with": ["kept text", "lost text"],
        "body_without": ["Impressum"],
    }
    predicted = Prediction(title="Golf | Site", published=date(2025, 6, 5), body="kept text Impressum")
    outcome = page_outcome(gold, predicted)
    assert outcome["title"] == {"ok": False, "got": "Golf | Site", "gold": "Golf"}
    assert outcome["published"] == {
        "day_ok": True,
        "minute_ok": False,
        "got": "2025-06-05",
        "gold": "2025-06-05T14:46:12+02:00",
    }
    assert outcome["authors"] == {"ok": False, "got": [], "gold": ["Anne Muster"]}
    assert outcome["body_snippets"] == {"missing": ["lost text"], "kept": ["Impressum"]}
    assert set(outcome) == {"title", "published", "authors", "body_snippets"}


@pytest.mark.parametrize(
    ("returned", "gold_version", "same"),
    [
        # a resizer wrapping the original, other size: the id in the file name is shared
        (
            "https://ibs.example/news?image=https%3A%2F%2Fassets.example%2Fw%3D1200%2F2429188_master_usa.jpg%3Fs%3Dab",
            "https://assets.example/w=800,h=450/2429188_master_usa.jpg?s=cd",
            True,
        ),
        (
            "https://img.example/alternates/ORIGINAL/157526023",
            "https://img.example/alternates/W_600/157526023",
            True,
        ),
        (
            "https://cdn.example/u/2026/06/Summer-Hero_2026-1.jpg",
            "https://cdn.example/u/2026/06/Summer-Hero_2026-1.jpg?w=288",
            True,
        ),
        (
            "https://cdn.example/16x9-1920/schuld-bruecke-101.jpg",
            "https://cdn.example/16x9-640/schuld-bruecke-101.jpg",
            True,
        ),
        # the same file: another query (a resizer's), or a WordPress size suffix
        (
            "https://static.example.co.uk/2023/08/25/15/3_2.png?width=1200",
            "https://static.example.co.uk/2023/08/25/15/3_2.png?quality=75&width=360&crop=3%3A2",
            True,
        ),
        (
            "https://news.example.li/wp-content/uploads/2025/06/IMG_0234.jpg",
            "https://news.example.li/wp-content/uploads/2025/06/IMG_0234-585x439.jpg",
            True,
        ),
        # different pictures: other hash, or a short generic file name
        (
            "https://o.example.com/images/dims?image_uri=a.jpg",
            "https://o.example.com/images/dims?image_uri=b.jpg",
            False,
        ),  # a query names the picture
        ("https://e.example/2025/06/IMG_0234.jpg", "https://e.example/2025/07/IMG_0234.jpg", False),
        ("https://cdn.example/fs/9054e018-37b2", "https://cdn.example/fs/1bfb0c76-d878", False),
        ("https://a.example/x/judy.jpg", "https://b.example/y/judy.jpg", False),
        (
            "https://cdn.example/1920x1080/a.jpg",
            "https://cdn.example/1920x1080/b.jpg",
            False,
        ),  # sizes are no id
    ],
)
def test_same_picture_across_renditions(returned: str, gold_version: str, same: bool) -> None:
    assert metrics.same_picture(returned, [gold_version]) is same


def test_a_returned_picture_pairs_with_the_gold_image_it_shows_most_surely() -> None:
    # every picture of the page carries the article's id (9603212) beside its own hash
    lead = "https://img.example/1200x675_cms_5cf0f21b-25f6-59b1-6c0e-9603212.jpg"
    inline = "https://img.example/808x454_cms_028e81e0-038b-569d-6098-9603212.jpg"
    gold: list[dict[str, Any]] = [
        {"versions": [{"url": lead.replace("1200x675", "1920x1080")}], "is_cover": True},
        {
            "versions": [{"url": inline.replace("808x454", "1920x1080")}],
            "caption": "The council meets.",
            "is_cover": False,
        },
    ]
    returned = ((lead, None, None), (inline, "The council meets.", None))
    assert metrics.caption_hits(gold, returned) == [True]
    # the inline picture first is no lead, though it shares the article's id with the cover
    assert metrics.lead_image_correct(gold, (inline, lead)) is False
    assert metrics.lead_image_correct(gold, (lead, inline)) is True


def test_datasets_dir_is_the_configured_folder_and_names_the_setting_when_it_holds_no_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATASETS_ENV, str(tmp_path))
    with pytest.raises(FileNotFoundError, match=f"under {tmp_path}: set {DATASETS_ENV}"):
        datasets_dir()
    (tmp_path / "handmade").mkdir()
    (tmp_path / "handmade" / "pages.jsonl").write_text("", encoding="utf-8")
    assert datasets_dir() == tmp_path
