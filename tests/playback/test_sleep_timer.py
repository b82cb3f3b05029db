"""The sleep timer's policy, with a hand-set clock and timers: count down, fade, stop, restore."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from station_app.playback.fake import FakePlayer
from station_app.playback.session import StreamSession
from station_app.playback.sleep_timer import ProgramEnd, SleepTimer, SleepTimings
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.stations.model import Station
from tests.clock import Clock
from tests.playback.fakes import FakeBackend, FakeResolver, ManualTimers

WTST = Station("wtst", "WTST", "88.8 FM", "Loopback", ("http://127.0.0.1:9/a",), None, "UTC")
START = datetime(2024, 5, 6, 18, 30, tzinfo=UTC)


class WallClock:
    """The wall clock, moving with the monotonic test clock."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._origin = clock.now

    def __call__(self) -> datetime:
        return START + timedelta(seconds=self._clock.now - self._origin)


@dataclass
class Rig:
    timer: SleepTimer
    player: FakePlayer
    timers: ManualTimers
    clock: Clock
    program: list[ProgramEnd | None]
    fades: list[float] = field(default_factory=list)
    events: list[str] = field(default_factory=list)

    def advance(self, seconds: float) -> None:
        self.timers.advance(seconds)


class FadeRecordingPlayer(FakePlayer):
    def __init__(self, fades: list[float]) -> None:
        super().__init__()
        self._fades = fades

    def _apply_fade(self) -> None:
        self._fades.append(self.fade)


@pytest.fixture
def rig(qtbot: QtBot) -> Rig:
    clock = Clock(500.0)
    timers = ManualTimers(clock)
    fades: list[float] = []
    player = FadeRecordingPlayer(fades)
    player.set_volume(70)
    player.play(WTST)
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    program: list[ProgramEnd | None] = [None]
    timer = SleepTimer(
        player, lambda: program[0], clock=clock, wall_clock=WallClock(clock), timers=timers
    )
    rig = Rig(timer, player, timers, clock, program, fades)
    timer.changed.connect(lambda: rig.events.append("changed"))
    timer.ended.connect(lambda: rig.events.append("ended"))
    return rig


def stops(rig: Rig) -> int:
    return rig.player.requests.count(("stop", None))


def test_thirty_minutes_counts_down_fades_the_last_ten_seconds_and_stops(rig: Rig) -> None:
    rig.timer.start(30)
    assert rig.timer.running and rig.timer.minutes == 30
    assert rig.timer.remaining() == 30 * 60
    assert rig.events == ["changed"]
    rig.advance(30 * 60 - 10.5)
    assert rig.player.fade == 1.0, "no fade before the last ten seconds"
    assert stops(rig) == 0
    rig.advance(5.5)  # 5 s left: half way down
    assert rig.player.fade == pytest.approx(0.5, abs=0.02)
    assert rig.player.volume == 70, "the fade never touches the person's volume"
    rig.advance(5)
    assert stops(rig) == 1
    assert rig.player.status.state is PlaybackState.IDLE
    # Down step by step, silent at the end, and back for the next listen.
    steps = rig.fades[:-1]
    assert len(steps) >= 90 and steps == sorted(steps, reverse=True)
    assert min(steps) == 0.0
    assert rig.player.fade == 1.0 and rig.player.volume == 70
    assert not rig.timer.running and rig.timer.remaining() is None
    assert rig.events == ["changed", "ended", "changed"]
    assert rig.timers.active() == []


def test_remaining_time_ticks_once_a_second_on_whole_seconds_left(rig: Rig) -> None:
    ticks: list[float] = []
    rig.timer.ticked.connect(lambda: ticks.append(rig.timer.remaining() or 0.0))
    # A program end is seldom a whole number of seconds away.
    rig.program[0] = ProgramEnd("News", START + timedelta(seconds=125.4))
    rig.timer.start_until_program_end()
    rig.advance(5)
    assert ticks == pytest.approx([125.0, 124.0, 123.0, 122.0, 121.0])


def test_cancel_during_the_fade_brings_the_sound_back_at_once(rig: Rig) -> None:
    rig.timer.start(15)
    rig.advance(15 * 60 - 3)
    assert rig.player.fade < 0.5
    rig.timer.cancel()
    assert rig.player.fade == 1.0
    assert not rig.timer.running
    rig.advance(60)
    assert stops(rig) == 0, "a cancelled timer stops nothing"
    assert rig.events == ["changed", "changed"]
    rig.timer.cancel()
    assert rig.events == ["changed", "changed"], "cancelling nothing changes nothing"


def test_a_new_choice_replaces_the_running_one(rig: Rig) -> None:
    rig.timer.start(90)
    rig.advance(60)
    rig.timer.start(15)
    assert rig.timer.minutes == 15 and rig.timer.remaining() == 15 * 60
    rig.advance(15 * 60)
    assert stops(rig) == 1
    rig.advance(90 * 60)
    assert stops(rig) == 1


def test_it_keeps_counting_while_paused_and_stops_what_is_left(rig: Rig) -> None:
    rig.timer.start(15)
    rig.advance(60)
    rig.player.pause()
    rig.advance(14 * 60)
    assert rig.player.status.state is PlaybackState.IDLE
    assert stops(rig) == 1


def test_at_the_end_of_the_program_on_now(rig: Rig) -> None:
    assert rig.timer.program_end() is None
    assert rig.timer.start_until_program_end() is False
    assert rig.events == [] and not rig.timer.running
    rig.program[0] = ProgramEnd("All Things Considered", START + timedelta(minutes=30))
    assert rig.timer.start_until_program_end() is True
    assert rig.timer.program == "All Things Considered" and rig.timer.minutes is None
    assert rig.timer.remaining() == 30 * 60
    # The schedule moving on does not move a timer that is set.
    rig.program[0] = ProgramEnd("Fresh Air", START + timedelta(minutes=90))
    rig.advance(30 * 60)
    assert stops(rig) == 1 and rig.timer.program is None


def test_a_program_that_has_ended_is_no_choice(rig: Rig) -> None:
    rig.program[0] = ProgramEnd("Past", START - timedelta(seconds=1))
    assert rig.timer.program_end() is None
    assert rig.timer.start_until_program_end() is False


def test_a_program_ending_within_the_fade_starts_part_way_down(rig: Rig) -> None:
    rig.program[0] = ProgramEnd("Almost over", START + timedelta(seconds=4))
    assert rig.timer.start_until_program_end()
    assert rig.player.fade == pytest.approx(0.4)
    rig.advance(4)
    assert stops(rig) == 1 and rig.player.fade == 1.0


def test_durations_are_injectable_for_a_short_run(qtbot: QtBot) -> None:
    clock = Clock(0.0)
    timers = ManualTimers(clock)
    player = FakePlayer()
    timer = SleepTimer(
        player,
        clock=clock,
        timers=timers,
        timings=SleepTimings(fade=1.0, tick=0.5, fade_step=0.25),
    )
    timer.start_for(2.0)
    timers.advance(1.0)
    assert player.fade == 1.0
    timers.advance(0.5)
    assert player.fade == pytest.approx(0.5)
    timers.advance(0.5)
    assert ("stop", None) in player.requests


def test_the_stream_session_fades_what_is_heard_not_the_volume(qtbot: QtBot) -> None:
    clock = Clock(0.0)
    backend = FakeBackend()
    session = StreamSession(backend, FakeResolver(), timers=ManualTimers(clock), clock=clock)
    session.set_volume(80)
    session.play(WTST)
    backend.plays()
    announced: list[int] = []
    session.volume_changed.connect(announced.append)
    session.set_fade(0.25)
    assert backend.volume == 20
    assert session.volume == 80 and announced == []
    session.set_volume(40)  # the person turns it down during the fade: still faded
    assert backend.volume == 10 and announced == [40]
    session.stop()
    session.set_fade(1.0)
    assert backend.volume == 40
    session.play(WTST)
    backend.plays()
    assert backend.volume == 40
