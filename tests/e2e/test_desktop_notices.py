"""The desktop hears of a new program once, with the app's name; nothing when none has started."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from station_app import APP_ID
from tests.desktop.fake_services import FakeDesktopServices, fake_desktop_services
from tests.e2e.configs import LoopbackConfig, StationEntry
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.observe import wait_mpris
from tests.e2e.sites import STATION_ZONE
from tests.playback.icecast import IcecastServer
from tests.schedule.composer_server import ComposerServer, composer_entry


@pytest.fixture
def notifications(desktop: Desktop) -> Iterator[FakeDesktopServices]:
    def wait(condition: Callable[[], bool]) -> None:
        wait_for(condition, "the notification service")

    with fake_desktop_services(desktop.session_bus, wait, notifications=True) as services:
        yield services


def next_boundary(now: datetime) -> datetime:
    """The next whole minute at least 20 s away: time for the app to start and tune in."""
    boundary = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return boundary if boundary - now >= timedelta(seconds=20) else boundary + timedelta(minutes=1)


def test_a_program_starting_on_the_station_playing_is_notified_once(
    launch: Launch,
    desktop: Desktop,
    icecast: IcecastServer,
    composer: ComposerServer,
    notifications: FakeDesktopServices,
) -> None:
    boundary = next_boundary(datetime.now(UTC))
    ending = composer_entry(STATION_ZONE, boundary - timedelta(minutes=30), 30, "Morning Edition")
    starting = composer_entry(STATION_ZONE, boundary, 60, "Fresh Air", ("Terry Gross",))
    composer.set_now("wlpr", ending, [starting])
    station = StationEntry(
        "wlpr", "WLPR", (icecast.stream_url,), schedule_url=composer.base("wlpr")
    )
    app = launch(args=("--play", "wlpr"))
    LoopbackConfig((station,)).write(app)
    app.start()
    app.window()
    wait_mpris(desktop, "Playing")
    # The window goes away (minimized): from now on the desktop is told what starts.
    desktop.xdotool("getactivewindow", "windowminimize")
    wait_for(lambda: desktop.xdotool("getactivewindow", check=False) == "", "the window to go")
    assert notifications.notifications() == []  # tuning in is not news

    timeout = (boundary - datetime.now(UTC)).total_seconds() + 30
    (notice,) = wait_for(notifications.notifications, "the new program's notice", timeout)
    assert notice["summary"] == "Now on WLPR: Fresh Air"
    assert notice["body"].startswith("With Terry Gross, until ")
    assert notice["app_name"] == "Station App"
    assert notice["hints"]["desktop-entry"] == APP_ID
    assert notice["replaces_id"] == 0
    # The schedule is asked again after the change; the same program says nothing more.
    wait_for(lambda: composer.requests.count("/v1/widget/wlpr/now?format=json") >= 2, "a refresh")
    assert len(notifications.notifications()) == 1
