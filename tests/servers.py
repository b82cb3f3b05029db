"""Fixtures for real local servers on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer


@pytest.fixture
def content_server() -> Iterator[HTTPServer]:
    """A real HTTP server on a free loopback port, stopped after the test."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        if server.is_running():
            server.stop()
