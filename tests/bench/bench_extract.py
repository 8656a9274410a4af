"""Extraction speed and memory on all dev pages, ours vs trafilatura in the same run (reads files).

Run with ``python -m tests.bench.bench_extract`` (``make bench``). Reports median and p95 ms per
page as CPU time of the process (wall time beside it), both extractors in alternating blocks of pages,
pages per CPU-second (one core), the median ratio, and the peak RSS of a separate process that
extracts every dev page with ours only (so trafilatura's memory does not count).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from tests.datasets import DATASETS
from worker.errors import PermanentError
from worker.evaluation.dataset import Page, iter_pages
from worker.extract import DEFAULT_OPTIONS, extract_article, read_body, read_fields
from worker.extract.compose import compose
from worker.extract.guard import check_markup
from worker.extract.sources import read_sources

BLOCK_PAGES = 50  # pages each extractor runs in a row before the other takes the same pages
SETS = ("scrapinghub", "fundus", "trafilatura_eval", "htmldate_eval", "readability_testpages")


@dataclass(frozen=True, slots=True)
class Timing:
    """Per-page wall and CPU seconds of one extractor over all pages."""

    name: str
    wall: list[float]
    cpu: list[float]

    def summary(self) -> dict[str, float]:
        cpu_ms, wall_ms = sorted(c * 1000 for c in self.cpu), sorted(w * 1000 for w in self.wall)
        return {
            "pages": len(cpu_ms),
            "median_ms": statistics.median(cpu_ms),
            "p95_ms": percentile(cpu_ms, 0.95),
            "median_wall_ms": statistics.median(wall_ms),
            "p95_wall_ms": percentile(wall_ms, 0.95),
            "pages_per_cpu_s": len(self.cpu) / sum(self.cpu),
        }


def percentile(ordered: list[float], share: float) -> float:
    """The value below which ``share`` of the sorted values lie (nearest rank)."""
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def all_pages() -> Iterator[Page]:
    """Every page of the five dev sets."""
    for name in SETS:
        yield from iter_pages(DATASETS / name)


def ours(html: str, url: str | None) -> object:
    try:
        return extract_article(html, url or "")
    except PermanentError as error:  # a refusal is a result too: it costs what it costs
        return error


def peer(html: str, url: str | None) -> object:
    import trafilatura  # the bench extra

    return trafilatura.bare_extraction(html, url=url, with_metadata=True)


def time_extractors(
    extractors: Mapping[str, Callable[[str, str | None], object]], pages: list[tuple[str, str | None]]
) -> list[Timing]:
    """Extract every page once with each extractor (after a short warm-up), in alternating blocks.

    Each block of ``BLOCK_PAGES`` pages runs through one extractor, then the same block through the
    next: each extractor runs warm (its own code and data in the CPU caches, as in a worker that
    extracts page after page), and both see the same machine, since on a shared 2-core box another
    job's load inflates CPU time too and timing one extractor after the other would bias the ratio.
    """
    for extract in extractors.values():
        for html, url in pages[:5]:
            extract(html, url)
    wall: dict[str, list[float]] = {name: [] for name in extractors}
    cpu: dict[str, list[float]] = {name: [] for name in extractors}
    for first in range(0, len(pages), BLOCK_PAGES):
        for name, extract in extractors.items():
            for html, url in pages[first : first + BLOCK_PAGES]:
                wall_start, cpu_start = time.perf_counter(), time.process_time()
                extract(html, url)
                cpu[name].append(time.process_time() - cpu_start)
                wall[name].append(time.perf_counter() - wall_start)
    return [Timing(name, wall[name], cpu[name]) for name in extractors]


def peak_rss_mb() -> float:
    """This process's peak resident set size in MiB.

    Linux's ``VmHWM`` first: ``ru_maxrss`` survives ``execve``, so a child started by a big parent
    would report the parent's size at fork time.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_memory() -> dict[str, float]:
    """In this process: RSS after imports, then peak RSS after extracting every page with ours."""
    before = peak_rss_mb()
    pages = 0
    for page in all_pages():
        ours(page.read_html(), page.url)
        pages += 1
    return {"pages": pages, "rss_after_import_mb": before, "peak_rss_mb": peak_rss_mb()}


def memory_in_subprocess() -> dict[str, float]:
    """Run :func:`measure_memory` in a fresh interpreter that never imports trafilatura."""
    command = [sys.executable, "-m", "tests.bench.bench_extract", "--memory-only"]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def report(timings: list[Timing], memory: dict[str, float]) -> str:
    summaries = {t.name: t.summary() for t in timings}
    lines = [
        f"extraction speed on {summaries['ours']['pages']:.0f} dev pages ({', '.join(SETS)})",
        "  per page: CPU ms of this process (steady on a shared machine), wall ms in brackets",
        f"  {'extractor':<13}{'median ms':>10}{'p95 ms':>10}{'[median':>10}{'p95]':>9}{'pages/s/core':>14}",
    ]
    for name, s in summaries.items():
        lines.append(
            f"  {name:<13}{s['median_ms']:>10.2f}{s['p95_ms']:>10.2f}{s['median_wall_ms']:>10.2f}"
            f"{s['p95_wall_ms']:>9.2f}{s['pages_per_cpu_s']:>14.1f}"
        )
    if "trafilatura" in summaries:
        ours, peer = summaries["ours"], summaries["trafilatura"]
        lines.append(
            f"  ours is {peer['median_ms'] / ours['median_ms']:.1f}x faster by median CPU ms"
            f" ({peer['median_wall_ms'] / ours['median_wall_ms']:.1f}x by wall),"
            f" {ours['pages_per_cpu_s'] / peer['pages_per_cpu_s']:.1f}x by pages/s/core"
        )
    lines.append(
        f"  peak RSS extracting all {memory['pages']:.0f} pages with ours: {memory['peak_rss_mb']:.0f} MB"
        f" ({memory['rss_after_import_mb']:.0f} MB after imports)"
    )
    return "\n".join(lines)


STAGES = ("guard", "parse", "sources", "fields", "body", "compose")


def stage_times(pages: list[tuple[str, str | None]]) -> dict[str, list[float]]:
    """CPU ms of each stage of :func:`extract_article` per page: the same calls, timed one by one."""
    clock = time.process_time
    spent: dict[str, list[float]] = {
        name: [] for name in ("guard", "parse", "sources", "fields", "body", "compose")
    }
    for html, url in pages:
        marks = [clock()]
        try:
            safe = check_markup(html, DEFAULT_OPTIONS.max_chars, DEFAULT_OPTIONS.max_depth)
        except PermanentError:
            continue
        marks.append(clock())
        tree = LexborHTMLParser(safe)
        marks.append(clock())
        sources = read_sources(tree)
        marks.append(clock())
        raw = read_fields(tree, sources, url or "", safe)
        marks.append(clock())
        body = read_body(tree, sources, safe)
        marks.append(clock())
        compose(raw, body, url or "", "", DEFAULT_OPTIONS.site_timezones)
        marks.append(clock())
        for name, (start, end) in zip(STAGES, pairwise(marks), strict=True):
            spent[name].append((end - start) * 1000)
    return spent


def stages_report(spent: Mapping[str, list[float]], pages: int) -> str:
    """Median and mean CPU ms of each stage, and over the middle fifth of pages by total time."""
    totals = [sum(values) for values in zip(*spent.values(), strict=True)]
    middle = sorted(range(len(totals)), key=totals.__getitem__)[len(totals) * 2 // 5 : len(totals) * 3 // 5]
    lines = [f"extraction stages on {pages} dev pages: CPU ms median / mean / mean of the middle fifth"]
    for name, values in spent.items():
        mid = statistics.mean(values[i] for i in middle)
        lines.append(f"  {name:<8}{statistics.median(values):8.3f}{statistics.mean(values):8.3f}{mid:8.3f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--memory-only", action="store_true", help="print the memory figures as JSON")
    parser.add_argument("--no-peer", action="store_true", help="skip trafilatura")
    parser.add_argument("--stages", action="store_true", help="CPU time of each stage of ours, per page")
    args = parser.parse_args()
    if args.memory_only:
        print(json.dumps(measure_memory()))  # noqa: T201
        return
    if args.stages:
        pages = [(page.read_html(), page.url) for page in all_pages()]
        stage_times(pages[:20])  # warm-up
        print(stages_report(stage_times(pages), len(pages)))  # noqa: T201
        return
    pages = [(page.read_html(), page.url) for page in all_pages()]
    extractors: dict[str, Callable[[str, str | None], object]] = {"ours": ours}
    if not args.no_peer:
        extractors["trafilatura"] = peer
    timings = time_extractors(extractors, pages)
    print(report(timings, memory_in_subprocess()))  # noqa: T201


if __name__ == "__main__":
    main()
