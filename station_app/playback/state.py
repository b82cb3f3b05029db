"""Playback state values, shared by every Player implementation and the UI."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from station_app.stations.model import Station


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

    `buffering_percent` is meaningful while BUFFERING. `attempt` counts the
    tries since the station last played (0 on the first try) and stays set
    while a retry connects and buffers; `retry_at` (time.monotonic() of the
    next try) is set while waiting to try again. `message` is a short sentence
    for a person while ERROR or RECONNECTING; `details` says, one line each,
    what went wrong with every stream.
    """

    state: PlaybackState = PlaybackState.IDLE
    buffering_percent: int = 0
    attempt: int = 0
    retry_at: float | None = None
    message: str = ""
    details: tuple[str, ...] = ()

    @property
    def is_retrying(self) -> bool:
        """Something failed and the player is trying again by itself."""
        if self.state is PlaybackState.RECONNECTING:
            return True
        if self.state is PlaybackState.ERROR:
            return self.retry_at is not None
        return self.attempt > 0 and self.state is not PlaybackState.PLAYING

    @property
    def is_active(self) -> bool:
        """The person wants to listen: playing, on the way there, or trying again."""
        return self.is_retrying or self.state in (
            PlaybackState.CONNECTING,
            PlaybackState.BUFFERING,
            PlaybackState.PLAYING,
        )


@dataclass(frozen=True)
class StationFailure:
    """Every stream of `station` failed its first attempts; `reasons` say how, one per stream."""

    station: Station
    reasons: tuple[str, ...]

    @property
    def message(self) -> str:
        reason = self.reasons[-1] if self.reasons else "it has no known stream yet"
        return f"{self.station.call_sign}: {reason}"
