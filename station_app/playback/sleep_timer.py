"""The sleep timer: playback stops after a while, or when the program on now ends.

Over its last seconds the sound fades out through `Player.set_fade`, which
leaves the person's volume untouched, so the next listen starts at the volume
they chose. The clocks and the timer are injected, as in the stream session,
so tests move time by hand; the durations (the choices and the fade) are
injectable for a real run of a few seconds.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Signal

from station_app.playback.base import Player
from station_app.playback.timers import TimerFactory, qt_timers

SLEEP_MINUTES = (15, 30, 45, 60, 90)


@dataclass(frozen=True)
class ProgramEnd:
    """The program on now and when it ends (an aware moment)."""

    program: str
    at: datetime


@dataclass(frozen=True)
class SleepTimings:
    fade: float = 10.0  # the sound fades out over this many last seconds
    tick: float = 1.0  # the remaining time is told this often
    fade_step: float = 0.1  # the volume steps down this often while fading


def utc_now() -> datetime:
    return datetime.now(UTC)


class SleepTimer(QObject):
    """Stops the player when the time is up, after fading the sound out.

    It counts on whatever the player does meanwhile (pausing, another
    station); a new choice replaces the running one; `cancel` ends it with the
    sound back at once.

    Signals:
        changed(): started, cancelled or ran out
        ticked(): the remaining time moved on (about once a second while running)
        ended(): the time ran out and playback was stopped
    """

    changed = Signal()
    ticked = Signal()
    ended = Signal()

    def __init__(
        self,
        player: Player,
        program_end: Callable[[], ProgramEnd | None] = lambda: None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = utc_now,
        timers: TimerFactory | None = None,
        timings: SleepTimings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._program_end = program_end
        self._clock = clock
        self._wall_clock = wall_clock
        self._timings = timings or SleepTimings()
        self._timer = (timers or qt_timers(self))(self._wake, False)
        self._deadline: float | None = None
        self._minutes: int | None = None
        self._program: str | None = None

    # -- what observers read ------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._deadline is not None

    @property
    def minutes(self) -> int | None:
        """The number of minutes chosen, when a number of minutes was chosen."""
        return self._minutes

    @property
    def program(self) -> str | None:
        """The program it stops after, when "at the end of this program" was chosen."""
        return self._program

    def remaining(self) -> float | None:
        """Seconds until playback stops; None when the timer is off."""
        if self._deadline is None:
            return None
        return max(0.0, self._deadline - self._clock())

    def program_end(self) -> ProgramEnd | None:
        """The program on now, if its end is known and still ahead."""
        end = self._program_end()
        if end is None or end.at <= self._wall_clock():
            return None
        return end

    # -- what the window (and the tray) call ----------------------------------------------
    def start(self, minutes: int) -> None:
        """Stops playback `minutes` from now."""
        self._begin(minutes * 60.0)
        self._minutes = minutes
        self.changed.emit()

    def start_until_program_end(self) -> bool:
        """Stops playback when the program on now ends; False when that is not known."""
        end = self.program_end()
        if end is None:
            return False
        self._begin((end.at - self._wall_clock()).total_seconds())
        self._program = end.program
        self.changed.emit()
        return True

    def start_for(self, seconds: float) -> None:
        """Stops playback `seconds` from now (for a run of a few seconds)."""
        self._begin(seconds)
        self.changed.emit()

    def cancel(self) -> None:
        if self._deadline is None:
            return
        self._end()
        self.changed.emit()

    # -- counting down ----------------------------------------------------------------------
    def _begin(self, seconds: float) -> None:
        self._end()
        self._deadline = self._clock() + max(0.0, seconds)
        self._wake(tick=False)

    def _end(self) -> None:
        self._timer.stop()
        self._deadline = self._minutes = self._program = None
        self._player.set_fade(1.0)

    def _wake(self, tick: bool = True) -> None:
        remaining = self.remaining()
        if remaining is None:
            return
        if remaining <= 0:
            self._run_out()
            return
        timings = self._timings
        fading = remaining <= timings.fade
        self._player.set_fade(remaining / timings.fade if fading else 1.0)
        if fading:
            delay = min(timings.fade_step, remaining)
        else:
            # Wake in time to start the fade, else on the next whole second left.
            to_whole = remaining - math.floor(remaining / timings.tick) * timings.tick
            delay = min(remaining - timings.fade, to_whole or timings.tick)
        self._timer.start(delay)
        if tick:
            self.ticked.emit()

    def _run_out(self) -> None:
        self._player.set_fade(0.0)
        self._player.stop()
        self._end()  # the sound back at the person's volume, for the next listen
        self.ended.emit()
        self.changed.emit()
