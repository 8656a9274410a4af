"""Robustness guard run on markup before parsing: size cap, nesting and attribute limits (pure, no I/O).

Lexbor's parse time grows faster than linearly with element nesting (100k nested ``<div>`` take
14-27 s) and with the number of attributes on one tag (100k: 17.6 s), while size alone is cheap.
:func:`check_markup` estimates both from the tags with regular expressions (C loops, linear time,
patterns that cannot backtrack across tags) and returns markup that parses in bounded time, or
refuses it with a :class:`~worker.errors.PermanentError`.

It is a cheap first line against broken or naive pathological pages, not a parser: markup built to
fool a tag scanner (``>`` inside quoted attribute values, say) is left to the task's hard time limit.
"""

from __future__ import annotations

import operator
import re
from array import array
from itertools import accumulate

from worker.errors import PermanentError

REFUSE_FACTOR = 4  # input longer than this many times the cap is refused, not truncated
SAFE_CUT_WINDOW = 65_536  # look this far back from the cap for a tag start to cut before
LONG_TAG_CHARS = 8_192  # a stretch this long without '<' or '>' makes the guard count attributes
MAX_ATTRIBUTES = 512  # a tag with more attributes keeps only its name
REFUSE_DEPTH_FACTOR = 8  # nesting beyond this many times the limit is refused, not flattened
MAX_ROUNDS = 1_024  # nesting counted by rounds stops here (each round is a C pass over the tags)
MAX_ROUND_BRACKETS = 32_768  # more tags than this are counted in one linear Python pass instead


def _prefix_alternation(words: list[str]) -> str:
    """A regex alternation of exactly ``words``, grouped by shared prefixes ("b(?:ase(?:font)?|r)").

    ``re`` tries alternatives one by one, so a flat list of 50 names costs 50 tests at every tag;
    grouped, a tag name is ruled out at its first letter or two (the scan runs a fifth faster).
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:1], []).append(word[1:])
    parts = []
    for first, rests in sorted(groups.items()):
        optional = "" in rests
        longer = sorted(rest for rest in rests if rest)
        if not longer:
            parts.append(re.escape(first))
            continue
        inner = _prefix_alternation(longer) if len(longer) > 1 else re.escape(longer[0])
        grouped = f"(?:{inner})" if optional or "|" in inner else inner
        parts.append(f"{re.escape(first)}{grouped}{'?' if optional else ''}")
    return "|".join(parts)


# Elements that never nest: void elements, those the parser closes implicitly when a sibling opens
# (an unclosed <p> or <li> does not deepen the tree), and SVG leaves written self-closing (<path/>:
# the scan reads tag names, not how tags end).
# The most frequent come first: the scan tries them in order.
_NON_NESTING_NAMES = (
    "p br img li meta link input td tr th path option hr source dt dd use wbr col area embed param "
    "track base rect circle stop line polygon polyline ellipse animate set keygen basefont bgsound "
    "frame image isindex nextid spacer optgroup rb rt rtc rp thead tbody tfoot colgroup"
)
_NON_NESTING_SET = frozenset(_NON_NESTING_NAMES.split())
# Tag starts ("<x", "</x") of elements that may nest, each found as its slash ("" or "/"): findall
# then builds no new string per tag (the empty and one-character strings are shared), which makes
# this scan, the guard's main cost, a sixth cheaper than returning the "<x" / "</x" text.
# Lower-case names only: an upper-case <BR> is counted, which can only overestimate, and an
# overestimate is checked again exactly.
_FAST_TAG_START = re.compile(rf"<(/?)(?!(?:{_prefix_alternation(_NON_NESTING_NAMES.split())})[\s/>])[a-zA-Z]")
_TAG_START = re.compile(_FAST_TAG_START.pattern, re.IGNORECASE)
_SIGNED_STEPS = bytes.maketrans(b"()", b"\x01\xff")  # as signed bytes: +1 and -1
# A whole tag: name, then attributes up to the next '>' never crossing a '<'.
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*>?")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
# Where raw text starts (the parser reads no tags inside): scripts, styles, comments and the like.
_RAW_TEXT_START = re.compile(r"<!--|<(script|style|textarea|xmp|title|noscript|plaintext)\b", re.IGNORECASE)
_RAW_TEXT_END = {
    name: re.compile("-->" if name == "--" else f"</{name}", re.IGNORECASE)
    for name in ("--", "script", "style", "textarea", "xmp", "title", "noscript", "plaintext")
}


def check_markup(html: str, max_chars: int, max_depth: int) -> str:
    """Markup safe to parse: truncated at ``max_chars``, attribute floods and deep nesting flattened.

    Raises :class:`PermanentError` ``too_large`` for input over ``REFUSE_FACTOR`` times the cap and
    ``too_deeply_nested`` for nesting over ``REFUSE_DEPTH_FACTOR`` times ``max_depth``.
    """
    if len(html) > max_chars * REFUSE_FACTOR:
        raise PermanentError("too_large", f"{len(html)} characters, cap {max_chars}")
    html = _truncate(html, max_chars)
    if html.find("\x00") >= 0:  # find is a fast C scan; replace walks the text even when there is none
        html = html.replace("\x00", "")
    html = _drop_attribute_floods(html)
    # Nesting needs an opening tag per level: a page with no more "<" not followed by "/" than the
    # limit cannot nest deeper, and two C counts tell (the tag scan below costs four times as much).
    if html.count("<") - html.count("</") <= max_depth:
        return html
    # Scripts and comments hold "<" that are not tags: they only ever inflate the first estimate,
    # so the exact count (skipping them) is needed only when that one is over the limit.
    if _depth_of(_FAST_TAG_START.findall(html)) <= max_depth or (depth := nesting_depth(html)) <= max_depth:
        return html
    if depth > max_depth * REFUSE_DEPTH_FACTOR:
        raise PermanentError("too_deeply_nested", f"depth about {depth}, limit {max_depth}")
    return _flatten(html, max_depth)


def nesting_depth(html: str) -> int:
    """An estimate of the deepest element nesting of ``html``, from its tags alone."""
    return _depth_of(_TAG_START.findall(markup_outside_raw_text(html)))


def _depth_of(slashes: list[str]) -> int:
    """Deepest nesting reached by a sequence of tag starts given by their slash ("" opens, "/" closes)."""
    if not slashes:
        return 0
    # with a comma after every tag, "/," is a closing tag and a lone "," an opening one
    brackets = (",".join(slashes) + ",").replace("/,", ")").replace(",", "(").encode("ascii")
    if len(slashes) <= MAX_ROUND_BRACKETS:
        return _depth_by_rounds(brackets)
    return _depth_by_running_sum(brackets)


def _depth_by_rounds(brackets: bytes) -> int:
    """Depth of a "(" / ")" string: rounds of removing innermost "()" pairs, plus "(" never closed.

    Each round is one ``bytes.replace`` (a C loop); a page of a few thousand tags nests a few dozen
    deep, so this beats a Python loop over the tags. Stray ")" are ignored, as the parser does.
    """
    rounds = 0
    while b"()" in brackets and rounds <= MAX_ROUNDS:
        brackets = brackets.replace(b"()", b"")
        rounds += 1
    return rounds + brackets.count(b"(")


def _depth_by_running_sum(brackets: bytes) -> int:
    """Depth of a "(" / ")" string in linear time: the running sum minus its lowest value so far."""
    sums: list[int] = list(accumulate(array("b", brackets.translate(_SIGNED_STEPS)), initial=0))
    lowest: list[int] = list(accumulate(sums, min))
    return max(map(operator.sub, sums, lowest), default=0)


def markup_outside_raw_text(html: str) -> str:
    """``html`` without the content of scripts, styles and comments, whose ``<`` are not tags."""
    kept: list[str] = []
    position = 0
    while (start := _RAW_TEXT_START.search(html, position)) is not None:
        kept.append(html[position : start.start()])
        end = _RAW_TEXT_END[(start.group(1) or "--").lower()].search(html, start.end())
        if end is None:  # unclosed: the parser reads the rest of the document as raw text
            return "".join(kept)
        position = end.end()
    kept.append(html[position:])
    return "".join(kept)


def _drop_attribute_floods(html: str) -> str:
    """``html`` with every tag carrying more than ``MAX_ATTRIBUTES`` attributes cut to its bare name.

    A flood of attributes is a long stretch without ``<`` or ``>``: windows of ``LONG_TAG_CHARS``
    at a stride of half that are checked with ``str.find`` (a C scan), so a normal page costs a
    few dozen Python steps and only the stretches found are looked at closer.
    """
    pieces: list[str] = []
    done = 0
    stride = LONG_TAG_CHARS // 2
    window = done
    while window + LONG_TAG_CHARS <= len(html):
        end = window + LONG_TAG_CHARS
        if html.find("<", window, end) >= 0 or html.find(">", window, end) >= 0:
            window += stride
            continue
        tag_start, tag_end = html.rfind("<", done, window), html.find(">", end)
        tag_end = len(html) if tag_end < 0 else tag_end + 1
        if tag_start >= 0 and html.rfind(">", tag_start, window) < 0:
            pieces += (html[done:tag_start], _without_attribute_flood(html[tag_start:tag_end]))
            done = tag_end
        window = tag_end
    return "".join((*pieces, html[done:])) if pieces else html


def _without_attribute_flood(tag: str) -> str:
    """``tag`` unchanged, or reduced to its bare name when it has more than ``MAX_ATTRIBUTES``."""
    match = _TAG.match(tag)
    if match is None or len(_QUOTED.sub("", tag).split()) <= MAX_ATTRIBUTES:
        return tag
    return f"<{match.group(1)}{match.group(2)}>"


def _truncate(html: str, max_chars: int) -> str:
    """``html`` cut to ``max_chars``, before the last tag start near the cut so no tag is split."""
    if len(html) <= max_chars:
        return html
    cut = html.rfind("<", max(0, max_chars - SAFE_CUT_WINDOW), max_chars)
    return html[: cut if cut > 0 else max_chars]


def _flatten(html: str, max_depth: int) -> str:
    """``html`` with the tags nested deeper than ``max_depth`` removed (their text is kept)."""
    depth = 0

    def keep_shallow(match: re.Match[str]) -> str:
        nonlocal depth
        slash, name = match.groups()
        if name.lower() in _NON_NESTING_SET:
            return match.group(0)
        depth = max(depth - 1, 0) if slash else depth + 1
        too_deep = depth >= max_depth if slash else depth > max_depth
        return "" if too_deep else match.group(0)

    return _TAG.sub(keep_shallow, html)
