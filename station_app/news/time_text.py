"""Times as a person reads them in the news panel: "20 min ago", "Updated 3 min ago"."""

from __future__ import annotations

from datetime import datetime, tzinfo


def age_phrase(seconds: float) -> str:
    """A short age: "1 min", "2 h", "3 days"."""
    minutes = int(max(0.0, seconds) // 60)
    if minutes < 60:
        return f"{max(1, minutes)} min"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h"
    return f"{hours // 24} days"


def relative_time(moment: datetime | None, now: datetime) -> str:
    """ "just now", "20 min ago", "3 h ago", "yesterday", or a date for older items."""
    if moment is None:
        return ""
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 24 * 3600:
        return f"{age_phrase(seconds)} ago"
    local = moment.astimezone(now.tzinfo)
    if seconds < 48 * 3600:
        return "yesterday"
    if local.year == now.year:
        return f"{local:%b} {local.day}"
    return f"{local:%b} {local.day}, {local.year}"


def exact_time(moment: datetime, zone: tzinfo | None = None) -> str:
    """The full local time, for tooltips and the reader: "Tuesday, November 24, 2026, 9:40 AM"."""
    local = moment.astimezone(zone)
    hour = local.hour % 12 or 12
    return f"{local:%A, %B} {local.day}, {local.year}, {hour}:{local:%M %p}"


def updated_phrase(updated_at: float | None, now: float) -> str:
    if updated_at is None:
        return ""
    if now - updated_at < 60:
        return "Updated just now"
    return f"Updated {age_phrase(now - updated_at)} ago"
