"""MPRIS names the installed desktop file, so the sound menu shows the app's name and icon."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from station_app import APP_ID
from station_app.desktop.mpris import MprisService
from station_app.playback.fake import FakePlayer
from tests.desktop.mpris_client import connect

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def test_desktop_entry_names_the_packaged_desktop_file(qtbot: QtBot, session_bus: str) -> None:
    service = MprisService(
        FakePlayer(),
        (),
        station_to_play=lambda: None,
        raise_window=lambda: None,
        quit_app=lambda: None,
        program_name=lambda: "",
    )
    assert service.register(connect(session_bus))
    replies: list[str] = []
    reader = threading.Thread(
        target=lambda: replies.append(
            subprocess.run(
                [
                    "dbus-send",
                    "--session",
                    "--print-reply=literal",
                    "--dest=org.mpris.MediaPlayer2.station_app",
                    "/org/mpris/MediaPlayer2",
                    "org.freedesktop.DBus.Properties.Get",
                    "string:org.mpris.MediaPlayer2",
                    "string:DesktopEntry",
                ],
                env={"DBUS_SESSION_BUS_ADDRESS": session_bus},
                capture_output=True,
                text=True,
                timeout=10,
                check=True,
            ).stdout
        )
    )
    reader.start()  # in a thread: the Qt loop must keep answering the bus
    qtbot.waitUntil(lambda: not reader.is_alive(), timeout=15_000)
    service.unregister()
    qtbot.wait(1)  # runs the deferred deletion
    entry = replies[0].split()[-1]
    assert entry == APP_ID
    assert (PACKAGING / f"{entry}.desktop").is_file()
