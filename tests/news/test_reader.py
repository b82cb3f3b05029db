"""Reading an article in the app: the story alone, its figure, the way back, text size, links."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAccessible, QFont, QImage, QTextDocument
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.net.cache import DiskCache
from station_app.net.fetcher import Fetcher
from station_app.news.ui.article_browser import MARGIN, MEASURE
from tests.news.conftest import fixture_text
from tests.news.panel_helpers import NEWS, PanelRig, Panels, accessible_text, feeds
from tests.servers import crashing_session


def open_bus_story(
    qtbot: QtBot, panels: Panels, server: HTTPServer, state: Path | None = None
) -> PanelRig:
    rig = panels.started(feeds(server, NEWS), rows=3, state=state)
    view = rig.panel.headlines.view
    view.setFocus()
    view.setCurrentIndex(rig.panel.model.index(1))
    assert view.currentIndex().data() == "Hartford & New Haven weigh new bus routes"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert rig.panel.pages.currentWidget() is rig.panel.reader
    return rig


def text_of(rig: PanelRig) -> str:
    return rig.panel.reader.browser.toPlainText()


def test_enter_opens_the_whole_article_without_the_page_boilerplate(
    qtbot: QtBot, panels: Panels, served: HTTPServer
) -> None:
    rig = open_bus_story(qtbot, panels, served)
    qtbot.waitUntil(lambda: "What riders said" in text_of(rig))
    text = text_of(rig)
    assert text.startswith(
        "Hartford and New Haven weigh faster bus routes\nBy Jane Reporter, Sam Writer"
    )
    assert "Published Tuesday, November 24, 2026" in text and "Updated Tuesday" in text
    assert (
        "A CTtransit bus waits on Main Street in Hartford. Jane Reporter / Connecticut Public"
        in text
    )
    assert "construction could start in the spring of 2027" in text
    for boilerplate in ("Stand up for civility", "Give today", "Related Content", "ferries",
                        "Television", "All rights reserved", "SCRIPT TEXT"):  # fmt: skip
        assert boilerplate not in text
    assert not rig.panel.reader.note.isVisible()
    assert accessible_text(rig.panel.reader.browser) == (
        "Article: Hartford and New Haven weigh faster bus routes"
    )
    assert accessible_text(rig.panel.reader.browser, QAccessible.Text.Value).startswith("Hartford")


def test_article_images_arrive_through_the_fetcher_scaled_to_the_column(
    qtbot: QtBot, panels: Panels, served: HTTPServer, base: str
) -> None:
    rig = open_bus_story(qtbot, panels, served)
    document = rig.panel.reader.browser.document()
    kind = QTextDocument.ResourceType.ImageResource.value

    def lead() -> Any:
        return document.resource(kind, QUrl(f"{base}/img/bus-lead.jpg"))

    qtbot.waitUntil(lambda: isinstance(lead(), QImage) and lead().width() > 1)
    assert lead().width() <= rig.panel.reader.browser.viewport().width()
    assert any(q.path == "/img/bus-lead.jpg" for q, _r in served.log)
    browser = rig.panel.reader.browser
    assert browser.loadResource(kind, QUrl("file:///etc/passwd")) is None
    assert (
        browser.loadResource(
            QTextDocument.ResourceType.StyleSheetResource.value, QUrl(f"{base}/x.css")
        )
        is None
    )


def test_escape_and_back_button_return_to_the_same_headline(
    qtbot: QtBot, panels: Panels, served: HTTPServer
) -> None:
    rig = open_bus_story(qtbot, panels, served)
    qtbot.keyClick(rig.panel.reader.browser, Qt.Key.Key_Escape)
    assert rig.panel.pages.currentWidget() is rig.panel.headlines
    assert rig.panel.headlines.view.currentIndex().row() == 1
    qtbot.keyClick(rig.panel.headlines.view, Qt.Key.Key_Return)
    assert rig.panel.pages.currentWidget() is rig.panel.reader
    qtbot.keyClick(rig.panel.reader.browser, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert rig.panel.pages.currentWidget() is rig.panel.headlines
    qtbot.keyClick(rig.panel.headlines.view, Qt.Key.Key_Return)
    rig.panel.reader.back_button.click()
    assert rig.panel.pages.currentWidget() is rig.panel.headlines


def test_unreachable_page_shows_the_feed_copy_with_a_note(
    qtbot: QtBot, panels: Panels, content_server: HTTPServer, base: str
) -> None:
    content_server.expect_request("/news.rss").respond_with_data(
        fixture_text("npr_feed.xml", base), content_type="application/rss+xml"
    )
    content_server.expect_request("/articles/bus-routes").respond_with_data("no", status=404)
    rig = open_bus_story(qtbot, panels, content_server)
    note = rig.panel.reader.note
    qtbot.waitUntil(lambda: "answered 404" in accessible_text(note))
    assert accessible_text(note).endswith("Showing the feed's copy of the story.")
    text = text_of(rig)
    assert "The plan would add dedicated lanes on four corridors, officials said." in text
    assert "By Jane Reporter" in text


def test_unreadable_page_shows_the_feed_copy_with_a_note(
    qtbot: QtBot, panels: Panels, content_server: HTTPServer, base: str
) -> None:
    content_server.expect_request("/news.rss").respond_with_data(
        fixture_text("npr_feed.xml", base), content_type="application/rss+xml"
    )
    content_server.expect_request("/articles/bus-routes").respond_with_data(
        "<html><body><nav>Menu</nav></body></html>", content_type="text/html"
    )
    rig = open_bus_story(qtbot, panels, content_server)
    qtbot.waitUntil(
        lambda: "could not be read in the app" in accessible_text(rig.panel.reader.note)
    )
    assert "Riders asked for later evening service." in text_of(rig)


def test_hostile_article_is_inert(
    qtbot: QtBot, panels: Panels, content_server: HTTPServer, base: str
) -> None:
    content_server.expect_request("/news.rss").respond_with_data(
        fixture_text("npr_feed.xml", base), content_type="application/rss+xml"
    )
    content_server.expect_request("/articles/bus-routes").respond_with_data(
        fixture_text("hostile.html", base), content_type="text/html"
    )
    # 20000 x 20000 pixels: refused before decoding, the text still shows.
    from PySide6.QtCore import QBuffer, QIODevice

    huge = QImage(20000, 20000, QImage.Format.Format_Mono)
    huge.fill(0)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    huge.save(buffer, "PNG")
    content_server.expect_request("/img/gigantic.png").respond_with_data(
        bytes(buffer.data().data()), content_type="image/png"
    )
    rig = open_bus_story(qtbot, panels, content_server)
    qtbot.waitUntil(lambda: "this safe link" in text_of(rig))
    qtbot.waitUntil(lambda: any(q.path == "/img/gigantic.png" for q, _r in content_server.log))
    html = rig.panel.reader.browser.toHtml()
    for forbidden in ("SCRIPT TEXT", "STYLE-TEXT", "IFRAME TEXT", "javascript:", "file:", "data:"):
        assert forbidden not in html
    browser = rig.panel.reader.browser
    for url in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "ftp://a/b"):
        browser.anchorClicked.emit(QUrl(url))
    assert rig.opened == []
    browser.anchorClicked.emit(QUrl("https://example.org/safe"))
    assert rig.opened == [QUrl("https://example.org/safe")]


def test_open_in_browser_opens_the_story_link(
    qtbot: QtBot, panels: Panels, served: HTTPServer, base: str
) -> None:
    rig = open_bus_story(qtbot, panels, served)
    rig.panel.reader.open_button.click()
    assert rig.opened == [QUrl(f"{base}/articles/bus-routes")]


def test_text_size_changes_with_ctrl_plus_minus_and_is_remembered(
    qtbot: QtBot, panels: Panels, served: HTTPServer, tmp_path: Path
) -> None:
    state = tmp_path / "zoom.json"
    rig = open_bus_story(qtbot, panels, served, state)
    browser = rig.panel.reader.browser
    before = browser.font().pointSizeF()
    qtbot.keyClick(browser, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(browser, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(browser, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert browser.font().pointSizeF() == before + 1
    assert json.loads(state.read_text())["article_zoom"] == 1
    again = panels.make(state=state)
    assert again.panel.reader.zoom == 1
    assert again.panel.reader.browser.font().pointSizeF() == before + 1


def test_a_story_whose_loading_breaks_shows_the_feed_copy_and_says_so(
    qtbot: QtBot, panels: Panels, content_server: HTTPServer, base: str, tmp_path: Path
) -> None:
    feed = fixture_text("npr_feed.xml", base).replace("/articles/bus-routes", "/crash/bus-routes")
    content_server.expect_request("/news.rss").respond_with_data(
        feed, content_type="application/rss+xml"
    )
    fetcher = Fetcher(DiskCache(tmp_path / "crash-cache"), session_factory=crashing_session)
    rig = panels.started(feeds(content_server, NEWS), rows=3, fetcher=fetcher)
    view = rig.panel.headlines.view
    view.setFocus()
    view.setCurrentIndex(rig.panel.model.index(1))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    note = rig.panel.reader.note
    qtbot.waitUntil(lambda: "an error inside Station App stopped it" in accessible_text(note))
    assert note.isVisible()
    assert "The plan would add dedicated lanes on four corridors" in text_of(rig)


def test_lines_keep_a_readable_length_in_a_centred_column_and_a_margin_when_narrow(
    qtbot: QtBot, panels: Panels, served: HTTPServer
) -> None:
    rig = open_bus_story(qtbot, panels, served)
    qtbot.waitUntil(lambda: "What riders said" in text_of(rig))
    browser = rig.panel.reader.browser
    measure = browser.fontMetrics().averageCharWidth() * MEASURE

    def widest_line() -> float:
        document = browser.document()
        block, widest = document.begin(), 0.0
        while block.isValid():
            layout = block.layout()
            for number in range(layout.lineCount()):
                widest = max(widest, layout.lineAt(number).naturalTextWidth())
            block = block.next()
        return widest

    def margins() -> tuple[float, float, float]:
        frame = browser.document().rootFrame().frameFormat()
        return frame.leftMargin(), frame.rightMargin(), frame.topMargin()

    rig.panel.resize(1600, 700)
    qtbot.waitUntil(lambda: browser.viewport().width() > measure + 200)
    qtbot.waitUntil(lambda: margins()[0] > MARGIN)
    left, right, top = margins()
    assert left == right and top == MARGIN  # a column in the middle
    assert widest_line() <= measure
    rig.panel.resize(420, 700)
    qtbot.waitUntil(lambda: margins()[0] == MARGIN)
    assert widest_line() <= browser.viewport().width() - 2 * MARGIN
    browser.setFont(QFont(browser.font().family(), 20))  # larger text: a wider column
    rig.panel.resize(1600, 700)
    qtbot.waitUntil(lambda: margins()[0] > MARGIN)
    wider = browser.fontMetrics().averageCharWidth() * MEASURE
    assert browser.viewport().width() - 2 * margins()[0] == pytest.approx(wider, abs=2)
