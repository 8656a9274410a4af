"""ingest-worker: turns URLs into searchable news articles (fetch -> extract -> normalise -> index)."""

__version__ = "0.1.0"
