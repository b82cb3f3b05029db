"""Playback state values, shared by every Player implementation and the UI."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from station_app.config.stations import Station


class PlaybackState(enum.Enum):
    IDLE = "idle"
    CONNECTING = "connecting"
    BUFFERING = "buffering"
    PLAYING = "playing"
    PAUSED = "paused"
    RECONNECTING = "reconnecting"
    ERROR = "error"


@dataclass(frozen=True)
class PlayerStatus:
    """Where playback stands.

    `buffering_percent` is meaningful while BUFFERING; `attempt` and
    `retry_at` (time.monotonic() of the next try) while RECONNECTING;
    `message` is a sentence for a person while ERROR or RECONNECTING.
    """

    state: PlaybackState = PlaybackState.IDLE
    buffering_percent: int = 0
    attempt: int = 0
    retry_at: float | None = None
    message: str = ""

    @property
    def is_active(self) -> bool:
        """The person wants to listen (anything but idle, paused or error)."""
        return self.state in (
            PlaybackState.CONNECTING,
            PlaybackState.BUFFERING,
            PlaybackState.PLAYING,
            PlaybackState.RECONNECTING,
        )


@dataclass(frozen=True)
class StationFailure:
    """Every stream of `station` failed its first attempts; `reasons` say how."""

    station: Station
    reasons: tuple[str, ...]

    @property
    def message(self) -> str:
        reason = self.reasons[-1] if self.reasons else "it has no known stream yet"
        return f"{self.station.call_sign}: {reason}"
