"""NPR Composer widget API: addresses, and pure parsers for `now` and `day` answers.

The API is undocumented and its entries vary between stations, so every field
is optional here: an entry without a name or without a usable start and end is
skipped rather than guessed.
"""

from __future__ import annotations

import html
import json
from datetime import date, timedelta, tzinfo
from typing import Any

from station_app.net.web_address import is_web_url
from station_app.schedule.entries import NowAnswer, ScheduleEntry, ScheduleProblem
from station_app.schedule.times import add_days_wall, entry_moment

# Longer than a day is not a program but a mistake in the data.
MAX_PROGRAM = timedelta(hours=25)


def now_url(base: str) -> str:
    return f"{base.rstrip('/')}/now?format=json"


def day_url(base: str, day: date) -> str:
    return f"{base.rstrip('/')}/day?date={day:%Y-%m-%d}&format=json"


def parse_now(
    body: bytes, zone: tzinfo, where: str = "the schedule server"
) -> NowAnswer | ScheduleProblem:
    """`{"onNow": entry, "nextUp": [entries]}` → NowAnswer, next programs in start order."""
    document = _load(body, where)
    if isinstance(document, ScheduleProblem):
        return document
    on_now = parse_entry(document.get("onNow"), zone)
    raw_next = document.get("nextUp")
    upcoming = raw_next if isinstance(raw_next, list) else [raw_next]
    next_up = [entry for entry in (parse_entry(item, zone) for item in upcoming) if entry]
    next_up.sort(key=lambda entry: entry.start)
    return NowAnswer(on_now, tuple(next_up))


def parse_day(
    body: bytes, zone: tzinfo, where: str = "the schedule server"
) -> tuple[ScheduleEntry, ...] | ScheduleProblem:
    """`{"onToday": [entries]}` → the day's programs in start order, duplicates dropped."""
    document = _load(body, where)
    if isinstance(document, ScheduleProblem):
        return document
    raw = document.get("onToday")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        return ScheduleProblem(f"The day's schedule from {where} has no list of programs.")
    entries = {entry for entry in (parse_entry(item, zone) for item in raw) if entry}
    return tuple(sorted(entries, key=lambda entry: (entry.start, entry.end)))


def parse_entry(raw: object, zone: tzinfo) -> ScheduleEntry | None:
    """One Composer entry, or None when it lacks a name or a start and end."""
    if not isinstance(raw, dict):
        return None
    program = raw.get("program")
    program = program if isinstance(program, dict) else {}
    name = _text(program.get("name")) or _text(raw.get("name"))
    if not name:
        return None
    day = raw.get("date")
    start = entry_moment(
        raw.get("fullstart"), raw.get("start_utc"), day, raw.get("start_time"), zone
    )
    end = entry_moment(raw.get("fullend"), raw.get("end_utc"), day, raw.get("end_time"), zone)
    if start is None or end is None:
        return None
    if end <= start:
        # "23:00" to "01:00" on the same date: the program runs past midnight.
        end = add_days_wall(end, 1, zone)
    if not start < end <= start + MAX_PROGRAM:
        return None
    hosts = program.get("hosts")
    host_names = tuple(
        name
        for name in (_text(h.get("name") if isinstance(h, dict) else h) for h in _list(hosts))
        if name
    )
    return ScheduleEntry(name, host_names, start, end, web_link(program.get("program_link")))


def web_link(value: object) -> str | None:
    """An absolute http(s) address, or None: nothing else is ever opened."""
    text = _text(value)
    return text if is_web_url(text) else None


def _load(body: bytes, where: str) -> dict[str, Any] | ScheduleProblem:
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return ScheduleProblem(f"The schedule from {where} is not valid JSON.")
    except RecursionError:
        return ScheduleProblem(f"The schedule from {where} is nested too deeply to be read.")
    if not isinstance(document, dict):
        return ScheduleProblem(f"The schedule from {where} is not in the expected format.")
    return document


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(html.unescape(value).split())
