"""The stream session's policy, over a fake backend with a hand-set clock and timers."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from station_app.playback.backend import BackendEvent
from station_app.playback.backoff import BackoffPolicy
from station_app.playback.problems import StreamProblem
from station_app.playback.resolve import PlayableStream
from station_app.playback.session import StreamSession
from station_app.playback.start import StartedStream
from station_app.playback.state import PlaybackState, StationFailure
from station_app.stations.model import Station
from tests.clock import Clock
from tests.playback.fakes import FakeBackend, FakeResolver, ManualTimers

A = "http://127.0.0.1:9/a.mp3"
B = "http://127.0.0.1:9/b.mp3"
PLS = "http://127.0.0.1:9/station.pls"


def station(*streams: str) -> Station:
    return Station("wtst", "WTST", "88.8 FM", "Loopback", streams, None, "UTC")


@dataclass
class Rig:
    session: StreamSession
    backend: FakeBackend
    resolver: FakeResolver
    timers: ManualTimers
    clock: Clock
    failures: list[StationFailure]
    states: list[PlaybackState]
    ticks: list[float]


@pytest.fixture
def rig(qtbot: QtBot) -> Rig:
    clock = Clock(1000.0)
    backend = FakeBackend()
    resolver = FakeResolver()
    timers = ManualTimers(clock)
    session = StreamSession(
        backend,
        resolver,
        timers=timers,
        clock=clock,
        backoff=BackoffPolicy(first_delay=1.0, max_delay=30.0, jitter=0.0),
    )
    rig = Rig(session, backend, resolver, timers, clock, [], [], [])
    session.station_failed.connect(rig.failures.append)
    session.status_changed.connect(lambda status: rig.states.append(status.state))
    session.ticked.connect(lambda: rig.ticks.append(clock.now))
    return rig


def test_a_direct_stream_connects_buffers_and_plays(rig: Rig) -> None:
    rig.session.set_volume(35)
    rig.session.play(station(A))
    assert rig.backend.opened == [A]
    assert rig.session.status.state is PlaybackState.CONNECTING
    rig.backend.emit(BackendEvent.BUFFERING, 40.0)
    assert rig.session.status.state is PlaybackState.BUFFERING
    assert rig.session.status.buffering_percent == 40
    rig.backend.plays()
    assert rig.session.status.state is PlaybackState.PLAYING
    assert rig.backend.volume == 35


def test_input_opening_alone_is_not_playing(rig: Rig) -> None:
    # A web page opens as an input, then ends: only a full buffer counts as playing.
    rig.session.play(station(A))
    rig.backend.emit(BackendEvent.PLAYING)
    assert rig.session.status.state is PlaybackState.CONNECTING


def test_a_failed_stream_is_probed_and_the_next_stream_tried_at_once(rig: Rig) -> None:
    rig.session.play(station(A, B))
    rig.backend.emit(BackendEvent.ENDED)
    assert rig.resolver.asked == [A]
    rig.resolver.finish(StreamProblem(A, "the stream at " + A + " answered 404", False))
    assert rig.backend.opened == [A, B]
    rig.backend.plays()
    assert rig.session.status.state is PlaybackState.PLAYING
    assert rig.failures == []


def test_streams_failing_differently_are_each_named(rig: Rig) -> None:
    rig.session.play(station(A, B))
    rig.backend.emit(BackendEvent.ERROR)
    rig.resolver.finish(StreamProblem(A, f"Could not reach 127.0.0.1: refused ({A}).", False))
    rig.backend.emit(BackendEvent.ERROR)
    rig.resolver.finish(StreamProblem(B, f"the stream at {B} answered with a web page", True))
    status = rig.session.status
    assert status.state is PlaybackState.ERROR
    assert status.message == "WTST: none of its 2 streams plays"
    assert status.details == (
        f"Stream 1: Could not reach 127.0.0.1: refused ({A}).",
        f"Stream 2: The stream at {B} answered with a web page.",
    )
    assert [len(f.reasons) for f in rig.failures] == [2]
    assert status.attempt == 1 and status.retry_at == rig.clock.now + 1.0


def test_streams_failing_alike_share_one_short_sentence(rig: Rig) -> None:
    rig.session.play(station(A))
    rig.backend.emit(BackendEvent.ERROR)
    rig.resolver.finish(StreamProblem(A, f"the stream at {A} answered with a web page", False))
    assert rig.session.status.message == "WTST: the stream answered with a web page"


def test_a_failing_station_retries_with_backoff_through_every_stream(rig: Rig) -> None:
    rig.session.play(station(A))
    rig.backend.emit(BackendEvent.ERROR)
    rig.resolver.finish(StreamProblem(A, "refused", False))
    assert rig.session.status.retry_at == rig.clock.now + 1.0
    rig.timers.advance(1.0)
    assert rig.backend.opened == [A, A]
    # While the retry connects and buffers, the state stays "trying again".
    rig.backend.emit(BackendEvent.BUFFERING, 10.0)
    assert rig.session.status.state is PlaybackState.ERROR
    assert rig.session.status.is_retrying
    rig.backend.emit(BackendEvent.ERROR)
    rig.resolver.finish(StreamProblem(A, "refused", False))
    assert rig.session.status.attempt == 2
    assert rig.session.status.retry_at == rig.clock.now + 2.0


def test_permanent_failures_stop_trying_and_the_timers(rig: Rig) -> None:
    rig.session.play(station(A))
    rig.backend.emit(BackendEvent.ERROR)
    rig.resolver.finish(StreamProblem(A, "a web page", True))
    assert rig.session.status.state is PlaybackState.ERROR
    assert rig.session.status.retry_at is None
    assert not rig.session.status.is_active
    assert rig.timers.active() == []


def test_toggle_while_failing_stops_trying(rig: Rig) -> None:
    rig.session.play(station(A))
    rig.backend.emit(BackendEvent.ERROR)
    rig.resolver.finish(StreamProblem(A, "refused", False))
    rig.session.toggle()
    assert rig.session.status.state is PlaybackState.IDLE
    rig.timers.advance(60)
    assert rig.backend.opened == [A]  # no attempt after the person stopped
    assert rig.timers.active() == []


def test_toggle_while_playing_pauses_and_again_rejoins(rig: Rig) -> None:
    rig.session.play(station(A))
    rig.backend.plays()
    rig.session.toggle()
    assert rig.session.status.state is PlaybackState.PAUSED
    assert rig.backend.current is None
    rig.session.toggle()
    assert rig.backend.opened == [A, A]


def test_a_drop_clears_the_title_and_reconnects(rig: Rig) -> None:
    rig.session.play(station(A))
    rig.backend.plays()
    rig.backend.title = "Morning Edition"
    rig.timers.advance(2.0)
    assert rig.session.now_playing == "Morning Edition"
    rig.backend.emit(BackendEvent.ENDED)
    status = rig.session.status
    assert status.state is PlaybackState.RECONNECTING
    assert status.message == "WTST: the stream stopped"
    assert rig.session.now_playing == ""
    rig.timers.advance(1.0)
    assert rig.backend.opened == [A, A]
    rig.backend.plays()
    assert rig.session.status.state is PlaybackState.PLAYING


def test_backoff_resets_after_a_reconnect_that_holds(rig: Rig) -> None:
    rig.session.play(station(A))
    rig.backend.plays()
    for expected_attempt in (1, 2, 3):  # drops close together: the waits grow
        rig.backend.emit(BackendEvent.ENDED)
        assert rig.session.status.attempt == expected_attempt
        rig.timers.advance(rig.session.status.retry_at - rig.clock.now)  # type: ignore[operator]
        rig.backend.plays()
        play_for(rig, 2)
    play_for(rig, 10)  # this reconnect holds
    rig.backend.emit(BackendEvent.ENDED)
    assert rig.session.status.attempt == 1
    assert rig.session.status.retry_at == rig.clock.now + 1.0


def play_for(rig: Rig, seconds: int) -> None:
    for _ in range(seconds):
        rig.backend.position += 1000
        rig.timers.advance(1.0)


def test_retry_now_skips_the_wait(rig: Rig) -> None:
    rig.session.play(station(A))
    rig.backend.plays()
    rig.backend.emit(BackendEvent.ENDED)
    rig.backend.emit(BackendEvent.ENDED)  # stale: the media is already gone
    rig.session.retry_now()
    assert rig.backend.opened == [A, A]
    rig.session.retry_now()  # not waiting: nothing to skip
    assert rig.backend.opened == [A, A]


def test_no_audio_within_7_s_fails_the_attempt(rig: Rig) -> None:
    rig.session.play(station(A))
    rig.backend.emit(BackendEvent.BUFFERING, 0.0)
    rig.timers.advance(7.0)
    assert rig.session.status.state is PlaybackState.BUFFERING
    rig.timers.advance(1.0)
    status = rig.session.status
    assert status.state is PlaybackState.ERROR
    assert status.message == "WTST: the stream sent no audio in 7 s"
    assert status.details == (f"The stream at {A} sent no audio in 7 s.",)
    assert status.retry_at is not None


def test_buffering_that_never_plays_fails_after_20_s(rig: Rig) -> None:
    rig.session.play(station(A))
    rig.backend.emit(BackendEvent.BUFFERING, 30.0)
    rig.timers.advance(20.0)
    assert rig.session.status.state is PlaybackState.BUFFERING
    rig.timers.advance(1.0)
    assert rig.session.status.message == "WTST: the stream did not start playing in 20 s"


def test_a_frozen_position_while_playing_is_a_stall(rig: Rig) -> None:
    rig.session.play(station(A))
    rig.backend.plays()
    play_for(rig, 5)
    assert rig.session.status.state is PlaybackState.PLAYING
    rig.timers.advance(10.0)  # noticed within 10 s: 6 s frozen, seen by checks 2 s apart
    assert rig.session.status.state is PlaybackState.RECONNECTING
    assert rig.session.status.message == "WTST: the stream stalled"


def test_a_playlist_is_resolved_before_the_backend_opens_it(rig: Rig) -> None:
    rig.session.play(station(PLS))
    assert rig.backend.opened == []
    assert rig.resolver.asked == [PLS]
    rig.resolver.finish(PlayableStream(A))
    assert rig.backend.opened == [A]


def test_stop_while_resolving_cancels_it(rig: Rig) -> None:
    rig.session.play(station(PLS))
    rig.session.stop()
    assert rig.resolver.cancelled == 1
    rig.resolver.finish(PlayableStream(A))  # arrives late: dropped
    assert rig.backend.opened == []


def test_one_low_rate_timer_ticks_while_listening_and_none_when_stopped(rig: Rig) -> None:
    rig.session.play(station(A))
    active = rig.timers.active()
    # Every second while the stream starts, every two once it plays.
    assert len(active) == 1 and active[0].repeating and active[0].interval == 1.0
    rig.backend.plays()
    active = rig.timers.active()
    assert len(active) == 1 and active[0].repeating and active[0].interval == 2.0
    rig.timers.advance(6.0)
    assert len(rig.ticks) == 3
    rig.session.stop()
    assert rig.timers.active() == []
    rig.timers.advance(6.0)
    assert len(rig.ticks) == 3


def test_a_drop_goes_back_to_ticking_every_second_for_the_countdown(rig: Rig) -> None:
    rig.session.play(station(A))
    rig.backend.plays()
    rig.backend.emit(BackendEvent.ENDED)
    watch = [timer for timer in rig.timers.active() if timer.repeating]
    assert len(watch) == 1 and watch[0].interval == 1.0
    assert rig.session.status.state is PlaybackState.RECONNECTING


def test_events_of_a_closed_media_are_dropped(rig: Rig) -> None:
    rig.session.play(station(A))
    rig.backend._post(BackendEvent.BUFFERING, 100.0)  # posted, not yet delivered
    rig.backend.open(B)
    rig.backend.deliver_pending()
    assert rig.session.status.state is PlaybackState.CONNECTING


def test_a_stream_started_before_the_session_is_adopted(qtbot: QtBot) -> None:
    clock = Clock(50.0)
    backend = FakeBackend()
    backend.open(A)
    backend._post(BackendEvent.BUFFERING, 100.0)  # libVLC went ahead before Qt
    backend._post(BackendEvent.PLAYING)
    timers = ManualTimers(clock)
    started = StartedStream(station(A), A, 49.0)
    session = StreamSession(backend, FakeResolver(), timers=timers, clock=clock, started=started)
    assert session.station == station(A)
    assert session.status.state is PlaybackState.PLAYING
    assert backend.opened == [A]


def test_the_session_names_its_backend_for_about(rig: Rig) -> None:
    assert rig.session.backend_version == "Fake audio 1.0"


def test_shutting_down_twice_leaves_the_released_backend_alone(rig: Rig) -> None:
    rig.session.shutdown()
    assert rig.backend.released
    rig.backend.released = False
    rig.backend.current = "still here"
    rig.session.shutdown()
    assert not rig.backend.released
    assert rig.backend.current == "still here"  # not stopped again either
