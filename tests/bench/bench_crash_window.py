"""How often SIGKILL of a whole worker loses a message: kombu's window between taking and recording it.

Run with ``python -m tests.bench.bench_crash_window [--runs N]`` (``make bench``; needs ``make services``).
kombu's Redis transport takes a message with BRPOP, which removes it from the queue list, and only then
writes it to the ``unacked`` hash from which a crashed worker's messages are restored. A worker killed
in between (its BRPOP answered, the reply not yet recorded) loses that message for good.

Each run starts a 2-process worker on a private Redis and kills the whole worker (main process and pool
children) at one of three moments, then counts the messages Redis still holds, queued or un-acked:

- *at a delivery*: 4 messages of slow pages queued, killed once the first is seen un-acked (polled
  every 0.2 s, as the fault tests did before they waited for the full prefetch);
- *BRPOP answered*: the idle worker, blocked in BRPOP on the empty queue, is stopped (SIGSTOP), one
  message is queued (Redis hands it to the blocked BRPOP), then killed: the window made certain;
- *prefetch full*: 4 messages queued, killed once 2 are un-acked (no BRPOP is pending then).
"""

from __future__ import annotations

import argparse
import os
import signal
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from tests.support.processes import CeleryWorker, RedisServer, unique_queue, wait_for
from tests.support.stack import Stack
from worker.devsite import DevSite, load_pages
from worker.evaluation.dataset import datasets_dir

BATCHES = {"INGEST_BATCH_SIZE": "3"}  # 12 URLs: 4 messages
Kill = Callable[[Stack, CeleryWorker, list[str]], int]  # kills the worker; returns the messages sent


def _blocked_in_brpop(stack: Stack) -> bool:
    with stack.redis() as client:
        return any(entry.get("cmd") == "brpop" for entry in client.client_list())


def kill_when_unacked(unacked: int, stack: Stack, worker: CeleryWorker, urls: list[str]) -> int:
    """Queue ``urls``; kill once ``unacked`` messages are un-acked."""
    sent = stack.enqueue(urls)
    wait_for(lambda: stack.in_flight() >= unacked, 30, f"{unacked} un-acked message(s)")
    worker.kill()
    return sent


def with_brpop_answered(stack: Stack, worker: CeleryWorker, urls: list[str]) -> int:
    """Stop the worker while it waits in BRPOP, queue one message, kill it."""
    assert worker.process is not None
    wait_for(lambda: _blocked_in_brpop(stack), 30, "the worker to wait in BRPOP")
    os.kill(worker.process.pid, signal.SIGSTOP)
    sent = stack.enqueue(urls[:1])
    with stack.redis() as client:
        wait_for(lambda: int(client.llen(stack.queue)) == 0, 30, "Redis to hand the message over")
    worker.kill()
    return sent


MOMENTS: dict[str, Kill] = {
    "at a delivery": partial(kill_when_unacked, 1),
    "BRPOP answered": with_brpop_answered,
    "prefetch full": partial(kill_when_unacked, 2),  # (a 2-process worker's whole prefetch)
}


def lost_in_one_run(stack: Stack, urls: list[str], kill: Kill, log: Path) -> int:
    """Start a worker on an empty queue, kill it with ``kill``; the messages lost."""
    with stack.redis() as client:
        client.delete(stack.queue, "unacked", "unacked_index")
    worker = CeleryWorker(stack.env, log).start()
    sent = kill(stack, worker, urls)
    with stack.redis() as client:
        held = int(client.llen(stack.queue)) + int(client.hlen("unacked"))
    return sent - held


def main() -> None:
    """Print, per moment of the kill, the runs that lost a message and the messages lost."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="kills per moment (default 20)")
    args = parser.parse_args()
    with DevSite(load_pages(datasets_dir(), limit=12)) as site, tempfile.TemporaryDirectory() as tmp:
        urls = [f"{url}?delay=2" for url in site.site.urls()[:12]]
        server = RedisServer(Path(tmp) / "redis").start()
        stack = Stack(unique_queue("crash-window"), server.url, int(site.base.rsplit(":", 1)[1]), BATCHES)
        try:
            header = f"{'whole worker SIGKILLed':<24} {'runs':>5} {'runs losing':>12} {'messages lost':>14}"
            print(header)  # noqa: T201 -- the benchmark's report
            for number, (moment, kill) in enumerate(MOMENTS.items()):
                logs = [Path(tmp) / f"worker-{number}-{run}.log" for run in range(args.runs)]
                losses = [lost_in_one_run(stack, urls, kill, log) for log in logs]
                runs_losing = sum(1 for lost in losses if lost)
                row = f"{moment:<24} {args.runs:>5} {runs_losing:>12} {sum(losses):>14}"
                print(row, flush=True)  # noqa: T201 -- the benchmark's report
        finally:
            stack.close()
            server.stop()


if __name__ == "__main__":
    main()
