"""The libVLC Player: the only module that imports `vlc`.

libVLC calls event callbacks on its own threads and must not be called back
from them, so each callback only emits a queued Qt signal; every libVLC call
happens on the main thread. Live streams never legitimately end: Ended, an
error, or a stall all count as failures and lead to a reconnect.
"""

from __future__ import annotations

import ctypes
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import vlc
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from station_app.config.stations import Station
from station_app.fetch.cancel import CancelToken
from station_app.player.backoff import Backoff, BackoffPolicy
from station_app.player.base import Player
from station_app.player.resolve import (
    Resolution,
    StreamProblem,
    needs_resolving_first,
)
from station_app.player.state import PlaybackState, PlayerStatus, StationFailure
from station_app.player.titles import decode_title
from station_app.tasks import TaskRunner

log = logging.getLogger(__name__)

Resolver = Callable[[str, CancelToken], Resolution]

_EVENTS = {
    vlc.EventType.MediaPlayerBuffering: "buffering",
    vlc.EventType.MediaPlayerPlaying: "playing",
    vlc.EventType.MediaPlayerEndReached: "ended",
    vlc.EventType.MediaPlayerEncounteredError: "error",
}


class PlayerUnavailableError(RuntimeError):
    """libVLC could not be loaded or started."""


@dataclass(frozen=True)
class PlayerTimings:
    start_timeout: float = 20.0  # no Playing within this: the attempt failed
    stall_timeout: float = 12.0  # playback time frozen this long: the stream stalled
    watch_interval_ms: int = 1000  # title and stall checks; no faster than 1 Hz


class _EventBridge(QObject):
    """Carries libVLC events from its threads to the main thread."""

    forwarded = Signal(int, str, float)


# python-vlc decodes meta strictly as UTF-8 and raises on Latin-1 titles; this
# binding of the same C function returns the raw bytes, decoded by titles.py.
_media_get_meta = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint)(
    ("libvlc_media_get_meta", vlc.dll)
)


def _get_raw_meta(media: vlc.Media, meta: int) -> bytes | None:
    pointer = _media_get_meta(media._as_parameter_, meta)
    if not pointer:
        return None
    try:
        return ctypes.string_at(pointer)
    finally:
        vlc.libvlc_free(ctypes.c_void_p(pointer))


class VlcPlayer(Player):
    """Plays live streams through one libVLC instance and one media player."""

    def __init__(
        self,
        tasks: TaskRunner,
        resolver: Resolver,
        vlc_options: tuple[str, ...] = (),
        network_caching_ms: int = 1000,
        timings: PlayerTimings | None = None,
        backoff: BackoffPolicy | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        options = ["--no-video", "--quiet", f"--network-caching={network_caching_ms}"]
        options.extend(vlc_options)
        try:
            self._instance: Any = vlc.Instance(options)
        except (OSError, NameError, AttributeError) as error:
            raise PlayerUnavailableError(f"libVLC could not be loaded: {error}") from error
        if self._instance is None:
            raise PlayerUnavailableError(
                "libVLC did not start with these options: " + " ".join(options)
            )
        self._player: Any = self._instance.media_player_new()
        self._media: Any = None
        self._tasks = tasks
        self._resolve = resolver
        self._timings = timings or PlayerTimings()
        self._backoff_policy = backoff or BackoffPolicy()
        self._backoff = Backoff(self._backoff_policy)
        self._clock = clock

        self._wanted = False  # the person wants to hear the station
        self._generation = 0  # bumps with every attempt; older events are ignored
        self._stream_index = 0
        self._ever_played = False
        self._first_round: list[StreamProblem] = []
        self._attempt_started = 0.0
        self._playing_since: float | None = None
        self._last_time_ms = -1
        self._last_progress = 0.0
        self._probed = False
        self._input_started = False
        self._buffer_full = False
        self.media_opened = 0
        self.media_released = 0

        self._bridge = _EventBridge()
        self._bridge.forwarded.connect(self._on_vlc_event)
        manager = self._player.event_manager()
        for event_type, name in _EVENTS.items():
            manager.event_attach(event_type, self._vlc_callback, name)

        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._start_attempt)
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(self._timings.watch_interval_ms)
        self._watch_timer.timeout.connect(self._watch)

    # -- libVLC's threads -------------------------------------------------------------
    def _vlc_callback(self, event: Any, name: str) -> None:
        value = float(event.u.new_cache) if name == "buffering" else 0.0
        self._bridge.forwarded.emit(self._generation, name, value)

    # -- the Player interface ----------------------------------------------------------
    def play(self, station: Station) -> None:
        self._halt()
        self._tune(station)
        self._set_now_playing("")
        self._wanted = True
        self._ever_played = False
        self._first_round = []
        self._stream_index = 0
        self._backoff.reset()
        if not station.streams:
            self._wanted = False
            reason = "it has no known stream yet"
            self._set_status(
                PlayerStatus(PlaybackState.ERROR, message=f"{station.call_sign}: {reason}")
            )
            self.station_failed.emit(StationFailure(station, ()))
            return
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

    def set_volume(self, volume: int) -> None:
        volume = max(0, min(100, int(volume)))
        if volume != self._volume:
            self._volume = volume
            self._player.audio_set_volume(volume)
            self.volume_changed.emit(volume)

    def set_muted(self, muted: bool) -> None:
        if muted != self._muted:
            self._muted = muted
            self._player.audio_set_mute(muted)
            self.muted_changed.emit(muted)

    def shutdown(self) -> None:
        self._wanted = False
        self._halt()
        self._player.release()
        self._instance.release()

    # -- attempts ----------------------------------------------------------------------
    def _halt(self) -> None:
        """Stop whatever is under way: timers, pending resolution, libVLC playback."""
        self._generation += 1
        self._retry_timer.stop()
        self._watch_timer.stop()
        self._tasks.cancel("player-resolve")
        self._player.stop()
        self._release_media()
        self._playing_since = None

    def _release_media(self) -> None:
        if self._media is not None:
            self._media.release()
            self._media = None
            self.media_released += 1

    @Slot()
    def _start_attempt(self) -> None:
        station = self._station
        if not self._wanted or station is None:
            return
        self._generation += 1
        url = station.streams[self._stream_index % len(station.streams)]
        if self._status.state not in (PlaybackState.RECONNECTING, PlaybackState.ERROR):
            self._set_status(PlayerStatus(PlaybackState.CONNECTING))
        self._attempt_started = self._clock()
        self._watch_timer.start()
        if needs_resolving_first(url):
            self._resolve_then(url, self._on_resolved)
        else:
            # Direct streams start at once; the probe runs only if libVLC fails.
            self._open(url, probed=False)

    def _resolve_then(self, url: str, done: Callable[[int, Resolution], None]) -> None:
        generation = self._generation
        resolve = self._resolve
        self._tasks.submit(
            lambda cancel: resolve(url, cancel),
            lambda result: done(generation, result),
            key="player-resolve",
        )

    def _on_resolved(self, generation: int, result: Resolution) -> None:
        if generation != self._generation or not self._wanted:
            return
        if isinstance(result, StreamProblem):
            self._fail(result)
        else:
            self._open(result.url, probed=True)

    def _open(self, url: str, probed: bool) -> None:
        self._release_media()
        self._media = self._instance.media_new(url)
        self.media_opened += 1
        self._probed = probed
        self._input_started = self._buffer_full = False
        self._player.set_media(self._media)
        self._last_time_ms = -1
        self._attempt_started = self._clock()
        self._player.play()

    def _diagnose(self, url: str, fallback: str) -> None:
        """libVLC failed on an unprobed stream: ask the probe why, or what it really is."""
        self._generation += 1
        self._player.stop()

        def diagnosed(generation: int, result: Resolution) -> None:
            if generation != self._generation or not self._wanted:
                return
            if isinstance(result, StreamProblem):
                self._fail(result)
            elif result.url != url:
                self._open(result.url, probed=True)  # a playlist, recognised by its content
            else:
                self._fail(StreamProblem(url, fallback, permanent=False))

        self._resolve_then(url, diagnosed)

    @Slot(int, str, float)
    def _on_vlc_event(self, generation: int, name: str, value: float) -> None:
        if generation != self._generation or not self._wanted:
            return
        # libVLC says "playing" as soon as the input opens, even for a web page that
        # ends a moment later; the stream counts as playing once its buffer is full.
        if name == "buffering":
            if self._status.state is not PlaybackState.PLAYING:
                self._buffer_full = value >= 100
                if self._buffer_full and self._input_started:
                    self._on_playing()
                else:
                    self._set_status(PlayerStatus(PlaybackState.BUFFERING, int(value)))
        elif name == "playing":
            self._input_started = True
            if self._buffer_full:
                self._on_playing()
        else:
            url = self._media.get_mrl() if self._media is not None else ""
            if self._playing_since is not None:
                self._fail(StreamProblem(url, f"the stream at {url} stopped", permanent=False))
            elif not self._probed:
                self._diagnose(url, f"the stream at {url} could not be played")
            else:
                reason = f"the stream at {url} could not be played"
                self._fail(StreamProblem(url, reason, permanent=False))

    def _on_playing(self) -> None:
        self._playing_since = self._clock()
        self._last_progress = self._playing_since
        self._ever_played = True
        self._first_round = []
        self._player.audio_set_volume(self._volume)
        self._player.audio_set_mute(self._muted)
        self._set_status(PlayerStatus(PlaybackState.PLAYING))

    def _fail(self, problem: StreamProblem) -> None:
        station = self._station
        assert station is not None
        now = self._clock()
        if (
            self._playing_since is not None
            and now - self._playing_since >= self._backoff_policy.good_play_reset
        ):
            self._backoff.reset()
        self._generation += 1
        self._watch_timer.stop()
        self._player.stop()
        self._release_media()
        self._playing_since = None
        log.info("%s: %s", station.call_sign, problem.reason)
        self._stream_index = (self._stream_index + 1) % len(station.streams)
        if not self._ever_played and self._first_round is not None:
            self._first_round.append(problem)
            if len(self._first_round) < len(station.streams):
                self._start_attempt()  # the station's next stream, at once
                return
            failures = self._first_round
            self._first_round = []
            self.station_failed.emit(StationFailure(station, tuple(p.reason for p in failures)))
            message = f"{station.call_sign}: {failures[0].reason}"
            if all(p.permanent for p in failures):
                self._wanted = False
                self._set_status(PlayerStatus(PlaybackState.ERROR, message=message))
                return
            delay = self._backoff.next_delay()
            self._set_status(
                PlayerStatus(
                    PlaybackState.ERROR,
                    attempt=self._backoff.attempt,
                    retry_at=now + delay,
                    message=message,
                )
            )
        else:
            delay = self._backoff.next_delay()
            self._set_status(
                PlayerStatus(
                    PlaybackState.RECONNECTING,
                    attempt=self._backoff.attempt,
                    retry_at=now + delay,
                    message=f"{station.call_sign}: {problem.reason}",
                )
            )
        self._retry_timer.start(int(delay * 1000))

    # -- the low-rate watch while an attempt runs or plays -----------------------------
    @Slot()
    def _watch(self) -> None:
        if not self._wanted:
            self._watch_timer.stop()
            return
        now = self._clock()
        if self._status.state is PlaybackState.PLAYING:
            self._read_title()
            position = int(self._player.get_time())
            if position != self._last_time_ms:
                self._last_time_ms = position
                self._last_progress = now
            elif now - self._last_progress > self._timings.stall_timeout:
                url = self._media.get_mrl() if self._media is not None else ""
                self._fail(StreamProblem(url, f"the stream at {url} stalled", False))
        elif now - self._attempt_started > self._timings.start_timeout:
            url = self._media.get_mrl() if self._media is not None else "the stream"
            seconds = f"{self._timings.start_timeout:g}"
            self._fail(StreamProblem(url, f"{url} did not start within {seconds} s", False))

    def _read_title(self) -> None:
        if self._media is None:
            return
        raw = _get_raw_meta(self._media, vlc.Meta.NowPlaying.value)
        self._set_now_playing(decode_title(raw) if raw else "")
