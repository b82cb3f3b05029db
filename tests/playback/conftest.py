"""Player fixtures: a real Icecast2 + ezstream server and a real libVLC player."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from station_app.net.fetcher import Fetcher, FetchPolicy
from station_app.playback.backoff import BackoffPolicy
from station_app.playback.resolve import task_resolver
from station_app.playback.session import SessionTimings, StreamSession
from station_app.playback.state import PlaybackState
from station_app.playback.vlc_backend import VlcBackend
from station_app.stations.model import Station
from station_app.tasks import TaskRunner
from tests.playback.bad_streams import BadStreamServer

needs_icecast = pytest.mark.skipif(
    shutil.which("icecast2") is None or shutil.which("ezstream") is None,
    reason="icecast2 and ezstream are installed by scripts/test",
)


@pytest.fixture
def bad_streams() -> Iterator[BadStreamServer]:
    server = BadStreamServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def station(stream: str | list[str], station_id: str = "test", call_sign: str = "WTST") -> Station:
    streams = (stream,) if isinstance(stream, str) else tuple(stream)
    return Station(station_id, call_sign, "88.8 FM", "Loopback", streams, None, "UTC")


@pytest.fixture
def make_player(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., StreamSession]]:
    """Builds stream sessions over libVLC, writing their audio to WAV files, not a sound card."""
    players: list[StreamSession] = []
    tasks = TaskRunner()
    fetcher = Fetcher(None, FetchPolicy(connect_timeout=2, read_timeout=3, retries=0))

    def build(wav: Path | None = None, **timings: float) -> StreamSession:
        wav = wav or tmp_path / f"out{len(players)}.wav"
        backend = VlcBackend(("--aout=afile", f"--audiofile-file={wav}"), network_caching_ms=300)
        player = StreamSession(
            backend,
            task_resolver(tasks, fetcher),
            timings=SessionTimings(**{"stall_timeout": 4.0, **timings}),
            backoff=BackoffPolicy(first_delay=0.3, max_delay=1.5),
        )
        players.append(player)
        return player

    yield build
    for player in players:
        player.shutdown()
    tasks.shutdown()


def wait_for_state(qtbot: QtBot, player: StreamSession, state: PlaybackState, timeout: int) -> None:
    qtbot.waitUntil(lambda: player.status.state is state, timeout=timeout)
