"""The picture loader: pictures arrive, failures are reported, a crash never stops the rest."""

from __future__ import annotations

from PySide6.QtCore import QSize
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.net.fetcher import Fetcher
from station_app.news.images import ImageLoader
from station_app.tasks import TaskRunner
from tests.news.panel_helpers import jpeg
from tests.servers import crashing_session


def test_pictures_keep_coming_after_tasks_crash(qtbot: QtBot, content_server: HTTPServer) -> None:
    content_server.expect_request("/good.jpg").respond_with_data(
        jpeg(40, 30), content_type="image/jpeg"
    )
    tasks = TaskRunner()
    loader = ImageLoader(Fetcher(None, session_factory=crashing_session), tasks, QSize(80, 80))
    failed: list[str] = []
    loaded: list[str] = []
    loader.failed.connect(failed.append)
    loader.loaded.connect(lambda url, _image: loaded.append(url))
    page = content_server.url_for("/feed.rss")
    urls = [content_server.url_for(path) for path in ("/crash/1.jpg", "/crash/2.jpg", "/good.jpg")]
    try:
        for url in urls:
            loader.request(url, page=page)
        qtbot.waitUntil(lambda: loaded == urls[2:], timeout=10_000)
        assert sorted(failed) == urls[:2]
    finally:
        tasks.shutdown()
