"""Small value helpers shared by the field cascades: a found value with its source, JSON-LD readers (pure).

JSON-LD values come as strings, objects (``{"name": ...}``, ``{"@id": ...}`` references) or lists of
either; these helpers turn them into plain strings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
_MAX_DEPTH = 6  # JSON-LD values nest a few levels; deeper is junk (and recursion must stay bounded)


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """A raw field value and the source that gave it (json-ld, opengraph, meta, ...)."""

    value: T
    source: str


def first(*candidates: Found[T] | None) -> Found[T] | None:
    """The first candidate that was found."""
    return next((candidate for candidate in candidates if candidate is not None), None)


def jsonld_items(value: Any, ids: Mapping[str, Mapping[str, Any]] | None = None) -> Iterator[Any]:
    """The items of a JSON-LD value (a list or a single value), ``@id`` references resolved."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict) and ids and len(item) <= 2 and isinstance(item.get("@id"), str):
            yield ids.get(item["@id"], item)
        elif item not in (None, ""):
            yield item


def jsonld_text(value: Any, *keys: str, depth: int = 0) -> str | None:
    """A JSON-LD value as text: a string, or the first of ``keys`` (default name) of an object."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        for key in keys or ("name", "@value"):
            text = jsonld_text(value.get(key), depth=depth + 1)
            if text:
                return text
    if isinstance(value, list) and value:
        return jsonld_text(value[0], *keys, depth=depth + 1)
    return None


def jsonld_texts(value: Any, ids: Mapping[str, Mapping[str, Any]] | None = None, *keys: str) -> list[str]:
    """Every item of a JSON-LD value as text."""
    texts = (jsonld_text(item, *keys) for item in jsonld_items(value, ids))
    return [text for text in texts if text]
