"""Index layout: template, versioned indices, aliases; ``setup-index`` and ``reindex`` (I/O).

Articles live in versioned indices ``<index_prefix>-000001``, ``-000002``... created from
``template.json``. The write alias (``articles``) and the read alias (``articles-read``) point at the
current version. URL statuses live in ``<url_status_index>-000001`` behind the alias
``<url_status_index>`` (``ingest-urls``). Bulk writes require aliases, so a missing setup is a
404 (configuration error), never a silently auto-created index with a dynamic mapping.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from worker.config import Settings
from worker.errors import PermanentError
from worker.index.engine import Engine


@dataclass(frozen=True, slots=True)
class ReindexReport:
    """What ``reindex`` did."""

    source: str
    dest: str
    copied: int
    skipped_newer: int
    failures: int


def load_json(name: str) -> dict[str, Any]:
    """A JSON file shipped in ``worker/index/``."""
    data: dict[str, Any] = json.loads(resources.files("worker.index").joinpath(name).read_text("utf-8"))
    return data


def template_name(settings: Settings) -> str:
    """Name of the articles index template."""
    return f"{settings.index_prefix}-template"


def versioned_name(prefix: str, number: int) -> str:
    """``articles-000001`` for ``("articles", 1)``."""
    return f"{prefix}-{number:06d}"


def version_number(prefix: str, name: str) -> int:
    """The number of a versioned index name, 0 when it does not follow the pattern."""
    suffix = name.removeprefix(f"{prefix}-")
    return int(suffix) if suffix != name and suffix.isdigit() else 0


def template_body(settings: Settings) -> dict[str, Any]:
    """``template.json`` bound to this prefix."""
    return {**load_json("template.json"), "index_patterns": [f"{settings.index_prefix}-*"]}


def current_index(engine: Engine, alias: str) -> str | None:
    """The index that ``alias`` writes to, None when the alias is missing."""
    targets = engine.aliases_of(alias)
    writers = [name for name, props in targets.items() if props.get("is_write_index")]
    chosen = writers or sorted(targets)
    return chosen[-1] if chosen else None


def setup_index(engine: Engine, settings: Settings) -> list[str]:
    """Apply the template and create the first indices with their aliases; idempotent.

    An articles index that exists already gets the template's mapping too, so fields added by an
    upgrade (``categories``) are accepted by the strict mapping without a reindex. A change that is
    not an addition cannot be applied to an existing index: that raises ``mapping_conflict`` (run
    ``ingest reindex``, which builds the next index version from the template).
    Returns what was created (empty when everything already existed).
    """
    created: list[str] = []
    template = template_body(settings)
    engine.put_index_template(template_name(settings), template)
    current = current_index(engine, settings.write_alias)
    if current is not None:
        try:
            engine.put_mapping(current, template["template"]["mappings"])
        except PermanentError as error:
            raise PermanentError(
                "mapping_conflict", f"{current} differs from the template (run `ingest reindex`): {error}"
            ) from error
    else:
        name = versioned_name(settings.index_prefix, 1)
        aliases = {settings.write_alias: {"is_write_index": True}, settings.read_alias: {}}
        if engine.create_index(name, {"aliases": aliases}):
            created.append(name)
    if current_index(engine, settings.url_status_index) is None:
        name = versioned_name(settings.url_status_index, 1)
        aliases = {settings.url_status_index: {"is_write_index": True}}
        if engine.create_index(name, {**load_json("url_status.json"), "aliases": aliases}):
            created.append(name)
    return created


def _swap(alias: str, old: str, new: str, *, write: bool) -> list[dict[str, Any]]:
    add: dict[str, Any] = {"index": new, "alias": alias}
    if write:
        add["is_write_index"] = True
    return [{"remove": {"index": old, "alias": alias}}, {"add": add}]


def reindex(engine: Engine, settings: Settings) -> ReindexReport:
    """Build the next index version from the stored documents and move both aliases to it.

    No downtime and no lost write: (1) create the new version from the current template; (2) move
    the write alias to it in one atomic alias call, so live writes land there; (3) copy the old
    documents server-side with external versioning (a live write that is newer wins, the copy of the
    older one is skipped); (4) move the read alias in one atomic call. The old index is kept.
    """
    old = current_index(engine, settings.write_alias)
    if old is None:
        raise PermanentError(
            "index_missing", f"alias {settings.write_alias} missing: run `ingest setup-index`"
        )
    engine.put_index_template(template_name(settings), template_body(settings))
    new = versioned_name(settings.index_prefix, version_number(settings.index_prefix, old) + 1)
    if not engine.create_index(new, {}):
        raise PermanentError("index_exists", f"{new} already exists: a reindex may be running")
    engine.update_aliases(_swap(settings.write_alias, old, new, write=True))
    result = engine.reindex(old, new)
    engine.update_aliases(_swap(settings.read_alias, old, new, write=False))
    return ReindexReport(
        source=old,
        dest=new,
        copied=int(result.get("created", 0)) + int(result.get("updated", 0)),
        skipped_newer=int(result.get("version_conflicts", 0)),
        failures=len(result.get("failures", [])),
    )
