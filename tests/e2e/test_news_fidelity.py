"""The news panel shows feeds as they mean it, in the real window, read through AT-SPI.

One station's two feeds carry the four cases: a link whose query has escaped
ampersands, an ISO-8859-2 feed whose charset only the HTTP header names (charset
detection would take it for another), an upper-case hex character reference,
and an Atom title typed as plain text. The next start, without any network,
shows the same headlines from the disk cache.
"""

from __future__ import annotations

from pytest_httpserver import HTTPServer

from station_app.news.feed_xml import MAX_TEXT_CHARACTERS
from tests.e2e.atspi import Accessible
from tests.e2e.configs import LoopbackConfig, StationEntry
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.news.conftest import fixture_text

CZECH = "Žluťoučký kůň úpěl ďábelské ódy"
BLINK = "History of the <blink> tag"
AMPERSANDS = "Budget vote: the full roll call"
HEX = "ABC of the town budget"


def czech_feed(base: str) -> bytes:
    """RSS without an XML declaration, so only the response's charset says ISO-8859-2."""
    items = (
        f"<item><title>{AMPERSANDS}</title><description>Floor&nbsp;debate</description>"
        f"<link>{base}/news/q?a=1&amp;b=2&amp;c</link>"
        "<pubDate>Tue, 24 Nov 2026 12:00:00 GMT</pubDate></item>"
        f"<item><title>{CZECH}</title><link>{base}/news/r</link>"
        "<pubDate>Tue, 24 Nov 2026 11:00:00 GMT</pubDate></item>"
        f"<item><title>&#X41;BC of the town budget</title><link>{base}/news/h</link>"
        "<pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>"
    )
    text = f'<rss version="2.0"><channel><title>Local</title>{items}</channel></rss>'
    return text.encode("iso-8859-2")


def atom_feed(base: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>Arts</title><entry><id>tag:blink</id><link href="{base}/arts/blink"/>'
        '<title type="text">History of the &lt;blink&gt; tag</title>'
        "<updated>2026-11-24T09:00:00Z</updated></entry></feed>"
    )


def names(headlines: Accessible) -> list[str]:
    return [item.name for item in headlines.find_all("list item")]


def test_headlines_and_links_read_as_their_feeds_mean_them(
    launch: Launch, desktop: Desktop, content_server: HTTPServer
) -> None:
    base = f"http://127.0.0.1:{content_server.port}"
    content_server.expect_request("/local.rss").respond_with_data(
        czech_feed(base), content_type="text/xml; charset=iso-8859-2"
    )
    content_server.expect_request("/arts.atom").respond_with_data(
        atom_feed(base), content_type="application/atom+xml"
    )
    # The story's page exists only at the address with every parameter.
    content_server.expect_request("/news/q", query_string="a=1&b=2&c").respond_with_data(
        fixture_text("article.html", base), content_type="text/html; charset=utf-8"
    )
    config = LoopbackConfig(
        (StationEntry("wlpr", "WLPR", ()),),
        feeds=(("Local", f"{base}/local.rss"), ("Arts", f"{base}/arts.atom")),
    )
    app = launch()
    config.write(app)
    app.start()
    window = app.window()
    headlines = window.find("list", "Headlines")

    wait_for(lambda: len(names(headlines)) == 4, "the four headlines")
    assert names(headlines) == [AMPERSANDS, CZECH, HEX, BLINK]  # newest first
    headlines.grab_focus()
    wait_for(lambda: "focused" in headlines.states, "the headlines to have the focus")
    desktop.key("Home")
    desktop.key("Return")  # opens the story in the app's reader
    story = "Article: Hartford and New Haven weigh faster bus routes"
    wait_for(lambda: window.find_all("document", story), "the story's own page in the reader")
    assert any(r.query_string == b"a=1&b=2&c" for r, _ in content_server.log)

    desktop.key("ctrl+q")
    assert app.wait_exit() == 0
    again = launch(offline=True)  # the next day, without any network
    again.home = app.home
    again.config_dir, again.state_dir, again.cache_dir = (
        app.config_dir,
        app.state_dir,
        app.cache_dir,
    )
    again.output_file = app.home / "second-output.txt"
    again.start()
    cached = again.window().find("list", "Headlines")
    wait_for(lambda: len(names(cached)) == 4, "the four headlines from the disk")
    assert names(cached) == [AMPERSANDS, CZECH, HEX, BLINK]


def test_a_story_with_a_text_of_megabytes_is_listed_with_its_neighbours(
    launch: Launch, content_server: HTTPServer
) -> None:
    # 250,000 accented letters: longer than any story, so the feed is cut before it is read.
    endless = "\u00e9" * (MAX_TEXT_CHARACTERS + 50_000)
    items = "".join(
        f"<item><title>{title}</title><link>https://news.example/{n}</link>"
        f"<description>{text}</description>"
        f"<pubDate>Tue, 24 Nov 2026 {12 - n:02d}:00:00 GMT</pubDate></item>"
        for n, (title, text) in enumerate(
            [("Before the long read", "Short."), ("The long read", endless), ("After it", "Short.")]
        )
    )
    feed = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>L</title>'
    content_server.expect_request("/long.rss").respond_with_data(
        (feed + items + "</channel></rss>").encode(), content_type="application/rss+xml"
    )
    config = LoopbackConfig(
        (StationEntry("wlpr", "WLPR", ()),),
        feeds=(("Long", content_server.url_for("/long.rss")),),
    )
    app = launch()
    config.write(app)
    app.start()
    headlines = app.window().find("list", "Headlines")
    wanted = ["Before the long read", "The long read", "After it"]
    wait_for(
        lambda: [name.split(",")[0] for name in names(headlines)] == wanted, "the three headlines"
    )
