"""A real Icecast2 server on loopback, fed by ezstream, for any test that plays a stream."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.playback.icecast import IcecastServer, make_tone_mp3


@pytest.fixture(scope="session")
def tone_mp3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Thirty seconds of a 440 Hz tone, as MP3: what the server streams, looped."""
    return make_tone_mp3(tmp_path_factory.mktemp("tone") / "tone.mp3", seconds=30)


@pytest.fixture
def icecast(tone_mp3: Path) -> Iterator[IcecastServer]:
    """A server of the test's own, stopped afterwards."""
    # Not under pytest's tmp_path: Icecast drops root and must reach its folder.
    workdir = Path(tempfile.mkdtemp(prefix="station-icecast-"))
    server = IcecastServer(workdir, tone_mp3)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
