"""Playlist recognition and parsing, straight from bytes."""

from __future__ import annotations

import pytest

from station_app.streams.playlists import (
    PlaylistKind,
    detect_playlist,
    is_hls,
    parse_m3u,
    parse_pls,
    playlist_entries,
)

PLS = b"""[playlist]
NumberOfEntries=2
File2=http://backup.example.org/stream
Title1=Main
File1=https://main.example.org/live.mp3
Length1=-1
Version=2
"""


def test_pls_lists_streams_in_file_number_order() -> None:
    assert parse_pls(PLS) == (
        "https://main.example.org/live.mp3",
        "http://backup.example.org/stream",
    )


def test_pls_without_header_with_crlf_and_odd_case_still_parses() -> None:
    body = b"\xef\xbb\xbffile1 = http://a.example.org/x\r\nFILE2=http://b.example.org/y\r\n"
    assert parse_pls(body) == ("http://a.example.org/x", "http://b.example.org/y")


def test_pls_skips_garbage_and_non_web_entries() -> None:
    body = b"[playlist]\nFile1=file:///etc/passwd\nFile2\nFile3=\nFileX=http://ok.example.org/s\n"
    assert parse_pls(body) == ("http://ok.example.org/s",)


def test_relative_entries_resolve_against_the_playlist_address() -> None:
    assert parse_pls(b"File1=live.mp3\n", "http://r.example.org/radio/x.pls") == (
        "http://r.example.org/radio/live.mp3",
    )
    assert parse_m3u(b"../s.aac\n", "http://r.example.org/a/b/list.m3u") == (
        "http://r.example.org/a/s.aac",
    )


def test_m3u_skips_comments_blank_lines_and_tags() -> None:
    body = (
        b"#EXTM3U\n\n#EXTINF:-1,Station\nhttp://one.example.org/a\n  \nhttp://two.example.org/b\n"
    )
    assert parse_m3u(body) == ("http://one.example.org/a", "http://two.example.org/b")


@pytest.mark.parametrize("body", [b"", b"\n\n", b"#EXTM3U\n", b"\xff\xfe\x00garbage"])
def test_empty_or_malformed_m3u_lists_nothing(body: bytes) -> None:
    assert parse_m3u(body) == ()


def test_hls_needs_ext_x_tags() -> None:
    assert is_hls(b"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\nseg1.aac\n")
    assert not is_hls(b"#EXTM3U\n#EXTINF:-1,Station\nhttp://a.example.org/s\n")
    assert not is_hls(b"#EXT-X-VERSION:3\n")


@pytest.mark.parametrize(
    ("content_type", "body", "url", "kind"),
    [
        ("text/html", PLS, "http://x.example.org/", PlaylistKind.PLS),
        ("audio/x-scpls", b"", "http://x.example.org/listen", PlaylistKind.PLS),
        ("text/plain", b"http://a.example.org/s\n", "http://x.example.org/l.pls", PlaylistKind.PLS),
        ("audio/x-mpegurl", b"http://a.example.org/s\n", "http://x.example.org/", PlaylistKind.M3U),
        (
            "application/octet-stream",
            b"http://a.example.org/s\n",
            "http://x.example.org/l.m3u?x=1",
            PlaylistKind.M3U,
        ),
        (
            "application/vnd.apple.mpegurl",
            b"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=64000\nlo.m3u8\n",
            "http://x.example.org/master.m3u8",
            PlaylistKind.HLS,
        ),
        ("audio/mpeg", b"#EXTM3U\nhttp://a.example.org/s\n", "http://x/", PlaylistKind.M3U),
        (
            "text/html",
            b"<!doctype html><html></html>",
            "http://x.example.org/a.pls",
            PlaylistKind.NONE,
        ),
        ("", b"<html><body>moved</body></html>", "http://x.example.org/a.m3u", PlaylistKind.NONE),
        (
            "audio/mpeg",
            b"\xff\xfb\x90\x64" + bytes(range(256)) * 8,
            "http://x/l.m3u",
            PlaylistKind.NONE,
        ),
        ("text/plain", b"hello", "http://x.example.org/readme.txt", PlaylistKind.NONE),
    ],
)
def test_detect_playlist_trusts_body_then_type_then_address(
    content_type: str, body: bytes, url: str, kind: PlaylistKind
) -> None:
    assert detect_playlist(content_type, body, url) is kind


def test_playlist_entries_dispatches_by_kind() -> None:
    assert playlist_entries(PlaylistKind.PLS, PLS, "")[0] == "https://main.example.org/live.mp3"
    assert playlist_entries(PlaylistKind.HLS, b"#EXTM3U\n#EXT-X-VERSION:3\na.ts\n", "") == ()
    assert playlist_entries(PlaylistKind.NONE, PLS, "") == ()
