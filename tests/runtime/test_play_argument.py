"""`--play ID` is remembered as the last station, like a station chosen in the window."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.playback.icecast import IcecastServer
from tests.runtime.app_process import AppProcess, read_state


def test_play_argument_is_stored_as_the_last_station(
    launch: Callable[..., AppProcess], xdg_dirs: dict[str, Path], playing_config: IcecastServer
) -> None:
    app = launch("--play", "kxyz")
    app.wait_ready()
    state_file = xdg_dirs["XDG_STATE_HOME"] / "station-app" / "state.json"
    # Written at once, not only at the end of the run.
    app.wait_for(state_file.exists, "the state file")
    assert read_state(xdg_dirs["XDG_STATE_HOME"])["last_station"] == "kxyz"
    subprocess.run(
        [
            "dbus-send",
            "--session",
            "--print-reply",
            "--dest=org.mpris.MediaPlayer2.station_app",
            "/org/mpris/MediaPlayer2",
            "org.mpris.MediaPlayer2.Quit",
        ],
        env=app.env,
        check=True,
        capture_output=True,
        timeout=20,
    )
    assert app.wait() == 0
    assert read_state(xdg_dirs["XDG_STATE_HOME"])["last_station"] == "kxyz"
    assert app.unexpected_output() == []
