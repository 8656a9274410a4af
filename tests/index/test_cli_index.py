"""The index verbs as a user runs them: `.venv/bin/ingest` subprocesses against the real engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.datasets import DATASETS
from tests.index.conftest import cleanup, private_settings
from worker.config import Settings
from worker.index.engine import make_engine

pytestmark = pytest.mark.services

INGEST = Path(sys.executable).parent / "ingest"
PAGES = ("fundus-at-DiePresse-V1", "fundus-at-ORF-V1", "fundus-at-SalzburgerNachrichten-V1")


@pytest.fixture
def settings(engine_url: str) -> Iterator[Settings]:
    settings = private_settings(engine_url, "auto")
    yield settings
    cleanup(make_engine(settings.model_copy(update={"engine": "opensearch"})), settings)


def run(settings: Settings, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "INGEST_SEARCH_URL": settings.search_url,
        "INGEST_ENGINE": "auto",
        "INGEST_INDEX_PREFIX": settings.index_prefix,
        "INGEST_WRITE_ALIAS": settings.write_alias,
        "INGEST_READ_ALIAS": settings.read_alias,
        "INGEST_URL_STATUS_INDEX": settings.url_status_index,
    }
    done = subprocess.run(
        [str(INGEST), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def pages_jsonl(tmp_path: Path) -> Path:
    lines = []
    for line in (DATASETS / "fundus" / "pages.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] in PAGES:
            html = DATASETS / "fundus" / record["html_file"]
            lines.append(json.dumps({"url": record["url"], "html_file": str(html)}))
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_setup_index_then_index_local_pages_then_search_and_reindex(
    settings: Settings, tmp_path: Path
) -> None:
    assert "created" in run(settings, "setup-index").stdout
    assert "already in place" in run(settings, "setup-index").stdout

    pages = pages_jsonl(tmp_path)
    assert run(settings, "index", "--pages", str(pages)).stdout.strip() == "indexed 3, duplicate 0, failed 0"
    single = DATASETS / "fundus" / "html" / "fundus-au-NineNews-V1.html.gz"  # not in PAGES: its own article
    assert "indexed 1" in run(settings, "index", str(single), "--url", "https://local.test/ninenews").stdout
    # re-extracting the same stored pages replaces them in place: still four documents
    assert "indexed 3" in run(settings, "index", "--pages", str(pages)).stdout

    engine = make_engine(settings.model_copy(update={"engine": "opensearch"}))
    engine.refresh(settings.read_alias)
    assert engine.count(settings.read_alias) == 4

    found = json.loads(run(settings, "search", "Nordamerika", "--json").stdout)
    assert set(found) == {"total", "hits", "facets", "next"}
    assert found["total"] == 1
    assert found["hits"][0]["url"].startswith("https://www.diepresse.com/")
    human = run(settings, "search", "Nordamerika").stdout
    assert human.startswith("1 articles")

    reindexed = run(settings, "reindex").stdout
    assert f"-> {settings.index_prefix}-000002: copied 4" in reindexed
    assert json.loads(run(settings, "search", "Nordamerika", "--json").stdout)["total"] == 1


def test_usage_errors(settings: Settings, tmp_path: Path) -> None:
    assert run(settings, "index", check=False).returncode == 2
    page = tmp_path / "a.html"
    page.write_text("<html><p>x</p></html>", encoding="utf-8")
    assert (
        run(settings, "index", str(page), str(page), "--url", "https://x.test", check=False).returncode == 2
    )
    no_url = run(settings, "index", str(page), check=False)  # no --url and no canonical URL in the page
    assert no_url.returncode == 1
    assert "no_url" in no_url.stderr
    bad = run(settings, "search", "x", "--since", "someday", check=False)
    assert bad.returncode == 1
    assert "invalid_query" in bad.stderr
