"""The tray icon's menu, tooltip and clicks, following the player."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget
from pytestqt.qtbot import QtBot

from station_app.desktop.ui.tray import INLINE_STATIONS, StationTray, listening_lines
from station_app.playback.fake import FakePlayer
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.stations.model import Station


def station(station_id: str, frequency: str = "90.5 FM") -> Station:
    return Station(
        station_id, station_id.upper(), frequency, "", ("http://127.0.0.1:9/",), None, "UTC"
    )


STATIONS = (station("wnpr"), station("wedw", "88.5 FM"), station("wpkt", "89.1 FM"))


class Tray:
    def __init__(self, qtbot: QtBot) -> None:
        self.player = FakePlayer()
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.toggles = 0
        self.quits = 0
        self.program = "All Things Considered"
        self.selected: Station | None = None
        self.sleep_menu = QMenu("Sleep &timer")
        self.sleep_menu.addAction("In 30 minutes")

    def toggle(self) -> None:
        self.toggles += 1
        self.player.toggle()

    def quit(self) -> None:
        self.quits += 1

    def make(self, stations: tuple[Station, ...] = STATIONS, sleep: bool = False) -> StationTray:
        self.tray = StationTray(
            self.player,
            stations,
            self.window,
            toggle_playback=self.toggle,
            quit_app=self.quit,
            program_name=lambda: self.program,
            station_to_play=lambda: self.selected,
            sleep_timer=self.sleep_menu if sleep else None,
        )
        return self.tray


@pytest.fixture
def tray(qtbot: QtBot) -> Iterator[Tray]:
    made = Tray(qtbot)
    yield made
    if hasattr(made, "tray"):
        made.tray.remove()


def texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]


def action(menu: QMenu, text: str) -> QAction:
    return next(a for a in menu.actions() if a.text() == text)


def test_lines_say_the_station_its_state_the_title_and_on_now() -> None:
    playing = PlayerStatus(PlaybackState.PLAYING)
    assert listening_lines(STATIONS[0], playing, "Take Five", "Jazz Tonight") == [
        "WNPR 90.5 FM — playing",
        "Take Five",
        "On Now: Jazz Tonight",
    ]
    assert listening_lines(STATIONS[0], PlayerStatus(PlaybackState.PAUSED), "", "") == [
        "WNPR 90.5 FM — paused"
    ]
    retrying = PlayerStatus(PlaybackState.RECONNECTING, attempt=1, retry_at=3.0)
    assert listening_lines(STATIONS[0], retrying, "", "")[0].endswith("reconnecting")
    assert listening_lines(None, PlayerStatus(), "", "")[1] == "Pick a station to play"


def test_the_menu_follows_the_player(tray: Tray) -> None:
    made = tray.make()
    menu = made.menu
    assert texts(menu)[:2] == ["Station App", "Play"]
    assert not action(menu, "Play").isEnabled()  # nothing tuned or picked yet
    tray.selected = STATIONS[0]
    made.refresh()
    assert texts(menu)[:3] == ["WNPR 90.5 FM — stopped", "On Now: All Things Considered", "Play"]
    assert action(menu, "Play").isEnabled()  # plays the station picked in the window
    assert not any(a.isChecked() for a in menu.actions())  # picked, not tuned
    tray.player.play(STATIONS[1])
    tray.player.set_status(PlayerStatus(PlaybackState.PLAYING))
    tray.player.set_now_playing("Take Five")
    assert texts(menu) == [
        "WEDW 88.5 FM — playing",
        "Take Five",
        "On Now: All Things Considered",
        "Pause",
        "WNPR 90.5 FM",
        "WEDW 88.5 FM",
        "WPKT 89.1 FM",
        "Show window",  # the test's window was never shown
        "Quit",
    ]
    checked = [a.text() for a in menu.actions() if a.isCheckable() and a.isChecked()]
    assert checked == ["WEDW 88.5 FM"]
    assert made.icon.toolTip() == "WEDW 88.5 FM — playing\nTake Five\nOn Now: All Things Considered"


def test_menu_items_play_pause_switch_and_quit(tray: Tray) -> None:
    made = tray.make()
    menu = made.menu
    action(menu, "WPKT 89.1 FM").trigger()
    assert tray.player.requests[-1] == ("play", "wpkt")
    assert action(menu, "WPKT 89.1 FM").isChecked()
    action(menu, "Pause").trigger()
    assert tray.player.status.state is PlaybackState.PAUSED
    assert texts(menu)[0] == "WPKT 89.1 FM — paused"
    action(menu, "Play").trigger()
    assert tray.toggles == 2
    action(menu, "Quit").trigger()
    assert tray.quits == 1


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen
def test_a_click_plays_and_pauses_and_a_middle_click_shows_the_window(
    qtbot: QtBot, tray: Tray
) -> None:
    made = tray.make()
    tray.player.play(STATIONS[0])
    tray.player.set_status(PlayerStatus(PlaybackState.PLAYING))
    made.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert tray.player.requests[-1] == ("pause", None)
    made.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert tray.player.requests[-1] == ("resume", None)
    made.icon.activated.emit(QSystemTrayIcon.ActivationReason.MiddleClick)
    qtbot.waitUntil(tray.window.isVisible)
    assert action(made.menu, "Hide window").isEnabled()
    action(made.menu, "Hide window").trigger()
    assert not tray.window.isVisible()
    assert texts(made.menu)[-2] == "Show window"


def test_the_station_list_follows_edits_and_many_stations_go_into_a_submenu(
    tray: Tray,
) -> None:
    made = tray.make()
    made.set_stations(STATIONS[:1])
    assert "WEDW 88.5 FM" not in texts(made.menu)
    many = tuple(station(f"w{number:03}", f"{88 + number / 10:.1f} FM") for number in range(12))
    assert len(many) > INLINE_STATIONS
    made.set_stations(many)
    submenu = action(made.menu, "Stations").menu()
    assert isinstance(submenu, QMenu)
    assert len(texts(submenu)) == 12
    made.set_stations(STATIONS)
    assert "Stations" not in texts(made.menu)
    assert "WPKT 89.1 FM" in texts(made.menu)


def test_the_sleep_timer_menu_sits_between_the_stations_and_the_window(tray: Tray) -> None:
    made = tray.make(sleep=True)
    assert made.sleep_menu is tray.sleep_menu
    assert texts(made.sleep_menu) == ["In 30 minutes"]
    # Stations go before it, the window's items after.
    labels = [label.replace("&", "") for label in texts(made.menu)]
    assert labels.index("WPKT 89.1 FM") < labels.index("Sleep timer") < labels.index("Quit")
    made.set_stations(STATIONS[:2])
    labels = [label.replace("&", "") for label in texts(made.menu)]
    assert labels.index("WEDW 88.5 FM") < labels.index("Sleep timer")
