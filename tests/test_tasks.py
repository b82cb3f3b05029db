"""The one background-work mechanism: results on the main thread, failures to their owner,
and the newest task in a slot wins."""

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


def ignore(_failure: TaskFailed) -> None:
    raise AssertionError("no task in this test fails")


def test_result_arrives_on_the_main_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    main = threading.get_ident()
    seen: list[tuple[int, int]] = []

    def work(_token: CancelToken) -> int:
        return threading.get_ident()

    runner.start(work, lambda worker: seen.append((worker, threading.get_ident())), ignore)
    qtbot.waitUntil(lambda: bool(seen))
    worker, delivered_on = seen[0]
    assert worker != main
    assert delivered_on == main


def test_a_newer_task_in_a_slot_wins_and_the_superseded_result_never_arrives(
    qtbot: QtBot,
) -> None:
    runner = TaskRunner()
    slot = runner.slot()
    release = threading.Event()
    started = threading.Event()
    results: list[str] = []
    tokens: list[CancelToken] = []

    def slow(token: CancelToken) -> str:
        tokens.append(token)
        started.set()
        release.wait(5)
        return "old"

    slot.start(slow, results.append, ignore)
    assert started.wait(5)
    slot.start(lambda _t: "new", results.append, ignore)
    qtbot.waitUntil(lambda: results == ["new"])
    assert tokens[0].cancelled
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert results == ["new"]


def test_a_superseded_task_that_raises_never_reaches_the_owner(qtbot: QtBot) -> None:
    runner = TaskRunner()
    slot = runner.slot()
    release = threading.Event()
    started = threading.Event()
    failures: list[TaskFailed] = []
    results: list[str] = []

    def breaks_later(_token: CancelToken) -> str:
        started.set()
        release.wait(5)
        raise ValueError("bad parse")

    slot.start(breaks_later, results.append, failures.append)
    assert started.wait(5)
    slot.start(lambda _t: "new", results.append, failures.append)
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert results == ["new"]
    assert failures == []


def test_a_cancelled_slot_reports_nothing_and_is_free(qtbot: QtBot) -> None:
    runner = TaskRunner()
    slot = runner.slot()
    release = threading.Event()
    heard: list[object] = []

    def waits(_token: CancelToken) -> str:
        release.wait(5)
        return "late"

    slot.start(waits, heard.append, heard.append)
    assert slot.busy
    slot.cancel()
    assert not slot.busy
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert heard == []


def test_a_task_that_raises_reports_failure_to_its_owner_and_frees_its_slot(
    qtbot: QtBot,
) -> None:
    runner = TaskRunner()
    slot = runner.slot()
    done: list[object] = []
    failed: list[TaskFailed] = []

    def broken(_token: CancelToken) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    slot.start(broken, done.append, failed.append)
    qtbot.waitUntil(lambda: bool(failed))
    assert done == []
    assert [type(f.error) for f in failed] == [RecursionError]
    assert not slot.busy
    slot.start(lambda _t: "again", done.append, failed.append)
    qtbot.waitUntil(lambda: done == ["again"])


def test_every_task_must_say_who_hears_of_its_failure() -> None:
    runner = TaskRunner()
    with pytest.raises(TypeError):
        runner.start(lambda _t: None, lambda _r: None)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        runner.slot().start(lambda _t: None, lambda _r: None)  # type: ignore[call-arg]
    assert not runner.busy


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
        runner.start(
            lambda cancel: fetcher.fetch(trickle_server.url(), ContentKind.FEED, cancel),
            stuck.append,
            ignore,
        )
    qtbot.waitUntil(lambda: trickle_server.connections >= 2, timeout=10_000)
    answered: list[str] = []
    runner.start(lambda _cancel: "schedule", answered.append, ignore)
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

    runner.start(waits, seen.append, ignore)
    assert started.wait(5)
    runner.shutdown(wait_ms=5000)
    assert seen == []


@pytest.mark.parametrize("count", [50])
def test_many_tasks_all_complete(qtbot: QtBot, count: int) -> None:
    runner = TaskRunner()
    results: list[int] = []
    for number in range(count):
        runner.start(lambda _t, n=number: n * 2, results.append, ignore)
    qtbot.waitUntil(lambda: len(results) == count)
    assert sorted(results) == [n * 2 for n in range(count)]
