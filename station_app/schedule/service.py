"""The schedule of the tuned station: On Now, Next Up, and when they change.

One precise single-shot timer aims at the next moment something changes: a
program boundary, or the next refetch of `now` (every few minutes, sooner after
a failure). Every time is read from the injected clock, so tests move the clock
and call `catch_up()` instead of sleeping.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.schedule.entries import NowAnswer, ScheduleEntry
from station_app.schedule.on_air import next_change, on_air
from station_app.schedule.sources import Loaded, load_day, load_now
from station_app.schedule.view import SchedulePhase, ScheduleView
from station_app.schedule.weekly import weekly_day, weekly_span
from station_app.stations.model import Station
from station_app.tasks import TaskFailed, TaskRunner

Clock = Callable[[], datetime]
DayCallback = Callable[[date, Loaded[tuple[ScheduleEntry, ...]]], None]

REFRESH = timedelta(minutes=3)
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
        refresh: timedelta = REFRESH,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetcher = fetcher
        self._now_read = tasks.slot()
        self._day_read = tasks.slot()
        self._clock = clock
        self._refresh = refresh
        self._station: Station | None = None
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
        self._entries = ()
        self._answered = False
        self._failures = 0
        self._message = ""
        self._updated_at = None
        self._refresh_due = None
        self.station_changed.emit(station)
        if station is not None and station.schedule_url:
            self._fetch_now()
        self._update()

    def refresh(self) -> None:
        """Asks the source again now (does nothing for static or absent schedules)."""
        if self._station is not None and self._station.schedule_url:
            self._fetch_now()
            self._arm()

    def stop(self) -> None:
        self._timer.stop()
        self._now_read.cancel()
        self._day_read.cancel()

    def catch_up(self) -> None:
        """Brings the view up to the clock and refetches when a boundary or refresh is due.

        The timer calls this; so may whoever knows the clock jumped (resume from sleep).
        """
        now = self.now()
        due = self._refresh_due is not None and now >= self._refresh_due
        crossed = self._boundary is not None and now >= self._boundary
        if self._station is not None and self._station.schedule_url and (due or crossed):
            self._fetch_now()
        self._update()
        self.caught_up.emit()

    def load_day(self, day: date, on_done: DayCallback) -> None:
        """The programs starting on the station's `day`; `on_done` runs on the main thread.

        A later call, or a station switch, cancels an earlier one.
        """
        station = self._station
        if station is None:
            return
        zone = ZoneInfo(station.timezone)
        if not station.schedule_url:
            on_done(day, Loaded(tuple(weekly_day(station.schedule, day, zone))))
            return
        fetcher, base = self._fetcher, station.schedule_url

        def work(cancel: CancelToken) -> Loaded[tuple[ScheduleEntry, ...]]:
            return load_day(fetcher, base, day, zone, station.call_sign, cancel)

        def done(loaded: Loaded[tuple[ScheduleEntry, ...]]) -> None:
            on_done(day, loaded)

        def failed(_failure: TaskFailed) -> None:
            done(_failed_load(station.call_sign))

        self._day_read.start(work, done, failed)

    # -- fetching ---------------------------------------------------------------------------
    def _fetch_now(self) -> None:
        station = self._station
        assert station is not None and station.schedule_url
        fetcher, base = self._fetcher, station.schedule_url
        zone, name = ZoneInfo(station.timezone), station.call_sign
        # Provisional, so the timer does not ask again while this request is out.
        self._refresh_due = self.now() + self._retry_delay(self._failures + 1)

        def work(cancel: CancelToken) -> Loaded[NowAnswer]:
            return load_now(fetcher, base, zone, name, cancel)

        self._now_read.start(
            work,
            self._now_arrived,
            on_failed=lambda _failure: self._now_arrived(_failed_load(name)),
        )

    def _now_arrived(self, loaded: Loaded[NowAnswer]) -> None:
        now = self.now()
        answer = loaded.value
        if answer is not None and not loaded.stale:
            self._entries = answer.entries
            self._answered = True
            self._failures = 0
            self._message = ""
            self._updated_at = now
            # A server a little behind the clock still names the program that just ended.
            lagging = answer.on_now is not None and answer.on_now.end <= now
            self._refresh_due = now + (FIRST_RETRY if lagging else self._refresh)
        else:
            if answer is not None and not self._entries:
                self._entries = answer.entries  # the last good copy, from the cache
                if loaded.fetched_at is not None:
                    self._updated_at = datetime.fromtimestamp(loaded.fetched_at, UTC)
            self._failures += 1
            self._message = loaded.problem
            if self._entries and self._station is not None and loaded.reason:
                name = self._station.call_sign
                self._message = f"The schedule for {name} could not be updated. {loaded.reason}"
            self._refresh_due = now + self._retry_delay(self._failures)
        self._update()

    def _retry_delay(self, failures: int) -> timedelta:
        if failures <= 0:
            return self._refresh
        return min(self._refresh, FIRST_RETRY * (1 << min(failures - 1, 10)))

    # -- the view and the timer ---------------------------------------------------------------
    def _update(self) -> None:
        now = self.now()
        station = self._station
        if station is not None and not station.schedule_url and station.schedule:
            zone = ZoneInfo(station.timezone)
            yesterday = now.astimezone(zone).date() - timedelta(days=1)
            self._entries = tuple(weekly_span(station.schedule, yesterday, 9, zone))
        # Programs that have ended are dropped for good: they can only be wrong now.
        self._entries = tuple(entry for entry in self._entries if entry.end > now)
        self._set_view(self._compute_view(now))
        self._arm()

    def _compute_view(self, now: datetime) -> ScheduleView:
        station = self._station
        if station is None or not (station.schedule_url or station.schedule):
            return ScheduleView()
        stale = self._failures > 0 and bool(station.schedule_url)
        if not self._entries and not self._answered:
            if self._message:
                return ScheduleView(SchedulePhase.FAILED, stale=True, message=self._message)
            if station.schedule_url:
                return ScheduleView(SchedulePhase.LOADING)
        current, upcoming = on_air(self._entries, now)
        return ScheduleView(
            SchedulePhase.READY, current, upcoming, stale, self._message, self._updated_at
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
