"""The Celery application built from :class:`~worker.config.Settings` (no I/O until a worker starts).

Every reliability choice lives here, with the fact that motivates it (``../shared/reliability.md``):

- ``task_acks_late`` + ``task_reject_on_worker_lost``: a message is acknowledged only after its URLs
  are indexed or recorded; a SIGKILLed pool child puts it back instead of losing it (one without the
  other loses the task).
- ``task_acks_on_timeout=False``: a task killed at the hard time limit (a runaway C parse) is requeued,
  so the delivery counter can dead-letter it after ``max_deliveries`` with a failure record.
- ``worker_prefetch_multiplier=1``: a crash strands at most one prefetched message per child.
- ``visibility_timeout`` above the hard limit plus the longest retry countdown, otherwise a waiting
  retry is redelivered again and again (celery#2599, #3270).
- ``unacked_mutex_expire`` of seconds: the restore sweep's lock survives a Redis crash.
- JSON only: producers in any language can enqueue (see README, "Message format").
"""

from __future__ import annotations

from celery import Celery
from kombu.entity import Queue

from worker.config import Settings, load_settings

TASK_MODULES = ("worker.tasks",)
RESTORE_LOCK_S = 10  # longest hold of the unacked-restore sweep's lock (see broker_transport_options)


def check_timeouts(settings: Settings) -> None:
    """Refuse settings under which a waiting retry or a long task would be redelivered while alive."""
    if not 0 <= settings.task_soft_time_limit_s < settings.task_hard_time_limit_s:
        raise ValueError(
            "INGEST_TASK_SOFT_TIME_LIMIT_S must be below INGEST_TASK_HARD_TIME_LIMIT_S (0: none)"
        )
    needed = settings.task_hard_time_limit_s + settings.fetch_backoff_max_s
    if settings.visibility_timeout_s <= needed:
        raise ValueError(
            f"INGEST_VISIBILITY_TIMEOUT_S={settings.visibility_timeout_s} must exceed the hard time limit"
            f" plus the longest retry countdown ({needed:.0f} s)"
        )


def broker_transport_options(settings: Settings) -> dict[str, object]:
    """Options of kombu's Redis transport: redelivery clock and restore sweep."""
    return {
        "visibility_timeout": settings.visibility_timeout_s,
        "unacked_restore_interval": settings.broker_restore_interval_s,
        # Scan for expired unacked messages on every sweep, not every tenth one.
        "unacked_restore_throttle": 1,
        # The sweep's lock is a Redis key that outlives a Redis crash (the append-only file replays it);
        # with kombu's 300 s default, a crash mid-sweep stops all redelivery for five minutes. A sweep
        # takes milliseconds, and each restore is a WATCH transaction, so a lapsed lock cannot duplicate.
        "unacked_mutex_expire": RESTORE_LOCK_S,
        "socket_timeout": 30,
        "socket_connect_timeout": 10,
        "retry_on_timeout": True,
        "health_check_interval": 10,
    }


def celery_config(settings: Settings) -> dict[str, object]:
    """The full Celery configuration for ``settings``."""
    return {
        "broker_url": settings.redis_url,
        "broker_transport_options": broker_transport_options(settings),
        "broker_connection_retry_on_startup": True,
        "broker_connection_max_retries": None,
        "task_serializer": "json",
        "accept_content": ["json"],
        "result_serializer": "json",
        "task_ignore_result": True,
        "result_backend": None,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "task_acks_on_failure": True,
        "task_acks_on_timeout": False,
        "task_soft_time_limit": settings.task_soft_time_limit_s or None,
        "task_time_limit": settings.task_hard_time_limit_s,
        "task_default_queue": settings.queue,
        "task_queues": (Queue(settings.queue, routing_key=settings.queue),),  # type: ignore[no-untyped-call]
        "task_create_missing_queues": False,
        "task_default_priority": None,
        "worker_prefetch_multiplier": 1,
        "worker_concurrency": settings.worker_concurrency,
        "worker_max_memory_per_child": settings.worker_max_memory_kb,
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "worker_hijack_root_logger": False,
        "worker_send_task_events": False,
        "worker_enable_remote_control": True,
        "worker_soft_shutdown_timeout": 10.0,
        "beat_schedule": beat_schedule(settings),
    }


def beat_schedule(settings: Settings) -> dict[str, dict[str, object]]:
    """Periodic work for ``ingest beat``: poll feeds and sitemaps, recrawl recent articles."""
    options = {"queue": settings.queue}
    return {
        "poll-feeds": {
            "task": "ingest.poll_feeds",
            "schedule": settings.feed_poll_interval_s,
            "options": options,
        },
        "recrawl": {"task": "ingest.recrawl", "schedule": settings.recrawl_interval_s, "options": options},
    }


def create_app(settings: Settings) -> Celery:
    """Build a Celery app for ``settings``; tasks are registered on import of :mod:`worker.tasks`."""
    check_timeouts(settings)
    app = Celery("ingest", include=list(TASK_MODULES), set_as_current=False)
    app.conf.update(celery_config(settings))
    app.conf.ingest_settings = settings
    return app


def create_producer_app(settings: Settings) -> Celery:
    """An app for processes that only publish (``ingest enqueue``): a frozen broker fails fast.

    A worker's broker reads may wait 30 s and redis-py retries a timed-out read, so a publish to a
    frozen Redis took 123 s to fail (measured); a producer waits ``producer_timeout_s`` per read,
    does not retry the read, and kombu retries the publish once: about 1-3 times the timeout.
    """
    app = create_app(settings)
    timeout = settings.producer_timeout_s
    app.conf.broker_transport_options = {
        **broker_transport_options(settings),
        "socket_timeout": timeout,
        "socket_connect_timeout": timeout,
        "retry_on_timeout": False,
    }
    app.conf.broker_connection_timeout = timeout
    app.conf.task_publish_retry_policy = {
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.5,
        "interval_max": 0.5,
    }
    return app


def settings_of(app: Celery) -> Settings:
    """The settings an app was built from."""
    settings = app.conf.get("ingest_settings")
    if not isinstance(settings, Settings):
        raise RuntimeError("the Celery app was not built by worker.celery_app.create_app")
    return settings


def __getattr__(name: str) -> Celery:
    # ``celery -A worker.celery_app`` looks up ``app``: build it from the environment on first use
    # only, so importing this module (tests, producers) never reads the environment.
    if name == "app":
        return _default_app()
    raise AttributeError(name)


_DEFAULT: list[Celery] = []


def _default_app() -> Celery:
    if not _DEFAULT:
        # The start-up hooks (logging, broker check, metrics) belong to worker processes, which
        # are the ones that build the default app.
        import worker.worker_signals  # noqa: F401, PLC0415

        app = create_app(load_settings())
        app.set_current()
        app.set_default()
        _DEFAULT.append(app)
    return _DEFAULT[0]
