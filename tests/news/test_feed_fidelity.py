"""Feeds read as they mean it: links, charsets, references, plain-text titles."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from station_app.net.cache import DiskCache
from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.news.feed_xml import readable_feed
from station_app.news.feeds import Article, FeedProblem, parse_feed
from station_app.news.refresh import refresh_feeds
from station_app.stations.model import Feed
from tests.news.conftest import FAST, Clock

URL = "https://news.example/feed"
BROKEN = "<unclosed>"  # makes a document ill-formed without touching its items
# Czech in ISO-8859-2, undeclared: charset detection reads it as "®lu»ouèký kùò …".
CZECH = "Žluťoučký kůň úpěl ďábelské ódy"
ISO_8859_2 = "text/xml; charset=iso-8859-2"


def rss(items: str, tail: str = "", declaration: str = '<?xml version="1.0"?>') -> str:
    return (
        f'{declaration}<rss version="2.0"><channel><title>News</title>{items}</channel>{tail}</rss>'
    )


def czech_feed(tail: str = "") -> bytes:
    item = f"<item><title>{CZECH}</title><link>https://n.example/k</link></item>"
    return rss(item, tail, declaration="").encode("iso-8859-2")


def articles(body: bytes, content_type: str = "") -> tuple[Article, ...]:
    parsed = parse_feed(body, "News", URL, content_type)
    assert not isinstance(parsed, FeedProblem), parsed
    return parsed


@pytest.mark.parametrize(
    "before", ["", "<description>a&nbsp;b</description>", "<description>a & b</description>"]
)
def test_escaped_ampersands_in_a_link_are_kept(before: str) -> None:
    item = (
        f"<item><title>Q</title>{before}<link>https://n.example/q?a=1&amp;b=2&amp;c</link></item>"
    )
    (article,) = articles(rss(item).encode())
    assert article.link == "https://n.example/q?a=1&b=2&c"


def test_bare_ampersands_in_a_link_of_a_broken_feed_are_kept() -> None:
    item = "<item><title>Q</title><link>https://news.example/q?a=1&b=2&c</link></item>"
    (article,) = articles(rss(item).encode())
    assert article.link == "https://news.example/q?a=1&b=2&c"


@pytest.mark.parametrize("tail", ["", BROKEN])
def test_charset_from_the_http_header_decodes_an_undeclared_feed(tail: str) -> None:
    body = czech_feed(tail)
    # Detection alone takes these bytes for another charset: only the header tells.
    assert [a.title for a in articles(body)] != [CZECH]
    (article,) = articles(body, ISO_8859_2)
    assert article.title == CZECH


def test_the_http_charset_holds_for_the_cached_copy_after_a_restart(
    content_server: HTTPServer, fetcher: Fetcher, clock: Clock, tmp_path: Path
) -> None:
    body = czech_feed()

    def feed(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"c1"':
            return Response(status=304)
        return Response(body, headers={"ETag": '"c1"'}, content_type=ISO_8859_2)

    content_server.expect_request("/czech.rss").respond_with_handler(feed)
    news = (Feed("News", content_server.url_for("/czech.rss")),)
    fetched = refresh_feeds(fetcher, news, {}, CancelToken())
    assert fetched.articles is not None and [a.title for a in fetched.articles] == [CZECH]
    restarted = Fetcher(DiskCache(tmp_path / "http-cache"), FAST, clock=clock)  # same disk
    cached = refresh_feeds(restarted, news, {}, CancelToken(), cached_only=True)
    assert cached.articles is not None and [a.title for a in cached.articles] == [CZECH]
    revalidated = refresh_feeds(restarted, news, {}, CancelToken())  # a 304: the disk's copy
    assert [r.status_code for _request, r in content_server.log] == [200, 304]
    assert revalidated.articles is not None and [a.title for a in revalidated.articles] == [CZECH]
    content_server.clear()
    content_server.expect_request("/czech.rss").respond_with_data("down", status=503)
    offline = refresh_feeds(restarted, news, {}, CancelToken())  # the disk's copy, stale
    assert offline.stale and offline.articles is not None
    assert [a.title for a in offline.articles] == [CZECH]


def test_declared_encoding_wins_over_utf8_guessing_in_a_broken_feed() -> None:
    item = "<item><title>Crème brûlée</title><link>https://n.example/c</link></item>"
    body = rss(item, BROKEN, '<?xml version="1.0" encoding="iso-8859-1"?>').encode("latin-1")
    (article,) = articles(body)
    assert article.title == "Crème brûlée"


@pytest.mark.parametrize("tail", ["", BROKEN])
def test_upper_case_hex_character_references_are_read(tail: str) -> None:
    (article,) = articles(rss("<item><title>&#X41;BC &#x44;</title></item>", tail).encode())
    assert article.title == "ABC D"


@pytest.mark.parametrize("tail", ["", BROKEN])
def test_html_entities_in_a_broken_feed_keep_their_characters(tail: str) -> None:
    item = "<item><title>Caf&eacute; &dArr; &amp; &unknown; tea</title></item>"
    (article,) = articles(rss(item, tail).encode())
    assert article.title == "Café ⇓ & &unknown; tea"


def test_text_typed_atom_title_is_shown_as_written() -> None:
    body = (
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        b"<title>t</title><entry><id>1</id>"
        b'<title type="text">History of the &lt;blink&gt; tag</title>'
        b'<summary type="text">Use &lt;b&gt; for bold</summary>'
        b'<link href="https://n.example/b"/></entry></feed>'
    )
    (article,) = articles(body)
    assert article.title == "History of the <blink> tag"
    assert article.summary == "Use <b> for bold"
    assert "&lt;b&gt;" in article.content_html  # the reader shows it as text too


def test_html_typed_title_is_cleaned_to_text() -> None:
    body = (
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        b'<title>t</title><entry><id>1</id><title type="html">A &lt;b&gt;bold&lt;/b&gt; move'
        b"</title></entry></feed>"
    )
    (article,) = articles(body)
    assert article.title == "A bold move"


@pytest.mark.parametrize(
    ("description", "shown"),
    [
        ("By Ann Writer&lt;br /&gt;Text of the story", "By Ann Writer Text of the story"),
        ("&lt;p&gt;One&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Three", "One Two Three"),
        ('Safe&lt;iframe src="https://x.example/"&gt; &lt;b&gt;inner&lt;/b&gt;', "Safe"),
        ("&lt;title&gt;Page&lt;/title&gt;Body&lt;script&gt;x()&lt;/script&gt;", "Body"),
    ],
)
def test_html_text_reads_as_a_browser_shows_it(description: str, shown: str) -> None:
    (article,) = articles(rss(f"<item><description>{description}</description></item>").encode())
    assert article.summary == shown


def test_a_feed_that_parses_reaches_feedparser_untouched() -> None:
    body = rss("<item><title>T</title><link>https://n.example/?a=1&amp;b=2</link></item>").encode()
    document = readable_feed(body, "application/rss+xml")
    assert document is not None and not document.repaired
    assert document.body is body
    assert document.content_type == "application/rss+xml"


def test_text_in_cdata_and_comments_is_not_escaped_by_the_repair() -> None:
    item = (
        "<item><title><![CDATA[Fish & chips &amp;c]]></title><!-- a & b -->"
        "<description><![CDATA[<p>Salt &amp; vinegar</p>]]></description></item>"
    )
    document = readable_feed(rss(item, BROKEN).encode())
    assert document is not None and document.repaired
    assert articles(rss(item, BROKEN).encode()) == articles(rss(item).encode())


def test_a_feed_cut_off_inside_a_tag_invents_no_title() -> None:
    body = rss("<item><title>Whole</title></item>").encode()[:-17] + b"<item><title><![CD"
    assert [a.title for a in articles(body)] == ["Whole"]


def test_undeclared_namespace_prefixes_are_still_read() -> None:
    item = "<item><title>T</title><dc:creator>Ann Writer</dc:creator></item>"
    (article,) = articles(rss(item, BROKEN).encode())
    assert article.byline == "Ann Writer"
