"""The headlines' view model without widgets: what arrives, what a superseded refresh never
changes, and what a refresh that breaks says."""

from __future__ import annotations

from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.net.fetcher import Fetcher
from station_app.news.headlines import EMPTIED, NewsFeed
from station_app.news.status import NewsPhase
from station_app.stations.model import Feed
from station_app.tasks import TaskRunner
from tests.clock import Clock
from tests.news.conftest import fixture_text
from tests.servers import crashing_session
from tests.trickle_server import TrickleServer


def test_a_refresh_of_feeds_no_longer_listed_never_arrives(
    qtbot: QtBot,
    content_server: HTTPServer,
    base: str,
    fetcher: Fetcher,
    tasks: TaskRunner,
    trickle_server: TrickleServer,
) -> None:
    content_server.expect_request("/arts.atom").respond_with_data(
        fixture_text("atom_feed.xml", base), content_type="application/atom+xml"
    )
    news = NewsFeed((Feed("Stuck", trickle_server.url()),), fetcher, tasks, 10)
    messages: list[str] = []
    news.status_changed.connect(lambda: messages.append(news.status.message))
    news.refresh()
    qtbot.waitUntil(lambda: trickle_server.connections == 1)
    arts = Feed("Arts", content_server.url_for("/arts.atom"))
    news.set_feeds((arts,))
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
    assert {article.feed_url for article in news.articles} == {arts.url}
    assert news.status.phase is NewsPhase.READY
    assert messages == ["", ""]  # refreshing, then ready: nothing from the stuck feed
    qtbot.waitUntil(lambda: trickle_server.hung_up == 1)  # cancelling cut its download


def test_a_refresh_that_breaks_says_so_and_stops_refreshing(
    qtbot: QtBot, content_server: HTTPServer, tasks: TaskRunner
) -> None:
    fetcher = Fetcher(None, session_factory=crashing_session)
    feed = Feed("News", content_server.url_for("/crash/news.rss"))
    news = NewsFeed((feed,), fetcher, tasks, 10)
    news.refresh()
    qtbot.waitUntil(lambda: not news.status.refreshing, timeout=10_000)
    assert news.status.phase is NewsPhase.FAILED
    assert news.status.message == (
        "The news could not be refreshed: an error inside Station App stopped it."
    )


def test_cached_headlines_come_from_the_disk_alone(
    qtbot: QtBot, served: HTTPServer, fetcher: Fetcher, tasks: TaskRunner, clock: Clock
) -> None:
    feed = Feed("News", served.url_for("/news.rss"))
    first = NewsFeed((feed,), fetcher, tasks, 10)
    first.refresh()
    qtbot.waitUntil(lambda: len(first.articles) == 3)
    asked = len(served.log)
    clock.now += 3600
    later = NewsFeed((feed,), fetcher, tasks, 10)
    later.load_cached()
    qtbot.waitUntil(lambda: len(later.articles) == 3)
    assert len(served.log) == asked  # no request: the disk had them
    assert later.status.phase is NewsPhase.READY
    assert later.status.updated_at == clock.now - 3600


def test_removing_every_feed_empties_the_list_and_says_no_feeds(
    qtbot: QtBot, served: HTTPServer, fetcher: Fetcher, tasks: TaskRunner
) -> None:
    news = NewsFeed((Feed("News", served.url_for("/news.rss")),), fetcher, tasks, 10)
    news.refresh()
    qtbot.waitUntil(lambda: len(news.articles) == 3)
    news.set_feeds(())
    assert news.articles == ()
    assert news.status.phase is NewsPhase.NO_FEEDS


def test_a_new_refresh_interval_counts_from_now(
    qtbot: QtBot, served: HTTPServer, base: str, fetcher: Fetcher, tasks: TaskRunner
) -> None:
    news = NewsFeed((Feed("Arts", f"{base}/arts.atom"),), fetcher, tasks, 10)
    news.refresh()
    qtbot.waitUntil(lambda: not news.status.refreshing, timeout=10_000)
    assert news.refresh_interval_ms == 10 * 60_000
    news.set_refresh_minutes(3)
    assert news.refresh_interval_ms == 3 * 60_000
    assert news._timer.isActive()  # still refreshing by itself, now every 3 minutes
    remaining = news._timer.remainingTime()
    assert 2 * 60_000 < remaining <= 3 * 60_000 * 1.05  # a coarse timer may run 5 % late
    news.stop()


def test_a_feed_that_empties_keeps_its_stories_even_with_nothing_on_disk(
    qtbot: QtBot, content_server: HTTPServer, base: str, tasks: TaskRunner
) -> None:
    fetcher = Fetcher(None)  # no disk cache (a full disk, say): only memory knows
    content_server.expect_request("/news.rss").respond_with_data(
        fixture_text("npr_feed.xml", base), content_type="application/rss+xml"
    )
    news = NewsFeed((Feed("News", content_server.url_for("/news.rss")),), fetcher, tasks, 10)
    news.refresh()
    qtbot.waitUntil(lambda: len(news.articles) == 3 and not news.status.refreshing)
    content_server.clear()
    content_server.expect_request("/news.rss").respond_with_data(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title></channel></rss>',
        content_type="application/rss+xml",
    )
    news.refresh()
    qtbot.waitUntil(lambda: not news.status.refreshing, timeout=10_000)
    assert len(news.articles) == 3
    assert news.status.phase is NewsPhase.STALE
    assert news.status.message == EMPTIED
