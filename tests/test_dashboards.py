"""`ingest dashboards import` against a real HTTP server on 127.0.0.1 that records what it receives."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from worker.config import Settings
from worker.saved_objects import ARTICLES_VIEW, FLAVOURS, URLS_VIEW, build

REPO = Path(__file__).resolve().parents[1]
INGEST = Path(sys.executable).with_name("ingest")
KIBANA_NDJSON = REPO / "deploy" / "kibana" / "ingest-dashboards.ndjson"
OSD_NDJSON = REPO / "deploy" / "opensearch-dashboards" / "ingest-dashboards.ndjson"


@dataclass(frozen=True)
class Received:
    """One request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Reply:
    """What the server answers next (tests change it before calling the command)."""

    status: int = 200
    body: dict[str, object] = field(default_factory=lambda: {"success": True, "successCount": 10})


class RecordingServer(ThreadingHTTPServer):
    """A loopback server that keeps every request and answers with :attr:`reply`."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.received: list[Received] = []
        self.reply = Reply()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: RecordingServer

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.server.received.append(Received("POST", self.path, headers, body))
        payload = json.dumps(self.server.reply.body).encode()
        self.send_response(self.server.reply.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def server() -> Iterator[RecordingServer]:
    srv = RecordingServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(timeout=5)


def run_ingest(*args: str, user: str | None = "elastic") -> subprocess.CompletedProcess[str]:
    """Run the real ``ingest`` entry point with only the settings this test chooses."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INGEST_")}
    if user:
        env |= {"INGEST_SEARCH_USER": user, "INGEST_SEARCH_PASSWORD": "s3cret pass"}
    return subprocess.run(
        [str(INGEST), *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def file_parts(request: Received) -> list[Message]:
    """The multipart/form-data parts of a request body, parsed by the standard library."""
    head = f"Content-Type: {request.headers['content-type']}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser().parsebytes(head + request.body)
    assert message.is_multipart()
    parts = message.get_payload()
    assert isinstance(parts, list)
    return [part for part in parts if isinstance(part, Message)]


def only_part(request: Received) -> tuple[str | None, str | None, bytes]:
    """(form field name, file name, content) of the single part the import API expects."""
    parts = file_parts(request)
    assert len(parts) == 1
    part = parts[0]
    content = part.get_payload(decode=True)
    assert isinstance(content, bytes)
    return part.get_param("name", header="content-disposition"), part.get_filename(), content  # type: ignore[return-value]


def test_kibana_import_posts_the_kibana_objects(server: RecordingServer) -> None:
    result = run_ingest("dashboards", "import", "--kibana", server.url + "/")
    assert result.returncode == 0, result.stderr
    assert "imported 10 saved objects" in result.stdout
    [request] = server.received
    assert request.path == "/api/saved_objects/_import?overwrite=true"
    assert request.headers["kbn-xsrf"] == "true"
    assert "osd-xsrf" not in request.headers
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    expected_auth = base64.b64encode(b"elastic:s3cret pass").decode()
    assert request.headers["authorization"] == f"Basic {expected_auth}"
    name, filename, content = only_part(request)
    assert name == "file"
    assert filename is not None
    assert filename.endswith(".ndjson")
    assert content == KIBANA_NDJSON.read_bytes()


def test_opensearch_dashboards_import_uses_its_header_and_format(server: RecordingServer) -> None:
    result = run_ingest("dashboards", "import", "--kibana", server.url, "--opensearch-dashboards", user=None)
    assert result.returncode == 0, result.stderr
    [request] = server.received
    assert request.path == "/api/saved_objects/_import?overwrite=true"
    assert request.headers["osd-xsrf"] == "true"
    assert "kbn-xsrf" not in request.headers
    assert "authorization" not in request.headers
    assert only_part(request)[2] == OSD_NDJSON.read_bytes()


def test_import_of_a_given_file_sends_it_verbatim(server: RecordingServer, tmp_path: Path) -> None:
    custom = tmp_path / "mine.ndjson"
    custom.write_text('{"type":"index-pattern","id":"x","attributes":{"title":"x"},"references":[]}\n')
    result = run_ingest("dashboards", "import", "--kibana", server.url, "--file", str(custom))
    assert result.returncode == 0, result.stderr
    assert only_part(server.received[0])[2] == custom.read_bytes()


def test_per_object_errors_in_a_200_answer_fail_the_command(server: RecordingServer) -> None:
    server.reply = Reply(
        200,
        {
            "success": False,
            "successCount": 9,
            "errors": [
                {"type": "dashboard", "id": "ingest-overview", "error": {"type": "missing_references"}}
            ],
        },
    )
    result = run_ingest("dashboards", "import", "--kibana", server.url)
    assert result.returncode == 1
    assert "dashboards_import_failed" in result.stderr
    assert "dashboard/ingest-overview: missing_references" in result.stderr


def test_a_refused_login_is_reported_as_rejected(server: RecordingServer) -> None:
    server.reply = Reply(401, {"statusCode": 401, "error": "Unauthorized"})
    result = run_ingest("dashboards", "import", "--kibana", server.url)
    assert result.returncode == 1
    assert "dashboards_rejected: HTTP 401" in result.stderr


def test_an_unreachable_server_is_reported_as_such() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_ingest("dashboards", "import", "--kibana", f"http://127.0.0.1:{port}")
    assert result.returncode == 1
    assert "dashboards_unreachable" in result.stderr


def test_export_prints_what_the_deploy_folder_holds() -> None:
    kibana = run_ingest("dashboards", "export", user=None)
    osd = run_ingest("dashboards", "export", "--opensearch-dashboards", user=None)
    assert kibana.stdout == KIBANA_NDJSON.read_text(encoding="utf-8")
    assert osd.stdout == OSD_NDJSON.read_text(encoding="utf-8")


def test_data_views_follow_the_configured_index_names() -> None:
    settings = Settings(read_alias="news-read", url_status_index="news-urls")
    for flavour in FLAVOURS:
        views = {o["id"]: o["attributes"] for o in build(settings, flavour) if o["type"] == "index-pattern"}
        assert views[ARTICLES_VIEW]["title"] == "news-read"
        assert views[URLS_VIEW]["title"] == "news-urls"
        assert views[ARTICLES_VIEW]["timeFieldName"] == "published"
        assert views[URLS_VIEW]["timeFieldName"] == "last_attempt"


def test_both_flavours_hold_the_same_objects_with_their_own_version_stamps() -> None:
    kibana, osd = (build(Settings(), flavour) for flavour in FLAVOURS)
    assert [(o["type"], o["id"]) for o in kibana] == [(o["type"], o["id"]) for o in osd]
    assert all("typeMigrationVersion" in o and "migrationVersion" not in o for o in kibana)
    assert all(o["migrationVersion"] == {o["type"]: o["migrationVersion"][o["type"]]} for o in osd)
    assert all("coreMigrationVersion" not in o for o in osd)


def test_a_kibana_space_is_part_of_the_base_url(server: RecordingServer) -> None:
    result = run_ingest("dashboards", "import", "--kibana", server.url + "/s/news")
    assert result.returncode == 0, result.stderr
    assert server.received[0].path == "/s/news/api/saved_objects/_import?overwrite=true"
