"""``ingest extract`` and ``ingest eval`` run on real dataset pages and on a hand-made set."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from tests.datasets import DATASETS
from worker.cli import main
from worker.evaluation.dataset import load_pages
from worker.extract import extract_article
from worker.models import Article

ARTICLE_KEYS = {spec.name for spec in dataclasses.fields(Article)}
FUNDUS_IDS = ("fundus-at-DiePresse-V1", "fundus-at-ORF-V1")


def write_subset(folder: Path, set_name: str, ids: tuple[str, ...]) -> Path:
    """A pages.jsonl holding a few pages of a real set, pointing at their HTML with absolute paths."""
    source = DATASETS / set_name / "pages.jsonl"
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    chosen = [r | {"html_file": str(source.parent / r["html_file"])} for r in records if r["id"] in ids]
    jsonl = folder / "pages.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in chosen), encoding="utf-8")
    return jsonl


def output(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def run(*args: str) -> list[dict[str, Any]]:
    """The JSON lines ``ingest extract`` prints."""
    return [json.loads(line) for line in output(*args).splitlines()]


def test_extract_pages_prints_every_article_field_with_id(tmp_path: Path) -> None:
    jsonl = write_subset(tmp_path, "fundus", FUNDUS_IDS)
    objects = run("extract", "--pages", str(jsonl))
    assert [o["id"] for o in objects] == list(FUNDUS_IDS)
    for page, printed in zip(load_pages(jsonl), objects, strict=True):
        assert set(printed) == ARTICLE_KEYS | {"id", "extract_ms"}
        assert printed["url"] == page.url
        assert printed["extract_ms"] > 0
        expected = extract_article(page.read_html(), page.url or "")
        assert printed["title"] == expected.title
        assert printed["body"] == expected.body
        assert printed["authors"] == list(expected.authors)
        published = printed["published"]
        assert published == (expected.published.isoformat() if expected.published else None)
        assert all(set(image) == {"url", "caption", "credit", "alt"} for image in printed["images"])


def test_extract_file_reads_gzip_and_takes_the_url(tmp_path: Path) -> None:
    html_gz = DATASETS / "fundus" / "html" / f"{FUNDUS_IDS[0]}.html.gz"
    plain = tmp_path / "page.html"
    plain.write_bytes(gzip.decompress(html_gz.read_bytes()))
    from_gz, from_plain = run("extract", "--url", "https://www.diepresse.com/x", str(html_gz), str(plain))
    assert "id" not in from_gz
    assert from_gz["url"] == "https://www.diepresse.com/x"
    assert set(from_gz) == ARTICLE_KEYS | {"extract_ms"}
    assert {k: v for k, v in from_gz.items() if k != "extract_ms"} == {
        k: v for k, v in from_plain.items() if k != "extract_ms"
    }


def test_extract_file_decodes_bytes_by_their_declared_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"><title>Café Müller</title></head><body></body></html>'
    latin1 = tmp_path / "latin1.html"
    latin1.write_bytes(page.encode("latin-1"))
    (printed,) = run("extract", str(latin1))
    assert printed["title"] == "Café Müller"


def test_extract_prints_the_refusal_reason_and_goes_on(tmp_path: Path) -> None:
    nested = tmp_path / "nested.html"
    nested.write_text("<div>" * 50_000 + "deep" + "</div>" * 50_000, encoding="utf-8")
    plain = tmp_path / "plain.html"
    plain.write_text("<html><head><title>Plain</title></head><body></body></html>", encoding="utf-8")
    refused, extracted = run("extract", str(nested), str(plain))
    assert refused == {"error": "too_deeply_nested"}
    assert extracted["title"] == "Plain"


def test_extract_pages_refusal_carries_the_id(tmp_path: Path) -> None:
    (tmp_path / "deep.html").write_text("<div>" * 50_000, encoding="utf-8")
    record = {"id": "deep-1", "url": "https://example.org/deep", "html_file": "deep.html", "gold": {}}
    (tmp_path / "pages.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert run("extract", "--pages", str(tmp_path / "pages.jsonl")) == [
        {"id": "deep-1", "error": "too_deeply_nested"}
    ]


def test_eval_counts_a_refused_page_as_an_error_and_an_empty_prediction(tmp_path: Path) -> None:
    (tmp_path / "deep.html").write_text("<title>Deep</title>" + "<div>" * 50_000, encoding="utf-8")
    record = {"id": "deep-1", "url": None, "html_file": "deep.html", "gold": {"title": "Deep"}}
    (tmp_path / "pages.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    ours = json.loads(output("eval", str(tmp_path), "--json"))["sets"][tmp_path.name]["extractors"]["ours"]
    assert ours["errors"] == 1
    assert ours["fields"]["title"] == {"kind": "accuracy", "score": 0.0, "pages": 1}


def test_extract_wants_files_or_pages_not_both(tmp_path: Path) -> None:
    jsonl = write_subset(tmp_path, "fundus", FUNDUS_IDS[:1])
    both = CliRunner().invoke(main, ["extract", "--pages", str(jsonl), str(jsonl)])
    neither = CliRunner().invoke(main, ["extract"])
    assert both.exit_code == neither.exit_code == 2


def test_eval_refuses_a_folder_without_pages_before_scoring(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert "holds no pages.jsonl" in result.output


def handmade_set(folder: Path) -> Path:
    """One plain article whose title and body any extractor must get right, and one undated page."""
    (folder / "html").mkdir(parents=True)
    body = " ".join(f"Sentence number {n} of the only paragraph talks about the harbour." for n in range(12))
    article = (
        f"<html><head><title>Harbour News</title></head><body><article><p>{body}</p></article></body></html>"
    )
    (folder / "html" / "a.html.gz").write_bytes(gzip.compress(article.encode()))
    (folder / "html" / "b.html").write_text(
        "<html><body><p>No date here.</p></body></html>", encoding="utf-8"
    )
    records = [
        {"id": "a", "url": "https://example.org/harbour", "html_file": "html/a.html.gz",
         "gold": {"title": "Harbour News", "body": body}},
        {"id": "b", "url": None, "html_file": "html/b.html", "gold": {"published": None}},
    ]  # fmt: skip
    (folder / "pages.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


def test_eval_json_scores_a_handmade_set(tmp_path: Path) -> None:
    folder = handmade_set(tmp_path / "handmade")
    report = json.loads(output("eval", str(folder), "--json"))
    scored = report["sets"]["handmade"]
    assert scored["pages"] == 2
    fields = scored["extractors"]["ours"]["fields"]
    assert fields["title"] == {"kind": "accuracy", "score": 1.0, "pages": 1}
    assert fields["body"] == {"kind": "f1", "score": 1.0, "pages": 1, "precision": 1.0, "recall": 1.0}
    assert fields["published_day"] == {"kind": "accuracy", "score": 1.0, "pages": 1}
    assert scored["extractors"]["ours"]["errors"] == 0


def test_eval_per_page_writes_each_pages_outcomes(tmp_path: Path) -> None:
    folder = handmade_set(tmp_path / "handmade")
    per_page = tmp_path / "pages.out.jsonl"
    output("eval", str(folder), "--per-page", str(per_page))
    lines = [json.loads(line) for line in per_page.read_text(encoding="utf-8").splitlines()]
    assert [(line["id"], line["extractor"]) for line in lines] == [("a", "ours"), ("b", "ours")]
    assert lines[0]["fields"]["title"] == {"ok": True, "got": "Harbour News", "gold": "Harbour News"}
    assert lines[0]["fields"]["body"]["f1"] == 1.0
    assert lines[1]["fields"] == {"published": {"day_ok": True, "got": None, "gold": None}}


def test_eval_compares_trafilatura_side_by_side(tmp_path: Path) -> None:
    jsonl = write_subset(tmp_path, "fundus", FUNDUS_IDS)
    table = output("eval", str(jsonl.parent), "--compare", "trafilatura").splitlines()
    assert table[0] == f"{tmp_path.name} (2 pages)"
    assert table[1].split()[-2:] == ["ours", "trafilatura"]
    report = json.loads(output("eval", str(jsonl.parent), "--compare", "trafilatura", "--json"))
    extractors = report["sets"][tmp_path.name]["extractors"]
    assert list(extractors) == ["ours", "trafilatura"]
    peer = extractors["trafilatura"]["fields"]
    assert peer["title"] == {"kind": "accuracy", "score": 1.0, "pages": 2}  # trafilatura gets both
    assert peer["published_day"]["score"] == 1.0
    assert peer["published_minute"] == {"kind": "accuracy", "score": 0.0, "pages": 2}  # it returns days
