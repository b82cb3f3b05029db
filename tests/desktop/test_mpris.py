"""MPRIS on a real session bus, driven by playerctl, over a FakePlayer."""

from __future__ import annotations

import queue
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from station_app.desktop.mpris import MprisService
from station_app.playback.fake import FakePlayer
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.stations.model import Station
from tests.desktop.mpris_client import Playerctl, connect

STATIONS = (
    Station("wnpr", "WNPR", "90.5 FM", "Meriden, CT", ("http://127.0.0.1:9/a",), None, "UTC"),
    Station(
        "wedw-fm", "WEDW-FM", "88.5 FM", "Stamford, CT", ("http://127.0.0.1:9/b",), None, "UTC"
    ),
)


class Desktop:
    def __init__(self, qtbot: QtBot, playerctl: Playerctl) -> None:
        self.qtbot = qtbot
        self.playerctl = playerctl
        self.raised = 0
        self.quit = 0

    def run(self, *args: str) -> str:
        """playerctl in a thread while the Qt loop keeps answering the bus."""
        result: list[str] = []
        thread = threading.Thread(target=lambda: result.append(self.playerctl(*args)))
        thread.start()
        self.qtbot.waitUntil(lambda: not thread.is_alive(), timeout=10_000)
        return result[0]


@pytest.fixture
def mpris(qtbot: QtBot, session_bus: str) -> Iterator[tuple[FakePlayer, Desktop, MprisService]]:
    player = FakePlayer()
    desktop = Desktop(qtbot, Playerctl(session_bus))
    service = MprisService(
        player,
        STATIONS,
        station_to_play=lambda: STATIONS[0],
        raise_window=lambda: setattr(desktop, "raised", desktop.raised + 1),
        quit_app=lambda: setattr(desktop, "quit", desktop.quit + 1),
        program_name=lambda: "Where We Live",
    )
    assert service.register(connect(session_bus))
    yield player, desktop, service
    service.unregister()
    qtbot.wait(1)  # runs the deferred deletion


def test_status_and_metadata_follow_the_player(
    mpris: tuple[FakePlayer, Desktop, MprisService],
) -> None:
    player, desktop, _service = mpris
    assert desktop.run("status") == "Stopped"
    player.play(STATIONS[0])
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    assert desktop.run("status") == "Playing"
    assert desktop.run("metadata", "--format", "{{title}}|{{artist}}|{{mpris:trackid}}") == (
        "Where We Live|WNPR 90.5 FM|'/org/mpris/MediaPlayer2/station/wnpr'"  # typed 'o'
    )
    player.set_now_playing("Jazz Tonight")
    assert desktop.run("metadata", "title") == "Jazz Tonight"
    player.pause()
    assert desktop.run("status") == "Paused"


def test_playerctl_controls_the_player(mpris: tuple[FakePlayer, Desktop, MprisService]) -> None:
    player, desktop, _service = mpris
    desktop.run("play")
    assert player.requests[-1] == ("play", "wnpr")
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    desktop.run("play-pause")
    assert player.requests[-1] == ("pause", None)
    desktop.run("play-pause")
    assert player.requests[-1] == ("resume", None)
    desktop.run("next")
    assert player.requests[-1] == ("play", "wedw-fm")
    desktop.run("previous")
    assert player.requests[-1] == ("play", "wnpr")
    desktop.run("stop")
    assert player.requests[-1] == ("stop", None)
    desktop.run("volume", "0.25")
    assert player.volume == 25
    assert desktop.run("volume") == "0.250000"


def test_outages_and_retrying_errors_are_not_reported_as_playing(
    mpris: tuple[FakePlayer, Desktop, MprisService],
) -> None:
    player, desktop, _service = mpris
    player.play(STATIONS[0])
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    assert desktop.run("status") == "Playing"
    player.set_status(PlayerStatus(PlaybackState.RECONNECTING, attempt=1, retry_at=5.0))
    assert desktop.run("status") == "Stopped"
    player.set_status(PlayerStatus(PlaybackState.ERROR, attempt=1, retry_at=9.0, message="x"))
    assert desktop.run("status") == "Stopped"
    # A retry connecting is still the outage, not playing.
    player.set_status(PlayerStatus(PlaybackState.BUFFERING, 30, attempt=1, message="x"))
    assert desktop.run("status") == "Stopped"
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    assert desktop.run("status") == "Playing"


def test_desktop_play_during_an_outage_retries_now_and_pause_stops_trying(
    mpris: tuple[FakePlayer, Desktop, MprisService],
) -> None:
    player, desktop, _service = mpris
    player.play(STATIONS[0])
    player.set_status(PlayerStatus(PlaybackState.ERROR, attempt=1, retry_at=9.0, message="x"))
    desktop.run("play")
    assert player.requests[-1] == ("retry_now", None)
    desktop.run("play-pause")
    assert player.requests[-1] == ("retry_now", None)
    desktop.run("pause")
    assert player.requests[-1] == ("stop", None)


def test_raise_and_quit(mpris: tuple[FakePlayer, Desktop, MprisService]) -> None:
    _player, desktop, _service = mpris
    desktop.run("open", "x")  # unsupported: must not crash
    env = desktop.playerctl.env
    for method in ("Raise", "Quit"):
        thread = threading.Thread(
            target=subprocess.run,
            args=(
                [
                    "dbus-send",
                    "--session",
                    "--print-reply",
                    "--dest=org.mpris.MediaPlayer2.station_app",
                    "/org/mpris/MediaPlayer2",
                    f"org.mpris.MediaPlayer2.{method}",
                ],
            ),
            kwargs={"env": env, "capture_output": True, "timeout": 10},
        )
        thread.start()
        desktop.qtbot.waitUntil(lambda t=thread: not t.is_alive(), timeout=10_000)
    assert (desktop.raised, desktop.quit) == (1, 1)


def wait_for_line(
    qtbot: QtBot, lines: queue.Queue[str], wanted: Callable[[str], bool], timeout: int = 3000
) -> None:
    seen: list[str] = []

    def arrived() -> bool:
        while not lines.empty():
            seen.append(lines.get())
        return any(wanted(line) for line in seen)

    qtbot.waitUntil(arrived, timeout=timeout)


def test_changes_are_announced_with_properties_changed(
    qtbot: QtBot, mpris: tuple[FakePlayer, Desktop, MprisService]
) -> None:
    player, desktop, _service = mpris
    player.play(STATIONS[0])
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    with desktop.playerctl.follow("metadata", "title") as lines:
        wait_for_line(qtbot, lines, lambda line: line == "Where We Live")
        player.set_now_playing("Fresh Air")
        wait_for_line(qtbot, lines, lambda line: line == "Fresh Air")
    with desktop.playerctl.follow("status") as lines:
        wait_for_line(qtbot, lines, lambda line: line == "Playing")
        player.pause()
        wait_for_line(qtbot, lines, lambda line: line == "Paused")


def test_without_a_session_bus_the_service_stays_off(qtbot: QtBot) -> None:
    bus = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "station-app-no-bus")
    service = MprisService(FakePlayer(), STATIONS, lambda: None, lambda: None, lambda: None)
    assert service.register(bus) is False
    # Its adaptors still watch the exported object: delete it here, on the main thread,
    # before Python's collector could on another (QtDBus warns then).
    service.unregister()
    qtbot.wait(1)  # runs the deferred deletion


def dbus_send(desktop: Desktop, *call: str) -> str:
    """A call to the player as any desktop may make it, whatever playerctl would allow."""
    command = ["dbus-send", "--session", "--print-reply=literal"]
    command += ["--dest=org.mpris.MediaPlayer2.station_app", "/org/mpris/MediaPlayer2", *call]
    replies: list[str] = []
    reader = threading.Thread(
        target=lambda: replies.append(
            subprocess.run(
                command,
                env=desktop.playerctl.env,
                capture_output=True,
                text=True,
                timeout=10,
                check=True,
            ).stdout.strip()
        )
    )
    reader.start()  # in a thread: the Qt loop must keep answering the bus
    desktop.qtbot.waitUntil(lambda: not reader.is_alive(), timeout=10_000)
    return replies[0]


def property_of(desktop: Desktop, name: str) -> str:
    """One Player property as dbus-send prints it ("boolean true")."""
    return dbus_send(
        desktop,
        "org.freedesktop.DBus.Properties.Get",
        "string:org.mpris.MediaPlayer2.Player",
        f"string:{name}",
    )


def test_next_and_previous_follow_the_station_list(
    mpris: tuple[FakePlayer, Desktop, MprisService],
) -> None:
    player, desktop, service = mpris
    assert property_of(desktop, "CanGoNext").endswith("true")
    assert property_of(desktop, "CanGoPrevious").endswith("true")
    player.play(STATIONS[0])
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    service.set_stations(STATIONS[:1])  # the person removed the other station
    assert property_of(desktop, "CanGoNext").endswith("false")
    assert property_of(desktop, "CanGoPrevious").endswith("false")
    requests = len(player.requests)
    dbus_send(desktop, "org.mpris.MediaPlayer2.Player.Next")
    dbus_send(desktop, "org.mpris.MediaPlayer2.Player.Previous")
    assert player.requests[requests:] == []  # nowhere to go: the stream plays on


def test_properties_changed_tells_of_the_station_list(
    qtbot: QtBot, session_bus: str, mpris: tuple[FakePlayer, Desktop, MprisService]
) -> None:
    _player, _desktop, service = mpris
    monitor = subprocess.Popen(
        [
            "dbus-monitor",
            "--address",
            session_bus,
            "type='signal',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged'",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert monitor.stdout is not None
    lines: queue.Queue[str] = queue.Queue()
    stream = monitor.stdout
    threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True).start()
    try:
        # dbus-monitor says it is listening before anything else.
        wait_for_line(qtbot, lines, lambda line: "NameAcquired" in line or "signal" in line)
        service.set_stations(STATIONS[:1])
        wait_for_line(qtbot, lines, lambda line: '"CanGoNext"' in line, timeout=5000)
    finally:
        monitor.terminate()
        monitor.wait(timeout=10)
        stream.close()


def test_art_url_is_the_stations_picture_as_a_local_file(
    qtbot: QtBot, session_bus: str, tmp_path: Path
) -> None:
    picture = tmp_path / "wnpr.png"
    picture.write_bytes(b"\x89PNG")
    art = {"wnpr": QUrl.fromLocalFile(str(picture)).toString()}
    player = FakePlayer()
    desktop = Desktop(qtbot, Playerctl(session_bus))
    service = MprisService(
        player,
        STATIONS,
        station_to_play=lambda: STATIONS[0],
        raise_window=lambda: None,
        quit_app=lambda: None,
        art_url=lambda station: art.get(station.id, ""),
    )
    assert service.register(connect(session_bus))
    try:
        player.play(STATIONS[0])
        player.set_status(PlayerStatus(PlaybackState.PLAYING))
        url = QUrl(desktop.run("metadata", "mpris:artUrl"))
        assert url.isLocalFile() and Path(url.toLocalFile()) == picture
        player.play(STATIONS[1])  # no picture: no artUrl, the desktop shows the app's icon
        listed = desktop.run("metadata")
        assert "WEDW-FM" in listed and "mpris:artUrl" not in listed
        player.pause()
        # Paused, the player stays on the bus for the sound menu to resume it.
        assert "station_app" in desktop.run("--list-all").replace("-p station_app", "")
        assert desktop.run("status") == "Paused"
    finally:
        service.unregister()
        qtbot.wait(1)  # runs the deferred deletion
