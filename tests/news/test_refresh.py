"""A refresh against a real server on loopback: 304s, offline cache, bad servers, discovery."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from station_app.net.cache import DiskCache
from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher
from station_app.news.refresh import refresh_feeds
from station_app.stations.model import Feed
from tests.news.conftest import FAST, Clock, fixture_text


def serve_feed(server: HTTPServer, base: str, path: str = "/news.rss") -> Feed:
    body = fixture_text("npr_feed.xml", base).encode()

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(body, headers={"ETag": '"v1"'}, content_type="application/rss+xml")

    server.expect_request(path).respond_with_handler(handler)
    return Feed("News", server.url_for(path))


def test_unchanged_feed_costs_a_304_and_nothing_to_redraw(
    content_server: HTTPServer, fetcher: Fetcher, base: str
) -> None:
    feed = serve_feed(content_server, base)
    first = refresh_feeds(fetcher, (feed,), {}, CancelToken())
    assert first.articles is not None and len(first.articles) == 3
    second = refresh_feeds(fetcher, (feed,), first.digests, CancelToken())
    assert second.articles is None and not second.errors
    assert [resp.status_code for _req, resp in content_server.log] == [200, 304]


def test_server_error_serves_cache_marked_stale_with_its_age(
    content_server: HTTPServer, fetcher: Fetcher, base: str, clock: Clock
) -> None:
    feed = serve_feed(content_server, base)
    first = refresh_feeds(fetcher, (feed,), {}, CancelToken())
    content_server.clear()
    content_server.expect_request("/news.rss").respond_with_data("down", status=500)
    clock.now += 7200
    second = refresh_feeds(fetcher, (feed,), {}, CancelToken())
    assert second.stale and second.articles == first.articles
    assert second.updated_at == first.updated_at == clock.now - 7200
    assert second.errors and "answered 500" in second.errors[0]


def test_cached_only_reads_disk_without_network(
    content_server: HTTPServer, fetcher: Fetcher, base: str
) -> None:
    feed = serve_feed(content_server, base)
    refresh_feeds(fetcher, (feed,), {}, CancelToken())
    content_server.stop()
    cached = refresh_feeds(fetcher, (feed,), {}, CancelToken(), cached_only=True)
    assert cached.articles is not None and len(cached.articles) == 3
    assert not cached.stale and not cached.errors


def test_garbage_feed_without_cache_gives_error_and_no_list(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    content_server.expect_request("/news.rss").respond_with_data(b"\x00garbage\xff" * 100)
    feed = Feed("News", content_server.url_for("/news.rss"))
    outcome = refresh_feeds(fetcher, (feed,), {}, CancelToken())
    assert outcome.articles is None
    assert outcome.errors == (
        "The news feed at 127.0.0.1 is not RSS or Atom; check its address in stations.toml.",
    )


def test_redirect_loop_and_file_redirect_give_sentences(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    content_server.expect_request("/loop").respond_with_response(
        Response(status=302, headers={"Location": "/loop"})
    )
    content_server.expect_request("/file").respond_with_response(
        Response(status=302, headers={"Location": "file:///etc/passwd"})
    )
    feeds = (
        Feed("Loop", content_server.url_for("/loop")),
        Feed("F", content_server.url_for("/file")),
    )
    outcome = refresh_feeds(fetcher, feeds, {}, CancelToken())
    assert outcome.articles is None
    assert "redirected more than" in outcome.errors[0]
    assert "file:///etc/passwd, which is not a web address" in outcome.errors[1]


def test_cancelled_refresh_asks_no_server(
    content_server: HTTPServer, fetcher: Fetcher, base: str
) -> None:
    feed = serve_feed(content_server, base)
    token = CancelToken()
    token.cancel()
    assert refresh_feeds(fetcher, (feed,), {}, token).articles is None
    assert content_server.log == []


def test_endless_feed_is_cut_at_the_size_cap_with_bounded_memory(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    def endless(_request: Request) -> Response:
        block = b"<item>" * 10_000
        return Response(block for _ in range(200 * 1024 * 1024 // len(block)))

    content_server.expect_request("/huge.rss").respond_with_handler(endless)
    feed = Feed("Huge", content_server.url_for("/huge.rss"))
    tracemalloc.start()
    try:
        outcome = refresh_feeds(fetcher, (feed,), {}, CancelToken())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcome.articles is None
    assert outcome.errors == (
        "The news feed at 127.0.0.1 is larger than the 10 MB allowed; it was not downloaded.",
    )
    assert peak < 40 * 1024 * 1024


def test_silent_feed_server_times_out_with_a_sentence(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    def silent(_request: Request) -> Response:
        time.sleep(1.5)
        return Response(b"<rss/>")

    content_server.expect_request("/slow.rss").respond_with_handler(silent)
    feed = Feed("Slow", content_server.url_for("/slow.rss"))
    outcome = refresh_feeds(fetcher, (feed,), {}, CancelToken())
    assert outcome.articles is None
    assert outcome.errors == ("Could not reach 127.0.0.1: timed out after 0.5 s.",)


def test_an_unreadable_answer_never_replaces_the_last_good_copy(
    content_server: HTTPServer, base: str, clock: Clock, tmp_path: Path
) -> None:
    fetcher = Fetcher(DiskCache(tmp_path / "cache"), FAST, clock=clock)
    feed = serve_feed(content_server, base)
    first = refresh_feeds(fetcher, (feed,), {}, CancelToken())
    assert first.articles is not None and len(first.articles) == 3
    content_server.clear()
    content_server.expect_request("/news.rss").respond_with_data(b"\x00garbage")
    clock.now += 600
    second = refresh_feeds(fetcher, (feed,), {}, CancelToken())
    assert second.articles == first.articles and second.fell_back
    assert second.errors and "is not RSS or Atom" in second.errors[0]
    assert second.updated_at == first.updated_at  # the copy shown is as old as it was
    # After a restart the last good copy is still there, and a later 500 is a 500.
    restarted = Fetcher(DiskCache(tmp_path / "cache"), FAST, clock=clock)
    cached = refresh_feeds(restarted, (feed,), {}, CancelToken(), cached_only=True)
    assert cached.articles == first.articles
    content_server.clear()
    content_server.expect_request("/news.rss").respond_with_data("down", status=500)
    third = refresh_feeds(restarted, (feed,), {}, CancelToken())
    assert third.articles == first.articles and third.stale
    assert third.errors and "answered 500" in third.errors[0]


def test_a_feed_that_had_stories_and_sends_none_is_a_failure(
    content_server: HTTPServer, fetcher: Fetcher, base: str
) -> None:
    feed = serve_feed(content_server, base)
    first = refresh_feeds(fetcher, (feed,), {}, CancelToken())
    content_server.clear()
    junk = b"<rss>" + bytes(range(1, 32)) * 40 + b"\xff\xfe<<<&&&"
    content_server.expect_request("/news.rss").respond_with_data(junk)
    second = refresh_feeds(fetcher, (feed,), {}, CancelToken())
    assert second.articles == first.articles and second.fell_back
    assert second.errors == (
        "The news feed at 127.0.0.1 sent no stories; the ones it had before are shown.",
    )
