"""Every request ends by its wall-clock deadline, and a cancelled one at once."""

from __future__ import annotations

import threading
from collections.abc import Callable

from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher, FetchPolicy
from station_app.net.results import ContentKind, FailureKind, FetchError, FetchResult
from tests.trickle_server import Trickle, TrickleServer

# Each byte arrives well within the read timeout, so only a deadline over the
# whole request can end it.
POLICY = FetchPolicy(connect_timeout=2, read_timeout=1.5, total_timeout=2, retries=0)
# Far longer than any of these tests should take once the request is cut.
GIVE_UP_SECONDS = 40


def in_background(call: Callable[[], FetchResult]) -> tuple[threading.Thread, list[FetchResult]]:
    results: list[FetchResult] = []
    thread = threading.Thread(target=lambda: results.append(call()), daemon=True)
    thread.start()
    return thread, results


def finished(thread: threading.Thread, results: list[FetchResult]) -> FetchResult:
    thread.join(GIVE_UP_SECONDS)
    assert not thread.is_alive(), "the request never ended"
    return results[0]


def test_a_feed_trickling_its_body_times_out_at_the_deadline(
    trickle_server: TrickleServer,
) -> None:
    fetcher = Fetcher(None, POLICY)
    result = finished(*in_background(lambda: fetcher.fetch(trickle_server.url(), ContentKind.FEED)))
    assert isinstance(result, FetchError) and result.kind is FailureKind.TIMEOUT
    assert result.message == "Could not reach 127.0.0.1: no complete answer within 2 s."


def test_a_server_trickling_its_headers_times_out_at_the_deadline() -> None:
    server = TrickleServer(Trickle.HEADERS)
    try:
        fetcher = Fetcher(None, POLICY)
        result = finished(*in_background(lambda: fetcher.fetch(server.url(), ContentKind.FEED)))
    finally:
        server.stop()
    assert isinstance(result, FetchError) and result.kind is FailureKind.TIMEOUT


def test_cancelling_a_request_to_a_silent_server_ends_it_at_once() -> None:
    server = TrickleServer(Trickle.SILENT)
    # Neither the read timeout nor the deadline could end this request in time.
    slow = FetchPolicy(connect_timeout=2, read_timeout=120, total_timeout=300, retries=0)
    fetcher = Fetcher(None, slow)
    cancel = CancelToken()
    try:
        thread, results = in_background(
            lambda: fetcher.fetch(server.url(), ContentKind.FEED, cancel)
        )
        # Cancelled while the server holds the whole request and says nothing.
        assert server.wait_for(lambda: server.requests == 1)
        cancel.cancel()
        result = finished(thread, results)
        hung_up = server.wait_for(lambda: server.hung_up == 1)
    finally:
        server.stop()
    assert isinstance(result, FetchError) and result.kind is FailureKind.CANCELLED
    assert hung_up, "the connection was left open"
