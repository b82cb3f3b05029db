"""Turn a configured stream address into what libVLC should open, through the shared fetcher.

libVLC reports a refused connection, a 404 or a web page as a plain "Ended";
the stream probe (station_app.streams.probe) looks at the first bytes and
gives the person the real reason, and unpacks playlists by their content.
Runs in a background task (`task_resolver`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.playback.problems import StreamProblem
from station_app.streams.probe import ProbeOutcome, probe_stream
from station_app.tasks import TaskFailed, TaskRunner


@dataclass(frozen=True)
class PlayableStream:
    """What libVLC should open."""

    url: str


Resolution = PlayableStream | StreamProblem


def _reason(message: str) -> str:
    message = message.rstrip(".")
    return message[:1].lower() + message[1:]


def resolve_stream(fetcher: Fetcher, url: str, cancel: CancelToken) -> Resolution:
    result = probe_stream(fetcher, url, cancel)
    if result.ok:
        return PlayableStream(result.audio_url or url)
    permanent = result.outcome in (ProbeOutcome.NOT_AUDIO, ProbeOutcome.EMPTY_PLAYLIST)
    return StreamProblem(url, _reason(result.message), permanent)


def task_resolver(
    tasks: TaskRunner, fetcher: Fetcher
) -> Callable[[str, Callable[[Resolution], None]], Callable[[], None]]:
    """A session's resolver: one probe at a time, in the background; the returned function
    cancels it. A probe that breaks counts as a stream that could not be checked."""
    probe = tasks.slot()

    def resolve(url: str, done: Callable[[Resolution], None]) -> Callable[[], None]:
        def failed(_failure: TaskFailed) -> None:
            reason = "the stream could not be checked: an error inside Station App stopped it"
            done(StreamProblem(url, reason, permanent=False))

        probe.start(lambda cancel: resolve_stream(fetcher, url, cancel), done, failed)
        return probe.cancel

    return resolve
