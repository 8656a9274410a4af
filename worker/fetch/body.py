"""Read a streamed response body under the wall-clock deadline and both size caps (network I/O).

requests' read timeout is per socket read, so a server dripping one byte at a time could hold a
fetch open for ever; here every read gets a socket timeout no longer than what is left of the
deadline, and the loop re-checks the deadline between reads. ``read1`` returns as soon as any data
arrives and urllib3 (>= 2.6) bounds the decompressed output of each call, so a gzip or brotli bomb
stops at ``max_decoded_bytes`` with memory bounded by one chunk.
"""

from __future__ import annotations

import time
from typing import Any

from urllib3.response import BaseHTTPResponse

from worker.errors import PermanentError, TransientError
from worker.fetch.limits import SNIFF_BYTES, Limits, check_not_binary

CHUNK = 64 * 1024


def read_body(raw: BaseHTTPResponse, limits: Limits, deadline: float, *, sniff: bool = True) -> bytes:
    """The decoded body; raises on the deadline, a cap, or binary magic bytes."""
    chunks: list[bytes] = []
    decoded = 0
    while True:
        _arm_socket(raw, limits, deadline)
        chunk = raw.read1(CHUNK, decode_content=True)
        if not chunk:
            return b"".join(chunks)
        if sniff and decoded < SNIFF_BYTES:
            check_not_binary((b"".join(chunks) + chunk)[:SNIFF_BYTES])
        decoded += len(chunk)
        _check_caps(raw.tell(), decoded, limits)
        chunks.append(chunk)


def remaining(deadline: float) -> float:
    """Seconds left before ``deadline`` (a ``time.monotonic()`` value); raises when none are."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TransientError("deadline_exceeded", "the fetch ran past its wall-clock deadline")
    return left


def _arm_socket(raw: BaseHTTPResponse, limits: Limits, deadline: float) -> None:
    """Bound the next blocking read by the deadline as well as the read timeout."""
    timeout = min(limits.read_timeout_s, remaining(deadline))
    sock: Any = getattr(getattr(raw, "connection", None), "sock", None)
    if sock is not None:
        sock.settimeout(timeout)


def _check_caps(raw_bytes: int, decoded_bytes: int, limits: Limits) -> None:
    if raw_bytes > limits.max_bytes:
        raise PermanentError("too_large", f"more than {limits.max_bytes} bytes on the wire")
    if decoded_bytes > limits.max_decoded_bytes:
        raise PermanentError("too_large", f"more than {limits.max_decoded_bytes} bytes decoded")
