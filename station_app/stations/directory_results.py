"""Rows of directory search results for the Add station dialog (QtCore only)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from station_app.stations.directory_parse import DirectoryStation

_HEADERS = ("Station", "Place", "Format", "Last check")
_Index = QModelIndex | QPersistentModelIndex


class DirectoryResultsModel(QAbstractTableModel):
    """Name, place, codec/bitrate and the directory's last check, one station a row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stations: tuple[DirectoryStation, ...] = ()

    def set_stations(self, stations: tuple[DirectoryStation, ...]) -> None:
        self.beginResetModel()
        self._stations = stations
        self.endResetModel()

    def station(self, row: int) -> DirectoryStation | None:
        return self._stations[row] if 0 <= row < len(self._stations) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._stations)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section] if 0 <= section < len(_HEADERS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        station = self.station(index.row()) if index.isValid() else None
        if station is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(station, index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            # A screen reader would say "em dash" for the visual placeholder.
            text = self._text(station, index.column())
            return "place not given" if text == "—" else text
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{station.name}\n{station.stream_url}"
        return None

    @staticmethod
    def _text(station: DirectoryStation, column: int) -> str:
        if column == 0:
            return station.name
        if column == 1:
            return _place(station) or "—"
        if column == 2:
            return station.format_label or "unknown format"
        return "OK" if station.last_check_ok else "failed"


def _place(station: DirectoryStation) -> str:
    """State and country, the country by its everyday name ("United States") when its code is
    known: the directory's own names are the long official ones."""
    country = station.country
    if station.countrycode:
        territory = QLocale.codeToTerritory(station.countrycode)
        if territory != QLocale.Country.AnyTerritory:
            country = QLocale.territoryToString(territory)
    return ", ".join(part for part in (station.state, country) if part)
