"""Over hours of refreshes the headlines keep no pictures of stories they no longer show."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QListView
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.net.fetcher import Fetcher
from station_app.news.feeds import Article
from station_app.news.images import ImageLoader
from station_app.news.list_model import NewsListModel, NewsRole
from station_app.news.ui.delegate import HeadlineDelegate
from station_app.news.ui.headline_list import HeadlineList
from station_app.tasks import TaskRunner
from tests.clock import Clock
from tests.news.panel_helpers import jpeg


def story(number: int, clock: Clock, image: str | None = None) -> Article:
    published = datetime.fromtimestamp(clock.now, tz=UTC)
    return Article(
        key=f"story-{number}",
        title=f"Story {number}",
        link=None,
        summary="What happened.",
        byline="A Reporter",
        published=published,
        updated=None,
        image=image,
        categories=(),
        feed_title="News",
        feed_url="http://127.0.0.1/news.rss",
    )


def test_thumbnails_of_stories_no_longer_listed_are_let_go(
    qtbot: QtBot, content_server: HTTPServer, fetcher: Fetcher, clock: Clock
) -> None:
    for number in (1, 2):
        content_server.expect_request(f"/{number}.jpg").respond_with_data(
            jpeg(200, 120), content_type="image/jpeg"
        )
    tasks = TaskRunner()
    loader = ImageLoader(fetcher, tasks, QSize(192, 128))
    model = NewsListModel(loader, clock)
    first, second = (story(n, clock, content_server.url_for(f"/{n}.jpg")) for n in (1, 2))
    model.set_articles((first, second))
    for row in (0, 1):
        with qtbot.waitSignal(loader.loaded, timeout=10_000):
            model.data(model.index(row), NewsRole.THUMBNAIL)
    model.set_articles((second,))  # the next refresh: story 1 is gone
    assert loader.image(content_server.url_for("/1.jpg")) is None
    assert loader.image(content_server.url_for("/2.jpg")) is not None
    tasks.shutdown()


def test_a_row_repainted_as_its_time_moves_on_keeps_one_picture(
    qtbot: QtBot, clock: Clock, fetcher: Fetcher
) -> None:
    tasks = TaskRunner()
    model = NewsListModel(ImageLoader(fetcher, tasks, QSize(192, 128)), clock)
    view = QListView()
    qtbot.addWidget(view)
    delegate = HeadlineDelegate(view)
    view.setItemDelegate(delegate)
    view.setModel(model)
    model.set_articles((story(1, clock),))
    view.resize(600, 300)
    view.show()
    for _minute in range(90):  # "1 min ago", "2 min ago", … each painted once
        clock.now += 60
        model.refresh_times()
        view.grab()
    assert len(delegate._rows) == 1  # the cache itself: one picture per shown story
    tasks.shutdown()


def test_pictures_of_stories_gone_from_the_list_are_let_go(
    qtbot: QtBot, clock: Clock, fetcher: Fetcher
) -> None:
    tasks = TaskRunner()
    model = NewsListModel(ImageLoader(fetcher, tasks, QSize(192, 128)), clock)
    headlines = HeadlineList(model)
    qtbot.addWidget(headlines)
    headlines.resize(600, 2000)  # every row shows
    headlines.show()
    delegate = headlines.view.itemDelegate()
    assert isinstance(delegate, HeadlineDelegate)
    for refresh in range(30):  # each refresh brings two new stories and drops two
        newest = 20 + 2 * refresh
        model.set_articles(tuple(story(n, clock) for n in range(newest, newest - 20, -1)))
        headlines.view.grab()
    assert len(delegate._rows) == 20
    tasks.shutdown()
