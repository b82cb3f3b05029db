"""Fixtures for process tests: the app's environment, and runs that are always stopped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.playback.icecast import ADMIN_PASSWORD, IcecastServer
from tests.runtime.app_process import LOOPBACK_STATIONS, AppProcess, app_environment


@pytest.fixture
def app_env(xdg_dirs: dict[str, Path], session_bus: str, user_config_dir: Path) -> dict[str, str]:
    """Isolated folders, a private session bus, and stations only on loopback."""
    (user_config_dir / "stations.toml").write_text(LOOPBACK_STATIONS, encoding="utf-8")
    return app_environment(xdg_dirs, session_bus)


@pytest.fixture
def launch(app_env: dict[str, str], tmp_path: Path) -> Iterator[Callable[..., AppProcess]]:
    """Starts the app; every run still going at the end of the test is killed."""
    runs: list[AppProcess] = []

    def start(*args: str, env: dict[str, str] | None = None, **options: Any) -> AppProcess:
        run = AppProcess(env or app_env, tmp_path, args, **options)
        runs.append(run)
        return run

    yield start
    for run in runs:
        run.stop()


def listener_connections(server: IcecastServer) -> int:
    """How many listeners ever connected to the server (Icecast's own count)."""
    response = requests.get(
        f"http://127.0.0.1:{server.port}/admin/stats",
        auth=("admin", ADMIN_PASSWORD),
        timeout=10,
    )
    response.raise_for_status()
    value = ET.fromstring(response.content).findtext("listener_connections")
    return int(value or 0)


@pytest.fixture
def playing_config(user_config_dir: Path, icecast: IcecastServer, tmp_path: Path) -> IcecastServer:
    """Stations whose first one streams from Icecast; audio goes to a file, not a device."""
    stations = LOOPBACK_STATIONS.replace("http://127.0.0.1:9/live.mp3", icecast.stream_url)
    (user_config_dir / "stations.toml").write_text(stations, encoding="utf-8")
    audio = tmp_path / "audio.wav"
    (user_config_dir / "settings.toml").write_text(
        f'[player]\nvlc_options = ["--aout=afile", "--audiofile-file={audio}"]\n',
        encoding="utf-8",
    )
    return icecast
