"""Turn a configured stream address into what libVLC should open, through the shared fetcher.

libVLC reports a refused connection, a 404 or a web page as a plain "Ended";
the stream probe (station_app.fetch.stream_probe) looks at the first bytes and
gives the person the real reason, and unpacks playlists by their content.
Runs in a background task.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from station_app.fetch.cancel import CancelToken
from station_app.fetch.fetcher import Fetcher
from station_app.fetch.stream_probe import ProbeOutcome, probe_stream

_PLAYLIST_EXTENSIONS = (".pls", ".m3u", ".m3u8")


@dataclass(frozen=True)
class PlayableStream:
    """What libVLC should open."""

    url: str


@dataclass(frozen=True)
class StreamProblem:
    """Why a stream cannot play; `permanent` when retrying cannot help (a web page)."""

    url: str
    reason: str
    permanent: bool


Resolution = PlayableStream | StreamProblem


def needs_resolving_first(url: str) -> bool:
    """Playlist addresses are unpacked before libVLC sees them; direct streams start at once."""
    return urlsplit(url).path.lower().endswith(_PLAYLIST_EXTENSIONS)


def _reason(message: str) -> str:
    message = message.rstrip(".")
    return message[:1].lower() + message[1:]


def resolve_stream(fetcher: Fetcher, url: str, cancel: CancelToken) -> Resolution:
    result = probe_stream(fetcher, url, cancel)
    if result.ok:
        return PlayableStream(result.audio_url or url)
    permanent = result.outcome in (ProbeOutcome.NOT_AUDIO, ProbeOutcome.EMPTY_PLAYLIST)
    return StreamProblem(url, _reason(result.message), permanent)
