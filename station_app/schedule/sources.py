"""Where a station's programs come from: NPR Composer, or a weekly list in stations.toml.

Both sources answer the same two questions (what is on from now, what starts
on a day) with the same `Loaded` values, so the schedule service and the day
view never ask which kind they have. A Composer source fetches, so the service
asks it in a background task and it can fail; a weekly source computes.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Generic, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.net.results import ContentKind, FetchError
from station_app.schedule.composer import day_url, now_url, parse_day, parse_now
from station_app.schedule.entries import ScheduleEntry, ScheduleProblem
from station_app.schedule.weekly import weekly_day, weekly_span
from station_app.stations.model import Station

T = TypeVar("T")
Entries = tuple[ScheduleEntry, ...]
COMPOSER_REFRESH = timedelta(minutes=3)


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """A parsed answer or why there is none.

    `value` may come from the cache when the network failed: then `stale` is
    True and `problem` says what failed. `fetched_at` is epoch seconds.
    """

    value: T | None
    problem: str = ""
    stale: bool = False
    fetched_at: float | None = None
    reason: str = ""  # the failure alone, without the sentence naming the schedule


class ScheduleSource(ABC):
    """One station's programs.

    `fetches`: answers come over the network, so they are asked for in a
    background task and may fail. `refresh_every`: how long an answer holds
    before it is asked for again.
    """

    fetches: bool = False
    refresh_every: timedelta

    @abstractmethod
    def upcoming(self, now: datetime, cancel: CancelToken) -> Loaded[Entries]:
        """The program on at `now`, if any, and those after it."""

    @abstractmethod
    def day(self, day: date, cancel: CancelToken) -> Loaded[Entries]:
        """The programs that start on the station's `day`, in order."""


class ComposerSource(ScheduleSource):
    """The NPR Composer widget API of one station, through the shared fetcher."""

    fetches = True

    def __init__(
        self,
        fetcher: Fetcher,
        base: str,
        zone: ZoneInfo,
        name: str,
        refresh_every: timedelta = COMPOSER_REFRESH,
    ) -> None:
        self._fetcher = fetcher
        self._base = base
        self._zone = zone
        self._name = name
        self.refresh_every = refresh_every

    def upcoming(self, now: datetime, cancel: CancelToken) -> Loaded[Entries]:
        url = now_url(self._base)
        loaded = _load(self._fetcher, url, self._zone, self._name, cancel, parse_now)
        entries = loaded.value.entries if loaded.value is not None else None
        return Loaded(entries, loaded.problem, loaded.stale, loaded.fetched_at, loaded.reason)

    def day(self, day: date, cancel: CancelToken) -> Loaded[Entries]:
        url = day_url(self._base, day)
        return _load(self._fetcher, url, self._zone, self._name, cancel, parse_day)


class WeeklySource(ScheduleSource):
    """A weekly schedule written in stations.toml, laid out on the station's real dates."""

    refresh_every = timedelta(days=1)
    DAYS_AHEAD = 8  # what `upcoming` lays out: from yesterday (a program past midnight) on

    def __init__(self, station: Station) -> None:
        self._programs = station.schedule
        self._zone = ZoneInfo(station.timezone)

    def upcoming(self, now: datetime, cancel: CancelToken) -> Loaded[Entries]:
        yesterday = now.astimezone(self._zone).date() - timedelta(days=1)
        span = weekly_span(self._programs, yesterday, self.DAYS_AHEAD + 1, self._zone)
        return Loaded(tuple(entry for entry in span if entry.end > now))

    def day(self, day: date, cancel: CancelToken) -> Loaded[Entries]:
        return Loaded(tuple(weekly_day(self._programs, day, self._zone)))


def source_for(
    station: Station | None, fetcher: Fetcher, refresh_every: timedelta = COMPOSER_REFRESH
) -> ScheduleSource | None:
    """A station's schedule source: its Composer address wins over a weekly list."""
    if station is None:
        return None
    if station.schedule_url:
        zone = ZoneInfo(station.timezone)
        return ComposerSource(fetcher, station.schedule_url, zone, station.call_sign, refresh_every)
    if station.schedule:
        return WeeklySource(station)
    return None


def _load(
    fetcher: Fetcher,
    url: str,
    zone: ZoneInfo,
    name: str,
    cancel: CancelToken,
    parse: Callable[[bytes, tzinfo, str], T | ScheduleProblem],
) -> Loaded[T]:
    result = fetcher.fetch(url, ContentKind.JSON, cancel)
    if isinstance(result, FetchError):
        return Loaded(
            None,
            f"The schedule for {name} could not be loaded. {result.message}",
            reason=result.message,
        )
    where = urlsplit(url).hostname or url
    parsed = parse(result.body, zone, where)
    if isinstance(parsed, ScheduleProblem):
        # An unreadable answer never replaces the last good copy; that copy is shown instead.
        last_good = None if result.stale else fetcher.cached(url)
        earlier = None if last_good is None else parse(last_good.body, zone, where)
        if last_good is not None and not isinstance(earlier, ScheduleProblem | None):
            return Loaded(
                earlier,
                f"The schedule for {name} could not be updated. {parsed.message}",
                stale=True,
                fetched_at=last_good.fetched_at,
                reason=parsed.message,
            )
        return Loaded(
            None,
            f"The schedule for {name} could not be read. {parsed.message}",
            reason=parsed.message,
        )
    fetcher.keep(result)
    problem = reason = ""
    if result.stale and result.error is not None:
        reason = result.error.message
        problem = f"The schedule for {name} could not be updated. {reason}"
    return Loaded(parsed, problem, result.stale, result.fetched_at, reason=reason)
