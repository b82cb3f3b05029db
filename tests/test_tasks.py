from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from station_app.fetch.cancel import CancelToken
from station_app.tasks import TaskRunner


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
