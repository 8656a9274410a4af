"""Golden files: the extractor's output on saved real dev pages is unchanged (``make golden`` to accept)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.datasets import DATASETS
from tests.golden.snapshot import GOLDEN_PAGES, extract_snapshot, find_page, golden_path


def load_golden(page_id: str) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(golden_path(page_id).read_text(encoding="utf-8"))
    return record


def test_every_listed_page_has_a_golden_file() -> None:
    assert 8 <= len(GOLDEN_PAGES) <= 12
    assert all(golden_path(page_id).exists() for _, page_id in GOLDEN_PAGES)


@pytest.mark.parametrize(("set_name", "page_id"), GOLDEN_PAGES, ids=[page_id for _, page_id in GOLDEN_PAGES])
def test_extraction_matches_golden_file(set_name: str, page_id: str) -> None:
    golden = load_golden(page_id)
    assert (golden["set"], golden["id"]) == (set_name, page_id)
    actual = extract_snapshot(find_page(DATASETS, set_name, page_id))
    expected = golden["expected"]
    changed = {key: (actual.get(key), expected.get(key)) for key in actual.keys() | expected.keys()}
    changed = {key: pair for key, pair in changed.items() if pair[0] != pair[1]}
    assert not changed, f"(actual, golden) differ; if deliberate, run `make golden`: {changed}"
