"""SIGTERM, SIGHUP and SIGINT end the app cleanly, keeping what the person set."""

from __future__ import annotations

import signal
import time
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
    time.sleep(0.2)  # the change is 0.2 s old, well before the 1 s save delay
    app.send(number)
    assert app.wait(timeout=20) == 0
    state = read_state(xdg_dirs["XDG_STATE_HOME"])
    assert state["volume"] == 37
    assert state["window_geometry"]
    assert state["splitter_state"]
    assert app.unexpected_output() == []
