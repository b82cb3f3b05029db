"""Player status as words a person reads (and a screen reader speaks)."""

from __future__ import annotations

import math

from station_app.playback.state import PlaybackState, PlayerStatus


def status_sentence(status: PlayerStatus, now: float) -> str:
    """E.g. "Buffering 45 %", "Reconnecting in 4 s…", or the error; short, for one line."""
    state = status.state
    if state is PlaybackState.IDLE:
        return "Stopped"
    if state is PlaybackState.CONNECTING:
        return "Connecting…"
    if state is PlaybackState.BUFFERING:
        return f"Buffering {status.buffering_percent} %"
    if state is PlaybackState.PLAYING:
        return "Playing"
    if state is PlaybackState.PAUSED:
        return "Paused"
    wait = _seconds_left(status, now)
    if state is PlaybackState.RECONNECTING:
        if wait is None or wait <= 0:
            return "Reconnecting…"
        return f"Reconnecting in {wait} s…"
    # The countdown first: on a narrow window the end of the line is cut short.
    if wait is not None and wait > 0:
        return f"Trying again in {wait} s. {status.message}."
    if status.is_retrying:
        return f"Trying again now. {status.message}."
    return f"{status.message}."


def announcement(status: PlayerStatus, station_name: str) -> str | None:
    """What a screen reader hears when the state changes; None for steps not worth a word.

    The same words for every retry of one outage, so a caller that drops
    repeats announces an outage once, not on every try.
    """
    state = status.state
    if state is PlaybackState.RECONNECTING:
        return f"{station_name} dropped; reconnecting"
    if state is PlaybackState.ERROR:
        return f"{status.message}. Trying again" if status.is_retrying else f"{status.message}."
    if status.is_retrying:
        return None  # a retry connecting and buffering
    if state is PlaybackState.CONNECTING:
        return f"Connecting to {station_name}"
    if state is PlaybackState.PLAYING:
        return f"Playing {station_name}"
    return None


def _seconds_left(status: PlayerStatus, now: float) -> int | None:
    if status.retry_at is None:
        return None
    return max(0, math.ceil(status.retry_at - now))


def elapsed_text(seconds: float) -> str:
    """ "<1 min", "12 min", "1 h 05 min": minutes, so the clock repaints once a minute."""
    hours, minutes = divmod(int(max(0, seconds)) // 60, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min" if minutes else "<1 min"


def elapsed_words(seconds: float) -> str:
    """The same in words for a screen reader: "1 hour 5 minutes"."""
    hours, minutes = divmod(int(max(0, seconds)) // 60, 60)
    if not hours and not minutes:
        return "less than a minute"
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)
