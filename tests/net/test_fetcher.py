"""The content fetcher against a real HTTP server on loopback."""

from __future__ import annotations

import socket
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from station_app import __version__
from station_app.net.cache import DiskCache
from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher, FetchPolicy
from station_app.net.results import ContentKind, FailureKind, Fetched, FetchError
from tests.clock import Clock

FAST = FetchPolicy(connect_timeout=1, read_timeout=0.5, retries=2, backoff_seconds=0.01)


@pytest.fixture
def clock() -> Clock:
    return Clock(1_000_000.0)


@pytest.fixture
def fetcher(tmp_path: Path, clock: Clock) -> Fetcher:
    return Fetcher(DiskCache(tmp_path / "cache"), FAST, clock=clock)


def kept(fetcher: Fetcher, url: str, kind: ContentKind = ContentKind.FEED) -> Fetched:
    """Fetches `url` and keeps it as the last good copy, as a user that could read it does."""
    result = fetcher.fetch(url, kind)
    assert isinstance(result, Fetched)
    fetcher.keep(result)
    return result


def test_fetches_body_with_identifying_user_agent(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    content_server.expect_request(
        "/feed.rss", headers={"User-Agent": f"station-app/{__version__}"}
    ).respond_with_data(b"<rss/>", content_type="application/rss+xml")
    result = fetcher.fetch(content_server.url_for("/feed.rss"), ContentKind.FEED)
    assert isinstance(result, Fetched)
    assert result.body == b"<rss/>"
    assert result.content_type == "application/rss+xml"
    assert not result.stale


def test_unchanged_resource_is_revalidated_with_304_and_no_body(
    content_server: HTTPServer, fetcher: Fetcher, clock: Clock
) -> None:
    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(b"<rss>v1</rss>", headers={"ETag": '"v1"'})

    content_server.expect_request("/feed.rss").respond_with_handler(handler)
    url = content_server.url_for("/feed.rss")
    first = kept(fetcher, url)
    clock.now += 600
    second = fetcher.fetch(url, ContentKind.FEED)
    assert isinstance(first, Fetched) and isinstance(second, Fetched)
    assert second.revalidated and not first.revalidated
    assert second.body == b"<rss>v1</rss>"
    assert second.fetched_at == clock.now
    statuses = [(resp.status_code, resp.get_data()) for _req, resp in content_server.log]
    assert statuses == [(200, b"<rss>v1</rss>"), (304, b"")]


def test_last_modified_is_used_for_revalidation(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    stamp = "Tue, 24 Nov 2026 10:00:00 GMT"

    def handler(request: Request) -> Response:
        if request.headers.get("If-Modified-Since") == stamp:
            return Response(status=304)
        return Response(b"data", headers={"Last-Modified": stamp})

    content_server.expect_request("/a").respond_with_handler(handler)
    url = content_server.url_for("/a")
    kept(fetcher, url, ContentKind.PAGE)
    result = fetcher.fetch(url, ContentKind.PAGE)
    assert isinstance(result, Fetched) and result.revalidated


def test_offline_serves_last_good_copy_marked_stale_with_age(
    content_server: HTTPServer, fetcher: Fetcher, clock: Clock
) -> None:
    content_server.expect_request("/feed.rss").respond_with_data(b"<rss>good</rss>")
    url = content_server.url_for("/feed.rss")
    kept(fetcher, url)
    content_server.stop()
    clock.now += 7200
    result = fetcher.fetch(url, ContentKind.FEED)
    assert isinstance(result, Fetched)
    assert result.stale
    assert result.body == b"<rss>good</rss>"
    assert clock.now - result.fetched_at == 7200
    assert result.error is not None
    assert result.error.message == "Could not reach 127.0.0.1: the connection was refused."


def test_server_error_serves_stale_copy(content_server: HTTPServer, fetcher: Fetcher) -> None:
    content_server.expect_oneshot_request("/f").respond_with_data(b"ok")
    content_server.expect_request("/f").respond_with_data(b"down", status=500)
    url = content_server.url_for("/f")
    kept(fetcher, url)
    result = fetcher.fetch(url, ContentKind.FEED)
    assert isinstance(result, Fetched) and result.stale and result.body == b"ok"
    assert result.error is not None and "answered 500" in result.error.message


def test_5xx_is_retried_with_backoff_then_succeeds(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    answers = iter([503, 502, 200])

    def handler(_request: Request) -> Response:
        status = next(answers)
        return Response(b"fine" if status == 200 else b"busy", status=status)

    content_server.expect_request("/j").respond_with_handler(handler)
    result = fetcher.fetch(content_server.url_for("/j"), ContentKind.JSON)
    assert isinstance(result, Fetched) and result.body == b"fine"
    assert len(content_server.log) == 3


def test_4xx_is_not_retried(content_server: HTTPServer, fetcher: Fetcher) -> None:
    content_server.expect_request("/missing").respond_with_data(b"no", status=404)
    result = fetcher.fetch(content_server.url_for("/missing"), ContentKind.PAGE)
    assert isinstance(result, FetchError)
    assert result.status == 404
    assert result.message.startswith("127.0.0.1 answered 404 NOT FOUND for http://")
    assert len(content_server.log) == 1


def test_connection_refused_is_retried_and_reported(fetcher: Fetcher) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    result = fetcher.fetch(f"http://127.0.0.1:{port}/x", ContentKind.FEED)
    assert isinstance(result, FetchError)
    assert result.kind is FailureKind.CONNECTION
    assert result.message == "Could not reach 127.0.0.1: the connection was refused."
    assert time.monotonic() - started < 5


def test_slow_server_times_out_without_retry(content_server: HTTPServer, fetcher: Fetcher) -> None:
    def slow(_request: Request) -> Response:
        time.sleep(1.5)
        return Response(b"late")

    content_server.expect_request("/slow").respond_with_handler(slow)
    result = fetcher.fetch(content_server.url_for("/slow"), ContentKind.FEED)
    assert isinstance(result, FetchError)
    assert result.kind is FailureKind.TIMEOUT
    assert result.message == "Could not reach 127.0.0.1: timed out after 0.5 s."
    assert len(content_server.log) <= 1


def test_huge_streamed_response_stops_at_the_cap(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    sent = [0]
    chunk = b"x" * (1024 * 1024)

    def endless() -> Iterator[bytes]:
        for _ in range(200):
            sent[0] += len(chunk)
            yield chunk

    content_server.expect_request("/huge").respond_with_handler(
        lambda _request: Response(endless(), content_type="application/rss+xml")
    )
    tracemalloc.start()
    try:
        result = fetcher.fetch(content_server.url_for("/huge"), ContentKind.FEED)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(result, FetchError)
    assert result.kind is FailureKind.TOO_LARGE
    assert result.message == (
        "The news feed at 127.0.0.1 is larger than the 10 MB allowed; it was not downloaded."
    )
    assert peak < 2 * ContentKind.FEED.max_bytes
    assert sent[0] < 40 * 1024 * 1024


def test_declared_oversize_is_refused_before_reading(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    content_server.expect_request("/big.jpg").respond_with_data(
        b"x" * (ContentKind.IMAGE.max_bytes + 1), content_type="image/jpeg"
    )
    result = fetcher.fetch(content_server.url_for("/big.jpg"), ContentKind.IMAGE)
    assert isinstance(result, FetchError) and result.kind is FailureKind.TOO_LARGE


def test_redirect_to_file_url_is_refused(content_server: HTTPServer, fetcher: Fetcher) -> None:
    content_server.expect_request("/r").respond_with_data(
        b"", status=302, headers={"Location": "file:///etc/passwd"}
    )
    result = fetcher.fetch(content_server.url_for("/r"), ContentKind.FEED)
    assert isinstance(result, FetchError)
    assert result.kind is FailureKind.REDIRECT
    assert "file:///etc/passwd, which is not a web address" in result.message


def test_redirects_are_followed_and_loops_are_cut(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    content_server.expect_request("/old").respond_with_data(
        b"", status=301, headers={"Location": "/new"}
    )
    content_server.expect_request("/new").respond_with_data(b"moved here")
    content_server.expect_request("/loop").respond_with_data(
        b"", status=302, headers={"Location": "/loop"}
    )
    moved = fetcher.fetch(content_server.url_for("/old"), ContentKind.PAGE)
    assert isinstance(moved, Fetched) and moved.body == b"moved here"
    assert moved.final_url == content_server.url_for("/new")
    loop = fetcher.fetch(content_server.url_for("/loop"), ContentKind.PAGE)
    assert isinstance(loop, FetchError) and "redirected more than 5 times" in loop.message


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://x.example/a", "javascript:x", ""])
def test_only_web_addresses_are_fetched(fetcher: Fetcher, url: str) -> None:
    result = fetcher.fetch(url, ContentKind.PAGE)
    assert isinstance(result, FetchError) and result.kind is FailureKind.BAD_URL


def test_cancelled_request_returns_cancelled(content_server: HTTPServer, fetcher: Fetcher) -> None:
    token = CancelToken()
    token.cancel()
    result = fetcher.fetch(content_server.url_for("/x"), ContentKind.PAGE, cancel=token)
    assert isinstance(result, FetchError) and result.kind is FailureKind.CANCELLED
    assert content_server.log == []


def test_cached_copy_is_available_without_network(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    url = content_server.url_for("/feed")
    assert fetcher.cached(url) is None
    content_server.expect_request("/feed").respond_with_data(b"body")
    kept(fetcher, url)
    content_server.stop()
    cached = fetcher.cached(url)
    assert cached is not None and cached.body == b"body"


def test_prefix_of_an_endless_stream_is_read_and_the_rest_left(
    content_server: HTTPServer, fetcher: Fetcher
) -> None:
    sent = [0]

    def endless() -> Iterator[bytes]:
        while sent[0] < 500 * 1024 * 1024:
            sent[0] += 4096
            yield b"\xff\xfb" + b"\0" * 4094

    content_server.expect_request("/live.mp3").respond_with_handler(
        lambda _request: Response(endless(), content_type="audio/mpeg")
    )
    result = fetcher.fetch_prefix(content_server.url_for("/live.mp3"), 16 * 1024)
    assert isinstance(result, Fetched)
    assert len(result.body) == 16 * 1024 and result.body.startswith(b"\xff\xfb")
    assert result.content_type == "audio/mpeg"
    assert sent[0] < 50 * 1024 * 1024
