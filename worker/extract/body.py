"""Article body extraction: the main text of a parsed page as plain paragraphs, and the pictures set
in it (pure, no I/O).

Steps, each a C-level selector pass or one Python loop over a small node set:

1. drop elements that are never prose (scripts, navigation, figures and captions, hidden parts);
2. weigh paragraphs (``<p>``, ``<pre>``, elements with their own text) by their text outside links,
   leaving out those under boilerplate-named elements (share bars, comments, "related", ...: what
   an element is by its names is :mod:`.names`' job);
3. choose the container: the element most of whose children are heavy paragraphs (readability's
   decaying score, discounted by link density), then step up to an ancestor while that adds more
   paragraph text than other text (an article split into a lead and a body stays whole);
4. inside it, drop boilerplate-named elements and link lists and keep the pictures left (their
   ``<img>`` attributes, for the image cascade); the text is the lead printed before the container
   (:mod:`.lead`) and the container's paragraphs (:mod:`.paragraphs`).

It prunes the tree: call it after the metadata extractors that read the same tree.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from selectolax.lexbor import LexborHTMLParser, LexborNode

from worker.extract import dom, names, rules
from worker.extract.lead import find_lead
from worker.extract.paragraphs import article_paragraphs
from worker.extract.picture_filters import declared_small, is_teaser

MIN_PARAGRAPH_CHARS = 25  # shorter blocks carry no signal for choosing the container
MIN_LIST_ITEM_CHARS = 8  # list items (ingredients, steps, facts) are short and still prose
MAX_LINK_CHARS = 1500  # a link holding more text wraps paragraphs (an unclosed <a>), it is no link
MAX_PARAGRAPH_LINK_SHARE = 0.5  # a "paragraph" mostly made of links is a link list
DECAY = (1.0, 1 / 2, 1 / 6, 1 / 9, 1 / 12)  # a paragraph's weight for its parent, grandparent, ...
TOP_CANDIDATES = 3  # containers compared after the decaying score
MIN_HEADLINE_ARTICLE_SHARE = 0.3  # the headline's article needs this share of the container's paragraph text
MIN_STORY_SHARE = 0.1  # ... or this share when the container's article shows a headline of its own
POSITIVE_BONUS = 1.25  # a container named like article text ("article-body") scores this much more
STEP_UP_LEVELS = 3  # ancestors adding text looked at in one step up from the container
MAX_ADDED_LINK_SHARE = 0.25  # an ancestor adding more link text than this adds teasers, not prose
SMALL_ADDITION_SHARE = 0.25  # an ancestor adding at most this much text may add a byline, a share bar
MIN_ADDED_PROSE_SHARE = 0.5  # an ancestor adding more must add at least this much paragraph text
LINK_LIST_DENSITY = 0.5  # blocks with more link text than this are navigation, not prose
MAX_LINK_LIST_SHARE = 0.1  # ... unless they hold more than this share of the article's paragraph text
LINK_LIST_READS = 20  # blocks measured for links read at most this many times the paragraph text
MIN_LINK_LIST_READ = 100_000  # ... and at least this many characters
MAX_TEASER_CHARS = 600  # a card promoting another page is short
MAX_TEASER_SHARE = 0.1  # ... and holds little of the article's paragraph text
MAX_TEASERS = 100  # teaser-named elements looked at in one article

MIN_HINT_CHARS = 500  # a shorter JSON-LD articleBody is often a teaser, not the article
HINT_AGREEMENT = (0.6, 1.6)  # container/hint length ratios within which the container stands
HINT_PROBE_WORDS = 6  # words of the hint's start and end looked for in the page

MAX_PICTURES = 20

# A card's headline, or its picture linking to the page it promotes (an article's lead block may
# show its own picture, unlinked, beside a standfirst holding a link).
_TEASER_PARTS = "h2, h3, h4, h5, h6, a img, a picture"
_TEASER_NAMED = ", ".join(f'[class*="{word}" i]' for word in sorted(rules.TEASER_WORDS))
_WEIGHED_SELECTOR = f"{rules.PARAGRAPH_SELECTOR}, {rules.LIST_ITEM_SELECTOR}, {rules.TEXT_CONTAINER_SELECTOR}"
_PARAGRAPH_TAGS = frozenset({"p", "pre", "li"})
_PARAGRAPH_IDS = dom.tag_ids(_PARAGRAPH_TAGS)
_LIST_ITEM_ID = next(iter(dom.tag_ids(frozenset({"li"}))))
_LINK_LIST_IDS = dom.tag_ids(rules.LINK_LIST_TAGS)
_TEXTLESS_IDS = dom.tag_ids(rules.TEXTLESS_TAGS)
_ASIDE_IDS = dom.tag_ids(frozenset({"aside"}))
_ARTICLE_IDS = dom.tag_ids(frozenset({"article"}))


@dataclass(slots=True)
class _Scores:
    """Paragraph text accumulated per element (keyed by ``mem_id``) while scoring a page."""

    nodes: dict[int, LexborNode] = field(default_factory=dict)
    chains: dict[int, tuple[int, ...]] = field(default_factory=dict)
    raw: dict[int, float] = field(default_factory=dict)
    good: dict[int, float] = field(default_factory=dict)
    decayed: dict[int, float] = field(default_factory=dict)
    kinds: dict[int, int] = field(default_factory=dict)
    fit: dict[int, float] = field(default_factory=dict)
    measures: dict[int, tuple[int, int, int]] = field(default_factory=dict)
    leaf_measures: dict[int, tuple[int, int, int]] = field(default_factory=dict)
    deepest_first: list[tuple[int, ...]] = field(default_factory=list)
    headline: LexborNode | None = None  # the page's first <h1>
    headline_holders: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Body:
    """The article text, paragraphs separated by a blank line (or ``""``), and the attributes of the
    ``<img>`` elements left in the chosen container once it is cleaned, in page order: the pictures
    set in the text outside any ``<figure>`` (none when no container stood out from the page)."""

    text: str
    pictures: tuple[dict[str, str | None], ...] = ()


def extract_body(tree: LexborHTMLParser, article_body: str | None = None, article_only: bool = False) -> Body:
    """The article of ``tree``: its text and the pictures set in it (pruning ``tree``).

    ``article_body`` is the page's JSON-LD ``articleBody`` when the caller has parsed it already
    (``None``: look for it here); it only checks the chosen container. With ``article_only`` the tree
    holds the article alone (its HTML carried in script data): its pictures are the article's even
    where no container stands out.
    """
    root = tree.body
    if root is None:
        return Body("")
    hint = _json_ld_article_body(tree) if article_body is None else " ".join(article_body.split())
    dom.decompose_all(root.css(rules.RAW_TEXT_SELECTOR))
    dom.mark_links(root, MAX_LINK_CHARS)
    scores = _score(root)
    # A page without a single paragraph (a note, a stub) is all body.
    container = _check_with_hint(scores, _choose_container(scores), hint) or root
    _clean_container(container, scores)
    pictures = _pictures(container) if container is not root or article_only else ()
    lead = find_lead(container) if container is not root else None
    return Body("\n\n".join(article_paragraphs(container, lead)), pictures)


def _pictures(container: LexborNode) -> tuple[dict[str, str | None], ...]:
    """Attributes of the ``<img>`` in the cleaned ``container`` that may be pictures: not declared
    smaller than 100 px on a side (:func:`declared_small`), not named like boilerplate (an ad, a share
    button), not a teaser's."""
    pictures = []
    for img in container.css("img")[: MAX_PICTURES * 5]:
        attributes = img.attributes
        if declared_small(attributes):
            continue
        named = dom.class_and_id(img)
        if names.is_boilerplate_kind(names.name_kind(named), 0.0) and not names.names_picture(named):
            continue
        if is_teaser(img):
            continue
        pictures.append(attributes)
        if len(pictures) == MAX_PICTURES:
            break
    return tuple(pictures)


def _score(root: LexborNode) -> _Scores:
    """Paragraph weights summed (``good``) and decayed (``decayed``) over each paragraph's ancestors.

    Paragraphs under overlays (navigation, dialogs, cookie banners) never count; those under
    boilerplate-named elements count only when those elements turn out to wrap most of the page,
    or when nothing else is left.
    """
    headline = root.css_first("h1")
    scores = _Scores(headline=headline, headline_holders=_holders(headline))
    paragraphs = _weighted_paragraphs(scores, root)
    root_key = root.mem_id
    chained = [(node, weight, _chain(scores, node, root_key)) for node, weight in paragraphs]
    scores.deepest_first = sorted(scores.chains.values(), key=len, reverse=True)
    overlaid = _inherited(scores, lambda key: _kind_of(scores, key) == names.OVERLAY)
    weighted = [item for item in chained if not overlaid[item[2][0]]] or _in_asides(scores, chained)
    scores.raw = _sums(scores, weighted)
    raw_total = sum(weight for _, weight, _ in weighted)
    excluded = _inherited(scores, lambda key: _is_excluded(scores, key, raw_total))
    kept = [item for item in weighted if not excluded[item[2][0]]]
    scores.good = _sums(scores, kept or weighted)
    for node, weight, chain in kept or weighted:
        if node.tag_id != _LIST_ITEM_ID:
            for key, factor in zip(chain[1 : len(DECAY) + 1], DECAY, strict=False):
                scores.decayed[key] = scores.decayed.get(key, 0.0) + weight * factor
    return scores


def _in_asides(
    scores: _Scores, chained: list[tuple[LexborNode, float, tuple[int, ...]]]
) -> list[tuple[LexborNode, float, tuple[int, ...]]]:
    """The paragraphs under overlays only because an ``<aside>`` holds them (a page that puts its
    whole article in one), for when every paragraph is under an overlay (rare: the extra pass is too)."""
    overlaid = _inherited(
        scores, lambda key: _kind_of(scores, key) == names.OVERLAY and not _is_plain_aside(scores, key)
    )
    return [item for item in chained if not overlaid[item[2][0]]]


def _is_plain_aside(scores: _Scores, key: int) -> bool:
    """Whether element ``key`` is an ``<aside>`` not named like an overlay (a cookie banner)."""
    node = scores.nodes[key]
    return node.tag_id in _ASIDE_IDS and names.name_kind(dom.class_and_id(node)) != names.OVERLAY


def _inherited(scores: _Scores, holds: Callable[[int], bool]) -> dict[int, bool]:
    """Whether ``holds`` is true of each scored element or any of its ancestors.

    Goes down from the root, so ``holds`` is asked of no element under one it holds for.
    """
    flags: dict[int, bool] = {}
    for chain in reversed(scores.deepest_first):
        flags[chain[0]] = (len(chain) > 1 and flags[chain[1]]) or holds(chain[0])
    return flags


def _sums(scores: _Scores, weighted: list[tuple[LexborNode, float, tuple[int, ...]]]) -> dict[int, float]:
    """Weight of the paragraphs under each element (itself included), summed bottom-up once."""
    sums: dict[int, float] = {}
    for _, weight, chain in weighted:
        sums[chain[0]] = sums.get(chain[0], 0.0) + weight
    for chain in scores.deepest_first:
        if chain[0] in sums and len(chain) > 1:
            sums[chain[1]] = sums.get(chain[1], 0.0) + sums[chain[0]]
    return sums


def _weighted_paragraphs(scores: _Scores, root: LexborNode) -> list[tuple[LexborNode, float]]:
    """Each prose-holding element under ``root`` with its weight: characters outside links.

    Paragraphs and list items weigh their whole text; other containers only their own text
    (pages that write prose straight into divs). One selector pass finds both.
    """
    found = []
    for node in root.css(_WEIGHED_SELECTOR):
        tag = node.tag_id
        if tag in _PARAGRAPH_IDS:
            total, links, _ = scores.leaf_measures[node.mem_id] = dom.measure(node)
            shortest = MIN_LIST_ITEM_CHARS if tag == _LIST_ITEM_ID else MIN_PARAGRAPH_CHARS
            if total >= shortest and links <= total * MAX_PARAGRAPH_LINK_SHARE:
                found.append((node, float(total - links)))
        # Most containers hold no text of their own: the raw text, cheaper, tells them apart.
        elif len(node.text(deep=False, skip_empty=True)) >= MIN_PARAGRAPH_CHARS:
            own = len(node.text(deep=False, strip=True).replace(dom.LINK_MARK, ""))  # (marks are no text)
            if own >= MIN_PARAGRAPH_CHARS:
                found.append((node, float(own)))
    return found


def _chain(scores: _Scores, node: LexborNode, root_key: int) -> tuple[int, ...]:
    """Keys of ``node`` and its ancestors up to the root (key ``root_key``) included, memoised."""
    chains = scores.chains
    path: list[tuple[int, LexborNode]] = []
    current: LexborNode | None = node
    tail: tuple[int, ...] = ()
    while current is not None:
        key = current.mem_id
        if key in chains:
            tail = chains[key]
            break
        path.append((key, current))
        if key == root_key:
            break
        current = current.parent
    for key, element in reversed(path):
        tail = (key, *tail)
        chains[key] = tail
        scores.nodes[key] = element
    return tail


def _kind_of(scores: _Scores, key: int) -> int:
    """The kind of element ``key`` (see ``_kind``), memoised; an element named as an overlay that
    holds the page's headline is the article's view (a modal the site opens its stories in), unless
    its name says consent or login."""
    kind = scores.kinds.get(key)
    if kind is None:
        node = scores.nodes[key]
        kind = names.kind(node)
        if kind == names.OVERLAY and key in scores.headline_holders and not _names_consent(node):
            kind = names.NOT_NAMED
        scores.kinds[key] = kind
    return kind


def _names_consent(node: LexborNode) -> bool:
    """Whether ``node``'s class or id names a consent or login box (one may show an ``<h1>`` first)."""
    return not rules.CONSENT_WORDS.isdisjoint(names.spaced_words(dom.class_and_id(node)).split())


def _holders(headline: LexborNode | None) -> frozenset[int]:
    """Keys of the elements holding ``headline`` that are not overlays by their tag (a dialog, an
    aside): those whose names may call them a modal, a popup."""
    if headline is None:
        return frozenset()
    return frozenset(
        above.mem_id for above in dom.ancestors(headline) if above.tag_id not in names.NON_PROSE_IDS
    )


def _is_excluded(scores: _Scores, key: int, raw_total: float) -> bool:
    """Whether the paragraphs under element ``key`` are boilerplate, judging by its name."""
    share = scores.raw.get(key, 0.0) / raw_total if raw_total else 0.0
    return names.is_boilerplate_kind(_kind_of(scores, key), share)


def _choose_container(scores: _Scores) -> LexborNode | None:
    """The element holding the article's paragraphs, or ``None`` when the page has none.

    A page that appends the next story under the first (infinite scroll) holds an ``<article>`` per
    story: the container is taken in the one holding the page's headline (its first ``<h1>``) when
    that one has paragraphs enough, even if another is longer, and does not step up into the other.
    """
    key = _best_candidate(scores, list(scores.decayed.items()))
    if key is None:
        return None
    own = _article_of(scores, key)
    headline = _headline_article(scores) if own is not None else None  # (else nothing to tell)
    if headline is not None and _beside_with_text(scores, own, headline, key):
        inside = [
            (other, weight) for other, weight in scores.decayed.items() if headline in scores.chains[other]
        ]
        key = _best_candidate(scores, inside) or key
    in_headline_article = headline is not None and _article_of(scores, key) == headline
    return scores.nodes[_step_up(scores, key, in_headline_article)]


def _best_candidate(scores: _Scores, decayed: list[tuple[int, float]]) -> int | None:
    """Of elements with their decayed paragraph weights, the likeliest container: the best of the
    ``TOP_CANDIDATES`` heaviest, discounted by link density, article-named ones favoured."""
    ranked = sorted(decayed, key=lambda item: item[1], reverse=True)[:TOP_CANDIDATES]
    _measure_nested(scores, [key for key, _ in ranked])
    best: tuple[float, int] | None = None
    for key, weight in ranked:
        text, links = _measure(scores, key)
        score = weight * (1.0 - links / text if text else 0.0)
        if names.is_article_named(dom.class_and_id(scores.nodes[key])):
            score *= POSITIVE_BONUS
        if best is None or score > best[0]:
            best = (score, key)
    return best[1] if best else None


def _headline_article(scores: _Scores) -> int | None:
    """The key of the ``<article>`` holding the page's first ``<h1>``, if it holds scored paragraphs."""
    if scores.headline is None:
        return None
    article = next((above for above in dom.ancestors(scores.headline) if above.tag_id in _ARTICLE_IDS), None)
    return article.mem_id if article is not None and article.mem_id in scores.chains else None


def _article_of(scores: _Scores, key: int) -> int | None:
    """The key of the nearest ``<article>`` holding element ``key`` (itself included), or ``None``."""
    return next((above for above in scores.chains[key] if scores.nodes[above].tag_id in _ARTICLE_IDS), None)


def _beside_with_text(scores: _Scores, own: int | None, headline: int, key: int) -> bool:
    """Whether the headline's article is another story's article than ``own`` (neither holds the
    other) and holds at least ``MIN_HEADLINE_ARTICLE_SHARE`` of the paragraph text of ``key``
    (``MIN_STORY_SHARE`` when ``own`` shows an ``<h1>`` of its own)."""
    if own is None or own == headline or own in scores.chains[headline] or headline in scores.chains[own]:
        return False
    # (an article with a headline of its own is surely another story: the headline's may be short)
    share = MIN_STORY_SHARE if scores.nodes[own].css_first("h1") is not None else MIN_HEADLINE_ARTICLE_SHARE
    return scores.good.get(headline, 0.0) >= share * scores.good.get(key, 0.0)


def _step_up(scores: _Scores, key: int, in_article: bool = False) -> int:
    """The nearest ancestor of ``key`` (or itself) beyond which no ancestor fits the article better.

    Looks ``STEP_UP_LEVELS`` ancestors ahead, not counting wrappers that add no text; an ancestor
    counts only when what it adds is prose rather than teasers (``_adds_prose``).
    """
    while True:
        above = [
            ancestor
            for ancestor in _distinct_ancestors(scores, key)
            if _adds_prose(scores, key, ancestor)
            and not (in_article and _adds_another_article(scores, key, ancestor))
        ]
        better = max(above, key=lambda ancestor: _fit(scores, ancestor), default=key)
        if better == key or _fit(scores, better) <= _fit(scores, key):
            return key
        key = better


def _distinct_ancestors(scores: _Scores, key: int) -> list[int]:
    """The first ``STEP_UP_LEVELS`` ancestors of ``key`` that add text, each the outermost of its
    wrappers (a wrapper around a single child measures the same as the child)."""
    found: list[int] = []
    last = _measure(scores, key)
    chain = scores.chains[key]
    for child, ancestor in pairwise(chain):
        measure = _measure(scores, ancestor, child)
        if measure == last and found:
            found[-1] = ancestor
        elif measure != last:
            if len(found) == STEP_UP_LEVELS:
                break
            found.append(ancestor)
        last = measure
    return found


def _adds_prose(scores: _Scores, key: int, ancestor: int) -> bool:
    """Whether ``ancestor`` adds prose to ``key`` rather than teasers or another page region.

    What it adds must be mostly outside links, and, unless small next to what ``key`` holds, mostly
    paragraph text.
    """
    (text, links), (ancestor_text, ancestor_links) = _measure(scores, key), _measure(scores, ancestor)
    added_text, added_links = ancestor_text - text, ancestor_links - links
    added_good = scores.good.get(ancestor, 0.0) - scores.good.get(key, 0.0)
    if added_links > MAX_ADDED_LINK_SHARE * added_text:
        return False
    return added_text <= SMALL_ADDITION_SHARE * text or added_good >= MIN_ADDED_PROSE_SHARE * added_text


def _adds_another_article(scores: _Scores, key: int, ancestor: int) -> bool:
    """Whether ``ancestor`` holds an ``<article>`` beside the one holding ``key``: the next story a
    page appends under the first, not more of it. (Articles inside that one, cards of other stories,
    and articles wrapping it do not count; nor does anything when ``key`` is in no article.)"""
    own = _article_of(scores, key)
    if own is None or own == ancestor:
        return False
    inside_own = {article.mem_id for article in scores.nodes[own].css("article")}  # (own included)
    wrapping = set(scores.chains[own])
    return any(
        article.mem_id not in inside_own and article.mem_id not in wrapping
        for article in dom.descendants(scores.nodes[ancestor], "article")
    )


def _fit(scores: _Scores, key: int) -> float:
    """How well element ``key`` fits the article: paragraph text minus other text and link text."""
    if key not in scores.fit:
        text, links = _measure(scores, key)
        good = scores.good.get(key, 0.0)
        scores.fit[key] = good - max(0.0, text - links - good) - links
    return scores.fit[key]


def _measure_nested(scores: _Scores, keys: list[int]) -> None:
    """Measure elements ``keys``, the deepest first, each of the others from a measured descendant
    (candidate containers often hold one another: each text is then read once)."""
    done: list[int] = []
    for key in sorted(keys, key=lambda key: len(scores.chains[key]), reverse=True):
        below = next((other for other in done if key in scores.chains[other]), None)
        if below is not None:
            chain = scores.chains[below]
            for child, ancestor in pairwise(chain[: chain.index(key) + 1]):
                _measure(scores, ancestor, child)
        _measure(scores, key)
        done.append(key)


def _measure(scores: _Scores, key: int, child: int | None = None) -> tuple[int, int]:
    """(text, link text) characters of element ``key``, memoised; ``child``: a child of ``key``
    whose measure is known or about to be (then only the other children are read)."""
    if key not in scores.measures:
        node = scores.nodes[key]
        if child is None:
            scores.measures[key] = dom.measure(node)
        else:
            _measure(scores, child)
            scores.measures[key] = dom.measure_with(node, child, scores.measures[child])
    text, links, _ = scores.measures[key]
    return text, links


def _json_ld_article_body(tree: LexborHTMLParser) -> str:
    """The page's JSON-LD ``articleBody`` with whitespace collapsed, or ``""``."""
    for script in tree.css(rules.JSON_LD_SELECTOR):
        text = script.text()
        if '"articleBody"' not in text:
            continue
        try:
            found = _find_article_body(json.loads(text))
        except ValueError:
            continue
        if found:
            return " ".join(found.split())
    return ""


def _find_article_body(value: object) -> str | None:
    """The first non-empty ``articleBody`` string anywhere in parsed JSON ``value``."""
    if isinstance(value, dict):
        body = value.get("articleBody")
        if isinstance(body, str) and body.strip():
            return body
        value = list(value.values())
    if isinstance(value, list):
        return next((found for item in value if (found := _find_article_body(item))), None)
    return None


def _check_with_hint(scores: _Scores, container: LexborNode | None, hint: str) -> LexborNode | None:
    """``container``, or the element holding the JSON-LD article body when they disagree in size.

    The hint wins only when it is long, when the chosen container is far shorter or longer than it,
    and when one element holds the hint's first and last words and is about as long as the hint.
    """
    if len(hint) < MIN_HINT_CHARS or container is None:
        return container
    chosen = _measure(scores, container.mem_id)[0]
    if HINT_AGREEMENT[0] * len(hint) <= chosen <= HINT_AGREEMENT[1] * len(hint):
        return container
    holder = _hint_holder(scores, hint)
    if holder is None or _measure(scores, holder)[0] < HINT_AGREEMENT[0] * len(hint):
        return container
    return scores.nodes[holder]


def _hint_holder(scores: _Scores, hint: str) -> int | None:
    """The deepest scored element holding the first and the last words of ``hint``."""
    words = hint.split()
    first, last = " ".join(words[:HINT_PROBE_WORDS]), " ".join(words[-HINT_PROBE_WORDS:])
    found: dict[str, tuple[int, ...]] = {}
    for key, chain in scores.chains.items():
        if len(found) == 2:
            break
        node = scores.nodes[key]
        if node.tag not in ("p", "pre", "li", "div"):
            continue
        text = " ".join(dom.clean_text(node.text(deep=False)).split())
        for probe in (first, last):
            if probe not in found and probe in text:
                found[probe] = chain
    if len(found) < 2:
        return None
    common = set(found[first]).intersection(found[last])
    return next((key for key in found[first] if key in common), None)


def _clean_container(container: LexborNode, scores: _Scores) -> None:
    """Drop what is never prose, boilerplate-named elements, cards promoting other pages and link
    lists inside ``container``."""
    total = scores.good.get(container.mem_id, 0.0)
    dom.decompose_all(
        [node for node in names.non_prose_under(container) if not _wraps_article(node, scores, total)]
    )
    dom.decompose_all(_named_junk(container, scores, total))
    dom.decompose_all(_link_lists(container, scores, total))


def _named_junk(container: LexborNode, scores: _Scores, total: float) -> list[LexborNode]:
    """Elements under ``container`` named as boilerplate, and cards promoting other pages, in page order."""
    junk = []
    # (one query finds the few elements that may be cards: reading each element's class costs more;
    # a card's text is read, and nested cards would read the same text again: a few at most)
    teasers = {node.mem_id for node in container.css(_TEASER_NAMED)[:MAX_TEASERS]}
    for node in dom.descendants(container, "[class], [id], [hidden], [style]"):
        if node.tag_id in _TEXTLESS_IDS:
            continue  # (removing it would change no text)
        key = node.mem_id
        scores.nodes.setdefault(key, node)
        share = scores.good.get(key, 0.0) / total if total else 0.0
        named = names.is_boilerplate_kind(_kind_of(scores, key), share)
        if not named and key in teasers and share < MAX_TEASER_SHARE and _is_teaser_named(node):
            named = _is_teaser_card(node)
        if named and not _wraps_article(node, scores, total):
            junk.append(node)
    return junk


def _link_lists(container: LexborNode, scores: _Scores, total: float) -> list[LexborNode]:
    """The blocks under ``container`` that are mostly links (see :func:`_is_link_list`), in page order."""
    lists: list[LexborNode] = []
    inside: set[int] = set()  # (the elements of a link list found go with it: not measured again)
    # Each block is measured over its whole text, so nested blocks read the same text again: the
    # reading stops at a multiple of the article's paragraph text (a real page stays far below it).
    budget = [int(LINK_LIST_READS * total) + MIN_LINK_LIST_READ]
    for node in dom.descendants(container, "*"):
        if budget[0] < 0:
            break
        if node.mem_id not in inside and _is_link_list(node, scores, total, budget):
            lists.append(node)
            inside.update(element.mem_id for element in node.css("*"))
    return lists


def _is_teaser_named(node: LexborNode) -> bool:
    """Whether ``node``'s class calls it a teaser (as a word: "teaserimage" names a card's part)."""
    return not rules.TEASER_WORDS.isdisjoint(names.spaced_words(node.attributes.get("class") or "").split())


def _is_teaser_card(node: LexborNode) -> bool:
    """Whether teaser-named ``node`` is a card promoting another page: short, holding a link and a
    heading or a linked picture. (Not every "teaser" is one: many sites name the article's own
    standfirst or lead block so, which holds neither.)"""
    text, links = dom.text_and_links(node)
    return links > 0 and text <= MAX_TEASER_CHARS and node.css_first(_TEASER_PARTS) is not None


def _wraps_article(node: LexborNode, scores: _Scores, total: float) -> bool:
    """Whether ``node`` is an ``<aside>`` holding most of the ``total`` paragraph text (then the page
    put its article in it: paragraphs under asides count only when no other paragraph is left)."""
    return (
        node.tag_id in _ASIDE_IDS
        and scores.good.get(node.mem_id, 0.0) > total * names.BOILERPLATE_WRAPPER_SHARE
    )


def _is_link_list(node: LexborNode, scores: _Scores, total: float, budget: list[int]) -> bool:
    """Whether ``node`` is a block of mostly links holding little of the ``total`` paragraph text
    (the characters its text reads are taken from ``budget``)."""
    if node.tag_id not in _LINK_LIST_IDS:
        return False
    key = node.mem_id
    if scores.good.get(key, 0.0) > total * MAX_LINK_LIST_SHARE:
        return False  # a wrapper of article paragraphs, however many links sit beside them
    # Paragraphs were measured when scored; other blocks lost parts since and are measured anew
    # (unless they hold no link: the raw text, cheaper, tells).
    measure = scores.leaf_measures.get(key)
    if measure is None:
        raw = node.text(skip_empty=True)
        budget[0] -= len(raw)
        if dom.LINK_MARK not in raw:
            return False
        measure = dom.measure(node)
        budget[0] -= len(raw)  # (the measure reads it again)
    text, links, _ = measure
    return links > text * LINK_LIST_DENSITY
