"""The player half of the window: the player bar above the station list."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from station_app.config.stations import Station
from station_app.models.station_list import StationListModel
from station_app.player.base import Player
from station_app.ui.player_bar import PlayerBar
from station_app.ui.station_list import StationListView

VOLUME_STEP = 5


class PlayerPane(QWidget):
    """Connects the station list and the player bar to the Player, plus the shortcuts."""

    def __init__(
        self,
        player: Player,
        stations: tuple[Station, ...],
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._stations = stations
        self.model = StationListModel(stations)
        self.bar = PlayerBar(player, clock)
        self.list = StationListView(self.model)
        heading = QLabel("&Stations")
        heading.setBuddy(self.list)
        heading.setContentsMargins(12, 8, 12, 0)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addWidget(line)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)

        self.list.station_activated.connect(player.play)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        player.station_changed.connect(self._on_station_changed)
        self._on_station_changed(player.station)
        self._add_shortcuts()

    def _add_shortcuts(self) -> None:
        def shortcut(keys: str | QKeySequence.StandardKey, slot: object) -> None:
            item = QShortcut(QKeySequence(keys), self)
            item.setContext(Qt.ShortcutContext.WindowShortcut)
            item.activated.connect(slot)

        shortcut("Space", self._space)
        shortcut("Ctrl+Up", lambda: self._player.set_volume(self._player.volume + VOLUME_STEP))
        shortcut("Ctrl+Down", lambda: self._player.set_volume(self._player.volume - VOLUME_STEP))
        shortcut("Ctrl+M", lambda: self._player.set_muted(not self._player.muted))
        for number, station in enumerate(self._stations[:9], start=1):
            shortcut(f"Ctrl+{number}", lambda s=station: self._pick(s))

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
