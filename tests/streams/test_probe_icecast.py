"""Probing a real Icecast2 stream (fed by ezstream) on loopback, and a playlist pointing at it."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from station_app.net.fetcher import Fetcher
from station_app.streams.probe import ProbeOutcome, probe_stream
from tests.playback.icecast import IcecastServer, make_tone_mp3

pytestmark = pytest.mark.skipif(
    shutil.which("icecast2") is None or shutil.which("ezstream") is None,
    reason="icecast2 and ezstream are installed by scripts/test",
)


@pytest.fixture
def icecast(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IcecastServer]:
    tone = make_tone_mp3(tmp_path_factory.mktemp("tone") / "tone.mp3", seconds=10)
    # Not under pytest's tmp_path: Icecast drops root and must reach its folder.
    workdir = Path(tempfile.mkdtemp(prefix="station-probe-icecast-"))
    server = IcecastServer(workdir, tone)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def test_live_icecast_stream_and_a_pls_for_it_are_audio_until_the_source_stops(
    icecast: IcecastServer, content_server: HTTPServer, fetcher: Fetcher
) -> None:
    direct = probe_stream(fetcher, icecast.stream_url)
    assert direct.outcome is ProbeOutcome.AUDIO and direct.audio_format == "MP3"
    content_server.expect_request("/radio.pls").respond_with_data(
        f"[playlist]\nNumberOfEntries=1\nFile1={icecast.stream_url}\n",
        content_type="audio/x-scpls",
    )
    listed = probe_stream(fetcher, content_server.url_for("/radio.pls"))
    assert listed.ok and listed.audio_url == icecast.stream_url
    icecast.stop_source()
    gone = probe_stream(fetcher, icecast.stream_url)
    assert gone.outcome is ProbeOutcome.UNREACHABLE
    assert "answered 404" in gone.message
