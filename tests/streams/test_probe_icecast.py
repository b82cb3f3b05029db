"""Probing a real Icecast2 stream (fed by ezstream) on loopback, and a playlist pointing at it."""

from __future__ import annotations

import shutil

import pytest
from pytest_httpserver import HTTPServer

from station_app.net.fetcher import Fetcher
from station_app.streams.probe import ProbeOutcome, probe_stream
from tests.playback.icecast import IcecastServer

pytestmark = pytest.mark.skipif(
    shutil.which("icecast2") is None or shutil.which("ezstream") is None,
    reason="icecast2 and ezstream are installed by scripts/test",
)


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
