"""Keeps a worker's event loop from hanging after a broker connection reset (patches kombu; no I/O).

kombu's Redis transport reads its pub/sub connection (remote control: ``celery inspect``) with
redis-py's ``PubSub.parse_response()``, which blocks with no timeout, whenever the event loop sees the
socket readable. If that read fails with ECONNRESET, redis-py reconnects, subscribes again and reads
again, now on a fresh socket with nothing to read: the worker's only thread waits there until the
next broadcast. Consuming, acks and time limits stop; measured with celery 5.7, kombu 5.7 and
redis-py 8.1 by tests/e2e/test_faults_broker.py (celery#10205, #10302 describe the same symptom).

The patch makes that read non-blocking (``block=False, timeout=0``). The event loop calls it only
when the socket is readable, so a message that is there is still read; an empty one returns None,
which kombu already treats as "nothing yet".
"""

from __future__ import annotations

import functools
from typing import Any

from kombu.transport import redis as kombu_redis

_MARK = "_ingest_nonblocking_pubsub"


def _nonblocking_subclient(channel: Any) -> Any:
    """The channel's pub/sub client, with reads that never block the event loop."""
    client = channel._create_client(asynchronous=True).pubsub()
    client.parse_response = functools.partial(client.parse_response, block=False, timeout=0)
    return client


def install() -> None:
    """Patch kombu's Redis channel once per process (idempotent)."""
    channel_class: Any = kombu_redis.Channel
    if getattr(channel_class, _MARK, False):
        return
    subclient = functools.cached_property(_nonblocking_subclient)
    subclient.__set_name__(channel_class, "subclient")
    channel_class.subclient = subclient
    setattr(channel_class, _MARK, True)
