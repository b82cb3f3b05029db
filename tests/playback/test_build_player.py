"""The player as the app builds it: its own threads, and --play started before Qt loads."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QThreadPool
from PySide6.QtNetwork import QNetworkInformation
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.app import build_player, build_services
from station_app.config.settings import Settings, SettingsResult
from station_app.net.fetcher import Fetcher, FetchPolicy
from station_app.paths import AppPaths
from station_app.playback.early import start_early
from station_app.playback.session import StreamSession
from station_app.playback.state import PlaybackState
from station_app.playback.vlc_backend import VlcBackend
from station_app.tasks import POOL_THREADS
from tests.playback.conftest import needs_icecast, station, wait_for_state
from tests.playback.icecast import IcecastServer, free_port

pytestmark = needs_icecast


def afile_settings(wav: Path) -> SettingsResult:
    options = ("--aout=afile", f"--audiofile-file={wav}")
    return SettingsResult(Settings(vlc_options=options, network_caching_ms=300), [])


def test_a_playlist_station_starts_while_every_background_thread_is_stuck(
    qtbot: QtBot,
    content_server: HTTPServer,
    icecast: IcecastServer,
    user_config_dir: Path,
    tmp_path: Path,
) -> None:
    content_server.expect_request("/station.pls").respond_with_data(
        f"[playlist]\nFile1={icecast.stream_url}\n", content_type="audio/x-scpls"
    )
    wav = tmp_path / "out.wav"
    (user_config_dir / "settings.toml").write_text(
        f'[player]\nvlc_options = ["--aout=afile", "--audiofile-file={wav}"]\n'
        "network_caching_ms = 300\n"
    )
    fetcher = Fetcher(None, FetchPolicy(connect_timeout=2, read_timeout=3, retries=0))
    services = build_services(AppPaths.from_environment(), fetcher=fetcher)
    player = services.player
    assert isinstance(player, StreamSession)
    # Every thread news, schedule and directory work runs on is stuck (behind feeds
    # trickling a byte at a time, say), and Qt's shared pool too.
    release = threading.Event()
    for _ in range(POOL_THREADS):
        services.tasks.start(lambda _cancel: release.wait(60), lambda _r: None, lambda _f: None)
    shared = QThreadPool.globalInstance()
    for _ in range(shared.maxThreadCount()):
        shared.start(lambda: release.wait(60))
    try:
        player.play(station(content_server.url_for("/station.pls")))
        wait_for_state(qtbot, player, PlaybackState.PLAYING, 15_000)
    finally:
        release.set()
        player.shutdown()
        services.tasks.shutdown()
        shared.waitForDone(5000)


def test_early_start_opens_the_stream_and_the_session_adopts_it(
    qtbot: QtBot, icecast: IcecastServer, user_config_dir: Path, tmp_path: Path
) -> None:
    wav = tmp_path / "out.wav"
    (user_config_dir / "stations.toml").write_text(
        '[network]\nname = "Test"\n\n[[stations]]\nid = "wtst"\ncall_sign = "WTST"\n'
        f'streams = ["{icecast.stream_url}"]\n'
    )
    (user_config_dir / "settings.toml").write_text(
        f'[player]\nvlc_options = ["--aout=afile", "--audiofile-file={wav}"]\n'
    )
    early = start_early(AppPaths.from_environment(), "wtst")
    assert early.started is not None
    qtbot.waitUntil(lambda: wav.exists() and wav.stat().st_size > 20_000, timeout=15_000)
    player = build_player(early.settings, Fetcher(None), early)
    try:
        assert isinstance(player, StreamSession)
        assert player.station is not None and player.station.id == "wtst"
        wait_for_state(qtbot, player, PlaybackState.PLAYING, 5000)
    finally:
        player.shutdown()


PROBE = """
import sys
import types

import station_app.playback.vlc_backend as backend
from station_app.__main__ import main

opened = backend.VlcBackend.open


def open_and_tell(self, url):
    print("qt-loaded" if "PySide6.QtWidgets" in sys.modules else "qt-not-loaded", flush=True)
    opened(self, url)


backend.VlcBackend.open = open_and_tell
# The window is not wanted here: a stand-in for the module that would build it.
sys.modules["station_app.app"] = types.SimpleNamespace(run_gui=lambda *_args, **_kwargs: 0)
sys.exit(main(["--play", "wtst"]))
"""


def test_play_starts_the_stream_before_qt_loads(user_config_dir: Path, tmp_path: Path) -> None:
    (user_config_dir / "stations.toml").write_text(
        '[network]\nname = "Test"\n\n[[stations]]\nid = "wtst"\ncall_sign = "WTST"\n'
        'streams = ["http://127.0.0.1:9/live.mp3"]\n'
    )
    (user_config_dir / "settings.toml").write_text(
        f'[player]\nvlc_options = ["--aout=afile", "--audiofile-file={tmp_path / "o.wav"}"]\n'
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=os.environ, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["qt-not-loaded"]


def test_after_an_outage_the_network_coming_back_retries_at_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    fetcher = Fetcher(None, FetchPolicy(connect_timeout=2, read_timeout=3, retries=0))
    player = build_player(afile_settings(tmp_path / "out.wav"), fetcher)
    assert isinstance(player, StreamSession)
    try:
        player.play(station(f"http://127.0.0.1:{free_port()}/live.mp3"))
        qtbot.waitUntil(lambda: player.status.retry_at is not None, timeout=10_000)
        backend = player.backend
        assert isinstance(backend, VlcBackend)
        opened = backend.media_opened
        information = QNetworkInformation.instance()
        assert information is not None, "loaded at the first outage"
        information.reachabilityChanged.emit(QNetworkInformation.Reachability.Online)
        assert backend.media_opened == opened + 1  # long before the backoff's own retry
    finally:
        player.shutdown()
