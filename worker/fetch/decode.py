"""Turn HTML bytes into text and say how (pure, no I/O).

The cascade, first match wins: byte-order mark; the HTTP ``charset``; ``<meta charset>`` or
``http-equiv`` in the first bytes; strict UTF-8; statistical detection (charset-normalizer) on
bodies long enough to judge; and finally windows-1252, which is what browsers use for the
ISO-8859-1 label. A declared charset that cannot decode the bytes is skipped rather than trusted
(servers often send ``charset=utf-8`` over Latin-1 pages). Unlike requests, a ``text/*`` type without
a charset is *not* taken to mean ISO-8859-1.

``method`` is one of: ``bom``, ``http-header``, ``meta``, ``utf-8``, ``detected``, ``fallback``.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

FALLBACK = "cp1252"
DETECT_MIN_BYTES = 64  # shorter bodies give detectors too little to go on
DETECT_MAX_BYTES = 64 * 1024  # detection cost grows with input; the start of a page is enough
CHAOS_MARGIN = 0.1  # charset-normalizer "chaos" scores this close count as a tie


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the Python codec name used, and which step chose it."""

    text: str
    charset: str
    method: str


def decode_html(body: bytes, content_type: str = "") -> Decoded:
    """Decode an HTML body using the cascade in the module docstring."""
    bom, _ = read_bom(body)
    if bom:
        return Decoded(body.decode(bom, errors="replace").lstrip("\ufeff"), _codec_name(bom), "bom")
    for method, label in (
        ("http-header", http_content_type_encoding(content_type)),
        ("meta", html_body_declared_encoding(body)),
    ):
        decoded = _try_strict(body, label, method)
        if decoded is not None:
            return decoded
    return _undeclared(body)


def _undeclared(body: bytes) -> Decoded:
    """No usable declaration: UTF-8 if valid, else detection, else windows-1252."""
    utf8 = _try_strict(body, "utf-8", "utf-8")
    if utf8 is not None:
        return utf8
    detected = _try_strict(body, _detect(body), "detected", strict=False)
    if detected is not None:
        return detected
    return Decoded(body.decode(FALLBACK, errors="replace"), FALLBACK, "fallback")


def _detect(body: bytes) -> str | None:
    """The likeliest charset, preferring windows-1252 among near-equal candidates.

    Detectors cannot tell the Latin code pages apart on short text (a French page comes out as
    cp1257); windows-1252 is by far the commonest of them on the web, so it wins near-ties.
    """
    if len(body) < DETECT_MIN_BYTES:
        return None
    matches = charset_normalizer.from_bytes(body[:DETECT_MAX_BYTES])
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.chaos <= best.chaos + CHAOS_MARGIN and FALLBACK in match.could_be_from_charset:
            return FALLBACK
    return str(best.encoding)


def _try_strict(body: bytes, label: str | None, method: str, *, strict: bool = True) -> Decoded | None:
    """Decode with ``label`` (WHATWG aliases resolved); ``None`` if unknown or, when strict, invalid."""
    if not label:
        return None
    name = resolve_encoding(label)
    if name is None:
        return None
    # A truncated multi-byte sequence at the very end is the size cap's doing, not a wrong charset.
    try:
        text = codecs.getincrementaldecoder(name)("strict").decode(body, final=False)
    except (UnicodeDecodeError, LookupError):
        if strict:
            return None
        text = body.decode(name, errors="replace")
    return Decoded(text, _codec_name(name), method)


def _codec_name(name: str) -> str:
    return codecs.lookup(name).name
