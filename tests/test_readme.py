"""The README's settings table names every setting the worker reads, and nothing it does not."""

from __future__ import annotations

import re
from pathlib import Path

from worker.config import Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def documented_settings() -> set[str]:
    rows = re.findall(r"^\| (INGEST_[A-Z0-9_ /]+?) \|", README.read_text(encoding="utf-8"), re.MULTILINE)
    return {name.strip() for row in rows for name in row.split("/")}


def test_every_setting_is_documented_and_every_documented_setting_exists() -> None:
    fields = {f"INGEST_{name.upper()}" for name in Settings.model_fields}
    documented = documented_settings()
    assert sorted(fields - documented) == [], "settings missing from the README table"
    assert sorted(documented - fields) == [], "README rows for settings the worker does not read"
