"""The app in the system tray: play and pause, the stations, what is on, the window, Quit.

QSystemTrayIcon speaks StatusNotifierItem over D-Bus where the desktop runs a
StatusNotifierWatcher (KDE, GNOME with the AppIndicator extension, most
panels), else the older XEmbed tray; without either there is no tray, and
closing the window quits as it always did.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QActionGroup, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from station_app import APP_DISPLAY_NAME, APP_ID
from station_app.playback.base import Player
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.resources import app_icon_file
from station_app.stations.model import Station

INLINE_STATIONS = 10  # more than this go into a Stations submenu


def tray_icon() -> QIcon:
    """The theme's symbolic icon when the app is installed (the panel recolours it), else
    the app's own colour icon, which reads on light and dark panels alike."""
    themed = QIcon.fromTheme(f"{APP_ID}-symbolic")
    return themed if not themed.isNull() else QIcon(str(app_icon_file()))


def state_words(status: PlayerStatus) -> str:
    if status.is_retrying:
        return "reconnecting"
    if status.state is PlaybackState.PLAYING:
        return "playing"
    if status.is_active:
        return "connecting"
    if status.state is PlaybackState.PAUSED:
        return "paused"
    return "stopped"


def listening_lines(
    station: Station | None, status: PlayerStatus, title: str, program: str
) -> list[str]:
    """ "WNPR 90.5 FM — playing", the stream's title, "On Now: …": the tooltip's lines."""
    if station is None:
        return [APP_DISPLAY_NAME, "Pick a station to play"]
    lines = [f"{station.display_name} — {state_words(status)}"]
    if title:
        lines.append(title)
    if program:
        lines.append(f"On Now: {program}")
    return lines


class StationTray(QObject):
    """The tray icon and its menu, following the player.

    A click plays or pauses; a middle click shows or hides the window. The
    menu says what is playing, offers Play/Pause, the stations (the tuned one
    checked), the sleep timer when one is given, Show/Hide window and Quit.
    """

    def __init__(
        self,
        player: Player,
        stations: tuple[Station, ...],
        window: QWidget,
        toggle_playback: Callable[[], None],
        quit_app: Callable[[], None],
        program_name: Callable[[], str] = lambda: "",
        station_to_play: Callable[[], Station | None] = lambda: None,
        sleep_timer: QMenu | None = None,
        icon: QIcon | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._window = window
        self._toggle_playback = toggle_playback
        self._program_name = program_name
        self._station_to_play = station_to_play
        self.icon = QSystemTrayIcon(icon or tray_icon(), self)
        self.menu = QMenu()
        self.menu.setAccessibleName(APP_DISPLAY_NAME)
        self.now_action = self.menu.addAction("")
        self.now_action.setEnabled(False)
        # The stream's title and On Now, each on a line of its own when known.
        self.detail_actions = [self.menu.addAction(""), self.menu.addAction("")]
        for detail in self.detail_actions:
            detail.setEnabled(False)
        self.play_action = self.menu.addAction("Play")
        self.play_action.triggered.connect(toggle_playback)
        self.menu.addSeparator()  # the stations go after this
        self._station_group = QActionGroup(self)
        self._station_group.setExclusive(True)
        self._station_items: list[QAction] = []
        self._station_menu: QMenu | None = None
        # The playback feature's own Sleep timer menu, which keeps itself current.
        self.sleep_menu = sleep_timer
        if sleep_timer is not None:
            self.menu.addMenu(sleep_timer)
        self._windows_start = self.menu.addSeparator()
        self.window_action = self.menu.addAction("Hide window")
        self.window_action.triggered.connect(self.toggle_window)
        quit_action = self.menu.addAction("Quit")
        quit_action.triggered.connect(quit_app)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.menu.aboutToShow.connect(self.refresh)
        window.installEventFilter(self)
        for signal in (player.status_changed, player.station_changed, player.now_playing_changed):
            signal.connect(self.refresh)
        self.set_stations(stations)

    @staticmethod
    def available() -> bool:
        """The desktop shows tray icons now."""
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def show_message(self, title: str, text: str) -> None:
        """A balloon from the tray (for desktops without a notification service)."""
        self.icon.showMessage(title, text, self.icon.icon())

    def set_stations(self, stations: tuple[Station, ...]) -> None:
        for action in self._station_items:
            self._station_group.removeAction(action)
            self.menu.removeAction(action)
            action.deleteLater()
        self._station_items = []
        if self._station_menu is not None:
            self.menu.removeAction(self._station_menu.menuAction())
            self._station_menu.deleteLater()
            self._station_menu = None
        host = self.menu
        after_stations = (
            self._windows_start if self.sleep_menu is None else self.sleep_menu.menuAction()
        )
        before: QAction | None = after_stations
        if len(stations) > INLINE_STATIONS:
            self._station_menu = host = QMenu("Stations")
            self.menu.insertMenu(after_stations, host)
            before = None
        for station in stations:
            action = QAction(station.display_name, host)
            action.setCheckable(True)
            action.setData(station.id)
            action.triggered.connect(lambda _checked=False, s=station: self._player.play(s))
            self._station_group.addAction(action)
            if before is None:
                host.addAction(action)
            else:
                host.insertAction(before, action)
            self._station_items.append(action)
        self.refresh()

    def refresh(self) -> None:
        """Menu texts, the tuned station's mark and the tooltip, as things are now."""
        player = self._player
        tuned, status = player.station, player.status
        # Nothing tuned yet: Play plays the station picked in the window.
        station = tuned or self._station_to_play()
        program = self._program_name() if station is not None else ""
        lines = listening_lines(station, status, player.now_playing, program)
        self.now_action.setText(lines[0])
        details = lines[1:] if station is not None else []
        for number, detail in enumerate(self.detail_actions):
            text = details[number] if number < len(details) else ""
            detail.setText(text)
            detail.setVisible(bool(text))
        if status.is_retrying:
            self.play_action.setText("Stop trying")
        elif status.is_active:
            self.play_action.setText("Pause")
        else:
            self.play_action.setText("Play")
        self.play_action.setEnabled(station is not None)
        for action in self._station_items:
            action.setChecked(tuned is not None and action.data() == tuned.id)
        shown = self._window.isVisible() and not self._window.isMinimized()
        self.window_action.setText("Hide window" if shown else "Show window")
        self.icon.setToolTip("\n".join(lines))

    def toggle_window(self) -> None:
        window = self._window
        if window.isVisible() and not window.isMinimized():
            window.hide()
        else:
            window.showNormal()
            window.raise_()
            window.activateWindow()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self._toggle_playback()
        elif reason is QSystemTrayIcon.ActivationReason.MiddleClick:
            self.toggle_window()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in (
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.WindowStateChange,
        ):
            self.refresh()
        return False

    def remove(self) -> None:
        """Takes the icon out of the tray (the app is quitting)."""
        self._window.removeEventFilter(self)
        self.icon.hide()
        self.icon.setContextMenu(None)  # type: ignore[arg-type]
        self.menu.deleteLater()
