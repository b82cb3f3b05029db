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
from station_app.net.fetcher import Fetcher
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
