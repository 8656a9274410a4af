"""Where the labelled dev sets live for tests: ``$INGEST_DATASETS`` or ``../shared/datasets`` (no I/O)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DATASETS = Path(os.environ.get("INGEST_DATASETS", REPO_ROOT.parent / "shared" / "datasets"))
