"""End-to-end throughput: pages per second from enqueue to searchable, and the share of time per stage.

Run with ``python -m tests.bench.bench_pipeline`` (``make bench``; needs ``make services``). Serves
every dataset page (``--copies`` distinct URLs each) from a local site, starts ``ingest worker``,
queues them all at once, waits until each URL has its ``ingest-urls`` record and every article is
searchable, then reads the worker's per-URL JSON log lines for the time spent in each stage.
Indices, queue and keys are unique to the run and removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import time
import uuid
from collections import defaultdict
from pathlib import Path

from worker.celery_app import create_app
from worker.config import Settings
from worker.demo import demo_env, settings_from, settled, start_worker
from worker.devsite import DevSite, load_pages
from worker.evaluation.dataset import datasets_dir
from worker.index.engine import Engine, make_engine
from worker.pipeline import UrlRequest
from worker.producer import Producer
from worker.wiring import prepare_index

RUN_DIR = Path(".run")  # where deploy/local/services.sh keeps its PID files
POLL_S = 1.0  # each poll refreshes the status index: polling costs the engine CPU it measures


def stage_seconds(log_path: Path) -> tuple[dict[str, float], int]:
    """Seconds summed per stage over URL outcomes (a bulk counted once per batch), and the outcome count."""
    totals: dict[str, float] = defaultdict(float)
    bulks: dict[str, float] = {}
    outcomes = 0
    for line in log_path.read_text(encoding="utf-8", errors="replace").splitlines():
        if '"logger": "ingest.outcome"' not in line:
            continue
        entry = json.loads(line)
        outcomes += 1
        for stage, ms in entry["ms"].items():
            if stage == "index":
                bulks[entry["task_id"]] = ms / 1000
            else:
                totals[stage] += ms / 1000
    totals["index"] = sum(bulks.values())
    return dict(totals), outcomes


def distinct_articles(engine: Engine, settings: Settings) -> int:
    """How many distinct documents the URL records point to (the count to wait for)."""
    body = {"size": 0, "aggs": {"ids": {"cardinality": {"field": "doc_id", "precision_threshold": 40000}}}}
    engine.refresh(settings.url_status_index)
    return int(engine.search(settings.url_status_index, body)["aggregations"]["ids"]["value"])


def run(copies: int, concurrency: int, batch_size: int) -> None:
    """One benchmark run; prints the figures."""
    name = f"bench-{uuid.uuid4().hex[:8]}"
    pages = load_pages(datasets_dir())
    with DevSite(pages) as site:
        env = demo_env(int(site.base.rsplit(":", 1)[1])) | {
            "INGEST_QUEUE": name,
            "INGEST_KEY_PREFIX": f"{name}:",
            "INGEST_FETCH_REDIS_PREFIX": f"{name}:fetch:",
            "INGEST_INDEX_PREFIX": f"{name}-articles",
            "INGEST_WRITE_ALIAS": f"{name}-articles",
            "INGEST_READ_ALIAS": f"{name}-articles-read",
            "INGEST_URL_STATUS_INDEX": f"{name}-urls",
            "INGEST_WORKER_CONCURRENCY": str(concurrency),
            "INGEST_BATCH_SIZE": str(batch_size),
        }
        settings = settings_from(env)
        prepare_index(settings)
        engine = make_engine(settings)
        log_path = Path(f".run/{name}-worker.log")
        worker = start_worker(env, log_path)
        cpu_before = _cpu_seconds()
        try:
            lines, elapsed = _measure(site, settings, engine, worker, log_path=log_path, copies=copies)
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(60)
            for pattern in (f"{name}-articles-*", f"{name}-urls-*"):
                for index in engine.list_indices(pattern):
                    engine.delete_index(index)
            engine.delete_index_template(f"{name}-articles-template")
            engine.close()
    spent = {process: after - cpu_before[process] for process, after in _cpu_seconds().items()}
    lines.append(cpu_report(spent, pages=copies * len(pages), elapsed=elapsed))
    print("\n".join(lines))  # noqa: T201 -- the benchmark's report


def _cpu_seconds() -> dict[str, float]:
    """CPU seconds (user + system) so far of: reaped child processes (the worker), this process (the
    local site and the driver), and the engine and Redis started by ``make services`` (PID files)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "worker": children.ru_utime + children.ru_stime,
        "site+driver": own.ru_utime + own.ru_stime,
        "engine": _service_cpu(RUN_DIR / "opensearch.pid"),
        "redis": _service_cpu(RUN_DIR / "redis.pid"),
    }


def _service_cpu(pid_file: Path) -> float:
    """CPU seconds of the process named in ``pid_file`` (0 when it is not ours or not running)."""
    try:
        fields = Path(f"/proc/{pid_file.read_text().strip()}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, ValueError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime in ticks


def cpu_report(spent: dict[str, float], *, pages: int, elapsed: float) -> str:
    """CPU per page of each process, next to the CPU per page the machine's cores had at this rate."""
    parts = ", ".join(f"{name} {seconds / pages * 1000:.1f}" for name, seconds in spent.items())
    budget = (os.cpu_count() or 1) * elapsed / pages * 1000
    return (
        f"CPU ms per page: {parts}; total {sum(spent.values()) / pages * 1000:.1f} ms (the worker's "
        f"start-up included), against {budget:.1f} ms per page that {os.cpu_count()} cores give at this rate"
    )


def _measure(
    site: DevSite,
    settings: Settings,
    engine: Engine,
    worker: subprocess.Popen[bytes],
    *,
    log_path: Path,
    copies: int,
) -> tuple[list[str], float]:
    """Queue every URL, wait until all are settled and searchable; the report lines and seconds taken."""
    urls = site.site.copy_urls(copies)
    time.sleep(3)  # let the worker finish starting: its start-up is not ingestion time
    started = time.monotonic()
    Producer(create_app(settings), settings).send([UrlRequest(u, source="bench") for u in urls])
    queued = time.monotonic() - started
    while settled(engine, settings, urls) < len(urls) and worker.poll() is None:
        time.sleep(POLL_S)
    articles = distinct_articles(engine, settings)
    searchable = 0
    while searchable < articles and time.monotonic() - started < 600:
        engine.refresh(settings.read_alias)
        searchable = engine.count(settings.read_alias)
    elapsed = time.monotonic() - started
    stages, outcomes = stage_seconds(log_path)
    busy = sum(stages.values())
    lines = [
        f"pages: {len(urls)} ({len(site.site.pages)} dataset pages x {copies}); worker processes "
        f"{settings.worker_concurrency}, batch {settings.batch_size}, fetch threads {settings.fetch_threads}",
        f"enqueue: {queued:.1f}s; enqueue -> all settled and searchable: {elapsed:.1f}s",
        f"throughput: {len(urls) / elapsed:.1f} pages/s end to end; searchable documents: {searchable} "
        f"(distinct articles: copies whose page names its canonical URL collapse into one)",
        f"outcome log lines: {outcomes}; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
        "time per stage, summed over tasks (stages overlap across threads and processes):",
    ]
    for stage, seconds in sorted(stages.items(), key=lambda item: -item[1]):
        lines.append(f"  {stage:8} {seconds:8.1f}s  {seconds / busy if busy else 0.0:6.1%}")
    return lines, elapsed


def main() -> None:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=2, help="distinct URLs per dataset page")
    parser.add_argument("--concurrency", type=int, default=4, help="worker processes")
    parser.add_argument("--batch-size", type=int, default=50, help="URLs per message (INGEST_BATCH_SIZE)")
    args = parser.parse_args()
    run(args.copies, args.concurrency, args.batch_size)


if __name__ == "__main__":
    main()
