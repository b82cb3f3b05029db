"""Schedule test fixtures: a local Composer server, a movable clock, services to test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from station_app.net.fetcher import Fetcher, FetchPolicy
from station_app.schedule.service import ScheduleService
from station_app.stations.model import Station, WeeklyProgram
from station_app.tasks import TaskRunner
from tests.schedule.composer_server import ComposerServer


class FakeClock:
    """An aware clock that moves only when a test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now.astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment.astimezone(UTC)

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def composer_station(
    server: ComposerServer, station_id: str = "wnpr", zone: str = "America/New_York"
) -> Station:
    return Station(
        id=station_id,
        call_sign=station_id.upper(),
        frequency="90.5 FM",
        city="Meriden, CT",
        streams=(),
        schedule_url=server.base(station_id),
        timezone=zone,
    )


def static_station(
    programs: tuple[WeeklyProgram, ...], zone: str = "America/New_York", station_id: str = "wxyz"
) -> Station:
    return Station(station_id, station_id.upper(), "", "", (), None, zone, programs)


@pytest.fixture
def fetcher() -> Fetcher:
    # No retries inside the fetcher: the service's own retry timing is under test.
    return Fetcher(None, FetchPolicy(connect_timeout=2, read_timeout=5, retries=0))


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


MakeService = Callable[[FakeClock], ScheduleService]


@pytest.fixture
def make_service(
    fetcher: Fetcher, tasks: TaskRunner
) -> Iterator[Callable[[FakeClock], ScheduleService]]:
    """Services on the test's clock, stopped afterwards so no timer outlives the test."""
    made: list[ScheduleService] = []

    def make(clock: FakeClock) -> ScheduleService:
        service = ScheduleService(fetcher, tasks, clock)
        made.append(service)
        return service

    yield make
    for service in made:
        service.stop()
    tasks.shutdown()
