"""Generic DOM helpers over selectolax's Lexbor tree, shared by the field extractors (no I/O).

Nodes are wrappers created on each access, so identity is ``node.mem_id`` (the C node's address).
Text measures work on markers: private-use characters inserted as text nodes so one C-level
``node.text()`` call answers "how much text, how much of it in links, where are the blocks".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Private-use code points: never in real text we keep (they are stripped from the output).
LINK_MARK = "\ue001"
BLOCK_MARK = "\ue000"

_SPACE = re.compile(r"\s+")
# C0/C1 controls except tab/newline, the replacement character, and our private-use markers.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd\ue000-\ue00f]")
_CONTROL_EXCEPT_BLOCK_MARK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd\ue001-\ue00f]")
# Invisible characters that split words: soft hyphens, zero-width spaces, word joiners, BOMs
# (not the zero-width joiners, which scripts and emoji need).
_INVISIBLE = re.compile(r"[\u00ad\u200b\u2060\ufeff]")
# What :func:`block_texts` removes or replaces: invisible and control characters, other marks.
_NOT_CLEAN = re.compile(f"{_INVISIBLE.pattern}|{_CONTROL_EXCEPT_BLOCK_MARK.pattern}")
_NODE_FACTORY = LexborHTMLParser("")


@lru_cache(maxsize=64)
def tag_ids(names: frozenset[str]) -> frozenset[int]:
    """Lexbor's ids of the standard tag ``names`` (``node.tag_id`` is cheaper than ``node.tag``)."""
    return frozenset(_NODE_FACTORY.create_node(name).tag_id for name in names)


def class_and_id(node: LexborNode) -> str:
    """``class`` and ``id`` attribute values of ``node``, lower-cased, space-joined."""
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()


def ancestors(node: LexborNode, stop: LexborNode | None = None) -> Iterator[LexborNode]:
    """Parents of ``node`` from the nearest up, ending before ``stop`` (or at the root)."""
    stop_id = stop.mem_id if stop is not None else None
    parent = node.parent
    while parent is not None and parent.mem_id != stop_id and parent.tag not in ("html", "-document"):
        yield parent
        parent = parent.parent


def adjacent_element(node: LexborNode, forward: bool) -> LexborNode | None:
    """The element right after (``forward``) or before ``node`` among its siblings, past comments and
    spaces; ``None`` when text or nothing comes first."""
    sibling = node.next if forward else node.prev
    while sibling is not None and (
        sibling.tag == "-comment" or (sibling.tag == "-text" and not sibling.text(deep=False).strip())
    ):
        sibling = sibling.next if forward else sibling.prev
    return None if sibling is None or sibling.tag == "-text" else sibling


def mark_links(root: LexborNode, max_chars: int) -> None:
    """Wrap the text of every link under ``root`` in :data:`LINK_MARK` (see :func:`text_and_links`).

    A "link" with more than ``max_chars`` of text is left unmarked: it is an unclosed ``<a>`` that
    the parser stretched over the paragraphs after it, not a link.
    """
    for link in root.css("a"):
        text = link.text()
        # (a link without text adds no link text: its marks would change no measure)
        if len(text) <= max_chars and text and not text.isspace():
            link.insert_before(LINK_MARK)
            link.insert_after(LINK_MARK)


def text_and_links(node: LexborNode) -> tuple[int, int]:
    """(characters of text, characters inside links) of ``node``; links must be marked first.

    Counts text with each text node stripped, so indentation between elements does not count.
    """
    return measure(node)[:2]


def measure(node: LexborNode) -> tuple[int, int, int]:
    """(text, link text, link marks modulo 2) characters of ``node``, see :func:`text_and_links`.

    The third value lets :func:`measure_with` combine the measures of neighbouring nodes.
    """
    # (whitespace-only text nodes strip to nothing: skipping them saves decoding them)
    text = node.text(strip=True, skip_empty=True)
    if LINK_MARK not in text:
        return len(text), 0, 0
    parts = text.split(LINK_MARK)
    return len(text) - len(parts) + 1, sum(map(len, parts[1::2])), (len(parts) - 1) & 1


def measure_with(node: LexborNode, child_key: int, child: tuple[int, int, int]) -> tuple[int, int, int]:
    """:func:`measure` of ``node`` given ``child``, the measure of its child ``child_key``.

    Measures the other children only, so walking up a chain of ancestors reads each text once.
    """
    text = links = odd = 0
    for part in node.iter(include_text=True, skip_empty=True):
        part_text, part_links, part_odd = child if part.mem_id == child_key else measure(part)
        # After an odd number of marks, the part's text outside links is inside the parent's link.
        links += part_text - part_links if odd else part_links
        text += part_text
        odd ^= part_odd
    return text, links, odd


def mark_blocks(
    root: LexborNode, tags: frozenset[str], keep: frozenset[str] = frozenset()
) -> list[LexborNode]:
    """Put a :data:`BLOCK_MARK` before and after every element named in ``tags`` under ``root``;
    return those named in ``keep`` too, in document order.

    One ``*`` pass filtered in Python: Lexbor matches a long selector list far slower.
    """
    ids, kept_ids = tag_ids(tags), tag_ids(keep)
    kept = []
    for block in root.css("*"):
        tag = block.tag_id
        if tag in ids:
            block.insert_before(BLOCK_MARK)
            block.insert_after(BLOCK_MARK)
            if tag in kept_ids:
                kept.append(block)
    return kept


def clean_text(text: str) -> str:
    """Unicode NFC, control characters and markers removed, whitespace collapsed to single spaces."""
    text = _CONTROL.sub(" ", _INVISIBLE.sub("", text.replace(LINK_MARK, "")))
    return unicodedata.normalize("NFC", _SPACE.sub(" ", text).strip())


def block_texts(root: LexborNode) -> list[str]:
    """The non-empty cleaned texts between block marks under ``root``, in document order."""
    text = root.text().replace(LINK_MARK, "")
    if _NOT_CLEAN.search(text):  # (one scan; the two replacements are rarely needed)
        text = _CONTROL_EXCEPT_BLOCK_MARK.sub(" ", _INVISIBLE.sub("", text))
    pieces = (" ".join(piece.split()) for piece in unicodedata.normalize("NFC", text).split(BLOCK_MARK))
    return [piece for piece in pieces if piece]


def decompose_all(nodes: list[LexborNode]) -> None:
    """Remove ``nodes`` (in document order, as ``css()`` gives them) and their subtrees.

    Goes backwards so an element is removed before any listed element that holds it: removing the
    outer one first would free the inner one while its wrapper is still in the list.
    """
    for node in reversed(nodes):
        node.decompose()


def descendants(root: LexborNode, selector: str) -> list[LexborNode]:
    """Elements under ``root`` matching ``selector``, ``root`` itself excluded (``css()`` includes it)."""
    root_id = root.mem_id
    return [node for node in root.css(selector) if node.mem_id != root_id]


def unique(texts: Iterable[str], min_chars: int = 0) -> list[str]:
    """``texts`` without repeats of those at least ``min_chars`` long, first occurrence kept."""
    seen: set[str] = set()
    kept = []
    for text in texts:
        if len(text) >= min_chars:
            if text in seen:
                continue
            seen.add(text)
        kept.append(text)
    return kept
