"""Fixtures for the news tests: local fixture files served on loopback, a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.net.cache import DiskCache
from station_app.net.fetcher import Fetcher, FetchPolicy
from station_app.tasks import TaskRunner
from tests.clock import Clock

if TYPE_CHECKING:
    from tests.news.panel_helpers import Panels

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
def tasks(content_server: HTTPServer) -> Iterator[TaskRunner]:
    """Background work for the test, stopped before the server is."""
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def served(content_server: HTTPServer, base: str) -> HTTPServer:
    """The loopback server with the fixture feeds, article pages and pictures."""
    from tests.news.panel_helpers import serve_fixtures

    serve_fixtures(content_server, base)
    return content_server


@pytest.fixture
def panels(
    qtbot: QtBot, fetcher: Fetcher, clock: Clock, tasks: TaskRunner, tmp_path: Path
) -> Iterator[Panels]:
    """News panels made in a test; their work stops before the server does."""
    from tests.news.panel_helpers import Panels

    made = Panels(qtbot, fetcher, clock, tasks, tmp_path / "state.json")
    yield made
    made.stop()
