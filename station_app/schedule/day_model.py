"""One day of a station's schedule as a list model, with the program on now marked."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QFont

from station_app.schedule.entries import ScheduleEntry
from station_app.schedule.service import ScheduleService
from station_app.schedule.sources import Loaded
from station_app.schedule.view import LoadPhase, clock_text, program_line
from station_app.stations.model import Station

AnyIndex = QModelIndex | QPersistentModelIndex
EN_DASH = " \u2013 "


class DayRole(enum.IntEnum):
    LINK = Qt.ItemDataRole.UserRole + 1
    ON_NOW = Qt.ItemDataRole.UserRole + 2
    TIMES = Qt.ItemDataRole.UserRole + 3
    PROGRAM = Qt.ItemDataRole.UserRole + 4


def day_title(day: date, today: date | None) -> str:
    """ "Today, Tuesday, November 24" / "Wednesday, November 25"."""
    text = f"{day:%A, %B} {day.day}"
    if today is not None and day.year != today.year:
        text = f"{text}, {day.year}"
    names = {0: "Today", -1: "Yesterday", 1: "Tomorrow"}
    relative = names.get((day - today).days) if today is not None else None
    return f"{relative}, {text}" if relative else text


class ScheduleDayModel(QAbstractListModel):
    """The programs starting on one of the station's days, loaded through the service.

    Signals: state_changed() when the day, phase or message changes. It follows
    the service's station (back to today on a switch) and re-marks the program
    on now whenever the service's view changes (at every boundary).
    """

    state_changed = Signal()

    def __init__(
        self,
        service: ScheduleService,
        listener_zone: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._zone = listener_zone
        self._entries: tuple[ScheduleEntry, ...] = ()
        self._day: date | None = None
        self._phase = LoadPhase.NONE
        self._message = ""
        self._stale = False
        self._on_now_row = -1
        self._active = False
        service.station_changed.connect(self._on_station)
        service.changed.connect(self._mark_on_now)
        # The mark follows the clock, whether or not On Now / Next Up are known yet.
        service.caught_up.connect(self._mark_on_now)

    # -- state -----------------------------------------------------------------------------
    @property
    def day(self) -> date | None:
        return self._day

    @property
    def phase(self) -> LoadPhase:
        return self._phase

    @property
    def message(self) -> str:
        return self._message

    @property
    def stale(self) -> bool:
        return self._stale

    @property
    def station(self) -> Station | None:
        return self._service.station

    @property
    def on_now_row(self) -> int:
        return self._on_now_row

    def title(self) -> str:
        return day_title(self._day, self._service.station_today()) if self._day else ""

    def entry_at(self, row: int) -> ScheduleEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    # -- navigation --------------------------------------------------------------------------
    def show_today(self) -> None:
        today = self._service.station_today()
        if today is not None:
            self.show_day(today)

    def show_day(self, day: date) -> None:
        self._day = day
        if not self._service.has_schedule:
            self._set_entries((), LoadPhase.NONE, "")
            return
        self._set_entries((), LoadPhase.LOADING, "")
        self._service.load_day(day, self._arrived)

    def previous_day(self) -> None:
        if self._day is not None:
            self.show_day(self._day - timedelta(days=1))

    def next_day(self) -> None:
        if self._day is not None:
            self.show_day(self._day + timedelta(days=1))

    def set_active(self, active: bool) -> None:
        """Whether anyone is looking: only then does a station switch load a day."""
        self._active = active
        if active and self._day is None:
            self.show_today()

    def _on_station(self, _station: Station | None) -> None:
        self._day = None
        self._set_entries((), LoadPhase.NONE, "")
        if self._active:
            self.show_today()

    def _arrived(self, day: date, loaded: Loaded[tuple[ScheduleEntry, ...]]) -> None:
        if day != self._day:
            return
        self._stale = loaded.stale
        if loaded.value is None:
            self._set_entries((), LoadPhase.FAILED, loaded.problem)
        else:
            self._set_entries(loaded.value, LoadPhase.READY, loaded.problem)

    def _set_entries(
        self, entries: tuple[ScheduleEntry, ...], phase: LoadPhase, message: str
    ) -> None:
        self.beginResetModel()
        self._entries = entries
        self._on_now_row = self._find_on_now()
        self.endResetModel()
        self._phase = phase
        self._message = message
        self.state_changed.emit()

    def _find_on_now(self) -> int:
        now = self._service.now()
        rows = [row for row, entry in enumerate(self._entries) if entry.contains(now)]
        return rows[-1] if rows else -1

    def _mark_on_now(self) -> None:
        row = self._find_on_now()
        if row == self._on_now_row:
            return
        changed = [r for r in (self._on_now_row, row) if r >= 0]
        self._on_now_row = row
        for changed_row in changed:
            index = self.index(changed_row)
            self.dataChanged.emit(index, index)

    # -- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        on_now = index.row() == self._on_now_row
        times = f"{self._time(entry.start)}{EN_DASH}{self._time(entry.end)}"
        if role == Qt.ItemDataRole.DisplayRole:
            details = (
                [times] + (["On now"] if on_now else []) + (["Has a page"] if entry.link else [])
            )
            return f"{program_line(entry)}\n{'  ·  '.join(details)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [program_line(entry), times.replace(EN_DASH, " to ")]
            if on_now:
                parts.append("on now")
            if entry.link:
                parts.append("has a page, press Enter to open it")
            return ", ".join(parts)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Open {entry.link}" if entry.link else None
        if role == Qt.ItemDataRole.FontRole and on_now:
            font = QFont()
            font.setBold(True)
            return font
        return self._custom(entry, on_now, times, role)

    def _custom(self, entry: ScheduleEntry, on_now: bool, times: str, role: int) -> Any:
        if role == DayRole.LINK:
            return entry.link
        if role == DayRole.ON_NOW:
            return on_now
        if role == DayRole.TIMES:
            return times
        if role == DayRole.PROGRAM:
            return program_line(entry)
        return None

    @property
    def zone(self) -> tzinfo | None:
        """The zone of the day and of every time shown: the station's, as its day is its own."""
        station = self._service.station
        if station is not None:
            try:
                return ZoneInfo(station.timezone)
            except (ZoneInfoNotFoundError, ValueError):
                pass
        return self._zone

    def zone_name(self) -> str:
        """ "Eastern Time": the zone named as people say it."""
        zone = self.zone
        key = getattr(zone, "key", None)
        if not key:
            return "your time zone"
        name = QTimeZone(key.encode()).displayName(
            QTimeZone.TimeType.GenericTime, QTimeZone.NameType.LongName
        )
        # Without ICU's generic names Qt says "Eastern Standard Time" even in summer.
        for kind in (" Standard Time", " Daylight Time", " Summer Time"):
            name = name.replace(kind, " Time")
        return name or key

    def is_listeners_zone(self) -> bool:
        now = datetime.now(UTC)
        return now.astimezone(self.zone).utcoffset() == now.astimezone(self._zone).utcoffset()

    def _time(self, moment: datetime) -> str:
        """ "9:00 AM" on the shown day; "midnight"; else with the weekday ("Wed 1:00 AM")."""
        zone = self.zone
        local = moment.astimezone(zone)
        if local.hour == 0 and local.minute == 0:
            return "midnight"
        text = clock_text(moment, moment, zone)
        return text if local.date() == self._day else f"{local:%a} {text}"
