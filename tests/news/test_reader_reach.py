"""An article from a public host never makes the reader reach into the person's own network.

127.0.0.1 stands for the public host (the fetcher is told so); 127.0.0.2 for
this computer; 10.1.2.3 and 169.254.169.254 are never contacted (the test's
network guard would fail the test if they were).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.net.cache import DiskCache
from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.news.article_fetch import load_article
from station_app.news.feeds import Article
from station_app.news.refresh import refresh_feeds
from station_app.stations.model import Feed
from tests.net.test_reach import as_if_public
from tests.news.conftest import FAST, Clock, fixture_text
from tests.news.panel_helpers import Panels, serve_fixtures


def test_a_public_article_loads_its_own_pictures_and_none_from_private_addresses(
    qtbot: QtBot,
    panels: Panels,
    content_server: HTTPServer,
    this_computer: HTTPServer,
    base: str,
    clock: Clock,
    tmp_path: Path,
) -> None:
    inside = this_computer.url_for("/").rstrip("/")
    this_computer.expect_request("/img/riders.jpg").respond_with_data(b"not for a public page")
    page = (
        fixture_text("article.html", base)
        .replace("<head>", f'<head><base href="{inside}/">', 1)
        .replace(
            "</figcaption></figure>",
            "</figcaption></figure>"
            f'<figure><img src="{inside}/img/inside.jpg" alt="a"></figure>'
            '<figure><img src="http://10.1.2.3/img/router.jpg" alt="b"></figure>'
            '<figure><img src="http://169.254.169.254/latest/pic.jpg" alt="c"></figure>',
            1,
        )
    )
    # Registered first, so it answers before the fixtures' plain copy of the page.
    content_server.expect_request("/articles/bus-routes").respond_with_data(
        page, content_type="text/html"
    )
    serve_fixtures(content_server, base)
    fetcher = Fetcher(DiskCache(tmp_path / "cache"), FAST, clock=clock, classify=as_if_public)
    rig = panels.started((Feed("News", f"{base}/news.rss"),), rows=3, fetcher=fetcher)
    view = rig.panel.headlines.view
    view.setFocus()
    view.setCurrentIndex(rig.panel.model.index(1))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    document = rig.panel.reader.browser.document()
    kind = QTextDocument.ResourceType.ImageResource.value

    def riders() -> Any:
        return document.resource(kind, QUrl(f"{base}/img/riders.jpg"))

    # The relative picture comes from the page's own host, not from the <base> elsewhere.
    qtbot.waitUntil(lambda: isinstance(riders(), QImage) and riders().width() > 1)
    qtbot.waitUntil(lambda: not rig.tasks.busy, timeout=10_000)
    assert this_computer.log == []
    assert rig.panel.reader.browser.toPlainText()  # the story itself is there


def test_a_public_feed_cannot_send_the_reader_into_this_computer(
    content_server: HTTPServer, this_computer: HTTPServer, base: str
) -> None:
    this_computer.expect_request("/admin").respond_with_data("<html><p>inside</p></html>")
    fetcher = Fetcher(None, FAST, classify=as_if_public)
    story = Article(
        key="inside",
        title="A story that leads inside",
        link=this_computer.url_for("/admin"),
        summary="The feed's own copy.",
        byline="",
        published=None,
        updated=None,
        image=None,
        categories=(),
        feed_title="News",
        feed_url=f"{base}/news.rss",
    )
    content = load_article(fetcher, story, CancelToken())
    assert content is not None and content.from_feed
    assert content.note.startswith("127.0.0.2 is on this computer")
    assert this_computer.log == []


def test_a_feed_found_on_a_public_page_cannot_point_into_this_computer(
    content_server: HTTPServer, this_computer: HTTPServer, base: str
) -> None:
    this_computer.expect_request("/feed.rss").respond_with_data("<rss></rss>")
    fetcher = Fetcher(None, FAST, classify=as_if_public)
    found = Feed("Found", this_computer.url_for("/feed.rss"), "127.0.0.1", f"{base}/")
    configured = Feed("Mine", this_computer.url_for("/feed.rss"))
    outcome = refresh_feeds(fetcher, (found,), {}, CancelToken())
    assert outcome.articles is None
    assert outcome.errors[0].startswith("127.0.0.2 is on this computer")
    assert this_computer.log == []
    # A feed the person wrote into stations.toml is theirs to point anywhere.
    refresh_feeds(fetcher, (configured,), {}, CancelToken())
    assert len(this_computer.log) == 1
