"""The stream session: the playback policy, over any audio backend.

Which of a station's streams to try, when an attempt has failed (an error,
the end of a live stream, no audio in time, a stall), whether retrying can
help, how long to wait before the next try, and when to forgive earlier
failures. The backend only opens, plays, stops and reports; the clock and the
timers are injected, so the policy runs deterministically in tests.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot

from station_app.playback.backend import AudioBackend, BackendEvent
from station_app.playback.backoff import Backoff, BackoffPolicy
from station_app.playback.base import Player
from station_app.playback.problems import StreamProblem, describe_failures
from station_app.playback.resolve import PlayableStream, Resolution
from station_app.playback.start import StartedStream, needs_resolving_first
from station_app.playback.state import PlaybackState, PlayerStatus, StationFailure
from station_app.playback.timers import TimerFactory, qt_timers
from station_app.stations.model import Station

log = logging.getLogger(__name__)

Resolver = Callable[[str, Callable[[Resolution], None]], Callable[[], None]]
"""resolve(url, done) starts working out what to open; done(result) follows on the
main thread unless the returned function cancels it first."""


@dataclass(frozen=True)
class SessionTimings:
    no_audio_timeout: float = 7.0  # not one byte of audio buffered: the attempt failed
    start_timeout: float = 20.0  # buffering but not playing: the attempt failed
    stall_timeout: float = 6.0  # the playing position frozen this long: the stream stalled
    watch_interval: float = 1.0  # the one low-rate check while a stream starts
    # Once it plays, the same check runs less often: a title shows at most this late,
    # a stall is still noticed well within stall_timeout, and the app wakes half as often.
    playing_watch_interval: float = 2.0
    hold: float = 10.0  # playing this long after a reconnect forgives the earlier failures


class _Resolving:
    """One resolution under way; `cancel` drops its result."""

    def __init__(self) -> None:
        self.cancel: Callable[[], None] = lambda: None


class StreamSession(Player):
    """Plays a station's streams through `backend`, failing over and retrying.

    Signals (besides Player's): none.
    """

    _backend_woke = Signal()

    def __init__(
        self,
        backend: AudioBackend,
        resolver: Resolver,
        timers: TimerFactory | None = None,
        clock: Callable[[], float] = time.monotonic,
        timings: SessionTimings | None = None,
        backoff: BackoffPolicy | None = None,
        started: StartedStream | None = None,
    ) -> None:
        super().__init__()
        self._backend = backend
        self._resolve = resolver
        self._clock = clock
        self._timings = timings or SessionTimings()
        self._backoff_policy = backoff or BackoffPolicy()
        self._backoff = Backoff(self._backoff_policy)
        timers = timers or qt_timers(self)
        self._retry_timer = timers(self._start_attempt, False)
        self._watch_timer = timers(self._watch, True)

        self._wanted = False  # the person wants to hear the station
        self._shut_down = False
        self._stream_index = 0
        self._ever_played = False  # since the person pressed play
        self._first_round: list[StreamProblem] = []
        self._url: str | None = None  # the address of the attempt under way
        self._resolving: _Resolving | None = None
        self._probed = False
        self._attempt_started = 0.0
        self._buffered = 0.0
        self._input_started = False
        self._buffer_full = False
        self._playing_since: float | None = None
        self._last_position = -1
        self._last_progress = 0.0

        if started is not None:
            self._begin(started.station)
            self._set_status(PlayerStatus(PlaybackState.CONNECTING))
            self._track_open(started.url, probed=False, at=started.started_at)
        # Queued even from the main thread: events are handled after the call that caused them.
        self._backend_woke.connect(self._deliver_events, Qt.ConnectionType.QueuedConnection)
        backend.connect(self._on_backend_event, self._backend_woke.emit)

    @property
    def backend(self) -> AudioBackend:
        return self._backend

    @property
    def backend_version(self) -> str:
        return self._backend.version

    # -- the Player interface ----------------------------------------------------------
    def play(self, station: Station) -> None:
        self._halt()
        self._begin(station)
        if not station.streams:
            self._wanted = False
            self._watch_timer.stop()
            self._set_status(
                PlayerStatus(
                    PlaybackState.ERROR, message=f"{station.call_sign}: it has no known stream yet"
                )
            )
            self.station_failed.emit(StationFailure(station, ()))
            return
        self._set_status(PlayerStatus(PlaybackState.CONNECTING))
        self._start_attempt()

    def stop(self) -> None:
        self._wanted = False
        self._halt()
        self._set_now_playing("")
        self._set_status(PlayerStatus(PlaybackState.IDLE))

    def pause(self) -> None:
        # A live stream cannot be held; pausing stops it and resuming rejoins it live.
        if self._station is None:
            return
        self._wanted = False
        self._halt()
        self._set_status(PlayerStatus(PlaybackState.PAUSED))

    def resume(self) -> None:
        if self._station is not None:
            self.play(self._station)

    def retry_now(self) -> None:
        if self._wanted and self._retry_timer.is_active():
            self._retry_timer.stop()
            self._start_attempt()

    def set_volume(self, volume: int) -> None:
        volume = max(0, min(100, int(volume)))
        if volume != self._volume:
            self._volume = volume
            self._backend.set_volume(self._heard_volume())
            self.volume_changed.emit(volume)

    def set_muted(self, muted: bool) -> None:
        if muted != self._muted:
            self._muted = muted
            self._backend.set_muted(muted)
            self.muted_changed.emit(muted)

    def _apply_fade(self) -> None:
        self._backend.set_volume(self._heard_volume())

    def _heard_volume(self) -> int:
        return round(self._volume * self._fade)

    def shutdown(self) -> None:
        # Once: libVLC's released player must not be stopped again (it crashes).
        if self._shut_down:
            return
        self._shut_down = True
        self._wanted = False
        self._halt()
        self._backend.release()

    # -- attempts ----------------------------------------------------------------------
    def _begin(self, station: Station) -> None:
        self._tune(station)
        self._set_now_playing("")
        self._wanted = True
        self._ever_played = False
        self._first_round = []
        self._stream_index = 0
        self._backoff.reset()
        self._watch_timer.start(self._timings.watch_interval)

    def _halt(self) -> None:
        """Stop whatever is under way: timers, a pending resolution, the backend."""
        self._retry_timer.stop()
        self._watch_timer.stop()
        self._stop_attempt()

    def _stop_attempt(self) -> None:
        if self._resolving is not None:
            self._resolving.cancel()
            self._resolving = None
        self._backend.stop()
        self._url = None
        self._playing_since = None

    def _start_attempt(self) -> None:
        station = self._station
        if not self._wanted or station is None:
            return
        url = station.streams[self._stream_index % len(station.streams)]
        self._attempt_started = self._clock()
        if needs_resolving_first(url):
            self._resolve_then(url, self._resolved)
        else:
            # Direct streams start at once; the probe runs only if the backend fails.
            self._open(url, probed=False)

    def _resolve_then(self, url: str, done: Callable[[Resolution], None]) -> None:
        resolving = _Resolving()

        def finished(result: Resolution) -> None:
            if self._resolving is resolving and self._wanted:
                self._resolving = None
                done(result)

        self._url = url
        self._resolving = resolving
        resolving.cancel = self._resolve(url, finished)

    def _resolved(self, result: Resolution) -> None:
        if isinstance(result, StreamProblem):
            self._fail(result)
        else:
            self._open(result.url, probed=True)

    def _open(self, url: str, probed: bool) -> None:
        self._backend.open(url)
        self._track_open(url, probed, self._clock())

    def _track_open(self, url: str, probed: bool, at: float) -> None:
        self._url = url
        self._probed = probed
        self._attempt_started = at
        self._buffered = 0.0
        self._input_started = self._buffer_full = False
        self._last_position = -1

    def _diagnose(self, url: str) -> None:
        """The backend failed on an unprobed stream: ask the probe why, or what it really is."""
        self._backend.stop()

        def diagnosed(result: Resolution) -> None:
            if isinstance(result, StreamProblem):
                self._fail(result)
            elif isinstance(result, PlayableStream) and result.url != url:
                self._open(result.url, probed=True)  # a playlist, recognised by its content
            else:
                self._fail(StreamProblem(url, f"the stream at {url} could not be played", False))

        self._resolve_then(url, diagnosed)

    @Slot()
    def _deliver_events(self) -> None:
        self._backend.deliver_pending()

    def _on_backend_event(self, event: BackendEvent, value: float) -> None:
        url = self._url
        if not self._wanted or url is None or self._resolving is not None:
            return
        retrying = self._status.is_retrying
        # Backends may say "playing" as soon as the input opens, even for a web page
        # that ends a moment later; the stream counts as playing once its buffer is full.
        if event is BackendEvent.BUFFERING:
            if self._status.state is PlaybackState.PLAYING:
                return  # re-buffering mid-stream; the stall check watches for trouble
            self._buffered = max(self._buffered, value)
            self._buffer_full = value >= 100
            if self._buffer_full and self._input_started:
                self._on_playing()
            elif not retrying:
                self._set_status(PlayerStatus(PlaybackState.BUFFERING, int(value)))
        elif event is BackendEvent.PLAYING:
            self._input_started = True
            if self._buffer_full:
                self._on_playing()
        elif self._playing_since is not None:
            self._fail(StreamProblem(url, f"the stream at {url} stopped", permanent=False))
        elif not self._probed:
            self._diagnose(url)
        else:
            self._fail(StreamProblem(url, f"the stream at {url} could not be played", False))

    def _on_playing(self) -> None:
        now = self._clock()
        self._playing_since = now
        self._last_progress = now
        self._ever_played = True
        self._first_round = []
        self._backend.set_volume(self._heard_volume())
        self._backend.set_muted(self._muted)
        self._watch_timer.start(self._timings.playing_watch_interval)
        self._set_status(PlayerStatus(PlaybackState.PLAYING))

    def _fail(self, problem: StreamProblem) -> None:
        station = self._station
        assert station is not None
        now = self._clock()
        if self._held(now):
            self._backoff.reset()
        self._stop_attempt()
        # Back to checking every second: a countdown to the next try is shown.
        self._watch_timer.start(self._timings.watch_interval)
        self._set_now_playing("")
        log.info("%s: %s", station.call_sign, problem.reason)
        self._stream_index = (self._stream_index + 1) % len(station.streams)
        if self._ever_played:
            message, details = describe_failures(station.call_sign, [problem])
            state = PlaybackState.RECONNECTING
        else:
            self._first_round.append(problem)
            if len(self._first_round) < len(station.streams):
                self._start_attempt()  # the station's next stream, at once
                return
            failures, self._first_round = self._first_round, []
            self.station_failed.emit(StationFailure(station, tuple(p.reason for p in failures)))
            message, details = describe_failures(station.call_sign, failures)
            state = PlaybackState.ERROR
            if all(p.permanent for p in failures):
                self._wanted = False
                self._watch_timer.stop()
                self._set_status(PlayerStatus(state, message=message, details=details))
                return
        delay = self._backoff.next_delay()
        self._set_status(
            PlayerStatus(
                state,
                attempt=self._backoff.attempt,
                retry_at=now + delay,
                message=message,
                details=details,
            )
        )
        self._retry_timer.start(delay)

    def _held(self, now: float) -> bool:
        since = self._playing_since
        return since is not None and now - since >= self._timings.hold

    # -- the one low-rate timer while the person listens -------------------------------
    def _watch(self) -> None:
        if not self._wanted:
            self._watch_timer.stop()
            return
        now = self._clock()
        url = self._url
        status = self._status
        if status.state is PlaybackState.PLAYING and url is not None:
            self._watch_playing(now, url)
        elif url is not None:
            self._watch_attempt(now, url)
        self.ticked.emit()

    def _watch_playing(self, now: float, url: str) -> None:
        if self._held(now) and self._backoff.attempt:
            self._backoff.reset()
        self._set_now_playing(self._backend.read_title())
        position = self._backend.position_ms()
        if position != self._last_position:
            self._last_position = position
            self._last_progress = now
        elif now - self._last_progress > self._timings.stall_timeout:
            self._fail(StreamProblem(url, f"the stream at {url} stalled", permanent=False))

    def _watch_attempt(self, now: float, url: str) -> None:
        waited = now - self._attempt_started
        timings = self._timings
        if self._buffered <= 0 and waited > timings.no_audio_timeout:
            seconds = f"{timings.no_audio_timeout:g}"
            self._fail(
                StreamProblem(url, f"the stream at {url} sent no audio in {seconds} s", False)
            )
        elif waited > timings.start_timeout:
            seconds = f"{timings.start_timeout:g}"
            reason = f"the stream at {url} did not start playing in {seconds} s"
            self._fail(StreamProblem(url, reason, permanent=False))
