"""Shared fixtures for tests that fetch from loopback: a fast fetcher, MP3 bytes, a dead address."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from station_app.net.cache import DiskCache
from station_app.net.fetcher import Fetcher, FetchPolicy

FAST = FetchPolicy(connect_timeout=1, read_timeout=2, retries=1, backoff_seconds=0.01)


@pytest.fixture(scope="session")
def mp3_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Three seconds of a 440 Hz tone, encoded by lame: real MP3 frames."""
    folder = tmp_path_factory.mktemp("audio")
    wav, mp3 = folder / "tone.wav", folder / "tone.mp3"
    subprocess.run(
        ["sox", "-n", "-r", "44100", "-c", "2", str(wav), "synth", "3", "sine", "440"], check=True
    )
    subprocess.run(["lame", "--quiet", str(wav), str(mp3)], check=True)
    return mp3.read_bytes()


@pytest.fixture
def fetcher(tmp_path: Path) -> Fetcher:
    return Fetcher(DiskCache(tmp_path / "http-cache"), FAST)


@pytest.fixture
def dead_url() -> str:
    """An address on loopback where nothing listens: connections are refused."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
