"""A non-Python producer: the raw Celery protocol v2 JSON envelope LPUSHed with plain redis-py.

Nothing from Celery or kombu builds the message: this is exactly what the README documents for
producers in other languages.
"""

from __future__ import annotations

import base64
import json
import time
import uuid

from tests.e2e.conftest import StackFactory, WorkerFactory
from tests.support.processes import RedisServer
from worker.devsite import DevSite


def raw_envelope(task: str, kwargs: dict[str, object], queue: str) -> str:
    """The README's message, built by hand."""
    task_id = str(uuid.uuid4())
    body = json.dumps([[], kwargs, {"callbacks": None, "errbacks": None, "chain": None, "chord": None}])
    return json.dumps(
        {
            "body": base64.b64encode(body.encode()).decode(),
            "content-encoding": "utf-8",
            "content-type": "application/json",
            "headers": {
                "lang": "py",
                "task": task,
                "id": task_id,
                "root_id": task_id,
                "retries": 0,
                "enqueued_at": time.time(),
            },
            "properties": {
                "correlation_id": task_id,
                "delivery_mode": 2,
                "delivery_info": {"exchange": "", "routing_key": queue},
                "priority": 0,
                "body_encoding": "base64",
                "delivery_tag": str(uuid.uuid4()),
            },
        }
    )


def test_a_raw_json_envelope_pushed_with_redis_py_is_ingested(
    private_redis: RedisServer, stack_factory: StackFactory, workers: WorkerFactory, devsite: DevSite
) -> None:
    stack = stack_factory(private_redis.url)
    workers(stack.env)
    single, *batch = devsite.site.urls()[:4]
    client = stack.redis()
    queue = stack.settings.queue
    client.lpush(queue, raw_envelope("ingest.url", {"url": single, "source": "raw"}, queue))
    client.lpush(queue, raw_envelope("ingest.urls", {"urls": [batch[0], {"url": batch[1]}, batch[2]]}, queue))
    records = stack.wait_settled([single, *batch])
    assert {url: records[url]["status"] for url in [single, *batch]} == dict.fromkeys(
        [single, *batch], "indexed"
    )
    assert sorted(doc["url"] for doc in stack.searchable(4)) == sorted([single, *batch])
