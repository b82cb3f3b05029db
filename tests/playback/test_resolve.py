"""Resolving a stream in the background: the newest request wins; a probe that breaks is a
stream that could not be checked."""

from __future__ import annotations

from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.net.fetcher import Fetcher
from station_app.playback.problems import StreamProblem
from station_app.playback.resolve import Resolution, task_resolver
from station_app.tasks import TaskRunner
from tests.servers import crashing_session


def test_a_probe_that_crashes_reports_a_retryable_problem(
    qtbot: QtBot, content_server: HTTPServer
) -> None:
    tasks = TaskRunner()
    resolve = task_resolver(tasks, Fetcher(None, session_factory=crashing_session))
    url = content_server.url_for("/crash/live.pls")
    answers: list[Resolution] = []
    try:
        resolve(url, answers.append)
        qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    finally:
        tasks.shutdown()
    assert answers == [
        StreamProblem(
            url,
            "the stream could not be checked: an error inside Station App stopped it",
            permanent=False,
        )
    ]


def test_a_newer_resolution_supersedes_the_one_before(
    qtbot: QtBot, content_server: HTTPServer
) -> None:
    for name in ("first", "second"):
        content_server.expect_request(f"/{name}.m3u").respond_with_data(
            f"http://127.0.0.1:9/{name}.mp3\n", content_type="audio/x-mpegurl"
        )
    tasks = TaskRunner()
    resolve = task_resolver(tasks, Fetcher(None))
    answers: list[Resolution] = []
    try:
        resolve(content_server.url_for("/first.m3u"), answers.append)
        resolve(content_server.url_for("/second.m3u"), answers.append)
        qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
    finally:
        tasks.shutdown()
    assert [answer.url for answer in answers] == [content_server.url_for("/second.m3u")]
