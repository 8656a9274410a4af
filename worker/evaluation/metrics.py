"""One scoring rule per field, as ``../shared/datasets/README.md`` defines them (pure, no I/O).

Each function compares one page's gold value with what an extractor returned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeGuard
from urllib.parse import unquote

from dateutil.parser import isoparse

from worker.evaluation.counts import Counts, multiset_counts
from worker.evaluation.text import collapse_space, normalise_label, words

SHINGLE_SIZE = 4
# Words that join names in a byline; they are not part of any name.
BYLINE_CONNECTIVES = frozenset({"by", "von", "and", "und"})
_ID_TOKEN = re.compile(r"[A-Za-z0-9]+")
_SIZE_TOKEN = re.compile(r"\d+x\d+", re.IGNORECASE)
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|webp|gif|avif)$", re.IGNORECASE)
_SIZE_SUFFIX = re.compile(r"-\d{2,4}x\d{2,4}(?=\.[A-Za-z]+$)")  # WordPress: "-585x439.jpg"


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> list[tuple[str, ...]]:
    """Overlapping ``size``-grams of ``\\w+`` tokens; a text shorter than ``size`` is one shingle."""
    tokens = words(text)
    return [
        tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)) if tokens[i : i + size]
    ]


def body_counts(gold: str, predicted: str) -> Counts:
    """Shingle tp/fp/fn of one page, normalised to sum 1 (the ScrapingHub benchmark's rule)."""
    return multiset_counts(shingles(gold), shingles(predicted)).normalised()


def snippet_counts(with_snippets: Sequence[str], without_snippets: Sequence[str], body: str) -> Counts:
    """A ``with`` snippet found is a tp, missing a fn; a ``without`` snippet found is a fp."""
    text = collapse_space(body)
    found_with = sum(collapse_space(s) in text for s in with_snippets)
    found_without = sum(collapse_space(s) in text for s in without_snippets)
    return Counts(found_with, found_without, len(with_snippets) - found_with)


def label_equal(gold: str, predicted: str | None) -> bool:
    """Equal after NFKC, case folding and collapsing whitespace (titles, descriptions)."""
    return predicted is not None and normalise_label(gold) == normalise_label(predicted)


def parse_gold_date(gold: str) -> datetime | date:
    """A gold ``published``: a ``date`` for a bare day, else a (possibly aware) ``datetime``.

    A few trafilatura_eval labels are written year-day-month ("2022-29-11"): when the month is out
    of range, the unambiguous swapped reading is taken.
    """
    try:
        parsed = isoparse(gold)
    except ValueError:
        return datetime.strptime(gold.strip(), "%Y-%d-%m").date()
    return parsed if "T" in gold or " " in gold.strip() else parsed.date()


def has_instant(gold: datetime | date) -> TypeGuard[datetime]:
    """True when the gold pins an instant: a time with a UTC offset."""
    return isinstance(gold, datetime) and gold.tzinfo is not None


def local_day(predicted: datetime | date, gold: datetime | date) -> date:
    """The returned date's calendar day in the page's own local time (the gold's offset when known)."""
    if not isinstance(predicted, datetime):
        return predicted
    if predicted.tzinfo is not None and isinstance(gold, datetime) and gold.tzinfo is not None:
        return predicted.astimezone(gold.tzinfo).date()
    return predicted.date()


def published_day_correct(gold: str | None, predicted: datetime | date | None) -> bool:
    """Same calendar day as the gold; a gold null is correct only when no date was returned."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    gold_value = parse_gold_date(gold)
    gold_day = gold_value.date() if isinstance(gold_value, datetime) else gold_value
    return local_day(predicted, gold_value) == gold_day


def published_minute_correct(gold: datetime, predicted: datetime | date | None) -> bool:
    """Same instant to the minute; a naive returned time counts as UTC, a bare day never matches."""
    if not isinstance(predicted, datetime):
        return False
    aware = predicted if predicted.tzinfo is not None else predicted.replace(tzinfo=UTC)
    return int(aware.timestamp() // 60) == int(gold.timestamp() // 60)


def name_set(names: Iterable[str]) -> frozenset[str]:
    """Names (or tags) compared case-folded with whitespace collapsed; empty ones dropped."""
    return frozenset(n for n in map(normalise_label, names) if n)


def set_counts(gold: Iterable[str], predicted: Iterable[str]) -> Counts:
    """tp/fp/fn of two case-folded sets (authors by name, tags, categories)."""
    return multiset_counts(name_set(gold), name_set(predicted))


def byline_tokens(text: str) -> list[str]:
    """Case-folded word tokens of a byline or names, without connectives (by, von, and, und, ",")."""
    return [t for t in words(normalise_label(text)) if t not in BYLINE_CONNECTIVES]


def author_raw_counts(gold: str | Sequence[str], predicted: Sequence[str]) -> Counts:
    """Token tp/fp/fn between the gold byline and the returned names."""
    byline = gold if isinstance(gold, str) else ", ".join(gold)
    return multiset_counts(byline_tokens(byline), byline_tokens(" , ".join(predicted)))


def language_code(tag: str | None) -> str | None:
    """The ISO 639-1 primary subtag of a language tag (``en-US`` -> ``en``)."""
    primary = (tag or "").strip().replace("_", "-").split("-")[0].casefold()
    return primary or None


def language_correct(gold: str, predicted: str | None) -> bool:
    """Same primary language code."""
    return language_code(gold) == language_code(predicted)


def image_key(url: str) -> str:
    """An image URL compared without its scheme (pages mix http and https for the same file)."""
    return url.strip().split("://", 1)[-1]


def file_name(url: str) -> str:
    """The last path segment of the (twice unquoted: resizers wrap the original) URL, query cut."""
    return re.split(r"[?#]", unquote(unquote(url)).rsplit("/", 1)[-1])[0].casefold()


def picture_file(url: str) -> str:
    """Host and path of the picture file at ``url``, without the query (a resizer's parameters) and
    without a WordPress size suffix ("IMG_0234-585x439.jpg" is "IMG_0234.jpg" resized); ``""`` when
    the path names no image file (a service whose query names the picture: ``/dims?image_uri=``)."""
    path = re.split(r"[?#]", image_key(url), maxsplit=1)[0]
    return _SIZE_SUFFIX.sub("", path) if _IMAGE_FILE.search(path) else ""


def picture_ids(url: str) -> frozenset[str]:
    """Identifiers of the picture in the URL's file name: tokens of 7+ characters with 5+ digits
    (``157526023``, a content hash), size tokens such as ``1920x1080`` excluded."""
    return frozenset(t for t in _ID_TOKEN.findall(file_name(url)) if _is_picture_id(t))


def _is_picture_id(token: str) -> bool:
    return len(token) >= 7 and sum(c.isdigit() for c in token) >= 5 and not _SIZE_TOKEN.fullmatch(token)


def same_picture(returned: str, gold_versions: Sequence[str]) -> bool:
    """The returned URL is one of the gold image's versions or another rendition of the same picture:
    same specific file name (10+ characters before the extension, any query or folder) or a shared
    picture id. Pages list many sizes; ``og:image`` is often one more."""
    return match_strength(returned, gold_versions) > 0


_EXACT, _SAME_NAME = 1_000_000, 1_000  # match strengths above any count of shared picture ids


def match_strength(returned: str, gold_versions: Sequence[str]) -> int:
    """How surely the returned URL shows the gold image (0: not at all): one of its versions, then the
    same specific file name, then the number of picture ids shared. The strength pairs a returned
    picture with the right gold one where an id is the article's, shared by all its pictures
    (``..._028e81e0-...-9603212.jpg``)."""
    name, ids, file = file_name(returned), picture_ids(returned), picture_file(returned)
    specific = len(name.rsplit(".", 1)[0]) >= 10
    strength = 0
    for version in gold_versions:
        if image_key(returned) == image_key(version) or (file and file == picture_file(version)):
            return _EXACT
        if specific and name == file_name(version):
            strength = _SAME_NAME
        elif strength < _SAME_NAME:
            strength = max(strength, len(ids & picture_ids(version)))
    return strength


def gold_image_versions(gold_images: Sequence[Mapping[str, Any]]) -> list[list[str]]:
    """Each gold image as its versions' URLs (fundus lists every srcset size); the cover first."""
    ordered = sorted(gold_images, key=lambda image: not image.get("is_cover"))
    return [[v["url"] for v in image.get("versions", []) if v.get("url")] for image in ordered]


def lead_image_correct(gold_images: Sequence[Mapping[str, Any]], predicted: Sequence[str]) -> bool:
    """The first returned image is the gold cover (or first) image, in any rendition: it shows the
    cover at least as surely as any other gold image."""
    images = gold_image_versions(gold_images)
    if not images or not predicted:
        return False
    strengths = [match_strength(predicted[0], versions) for versions in images]
    return strengths[0] > 0 and strengths[0] == max(strengths)


def image_counts(gold_images: Sequence[Mapping[str, Any]], predicted: Sequence[str]) -> Counts:
    """A gold image is found when a returned URL is that picture; a returned URL matching none is a fp."""
    images = gold_image_versions(gold_images)
    found = sum(any(same_picture(url, versions) for url in predicted) for versions in images)
    unmatched = sum(not any(same_picture(url, versions) for versions in images) for url in set(predicted))
    return Counts(found, unmatched, len(images) - found)


ReturnedImage = tuple[str, str | None, str | None]  # (url, caption, credit)


def caption_hits(gold_images: Sequence[Mapping[str, Any]], returned: Sequence[ReturnedImage]) -> list[bool]:
    """For each gold image with a caption: whether its picture came back with that caption (compared
    like titles)."""
    return [
        label_equal(image["caption"], _returned(image, returned)[1])
        for image in gold_images
        if image.get("caption")
    ]


def credit_hits(gold_images: Sequence[Mapping[str, Any]], returned: Sequence[ReturnedImage]) -> list[bool]:
    """For each gold image with a credit: whether its picture came back with that credit, compared by
    letters and digits only (the gold joins several credits: "Getty Images/Juanmonino")."""
    hits = []
    for image in gold_images:
        gold = _squashed(" ".join(image.get("authors") or ()))
        if gold:
            hits.append(gold == _squashed(_returned(image, returned)[2] or ""))
    return hits


def _returned(image: Mapping[str, Any], returned: Sequence[ReturnedImage]) -> ReturnedImage:
    """The returned image that shows the gold ``image`` most surely (any rendition, the first of the
    equally sure), or an empty one."""
    versions = [v["url"] for v in image.get("versions", []) if v.get("url")]
    best: tuple[int, ReturnedImage] = (0, ("", None, None))
    for item in returned:
        strength = match_strength(item[0], versions)
        if strength > best[0]:
            best = (strength, item)
    return best[1]


def _squashed(text: str) -> str:
    return "".join(_ID_TOKEN.findall(normalise_label(text)))
