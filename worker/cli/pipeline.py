"""``ingest worker | beat | enqueue | requeue | status | add-feed``: run and feed the pipeline (I/O)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import click
import redis
from kombu.exceptions import OperationalError

from worker.celery_app import create_app, create_producer_app
from worker.cli import main
from worker.config import Settings, load_settings
from worker.errors import PermanentError
from worker.feeds import FeedRegistry
from worker.intake import validate_url
from worker.pipeline import UrlRequest
from worker.producer import Producer
from worker.queues import QueueReader
from worker.stats import OutcomeStats


def _exec_celery(arguments: list[str], env: dict[str, str] | None = None) -> None:
    """Replace this process by Celery, so signals (SIGTERM: warm shutdown) reach it directly."""
    argv = [sys.executable, "-m", "celery", "-A", "worker.celery_app", *arguments]
    os.execve(sys.executable, argv, env if env is not None else dict(os.environ))  # noqa: S606


def _metrics_env() -> dict[str, str]:
    # Prefork children write metric samples to files in a fresh directory; the main process merges them.
    directory = Path(tempfile.gettempdir()) / f"ingest-metrics-{os.getpid()}"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    return {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(directory)}


@main.command()
@click.option(
    "--concurrency", "-c", type=int, default=None, help="Prefork children (INGEST_WORKER_CONCURRENCY)."
)
@click.option("--loglevel", "-l", default="INFO", show_default=True)
@click.option("--hostname", "-n", default="ingest@%h", show_default=True)
def worker(concurrency: int | None, loglevel: str, hostname: str) -> None:
    """Run a worker: a prefork pool consuming the ingest queue (SIGTERM finishes or requeues work)."""
    settings = load_settings()
    arguments = ["worker", "-P", "prefork", "-Q", settings.queue, "-n", hostname, "-l", loglevel]
    arguments += [
        "-c",
        str(concurrency or settings.worker_concurrency),
        "--without-gossip",
        "--without-mingle",
    ]
    _exec_celery(arguments, _metrics_env())


@main.command()
@click.option("--schedule", default=".run/celerybeat-schedule", show_default=True, help="Beat's state file.")
@click.option("--loglevel", "-l", default="INFO", show_default=True)
def beat(schedule: str, loglevel: str) -> None:
    """Run the scheduler: polls feeds and sitemaps, recrawls recent articles (run exactly one)."""
    Path(schedule).parent.mkdir(parents=True, exist_ok=True)
    _exec_celery(["beat", "--schedule", schedule, "-l", loglevel])


def _read_urls(urls: tuple[str, ...], file: str | None) -> Iterator[str]:
    yield from urls
    if file is not None:
        stream = sys.stdin if file == "-" else Path(file).open(encoding="utf-8")  # noqa: SIM115
        with stream:
            yield from (line.strip() for line in stream if line.strip() and not line.startswith("#"))


def _validate(raw: Iterable[str], settings: Settings) -> tuple[list[UrlRequest], Counter[str]]:
    accepted: list[UrlRequest] = []
    rejected: Counter[str] = Counter()
    for url in raw:
        try:
            accepted.append(UrlRequest(url=validate_url(url, settings.fetch_max_url_length), source="cli"))
        except PermanentError as error:
            rejected[error.reason] += 1
            click.echo(f"rejected {url[:200]!r}: {error.reason}", err=True)
    return accepted, rejected


@main.command()
@click.argument("urls", nargs=-1)
@click.option("--file", "-f", "file", default=None, help="One URL a line; '-' reads standard input.")
@click.option("--priority", type=click.IntRange(0, 9), default=None, help="0 is taken first (Redis).")
@click.option("--recrawl", is_flag=True, help="Send stored validators: an unchanged page costs a 304.")
def enqueue(urls: tuple[str, ...], file: str | None, priority: int | None, recrawl: bool) -> None:
    """Queue URLs for ingestion: URL... | --file F | - (progress bar and summary)."""
    if urls == ("-",):
        urls, file = (), "-"
    settings = load_settings()
    accepted, rejected = _validate(_read_urls(urls, file), settings)
    accepted = [UrlRequest(r.url, priority=priority, recrawl=recrawl, source=r.source) for r in accepted]
    producer = Producer(create_producer_app(settings), settings)
    messages = 0
    step = settings.batch_size
    with click.progressbar(length=len(accepted), label="enqueue", file=sys.stderr) as bar:
        for start in range(0, len(accepted), step):
            messages += _send(producer, accepted[start : start + step], messages)
            bar.update(len(accepted[start : start + step]))
    summary = ", ".join(f"{reason} {count}" for reason, count in sorted(rejected.items()))
    click.echo(
        f"accepted {len(accepted)} URLs in {messages} messages to queue {settings.queue!r}; "
        f"rejected {sum(rejected.values())}{f' ({summary})' if summary else ''}"
    )
    if rejected and not accepted:
        sys.exit(1)


def _send(producer: Producer, requests: list[UrlRequest], sent: int) -> int:
    """Publish ``requests``; a broker that refuses (out of memory, unreachable) stops with a clear error."""
    try:
        return producer.send(requests)
    except (OperationalError, redis.RedisError) as error:
        raise click.ClickException(f"the broker refused the URLs after {sent} messages: {error}") from error


def _print_queue(settings: Settings, client: redis.Redis) -> float | None:
    state = QueueReader(client, settings.queue).state()
    age = "-" if state.oldest_age_s is None else f"{state.oldest_age_s:.1f}s"
    click.echo(f"queue {settings.queue}: waiting {state.depth}, in flight {state.in_flight}, oldest {age}")
    dead = client.llen(f"{settings.key_prefix}dead")
    click.echo(f"dead-lettered messages: {dead}")
    return state.oldest_age_s


def _print_outcomes(settings: Settings, client: redis.Redis) -> None:
    counts = OutcomeStats(client, settings.key_prefix).last(3600)
    by_status = Counter[str]()
    for (status, _reason), count in counts.items():
        by_status[status] += count
    click.echo("last hour: " + (", ".join(f"{s} {n}" for s, n in sorted(by_status.items())) or "nothing"))
    for (status, reason), count in sorted(counts.items()):
        if status in {"failed", "retry"} and reason:
            click.echo(f"  {status} {reason}: {count}")


def _print_workers(settings: Settings) -> int:
    # Other queues' workers may share the broker: ping only those consuming this queue.
    control = create_app(settings).control
    queues = control.inspect(timeout=1.0).active_queues() or {}
    ours = [name for name, active in queues.items() if any(q.get("name") == settings.queue for q in active)]
    replies = (control.inspect(destination=ours, timeout=1.0).ping() or {}) if ours else {}
    names = f" ({', '.join(sorted(replies))})" if replies else ""
    click.echo(f"workers answering ping: {len(replies)}{names}")
    return len(replies)


@main.command()
@click.argument("url", required=False)
@click.option(
    "--check", is_flag=True, help="Liveness: exit 1 unless a worker answers ping and the queue moves."
)
@click.option(
    "--max-age", type=float, default=600.0, show_default=True, help="Oldest message age allowed by --check."
)
def status(url: str | None, check: bool, max_age: float) -> None:
    """Queue depth, in-flight, workers, outcomes by reason over the last hour; or one URL's record."""
    settings = load_settings()
    if url is not None:
        _print_url_status(settings, url)
        return
    client = redis.Redis.from_url(settings.redis_url)
    age = _print_queue(settings, client)
    workers = _print_workers(settings)
    _print_outcomes(settings, client)
    if check and (workers == 0 or (age is not None and age > max_age)):
        click.echo(f"unhealthy: {workers} workers answering, oldest message {age or 0:.0f}s old", err=True)
        sys.exit(1)


def _print_url_status(settings: Settings, url: str) -> None:
    from worker.wiring import url_status  # noqa: PLC0415 -- engine clients load only when needed

    record = url_status(settings, url)
    if record is None:
        click.echo(f"{url}: no record")
        sys.exit(1)
    for key, value in record.items():
        click.echo(f"{key}: {value}")


@main.command()
@click.option("--reason", "reasons", multiple=True, help="Only URLs failed for this reason (repeatable).")
@click.option("--since", default=None, help="Only URLs last attempted since: ISO date/time or now-1d.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many URLs.")
@click.option("--dry-run", is_flag=True, help="Count them by reason; queue nothing.")
@click.option(
    "--missing",
    "missing_file",
    default=None,
    help="Instead: the URLs of this file ('-': standard input) with no record at all.",
)
def requeue(
    reasons: tuple[str, ...], since: str | None, limit: int | None, dry_run: bool, missing_file: str | None
) -> None:
    """Queue again the URLs recorded `failed` in ingest-urls (after an outage or a fix), or with
    --missing those of a list that have no record (lost with a crashed worker; run it once the
    queue is drained, or URLs still waiting are queued twice)."""
    settings = load_settings()
    if missing_file is not None:
        if reasons or since:
            raise click.UsageError("--missing checks a list of URLs; --reason and --since select failed ones")
        _requeue_missing(settings, missing_file, limit, dry_run)
        return
    from worker.index.engine import make_engine  # noqa: PLC0415 -- engine clients load only when needed
    from worker.index.failures import failed_query, failed_urls  # noqa: PLC0415

    producer = None if dry_run else Producer(create_producer_app(settings), settings)
    by_reason: Counter[str] = Counter()
    messages = 0
    try:
        query = failed_query(reasons, since)
    except PermanentError as error:
        raise click.BadParameter(str(error), param_hint="--since") from error
    engine = make_engine(settings)
    try:
        found = failed_urls(engine, settings.url_status_index, query, limit)
        # Streamed in slices: a backlog of millions is never held in memory at once.
        while chunk := list(islice(found, settings.batch_size * 20)):
            by_reason.update(item.reason or "-" for item in chunk)
            if producer is not None:
                requests = [UrlRequest(item.url, source="requeue") for item in chunk]
                messages += _send(producer, requests, messages)
    finally:
        engine.close()
    summary = ", ".join(f"{reason} {count}" for reason, count in sorted(by_reason.items())) or "none"
    total = sum(by_reason.values())
    if producer is None:
        click.echo(f"{total} failed URLs ({summary}); nothing queued (--dry-run)")
    else:
        click.echo(f"requeued {total} URLs in {messages} messages to queue {settings.queue!r} ({summary})")


def _requeue_missing(settings: Settings, file: str, limit: int | None, dry_run: bool) -> None:
    """Queue the URLs of ``file`` that have no ``ingest-urls`` record (at most ``limit``)."""
    from worker.index.engine import make_engine  # noqa: PLC0415 -- engine clients load only when needed
    from worker.index.failures import unrecorded_urls  # noqa: PLC0415

    accepted, _ = _validate(_read_urls((), file), settings)
    urls = list(dict.fromkeys(request.url for request in accepted))
    engine = make_engine(settings)
    try:
        missing = unrecorded_urls(engine, settings.url_status_index, urls)[:limit]
    finally:
        engine.close()
    if dry_run:
        click.echo(f"{len(missing)} of {len(urls)} URLs have no record; nothing queued (--dry-run)")
        return
    producer = Producer(create_producer_app(settings), settings)
    messages = _send(producer, [UrlRequest(url, source="requeue") for url in missing], 0)
    click.echo(
        f"requeued {len(missing)} of {len(urls)} URLs (those with no record) in {messages} messages"
        f" to queue {settings.queue!r}"
    )


@main.command("add-feed")
@click.argument("url")
@click.option("--poll-now/--no-poll-now", default=True, show_default=True, help="Queue a poll right away.")
def add_feed(url: str, poll_now: bool) -> None:
    """Register an RSS/Atom feed or a sitemap (index, news, gzip): beat polls it for article URLs."""
    settings = load_settings()
    try:
        url = validate_url(url, settings.fetch_max_url_length)
    except PermanentError as error:
        raise click.BadParameter(error.reason, param_hint="URL") from error
    registry = FeedRegistry(redis.Redis.from_url(settings.redis_url), settings.key_prefix)
    added = registry.add(url)
    if poll_now:
        Producer(create_app(settings), settings).send_feed(url)
    click.echo(
        f"{'added' if added else 'already registered'}: {url}" + (" (poll queued)" if poll_now else "")
    )
