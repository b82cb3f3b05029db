"""When the desktop is told about a new program or title, and when it is left alone."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from station_app.desktop.listening_notices import ListeningNotices
from station_app.desktop.notifications import DesktopNotifications, Notice
from station_app.net.fetcher import Fetcher, FetchPolicy
from station_app.playback.fake import FakePlayer
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.schedule.service import ScheduleService
from station_app.schedule.view import LoadPhase
from station_app.stations.model import Station, WeeklyProgram
from station_app.tasks import TaskRunner
from tests.desktop.fake_services import FakeDesktopServices, fake_desktop_services
from tests.desktop.mpris_client import connect
from tests.schedule.conftest import FakeClock

NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS = frozenset(range(5))
PROGRAMS = (
    WeeklyProgram(WEEKDAYS, 5 * 60, 9 * 60, "Morning Edition", "Ann Host"),
    WeeklyProgram(WEEKDAYS, 9 * 60, 12 * 60, "Here and Now", "Robin Young"),
    WeeklyProgram(WEEKDAYS, 12 * 60, 13 * 60, "The Noon Hour"),
    WeeklyProgram(WEEKDAYS, 13 * 60, 17 * 60, "Afternoon Concert"),
    WeeklyProgram(WEEKDAYS, 17 * 60, 19 * 60, "All Things Considered"),
)
ZONE = "America/New_York"
WXYZ = Station("wxyz", "WXYZ", "89.1 FM", "", ("http://127.0.0.1:9/a",), None, ZONE, PROGRAMS)
# A simulcast: the very same programs.
WABC = Station("wabc", "WABC", "", "", ("http://127.0.0.1:9/b",), None, ZONE, PROGRAMS)
JAZZ = (WeeklyProgram(WEEKDAYS, 6 * 60, 14 * 60, "Jazz All Day"),)
WDEF = Station("wdef", "WDEF", "", "", ("http://127.0.0.1:9/c",), None, ZONE, JAZZ)


def ny(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2026, 3, 2, hour, minute, second, tzinfo=NEW_YORK)  # a Monday


class Recorder:
    """Stands in for DesktopNotifications: what would have been shown."""

    def __init__(self) -> None:
        self.shown: list[Notice] = []

    def show(self, notice: Notice, if_not_shown: Callable[[], None] | None = None) -> None:
        self.shown.append(notice)


class Listening:
    def __init__(self, qtbot: QtBot, tasks: TaskRunner) -> None:
        self.qtbot = qtbot
        self.clock = FakeClock(ny(8, 59, 50))
        fetcher = Fetcher(None, FetchPolicy(connect_timeout=1, read_timeout=1, retries=0))
        self.schedule = ScheduleService(fetcher, tasks, self.clock)
        self.player = FakePlayer()
        self.recorder = Recorder()
        self.in_front = False
        self.programs = True
        self.titles = False

    def start(self, notifications: object | None = None) -> None:
        self.notices = ListeningNotices(
            notifications or self.recorder,  # type: ignore[arg-type]
            self.player,
            self.schedule,
            window_in_front=lambda: self.in_front,
            picture=lambda station: f"file:///art/{station.id}.png",
            programs=lambda: self.programs,
            titles=lambda: self.titles,
        )

    def listen(self, station: Station) -> None:
        self.player.play(station)
        self.player.set_status(PlayerStatus(PlaybackState.PLAYING))
        self.schedule.set_station(station)
        self.qtbot.waitUntil(lambda: self.schedule.view.phase is LoadPhase.READY, timeout=5000)
        QCoreApplication.processEvents()  # what was queued by the switch

    def at(self, moment: datetime) -> None:
        self.clock.set(moment)
        self.schedule.catch_up()


@pytest.fixture
def listening(qtbot: QtBot) -> Iterator[Listening]:
    tasks = TaskRunner()
    made = Listening(qtbot, tasks)
    yield made
    made.schedule.stop()
    tasks.shutdown()


def test_a_new_program_by_the_clock_is_told_once(listening: Listening) -> None:
    listening.start()
    listening.listen(WXYZ)
    assert listening.recorder.shown == []  # tuning in and the first schedule say nothing
    listening.at(ny(9, 0, 1))
    (notice,) = listening.recorder.shown
    assert notice.summary == "Now on WXYZ: Here and Now"
    assert notice.body.startswith("With Robin Young, until ")
    assert notice.image == "file:///art/wxyz.png"
    listening.at(ny(9, 30))
    assert len(listening.recorder.shown) == 1  # the same program: nothing new


def test_nothing_while_the_window_is_in_front_paused_or_turned_off(listening: Listening) -> None:
    listening.start()
    listening.listen(WXYZ)
    listening.in_front = True
    listening.at(ny(9, 0, 1))
    listening.in_front = False
    listening.player.pause()
    listening.at(ny(12, 0, 1))
    listening.player.set_status(PlayerStatus(PlaybackState.RECONNECTING, attempt=1, retry_at=5))
    listening.at(ny(13, 0, 1))  # the stream is down: nothing is heard of the new program
    listening.player.set_status(PlayerStatus(PlaybackState.PLAYING))
    listening.programs = False
    listening.at(ny(17, 0, 1))
    assert listening.recorder.shown == []


def test_tuning_to_another_station_is_not_news(listening: Listening) -> None:
    listening.start()
    listening.listen(WXYZ)
    listening.at(ny(9, 0, 1))
    listening.listen(WABC)  # a simulcast: the very same programs, and still not news
    listening.at(ny(12, 0, 1))
    listening.listen(WDEF)  # the person picked it: they know what is on
    assert [n.summary for n in listening.recorder.shown] == [
        "Now on WXYZ: Here and Now",
        "Now on WABC: The Noon Hour",
    ]


def test_titles_are_told_only_when_asked_for_and_once_each(listening: Listening) -> None:
    listening.start()
    listening.listen(WXYZ)
    listening.player.set_now_playing("Take Five")
    assert listening.recorder.shown == []  # off unless the person turns it on
    listening.titles = True
    listening.player.set_now_playing("So What")
    listening.player.set_now_playing("")
    listening.player.set_now_playing("So What")
    assert listening.recorder.shown == [
        Notice("So What", "On WXYZ 89.1 FM", "file:///art/wxyz.png")
    ]


def test_a_program_change_reaches_a_real_notification_service_once(
    qtbot: QtBot, listening: Listening, session_bus: str
) -> None:
    def wait(condition: Callable[[], bool]) -> None:
        qtbot.waitUntil(condition, timeout=15_000)

    tasks = TaskRunner()
    desktop: FakeDesktopServices
    with fake_desktop_services(session_bus, wait, notifications=True) as desktop:
        notifications = DesktopNotifications(tasks, connect(session_bus))
        listening.start(notifications)
        listening.listen(WXYZ)
        with qtbot.waitSignal(notifications.sent, timeout=10_000):
            listening.at(ny(9, 0, 1))
        listening.at(ny(9, 30))
        with qtbot.waitSignal(notifications.sent, timeout=10_000):
            listening.at(ny(12, 0, 1))
        first, second = desktop.notifications()
        assert first["summary"] == "Now on WXYZ: Here and Now"
        assert second["summary"] == "Now on WXYZ: The Noon Hour"
        assert second["replaces_id"] == first["id"]
        assert first["hints"]["image-path"] == "file:///art/wxyz.png"
    tasks.shutdown()
