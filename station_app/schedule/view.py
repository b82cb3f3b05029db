"""What the schedule shows for the tuned station at this moment, and how it is said."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, tzinfo

from station_app.schedule.entries import ScheduleEntry


class LoadPhase(enum.Enum):
    """Where a schedule answer stands: On Now / Next Up, and the day view alike."""

    NONE = "none"  # no station or no schedule source: show nothing at all
    LOADING = "loading"  # the first answer is pending
    READY = "ready"  # entries known (on_now / next_up may still be None)
    FAILED = "failed"  # no entries and the source failed


@dataclass(frozen=True)
class ScheduleView:
    """On Now and Next Up as of the last clock check.

    `stale` means the source failed since the last good answer (`updated_at`);
    `message` then says what failed. Entries past their end are never kept.
    """

    phase: LoadPhase = LoadPhase.NONE
    on_now: ScheduleEntry | None = None
    next_up: ScheduleEntry | None = None
    stale: bool = False
    message: str = ""
    updated_at: datetime | None = None


def clock_text(moment: datetime, now: datetime, zone: tzinfo | None = None) -> str:
    """ "9:00 AM", "midnight", "1:00 AM tomorrow", "Thu 9:00 AM": in the listener's zone.

    `zone` None means the system's zone, with its DST rules for that very moment.
    """
    local, today = moment.astimezone(zone), now.astimezone(zone)
    days = (local.date() - today.date()).days
    if local.hour == 0 and local.minute == 0 and days in (0, 1):
        return "midnight"
    hour = local.hour % 12 or 12
    text = f"{hour}:{local:%M} {'AM' if local.hour < 12 else 'PM'}"
    if days == 1:
        return f"{text} tomorrow"
    if days == -1:
        return f"{text} yesterday"
    if days:
        return f"{local:%a} {text}"
    return text


def program_line(entry: ScheduleEntry) -> str:
    """ "Morning Edition with Ann Host" (the host left out when it is in the name)."""
    hosts = entry.host_text
    return f"{entry.program} with {hosts}" if hosts else entry.program


def on_now_text(view: ScheduleView, now: datetime, zone: tzinfo | None = None) -> str:
    entry = view.on_now
    if entry is None:
        return ""
    return f"On Now: {program_line(entry)}, until {clock_text(entry.end, now, zone)}"


def next_up_text(view: ScheduleView, now: datetime, zone: tzinfo | None = None) -> str:
    entry = view.next_up
    if entry is None:
        return ""
    return f"Next Up: {program_line(entry)} at {clock_text(entry.start, now, zone)}"


def status_text(view: ScheduleView, now: datetime, zone: tzinfo | None = None) -> str:
    """The small line under On Now / Next Up: loading, failure or staleness; else empty."""
    if view.phase is LoadPhase.LOADING:
        return "Loading the schedule…"
    if view.phase is LoadPhase.FAILED:
        return view.message
    if view.stale and view.updated_at is not None:
        return f"Schedule not updated since {clock_text(view.updated_at, now, zone)}"
    if view.phase is LoadPhase.READY and view.on_now is None and view.next_up is None:
        return "No program information for this time."
    return ""


def progress(entry: ScheduleEntry, now: datetime) -> float:
    """How far through the program `now` is, 0.0 to 1.0."""
    total = (entry.end - entry.start).total_seconds()
    done = (now - entry.start).total_seconds()
    return min(1.0, max(0.0, done / total)) if total > 0 else 0.0
