"""``ingest eval``: extraction quality per field on labelled dev sets (reads the dataset files)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from worker.cli import main
from worker.config import load_settings
from worker.evaluation.dataset import load_pages, set_name
from worker.evaluation.peer import PEER_NAME, extract_with_peer, peer_available
from worker.evaluation.render import per_page_lines, reports_json, reports_text
from worker.evaluation.runner import Extractor, SetReport, evaluate_set, ours
from worker.extract import options_from_settings


def chosen_extractors(compare: tuple[str, ...]) -> dict[str, Extractor]:
    """Ours first (with the INGEST_* extraction settings), then the requested peers."""
    extractors: dict[str, Extractor] = {"ours": ours(options_from_settings(load_settings()))}
    if PEER_NAME in compare:
        if not peer_available():
            raise click.UsageError("--compare trafilatura needs the bench extra: pip install -e '.[bench]'")
        extractors[PEER_NAME] = extract_with_peer
    return extractors


@main.command("eval")
@click.argument(
    "dataset_dirs",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, path_type=Path),
    metavar="DATASET_DIR...",
)
@click.option(
    "--compare", multiple=True, type=click.Choice([PEER_NAME]), help="Also score this peer extractor."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of tables.")
@click.option(
    "--per-page",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write every page's field outcomes (got vs gold) to this JSON-lines file.",
)
def eval_command(
    dataset_dirs: tuple[Path, ...], compare: tuple[str, ...], as_json: bool, per_page: Path | None
) -> None:
    """Score extraction per field on labelled sets (folders holding pages.jsonl)."""
    for folder in dataset_dirs:  # all checked before minutes of scoring start
        if not (folder / "pages.jsonl").is_file():
            raise click.BadParameter(f"{folder} holds no pages.jsonl", param_hint="DATASET_DIR")
    extractors = chosen_extractors(compare)
    reports: list[SetReport] = []
    for folder in dataset_dirs:
        reports.append(evaluate_set(set_name(folder), load_pages(folder), extractors))
        if not as_json:  # each set's table as soon as it is scored: a full run takes minutes
            click.echo(("\n" if len(reports) > 1 else "") + reports_text(reports[-1:]), nl=False)
    if as_json:
        click.echo(json.dumps(reports_json(reports), indent=2))
    if per_page is not None:
        lines = [line for report in reports for line in per_page_lines(report)]
        per_page.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
