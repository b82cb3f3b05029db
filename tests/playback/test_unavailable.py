from __future__ import annotations

from pytestqt.qtbot import QtBot

from station_app.playback.state import PlaybackState
from station_app.playback.unavailable import UnavailablePlayer
from station_app.stations.model import Station

STATION = Station("wtst", "WTST", "88.8 FM", "Loopback", ("http://127.0.0.1:9/",), None, "UTC")


def test_without_libvlc_play_explains_what_is_missing(qtbot: QtBot) -> None:
    player = UnavailablePlayer("Playback needs VLC (libVLC), which could not be loaded.")
    with qtbot.waitSignal(player.station_changed):
        player.play(STATION)
    assert player.status.state is PlaybackState.ERROR
    assert player.status.message.startswith("Playback needs VLC")
    player.toggle()
    assert player.status.state is PlaybackState.ERROR  # toggling replays, and says it again
    player.stop()
    assert player.status.state is PlaybackState.IDLE
    player.set_volume(150)
    assert player.volume == 100


def test_without_libvlc_about_says_it_is_not_available() -> None:
    player = UnavailablePlayer("Playback needs VLC (libVLC), which could not be loaded.")
    assert player.backend_version == "libVLC is not available"
