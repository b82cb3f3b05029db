"""The libVLC audio backend: the only module that imports `vlc`.

Only primitives: open, stop, volume, title, position. libVLC calls event
callbacks on its own threads and must not be called back from them, so each
callback only posts the event (AudioBackend carries it to the main thread);
every libVLC call happens on the thread that made the backend. Plain Python,
no Qt: it can start a stream before Qt has loaded.
"""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from typing import Any

import vlc

from station_app.playback.backend import AudioBackend, BackendEvent, PlayerUnavailableError
from station_app.playback.titles import decode_title

_EVENTS = {
    vlc.EventType.MediaPlayerBuffering: BackendEvent.BUFFERING,
    vlc.EventType.MediaPlayerPlaying: BackendEvent.PLAYING,
    vlc.EventType.MediaPlayerEndReached: BackendEvent.ENDED,
    vlc.EventType.MediaPlayerEncounteredError: BackendEvent.ERROR,
}


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


# libVLC reads HTTP streams ahead into a 16 MiB buffer kept for seeking back;
# a live stream fills it at its own bit rate, so memory grew by ~1 MB a minute
# for a quarter of an hour. 1 MiB is over a minute of 128 kbit/s audio.
LIVE_READ_AHEAD = ("--prefetch-buffer-size=1024", "--prefetch-read-size=16384")  # KiB, bytes


def refused_options(options: Sequence[str]) -> list[str]:
    """Those of `options` libVLC will not start with; empty when it takes them all.

    For `--check-config`: a mistyped option otherwise shows only when Play is pressed.
    """

    def starts(chosen: Sequence[str]) -> bool:
        instance = vlc.Instance(["--no-video", "--quiet", *chosen])
        if instance is None:
            return False
        instance.release()
        return True

    if starts(options):
        return []
    return [option for option in options if not starts([option])] or list(options)


class VlcBackend(AudioBackend):
    """One libVLC instance and one media player; `media_opened`/`media_released` count media."""

    def __init__(self, vlc_options: tuple[str, ...] = (), network_caching_ms: int = 1000) -> None:
        super().__init__()
        options = ["--no-video", "--quiet", f"--network-caching={network_caching_ms}"]
        options.extend(LIVE_READ_AHEAD)
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
        self.media_opened = 0
        self.media_released = 0
        manager = self._player.event_manager()
        for event_type, event in _EVENTS.items():
            manager.event_attach(event_type, self._on_vlc_event, event)

    def _on_vlc_event(self, vlc_event: Any, event: BackendEvent) -> None:
        # libVLC's thread: no libVLC calls here, only the hand-over.
        value = float(vlc_event.u.new_cache) if event is BackendEvent.BUFFERING else 0.0
        self._post(event, value)

    def open(self, url: str) -> None:
        self.stop()
        self._media = self._instance.media_new(url)
        self.media_opened += 1
        self._player.set_media(self._media)
        self._player.play()

    def stop(self) -> None:
        self._player.stop()  # synchronous: the old input posts nothing after this
        self._next_media()
        if self._media is not None:
            self._media.release()
            self._media = None
            self.media_released += 1

    def set_volume(self, volume: int) -> None:
        self._player.audio_set_volume(volume)

    def set_muted(self, muted: bool) -> None:
        self._player.audio_set_mute(muted)

    def read_title(self) -> str:
        if self._media is None:
            return ""
        raw = _get_raw_meta(self._media, vlc.Meta.NowPlaying.value)
        return decode_title(raw) if raw else ""

    def position_ms(self) -> int:
        return int(self._player.get_time())

    @property
    def version(self) -> str:
        raw = vlc.libvlc_get_version()
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        return f"libVLC {text}"

    def release(self) -> None:
        self.stop()
        self._player.release()
        self._instance.release()
