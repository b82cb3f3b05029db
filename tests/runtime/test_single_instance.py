"""A second launch with the same config hands over to the running app and exits."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

from tests.playback.icecast import IcecastServer
from tests.runtime.app_process import AppProcess, read_state, wait_until
from tests.runtime.conftest import listener_connections


def test_second_launch_hands_play_to_the_running_app_and_never_plays_itself(
    launch: Callable[..., AppProcess],
    app_env: dict[str, str],
    xdg_dirs: dict[str, Path],
    playing_config: IcecastServer,
) -> None:
    first = launch()
    first.wait_ready()
    assert first.playerctl("status") == "Stopped"
    # Python lists every module it imports: libVLC's binding must not be among them.
    second = launch("--play", "kxyz", env={**app_env, "PYTHONPROFILEIMPORTTIME": "1"})
    assert second.wait(timeout=60) == 0, second.stderr()
    assert "already running" in second.stdout()
    imported = [line.rsplit("|", 1)[-1].strip() for line in second.stderr().splitlines()]
    assert "station_app.single_instance" in imported
    assert not {"vlc", "station_app.playback.vlc_backend", "PySide6.QtWidgets"} & set(imported)
    first.wait_for(lambda: first.playerctl("status") == "Playing", "the first app to play")
    wait_until(lambda: listener_connections(playing_config) >= 1, "Icecast to count the listener")
    assert read_state(xdg_dirs["XDG_STATE_HOME"])["last_station"] == "kxyz"
    first.send(signal.SIGTERM)
    assert first.wait() == 0
    assert first.unexpected_output() == []


def test_second_launch_with_an_unknown_station_is_told_by_the_running_app(
    launch: Callable[..., AppProcess],
) -> None:
    first = launch()
    first.wait_ready()
    second = launch("--play", "nope")
    assert second.wait(timeout=60) == 2
    assert second.stderr().strip() == 'No station has the id "nope". Known ids: kxyz, kabc.'
    assert first.proc.poll() is None
    assert first.playerctl("status") == "Stopped"


def test_launches_with_different_configs_both_run(
    launch: Callable[..., AppProcess], app_env: dict[str, str], tmp_path: Path
) -> None:
    first = launch()
    first.wait_ready()
    other_config = tmp_path / "other-config"
    (other_config / "station-app").mkdir(parents=True)
    env = {**app_env, "XDG_CONFIG_HOME": str(other_config)}
    env["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent"  # MPRIS belongs to the first
    second = launch(env=env, probe=True)
    second.wait_for(second.visible_texts, "the second window")
    assert first.proc.poll() is None


def test_second_launch_says_so_when_the_running_app_is_frozen(
    launch: Callable[..., AppProcess], playing_config: IcecastServer
) -> None:
    first = launch()
    first.wait_ready()
    first.send(signal.SIGSTOP)
    try:
        second = launch("--play", "kxyz")
        assert second.wait(timeout=60) == 1
    finally:
        first.send(signal.SIGCONT)
    assert second.stderr().strip() == (
        "Station App is already running with this configuration but does not answer; "
        "close it and try again."
    )
    assert first.proc.poll() is None


def test_the_launch_that_runs_claims_its_place_without_loading_qt_before_its_stream(
    launch: Callable[..., AppProcess], app_env: dict[str, str], playing_config: IcecastServer
) -> None:
    app = launch("--play", "kxyz", env={**app_env, "PYTHONPROFILEIMPORTTIME": "1"})
    app.wait_ready()
    imported = [line.rsplit("|", 1)[-1].strip() for line in app.stderr().splitlines()]
    assert imported.index("station_app.single_instance") < imported.index("vlc")
    assert imported.index("vlc") < imported.index("PySide6.QtCore")
    app.send(signal.SIGTERM)
    assert app.wait() == 0
