"""The headlines last shown come back from the shelf at the next start, without a feed parse."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.net.fetcher import Fetcher
from station_app.news.feeds import Article
from station_app.news.headlines import NewsFeed
from station_app.news.shelf import put_on_shelf, take_from_shelf
from station_app.news.status import NewsPhase
from station_app.stations.model import Feed
from station_app.tasks import TaskRunner
from tests.news.conftest import fixture_text

NEWS = Feed("News", "https://radio.example/news.rss")
STORY = Article(
    key="a1",
    title="River bridge reopens",
    link="https://radio.example/bridge",
    summary="Traffic again from Monday.",
    byline="Ann Reporter",
    published=datetime(2026, 11, 24, 14, 0, tzinfo=UTC),
    updated=None,
    image=None,
    categories=("Local",),
    feed_title="News",
    feed_url=NEWS.url,
    content_html="<p>The old river bridge reopened.</p>",
)


def test_headlines_come_back_as_they_went_for_the_same_feeds_only(tmp_path: Path) -> None:
    shelf = tmp_path / "cache" / "headlines.json"
    put_on_shelf(shelf, (NEWS,), (STORY,), {NEWS.url: "d1"}, 1000.0)
    assert take_from_shelf(shelf, (NEWS,)) == ((STORY,), {NEWS.url: "d1"}, 1000.0)
    other = Feed("Arts", "https://radio.example/arts.atom")
    assert take_from_shelf(shelf, (NEWS, other)) is None
    assert take_from_shelf(tmp_path / "absent.json", (NEWS,)) is None


def test_a_damaged_or_foreign_shelf_is_not_used(tmp_path: Path) -> None:
    shelf = tmp_path / "headlines.json"
    for text in (
        "{",
        "[]",
        '{"version": 99}',
        "[" * 100_000,
        f'{{"version": 1, "feeds": ["{NEWS.url}"], "digests": {{}}, "updated_at": null, '
        '"articles": [{"key": 5}]}',
    ):
        shelf.write_text(text)
        assert take_from_shelf(shelf, (NEWS,)) is None


def test_the_next_start_shows_the_shelf_before_any_feed_is_read(
    qtbot: QtBot, content_server: HTTPServer, base: str, tasks: TaskRunner, tmp_path: Path
) -> None:
    content_server.expect_request("/news.rss").respond_with_data(
        fixture_text("npr_feed.xml", base), content_type="application/rss+xml"
    )
    feeds = (Feed("News", content_server.url_for("/news.rss")),)
    shelf = tmp_path / "cache" / "headlines.json"
    first = NewsFeed(feeds, Fetcher(None), tasks, 10, shelf=shelf)
    first.refresh()
    qtbot.waitUntil(lambda: len(first.articles) == 3 and not first.status.refreshing)
    assert shelf.exists()
    # The next start: no HTTP cache at all, and no answer from the network yet.
    content_server.clear()
    later = NewsFeed(feeds, Fetcher(None), tasks, 10, shelf=shelf)
    later.load_cached()
    qtbot.waitUntil(lambda: later.articles == first.articles)
    assert later.status.phase is NewsPhase.READY
    assert content_server.log == []
