"""The played titles as a list for a view: title, when and where, and a spoken name."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Slot,
)

from station_app.playback.played_titles import PlayedTitle, PlayedTitles, utc_now

_Index = QModelIndex | QPersistentModelIndex


class TitleRole(enum.IntEnum):
    TIME_TEXT = Qt.ItemDataRole.UserRole + 1  # "9:41 PM", "Yesterday 9:41 PM"
    STATION = Qt.ItemDataRole.UserRole + 2  # "WNPR 90.5 FM"
    ENTRY = Qt.ItemDataRole.UserRole + 3  # the PlayedTitle


def played_at_text(moment: datetime, now: datetime, zone: tzinfo | None = None) -> str:
    """ "9:41 PM" today, "Yesterday 9:41 PM", "Mon 9:41 PM" this week, else "Mar 3 9:41 PM".

    In the listener's zone (`zone` None: the system's).
    """
    local, today = moment.astimezone(zone), now.astimezone(zone)
    hour = local.hour % 12 or 12
    clock = f"{hour}:{local:%M} {'AM' if local.hour < 12 else 'PM'}"
    days = (today.date() - local.date()).days
    if days == 0:
        return clock
    if days == 1:
        return f"Yesterday {clock}"
    if 1 < days < 7:
        return f"{local:%a} {clock}"
    day = f"{local:%b} {local.day}"
    if local.year != today.year:
        day += f", {local.year}"
    return f"{day} {clock}"


class PlayedTitlesModel(QAbstractListModel):
    """Mirrors PlayedTitles row for row: a new title is one row inserted at the top, so
    the current row, the scroll position and a screen reader's place stay put."""

    def __init__(
        self,
        titles: PlayedTitles,
        clock: Callable[[], datetime] = utc_now,
        zone: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = titles
        self._clock = clock
        self._zone = zone
        self._rows: tuple[PlayedTitle, ...] = titles.titles
        titles.added.connect(self._on_added)
        titles.cleared.connect(self._on_cleared)

    def entry(self, row: int) -> PlayedTitle | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role == TitleRole.TIME_TEXT:
            return played_at_text(entry.at, self._clock(), self._zone)
        if role == TitleRole.STATION:
            return entry.station_name
        if role == TitleRole.ENTRY:
            return entry
        if role == Qt.ItemDataRole.AccessibleTextRole:
            when = played_at_text(entry.at, self._clock(), self._zone)
            return f"{entry.title}, {entry.station_name}, {when}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.title
        return None

    @Slot()
    def _on_added(self) -> None:
        titles = self._source.titles
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows = (titles[0], *self._rows)
        self.endInsertRows()
        if len(self._rows) > len(titles):  # the oldest fell off the end
            self.beginRemoveRows(QModelIndex(), len(titles), len(self._rows) - 1)
            self._rows = titles
            self.endRemoveRows()

    @Slot()
    def _on_cleared(self) -> None:
        self.beginResetModel()
        self._rows = self._source.titles
        self.endResetModel()
