"""The main window: player on one side of a splitter, news on the other."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from station_app import APP_DISPLAY_NAME
from station_app.ui.accessibility.tab_order import follow_layout
from station_app.ui.screen_fit import resize_within_screen


def placeholder(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    label.setEnabled(False)
    return label


class MainWindow(QMainWindow):
    """Top-level window. It holds the panes it is given and lays them out.

    Signals: closing() just before the window closes (or hides in the tray), to save
    what it shows.
    """

    closing = Signal()

    def __init__(
        self,
        network_name: str,
        player_pane: QWidget,
        news_pane: QWidget,
        notice: QWidget | None = None,
    ) -> None:
        super().__init__()
        self.set_network_name(network_name)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(player_pane)
        self.splitter.addWidget(news_pane)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([440, 660])  # until the person's own layout is restored
        central = QWidget()
        self._layout = layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        if notice is not None:
            layout.addWidget(notice)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        follow_layout(self)
        resize_within_screen(self, 1100, 700)
        self._keeps_running: Callable[[], bool] | None = None

    def set_network_name(self, network_name: str) -> None:
        self.setWindowTitle(f"{network_name} — {APP_DISPLAY_NAME}")

    def add_notice(self, notice: QWidget) -> None:
        """Shows a message bar above both panes (after the config notice, if any)."""
        self._layout.insertWidget(self._layout.indexOf(self.splitter), notice)

    def keep_running_when_closed(self, ask: Callable[[], bool]) -> None:
        """When the person closes the window, `ask` decides whether the app goes on
        without it (playing in the tray): True hides the window instead of closing it.

        Quit (the menu, Ctrl+Q, the tray, the desktop's media controls) closes
        the window from the program and always ends the app.
        """
        self._keeps_running = ask

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        by_person = event.spontaneous()  # the window manager's close, not Quit
        if by_person and self._keeps_running is not None and self._keeps_running():
            event.ignore()
            self.hide()
            return
        super().closeEvent(event)
