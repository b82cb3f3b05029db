"""How an attempt starts: direct streams open at once, playlist addresses are resolved first."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from station_app.stations.model import Station

_PLAYLIST_EXTENSIONS = (".pls", ".m3u", ".m3u8")


def needs_resolving_first(url: str) -> bool:
    """Playlist addresses are unpacked before the backend sees them; others open at once."""
    return urlsplit(url).path.lower().endswith(_PLAYLIST_EXTENSIONS)


@dataclass(frozen=True)
class StartedStream:
    """A stream the backend was asked to play before the session existed (see early.py)."""

    station: Station
    url: str
    started_at: float  # time.monotonic() when it was opened
