"""Builds news panels as the app does, against fixture feeds served on loopback."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QUrl
from PySide6.QtGui import QAccessible, QColor, QImage
from PySide6.QtWidgets import QWidget
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from station_app.app import build_news_panel
from station_app.config.state import StateStore
from station_app.net.fetcher import Fetcher
from station_app.news.sources import FeedSources
from station_app.news.ui.panel import NewsPanel
from station_app.resources import bundled_stations_file
from station_app.stations.discovery import WebsiteDiscovery
from station_app.stations.editing import StationsEditor
from station_app.stations.model import Feed
from station_app.stations.stations_file import load_active_stations
from station_app.stations.store import StationStore
from station_app.tasks import TaskRunner
from tests.clock import Clock
from tests.news.conftest import fixture_text

BOTH = ("News", "/news.rss"), ("Arts", "/arts.atom")
NEWS = BOTH[:1]


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


def feeds(server: HTTPServer, which: tuple[tuple[str, str], ...] = BOTH) -> tuple[Feed, ...]:
    return tuple(Feed(title, server.url_for(path)) for title, path in which)


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


class Panels:
    """Makes news panels the way the app does and shows them; `stop` ends their work."""

    def __init__(
        self, qtbot: QtBot, fetcher: Fetcher, clock: Clock, tasks: TaskRunner, state: Path
    ) -> None:
        self._qtbot = qtbot
        self._fetcher = fetcher
        self._clock = clock
        self._tasks = tasks
        self._state = state
        self._made: list[PanelRig] = []

    def make(
        self,
        feeds: tuple[Feed, ...] = (),
        fetcher: Fetcher | None = None,
        state: Path | None = None,
        network: str = "Connecticut Public",
        sources: FeedSources | None = None,
    ) -> PanelRig:
        """A panel on screen, not loading yet; with `sources`, its feeds come from there."""
        opened: list[QUrl] = []
        panel = build_news_panel(
            sources.feeds if sources is not None else feeds,
            network,
            fetcher or self._fetcher,
            self._tasks,
            StateStore(state or self._state),
            refresh_minutes=10,
            clock=self._clock,
            open_url=opened.append,
            sources=sources,
        )
        self._qtbot.addWidget(panel)
        panel.resize(600, 700)
        panel.show()
        self._qtbot.waitExposed(panel)
        rig = PanelRig(panel, self._tasks, opened)
        self._made.append(rig)
        return rig

    def started(
        self,
        feeds: tuple[Feed, ...] = (),
        rows: int = 1,
        fetcher: Fetcher | None = None,
        state: Path | None = None,
    ) -> PanelRig:
        """A panel that has loaded at least `rows` headlines and finished refreshing."""
        rig = self.make(feeds, fetcher, state)
        rig.panel.start()
        self._qtbot.waitUntil(lambda: rig.rows >= rows and not rig.panel.news.status.refreshing)
        return rig

    def stop(self) -> None:
        for rig in self._made:
            rig.panel.stop()


def website_sources(folder: Path, website: str, fetcher: Fetcher, tasks: TaskRunner) -> FeedSources:
    """The feeds of a network with a website and no [[feeds]], as the app gives them the panel."""
    user_file = folder / "config" / "stations.toml"
    user_file.parent.mkdir(parents=True, exist_ok=True)
    user_file.write_text(
        f'[network]\nname = "Connecticut Public"\nwebsite = "{website}"\n\n'
        '[[stations]]\nid = "wnpr"\ncall_sign = "WNPR"\nstreams = []\n',
        encoding="utf-8",
    )
    bundled = bundled_stations_file()
    editor = StationsEditor(user_file, bundled)
    discovery = WebsiteDiscovery(fetcher, tasks, folder / "state" / "website.json")
    active = load_active_stations(user_file, bundled)
    return FeedSources(StationStore(active, bundled, tasks, lambda: editor, discovery))
