"""A static weekly schedule from stations.toml, laid out on real dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta, tzinfo

from station_app.schedule.entries import ScheduleEntry
from station_app.schedule.times import in_zone
from station_app.stations.model import WeeklyProgram


def weekly_day(programs: Iterable[WeeklyProgram], day: date, zone: tzinfo) -> list[ScheduleEntry]:
    """The programs that start on `day` (the station's date), in start order."""
    entries = [_entry(program, day, zone) for program in programs if day.weekday() in program.days]
    return sorted(entries, key=lambda entry: entry.start)


def weekly_span(
    programs: tuple[WeeklyProgram, ...], first: date, days: int, zone: tzinfo
) -> list[ScheduleEntry]:
    """The programs starting on `days` consecutive dates from `first`."""
    entries: list[ScheduleEntry] = []
    for offset in range(days):
        entries.extend(weekly_day(programs, first + timedelta(days=offset), zone))
    return entries


def _entry(program: WeeklyProgram, day: date, zone: tzinfo) -> ScheduleEntry:
    start = in_zone(day, _clock(program.start_minute), zone)
    # An end at or before the start is on the next day ("23:00" to "01:00", or "24:00").
    end_day = day + timedelta(days=1) if program.end_minute <= program.start_minute else day
    end_minute = program.end_minute
    if end_minute == 24 * 60:
        end_day, end_minute = day + timedelta(days=1), 0
    end = in_zone(end_day, _clock(end_minute), zone)
    hosts = (program.host,) if program.host else ()
    return ScheduleEntry(program.program, hosts, start, end, program.link)


def _clock(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)
