"""The menus' windows: the keyboard shortcuts list is complete, About says what runs."""

from __future__ import annotations

import platform
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from station_app import APP_WEBSITE, __version__
from station_app.app import Services, build_services, build_window
from station_app.net.fetcher import Fetcher
from station_app.news.ui.panel import NewsPanel
from station_app.paths import AppPaths
from station_app.playback.fake import FakePlayer
from station_app.ui.main_window import MainWindow
from station_app.ui.menus import SHORTCUTS, ShortcutsDialog, show_about

METAINFO = (
    Path(__file__).resolve().parents[2]
    / "packaging"
    / "io.github.station_app.StationApp.metainfo.xml"
)
STATIONS = """[network]
name = "Mine"

[[stations]]
id = "waaa"
call_sign = "WAAA"
streams = ["http://127.0.0.1:9/a"]
"""


class LibVlcPlayer(FakePlayer):
    @property
    def backend_version(self) -> str:
        return "libVLC 3.0.99 Test"


@pytest.fixture
def window(qtbot: QtBot, user_config_dir: Path, offline_fetcher: Fetcher) -> Iterator[MainWindow]:
    (user_config_dir / "stations.toml").write_text(STATIONS, encoding="utf-8")
    services: Services = build_services(
        AppPaths.from_environment(), LibVlcPlayer(), offline_fetcher
    )
    built = build_window(services)
    qtbot.addWidget(built)
    yield built
    services.schedule.stop()
    services.tasks.shutdown()


def listed_keys() -> set[str]:
    portable = QKeySequence.SequenceFormat.PortableText
    return {QKeySequence(keys).toString(portable) for row in SHORTCUTS for keys in row.keys}


def test_every_shortcut_the_window_has_is_listed(window: MainWindow) -> None:
    news = window.splitter.widget(1)
    assert isinstance(news, NewsPanel)
    _ = news.reader  # the article reader's keys exist once an article opens
    portable = QKeySequence.SequenceFormat.PortableText
    found: dict[str, str] = {}
    widgets: list[QWidget] = [window, *window.findChildren(QWidget)]
    for widget in widgets:
        for action in widget.actions():
            for keys in action.shortcuts():
                found[keys.toString(portable)] = action.text()
    for shortcut in window.findChildren(QShortcut):
        found[shortcut.key().toString(portable)] = repr(shortcut.parent())
    assert "Ctrl+," in found and "Ctrl+Q" in found and "F1" in found
    missing = {keys: owner for keys, owner in found.items() if keys not in listed_keys()}
    assert missing == {}, "shortcuts missing from the Keyboard shortcuts list"


def test_the_shortcuts_dialog_lists_preferences_and_quit(qtbot: QtBot) -> None:
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    rows = {
        dialog.table.topLevelItem(row).text(0): dialog.table.topLevelItem(row).text(1)  # type: ignore[union-attr]
        for row in range(dialog.table.topLevelItemCount())
    }
    assert rows["Ctrl+,"] == "Preferences"
    assert rows["Ctrl+Q"] == "Quit"
    assert rows["Ctrl+1 … Ctrl+9"] == "Play station 1 to 9"
    assert rows["F1"] == "This list of keyboard shortcuts"
    assert all(keys and meaning for keys, meaning in rows.items())


def test_about_names_the_version_audio_qt_licence_and_website(
    qtbot: QtBot, window: MainWindow
) -> None:
    about = next(a for a in window.findChildren(QAction) if a.text() == "&About Station App")
    about.trigger()
    box = window.findChild(QMessageBox)
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert box.text() == f"Station App {__version__}"
    lines = box.informativeText().splitlines()
    assert "Audio: libVLC 3.0.99 Test" in lines
    assert (
        f"Qt {qVersion()} (PySide6 {PySide6.__version__}), Python {platform.python_version()}"
        in lines
    )
    assert "License: MIT" in lines
    assert f"Website: {APP_WEBSITE}" in lines
    labels = {label.objectName(): label for label in box.findChildren(QLabel)}
    assert not labels["qt_msgbox_informativelabel"].wordWrap()  # the address stays whole
    buttons = [button.text() for button in box.findChildren(QPushButton)]
    assert sorted(buttons) == ["Close", "Open the &website"]
    box.reject()


def test_about_says_when_libvlc_is_not_available(qtbot: QtBot) -> None:
    from station_app.playback.unavailable import UnavailablePlayer

    parent = QWidget()
    qtbot.addWidget(parent)
    player = UnavailablePlayer("Playback needs VLC (libVLC), which could not be loaded")
    box = show_about(parent, player.backend_version)
    assert "Audio: libVLC is not available" in box.informativeText().splitlines()
    box.reject()


def test_the_website_is_the_one_the_metainfo_names() -> None:
    homepage = ElementTree.parse(METAINFO).getroot().find("url[@type='homepage']")
    assert homepage is not None and homepage.text == APP_WEBSITE
