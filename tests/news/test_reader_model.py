"""The article reader's view model without widgets: what it shows of a story and when, what a
newer story or going back cancels, what a load that breaks says, and the text size."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.config.state import StateStore
from station_app.net.fetcher import Fetcher
from station_app.news.article_content import ArticleContent
from station_app.news.feeds import Article, parse_feed
from station_app.news.reader_model import BROKE, LOADING, ZOOM_RANGE, ArticleReaderModel
from station_app.tasks import TaskRunner
from tests.news.conftest import fixture_text
from tests.servers import crashing_session


def stories(base: str) -> dict[str, Article]:
    """The fixture feed's stories by the last part of their address."""
    body = fixture_text("npr_feed.xml", base).encode()
    parsed = parse_feed(body, "News", f"{base}/news.rss", "application/rss+xml")
    assert isinstance(parsed, tuple)
    return {(a.link or "").rsplit("/", 1)[-1]: a for a in parsed}


class Seen:
    """Everything the model told its view, in order."""

    def __init__(self, model: ArticleReaderModel) -> None:
        self.contents: list[ArticleContent] = []
        self.notes: list[str] = []
        model.content_changed.connect(self.contents.append)
        model.note_changed.connect(self.notes.append)


def reader(fetcher: Fetcher, tasks: TaskRunner, tmp_path: Path) -> ArticleReaderModel:
    return ArticleReaderModel(fetcher, tasks, StateStore(tmp_path / "state.json"))


def test_the_feeds_copy_shows_at_once_then_the_page(
    qtbot: QtBot, served: HTTPServer, base: str, fetcher: Fetcher, tasks: TaskRunner,
    tmp_path: Path,
) -> None:  # fmt: skip
    model = reader(fetcher, tasks, tmp_path)
    seen = Seen(model)
    model.show_article(stories(base)["bus-routes"])
    assert [c.from_feed for c in seen.contents] == [True]
    assert model.note == LOADING
    qtbot.waitUntil(lambda: len(seen.contents) == 2, timeout=10_000)
    page = seen.contents[-1]
    assert not page.from_feed
    assert page.headline == "Hartford and New Haven weigh faster bus routes"
    assert seen.notes == [LOADING, ""]
    assert model.images is not None


def test_a_newer_story_supersedes_the_one_being_loaded(
    qtbot: QtBot, served: HTTPServer, base: str, fetcher: Fetcher, tasks: TaskRunner,
    tmp_path: Path,
) -> None:  # fmt: skip
    model = reader(fetcher, tasks, tmp_path)
    seen = Seen(model)
    bus = stories(base)["bus-routes"]
    other = replace(bus, key="other", title="Another story", link=f"{base}/articles/museum")
    model.show_article(bus)
    model.show_article(other)
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
    assert [(c.url, c.from_feed) for c in seen.contents] == [
        (bus.link, True),
        (other.link, True),
        (other.link, False),
    ]


def test_going_back_lets_nothing_more_arrive(
    qtbot: QtBot, served: HTTPServer, base: str, fetcher: Fetcher, tasks: TaskRunner,
    tmp_path: Path,
) -> None:  # fmt: skip
    model = reader(fetcher, tasks, tmp_path)
    seen = Seen(model)
    model.show_article(stories(base)["bus-routes"])
    model.stop()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
    assert [c.from_feed for c in seen.contents] == [True]
    assert model.article is None


def test_a_load_that_breaks_shows_the_feeds_copy_and_says_so(
    qtbot: QtBot, content_server: HTTPServer, base: str, tasks: TaskRunner, tmp_path: Path
) -> None:
    fetcher = Fetcher(None, session_factory=crashing_session)
    model = reader(fetcher, tasks, tmp_path)
    story = replace(stories(base)["bus-routes"], link=f"{base}/crash/bus-routes")
    model.show_article(story)
    qtbot.waitUntil(lambda: model.note == BROKE, timeout=10_000)
    assert model.content is not None and model.content.from_feed
    assert "dedicated lanes on four corridors" in model.content.body_html


def test_text_size_stays_in_range_and_is_remembered(
    fetcher: Fetcher, tasks: TaskRunner, tmp_path: Path
) -> None:
    model = reader(fetcher, tasks, tmp_path)
    steps: list[int] = []
    model.zoom_changed.connect(steps.append)
    for _ in range(ZOOM_RANGE[1] + 3):
        model.change_zoom(+1)
    assert model.zoom == ZOOM_RANGE[1]
    assert steps == list(range(1, ZOOM_RANGE[1] + 1))
    model.change_zoom(-ZOOM_RANGE[1] - 1)
    assert model.zoom == -1
    state = json.loads((tmp_path / "state.json").read_text())
    assert state["article_zoom"] == -1
    assert reader(fetcher, tasks, tmp_path).zoom == -1
