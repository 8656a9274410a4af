"""Imports saved objects into Kibana or OpenSearch Dashboards through the saved objects API (HTTP I/O).

``POST {url}/api/saved_objects/_import?overwrite=true`` with the NDJSON as the multipart field
``file``; Kibana refuses the request without a ``kbn-xsrf`` header, OpenSearch Dashboards without
``osd-xsrf``. Credentials are the engine's (``INGEST_SEARCH_USER`` / ``INGEST_SEARCH_PASSWORD``): the
same user logs into Kibana. A 200 answer can still hold per-object errors, so ``success`` is checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests

from worker.config import Settings
from worker.errors import PermanentError, TransientError
from worker.saved_objects import Flavour

IMPORT_PATH = "/api/saved_objects/_import"
XSRF_HEADERS: dict[Flavour, str] = {"kibana": "kbn-xsrf", "opensearch-dashboards": "osd-xsrf"}
UPLOAD_NAME = "ingest-dashboards.ndjson"


@dataclass(frozen=True)
class ImportResult:
    """What the server reported: how many objects it imported."""

    success_count: int


def import_saved_objects(base_url: str, ndjson: str, flavour: Flavour, settings: Settings) -> ImportResult:
    """Send ``ndjson`` to the import API, overwriting objects with the same ids; raise on any failure."""
    response = _post(base_url, ndjson, flavour, settings)
    if response.status_code >= 500 or response.status_code == 429:
        raise TransientError("dashboards_unavailable", f"HTTP {response.status_code}: {response.text[:300]}")
    if response.status_code >= 400:
        raise PermanentError("dashboards_rejected", f"HTTP {response.status_code}: {response.text[:300]}")
    return _result(response)


def _post(base_url: str, ndjson: str, flavour: Flavour, settings: Settings) -> requests.Response:
    auth = (settings.search_user, settings.search_password or "") if settings.search_user else None
    files = {"file": (UPLOAD_NAME, ndjson.encode("utf-8"), "application/ndjson")}
    try:
        return requests.post(
            base_url.rstrip("/") + IMPORT_PATH,
            params={"overwrite": "true"},
            headers={XSRF_HEADERS[flavour]: "true"},
            files=files,
            auth=auth,
            timeout=settings.search_timeout_s,
        )
    except requests.RequestException as exc:
        raise TransientError("dashboards_unreachable", str(exc)) from exc


def _result(response: requests.Response) -> ImportResult:
    try:
        body: dict[str, Any] = response.json()
    except ValueError as exc:
        raise PermanentError("dashboards_bad_answer", response.text[:300]) from exc
    if not body.get("success"):
        raise PermanentError("dashboards_import_failed", _describe_errors(body.get("errors") or []))
    return ImportResult(success_count=int(body.get("successCount", 0)))


def _describe_errors(errors: list[dict[str, Any]]) -> str:
    parts = [f"{e.get('type')}/{e.get('id')}: {(e.get('error') or {}).get('type', 'error')}" for e in errors]
    return "; ".join(parts) or "the server reported no success and no errors"
