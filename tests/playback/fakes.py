"""A backend, timers and a resolver driven by the test, for the stream session's policy."""

from __future__ import annotations

from collections.abc import Callable

from station_app.playback.backend import AudioBackend, BackendEvent
from station_app.playback.resolve import Resolution
from tests.clock import Clock


class FakeBackend(AudioBackend):
    """Plays nothing; the test says what the stream does through `emit`."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []
        self.current: str | None = None
        self.volume: int | None = None
        self.muted: bool | None = None
        self.title = ""
        self.position = 0
        self.released = False

    def open(self, url: str) -> None:
        self.stop()
        self.current = url
        self.opened.append(url)

    def stop(self) -> None:
        self._next_media()
        self.current = None

    def set_volume(self, volume: int) -> None:
        self.volume = volume

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def read_title(self) -> str:
        return self.title if self.current else ""

    def position_ms(self) -> int:
        return self.position

    @property
    def version(self) -> str:
        return "Fake audio 1.0"

    def release(self) -> None:
        self.stop()
        self.released = True

    def emit(self, event: BackendEvent, value: float = 0.0) -> None:
        """The stream does something; the session hears it at once."""
        self._post(event, value)
        self.deliver_pending()

    def plays(self) -> None:
        self.emit(BackendEvent.BUFFERING, 100.0)
        self.emit(BackendEvent.PLAYING)


class ManualTimer:
    def __init__(self, timers: ManualTimers, callback: Callable[[], None], repeating: bool) -> None:
        self._timers = timers
        self.callback = callback
        self.repeating = repeating
        self.interval = 0.0
        self.due: float | None = None

    def start(self, seconds: float) -> None:
        self.interval = seconds
        self.due = self._timers.clock.now + seconds

    def stop(self) -> None:
        self.due = None

    def is_active(self) -> bool:
        return self.due is not None


class ManualTimers:
    """A TimerFactory whose timers fire only when the test moves the clock on."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.made: list[ManualTimer] = []

    def __call__(self, callback: Callable[[], None], repeating: bool) -> ManualTimer:
        timer = ManualTimer(self, callback, repeating)
        self.made.append(timer)
        return timer

    def active(self) -> list[ManualTimer]:
        return [timer for timer in self.made if timer.is_active()]

    def advance(self, seconds: float) -> None:
        """Moves the clock on, firing every timer that falls due on the way, in order."""
        end = self.clock.now + seconds
        while True:
            due = [t for t in self.made if t.due is not None and t.due <= end]
            if not due:
                break
            timer = min(due, key=lambda t: t.due or 0.0)
            assert timer.due is not None
            self.clock.now = max(self.clock.now, timer.due)
            timer.due = self.clock.now + timer.interval if timer.repeating else None
            timer.callback()
        self.clock.now = end


class FakeResolver:
    """Records what the session asks to resolve; the test answers with `finish`."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.cancelled = 0
        self._done: Callable[[Resolution], None] | None = None

    def __call__(self, url: str, done: Callable[[Resolution], None]) -> Callable[[], None]:
        self.asked.append(url)
        self._done = done

        def cancel() -> None:
            self.cancelled += 1

        return cancel

    def finish(self, result: Resolution) -> None:
        done, self._done = self._done, None
        assert done is not None, "nothing was being resolved"
        done(result)
