"""``ingest dashboards import|export``: the Kibana / OpenSearch Dashboards saved objects (CLI, HTTP I/O)."""

from __future__ import annotations

from pathlib import Path

import click

from worker.cli import main
from worker.config import load_settings
from worker.dashboards import import_saved_objects
from worker.saved_objects import Flavour, build, to_ndjson


def _flavour(opensearch_dashboards: bool) -> Flavour:
    return "opensearch-dashboards" if opensearch_dashboards else "kibana"


@main.group()
def dashboards() -> None:
    """The ingest dashboard: data views, charts, a saved search."""


@dashboards.command("import")
@click.option(
    "--kibana",
    "url",
    required=True,
    metavar="URL",
    help="Base URL of Kibana or OpenSearch Dashboards; a Kibana space: http://host:5601/s/SPACE.",
)
@click.option(
    "--opensearch-dashboards", is_flag=True, help="The URL is OpenSearch Dashboards: its format and header."
)
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Import this NDJSON instead of the objects built from the settings.",
)
def import_command(url: str, opensearch_dashboards: bool, path: Path | None) -> None:
    """Import (overwrite) the saved objects through the saved objects API."""
    settings = load_settings()
    flavour = _flavour(opensearch_dashboards)
    ndjson = path.read_text(encoding="utf-8") if path else to_ndjson(build(settings, flavour))
    result = import_saved_objects(url, ndjson, flavour, settings)  # (a classified failure: one error line)
    click.echo(f"imported {result.success_count} saved objects into {url}")


@dashboards.command("export")
@click.option(
    "--opensearch-dashboards", is_flag=True, help="OpenSearch Dashboards format instead of Kibana's."
)
def export_command(opensearch_dashboards: bool) -> None:
    """Print the saved objects as NDJSON (what `deploy/kibana/` and `deploy/opensearch-dashboards/` hold)."""
    click.echo(to_ndjson(build(load_settings(), _flavour(opensearch_dashboards))), nl=False)
