"""The window's menu bar (File, Station, News, Help) and the Help menu's windows."""

from __future__ import annotations

import platform
from collections.abc import Callable
from dataclasses import dataclass

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station_app import APP_DISPLAY_NAME, APP_WEBSITE, __version__
from station_app.ui.accessibility.focus_look import show_focus
from station_app.ui.accessibility.names import name_menu_overflow
from station_app.ui.accessibility.tab_order import follow_layout
from station_app.ui.screen_fit import resize_within_screen


@dataclass(frozen=True)
class Shortcut:
    """A row of the shortcuts list: what the keys do, and the keys.

    `keys` are the key sequences behind the row (as Qt writes them), so a test
    can check that every shortcut the window has is listed; `shown` is how the
    row writes them, when the keys alone would read badly.
    """

    meaning: str
    keys: tuple[str, ...]
    shown: str = ""

    @property
    def keys_text(self) -> str:
        if self.shown:
            return self.shown
        native = QKeySequence.SequenceFormat.NativeText
        return " / ".join(QKeySequence(keys).toString(native) for keys in self.keys)


# What the keys do, in the words of the README; the dialog lists them in this order.
SHORTCUTS = (
    Shortcut("Play or pause", ("Space",)),
    Shortcut("Play the selected station, or open the selected article", ("Return",), shown="Enter"),
    Shortcut(
        "Play station 1 to 9",
        tuple(f"Ctrl+{number}" for number in range(1, 10)),
        shown="Ctrl+1 … Ctrl+9",
    ),
    Shortcut("Volume up / down", ("Ctrl+Up", "Ctrl+Down")),
    Shortcut("Mute or unmute", ("Ctrl+M",)),
    Shortcut("Sleep timer: stop playing after a while", ("Ctrl+T",)),
    Shortcut("Played titles: what the stations played", ("Ctrl+H",)),
    Shortcut("Go to the station list", ("Alt+S",)),
    Shortcut("Edit, remove or move the selected station", ("Menu",), shown="Menu key"),
    Shortcut("Add a station", ("Ctrl+N",)),
    Shortcut("Refresh the news", ("F5", "Refresh"), shown="F5"),
    Shortcut(
        "Back from an article to the headlines",
        ("Esc", "Alt+Left", "Backspace", "Back"),
        shown="Escape, Alt+Left or Backspace",
    ),
    Shortcut(
        "Larger or smaller article text",
        ("Ctrl++", "Ctrl+=", "Ctrl+-", "Zoom In", "Zoom Out"),
        shown="Ctrl+plus / Ctrl+minus",
    ),
    Shortcut("Article text at its usual size", ("Ctrl+0",)),
    Shortcut("Move to the next or previous control", ("Tab", "Shift+Tab"), shown="Tab / Shift+Tab"),
    Shortcut(
        "Open a menu, or press the button with that letter",
        (),
        shown="Alt + the underlined letter",
    ),
    Shortcut("Preferences", ("Ctrl+,",)),
    Shortcut("This list of keyboard shortcuts", ("F1",)),
    Shortcut("Quit", ("Ctrl+Q",)),
)


def build_menu_bar(
    window: QMainWindow,
    station_menu: QMenu,
    refresh: QAction,
    add_station: Callable[[], None],
    preferences: Callable[[], None] | None = None,
    audio_backend: str = "",
) -> None:
    """File (Add station, Preferences, Quit), Station (the selected one), News (Refresh), Help.

    `audio_backend` names what plays the audio and its version, for About.
    """
    bar = window.menuBar()
    name_menu_overflow(bar)
    file_menu = bar.addMenu("&File")
    add = file_menu.addAction("&Add station…")
    add.setShortcut(QKeySequence("Ctrl+N"))
    add.triggered.connect(add_station)
    if preferences is not None:
        settings = file_menu.addAction("&Preferences…")
        settings.setShortcut(QKeySequence("Ctrl+,"))
        settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings.triggered.connect(preferences)
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
    about.triggered.connect(lambda: show_about(window, audio_backend))


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
        items = [QTreeWidgetItem([row.keys_text, row.meaning]) for row in SHORTCUTS]
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


def about_lines(audio_backend: str) -> list[str]:
    """What About says under the name and version: what it is, what plays the audio, the
    versions it runs on, its licence and website, one fact a line."""
    lines = [
        "Your public radio station's live stream, schedule and news in one window.",
        "",
    ]
    if audio_backend:
        lines.append(f"Audio: {audio_backend}")
    lines.append(
        f"Qt {qVersion()} (PySide6 {PySide6.__version__}), Python {platform.python_version()}"
    )
    lines.append("License: MIT")
    lines.append(f"Website: {APP_WEBSITE}")
    lines.append("Station search by the community directory radio-browser.info.")
    return lines


def show_about(parent: QWidget, audio_backend: str = "") -> QMessageBox:
    """About, as a message box a screen reader reads whole; plain text, so every line is
    read and can be selected with the keyboard and copied."""
    box = QMessageBox(parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowTitle(f"About {APP_DISPLAY_NAME}")
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"{APP_DISPLAY_NAME} {__version__}")
    box.setInformativeText("\n".join(about_lines(audio_backend)))
    heading = box.findChild(QLabel, "qt_msgbox_label")  # Qt's own names for its labels
    if heading is not None:
        bold = heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        heading.setFont(bold)
    details = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if details is not None:
        details.setWordWrap(False)  # short lines; an address is not broken in two
    box.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    website = box.addButton("Open the &website", QMessageBox.ButtonRole.ActionRole)
    close = box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    url = QUrl(APP_WEBSITE)
    website.clicked.connect(lambda: QDesktopServices.openUrl(url))
    box.open()
    return box
