"""Smoke: a task sent by a client is executed by a real prefork worker over the real Redis."""

from __future__ import annotations

import uuid

import redis

from tests.e2e.conftest import WorkerFactory
from tests.support.processes import wait_for, worker_env
from worker.celery_app import create_app
from worker.config import Settings


def test_a_sent_task_runs_in_a_real_worker(shared_redis_url: str, queue: str, workers: WorkerFactory) -> None:
    env = worker_env(shared_redis_url, queue)
    workers(env)
    settings = Settings(redis_url=shared_redis_url, queue=queue, key_prefix=f"{queue}:")
    token = uuid.uuid4().hex
    create_app(settings).send_task("ingest.ping", kwargs={"token": token}, queue=queue)
    client = redis.Redis.from_url(shared_redis_url)
    key = f"{queue}:ping:{token}"
    wait_for(lambda: client.get(key) is not None, 60, "the worker to run ingest.ping")
    assert client.get(key) is not None
    client.delete(key)
