"""The ``ingest`` command line: one click group, one module per verb family (I/O at the edges only)."""

from __future__ import annotations

import importlib

import click

from worker import __version__

# Each module registers its verbs on ``main`` when imported; the list keeps start-up explicit.
_COMMAND_MODULES: tuple[str, ...] = (
    "worker.cli.extract",
    "worker.cli.evaluate",
    "worker.cli.fetch",
    "worker.cli.index",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ingest")
def main() -> None:
    """Turn URLs into searchable news articles."""


for _module in _COMMAND_MODULES:
    importlib.import_module(_module)
