"""Desktop notifications on a real session bus, to a notification service that records them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from station_app import APP_DISPLAY_NAME, APP_ID
from station_app.desktop.notifications import (
    DesktopNotifications,
    Notice,
    program_notice,
    title_notice,
)
from station_app.tasks import TaskRunner
from tests.desktop.fake_services import FakeDesktopServices, fake_desktop_services
from tests.desktop.mpris_client import connect

PICTURE = "file:///tmp/station-art.png"


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def desktop(qtbot: QtBot, session_bus: str) -> Iterator[FakeDesktopServices]:
    def wait(condition: object) -> None:
        qtbot.waitUntil(condition, timeout=15_000)  # type: ignore[arg-type]

    with fake_desktop_services(session_bus, wait, notifications=True) as services:
        yield services


def test_a_notice_reaches_the_desktop_as_the_spec_types_it(
    qtbot: QtBot, session_bus: str, desktop: FakeDesktopServices, tasks: TaskRunner
) -> None:
    notifications = DesktopNotifications(tasks, connect(session_bus), "file:///app-icon.svg")
    with qtbot.waitSignal(notifications.sent, timeout=10_000) as sent:
        notifications.show(Notice("Now on WNPR: Fresh Air", "Until 4:00 PM", PICTURE))
    (shown,) = desktop.notifications()
    assert sent.args == [shown["id"]]
    assert shown["app_name"] == APP_DISPLAY_NAME
    assert shown["replaces_id"] == 0
    assert shown["app_icon"] == "file:///app-icon.svg"
    assert (shown["summary"], shown["body"]) == ("Now on WNPR: Fresh Air", "Until 4:00 PM")
    assert shown["hints"] == {"desktop-entry": APP_ID, "image-path": PICTURE}
    assert shown["expire_timeout"] == -1


def test_each_notice_replaces_the_last_in_place(
    qtbot: QtBot, session_bus: str, desktop: FakeDesktopServices, tasks: TaskRunner
) -> None:
    notifications = DesktopNotifications(tasks, connect(session_bus))
    with qtbot.waitSignal(notifications.sent, timeout=10_000):
        notifications.show(Notice("First"))
    with qtbot.waitSignal(notifications.sent, timeout=10_000):
        notifications.show(Notice("Second"))
    first, second = desktop.notifications()
    assert second["replaces_id"] == first["id"] == second["id"]
    assert "image-path" not in second["hints"]  # no picture, no hint


def test_notices_asked_for_in_a_burst_send_only_the_newest_waiting_one(
    qtbot: QtBot, session_bus: str, desktop: FakeDesktopServices, tasks: TaskRunner
) -> None:
    notifications = DesktopNotifications(tasks, connect(session_bus))
    for number in range(5):
        notifications.show(Notice(f"Title {number}"))
    qtbot.waitUntil(lambda: any(n["summary"] == "Title 4" for n in desktop.notifications()))
    summaries = [n["summary"] for n in desktop.notifications()]
    assert summaries == ["Title 0", "Title 4"]
    assert len({n["id"] for n in desktop.notifications()}) == 1


def test_without_a_notification_service_nothing_fails(
    qtbot: QtBot, session_bus: str, tasks: TaskRunner
) -> None:
    """No service on the bus: the notice is not shown, quietly (a Qt warning fails the test)."""
    notifications = DesktopNotifications(tasks, connect(session_bus))
    fallbacks: list[str] = []
    with qtbot.waitSignal(notifications.not_sent, timeout=10_000) as not_sent:
        notifications.show(Notice("Nobody listens"), lambda: fallbacks.append("balloon"))
    assert "ServiceUnknown" in not_sent.args[0]
    assert fallbacks == ["balloon"]
    assert notifications.notification_id == 0


def test_without_a_session_bus_nothing_fails(qtbot: QtBot, tasks: TaskRunner) -> None:
    bus = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "station-app-no-bus-notes")
    notifications = DesktopNotifications(tasks, bus)
    with qtbot.waitSignal(notifications.not_sent, timeout=1000):
        notifications.show(Notice("Nowhere"))


def test_notice_texts() -> None:
    assert program_notice("WNPR", "Fresh Air", "Terry Gross", "4:00 PM", PICTURE) == Notice(
        "Now on WNPR: Fresh Air", "With Terry Gross, until 4:00 PM", PICTURE
    )
    assert program_notice("WNPR", "Fresh Air", "", "4:00 PM", "").body == "Until 4:00 PM"
    assert program_notice("WNPR", "Fresh Air", "", "", "").body == ""
    assert title_notice("Take Five", "WNPR 90.5 FM", "") == Notice("Take Five", "On WNPR 90.5 FM")
