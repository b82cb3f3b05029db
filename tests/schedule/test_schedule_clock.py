"""Boundaries at midnight and across both DST changes, in the station's and the listener's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from station_app.schedule.service import ScheduleService
from station_app.schedule.view import LoadPhase, clock_text, next_up_text, on_now_text
from station_app.stations.model import WeeklyProgram
from station_app.tasks import TaskRunner
from tests.schedule.composer_server import ComposerServer, composer_entry
from tests.schedule.conftest import FakeClock, MakeService, composer_station, static_station

NY = "America/New_York"
NEW_YORK = ZoneInfo(NY)
LONDON = ZoneInfo("Europe/London")
DENVER = ZoneInfo("America/Denver")
DAILY = frozenset(range(7))


def at(zone: ZoneInfo, *parts: int, fold: int = 0) -> datetime:
    return datetime(*parts, tzinfo=zone, fold=fold)  # type: ignore[misc]


def timer_ms(service: ScheduleService) -> int:
    timer = service.findChild(QTimer)
    assert timer is not None and timer.isActive()
    return timer.interval()


def test_midnight_boundary_moves_to_the_next_days_program(
    qtbot: QtBot, composer: ComposerServer, make_service: MakeService, tasks: TaskRunner
) -> None:
    clock = FakeClock(at(NEW_YORK, 2026, 11, 24, 23, 59, 30))
    composer.set_now(
        "wnpr",
        composer_entry(NY, at(NEW_YORK, 2026, 11, 24, 23), 60, "Jazz Tonight"),
        [composer_entry(NY, at(NEW_YORK, 2026, 11, 25, 0), 60, "BBC World Service")],
    )
    service = make_service(clock)
    service.set_station(composer_station(composer))
    qtbot.waitUntil(lambda: service.current_program_name == "Jazz Tonight", timeout=5000)
    assert on_now_text(service.view, clock(), NEW_YORK).endswith("until midnight")
    assert next_up_text(service.view, clock(), NEW_YORK) == "Next Up: BBC World Service at midnight"
    assert service.next_wake == at(NEW_YORK, 2026, 11, 25, 0)
    assert timer_ms(service) == 30_000
    clock.advance(seconds=30)
    service.catch_up()
    assert service.current_program_name == "BBC World Service"
    assert on_now_text(service.view, clock(), NEW_YORK).endswith("until 1:00 AM")


def test_spring_forward_program_lasts_one_real_hour(
    qtbot: QtBot, composer: ComposerServer, make_service: MakeService, tasks: TaskRunner
) -> None:
    # 01:00 to 03:00 on 8 March 2026 in New York is one hour: 02:00 does not happen.
    composer.set_json(
        "/v1/widget/wnpr/now?format=json",
        {
            "onNow": {
                "fullstart": "2026-03-08 01:00",
                "fullend": "2026-03-08 03:00",
                "program": {"name": "Night Music"},
            },
            "nextUp": [
                {
                    "date": "2026-03-08",
                    "start_time": "03:00",
                    "end_time": "05:00",
                    "program": {"name": "Early Jazz"},
                }
            ],
        },
    )
    clock = FakeClock(at(NEW_YORK, 2026, 3, 8, 1, 30))
    service = make_service(clock)
    service.set_station(composer_station(composer))
    qtbot.waitUntil(lambda: service.current_program_name == "Night Music", timeout=5000)
    assert service.next_boundary == at(NEW_YORK, 2026, 3, 8, 3)
    assert service.next_boundary - clock() == timedelta(minutes=30)
    assert service.next_wake == clock() + timedelta(minutes=3)  # the regular refresh comes first
    assert timer_ms(service) == 3 * 60_000
    # The listener in London (no DST change that day) sees 7:00 and 8:00 AM.
    assert on_now_text(service.view, clock(), LONDON).endswith("until 7:00 AM")
    assert next_up_text(service.view, clock(), LONDON) == "Next Up: Early Jazz at 7:00 AM"


def test_fall_back_repeated_hour_keeps_both_programs_apart(
    qtbot: QtBot, composer: ComposerServer, make_service: MakeService, tasks: TaskRunner
) -> None:
    first_one = at(NEW_YORK, 2026, 11, 1, 1)  # 01:00 EDT
    second_one = at(NEW_YORK, 2026, 11, 1, 1, fold=1)  # 01:00 EST, an hour later
    composer.set_now(
        "wnpr",
        composer_entry(NY, first_one, 60, "First Hour"),
        [composer_entry(NY, second_one, 60, "Repeated Hour")],
    )
    clock = FakeClock(at(NEW_YORK, 2026, 11, 1, 1, 45))
    service = make_service(clock)
    service.set_station(composer_station(composer))
    qtbot.waitUntil(lambda: service.current_program_name == "First Hour", timeout=5000)
    assert service.next_boundary == second_one.astimezone(UTC)
    assert service.next_boundary - clock() == timedelta(minutes=15)
    assert next_up_text(service.view, clock(), NEW_YORK) == "Next Up: Repeated Hour at 1:00 AM"
    clock.set(second_one.astimezone(UTC) + timedelta(minutes=1))
    service.catch_up()
    assert service.current_program_name == "Repeated Hour"


def test_listener_zone_dst_change_is_applied_to_each_time() -> None:
    # Denver springs forward at 2:00 on 8 March 2026; a 09:00 UTC start is 3:00 AM MDT.
    now = at(DENVER, 2026, 3, 8, 1, 30)
    start = datetime(2026, 3, 8, 9, 0, tzinfo=UTC)
    assert clock_text(start, now, DENVER) == "3:00 AM"
    assert clock_text(datetime(2026, 3, 8, 8, 0, tzinfo=UTC), now, DENVER) == "1:00 AM"
    assert clock_text(datetime(2026, 3, 9, 15, 0, tzinfo=UTC), now, DENVER) == "9:00 AM tomorrow"
    assert clock_text(datetime(2026, 3, 11, 15, 0, tzinfo=UTC), now, DENVER) == "Wed 9:00 AM"


def test_static_schedule_spans_midnight_and_needs_no_network(
    qtbot: QtBot, make_service: MakeService, tasks: TaskRunner
) -> None:
    programs = (
        WeeklyProgram(DAILY, 20 * 60, 23 * 60, "Evening Classics", "Ann Host"),
        WeeklyProgram(DAILY, 23 * 60, 60, "Jazz Overnight"),
        WeeklyProgram(frozenset({1}), 60, 300, "Tuesday Nights"),
    )
    clock = FakeClock(at(NEW_YORK, 2026, 11, 23, 23, 30))  # a Monday
    service = make_service(clock)
    service.set_station(static_station(programs))
    view = service.view
    assert view.phase is LoadPhase.READY and not view.stale
    assert on_now_text(view, clock(), NEW_YORK) == "On Now: Jazz Overnight, until 1:00 AM tomorrow"
    assert next_up_text(view, clock(), NEW_YORK) == "Next Up: Tuesday Nights at 1:00 AM tomorrow"
    assert service.next_boundary == at(NEW_YORK, 2026, 11, 24, 1)
    # Nothing to fetch, so it sleeps until the boundary, but never more than an hour.
    assert service.next_wake == clock() + timedelta(hours=1)
    assert timer_ms(service) == 3_600_000
    clock.set(at(NEW_YORK, 2026, 11, 24, 1))
    service.catch_up()
    assert service.current_program_name == "Tuesday Nights"
    assert not tasks.busy


def test_static_schedule_in_a_spring_forward_night(
    qtbot: QtBot, make_service: MakeService, tasks: TaskRunner
) -> None:
    programs = (
        WeeklyProgram(DAILY, 60, 180, "Night Music"),
        WeeklyProgram(DAILY, 180, 300, "Dawn"),
    )
    clock = FakeClock(at(NEW_YORK, 2026, 3, 8, 1, 10))
    service = make_service(clock)
    service.set_station(static_station(programs))
    assert service.current_program_name == "Night Music"
    assert service.next_wake == at(NEW_YORK, 2026, 3, 8, 3)
    assert service.next_wake - clock() == timedelta(minutes=50)
    assert timer_ms(service) == 50 * 60_000
