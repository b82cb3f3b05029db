"""Builds a news panel against fixture feeds served on loopback."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QUrl
from PySide6.QtGui import QAccessible, QColor, QImage
from PySide6.QtWidgets import QWidget
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from station_app.config.state import StateStore
from station_app.config.stations import Feed
from station_app.net.fetcher import Fetcher
from station_app.news.headlines import NewsFeed
from station_app.news.ui.panel import NewsPanel
from station_app.tasks import TaskRunner
from tests.news.conftest import Clock, fixture_text


def jpeg(width: int, height: int, color: str = "#3465a4") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")
    return bytes(buffer.data().data())


def serve_fixtures(server: HTTPServer, base: str) -> None:
    """The NPR-shaped feed (with ETag/304), the Atom feed, the article page and its images."""
    npr = fixture_text("npr_feed.xml", base).encode()

    def feed(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"n1"':
            return Response(status=304)
        return Response(npr, headers={"ETag": '"n1"'}, content_type="application/rss+xml")

    server.expect_request("/news.rss").respond_with_handler(feed)
    server.expect_request("/arts.atom").respond_with_data(
        fixture_text("atom_feed.xml", base), content_type="application/atom+xml"
    )
    for path in ("/articles/bus-routes", "/articles/museum"):
        server.expect_request(path).respond_with_data(
            fixture_text("article.html", base), content_type="text/html"
        )
    picture = jpeg(1200, 800)
    for name in ("bus-teaser", "capitol-thumb", "tides", "bus-lead", "riders"):
        server.expect_request(f"/img/{name}.jpg").respond_with_data(
            picture, content_type="image/jpeg"
        )


@dataclass
class PanelRig:
    panel: NewsPanel
    tasks: TaskRunner
    opened: list[QUrl] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.panel.model.rowCount()

    def titles(self) -> list[str]:
        """Headline titles as a screen reader gets them from the list's accessible children."""
        view = self.panel.headlines.view
        interface = QAccessible.queryAccessibleInterface(view)
        assert interface is not None
        names = []
        for i in range(interface.childCount()):
            child = interface.child(i)
            if child is not None and child.role() == QAccessible.Role.ListItem:
                names.append(child.text(QAccessible.Text.Name))
        return names


def accessible_text(widget: QWidget, which: QAccessible.Text = QAccessible.Text.Name) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(which)


def make_panel(
    qtbot: QtBot,
    fetcher: Fetcher,
    clock: Clock,
    feeds: tuple[Feed, ...],
    state_path: Path,
    website: str | None = None,
    network: str = "Connecticut Public",
) -> PanelRig:
    tasks = TaskRunner()
    news = NewsFeed(feeds, website, fetcher, tasks, refresh_minutes=10)
    opened: list[QUrl] = []
    panel = NewsPanel(
        news, network, fetcher, tasks, StateStore(state_path), clock=clock, open_url=opened.append
    )
    qtbot.addWidget(panel)
    panel.resize(600, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return PanelRig(panel, tasks, opened)
