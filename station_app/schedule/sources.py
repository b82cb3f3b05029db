"""Fetch and parse a station's Composer schedule (runs in a background task)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Generic, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.net.results import ContentKind, FetchError
from station_app.schedule.composer import day_url, now_url, parse_day, parse_now
from station_app.schedule.entries import NowAnswer, ScheduleEntry, ScheduleProblem

T = TypeVar("T")


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


def load_now(
    fetcher: Fetcher, base: str, zone: ZoneInfo, name: str, cancel: CancelToken
) -> Loaded[NowAnswer]:
    return _load(fetcher, now_url(base), zone, name, cancel, parse_now)


def load_day(
    fetcher: Fetcher, base: str, day: date, zone: ZoneInfo, name: str, cancel: CancelToken
) -> Loaded[tuple[ScheduleEntry, ...]]:
    return _load(fetcher, day_url(base, day), zone, name, cancel, parse_day)


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
