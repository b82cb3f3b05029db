"""SIGTERM, SIGHUP and SIGINT end the app cleanly, keeping what the person set."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.runtime.app_process import AppProcess, read_state


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_quit_signal_saves_volume_and_window_then_exits(
    number: signal.Signals,
    launch: Callable[..., AppProcess],
    xdg_dirs: dict[str, Path],
) -> None:
    app = launch()
    app.wait_ready()
    app.playerctl("volume", "0.37")
    # The app has the change (MPRIS reads it back); it may still wait for its 1 s save delay.
    app.wait_for(lambda: float(app.playerctl("volume")) == 0.37, "the volume to be 0.37")
    app.send(number)
    assert app.wait(timeout=20) == 0
    state = read_state(xdg_dirs["XDG_STATE_HOME"])
    assert state["volume"] == 37
    assert state["window_geometry"]
    assert state["splitter_state"]
    assert app.unexpected_output() == []
