"""Add by website: reading home pages in the shapes station sites use, then probing streams."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer

from station_app.net.fetcher import Fetcher
from station_app.stations.site_check import SiteCheck, SiteError, check_site, normalise_site_url
from station_app.stations.site_discovery import Finding, FindingKind, discover_site

PAGES = Path(__file__).parent / "pages"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def test_grove_style_home_page_gives_stream_schedule_and_feed() -> None:
    found = discover_site(page("grove_home.html"), "https://www.ctpublic.org/")
    assert found.page_title == "Connecticut Public"
    assert found.findings == (
        Finding(FindingKind.STREAM, "https://www.ctpublic.org/listen.pls", "link to .pls"),
        Finding(FindingKind.STREAM, "https://www.ctpublic.org/live", "data-stream-url attribute"),
        Finding(
            FindingKind.SCHEDULE,
            "https://api.composer.nprstations.org/v1/widget/5187f5dfe1c8c8c8d8b0a1b2",
            "data-stream-ucsid attribute",
        ),
        Finding(
            FindingKind.FEED,
            "https://www.ctpublic.org/news.rss",
            '<link rel="alternate">',
            "Connecticut Public News",
        ),
    )


def test_audio_elements_come_first_relative_urls_resolve_and_repeats_are_dropped() -> None:
    found = discover_site(page("audio_player.html"), "http://radio.example.org/home/")
    assert found.page_title == "Radio Example 88.1"
    streams = [(f.url, f.source) for f in found.of_kind(FindingKind.STREAM)]
    assert streams == [
        ("http://radio.example.org/home/stream/live.mp3", "<audio> element"),
        ("http://cdn.example.org/backup.aac", "<source> of an <audio> element"),
        ("http://cdn.example.org/hls/master.m3u8?token=1", "link to .m3u8"),
        ("https://cdn.example.org/og.mp3", "og:audio tag"),
    ]
    assert [(f.url, f.title) for f in found.of_kind(FindingKind.FEED)] == [
        ("http://radio.example.org/home/feed.atom", "Updates")
    ]
    assert found.of_kind(FindingKind.SCHEDULE) == ()


def test_page_with_nothing_to_find_gives_nothing() -> None:
    found = discover_site(page("nothing.html"), "https://blog.example.org/")
    assert found.is_empty and found.page_title == "Just a blog"


def test_empty_and_garbage_pages_give_nothing() -> None:
    for body in (b"", "   ", b"\x00\x01\x02", b"<<<>>>", b"%PDF-1.4 binary"):
        assert discover_site(body, "https://x.example.org/").is_empty


def test_pasted_addresses_are_normalised() -> None:
    assert normalise_site_url(" www.ctpublic.org ") == "https://www.ctpublic.org"
    assert normalise_site_url("http://127.0.0.1:8000/x") == "http://127.0.0.1:8000/x"
    for bad in ("", "ctpublic", "ftp://x.example.org", "two words.org", "javascript:alert(1)"):
        assert normalise_site_url(bad) is None


def test_check_site_probes_each_stream_for_real_audio(
    content_server: HTTPServer, fetcher: Fetcher, mp3_bytes: bytes
) -> None:
    content_server.expect_request("/").respond_with_data(
        page("grove_home.html"), content_type="text/html; charset=utf-8"
    )
    content_server.expect_request("/live").respond_with_data(mp3_bytes, content_type="audio/mpeg")
    content_server.expect_request("/listen.pls").respond_with_data(
        "[playlist]\nFile1=/news\n", content_type="audio/x-scpls"
    )
    content_server.expect_request("/news").respond_with_data(
        "<html><body>News</body></html>", content_type="text/html"
    )
    result = check_site(fetcher, content_server.url_for("/"))
    assert isinstance(result, SiteCheck)
    live = result.probe(content_server.url_for("/live"))
    pls = result.probe(content_server.url_for("/listen.pls"))
    assert live is not None and live.ok and live.audio_format == "MP3"
    assert pls is not None and not pls.ok
    assert pls.message.endswith(
        f"The stream at {content_server.url_for('/news')} answered with a web page, not audio."
    )
    assert len(result.findings.of_kind(FindingKind.SCHEDULE)) == 1


def test_unreachable_site_is_a_sentence(fetcher: Fetcher, dead_url: str) -> None:
    result = check_site(fetcher, dead_url + "/")
    assert result == SiteError("Could not reach 127.0.0.1: the connection was refused.")
