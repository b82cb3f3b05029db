"""The stream session over the libVLC backend, against a real Icecast2 server on loopback."""

from __future__ import annotations

import itertools
import math
import re
import struct
import time
import wave
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.playback.session import StreamSession
from station_app.playback.state import PlaybackState, StationFailure
from tests.playback.bad_streams import BadStreamServer
from tests.playback.conftest import needs_icecast, station, wait_for_state
from tests.playback.icecast import IcecastServer, free_port

pytestmark = needs_icecast


def dominant_frequency(path: Path) -> tuple[float, float]:
    """RMS level (0..1) and zero-crossing frequency of the left channel."""
    with wave.open(str(path)) as audio:
        rate = audio.getframerate()
        channels = audio.getnchannels()
        assert audio.getsampwidth() == 2
        frames = audio.readframes(audio.getnframes())
    samples = struct.unpack(f"<{len(frames) // 2}h", frames)[::channels]
    tail = samples[len(samples) // 2 :]  # skip the start-up
    assert tail, "no audio was written"
    rms = math.sqrt(sum(s * s for s in tail) / len(tail)) / 32768
    crossings = sum(1 for a, b in itertools.pairwise(tail) if a < 0 <= b)
    return rms, crossings * rate / len(tail)


def test_plays_the_stream_and_decodes_the_tone(
    qtbot: QtBot, icecast: IcecastServer, make_player: Callable[..., StreamSession], tmp_path: Path
) -> None:
    wav = tmp_path / "heard.wav"
    player = make_player(wav)
    states: list[PlaybackState] = []
    player.status_changed.connect(lambda status: states.append(status.state))
    player.play(station(icecast.stream_url))
    wait_for_state(qtbot, player, PlaybackState.PLAYING, 15_000)
    qtbot.waitUntil(lambda: wav.exists() and wav.stat().st_size > 200_000, timeout=10_000)
    player.shutdown()
    rms, frequency = dominant_frequency(wav)
    assert rms > 0.1
    assert 400 < frequency < 480
    assert states[0] is PlaybackState.CONNECTING
    assert PlaybackState.PLAYING in states


def test_icy_title_change_reaches_the_player_within_3_s(
    qtbot: QtBot, icecast: IcecastServer, make_player: Callable[..., StreamSession]
) -> None:
    player = make_player()
    player.play(station(icecast.stream_url))
    wait_for_state(qtbot, player, PlaybackState.PLAYING, 15_000)
    title = "Morning Edition — Café Ñandú"
    changed = time.monotonic()
    icecast.set_title(title)
    qtbot.waitUntil(lambda: player.now_playing == title, timeout=3000)
    assert time.monotonic() - changed < 3


def test_source_drop_reconnects_with_backoff_and_plays_again(
    qtbot: QtBot, icecast: IcecastServer, make_player: Callable[..., StreamSession]
) -> None:
    player = make_player()
    player.play(station(icecast.stream_url))
    wait_for_state(qtbot, player, PlaybackState.PLAYING, 15_000)
    icecast.stop_source()
    wait_for_state(qtbot, player, PlaybackState.RECONNECTING, 15_000)
    status = player.status
    assert status.retry_at is not None and status.attempt >= 1
    assert status.message.startswith("WTST: ")
    icecast.start_source()
    wait_for_state(qtbot, player, PlaybackState.PLAYING, 20_000)


def test_stop_cancels_reconnecting(
    qtbot: QtBot, icecast: IcecastServer, make_player: Callable[..., StreamSession]
) -> None:
    player = make_player()
    player.play(station(icecast.stream_url))
    wait_for_state(qtbot, player, PlaybackState.PLAYING, 15_000)
    icecast.stop_source()
    wait_for_state(qtbot, player, PlaybackState.RECONNECTING, 15_000)
    due = player.status.retry_at
    assert due is not None
    # Qt may fire a timer up to 5 % of its interval late.
    due += 0.05 * (due - time.monotonic()) + 0.05
    states: list[PlaybackState] = []
    player.status_changed.connect(lambda status: states.append(status.state))
    player.stop()
    icecast.start_source()
    # Until the retry was due and the event loop has run after that, at least once.
    turns_after_due: list[float] = []

    def loop_ran_after_due() -> bool:
        if time.monotonic() > due:
            turns_after_due.append(time.monotonic())
        return len(turns_after_due) >= 2

    qtbot.waitUntil(loop_ran_after_due, timeout=15_000)
    assert states == [PlaybackState.IDLE]
    assert player.status.state is PlaybackState.IDLE


class Heartbeat:
    """Measures the longest gap between main-thread timer ticks."""

    def __init__(self) -> None:
        self.last = time.monotonic()
        self.longest = 0.0
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def closed_port_url() -> str:
    return f"http://127.0.0.1:{free_port()}/live.mp3"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("refused", "the connection was refused"),
        ("404", "answered 404"),
        ("html", "answered with a web page, not audio"),
    ],
)
def test_broken_streams_give_a_readable_error_quickly(
    qtbot: QtBot,
    content_server: HTTPServer,
    make_player: Callable[..., StreamSession],
    kind: str,
    expected: str,
) -> None:
    content_server.expect_request("/missing.mp3").respond_with_data(b"gone", status=404)
    content_server.expect_request("/page").respond_with_data(
        b"<!DOCTYPE html><html><body>Listen live!</body></html>", content_type="text/html"
    )
    url = {
        "refused": closed_port_url(),
        "404": content_server.url_for("/missing.mp3"),
        "html": content_server.url_for("/page"),
    }[kind]
    player = make_player()
    failures: list[StationFailure] = []
    player.station_failed.connect(failures.append)
    heartbeat = Heartbeat()
    started = time.monotonic()
    player.play(station(url))
    wait_for_state(qtbot, player, PlaybackState.ERROR, 10_000)
    assert time.monotonic() - started < 10
    assert player.status.message.startswith("WTST: ")
    assert expected in player.status.message
    assert [f.station.call_sign for f in failures] == ["WTST"]
    assert heartbeat.longest < 0.25


@pytest.mark.parametrize(
    ("path", "expected"), [("/stall", "sent no audio in 7 s"), ("/garbage", "sent no audio in 7 s")]
)
def test_a_stream_that_stalls_or_sends_noise_is_named_within_10_s(
    qtbot: QtBot,
    bad_streams: BadStreamServer,
    make_player: Callable[..., StreamSession],
    path: str,
    expected: str,
) -> None:
    player = make_player()
    started = time.monotonic()
    player.play(station(bad_streams.url(path)))
    wait_for_state(qtbot, player, PlaybackState.ERROR, 12_000)
    assert time.monotonic() - started < 10
    assert player.status.message == f"WTST: the stream {expected}"
    assert player.status.retry_at is not None


def test_every_stream_is_tried_before_the_error(
    qtbot: QtBot, icecast: IcecastServer, make_player: Callable[..., StreamSession]
) -> None:
    player = make_player()
    player.play(station([closed_port_url(), icecast.stream_url]))
    wait_for_state(qtbot, player, PlaybackState.PLAYING, 15_000)


def test_station_without_streams_says_so(
    qtbot: QtBot, make_player: Callable[..., StreamSession]
) -> None:
    player = make_player()
    with qtbot.waitSignal(player.station_failed, timeout=1000):
        player.play(station([]))
    assert player.status.state is PlaybackState.ERROR
    assert player.status.message == "WTST: it has no known stream yet"


def test_rapid_play_stop_switch_leaves_no_leak_or_deadlock(
    qtbot: QtBot, icecast: IcecastServer, make_player: Callable[..., StreamSession]
) -> None:
    player = make_player()
    good = station(icecast.stream_url, "good", "WGOOD")
    dead = station(closed_port_url(), "dead", "WDEAD")
    heartbeat = Heartbeat()
    for step in range(50):
        action = step % 5
        if action in (0, 3):
            player.play(good)
        elif action == 1:
            player.play(dead)
        elif action == 2:
            player.stop()
        else:
            player.pause()
        qtbot.wait(step % 4 * 15)
    player.play(good)
    wait_for_state(qtbot, player, PlaybackState.PLAYING, 15_000)
    assert player.backend.media_opened - player.backend.media_released == 1
    player.stop()
    assert player.backend.media_opened == player.backend.media_released
    assert heartbeat.longest < 0.5


def test_pls_pointing_at_a_dead_stream_gives_a_readable_error_and_retries(
    qtbot: QtBot, content_server: HTTPServer, make_player: Callable[..., StreamSession]
) -> None:
    dead = closed_port_url()
    content_server.expect_request("/station.pls").respond_with_data(
        f"[playlist]\nNumberOfEntries=1\nFile1={dead}\n", content_type="audio/x-scpls"
    )
    player = make_player()
    heartbeat = Heartbeat()
    started = time.monotonic()
    player.play(station(content_server.url_for("/station.pls")))
    wait_for_state(qtbot, player, PlaybackState.ERROR, 10_000)
    assert time.monotonic() - started < 10
    status = player.status
    assert status.message.startswith("WTST: the playlist lists 1 stream, none with audio")
    assert "connection was refused" in status.message
    assert content_server.url_for("/station.pls") in status.details[0]
    assert status.retry_at is not None  # a stream down behind a playlist may come back
    assert heartbeat.longest < 0.25


def test_pls_whose_stream_comes_back_plays(
    qtbot: QtBot,
    content_server: HTTPServer,
    icecast: IcecastServer,
    make_player: Callable[..., StreamSession],
) -> None:
    content_server.expect_request("/station.pls").respond_with_data(
        f"[playlist]\nFile1={icecast.stream_url}\n", content_type="audio/x-scpls"
    )
    icecast.stop_source()  # the mount answers 404 until the source is back
    player = make_player()
    player.play(station(content_server.url_for("/station.pls")))
    wait_for_state(qtbot, player, PlaybackState.ERROR, 10_000)
    assert player.status.retry_at is not None
    icecast.start_source()
    wait_for_state(qtbot, player, PlaybackState.PLAYING, 20_000)


@pytest.mark.parametrize("path", ["/listen.pls", "/listen"])
def test_playlists_are_unpacked_by_content(
    qtbot: QtBot,
    content_server: HTTPServer,
    icecast: IcecastServer,
    make_player: Callable[..., StreamSession],
    path: str,
) -> None:
    # "/listen" has no playlist extension: only its content says what it is.
    content_server.expect_request(path).respond_with_data(
        f"[playlist]\nFile1={icecast.stream_url}\nTitle1=Test\n", content_type="text/plain"
    )
    player = make_player()
    player.play(station(content_server.url_for(path)))
    wait_for_state(qtbot, player, PlaybackState.PLAYING, 15_000)


def test_the_backend_names_libvlc_and_its_version(tmp_path: Path) -> None:
    from station_app.playback.vlc_backend import VlcBackend

    backend = VlcBackend(("--aout=afile", f"--audiofile-file={tmp_path / 'out.wav'}"))
    try:
        assert re.fullmatch(r"libVLC \d+\.\d+\.\d+\S*( \w+)?", backend.version), backend.version
    finally:
        backend.release()
