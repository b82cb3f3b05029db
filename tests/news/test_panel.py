"""The news panel as a person sees it: headlines, freshness, offline and empty states."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from station_app.net.cache import DiskCache
from station_app.net.fetcher import Fetcher, FetchPolicy
from station_app.news.list_model import NewsRole
from station_app.news.ui.add_feed import AddFeedDialog
from station_app.news.ui.delegate import MARGIN, THUMB
from station_app.tasks import TaskRunner
from tests.news.conftest import Clock, fixture_text
from tests.news.panel_helpers import (
    NEWS,
    PanelRig,
    Panels,
    accessible_text,
    feeds,
    serve_fixtures,
    website_sources,
)


def test_headlines_of_all_feeds_are_exposed_to_screen_readers(
    panels: Panels, served: HTTPServer
) -> None:
    rig = panels.started(feeds(served), rows=4)
    assert rig.titles() == [
        "Museum reopens its Impressionist wing",
        "State budget talks resume at the Capitol",
        "Hartford & New Haven weigh new bus routes",
        "Shoreline towns brace for king tides",
    ]
    index = rig.panel.model.index(2)
    assert index.data(Qt.ItemDataRole.AccessibleDescriptionRole) == (
        "Jane Reporter. 20 min ago. City councils in Hartford and New Haven heard plans on "
        "Monday for faster bus routes across the region."
    )
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("Tuesday, November 24, 2026, ")
    assert accessible_text(rig.panel.headlines.status) == "Updated just now"


def test_thumbnails_load_in_the_background_for_rows_on_screen(
    qtbot: QtBot, panels: Panels, served: HTTPServer
) -> None:
    rig = panels.started(feeds(served), rows=4)
    bus = rig.panel.model.index(2)
    qtbot.waitUntil(lambda: bus.data(NewsRole.THUMBNAIL) is not None)
    image = bus.data(NewsRole.THUMBNAIL)
    assert image.width() <= 192 and image.height() <= 128  # scaled once, when decoded
    assert rig.panel.model.index(0).data(NewsRole.THUMBNAIL) is None  # no image: placeholder


def test_cached_headlines_show_before_the_network_answers(
    qtbot: QtBot, panels: Panels, served: HTTPServer, clock: Clock, tmp_path: Path
) -> None:
    panels.started(feeds(served, NEWS), rows=3)
    release = threading.Event()

    def slow(_request: Request) -> Response:
        release.wait(10)
        return Response(status=304)

    served.clear()
    served.expect_request("/news.rss").respond_with_handler(slow)
    patient = Fetcher(DiskCache(tmp_path / "http-cache"), FetchPolicy(read_timeout=20), clock=clock)
    rig = panels.make(feeds(served, NEWS), fetcher=patient)
    try:
        rig.panel.start()
        qtbot.waitUntil(lambda: rig.rows == 3)
        assert not release.is_set() and rig.panel.news.status.refreshing
        assert accessible_text(rig.panel.headlines.status) == "Refreshing…"
    finally:
        release.set()
    qtbot.waitUntil(lambda: not rig.panel.news.status.refreshing)


def test_network_failure_keeps_the_list_and_says_how_old_it_is(
    qtbot: QtBot, panels: Panels, served: HTTPServer, base: str, clock: Clock
) -> None:
    rig = panels.started(feeds(served, NEWS), rows=3)
    served.clear()
    served.expect_request("/news.rss").respond_with_data("down", status=500)
    clock.now += 2 * 3600
    rig.panel.news.refresh()
    qtbot.waitUntil(lambda: not rig.panel.news.status.refreshing)
    page = rig.panel.headlines
    assert rig.rows == 3
    assert accessible_text(page.status) == "Offline — showing news from 2 h ago"
    assert "answered 500" in accessible_text(page.detail)
    assert page.retry_button.isVisible() and page.retry_button.isEnabled()
    served.clear()
    serve_fixtures(served, base)
    page.retry_button.click()
    qtbot.waitUntil(lambda: accessible_text(page.status) == "Updated just now")
    assert not page.retry_button.isVisible()


def test_failure_without_cache_shows_a_readable_error_with_retry(
    qtbot: QtBot, panels: Panels, content_server: HTTPServer, base: str
) -> None:
    content_server.expect_request("/news.rss").respond_with_data(b"\x00\x01garbage")
    rig = panels.make(feeds(content_server, NEWS))
    rig.panel.start()
    page = rig.panel.headlines
    qtbot.waitUntil(lambda: accessible_text(page.empty.title) == "No headlines could be loaded")
    assert accessible_text(page.empty.text).startswith(
        "The news feed at 127.0.0.1 is not RSS or Atom; check its address in stations.toml."
    )
    assert page.empty.retry_button.isVisible()
    content_server.clear()
    serve_fixtures(content_server, base)
    page.empty.retry_button.click()
    qtbot.waitUntil(lambda: rig.rows == 3)
    assert not page.empty.isVisible()


def test_no_feed_offers_what_can_be_done_in_the_window(
    panels: Panels, fetcher: Fetcher, tasks: TaskRunner, tmp_path: Path, base: str
) -> None:
    bare = panels.make()
    bare.panel.start()
    page = bare.panel.headlines
    assert page.empty.isVisible()
    assert accessible_text(page.empty.title) == "No news feeds yet"
    assert accessible_text(page.empty.text) == (
        "Connecticut Public has no news feeds set up. Add a news feed's address to read its "
        "headlines here."
    )
    assert "toml" not in accessible_text(page.empty.text)
    assert not page.refresh_button.isEnabled()
    assert not page.empty.retry_button.isVisible()

    sources = website_sources(tmp_path, f"{base}/", fetcher, tasks)
    rig = panels.make(sources=sources)
    rig.panel.start()
    empty = rig.panel.headlines.empty
    assert accessible_text(empty.text) == (
        "Connecticut Public has no news feeds set up. Look for them on 127.0.0.1, or add a "
        "news feed's address."
    )
    assert empty.look_button.isVisible() and empty.add_button.isVisible()
    assert accessible_text(empty.look_button) == "Look on 127.0.0.1"
    # However wide the panel, the sentences keep lines a person reads at a glance.
    rig.panel.resize(1800, 700)
    empty.layout().activate()
    most = empty.text.fontMetrics().averageCharWidth() * 70
    assert empty.width() > 2 * most
    assert empty.text.width() <= most
    assert empty.text.height() >= empty.text.heightForWidth(empty.text.width())  # all of it
    assert empty.text.geometry().center().x() == pytest.approx(empty.rect().center().x(), abs=2)


def test_feeds_found_on_the_website_are_used_named_and_kept_with_one_click(
    qtbot: QtBot,
    panels: Panels,
    served: HTTPServer,
    base: str,
    fetcher: Fetcher,
    tasks: TaskRunner,
    tmp_path: Path,
) -> None:
    served.expect_request("/").respond_with_data(
        fixture_text("home.html", base), content_type="text/html"
    )
    served.expect_request("/feeds/news.rss").respond_with_data(
        fixture_text("npr_feed.xml", base), content_type="application/rss+xml"
    )
    served.expect_request("/feeds/arts.atom").respond_with_data(
        fixture_text("atom_feed.xml", base), content_type="application/atom+xml"
    )
    sources = website_sources(tmp_path, f"{base}/", fetcher, tasks)
    rig = panels.make(sources=sources)
    rig.panel.start()
    qtbot.mouseClick(rig.panel.headlines.empty.look_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rig.rows == 4)
    page = rig.panel.headlines
    assert accessible_text(page.note) == "Feeds found on 127.0.0.1"
    assert page.filter.isVisible() and page.keep_button.isVisible()
    qtbot.mouseClick(page.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.keep_button.isVisible())
    assert accessible_text(page.note).startswith("Kept what was found on 127.0.0.1")
    kept = (tmp_path / "config" / "stations.toml").read_text(encoding="utf-8")
    assert f'url = "{base}/feeds/news.rss"' in kept and f'url = "{base}/feeds/arts.atom"' in kept
    assert rig.rows == 4


def test_looking_on_a_website_with_no_feeds_says_where_it_looked(
    qtbot: QtBot,
    panels: Panels,
    content_server: HTTPServer,
    base: str,
    fetcher: Fetcher,
    tasks: TaskRunner,
    tmp_path: Path,
) -> None:
    content_server.expect_request("/").respond_with_data(
        "<html><head><title>A blog</title></head><body>Hi</body></html>",
        content_type="text/html",
    )
    rig = panels.make(sources=website_sources(tmp_path, f"{base}/", fetcher, tasks))
    rig.panel.start()
    empty = rig.panel.headlines.empty
    qtbot.mouseClick(empty.look_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "found none" in accessible_text(empty.text))
    assert accessible_text(empty.text) == (
        f"Connecticut Public has no news feeds set up. Looked on {base}/ for a schedule, news "
        "feeds and a logo, and found none.\n\nLook on 127.0.0.1 again, or add a news feed's "
        "address."
    )
    assert empty.add_button.isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_a_feed_added_by_its_address_shows_its_headlines(
    qtbot: QtBot,
    panels: Panels,
    served: HTTPServer,
    base: str,
    fetcher: Fetcher,
    tasks: TaskRunner,
    tmp_path: Path,
) -> None:
    rig = panels.make(sources=website_sources(tmp_path, f"{base}/", fetcher, tasks))
    rig.panel.start()
    dialog = rig.panel.add_feed()
    assert isinstance(dialog, AddFeedDialog)
    qtbot.keyClicks(dialog.address, "nonsense here")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert accessible_text(dialog.problem).startswith("That is not a web address")
    dialog.address.setText(f"{base}/news.rss")
    qtbot.keyClicks(dialog.name, "Local news")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rig.rows == 3)
    assert not dialog.isVisible()
    assert [feed.title for feed in rig.panel.news.feeds] == ["Local news"]
    assert not rig.panel.headlines.note_row.isVisible()  # the station's own feed now


def test_feed_filter_shows_one_feed(panels: Panels, served: HTTPServer) -> None:
    rig = panels.started(feeds(served), rows=4)
    combo = rig.panel.headlines.filter
    assert [combo.itemText(i) for i in range(combo.count())] == ["All feeds", "News", "Arts"]
    combo.setCurrentIndex(2)
    assert rig.titles() == ["Museum reopens its Impressionist wing"]
    combo.setCurrentIndex(0)
    assert rig.rows == 4


def test_f5_refreshes_and_an_unchanged_feed_costs_a_304(
    qtbot: QtBot, panels: Panels, served: HTTPServer, clock: Clock
) -> None:
    rig = panels.started(feeds(served, NEWS), rows=3)
    rig.panel.activateWindow()
    rig.panel.headlines.view.setFocus()
    resets: list[int] = []
    rig.panel.model.modelReset.connect(lambda: resets.append(1))
    clock.now += 600
    qtbot.keyClick(rig.panel.headlines.view, Qt.Key.Key_F5)
    qtbot.waitUntil(
        lambda: [r.status_code for q, r in served.log if q.path == "/news.rss"] == [200, 304]
    )
    qtbot.waitUntil(lambda: not rig.panel.news.status.refreshing)
    assert resets == []  # nothing changed, nothing redrawn
    assert accessible_text(rig.panel.headlines.status) == "Updated just now"


def test_freshness_line_moves_on_and_refresh_interval_follows_settings(
    panels: Panels, served: HTTPServer, clock: Clock
) -> None:
    rig = panels.started(feeds(served, NEWS), rows=3)
    assert rig.panel.news.refresh_interval_ms == 10 * 60_000
    bus = rig.panel.model.index(1)
    assert bus.data(NewsRole.TIME_TEXT) == "20 min ago"
    clock.now += 180
    rig.panel.tick()
    assert accessible_text(rig.panel.headlines.status) == "Updated 3 min ago"
    assert bus.data(NewsRole.TIME_TEXT) == "23 min ago"


def test_unreadable_refresh_keeps_the_list_and_its_age(
    qtbot: QtBot, panels: Panels, served: HTTPServer, clock: Clock
) -> None:
    rig = panels.started(feeds(served, NEWS), rows=3)
    served.clear()
    served.expect_request("/news.rss").respond_with_data(b"\x00garbage")
    clock.now += 600
    rig.panel.news.refresh()
    qtbot.waitUntil(lambda: not rig.panel.news.status.refreshing)
    assert rig.rows == 3
    assert (
        accessible_text(rig.panel.headlines.status)
        == "Could not refresh — showing news from 10 min ago"
    )
    assert "is not RSS or Atom" in accessible_text(rig.panel.headlines.detail)


def row_picture(rig: PanelRig, row: int) -> tuple[QImage, QRect]:
    view = rig.panel.headlines.view
    return view.viewport().grab().toImage(), view.visualRect(rig.panel.model.index(row))


def test_a_story_without_a_picture_has_no_empty_box_and_a_list_without_pictures_no_column(
    qtbot: QtBot, panels: Panels, served: HTTPServer
) -> None:
    rig = panels.started(feeds(served), rows=4)
    first = rig.panel.model.index(0)
    assert not first.data(NewsRole.ARTICLE).image
    assert first.data(NewsRole.PICTURE_COLUMN)  # other stories have pictures
    image, rect = row_picture(rig, 0)
    background = image.pixelColor(rect.right() - 6, rect.bottom() - 6)
    box = QRect(rect.left() + MARGIN, rect.top(), THUMB.width(), rect.height())
    colours = {image.pixelColor(x, y).rgb() for x in range(box.left(), box.right(), 4)
               for y in range(box.top() + 1, box.bottom() - 1, 4)}  # fmt: skip
    assert colours == {background.rgb()}, "nothing is drawn where a picture would be"

    pictureless = panels.started(feeds(served, (("Arts", "/arts.atom"),)), rows=1)
    first = pictureless.panel.model.index(0)
    assert not first.data(NewsRole.PICTURE_COLUMN)
    image, rect = row_picture(pictureless, 0)
    background = image.pixelColor(rect.right() - 6, rect.bottom() - 6)
    left = rect.left() + MARGIN
    colours = {image.pixelColor(x, y).rgb() for x in range(left, left + THUMB.width())
               for y in range(rect.top() + 1, rect.bottom() - 1)}  # fmt: skip
    assert colours - {background.rgb()}, "the headline starts at the row's margin"
