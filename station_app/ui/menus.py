"""The window's menu bar (File, Station, News, Help) and the Help menu's windows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station_app import APP_DISPLAY_NAME, __version__
from station_app.ui.accessibility.focus_look import show_focus
from station_app.ui.accessibility.names import name_menu_overflow
from station_app.ui.accessibility.tab_order import follow_layout
from station_app.ui.screen_fit import resize_within_screen

# What the keys do, in the words of the README; the dialog lists them in this order.
SHORTCUTS = (
    ("Space", "Play or pause"),
    ("Enter", "Play the selected station, or open the selected article"),
    ("Ctrl+1 … Ctrl+9", "Play station 1 to 9"),
    ("Ctrl+Up / Ctrl+Down", "Volume up / down"),
    ("Ctrl+M", "Mute or unmute"),
    ("Ctrl+T", "Sleep timer: stop playing after a while"),
    ("Ctrl+H", "Played titles: what the stations played"),
    ("Alt+S", "Go to the station list"),
    ("Menu key", "Edit, remove or move the selected station"),
    ("F5", "Refresh the news"),
    ("Escape or Alt+Left", "Back from an article to the headlines"),
    ("Ctrl+plus / Ctrl+minus", "Larger or smaller article text"),
    ("Ctrl+N", "Add a station"),
    ("F1", "This list of keyboard shortcuts"),
    ("Ctrl+Q", "Quit"),
)


def build_menu_bar(
    window: QMainWindow,
    station_menu: QMenu,
    refresh: QAction,
    add_station: Callable[[], None],
) -> None:
    """File (Add station, Quit), Station (the selected one), News (Refresh), Help."""
    bar = window.menuBar()
    name_menu_overflow(bar)
    file_menu = bar.addMenu("&File")
    add = file_menu.addAction("&Add station…")
    add.setShortcut(QKeySequence("Ctrl+N"))
    add.triggered.connect(add_station)
    file_menu.addSeparator()
    quit_action = file_menu.addAction("&Quit")
    quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    quit_action.triggered.connect(window.close)  # saves what the window shows, then ends
    bar.addMenu(station_menu)
    news_menu = bar.addMenu("&News")
    news_menu.addAction(refresh)
    help_menu = bar.addMenu("&Help")
    for menu in (file_menu, station_menu, news_menu, help_menu):
        # Spoken as the menu bar shows it (an open menu is otherwise named after the app).
        menu.setAccessibleName(menu.title().replace("&", ""))
    keys = help_menu.addAction("&Keyboard shortcuts")
    keys.setShortcut(QKeySequence(Qt.Key.Key_F1))
    keys.triggered.connect(lambda: ShortcutsDialog(window).open())
    about = help_menu.addAction(f"&About {APP_DISPLAY_NAME}")
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(lambda: show_about(window))


def add_playback_menu(window: QMainWindow, sleep_timer: QMenu, *actions: QAction) -> QMenu:
    """Playback (the Sleep timer, then `actions`), placed before the News menu."""
    bar = window.menuBar()
    menu = QMenu("&Playback", bar)
    menu.setAccessibleName("Playback")
    menu.addMenu(sleep_timer)
    menu.addActions(list(actions))
    news = next((a for a in bar.actions() if a.text() == "&News"), None)
    if news is not None:
        bar.insertMenu(news, menu)
    else:
        bar.addMenu(menu)
    return menu


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut, as a two-column list a screen reader reads row by row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.table = QTreeWidget()
        show_focus(self.table)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHeaderLabels(["Keys", "What they do"])
        self.table.setRootIsDecorated(False)
        self.table.setAllColumnsShowFocus(True)
        items = [QTreeWidgetItem([keys, meaning]) for keys, meaning in SHORTCUTS]
        self.table.addTopLevelItems(items)
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setCurrentItem(items[0])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        follow_layout(self)
        resize_within_screen(self, 560, 420)


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        f"About {APP_DISPLAY_NAME}",
        f"<h3>{APP_DISPLAY_NAME} {__version__}</h3>"
        "<p>Your public radio station's live stream, schedule and news in one window.</p>"
        "<p>Station search by the community directory radio-browser.info. "
        "Playback by VLC. MIT license.</p>",
    )
