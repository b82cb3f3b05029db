"""Fixtures for the news tests: local fixture files served on loopback, a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from station_app.net.cache import DiskCache
from station_app.net.fetcher import Fetcher, FetchPolicy
from station_app.tasks import TaskRunner
from tests.clock import Clock

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FAST = FetchPolicy(connect_timeout=1, read_timeout=0.5, retries=1, backoff_seconds=0.01)
NOW = 1_795_532_400.0  # 2026-11-24 15:00 UTC


def fixture_text(name: str, base: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", base)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def fetcher(tmp_path: Path, clock: Clock) -> Fetcher:
    return Fetcher(DiskCache(tmp_path / "http-cache"), FAST, clock=clock)


@pytest.fixture
def base(content_server: HTTPServer) -> str:
    return content_server.url_for("").rstrip("/")


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def rigs(content_server: HTTPServer) -> Iterator[list[Any]]:
    """Panels made in a test; their tasks finish before the server stops."""
    made: list[Any] = []
    yield made
    for rig in made:
        rig.panel.news.stop()
        rig.panel.reader.stop()
        rig.tasks.shutdown()
