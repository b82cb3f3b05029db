"""Fixtures for real local servers on loopback."""

from __future__ import annotations

import subprocess
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


@pytest.fixture
def session_bus() -> Iterator[str]:
    """A private D-Bus session bus daemon; yields its address."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    try:
        yield address
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
        daemon.stdout.close()
