"""Where the labelled dev sets live for tests: ``$INGEST_DATASETS_DIR`` or ``../shared/datasets``."""

from __future__ import annotations

from worker.evaluation.dataset import datasets_dir

DATASETS = datasets_dir()
