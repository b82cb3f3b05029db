"""The schedule of the tuned station: On Now, Next Up, and when they change.

The station's source (sources.py: Composer or a weekly list) answers; the
service keeps what it said, drops programs as they end, and asks again when
the answer is due for a refresh (sooner after a failure) or a boundary passes.
One precise single-shot timer aims at the next such moment. Every time is read
from the injected clock, so tests move the clock and call `catch_up()`
instead of sleeping.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from station_app.net.cancel import NEVER_CANCELLED, CancelToken
from station_app.net.fetcher import Fetcher
from station_app.schedule.entries import ScheduleEntry
from station_app.schedule.on_air import next_change, on_air
from station_app.schedule.sources import (
    COMPOSER_REFRESH,
    Entries,
    Loaded,
    ScheduleSource,
    source_for,
)
from station_app.schedule.view import LoadPhase, ScheduleView
from station_app.stations.model import Station
from station_app.tasks import TaskFailed, TaskRunner, TaskSlot

Clock = Callable[[], datetime]
DayCallback = Callable[[date, Loaded[Entries]], None]

FIRST_RETRY = timedelta(seconds=30)
# The timer never sleeps longer than this, so a clock that jumped (suspend,
# manual change) is noticed soon even for a static schedule.
LONGEST_SLEEP = timedelta(hours=1)


def utc_now() -> datetime:
    return datetime.now(UTC)


def _failed_load(name: str) -> Loaded[Any]:
    reason = "An error inside Station App stopped it; it will be tried again."
    return Loaded(None, f"The schedule for {name} could not be loaded. {reason}", reason=reason)


class ScheduleService(QObject):
    """On Now / Next Up for one station at a time; latest station wins.

    Signals: changed() when `view` changes; program_changed(str) when the
    current program's name changes ("" when none is known); station_changed(object)
    when `set_station` picks another station (Station or None); caught_up() each
    time the view is brought up to the clock (the timer, or `catch_up`).
    """

    changed = Signal()
    program_changed = Signal(str)
    station_changed = Signal(object)
    caught_up = Signal()

    def __init__(
        self,
        fetcher: Fetcher,
        tasks: TaskRunner,
        clock: Clock = utc_now,
        refresh: timedelta = COMPOSER_REFRESH,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetcher = fetcher
        self._now_read = tasks.slot()
        self._day_read = tasks.slot()
        self._clock = clock
        self._refresh = refresh
        self._station: Station | None = None
        self._source: ScheduleSource | None = None
        self._entries: tuple[ScheduleEntry, ...] = ()
        self._answered = False
        self._failures = 0
        self._message = ""
        self._updated_at: datetime | None = None
        self._refresh_due: datetime | None = None
        self._boundary: datetime | None = None
        self._wake_at: datetime | None = None
        self._view = ScheduleView()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.catch_up)

    # -- what observers read ------------------------------------------------------------
    @property
    def station(self) -> Station | None:
        return self._station

    @property
    def has_schedule(self) -> bool:
        """The station has a schedule source (Composer or a weekly list)."""
        return self._source is not None

    @property
    def view(self) -> ScheduleView:
        return self._view

    @property
    def current_program_name(self) -> str:
        return self._view.on_now.program if self._view.on_now else ""

    @property
    def next_wake(self) -> datetime | None:
        """When the timer will next look at the clock (None when it is idle)."""
        return self._wake_at if self._timer.isActive() else None

    @property
    def next_boundary(self) -> datetime | None:
        """The next start or end of a known program: when On Now or Next Up changes."""
        return self._boundary

    def now(self) -> datetime:
        return self._clock().astimezone(UTC)

    def station_today(self) -> date | None:
        """The station's own date now, which is what its schedule days are."""
        station = self._station
        return self.now().astimezone(ZoneInfo(station.timezone)).date() if station else None

    # -- what the window calls -------------------------------------------------------------
    def set_station(self, station: Station | None) -> None:
        """Shows `station`'s schedule from now on; nothing of the previous one survives."""
        if station == self._station:
            return
        self._now_read.cancel()
        self._day_read.cancel()
        self._timer.stop()
        self._station = station
        self._source = source_for(station, self._fetcher, self._refresh)
        self._entries = ()
        self._answered = False
        self._failures = 0
        self._message = ""
        self._updated_at = None
        self._refresh_due = None
        self.station_changed.emit(station)
        if self._source is not None:
            self._read_upcoming(self._source)
        self._update()

    def refresh(self) -> None:
        """Asks the source again now."""
        if self._source is not None:
            self._read_upcoming(self._source)
            self._arm()

    def stop(self) -> None:
        self._timer.stop()
        self._now_read.cancel()
        self._day_read.cancel()

    def catch_up(self) -> None:
        """Brings the view up to the clock and asks again when a boundary or refresh is due.

        The timer calls this; so may whoever knows the clock jumped (resume from sleep).
        """
        now = self.now()
        due = self._refresh_due is not None and now >= self._refresh_due
        crossed = self._boundary is not None and now >= self._boundary
        if self._source is not None and (due or crossed):
            self._read_upcoming(self._source)
        self._update()
        self.caught_up.emit()

    def load_day(self, day: date, on_done: DayCallback) -> None:
        """The programs starting on the station's `day`; `on_done` runs on the main thread.

        A later call, or a station switch, cancels an earlier one.
        """
        source, station = self._source, self._station
        if source is None or station is None:
            return

        def done(loaded: Loaded[Entries]) -> None:
            on_done(day, loaded)

        self._ask(
            source,
            self._day_read,
            lambda cancel: source.day(day, cancel),
            done,
            lambda: done(_failed_load(station.call_sign)),
        )

    # -- asking the source -----------------------------------------------------------------
    def _ask(
        self,
        source: ScheduleSource,
        slot: TaskSlot,
        question: Callable[[CancelToken], Loaded[Entries]],
        done: Callable[[Loaded[Entries]], None],
        crashed: Callable[[], None],
    ) -> None:
        """A source that fetches answers in a background task; one that computes, at once."""
        if not source.fetches:
            slot.cancel()
            done(question(NEVER_CANCELLED))
            return

        def failed(_failure: TaskFailed) -> None:
            crashed()

        slot.start(question, done, failed)

    def _read_upcoming(self, source: ScheduleSource) -> None:
        station = self._station
        assert station is not None
        now = self.now()
        # Provisional, so the timer does not ask again while this request is out.
        self._refresh_due = now + self._retry_delay(source, self._failures + 1)
        self._ask(
            source,
            self._now_read,
            lambda cancel: source.upcoming(now, cancel),
            self._upcoming_arrived,
            lambda: self._upcoming_arrived(_failed_load(station.call_sign)),
        )

    def _upcoming_arrived(self, loaded: Loaded[Entries]) -> None:
        source = self._source
        if source is None:
            return
        now = self.now()
        entries = loaded.value
        if entries is not None and not loaded.stale:
            self._entries = entries
            self._answered = True
            self._failures = 0
            self._message = ""
            self._updated_at = now
            # A server a little behind the clock still names the program that just ended.
            lagging = any(entry.end <= now for entry in entries)
            self._refresh_due = now + (FIRST_RETRY if lagging else source.refresh_every)
        else:
            if entries is not None and not self._entries:
                self._entries = entries  # the last good copy, from the cache
                if loaded.fetched_at is not None:
                    self._updated_at = datetime.fromtimestamp(loaded.fetched_at, UTC)
            self._failures += 1
            self._message = loaded.problem
            if self._entries and self._station is not None and loaded.reason:
                name = self._station.call_sign
                self._message = f"The schedule for {name} could not be updated. {loaded.reason}"
            self._refresh_due = now + self._retry_delay(source, self._failures)
        self._update()

    @staticmethod
    def _retry_delay(source: ScheduleSource, failures: int) -> timedelta:
        if failures <= 0:
            return source.refresh_every
        return min(source.refresh_every, FIRST_RETRY * (1 << min(failures - 1, 10)))

    # -- the view and the timer ---------------------------------------------------------------
    def _update(self) -> None:
        now = self.now()
        # Programs that have ended are dropped for good: they can only be wrong now.
        self._entries = tuple(entry for entry in self._entries if entry.end > now)
        self._set_view(self._compute_view(now))
        self._arm()

    def _compute_view(self, now: datetime) -> ScheduleView:
        if self._source is None:
            return ScheduleView()
        stale = self._failures > 0
        if not self._entries and not self._answered:
            if self._message:
                return ScheduleView(LoadPhase.FAILED, stale=True, message=self._message)
            return ScheduleView(LoadPhase.LOADING)
        current, upcoming = on_air(self._entries, now)
        return ScheduleView(
            LoadPhase.READY, current, upcoming, stale, self._message, self._updated_at
        )

    def _set_view(self, view: ScheduleView) -> None:
        if view == self._view:
            return
        old_name = self.current_program_name
        self._view = view
        self.changed.emit()
        if self.current_program_name != old_name:
            self.program_changed.emit(self.current_program_name)

    def _arm(self) -> None:
        now = self.now()
        self._boundary = next_change(self._entries, now)
        candidates = [moment for moment in (self._boundary, self._refresh_due) if moment]
        if self._station is None or not candidates:
            self._timer.stop()
            return
        self._wake_at = min([*candidates, now + LONGEST_SLEEP])
        milliseconds = math.ceil((self._wake_at - now).total_seconds() * 1000)
        self._timer.start(max(0, milliseconds))
