"""What the news panel shows of feeds that need care: links, charsets, references, plain text.

These drive the real panel (list, reader, buttons) against feeds served on
loopback and read what a person or a screen reader gets.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.net.cache import DiskCache
from station_app.net.fetcher import Fetcher
from station_app.stations.model import Feed
from tests.news.conftest import FAST, Clock, fixture_text
from tests.news.panel_helpers import Panels, accessible_text

CZECH = "Žluťoučký kůň úpěl ďábelské ódy"


def rss_item(title: str, link: str, description: str = "") -> str:
    return f"<item><title>{title}</title>{description}<link>{link}</link></item>"


def serve(server: HTTPServer, body: bytes, content_type: str) -> Feed:
    server.expect_request("/feed").respond_with_data(body, content_type=content_type)
    return Feed("News", server.url_for("/feed"))


def test_a_story_link_with_a_query_opens_with_its_ampersands(
    qtbot: QtBot, panels: Panels, content_server: HTTPServer, base: str
) -> None:
    link = f"{base}/news/q?a=1&amp;b=2&amp;c"
    item = rss_item("Budget vote", link, "<description>Floor&nbsp;debate</description>")
    body = f'<rss version="2.0"><channel><title>N</title>{item}</channel></rss>'.encode()
    content_server.expect_request("/news/q", query_string="a=1&b=2&c").respond_with_data(
        fixture_text("article.html", base), content_type="text/html"
    )
    rig = panels.started((serve(content_server, body, "application/rss+xml"),))
    view = rig.panel.headlines.view
    view.setFocus()
    view.setCurrentIndex(rig.panel.model.index(0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not rig.panel.reader.note.isVisible(), timeout=10_000)
    rig.panel.reader.open_button.click()
    assert rig.opened == [QUrl(f"{base}/news/q?a=1&b=2&c")]
    assert any(r.query_string == b"a=1&b=2&c" for r, _ in content_server.log)


def test_a_feed_in_the_charset_its_server_names_shows_its_own_letters_after_a_restart(
    qtbot: QtBot,
    panels: Panels,
    content_server: HTTPServer,
    base: str,
    clock: Clock,
    tmp_path: Path,
) -> None:
    # Undeclared ISO-8859-2, which charset detection takes for another charset.
    item = rss_item(CZECH, f"{base}/k")
    body = f'<rss version="2.0"><channel><title>N</title>{item}</channel></rss>'
    feed = serve(content_server, body.encode("iso-8859-2"), "text/xml; charset=iso-8859-2")
    rig = panels.started((feed,))
    assert rig.titles() == [CZECH]
    # The next start shows the copy on disk first, read in the charset its server named.
    asked = len(content_server.log)
    disk = Fetcher(DiskCache(tmp_path / "http-cache"), FAST, clock=clock)
    later = panels.make((feed,), fetcher=disk, state=tmp_path / "later-state.json")
    later.panel.news.load_cached()
    qtbot.waitUntil(lambda: later.rows == 1)
    assert later.titles() == [CZECH]
    assert len(content_server.log) == asked  # from the disk alone


def test_upper_case_hex_character_references_show_their_characters(
    panels: Panels, content_server: HTTPServer, base: str
) -> None:
    item = rss_item("&#X41;BC of the budget", f"{base}/a")
    body = f'<rss version="2.0"><channel><title>N</title>{item}</channel></rss>'.encode()
    feed = serve(content_server, body, "application/rss+xml")
    rig = panels.started((feed,))
    assert rig.titles() == ["ABC of the budget"]


def test_a_plain_text_title_shows_what_looks_like_markup(
    panels: Panels, content_server: HTTPServer, base: str
) -> None:
    body = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>Arts</title><entry><id>b1</id><link href="{base}/b"/>'
        '<title type="text">History of the &lt;blink&gt; tag</title></entry></feed>'
    ).encode()
    feed = serve(content_server, body, "application/atom+xml")
    rig = panels.started((feed,))
    assert rig.titles() == ["History of the <blink> tag"]


def test_a_feed_that_turns_to_junk_keeps_its_headlines_and_says_so(
    qtbot: QtBot, panels: Panels, content_server: HTTPServer, base: str, clock: Clock
) -> None:
    items = "".join(rss_item(f"Story {n}", f"{base}/s/{n}") for n in range(10))
    body = f'<rss version="2.0"><channel><title>N</title>{items}</channel></rss>'.encode()
    rig = panels.started((serve(content_server, body, "application/rss+xml"),))
    assert rig.rows == 10
    content_server.clear()
    serve(content_server, b"<rss>\x01\x02 junk &&& <<<", "application/rss+xml")
    clock.now += 600
    rig.panel.news.refresh()
    qtbot.waitUntil(lambda: not rig.panel.news.status.refreshing)
    assert rig.rows == 10
    assert (
        accessible_text(rig.panel.headlines.status)
        == "Could not refresh — showing news from 10 min ago"
    )
    assert accessible_text(rig.panel.headlines.detail) == (
        "The news feed at 127.0.0.1 sent no stories; the ones it had before are shown."
    )
