"""Index layout on the real engine, both client paths: idempotent setup, strict mapping, reindex."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, cast

import pytest

from tests.index.conftest import Stack, entry
from worker.errors import PermanentError
from worker.index.documents import sha256_hex
from worker.index.engine import Engine
from worker.index.layout import current_index, reindex, setup_index, template_body, template_name
from worker.index.query import SearchParams
from worker.index.search import get_article, search

pytestmark = pytest.mark.services


def test_setup_is_idempotent_and_builds_the_alias_layout(stack: Stack) -> None:
    settings = stack.settings
    assert setup_index(stack.engine, settings) == []
    assert current_index(stack.engine, settings.write_alias) == f"{settings.index_prefix}-000001"
    assert list(stack.engine.aliases_of(settings.read_alias)) == [f"{settings.index_prefix}-000001"]
    assert current_index(stack.engine, settings.url_status_index) == f"{settings.url_status_index}-000001"


def test_mapping_is_strict(stack: Stack) -> None:
    action = {"index": {"_index": stack.settings.write_alias, "_id": "x"}}
    body = json.dumps(action) + "\n" + json.dumps({"title": "t", "surprise": 1}) + "\n"
    response = stack.engine.bulk_ndjson(body)
    item = response["items"][0]["index"]
    assert item["status"] == 400
    assert item["error"]["type"] == "strict_dynamic_mapping_exception"


def test_reindex_moves_both_aliases_and_keeps_documents_and_versions(stack: Stack) -> None:
    settings = stack.settings
    stack.indexer.index(
        [
            entry(f"https://r.test/{n}", body="reindex me", modified=datetime(2024, 5, 2, tzinfo=UTC))
            for n in range(5)
        ]
    )
    stack.refresh()
    report = reindex(stack.engine, settings)
    assert (report.source, report.dest) == (
        f"{settings.index_prefix}-000001",
        f"{settings.index_prefix}-000002",
    )
    assert (report.copied, report.failures) == (5, 0)
    assert current_index(stack.engine, settings.write_alias) == report.dest
    assert list(stack.engine.aliases_of(settings.read_alias)) == [report.dest]
    assert report.source in stack.engine.list_indices(f"{settings.index_prefix}-*")
    assert search(stack.engine, settings, SearchParams(text="reindex")).total == 5
    # versions came along: an older fetch is still refused, a newer one still wins
    older = stack.indexer.index(
        [entry("https://r.test/0", title="old", modified=datetime(2024, 5, 1, tzinfo=UTC))]
    )
    assert older[0].status == "duplicate"
    newer = stack.indexer.index(
        [entry("https://r.test/1", title="new", modified=datetime(2024, 5, 3, tzinfo=UTC))]
    )
    assert newer[0].status == "indexed"
    found = get_article(stack.engine, settings, sha256_hex("https://r.test/1"))
    assert found is not None
    assert found["title"] == "new"


class WritesDuringCopy:
    """The stack's engine, with live writes and a search made while ``reindex`` copies documents."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.seen_during_copy = -1

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stack.engine, name)

    def reindex(self, source: str, dest: str) -> dict[str, Any]:
        # the pipeline keeps writing through the write alias, which already points at dest
        self.stack.indexer.index(
            [
                entry(
                    "https://w.test/a",
                    title="edited during reindex",
                    modified=datetime(2024, 6, 2, tzinfo=UTC),
                ),
                entry(
                    "https://w.test/new",
                    title="new during reindex",
                    modified=datetime(2024, 6, 2, tzinfo=UTC),
                ),
            ]
        )
        self.seen_during_copy = search(self.stack.engine, self.stack.settings, SearchParams()).total
        return dict(self.stack.engine.reindex(source, dest))


def test_writes_during_reindex_are_kept_and_reads_never_stop(stack: Stack) -> None:
    stack.indexer.index(
        [
            entry("https://w.test/a", title="original", modified=datetime(2024, 6, 1, tzinfo=UTC)),
            entry("https://w.test/b", title="untouched", modified=datetime(2024, 6, 1, tzinfo=UTC)),
        ]
    )
    stack.refresh()
    engine = WritesDuringCopy(stack)
    report = reindex(cast(Engine, engine), stack.settings)
    assert engine.seen_during_copy == 2  # the read alias still served the old index meanwhile
    assert report.skipped_newer == 1  # the old copy of /a lost to the live edit
    stack.refresh()
    titles = {hit.title for hit in search(stack.engine, stack.settings, SearchParams()).hits}
    assert titles == {"edited during reindex", "new during reindex", "untouched"}


def _old_layout(stack: Stack, drop: str, change: dict[str, Any] | None = None) -> str:
    """Rebuild the articles index as an older release made it: template mapping without ``drop``,
    with the fields of ``change`` mapped differently. Returns the index name."""
    settings, engine = stack.settings, stack.engine
    old = current_index(engine, settings.write_alias)
    assert old is not None
    engine.delete_index(old)
    template = template_body(settings)
    properties = dict(template["template"]["mappings"]["properties"])
    del properties[drop]
    properties.update(change or {})
    mappings = {**template["template"]["mappings"], "properties": properties}
    engine.put_index_template(template_name(settings), {**template, "template": {"mappings": mappings}})
    aliases = {settings.write_alias: {"is_write_index": True}, settings.read_alias: {}}
    assert engine.create_index(old, {"aliases": aliases})
    return old


def test_setup_adds_an_upgrade_s_new_field_to_the_existing_index(stack: Stack) -> None:
    index = _old_layout(stack, drop="categories")
    article = entry("https://u.test/1", categories=("World", "Europe"), section="World")
    assert stack.indexer.index([article])[0].status == "failed"  # strict: the old mapping refuses it
    assert setup_index(stack.engine, stack.settings) == []
    assert current_index(stack.engine, stack.settings.write_alias) == index  # no reindex needed
    assert stack.indexer.index([article])[0].status == "indexed"
    stack.refresh()
    found = get_article(stack.engine, stack.settings, sha256_hex("https://u.test/1"))
    assert found is not None
    assert found["categories"] == ["World", "Europe"]


def test_case_folded_facets_after_an_upgrade_count_older_documents_once_reindexed(stack: Stack) -> None:
    unfolded = {"tags": {"type": "keyword", "ignore_above": 1024}}  # as before ``tags.folded`` existed
    _old_layout(stack, drop="categories", change=unfolded)
    stack.indexer.index(
        [entry("https://f.test/1", tags=("News",)), entry("https://f.test/2", tags=("News",))]
    )
    assert setup_index(stack.engine, stack.settings) == []  # a new sub-field is an addition
    stack.indexer.index([entry("https://f.test/3", tags=("news",))])
    stack.refresh()

    def tags() -> dict[str, int]:
        result = search(stack.engine, stack.settings, SearchParams())
        return {bucket["value"]: bucket["count"] for bucket in result.facets["tags"]}

    assert tags() == {"news": 1}  # documents indexed before the upgrade have no folded value yet
    reindex(stack.engine, stack.settings)
    stack.refresh()
    assert tags() == {"News": 3}


def test_setup_refuses_a_mapping_change_it_cannot_apply(stack: Stack) -> None:
    _old_layout(stack, drop="categories", change={"section": {"type": "text"}})
    with pytest.raises(PermanentError) as raised:
        setup_index(stack.engine, stack.settings)
    assert raised.value.reason == "mapping_conflict"
    assert "ingest reindex" in str(raised.value)
