"""Fixtures for real local servers on loopback."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import pytest
import requests
import requests.adapters
from pytest_httpserver import HTTPServer

from station_app.net.cache import DiskCache
from station_app.net.fetcher import Fetcher
from tests.trickle_server import TrickleServer


@contextmanager
def loopback_server(host: str = "127.0.0.1") -> Iterator[HTTPServer]:
    """A real HTTP server on a free port of `host`, stopped when the block ends."""
    server = HTTPServer(host=host, port=0)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        if server.is_running():
            server.stop()


@pytest.fixture
def content_server() -> Iterator[HTTPServer]:
    """A real HTTP server on a free loopback port, stopped after the test."""
    with loopback_server() as server:
        yield server


@pytest.fixture
def this_computer() -> Iterator[HTTPServer]:
    """A second server, on 127.0.0.2: with 127.0.0.1 standing for a public host, this
    stands for the person's own computer, which a public page must never reach."""
    with loopback_server("127.0.0.2") as server:
        yield server


@pytest.fixture
def trickle_server() -> Iterator[TrickleServer]:
    """A raw HTTP server on loopback that sends a feed one byte at a time, for ever."""
    server = TrickleServer()
    try:
        yield server
    finally:
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


class _OfflineAdapter(requests.adapters.BaseAdapter):
    """Answers every request as a machine without network would."""

    def send(self, request: requests.PreparedRequest, *args: object, **kwargs: object) -> NoReturn:
        raise requests.ConnectionError(f"Failed to resolve '{request.url}' (offline)")

    def close(self) -> None:
        pass


class _CrashingAdapter(requests.adapters.HTTPAdapter):
    """A real adapter, except that addresses naming a crash break inside the caller's task."""

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> Any:
        if "/crash" in (request.url or ""):
            raise RuntimeError("a bug deep in a library")
        return super().send(request, *args, **kwargs)


def crashing_session() -> requests.Session:
    """A session for fault tests: requests to paths with /crash raise a RuntimeError."""
    session = requests.Session()
    session.mount("http://", _CrashingAdapter())
    return session


def offline_session() -> requests.Session:
    session = requests.Session()
    session.mount("http://", _OfflineAdapter())
    session.mount("https://", _OfflineAdapter())
    return session


@pytest.fixture
def offline_fetcher(tmp_path: Path) -> Fetcher:
    """The real fetcher on a machine with no network (for windows built on bundled stations)."""
    return Fetcher(DiskCache(tmp_path / "offline-cache"), session_factory=offline_session)
