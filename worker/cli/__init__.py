"""The ``ingest`` command line: one click group, one module per verb family (I/O at the edges only)."""

from __future__ import annotations

import importlib

import click
import redis

from worker import __version__
from worker.errors import IngestError

# Each module registers its verbs on ``main`` when imported; the list keeps start-up explicit.
_COMMAND_MODULES: tuple[str, ...] = (
    "worker.cli.extract",
    "worker.cli.evaluate",
    "worker.cli.fetch",
    "worker.cli.index",
    "worker.cli.pipeline",
    "worker.cli.deploy",
)


class _Group(click.Group):
    """The verbs' group: a classified failure (engine or broker down, a refused input) ends any verb
    as one ``Error: <reason>: <message>`` line and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except IngestError as error:
            raise click.ClickException(str(error)) from error
        except redis.RedisError as error:
            raise click.ClickException(f"redis_unavailable: {error}") from error


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ingest")
def main() -> None:
    """Turn URLs into searchable news articles."""


for _module in _COMMAND_MODULES:
    importlib.import_module(_module)
