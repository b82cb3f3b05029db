"""The one background-work mechanism: results on the main thread, failures to their owner."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from station_app.net.cancel import CancelToken
from station_app.net.fetcher import Fetcher, FetchPolicy
from station_app.net.results import ContentKind, FetchResult
from station_app.tasks import TaskFailed, TaskRunner
from tests.trickle_server import TrickleServer


def test_result_arrives_on_the_main_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    main = threading.get_ident()
    seen: list[tuple[int, int]] = []

    def work(_token: CancelToken) -> int:
        return threading.get_ident()

    runner.submit(work, lambda worker: seen.append((worker, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(seen))
    worker, delivered_on = seen[0]
    assert worker != main
    assert delivered_on == main


def test_latest_request_wins(qtbot: QtBot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    started = threading.Event()
    results: list[str] = []
    tokens: list[CancelToken] = []

    def slow(token: CancelToken) -> str:
        tokens.append(token)
        started.set()
        release.wait(5)
        return "old"

    runner.submit(slow, results.append, key="search")
    assert started.wait(5)
    runner.submit(lambda _t: "new", results.append, key="search")
    qtbot.waitUntil(lambda: results == ["new"])
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert results == ["new"]
    assert tokens[0].cancelled


def test_exception_in_task_is_raised_on_main_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()

    def broken(_token: CancelToken) -> None:
        raise ValueError("bad parse")

    with qtbot.captureExceptions() as exceptions:
        runner.submit(broken, lambda _r: None)
        qtbot.waitUntil(lambda: not runner.busy)
    assert [str(e[1]) for e in exceptions] == ["bad parse"]


def test_a_task_that_raises_reports_failure_to_its_owner(qtbot: QtBot) -> None:
    runner = TaskRunner()
    done: list[object] = []
    failed: list[TaskFailed] = []

    def broken(_token: CancelToken) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    runner.submit(broken, done.append, on_failed=failed.append)
    qtbot.waitUntil(lambda: not runner.busy)
    assert done == []
    assert [type(f.error) for f in failed] == [RecursionError]


@pytest.fixture
def two_core_global_pool() -> Iterator[None]:
    """Qt's global pool as a two-core machine has it: two threads."""
    pool = QThreadPool.globalInstance()
    before = pool.maxThreadCount()
    pool.setMaxThreadCount(2)
    try:
        yield
    finally:
        pool.setMaxThreadCount(before)


@pytest.mark.usefixtures("two_core_global_pool")
def test_stuck_downloads_do_not_hold_up_other_tasks(
    qtbot: QtBot, trickle_server: TrickleServer
) -> None:
    runner = TaskRunner()
    fetcher = Fetcher(None, FetchPolicy(read_timeout=30, total_timeout=300, retries=0))
    stuck: list[FetchResult] = []
    for _ in range(3):
        runner.submit(
            lambda cancel: fetcher.fetch(trickle_server.url(), ContentKind.FEED, cancel),
            stuck.append,
        )
    qtbot.waitUntil(lambda: trickle_server.connections >= 2, timeout=10_000)
    answered: list[str] = []
    runner.submit(lambda _cancel: "schedule", answered.append)
    try:
        qtbot.waitUntil(lambda: answered == ["schedule"], timeout=10_000)
        assert stuck == []  # still stuck: they did not simply finish first
    finally:
        runner.shutdown(wait_ms=10_000)
    # Cancelling cut them: the server sees each client hang up.
    qtbot.waitUntil(lambda: trickle_server.hung_up == trickle_server.connections, timeout=10_000)


def test_shutdown_cancels_pending_work(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    seen: list[bool] = []

    def waits(token: CancelToken) -> bool:
        started.set()
        return token.sleep(5)

    runner.submit(waits, seen.append)
    assert started.wait(5)
    runner.shutdown(wait_ms=5000)
    assert seen == []


@pytest.mark.parametrize("count", [50])
def test_many_tasks_all_complete(qtbot: QtBot, count: int) -> None:
    runner = TaskRunner()
    results: list[int] = []
    for number in range(count):
        runner.submit(lambda _t, n=number: n * 2, results.append)
    qtbot.waitUntil(lambda: len(results) == count)
    assert sorted(results) == [n * 2 for n in range(count)]
