"""Schedule times: the spellings Composer uses, read in the station's zone.

Wall-clock times are only meaningful with a zone; a time that a DST change
skips or repeats is resolved the way zoneinfo does (the offset before the
change), and an explicit UTC offset, when the source gives one, wins.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

_DATE = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})\s*$")
_US_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?\s*$")
_DATE_TIME = re.compile(r"^\s*(\d{4}[-/]\d{1,2}[-/]\d{1,2})[ T]+(.+?)\s*$")
# "Sun Jul 31 2016 00:00:00 GMT-0400 (EDT)", as JavaScript's Date.toString() writes it.
_JS_DATE = re.compile(
    r"^\s*(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{4})\s+"
    r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:GMT|UTC)?\s*([+-]\d{2}):?(\d{2})?"
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}


def parse_date(text: object) -> date | None:
    """ "2016-07-31", "2016/07/31" or "07/31/2016"; None for anything else."""
    if not isinstance(text, str):
        return None
    match = _DATE.match(text)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _US_DATE.match(text)
        if match:
            return date(int(match[3]), int(match[1]), int(match[2]))
    except ValueError:
        return None
    return None


def parse_clock(text: object) -> time | None:
    """ "23:00", "23:00:00" or "11:00 pm"; "24:00" is not a time of day, so None."""
    minutes = parse_clock_minutes(text)
    if minutes is None or minutes >= 24 * 60:
        return None
    return time(minutes // 60, minutes % 60)


def parse_clock_minutes(text: object) -> int | None:
    """Minutes after midnight, 0 to 1440 ("24:00" is the end of the day)."""
    if not isinstance(text, str):
        return None
    match = _CLOCK.match(text)
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2])
    meridiem = (match[4] or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        return None
    return hour * 60 + minute


def in_zone(day: date, clock: time, zone: tzinfo) -> datetime:
    """The moment (in UTC) a wall clock in `zone` shows `clock` on `day`.

    A time inside a spring-forward gap becomes the real time after it. Results are
    in UTC because Python never calls a time in a repeated hour equal to one in
    another zone (PEP 495); comparing UTC times has no such exception.
    """
    return datetime.combine(day, clock).replace(tzinfo=zone).astimezone(UTC)


def parse_station_datetime(text: object, zone: tzinfo) -> datetime | None:
    """ "2016-07-31 00:00" (also with seconds, "T" or "/") in the station's zone.

    A trailing UTC offset or "Z", when present, is honoured instead of the zone.
    """
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    if stripped.endswith(("Z", "z")) or re.search(r"[+-]\d{2}:?\d{2}$", stripped):
        try:
            moment = datetime.fromisoformat(stripped.replace("z", "Z"))
        except ValueError:
            return None
        return moment.astimezone(UTC) if moment.tzinfo else None
    match = _DATE_TIME.match(stripped)
    if not match:
        return None
    day, clock = parse_date(match[1]), parse_clock(match[2])
    if day is None or clock is None:
        return None
    return in_zone(day, clock, zone)


def parse_js_datetime(text: object) -> datetime | None:
    """ "Sun Jul 31 2016 00:00:00 GMT-0400 (EDT)" as an aware datetime with that offset."""
    if not isinstance(text, str):
        return None
    match = _JS_DATE.match(text)
    if not match:
        return None
    month = _MONTHS.get(match[1].lower())
    if month is None:
        return None
    sign = -1 if match[7].startswith("-") else 1
    offset = timedelta(hours=int(match[7][1:]), minutes=int(match[8] or 0))
    try:
        return datetime(
            int(match[3]),
            month,
            int(match[2]),
            int(match[4]),
            int(match[5]),
            int(match[6] or 0),
            tzinfo=timezone(sign * offset),
        )
    except ValueError:
        return None


def entry_moment(
    full: object, utc_text: object, day: object, clock: object, zone: tzinfo
) -> datetime | None:
    """A program's start or end from whichever spelling the entry has, best first.

    `fullstart` is in the station's zone but ambiguous in the repeated hour of a
    fall-back night; `start_utc` carries the offset, so when both agree on the
    wall clock, the one with the offset is taken.
    """
    wall = parse_station_datetime(full, zone)
    exact = parse_js_datetime(utc_text)
    if wall is not None:
        if exact is not None and _same_wall_clock(exact, wall, zone):
            return exact.astimezone(UTC)
        return wall
    if exact is not None:
        return exact.astimezone(UTC)
    parsed_day, parsed_clock = parse_date(day), parse_clock(clock)
    if parsed_day is None or parsed_clock is None:
        return None
    return in_zone(parsed_day, parsed_clock, zone)


def _same_wall_clock(first: datetime, second: datetime, zone: tzinfo) -> bool:
    def wall(moment: datetime) -> datetime:
        return moment.astimezone(zone).replace(tzinfo=None, fold=0)

    return wall(first) == wall(second)


def add_days_wall(moment: datetime, days: int, zone: tzinfo) -> datetime:
    """The same wall-clock time `days` later in `zone`, in UTC (a day is not always 24 h)."""
    local = moment.astimezone(zone)
    return in_zone(local.date() + timedelta(days=days), local.time(), zone)
