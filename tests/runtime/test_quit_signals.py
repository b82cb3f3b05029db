"""SIGTERM, SIGHUP and SIGINT end the app cleanly, keeping what the person set."""

from __future__ import annotations

import contextlib
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


def test_ctrl_c_while_the_app_is_still_starting_ends_it_without_a_traceback(
    launch: Callable[..., AppProcess],
) -> None:
    app = launch()

    def holds_its_instance_lock() -> bool:
        folder = Path(f"/proc/{app.proc.pid}/fd")
        with contextlib.suppress(OSError):
            return any(link.readlink().suffix == ".lock" for link in folder.iterdir())
        return False

    # The app has begun (it holds its one-instance lock) but Qt and the window's own
    # handler are not there yet.
    app.wait_for(holds_its_instance_lock, "the app to claim its instance")
    app.send(signal.SIGINT)
    assert app.wait(timeout=20) in (0, 128 + signal.SIGINT)
    assert "Traceback" not in app.stderr()
    assert app.unexpected_output() == []
