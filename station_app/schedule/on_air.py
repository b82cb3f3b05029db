"""What is on at a moment, what comes next, and when that next changes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from station_app.schedule.entries import ScheduleEntry


def on_air(
    entries: Iterable[ScheduleEntry], moment: datetime
) -> tuple[ScheduleEntry | None, ScheduleEntry | None]:
    """The program on at `moment` and the next one to start after it.

    Overlapping entries (a special inside a regular slot) resolve to the one
    that started last, as a schedule grid shows it.
    """
    ordered = sorted(set(entries), key=lambda entry: (entry.start, entry.end))
    current: ScheduleEntry | None = None
    for entry in ordered:
        if entry.contains(moment):
            current = entry
    upcoming = (entry for entry in ordered if entry.start > moment and entry is not current)
    return current, next(upcoming, None)


def next_change(entries: Iterable[ScheduleEntry], moment: datetime) -> datetime | None:
    """The first start or end after `moment`: when what is on (or next) changes."""
    future = [edge for entry in entries for edge in (entry.start, entry.end) if edge > moment]
    return min(future, default=None)
