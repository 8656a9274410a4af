"""Settings come from INGEST_* variables in one place; code can build them directly."""

from __future__ import annotations

import pytest

from worker.config import Settings


def test_defaults_point_at_local_services(monkeypatch: pytest.MonkeyPatch) -> None:
    # Runs on other ports set these; the defaults are what is under test.
    monkeypatch.delenv("INGEST_REDIS_URL", raising=False)
    monkeypatch.delenv("INGEST_SEARCH_URL", raising=False)
    settings = Settings()
    assert settings.redis_url == "redis://127.0.0.1:6379/0"
    assert settings.search_url == "http://127.0.0.1:9200"
    assert settings.fetch_allow_networks == ()


def test_environment_lists_and_mappings_are_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INGEST_FETCH_ALLOW_NETWORKS", "127.0.0.1, 10.0.0.0/8")
    monkeypatch.setenv("INGEST_SITE_TIMEZONES", "jpost.com=Asia/Jerusalem, example.org=UTC")
    monkeypatch.setenv("INGEST_ENGINE", "opensearch")
    settings = Settings()
    assert settings.fetch_allow_networks == ("127.0.0.1", "10.0.0.0/8")
    assert settings.site_timezones == {"jpost.com": "Asia/Jerusalem", "example.org": "UTC"}
    assert settings.engine == "opensearch"


def test_settings_are_frozen() -> None:
    settings = Settings()
    with pytest.raises(ValueError, match="frozen"):
        settings.redis_url = "redis://elsewhere"


def test_unknown_engine_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INGEST_ENGINE", "solr")
    with pytest.raises(ValueError, match="engine"):
        Settings()
