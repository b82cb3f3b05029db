"""The audio backend interface: the primitives a stream session needs, nothing more.

A backend opens one address at a time, plays, stops, sets the volume, and
reads the stream's title and position. What it notices (buffering, playing,
ended, error) it posts from any thread; the events reach the listener on the
main thread when `deliver_pending` runs, and only those of the media opened
last. Policy (which stream, when to retry, what counts as a stall) belongs to
the session above it.
"""

from __future__ import annotations

import abc
import enum
import queue
import threading
from collections.abc import Callable


class BackendEvent(enum.Enum):
    BUFFERING = "buffering"  # value: percent of the start-up buffer filled
    PLAYING = "playing"  # the input opened (the buffer may still be filling)
    ENDED = "ended"
    ERROR = "error"


Listener = Callable[[BackendEvent, float], None]


class PlayerUnavailableError(RuntimeError):
    """The backend's library loaded but would not start (e.g. with bad options)."""


class AudioBackend(abc.ABC):
    """Carries events from the backend's threads to one listener on the main thread.

    Implementations supply the primitives and call `_post` from wherever their
    library reports; `_next_media` marks the start of a new media, so events
    still in flight from the previous one are dropped.
    """

    def __init__(self) -> None:
        self._events: queue.SimpleQueue[tuple[int, BackendEvent, float]] = queue.SimpleQueue()
        self._media_serial = 0
        self._serial_lock = threading.Lock()
        self._listener: Listener | None = None
        self._wake: Callable[[], None] | None = None

    def connect(self, listener: Listener, wake: Callable[[], None]) -> None:
        """`wake` is called from any thread to have `deliver_pending` run on the main thread.

        Events posted before this call wait in the queue and are delivered by it.
        """
        self._listener = listener
        self._wake = wake
        self.deliver_pending()

    def deliver_pending(self) -> None:
        """Hands the queued events of the current media to the listener (main thread)."""
        listener = self._listener
        while listener is not None:
            try:
                serial, event, value = self._events.get_nowait()
            except queue.Empty:
                return
            if serial == self._media_serial:
                listener(event, value)

    def _post(self, event: BackendEvent, value: float = 0.0) -> None:
        """Any thread: queue an event of the current media and wake the main thread."""
        with self._serial_lock:
            self._events.put((self._media_serial, event, value))
        wake = self._wake
        if wake is not None:
            wake()

    def _next_media(self) -> None:
        with self._serial_lock:
            self._media_serial += 1

    @abc.abstractmethod
    def open(self, url: str) -> None:
        """Release the current media, if any, and start playing `url`."""

    @abc.abstractmethod
    def stop(self) -> None:
        """Stop playback and release the media; a no-op when nothing is open."""

    @abc.abstractmethod
    def set_volume(self, volume: int) -> None:
        """0 to 100."""

    @abc.abstractmethod
    def set_muted(self, muted: bool) -> None: ...

    @abc.abstractmethod
    def read_title(self) -> str:
        """The stream's own title (ICY StreamTitle), "" when it sends none."""

    @abc.abstractmethod
    def position_ms(self) -> int:
        """How far playback has got; it stops moving when the stream stalls."""

    @property
    @abc.abstractmethod
    def version(self) -> str:
        """The playing library and its version as a person reads it ("libVLC 3.0.21")."""

    @abc.abstractmethod
    def release(self) -> None:
        """Free everything; the backend is not used afterwards."""
