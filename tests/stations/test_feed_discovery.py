"""Feeds announced by a home page's <link rel="alternate">."""

from __future__ import annotations

from station_app.stations.feed_discovery import DiscoveredFeed, discover_feeds
from tests.news.conftest import fixture_text


def test_rss_and_atom_links_are_found_absolute_and_unsafe_ones_skipped() -> None:
    page = fixture_text("home.html", "https://cdn.example").encode()
    assert discover_feeds(page, "https://www.example.org/") == (
        DiscoveredFeed("Connecticut Public News", "https://www.example.org/feeds/news.rss"),
        DiscoveredFeed("Arts", "https://cdn.example/feeds/arts.atom"),
    )


def test_page_without_feeds_or_garbage_gives_nothing() -> None:
    assert discover_feeds(b"<html><head></head></html>", "https://a.example/") == ()
    assert discover_feeds(b"", "https://a.example/") == ()
    assert discover_feeds(b"\x00\x01\x02", "https://a.example/") == ()
