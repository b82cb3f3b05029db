"""A real run: a two-second sleep timer fades libVLC playing from Icecast out, stops it,
and leaves the volume where the person had it."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from station_app.playback.session import StreamSession
from station_app.playback.sleep_timer import SleepTimer, SleepTimings
from station_app.playback.state import PlaybackState
from tests.playback.conftest import needs_icecast, station, wait_for_state
from tests.playback.icecast import IcecastServer

pytestmark = needs_icecast


def test_a_short_timer_fades_out_stops_and_keeps_the_volume(
    qtbot: QtBot,
    icecast: IcecastServer,
    make_player: Callable[..., StreamSession],
    tmp_path: Path,
) -> None:
    wav = tmp_path / "sleep.wav"
    player = make_player(wav)
    backend = player.backend
    heard: list[int] = []
    original_set_volume = backend.set_volume

    def set_volume(volume: int) -> None:
        heard.append(volume)
        original_set_volume(volume)

    backend.set_volume = set_volume  # type: ignore[method-assign]
    player.set_volume(90)
    player.play(station(icecast.stream_url))
    wait_for_state(qtbot, player, PlaybackState.PLAYING, 15_000)
    qtbot.waitUntil(lambda: wav.exists() and wav.stat().st_size > 200_000, timeout=10_000)

    timer = SleepTimer(player, timings=SleepTimings(fade=1.0, fade_step=0.05))
    heard.clear()
    started = time.monotonic()
    with qtbot.waitSignal(timer.ended, timeout=6000):
        timer.start_for(2.0)
    took = time.monotonic() - started

    assert 1.9 <= took < 5, f"the timer ran {took:.2f} s"
    assert player.status.state is PlaybackState.IDLE
    assert player.volume == 90, "the person's volume is never the faded one"
    assert heard[-1] == 90, "the volume is back for the next listen"
    steps = heard[:-1]  # libVLC was told a falling volume over the last second, down to 0
    assert len(steps) >= 5 and steps == sorted(steps, reverse=True), steps
    assert steps[0] >= 80 and steps[-1] == 0, steps

    # libVLC's file output ignores the volume, so what it was told stands for what is heard.
    player.play(station(icecast.stream_url))
    wait_for_state(qtbot, player, PlaybackState.PLAYING, 15_000)
    assert heard[-1] == 90
