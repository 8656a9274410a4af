"""Which picture URLs show the same picture, in other sizes or formats (pure, no I/O).

Pages list a picture several times: the declared ``og:image``, the figure's ``src``, each ``srcset``
size, a WebP beside a JPEG, a copy behind an image proxy. Two URLs show the same picture when they
name the same distinctive file, or the same file path once what tells renditions apart is removed
(size folders, size suffixes and sizes written in the name, extensions, the host, the marks some
CMSs write into the names of the renditions they make).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote

# Folders that give a picture's size: "w767", "lw1200", "s320", "w1200-h630-p-k-no-nu", "1200x628".
_SIZE_SEGMENT = re.compile(r"[a-z]{1,2}\d{2,4}(?:-[a-z0-9-]+)?|\d{2,4}x\d{1,4}", re.IGNORECASE)
PICTURE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")
# A picture file name's WordPress size suffix and extension ("-585x439.jpg", "-scaled.webp").
_SIZED_FILE = re.compile(
    rf"(?:-\d{{2,4}}x\d{{2,4}}|-scaled)?(?:{'|'.join(map(re.escape, PICTURE_EXTENSIONS))})$", re.IGNORECASE
)
# A size written into a file name between separators: "1200x675_cmsv2_...", "..._w1200_r1_s", "-758x531@abc",
# maybe with a crop mark ("2497904-1280x658c-name").
_SIZE_IN_NAME = re.compile(
    r"(?:^|(?<=[_\-@.]))(?:\d{2,4}x\d{2,4}[a-z]?|[wh]\d{2,4})(?=[_\-@.]|$)", re.IGNORECASE
)
# How CMSs name the renditions they make of an uploaded "name.jpg": TYPO3 "csm_name_<10 hex digits of
# the processing>.jpg", the ARD's "name~_v-16to9__medium.jpg" (variant, time: "~_t-1571483849663"),
# The New York Times' "name-articleLarge.jpg" ("-facebookJumbo", "-videoSixteenByNineJumbo1600"), The
# Telegraph's "name-xlarge_trans_<hash of the transformation>.jpeg", and crops named by their aspect
# and box ("name-16x9-x915y371w3167h1782.jpg", Seven West Media).
# Each with a text every name it matches holds: the patterns are tried only on names holding it
# (a substring test is a C scan, a pattern costs microseconds on a long name).
_RENDITION_NAMES = (
    ("csm_", re.compile(r"csm_(?P<name>.+)_[0-9a-f]{10}(?P<ext>\.[A-Za-z]+)")),
    ("~_", re.compile(r"(?P<name>[^~]+)~_.*(?P<ext>\.[A-Za-z]+)")),
    ("-", re.compile(r"(?P<name>.+)-[a-z]{3,}(?:[A-Z][a-z]+)+(?:\d+X?)?(?P<ext>\.[A-Za-z]+)")),
    (
        "_trans_",
        re.compile(r"(?P<name>.+?)(?:-(?:x*large|medium|small|thumbnail))?_trans_[\w-]+(?P<ext>\.[A-Za-z]+)"),
    ),
    ("-x", re.compile(r"(?P<name>.+)-\d{1,2}x\d{1,2}-x\d+y\d+w\d+h\d+(?P<ext>\.[A-Za-z]+)")),
)
# A folder named by an asset's number, which some CMSs keep the renditions of one upload in, each
# file named after it ("/241847488/241847488_1709921110_v16_9_1200.jpeg", Funke Mediengruppe).
_ASSET_FOLDER = re.compile(r"\d{6,}")
_MAX_RENDITION_NAME_CHARS = 300
_MAX_DECODINGS = 2
_MIN_NAME_CHARS = 5  # a shorter file name ("9.jpg", "0c10.jpg") tells no picture apart without its folder


def same_picture(url: str, other: str) -> bool:
    """Whether ``url`` and ``other`` show the same picture, maybe in other sizes or formats: the same
    distinctive file name, or the same picture path (see :func:`picture_key`), also behind an image
    proxy that puts the original host in its path ("i0.wp.com/example.org/...")."""
    if url == other:  # (an image service's picture, named by its query only, is its whole URL)
        return True
    (name, key), (other_name, other_key) = _identity(url), _identity(other)
    if name and name == other_name:
        return True
    if not key or not other_key:
        return False
    return key == other_key or _ends_with_path(key, other_key) or _ends_with_path(other_key, key)


@lru_cache(maxsize=1024)  # (each picture of a page is compared with each listed one)
def _identity(url: str) -> tuple[str, str]:
    """The distinctive file name of ``url`` (or ``""``), its original's for a rendition named so, and
    its :func:`picture_key`."""
    decoded = _decoded(url)
    if decoded != url and _file_name(decoded).lower().endswith(PICTURE_EXTENSIONS):
        url = decoded  # (escapes hiding a picture file's name; a decoded slug may be every picture's)
    name = original_name(_file_name(url))
    stem = _SIZED_FILE.sub("", name)
    # ("4800.jpg" names a size, "9.jpg" nothing: other folders hold other pictures of those names)
    distinctive = len(stem) >= _MIN_NAME_CHARS and not _SIZE_SEGMENT.fullmatch(stem)
    return name if distinctive else "", picture_key(url)


def _file_name(url: str) -> str:
    """The last path segment of ``url``, its query left out."""
    return url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def _decoded(url: str) -> str:
    """``url`` with its percent-escapes decoded, twice at most: a page may escape a picture's name once
    in one place and twice in another ("My+project+%281%29.jpeg", "My%2Bproject%2B%25281%2529.jpeg"),
    and an image proxy escapes the whole original URL in its path ("/resize/280/https%3A%2F%2F...")."""
    for _ in range(_MAX_DECODINGS):
        if "%" not in url:
            break
        url = unquote(url)
    return url


def picture_key(url: str) -> str:
    """The path of the picture file at ``url`` without what tells its sizes and formats apart: host,
    query, size folders ("w767", "s320", "1200x628"), the file's extension and WordPress size suffix
    ("IMG_0234-585x439.jpg" -> "IMG_0234"), sizes written in the file name ("x_w1200_r1.jpg" ->
    "x__r1"), a CMS's rendition marks (:func:`original_name`), or the folder of an upload whose
    renditions are named after it ("241847488/241847488_v4_3_800.jpeg" -> "241847488"); ``""`` when the
    path names no image file (an image service that takes the picture from its query:
    "/images/dims?image_uri=...")."""
    path = url.split("?", 1)[0].split("#", 1)[0].split("://", 1)[-1]
    segments = [part for part in path.split("/")[1:] if part and not _SIZE_SEGMENT.fullmatch(part)]
    if not segments or not segments[-1].lower().endswith(PICTURE_EXTENSIONS):
        return ""
    stem = _SIZED_FILE.sub("", original_name(segments[-1]))
    # (renditions of one upload kept in its folder: "123456/123456_v4_3_800" and "123456/123456_v16_9_1200")
    if len(segments) > 1 and _ASSET_FOLDER.fullmatch(segments[-2]) and _names_folder(stem, segments[-2]):
        return "/".join(segments[:-1])
    unsized = _SIZE_IN_NAME.sub("", stem)
    segments[-1] = unsized if unsized.strip("_-@.") else stem  # (a name that is only a size stays)
    return "/".join(segments)


def _names_folder(stem: str, folder: str) -> bool:
    """Whether file name ``stem`` starts with the name of its ``folder`` and a separator."""
    return stem.startswith(folder) and stem[len(folder) : len(folder) + 1] in ("_", "-", ".")


def original_name(name: str) -> str:
    """The file name of the picture that file ``name`` is a rendition of, when its name says so
    ("csm_gaza-vb_a395f41217.jpg", "gaza-vb~_v-16to9.jpg", "gaza-vb-articleLarge.jpg" -> "gaza-vb.jpg");
    else ``name``."""
    if len(name) > _MAX_RENDITION_NAME_CHARS:  # (no CMS names a rendition so; the patterns backtrack)
        return name
    for held, pattern in _RENDITION_NAMES:
        rendition = pattern.fullmatch(name) if held in name else None
        if rendition:
            return rendition["name"] + rendition["ext"]
    return name


def _ends_with_path(key: str, tail: str) -> bool:
    """Whether picture path ``key`` ends with the path ``tail`` of two segments or more."""
    return "/" in tail and key.endswith("/" + tail)
