"""The window's Playback menu: the sleep timer with the program on now, and Played titles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from station_app.app import Services, build_services, build_window
from station_app.net.fetcher import Fetcher
from station_app.paths import AppPaths
from station_app.playback.fake import FakePlayer
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.playback.ui.played_titles import PlayedTitlesDialog
from station_app.playback.ui.sleep_timer import SleepTimerButton, SleepTimerMenu
from station_app.ui.main_window import MainWindow
from station_app.ui.menus import SHORTCUTS

# Two programs a day, every day: whatever the hour, the end of the one on now is known.
STATIONS = """[network]
name = "Mine"

[[stations]]
id = "waaa"
call_sign = "WAAA"
streams = ["http://127.0.0.1:9/a"]
timezone = "America/New_York"

[[stations.schedule]]
days = "daily"
start = "00:00"
end = "12:00"
program = "Before Noon"

[[stations.schedule]]
days = "daily"
start = "12:00"
end = "24:00"
program = "After Noon"
"""

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


@pytest.fixture
def app(
    qtbot: QtBot, user_config_dir: Path, offline_fetcher: Fetcher
) -> Iterator[tuple[Services, MainWindow, FakePlayer]]:
    (user_config_dir / "stations.toml").write_text(STATIONS, encoding="utf-8")
    player = FakePlayer()
    services = build_services(AppPaths.from_environment(), player, offline_fetcher)
    window = build_window(services)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield services, window, player
    services.sleep_timer.cancel()
    services.schedule.stop()
    services.tasks.shutdown()


def menu_titled(window: MainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        menu = action.menu()
        if action.text().replace("&", "") == title and isinstance(menu, QMenu):
            return menu
    raise AssertionError(f"no {title} menu")


def test_playback_sits_between_station_and_news(
    app: tuple[Services, MainWindow, FakePlayer],
) -> None:
    _services, window, _player = app
    titles = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert titles.index("Station") + 1 == titles.index("Playback") == titles.index("News") - 1
    playback = menu_titled(window, "Playback")
    sleep, played = playback.actions()
    assert isinstance(sleep.menu(), SleepTimerMenu) and sleep.text() == "Sleep &timer"
    assert played.text() == "&Played titles…"
    assert played.shortcut().toString() == "Ctrl+H"
    keys = {key for row in SHORTCUTS for key in row.keys}
    assert {"Ctrl+T", "Ctrl+H"} <= keys


def test_the_sleep_timer_offers_the_end_of_the_program_on_now(
    qtbot: QtBot, app: tuple[Services, MainWindow, FakePlayer]
) -> None:
    services, window, player = app
    player.play(services.stations.config.stations[0])
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    sleep = menu_titled(window, "Playback").actions()[0].menu()
    assert isinstance(sleep, SleepTimerMenu)
    zone = ZoneInfo("America/New_York")
    now = datetime.now(zone)
    if now.hour < 12:
        program, end = "Before Noon", datetime.combine(now.date(), time(12), zone)
    else:
        program, end = "After Noon", datetime.combine(now.date() + timedelta(days=1), time(), zone)
    qtbot.waitUntil(lambda: services.schedule.current_program_name == program)
    sleep.aboutToShow.emit()
    assert sleep.program_action.text() == f"At the &end of {program}"
    sleep.program_action.trigger()
    remaining = services.sleep_timer.remaining()
    assert remaining is not None
    assert abs(remaining - (end - datetime.now(zone)).total_seconds()) < 5
    button = window.findChild(SleepTimerButton)
    assert button is not None
    assert button.accessibleName().startswith(
        f"Sleep timer: Playback stops at the end of {program}, in"
    )


def test_ctrl_h_opens_played_titles_with_what_was_played(
    qtbot: QtBot, app: tuple[Services, MainWindow, FakePlayer]
) -> None:
    services, window, player = app
    player.play(services.stations.config.stations[0])
    player.set_now_playing("Miles Davis - So What")
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(PlayedTitlesDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.current_title() == "Miles Davis - So What"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.list)
    dialog.close()
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.findChildren(PlayedTitlesDialog) == [dialog], "one window, brought up again"
