"""The main window and each dialog: Tab follows the layout, and spoken names agree with labels."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from station_app.app import Services, build_services, build_window
from station_app.net.fetcher import Fetcher
from station_app.paths import AppPaths
from station_app.playback.fake import FakePlayer
from station_app.playback.ui.player_pane import PlayerPane
from station_app.schedule.ui.day_view import ScheduleDayDialog
from station_app.schedule.ui.strip import ScheduleStrip
from station_app.stations.model import Station
from station_app.stations.ui.add_station import AddStationDialog
from station_app.stations.ui.station_edit_dialog import StationEditDialog
from station_app.ui.main_window import MainWindow
from station_app.ui.menus import ShortcutsDialog

STATIONS = """[network]
name = "Mine"

[[feeds]]
title = "Local"
url = "http://127.0.0.1:9/local.rss"

[[feeds]]
title = "Sports"
url = "http://127.0.0.1:9/sports.rss"

[[stations]]
id = "waaa"
call_sign = "WAAA"
frequency = "90.1 FM"
streams = ["http://127.0.0.1:9/a"]
timezone = "UTC"

[[stations.schedule]]
days = "daily"
start = "00:00"
end = "12:00"
program = "Mornings"
link = "http://127.0.0.1:9/mornings"

[[stations.schedule]]
days = "daily"
start = "12:00"
end = "24:00"
program = "Afternoons"
link = "http://127.0.0.1:9/afternoons"
"""

# Shown to a screen reader as parts of their views (cells, scrolling), not as controls.
SHOWN_AS_PARTS = (QHeaderView, QScrollBar)
CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
)


@pytest.fixture
def app(
    qtbot: QtBot, user_config_dir: Path, offline_fetcher: Fetcher
) -> Iterator[tuple[Services, MainWindow]]:
    (user_config_dir / "stations.toml").write_text(STATIONS, encoding="utf-8")
    services = build_services(AppPaths.from_environment(), FakePlayer(), offline_fetcher)
    window = build_window(services)
    qtbot.addWidget(window)
    player_pane(window).select_station("waaa")
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield services, window
    services.schedule.stop()
    services.tasks.shutdown()


def name_of(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def tab_stops(qtbot: QtBot, window: QWidget, count: int, forward: bool = True) -> list[str]:
    stops = []
    for _ in range(count):
        before = QApplication.focusWidget()
        if forward:
            window.focusNextChild()
        else:
            window.focusPreviousChild()
        qtbot.waitUntil(lambda b=before: QApplication.focusWidget() is not b)  # type: ignore[misc]
        focused = QApplication.focusWidget()
        assert focused is not None
        stops.append(name_of(focused))
    return stops


def visible_words(text: str) -> str:
    """What a label shows, as words: no mnemonic, arrow, ellipsis or closing colon."""
    return re.sub(r"[^\w' ]+", " ", text.replace("&", "")).strip().lower()


def disagreements(window: QWidget) -> list[str]:
    """Controls a screen reader would call nothing, or by a name that leaves out their label."""
    found = []
    for widget in [window, *window.findChildren(QWidget)]:
        if widget.window() is not window:
            continue
        name = name_of(widget)
        if isinstance(widget, CONTROLS) and not isinstance(widget, SHOWN_AS_PARTS) and not name:
            found.append(f"{type(widget).__name__} {widget.objectName()!r} has no name")
        shown = ""
        if isinstance(widget, QAbstractButton):
            shown = widget.text()
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            widget, shown = widget.buddy(), widget.text()
            if isinstance(widget, QComboBox):
                continue  # on Linux a combo box is named by its value, labelled by relation
            name = name_of(widget)
        words = visible_words(shown)
        if len(re.sub(r"\W", "", words)) > 1 and words not in visible_words(name):
            found.append(f"{type(widget).__name__} shows {shown!r} but is called {name!r}")
    return found


def player_pane(window: MainWindow) -> PlayerPane:
    pane = window.splitter.widget(0)
    assert isinstance(pane, PlayerPane)
    return pane


def test_tab_goes_down_the_player_the_stations_then_the_news(
    qtbot: QtBot, app: tuple[Services, MainWindow]
) -> None:
    _services, window = app
    strip = window.findChild(ScheduleStrip)
    assert strip is not None
    qtbot.waitUntil(lambda: strip.day_button.isVisible() and strip.day_button.isEnabled())
    player_pane(window).bar.play_button.setFocus()
    expected = [
        "Sleep timer: off",
        "Mute",
        "Volume",
        "Add station…",
        "Stations",
        "All feeds",  # the news filter, labelled "Show:"
        "Refresh",  # offline: the headlines wait for the news
        "Day schedule…",  # On Now and Next Up sit above the play controls
        "Play",
    ]
    assert tab_stops(qtbot, window, len(expected)) == expected
    assert tab_stops(qtbot, window, 3, forward=False) == ["Day schedule…", "Refresh", "All feeds"]


def test_the_window_opens_with_the_focus_on_play(app: tuple[Services, MainWindow]) -> None:
    _services, window = app
    assert QApplication.focusWidget() is player_pane(window).bar.play_button


def test_the_main_window_names_every_control_as_its_label_reads(
    app: tuple[Services, MainWindow],
) -> None:
    _services, window = app
    assert disagreements(window) == []


def test_add_station_tabs_from_the_tabs_through_the_page_to_close(
    qtbot: QtBot, app: tuple[Services, MainWindow]
) -> None:
    _services, window = app
    add = next(b for b in window.findChildren(QAbstractButton) if b.text() == "&Add station…")
    add.click()
    dialog = window.findChild(AddStationDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    assert name_of(QApplication.focusWidget()) == "Search the station directory"  # type: ignore[arg-type]
    expected = [
        "Type a station's name or call sign, for example WNPR.",  # the state line
        "Close",
        "Search the directory",  # the tabs
        "Search the station directory",
    ]
    assert tab_stops(qtbot, dialog, len(expected)) == expected
    assert disagreements(dialog) == []
    clear = dialog.search_tab.query.findChildren(QAbstractButton)
    assert [name_of(button) for button in clear] == ["Clear the search"]
    dialog.tabs.setCurrentWidget(dialog.website_tab)
    assert disagreements(dialog) == []
    dialog.website_tab.address.setFocus()
    assert tab_stops(qtbot, dialog, 8) == [
        "Look",
        "Paste the address of a station's website, then press Look.",
        "Call sign or name of the new station",  # Add station waits for a name and a stream
        "Frequency of the new station",
        "City of the new station",
        "Close",
        "From a website",
        "Home page of the station",
    ]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen
def test_the_day_view_tabs_in_the_order_it_shows(
    qtbot: QtBot, app: tuple[Services, MainWindow]
) -> None:
    _services, window = app
    strip = window.findChild(ScheduleStrip)
    assert strip is not None
    qtbot.waitUntil(lambda: strip.day_button.isEnabled())
    dialog = strip.open_day_view()
    assert isinstance(dialog, ScheduleDayDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    # Open program page takes part only for a program with a page: every program on
    # now has one here, whatever the time of day the test runs.
    qtbot.waitUntil(lambda: dialog.list.currentIndex().isValid())
    assert dialog.open_button.isEnabled()
    dialog.previous_button.setFocus()
    expected = ["Today", "Next day", "Programs", "Open program page", "Close", "Previous day"]
    assert tab_stops(qtbot, dialog, len(expected)) == expected
    assert disagreements(dialog) == []


def test_the_station_editor_and_the_shortcuts_name_their_fields_as_labelled(
    qtbot: QtBot,
) -> None:
    station = Station("waaa", "WAAA", "90.1 FM", "Here", ("http://127.0.0.1:9/a",), None, "UTC")
    dialogs: list[QDialog] = [StationEditDialog(station), ShortcutsDialog()]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert disagreements(dialog) == [], dialog.windowTitle()
    editor = dialogs[0]
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    assert isinstance(editor, StationEditDialog)
    editor.call_sign.setFocus()
    assert tab_stops(qtbot, editor, 5) == [
        "Frequency",
        "City",
        "Streams, one address a line, tried in order",
        "Schedule address",
        "Save",
    ]
