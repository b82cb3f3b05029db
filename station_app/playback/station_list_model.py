"""The configured stations as a Qt list model, with the playing one marked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QImage

from station_app.stations.model import Station

StationRole = Qt.ItemDataRole.UserRole + 1
PlayingRole = Qt.ItemDataRole.UserRole + 2
DetailRole = Qt.ItemDataRole.UserRole + 3  # the line under the call sign
ArtworkRole = Qt.ItemDataRole.UserRole + 4  # the station's picture (QImage), None until known

Artwork = Callable[[Station], QImage | None]

Index = QModelIndex | QPersistentModelIndex


def describe_station(station: Station) -> str:
    parts = [station.call_sign, station.frequency, station.city]
    return ", ".join(part for part in parts if part)


class StationListModel(QAbstractListModel):
    """One row a station: call sign, frequency, city; `PlayingRole` marks the tuned one."""

    def __init__(self, stations: tuple[Station, ...], artwork: Artwork | None = None) -> None:
        super().__init__()
        self._stations = stations
        self._playing_id: str | None = None
        self._artwork = artwork

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._stations)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._stations):
            return None
        station = self._stations[index.row()]
        playing = station.id == self._playing_id
        note = self._note(station)
        if role == Qt.ItemDataRole.DisplayRole:
            return describe_station(station)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            suffix = ", tuned in" if playing else ""
            return describe_station(station) + (f", {note}" if note else "") + suffix
        if role == DetailRole:
            return " · ".join(part for part in (station.city, note) if part)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not station.streams:
                return f"{station.call_sign} has no known stream yet"
            place = f"{station.call_sign} {station.frequency} — {station.city}"
            return f"{place} ({note})" if note else place
        if role == StationRole:
            return station
        if role == PlayingRole:
            return playing
        if role == ArtworkRole:
            return self._artwork(station) if self._artwork is not None else None
        return None

    def artwork_changed(self) -> None:
        """Pictures arrived: every row draws again."""
        if self._stations:
            self.dataChanged.emit(self.index(0), self.index(len(self._stations) - 1), [ArtworkRole])

    def _note(self, station: Station) -> str:
        """What sets the station apart: no stream, or the program it carries."""
        if not station.streams:
            return "no known stream yet"
        carried = next((s for s in self._stations if s.id == station.simulcast_of), None)
        return f"simulcast of {carried.call_sign}" if station.simulcast_of and carried else ""

    def set_stations(self, stations: tuple[Station, ...]) -> None:
        self.beginResetModel()
        self._stations = stations
        self.endResetModel()

    @property
    def stations(self) -> tuple[Station, ...]:
        return self._stations

    def station_at(self, row: int) -> Station | None:
        return self._stations[row] if 0 <= row < len(self._stations) else None

    def row_of(self, station_id: str | None) -> int:
        return next((i for i, s in enumerate(self._stations) if s.id == station_id), -1)

    def set_playing(self, station_id: str | None) -> None:
        if station_id == self._playing_id:
            return
        rows = [self.row_of(self._playing_id), self.row_of(station_id)]
        self._playing_id = station_id
        for row in rows:
            if row >= 0:
                index = self.index(row)
                self.dataChanged.emit(index, index)
