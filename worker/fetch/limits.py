"""Fetch limits as values, plus the pure checks on headers and first bytes (no I/O).

:class:`Limits` carries the timeouts, the wall-clock deadline and the size caps. The checks here
run before and at the start of the body: accepted content types, a ``Content-Length`` that is already
too large, and magic bytes that say "binary" whatever the ``Content-Type`` claims.
"""

from __future__ import annotations

from dataclasses import dataclass

from worker.config import Settings
from worker.errors import PermanentError

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Leading bytes of formats that are never HTML, whatever the server labels them.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\x1f\x8b", "gzip"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"RIFF", "riff"),
    (b"\x7fELF", "elf"),
)
SNIFF_BYTES = 16


@dataclass(frozen=True, slots=True)
class Limits:
    """How long and how much one fetch may take."""

    connect_timeout_s: float = 5.0
    read_timeout_s: float = 15.0
    deadline_s: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_decoded_bytes: int = 10 * 1024 * 1024

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        """The limits the settings ask for."""
        return cls(
            connect_timeout_s=settings.fetch_connect_timeout_s,
            read_timeout_s=settings.fetch_read_timeout_s,
            deadline_s=settings.fetch_deadline_s,
            max_bytes=settings.fetch_max_bytes,
            max_decoded_bytes=settings.fetch_max_decoded_bytes,
        )


def media_type(content_type: str) -> str:
    """``text/html; charset=utf-8`` -> ``text/html``."""
    return content_type.split(";", 1)[0].strip().lower()


def check_content_type(content_type: str) -> None:
    """Refuse anything but HTML/XHTML; a missing type is left to the magic-byte sniff."""
    kind = media_type(content_type)
    if kind and kind not in HTML_TYPES:
        raise PermanentError("not_html", f"content type {kind}")


def check_content_length(header: str | None, max_bytes: int) -> None:
    """Refuse before reading when the server already announces too much."""
    if header is None or not header.strip().isdigit():
        return
    if int(header) > max_bytes:
        raise PermanentError("too_large", f"Content-Length {header} > {max_bytes}")


def sniff_binary(head: bytes) -> str | None:
    """The binary format the first bytes reveal (``"pdf"``, ``"png"``...), or ``None``."""
    stripped = head.lstrip()
    for magic, name in MAGIC:
        if head.startswith(magic) or stripped.startswith(magic):
            return name
    return None


def check_not_binary(head: bytes) -> None:
    """Refuse a body whose first bytes are a known binary format."""
    found = sniff_binary(head)
    if found is not None:
        raise PermanentError("not_html", f"body is {found} data")
