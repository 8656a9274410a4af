"""``make golden``: rewrite every golden file from the current extractor (writes files; deliberate only)."""

from __future__ import annotations

import json

from tests.datasets import DATASETS
from tests.golden.snapshot import GOLDEN_PAGES, extract_snapshot, find_page, golden_path


def main() -> None:
    for set_name, page_id in GOLDEN_PAGES:
        page = find_page(DATASETS, set_name, page_id)
        record = {"set": set_name, "id": page_id, "url": page.url, "expected": extract_snapshot(page)}
        text = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        golden_path(page_id).write_text(text, encoding="utf-8")
        print(f"wrote {golden_path(page_id).name}")  # noqa: T201


if __name__ == "__main__":
    main()
