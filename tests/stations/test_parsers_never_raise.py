"""The pure parsers take any bytes a server might send and never raise."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from station_app.stations.directory_parse import parse_servers, parse_stations
from station_app.stations.site_discovery import discover_site
from station_app.streams.playlists import detect_playlist, is_hls, parse_m3u, parse_pls
from station_app.streams.probe import audio_format, sniff_audio

LINES = st.lists(
    st.one_of(
        st.sampled_from(
            ["[playlist]", "#EXTM3U", "#EXT-X-VERSION:3", "File1=", "http://", "<html>", ""]
        ),
        st.text(max_size=40),
    ),
    max_size=12,
).map(lambda lines: "\n".join(lines).encode("utf-8", errors="replace"))
BODIES = st.one_of(st.binary(max_size=2048), LINES)
TYPES = st.sampled_from(["", "audio/mpeg", "audio/x-scpls", "audio/x-mpegurl", "text/html", "x/y"])


@settings(max_examples=300, deadline=None)
@given(body=BODIES, content_type=TYPES, url=st.sampled_from(["http://a.example.org/x.pls", ""]))
def test_playlist_and_audio_parsers_accept_anything(
    body: bytes, content_type: str, url: str
) -> None:
    detect_playlist(content_type, body, url)
    assert all(entry.startswith(("http://", "https://")) for entry in parse_pls(body, url))
    assert all(entry.startswith(("http://", "https://")) for entry in parse_m3u(body, url))
    is_hls(body)
    audio_format(body)
    sniff_audio(content_type, body)


@settings(max_examples=200, deadline=None)
@given(body=st.one_of(st.binary(max_size=1024), st.text(max_size=200).map(str.encode)))
def test_directory_parsers_accept_anything(body: bytes) -> None:
    stations = parse_stations(body)
    assert stations is None or isinstance(stations, tuple)
    parse_servers(body)


@settings(max_examples=200, deadline=None)
@given(body=st.one_of(st.binary(max_size=1024), LINES))
def test_site_discovery_accepts_anything(body: bytes) -> None:
    found = discover_site(body, "http://site.example.org/")
    assert all(f.url.startswith(("http://", "https://")) for f in found.findings)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = ["stationuuid", "name", "url", "url_resolved", "tags", "bitrate", "hls", "lastcheckok"]


@settings(max_examples=300, deadline=None)
@given(
    entries=st.lists(
        st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES | st.just("http://s.example.org/")),
        max_size=5,
    )
)
def test_station_entries_of_any_shape_become_clean_values_or_are_dropped(
    entries: list[dict[str, object]],
) -> None:
    stations = parse_stations(json.dumps(entries).encode())
    assert stations is not None
    for station in stations:
        assert station.name and station.stream_url.startswith("http")
        assert isinstance(station.bitrate, int) and station.bitrate >= 0
        assert all(isinstance(tag, str) for tag in station.tags)
