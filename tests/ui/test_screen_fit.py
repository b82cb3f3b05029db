"""Windows open no bigger than the screen (the offscreen screen is 800x800)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from station_app.ui.main_window import MainWindow
from station_app.ui.menus import ShortcutsDialog


def test_main_window_and_dialogs_fit_a_small_screen(qtbot: QtBot) -> None:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    available = screen.availableGeometry()
    assert available.width() < 1100  # smaller than what the window would like
    window = MainWindow("Mine", QLabel("player"), QLabel("news"))
    qtbot.addWidget(window)
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    for widget in (window, dialog):
        assert widget.width() <= available.width() and widget.height() <= available.height()
