"""Probing candidate streams for real audio against a real HTTP server on loopback."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from station_app.net.fetcher import Fetcher
from station_app.streams.probe import ProbeOutcome, audio_format, probe_stream, sniff_audio


def adts_frames(count: int = 3, length: int = 200) -> bytes:
    header = bytes(
        [
            0xFF,
            0xF1,
            0x50,
            0x80 | ((length >> 11) & 3),
            (length >> 3) & 0xFF,
            (length & 7) << 5 | 0x1F,
            0xFC,
        ]
    )
    return (header + bytes(length - 7)) * count


def test_real_mp3_frames_are_recognised(mp3_bytes: bytes) -> None:
    assert audio_format(mp3_bytes) == "MP3"
    assert audio_format(mp3_bytes[5000:]) == "MP3"  # a live stream joined mid-frame


def test_adts_ogg_and_flac_are_recognised() -> None:
    assert audio_format(b"\x00\x01" + adts_frames()) == "AAC"
    assert audio_format(b"OggS\x00\x02" + bytes(100)) == "Ogg"
    assert audio_format(b"fLaC\x00\x00\x00\x22") == "FLAC"


@pytest.mark.parametrize(
    "data",
    [b"", b"\xff\xfb", b"\xff\xfb\x90\x64" + bytes(50), b"<html>" + bytes(1000), bytes(4096)],
)
def test_a_lone_sync_word_or_noise_is_not_audio(data: bytes) -> None:
    assert audio_format(data) is None


def test_web_page_labelled_audio_is_not_audio() -> None:
    assert (
        sniff_audio("audio/mpeg", b"<!DOCTYPE html><html><body>Listen live</body></html>") is None
    )
    assert sniff_audio("audio/x-scpls", b"[playlist]\n") is None
    assert sniff_audio("audio/aacp", b"\x01\x02\x03") == "AAC"
    assert sniff_audio("application/octet-stream", b"\x01\x02\x03") is None


def test_direct_mp3_stream_is_audio(
    content_server: HTTPServer, fetcher: Fetcher, mp3_bytes: bytes
) -> None:
    content_server.expect_request("/live").respond_with_data(mp3_bytes, content_type="audio/mpeg")
    url = content_server.url_for("/live")
    result = probe_stream(fetcher, url)
    assert result.ok and result.outcome is ProbeOutcome.AUDIO
    assert result.audio_format == "MP3"
    assert result.message == f"The stream at {url} sends MP3 audio."


def test_unlabelled_mp3_is_recognised_by_its_bytes(
    content_server: HTTPServer, fetcher: Fetcher, mp3_bytes: bytes
) -> None:
    content_server.expect_request("/s").respond_with_data(
        mp3_bytes, content_type="application/octet-stream"
    )
    assert probe_stream(fetcher, content_server.url_for("/s")).audio_format == "MP3"


def test_web_page_at_stream_address_is_reported_in_a_sentence(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    content_server.expect_request("/listen.mp3").respond_with_data(
        "<!doctype html><title>Listen</title>", content_type="text/html"
    )
    url = content_server.url_for("/listen.mp3")
    result = probe_stream(fetcher, url)
    assert not result.ok and result.outcome is ProbeOutcome.NOT_AUDIO
    assert result.message == f"The stream at {url} answered with a web page, not audio."


def test_pls_is_followed_past_a_dead_entry_to_real_audio(
    content_server: HTTPServer, fetcher: Fetcher, mp3_bytes: bytes, dead_url: str
) -> None:
    content_server.expect_request("/live").respond_with_data(mp3_bytes, content_type="audio/mpeg")
    live = content_server.url_for("/live")
    content_server.expect_request("/x.pls").respond_with_data(
        f"[playlist]\nFile1={dead_url}/gone\nFile2={live}\n", content_type="audio/x-scpls"
    )
    url = content_server.url_for("/x.pls")
    result = probe_stream(fetcher, url)
    assert result.ok and result.url == url and result.audio_url == live
    assert result.message == f"The playlist at {url} leads to MP3 audio at {live}."


def test_pls_pointing_at_a_web_page_says_so(content_server: HTTPServer, fetcher: Fetcher) -> None:
    content_server.expect_request("/page").respond_with_data(
        "<html></html>", content_type="text/html"
    )
    page = content_server.url_for("/page")
    content_server.expect_request("/p.pls").respond_with_data(
        f"File1={page}\n", content_type="text/plain"
    )
    url = content_server.url_for("/p.pls")
    result = probe_stream(fetcher, url)
    assert not result.ok
    assert result.message == (
        f"The playlist at {url} lists 1 stream, none with audio: "
        f"The stream at {page} answered with a web page, not audio."
    )


def test_empty_playlist_and_hls_playlist(content_server: HTTPServer, fetcher: Fetcher) -> None:
    content_server.expect_request("/empty.m3u").respond_with_data(
        "", content_type="audio/x-mpegurl"
    )
    content_server.expect_request("/live.m3u8").respond_with_data(
        "#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6,\nseg1.aac\n",
        content_type="application/vnd.apple.mpegurl",
    )
    empty = probe_stream(fetcher, content_server.url_for("/empty.m3u"))
    assert empty.outcome is ProbeOutcome.EMPTY_PLAYLIST and "lists no streams" in empty.message
    hls = probe_stream(fetcher, content_server.url_for("/live.m3u8"))
    assert hls.ok and hls.outcome is ProbeOutcome.HLS


def test_refused_connection_is_unreachable_with_the_fetchers_sentence(
    fetcher: Fetcher, dead_url: str
) -> None:
    result = probe_stream(fetcher, dead_url + "/live")
    assert result.outcome is ProbeOutcome.UNREACHABLE
    assert result.message == "Could not reach 127.0.0.1: the connection was refused."


def test_playlist_loops_stop_at_the_depth_limit(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    url = content_server.url_for("/loop.m3u")
    content_server.expect_request("/loop.m3u").respond_with_data(
        f"{url}\n", content_type="audio/x-mpegurl"
    )
    result = probe_stream(fetcher, url)
    assert not result.ok and "only leads to more playlists" in result.message
