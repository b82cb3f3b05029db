"""The player half of the window: the player bar above the station list."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPoint, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from station_app.playback.base import Player
from station_app.playback.station_list_model import StationListModel
from station_app.playback.ui.player_bar import PlayerBar
from station_app.playback.ui.station_list import StationListView
from station_app.stations.artwork import StationArtwork
from station_app.stations.model import Station

VOLUME_STEP = 5


class PlayerPane(QWidget):
    """Connects the station list and the player bar to the Player, plus the shortcuts."""

    def __init__(
        self,
        player: Player,
        stations: tuple[Station, ...],
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
        add_station: Callable[[], None] | None = None,
        artwork: StationArtwork | None = None,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._stations = stations
        picture = artwork.image if artwork is not None else None
        self.model = StationListModel(stations, picture)
        self.bar = PlayerBar(player, clock, artwork=picture)
        self.list = StationListView(self.model)
        if artwork is not None:
            artwork.changed.connect(self.model.artwork_changed)
            artwork.changed.connect(self.bar.artwork_changed)
        self._station_menu: QMenu | None = None
        heading = QLabel("&Stations")
        heading.setBuddy(self.list)
        header = QHBoxLayout()
        header.setContentsMargins(12, 6, 8, 2)
        header.addWidget(heading, 1)
        if add_station is not None:
            add_button = QToolButton()
            add_button.setText("&Add station…")
            add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            add_button.setToolTip("Search the station directory or add a station by its website")
            add_button.clicked.connect(add_station)
            header.addWidget(add_button)
        self.notice_area = QVBoxLayout()
        self.notice_area.setContentsMargins(0, 0, 0, 0)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addLayout(self.notice_area)
        layout.addWidget(line)
        layout.addLayout(header)
        layout.addWidget(self.list, 1)

        self.list.station_activated.connect(player.play)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        player.station_changed.connect(self._on_station_changed)
        self._on_station_changed(player.station)
        self._station_shortcuts: list[QShortcut] = []
        self._add_shortcuts()

    def add_notice(self, widget: QWidget) -> None:
        """Hosts a message bar (e.g. the stream repair) between the player and the list."""
        self.notice_area.addWidget(widget)

    def set_stations(self, stations: tuple[Station, ...]) -> None:
        """Shows an edited station list, keeping the selection and the tuned mark."""
        selected = self.list.selected_station()
        self._stations = stations
        self.model.set_stations(stations)
        tuned = self._player.station
        self.model.set_playing(None)
        self.model.set_playing(tuned.id if tuned else None)
        self.list.select_station(
            selected.id if selected else (stations[0].id if stations else None)
        )
        for shortcut in self._station_shortcuts:
            shortcut.setParent(None)
        self._station_shortcuts = self._number_shortcuts()

    def set_station_menu(self, menu: QMenu) -> None:
        """The menu a right-click (or the Menu key) on a station opens, for that station."""
        self._station_menu = menu
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._show_context_menu)

    def _show_context_menu(self, position: QPoint) -> None:
        index = self.list.indexAt(position)
        if not index.isValid():  # the Menu key: the current station
            index = self.list.currentIndex()
            position = self.list.visualRect(index).center()
        if not index.isValid() or self._station_menu is None:
            return
        self.list.setCurrentIndex(index)
        self._station_menu.exec(self.list.viewport().mapToGlobal(position))

    def _add_shortcuts(self) -> None:
        def shortcut(keys: str | QKeySequence.StandardKey, slot: object) -> None:
            item = QShortcut(QKeySequence(keys), self)
            item.setContext(Qt.ShortcutContext.WindowShortcut)
            item.activated.connect(slot)

        shortcut("Space", self._space)
        shortcut("Ctrl+Up", lambda: self._player.set_volume(self._player.volume + VOLUME_STEP))
        shortcut("Ctrl+Down", lambda: self._player.set_volume(self._player.volume - VOLUME_STEP))
        shortcut("Ctrl+M", lambda: self._player.set_muted(not self._player.muted))
        self._station_shortcuts = self._number_shortcuts()

    def _number_shortcuts(self) -> list[QShortcut]:
        made = []
        for number, station in enumerate(self._stations[:9], start=1):
            item = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            item.setContext(Qt.ShortcutContext.WindowShortcut)
            item.activated.connect(lambda s=station: self._pick(s))
            made.append(item)
        return made

    @Slot()
    def _space(self) -> None:
        # A focused button keeps its own Space; everywhere else Space is play/pause.
        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton) and focused is not self.bar.play_button:
            focused.click()
        else:
            self.bar.toggle()

    def _pick(self, station: Station) -> None:
        self.list.select_station(station.id)
        self._player.play(station)

    def select_station(self, station_id: str | None) -> None:
        self.list.select_station(station_id)

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.bar.set_selected_station(self.model.station_at(current.row()))

    @Slot(object)
    def _on_station_changed(self, station: Station | None) -> None:
        self.model.set_playing(station.id if station else None)
        if station is not None:
            self.list.select_station(station.id)
