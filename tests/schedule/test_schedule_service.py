"""The schedule service against a local Composer server, with the clock moved by hand."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from station_app.net.cache import DiskCache
from station_app.net.fetcher import Fetcher, FetchPolicy
from station_app.schedule.service import ScheduleService
from station_app.schedule.view import (
    LoadPhase,
    next_up_text,
    on_now_text,
    status_text,
)
from station_app.tasks import TaskRunner
from tests.schedule.composer_server import ComposerServer, composer_entry
from tests.schedule.conftest import FakeClock, MakeService, composer_station, static_station
from tests.servers import crashing_session

NY = "America/New_York"
NEW_YORK = ZoneInfo(NY)


def ny(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=NEW_YORK)  # type: ignore[misc]


def wait_ready(qtbot: QtBot, service: ScheduleService) -> None:
    qtbot.waitUntil(lambda: service.view.phase is not LoadPhase.LOADING, timeout=5000)


def timer_ms(service: ScheduleService) -> int:
    timer = service.findChild(QTimer)
    assert timer is not None and timer.isActive()
    return timer.interval()


def serve_morning(composer: ComposerServer, station: str = "wnpr") -> None:
    composer.set_now(
        station,
        composer_entry(NY, ny(2026, 11, 24, 9), 60, "Where We Live", ("Catherine Shen",)),
        [
            composer_entry(NY, ny(2026, 11, 24, 10), 120, "Here & Now"),
            composer_entry(NY, ny(2026, 11, 24, 12), 60, "The Colin McEnroe Show"),
        ],
    )


@pytest.fixture
def morning(
    qtbot: QtBot, composer: ComposerServer, make_service: MakeService
) -> Callable[[datetime], tuple[FakeClock, ScheduleService]]:
    """A service tuned to WNPR's Composer morning at the given moment, its first answer in."""

    def tune(at: datetime) -> tuple[FakeClock, ScheduleService]:
        clock = FakeClock(at)
        serve_morning(composer)
        service = make_service(clock)
        service.set_station(composer_station(composer))
        wait_ready(qtbot, service)
        return clock, service

    return tune


Morning = Callable[[datetime], tuple[FakeClock, ScheduleService]]


def test_on_now_and_next_up_arrive_and_the_timer_aims_at_the_boundary(
    qtbot: QtBot, composer: ComposerServer, make_service: MakeService, tasks: TaskRunner
) -> None:
    clock = FakeClock(ny(2026, 11, 24, 9, 58))
    serve_morning(composer)
    service = make_service(clock)
    with qtbot.waitSignal(service.program_changed, timeout=5000) as program:
        service.set_station(composer_station(composer))
        assert service.view.phase is LoadPhase.LOADING
    assert program.args == ["Where We Live"]
    assert service.current_program_name == "Where We Live"
    view, now = service.view, clock()
    assert on_now_text(view, now, NEW_YORK) == (
        "On Now: Where We Live with Catherine Shen, until 10:00 AM"
    )
    assert next_up_text(view, now, NEW_YORK) == "Next Up: Here & Now at 10:00 AM"
    assert status_text(view, now, NEW_YORK) == ""
    assert service.next_wake == ny(2026, 11, 24, 10)
    assert timer_ms(service) == 120_000
    assert composer.requests == ["/v1/widget/wnpr/now?format=json"]


def test_at_the_boundary_the_next_program_takes_over_and_now_is_refetched(
    qtbot: QtBot, composer: ComposerServer, morning: Morning, tasks: TaskRunner
) -> None:
    clock, service = morning(ny(2026, 11, 24, 9, 58))
    composer.set_now(
        "wnpr",
        composer_entry(NY, ny(2026, 11, 24, 10), 120, "Here & Now"),
        [composer_entry(NY, ny(2026, 11, 24, 12), 60, "The Colin McEnroe Show")],
    )
    clock.set(ny(2026, 11, 24, 10))
    with qtbot.waitSignal(service.program_changed) as program:
        service.catch_up()
    assert program.args == ["Here & Now"]  # at once, from what was already known
    assert service.view.next_up is not None and service.view.next_up.program == (
        "The Colin McEnroe Show"
    )
    qtbot.waitUntil(lambda: len(composer.requests) == 2 and not tasks.busy, timeout=5000)
    assert service.next_wake == ny(2026, 11, 24, 10, 3)  # the next regular refresh


def test_server_down_keeps_what_is_still_valid_marked_stale_then_recovers(
    qtbot: QtBot, composer: ComposerServer, morning: Morning, tasks: TaskRunner
) -> None:
    clock, service = morning(ny(2026, 11, 24, 9, 50))
    composer.stop()
    clock.advance(minutes=3)
    with qtbot.waitSignal(service.changed, timeout=5000):
        service.catch_up()
    view = service.view
    assert view.stale and view.on_now is not None and view.on_now.program == "Where We Live"
    assert "WNPR" in view.message and "refused" in view.message
    assert status_text(view, clock(), NEW_YORK) == "Schedule not updated since 9:50 AM"
    assert service.next_wake == clock() + timedelta(seconds=30)

    # Past the boundary while down: the next program is still known, so it shows.
    clock.set(ny(2026, 11, 24, 10, 0, 30))
    service.catch_up()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert service.current_program_name == "Here & Now"
    assert service.view.stale
    assert service.next_wake == clock() + timedelta(seconds=60)  # backing off

    # Past everything known: nothing rather than something wrong.
    clock.set(ny(2026, 11, 24, 13, 30))
    service.catch_up()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert service.view.on_now is None and service.view.next_up is None
    assert service.current_program_name == ""

    composer.start()
    composer.set_now(
        "wnpr",
        composer_entry(NY, ny(2026, 11, 24, 13), 60, "All Things Considered"),
        [],
    )
    clock.advance(minutes=3)
    with qtbot.waitSignal(service.program_changed, timeout=5000):
        service.catch_up()
    assert not service.view.stale
    assert service.current_program_name == "All Things Considered"
    assert status_text(service.view, clock(), NEW_YORK) == ""


def test_malformed_json_keeps_the_last_good_schedule_and_says_so(
    qtbot: QtBot, composer: ComposerServer, morning: Morning, tasks: TaskRunner
) -> None:
    _clock, service = morning(ny(2026, 11, 24, 9, 30))
    composer.routes["/v1/widget/wnpr/now?format=json"] = (200, b'{"onNow": {"program": ')
    with qtbot.waitSignal(service.changed, timeout=5000):
        service.refresh()
    assert service.view.stale
    assert service.current_program_name == "Where We Live"
    assert "could not be updated" in service.view.message
    assert "not valid JSON" in service.view.message


def test_first_load_failure_shows_only_the_reason_and_retries(
    qtbot: QtBot, composer: ComposerServer, make_service: MakeService, tasks: TaskRunner
) -> None:
    clock = FakeClock(ny(2026, 11, 24, 9, 30))
    composer.routes["/v1/widget/wnpr/now?format=json"] = (503, b"down for maintenance")
    service = make_service(clock)
    service.set_station(composer_station(composer))
    wait_ready(qtbot, service)
    view = service.view
    assert view.phase is LoadPhase.FAILED
    assert view.on_now is None and on_now_text(view, clock()) == ""
    assert status_text(view, clock()) == view.message
    assert view.message.startswith("The schedule for WNPR could not be loaded.")
    assert "503" in view.message
    assert service.next_wake == clock() + timedelta(seconds=30)
    serve_morning(composer)
    clock.advance(seconds=30)
    with qtbot.waitSignal(service.program_changed, timeout=5000):
        service.catch_up()
    assert service.view.phase is LoadPhase.READY and not service.view.stale


def test_empty_next_up_shows_on_now_alone(
    qtbot: QtBot, composer: ComposerServer, make_service: MakeService, tasks: TaskRunner
) -> None:
    clock = FakeClock(ny(2026, 11, 24, 9, 30))
    composer.set_now("wnpr", composer_entry(NY, ny(2026, 11, 24, 9), 60, "Where We Live"), [])
    service = make_service(clock)
    service.set_station(composer_station(composer))
    wait_ready(qtbot, service)
    assert service.current_program_name == "Where We Live"
    assert service.view.next_up is None
    assert next_up_text(service.view, clock()) == ""


def test_an_answer_still_on_the_ended_program_is_asked_again_soon(
    qtbot: QtBot, composer: ComposerServer, morning: Morning, tasks: TaskRunner
) -> None:
    # The server has not moved on yet: its onNow ended at 10:00.
    clock, service = morning(ny(2026, 11, 24, 10, 0, 5))
    assert service.current_program_name == "Here & Now"
    assert service.next_wake == clock() + timedelta(seconds=30)


def test_switching_stations_never_shows_the_previous_station(
    qtbot: QtBot, composer: ComposerServer, make_service: MakeService, tasks: TaskRunner
) -> None:
    clock = FakeClock(ny(2026, 11, 24, 9, 30))
    serve_morning(composer, "wnpr")
    composer.set_now("wshu", composer_entry(NY, ny(2026, 11, 24, 9), 60, "Morning Edition"), [])
    gate = threading.Event()
    composer.gates["/v1/widget/wnpr/now?format=json"] = gate
    service = make_service(clock)
    names: list[str] = []
    service.program_changed.connect(names.append)
    service.set_station(composer_station(composer, "wnpr"))
    qtbot.waitUntil(lambda: len(composer.requests) == 1, timeout=5000)
    service.set_station(composer_station(composer, "wshu"))
    qtbot.waitUntil(lambda: service.current_program_name == "Morning Edition", timeout=5000)
    gate.set()  # the first station's answer now arrives, late
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert names == ["Morning Edition"]
    assert service.station is not None and service.station.id == "wshu"


def test_switching_away_clears_the_schedule_at_once(
    qtbot: QtBot, composer: ComposerServer, morning: Morning, tasks: TaskRunner
) -> None:
    _clock, service = morning(ny(2026, 11, 24, 9, 30))
    with qtbot.waitSignal(service.program_changed) as program:
        service.set_station(static_station(()))
    assert program.args == [""]
    assert service.view.phase is LoadPhase.NONE
    assert service.findChild(QTimer).isActive() is False  # type: ignore[union-attr]
    service.set_station(None)
    assert service.view.phase is LoadPhase.NONE
    assert len(composer.requests) == 1


def test_after_a_restart_with_the_server_down_the_cached_schedule_shows_as_stale(
    qtbot: QtBot, composer: ComposerServer, tasks: TaskRunner, tmp_path: Path
) -> None:
    clock = FakeClock(ny(2026, 11, 24, 9, 30))
    serve_morning(composer)
    cached = Fetcher(
        DiskCache(tmp_path / "cache"),
        FetchPolicy(retries=0),
        clock=lambda: clock().timestamp(),
    )
    first = ScheduleService(cached, tasks, clock)
    first.set_station(composer_station(composer))
    qtbot.waitUntil(lambda: first.current_program_name == "Where We Live", timeout=5000)
    first.stop()
    composer.stop()
    clock.advance(minutes=40)  # the app starts again later, offline
    second = ScheduleService(cached, tasks, clock)
    second.set_station(composer_station(composer))
    qtbot.waitUntil(lambda: second.view.phase is LoadPhase.READY, timeout=5000)
    assert second.view.stale
    assert second.current_program_name == "Here & Now"  # what the copy says is on now
    assert status_text(second.view, clock(), NEW_YORK) == "Schedule not updated since 9:30 AM"
    second.stop()


def test_an_unreadable_answer_never_replaces_the_cached_schedule(
    qtbot: QtBot, composer: ComposerServer, tasks: TaskRunner, tmp_path: Path
) -> None:
    clock = FakeClock(ny(2026, 11, 24, 9, 30))
    serve_morning(composer)
    cached = Fetcher(
        DiskCache(tmp_path / "cache"), FetchPolicy(retries=0), clock=lambda: clock().timestamp()
    )
    first = ScheduleService(cached, tasks, clock)
    first.set_station(composer_station(composer))
    qtbot.waitUntil(lambda: first.current_program_name == "Where We Live", timeout=5000)
    composer.routes["/v1/widget/wnpr/now?format=json"] = (200, b"<html>Gateway says hi</html>")
    with qtbot.waitSignal(first.changed, timeout=5000):
        first.refresh()
    assert first.view.stale and "not valid JSON" in first.view.message
    first.stop()
    composer.routes["/v1/widget/wnpr/now?format=json"] = (500, b"down")
    second = ScheduleService(cached, tasks, clock)  # the app starts again
    second.set_station(composer_station(composer))
    qtbot.waitUntil(lambda: second.view.phase is LoadPhase.READY, timeout=5000)
    assert second.current_program_name == "Where We Live"
    assert "answered 500" in second.view.message
    second.stop()


def test_a_deeply_nested_answer_says_so_instead_of_loading_for_ever(
    qtbot: QtBot, composer: ComposerServer, make_service: MakeService, tasks: TaskRunner
) -> None:
    clock = FakeClock(ny(2026, 11, 24, 9, 30))
    composer.routes["/v1/widget/wnpr/now?format=json"] = (200, b"[" * 200_000 + b"]" * 200_000)
    service = make_service(clock)
    service.set_station(composer_station(composer))
    wait_ready(qtbot, service)
    assert service.view.phase is LoadPhase.FAILED
    assert status_text(service.view, clock()) == (
        "The schedule for WNPR could not be read. "
        "The schedule from 127.0.0.1 is nested too deeply to be read."
    )


def test_a_schedule_task_that_crashes_reports_it_and_retries(
    qtbot: QtBot, composer: ComposerServer, tasks: TaskRunner
) -> None:
    clock = FakeClock(ny(2026, 11, 24, 9, 30))
    service = ScheduleService(Fetcher(None, session_factory=crashing_session), tasks, clock)
    station = composer_station(composer)
    service.set_station(replace(station, schedule_url=f"{station.schedule_url}/crash"))
    wait_ready(qtbot, service)
    assert service.view.phase is LoadPhase.FAILED
    assert service.view.message == (
        "The schedule for WNPR could not be loaded. "
        "An error inside Station App stopped it; it will be tried again."
    )
    assert service.next_wake == clock() + timedelta(seconds=30)
    service.stop()
