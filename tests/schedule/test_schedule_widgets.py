"""What a person and a screen reader get from the schedule strip and the day view."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QKeySequence, QPalette
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from station_app.schedule.service import ScheduleService
from station_app.schedule.ui.day_view import ROW_PADDING, ScheduleDayDialog
from station_app.schedule.ui.strip import ScheduleStrip
from station_app.stations.model import WeeklyProgram
from station_app.tasks import TaskRunner
from tests.schedule.composer_server import ComposerServer, composer_entry
from tests.schedule.conftest import FakeClock, MakeService, composer_station, static_station

NY = "America/New_York"
NEW_YORK = ZoneInfo(NY)
DAY_PATH = "/v1/widget/wnpr/day?date={}&format=json"


def ny(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=NEW_YORK)  # type: ignore[misc]


def spoken(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(ny(2026, 11, 24, 9, 35))


@pytest.fixture
def service(
    composer: ComposerServer, make_service: MakeService, clock: FakeClock
) -> Iterator[ScheduleService]:
    composer.set_now(
        "wnpr",
        composer_entry(
            NY,
            ny(2026, 11, 24, 9),
            60,
            "Where We Live",
            ("Catherine Shen",),
            "https://radio.example/wwl",
        ),
        [composer_entry(NY, ny(2026, 11, 24, 10), 120, "Here & Now", ("Robin Young",))],
    )
    day = [
        composer_entry(NY, ny(2026, 11, 24, 5), 240, "Morning Edition"),
        composer_entry(
            NY,
            ny(2026, 11, 24, 9),
            60,
            "Where We Live",
            ("Catherine Shen",),
            "https://radio.example/wwl",
        ),
        composer_entry(NY, ny(2026, 11, 24, 10), 120, "Here & Now", ("Robin Young",)),
        composer_entry(NY, ny(2026, 11, 24, 23), 60, "BBC World Service"),
    ]
    composer.set_json(DAY_PATH.format("2026-11-24"), {"params": {}, "onToday": day})
    composer.set_json(DAY_PATH.format("2026-11-25"), {"params": {}, "onToday": []})
    yield make_service(clock)


def shown_strip(qtbot: QtBot, service: ScheduleService, opened: list[str]) -> ScheduleStrip:
    strip = ScheduleStrip(service, NEW_YORK, opened.append)
    qtbot.addWidget(strip)
    strip.show()
    return strip


def test_strip_reads_on_now_and_next_up_in_the_listeners_zone(
    qtbot: QtBot, composer: ComposerServer, service: ScheduleService
) -> None:
    strip = shown_strip(qtbot, service, [])
    service.set_station(composer_station(composer))
    expected_now = "On Now: Where We Live with Catherine Shen, until 10:00 AM"
    qtbot.waitUntil(lambda: strip.on_now_label.text() == expected_now, timeout=5000)
    expected_next = "Next Up: Here & Now with Robin Young at 10:00 AM"
    assert strip.next_up_label.text() == expected_next
    assert spoken(strip.on_now_label) == expected_now
    assert spoken(strip.next_up_label) == expected_next
    assert strip.progress_bar.value() == 58  # 35 of 60 minutes
    assert spoken(strip.progress_bar) == "Progress through Where We Live"
    assert strip.status_label.isHidden()


def test_listener_in_another_zone_sees_their_own_times(
    qtbot: QtBot, composer: ComposerServer, service: ScheduleService
) -> None:
    strip = ScheduleStrip(service, ZoneInfo("Europe/London"))
    qtbot.addWidget(strip)
    service.set_station(composer_station(composer))
    qtbot.waitUntil(lambda: "until 3:00 PM" in strip.on_now_label.text(), timeout=5000)
    assert strip.next_up_label.text().endswith("at 3:00 PM")


def test_strip_shows_loading_then_goes_stale_when_the_source_fails(
    qtbot: QtBot, composer: ComposerServer, service: ScheduleService, clock: FakeClock
) -> None:
    strip = shown_strip(qtbot, service, [])
    service.set_station(composer_station(composer))
    assert strip.status_label.text() == "Loading the schedule…"
    assert strip.on_now_label.isHidden()
    qtbot.waitUntil(lambda: strip.on_now_label.text() != "", timeout=5000)
    assert strip.on_now_label.foregroundRole() == QPalette.ColorRole.WindowText
    composer.stop()
    clock.advance(minutes=3)
    service.catch_up()
    qtbot.waitUntil(lambda: service.view.stale, timeout=5000)
    assert strip.status_label.text() == "Schedule not updated since 9:35 AM"
    assert "could not be updated" in spoken(strip.status_label)
    assert strip.on_now_label.foregroundRole() == QPalette.ColorRole.PlaceholderText
    assert strip.on_now_label.text().startswith("On Now: Where We Live")


def test_strip_hides_for_a_station_without_schedule(
    qtbot: QtBot, composer: ComposerServer, service: ScheduleService
) -> None:
    strip = shown_strip(qtbot, service, [])
    service.set_station(composer_station(composer))
    qtbot.waitUntil(lambda: strip.on_now_label.text() != "", timeout=5000)
    service.set_station(static_station(()))
    assert strip.isHidden()
    assert strip.on_now_label.text() == "" and strip.next_up_label.text() == ""


def test_a_schedule_found_on_the_website_says_so_and_is_kept_with_one_click(
    qtbot: QtBot, composer: ComposerServer, service: ScheduleService
) -> None:
    asked: list[Callable[[str], None]] = []
    strip = ScheduleStrip(service, NEW_YORK, keep_found=asked.append)
    qtbot.addWidget(strip)
    strip.show()
    found = replace(composer_station(composer), schedule_found_on="radio.example")
    service.set_station(found)
    qtbot.waitUntil(lambda: strip.on_now_label.text() != "", timeout=5000)
    assert spoken(strip.status_label) == "Schedule found on radio.example"
    assert not strip.keep_button.isHidden()
    assert spoken(strip.keep_button) == "Keep this schedule in my stations"
    qtbot.mouseClick(strip.keep_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and not strip.keep_button.isEnabled()
    asked[0]("Kept what was found on radio.example in your stations.")
    assert spoken(strip.status_label) == "Kept what was found on radio.example in your stations."
    # The station's own schedule now: nothing is offered.
    service.set_station(composer_station(composer))
    qtbot.waitUntil(lambda: strip.status_label.text() == "", timeout=5000)
    assert strip.keep_button.isHidden()


# Raising the dialog is all the offscreen platform cannot do.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_day_view_lists_the_day_marks_on_now_and_opens_links(
    qtbot: QtBot, composer: ComposerServer, service: ScheduleService, clock: FakeClock
) -> None:
    opened: list[str] = []
    strip = shown_strip(qtbot, service, opened)
    service.set_station(composer_station(composer))
    dialog = strip.open_day_view()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=5000)
    assert dialog.title_label.text() == "WNPR: Today, Tuesday, November 24"
    model = dialog.model
    lines = [model.index(row).data() for row in range(4)]
    assert lines[0] == "Morning Edition\n5:00 AM \u2013 9:00 AM"
    assert lines[1] == (
        "Where We Live with Catherine Shen\n9:00 AM \u2013 10:00 AM  ·  On now  ·  Has a page"
    )
    assert lines[3] == "BBC World Service\n11:00 PM \u2013 midnight"
    # Rows read apart: each is taller than its two lines by the padding above and below.
    two_lines = 2 * dialog.list.fontMetrics().lineSpacing()
    assert dialog.list.visualRect(model.index(0)).height() >= two_lines + 2 * ROW_PADDING
    assert dialog.list.currentIndex().row() == 1  # the program on now is selected
    assert model.index(1).data(Qt.ItemDataRole.FontRole).bold()
    table = QAccessible.queryAccessibleInterface(dialog.list)
    assert table is not None
    assert table.child(1).text(QAccessible.Text.Name) == (
        "Where We Live with Catherine Shen, 9:00 AM to 10:00 AM, on now, "
        "has a page, press Enter to open it"
    )
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert opened == ["https://radio.example/wwl"]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    assert not dialog.open_button.isEnabled()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert opened == ["https://radio.example/wwl"]  # no page, nothing opened

    clock.set(ny(2026, 11, 24, 10, 0))
    service.catch_up()
    assert model.on_now_row == 2
    assert "On now" in model.index(2).data() and "On now" not in model.index(1).data()


def test_day_view_moves_between_days_and_says_when_a_day_is_empty_or_fails(
    qtbot: QtBot, composer: ComposerServer, service: ScheduleService
) -> None:
    service.set_station(composer_station(composer))
    dialog = ScheduleDayDialog(service, NEW_YORK)
    qtbot.addWidget(dialog)
    dialog.show_today()
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=5000)
    assert dialog.next_button.shortcut() == QKeySequence("Alt+N")
    assert dialog.previous_button.shortcut() == QKeySequence("Alt+P")
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.message_label.text() != "Loading the programs…", timeout=5000)
    assert dialog.title_label.text() == "WNPR: Tomorrow, Wednesday, November 25"
    assert dialog.stack.currentWidget() is dialog.message_label
    assert dialog.message_label.text() == "No programs are listed for this day."
    assert spoken(dialog.message_label) == "No programs are listed for this day."
    dialog.next_button.click()  # no such day on the server: 404
    qtbot.waitUntil(lambda: "could not be loaded" in dialog.message_label.text(), timeout=5000)
    assert "Thursday, November 26" in dialog.title_label.text()
    assert dialog.message_label.text().startswith("The schedule for WNPR could not be loaded.")
    dialog.today_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=5000)
    assert dialog.stack.currentWidget() is dialog.list


def test_day_view_follows_a_station_switch_to_a_static_schedule(
    qtbot: QtBot, composer: ComposerServer, service: ScheduleService
) -> None:
    service.set_station(composer_station(composer))
    dialog = ScheduleDayDialog(service, NEW_YORK)
    qtbot.addWidget(dialog)
    dialog.show()  # showing it loads today
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=5000)
    weekly = (WeeklyProgram(frozenset({1}), 9 * 60, 11 * 60, "Tuesday Talk", "Ann Host"),)
    service.set_station(static_station(weekly))
    assert dialog.title_label.text() == "WXYZ: Today, Tuesday, November 24"
    assert [dialog.model.index(0).data()] == [
        "Tuesday Talk with Ann Host\n9:00 AM \u2013 11:00 AM  ·  On now"
    ]
    service.set_station(static_station((), station_id="wabc"))
    assert dialog.model.rowCount() == 0
    assert dialog.message_label.text() == "This station has no schedule."
    assert isinstance(dialog.message_label, QLabel)


def test_a_closed_day_view_loads_nothing_on_station_switches(
    qtbot: QtBot, composer: ComposerServer, service: ScheduleService, tasks: TaskRunner
) -> None:
    dialog = ScheduleDayDialog(service, NEW_YORK)
    qtbot.addWidget(dialog)
    service.set_station(composer_station(composer))
    qtbot.waitUntil(lambda: service.current_program_name != "", timeout=5000)
    service.set_station(composer_station(composer, "wshu"))
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert not any("/day?" in path for path in composer.requests)
    assert dialog.model.rowCount() == 0


def test_progress_ticks_only_while_a_program_is_on_and_the_strip_is_visible(
    qtbot: QtBot, composer: ComposerServer, service: ScheduleService
) -> None:
    strip = ScheduleStrip(service, NEW_YORK)
    qtbot.addWidget(strip)
    tick = strip.findChild(QTimer)
    assert tick is not None
    service.set_station(composer_station(composer))
    qtbot.waitUntil(lambda: strip.on_now_label.text() != "", timeout=5000)
    # Never shown by itself: a strip without a parent must not open a window.
    assert not strip.isVisible()
    assert not tick.isActive()
    strip.show()
    assert tick.isActive() and tick.interval() == 60_000
    strip.hide()
    assert not tick.isActive()


def test_a_narrow_strip_keeps_the_time_whole(
    qtbot: QtBot, composer: ComposerServer, service: ScheduleService
) -> None:
    strip = shown_strip(qtbot, service, [])
    service.set_station(composer_station(composer))
    qtbot.waitUntil(lambda: strip.on_now_label.text() != "", timeout=5000)
    assert strip.on_now_label.tail == ", until 10:00 AM"
    assert strip.next_up_label.tail == " at 10:00 AM"
    assert strip.on_now_label.toolTip() == strip.on_now_label.text()


def test_day_view_mark_follows_the_clock_before_on_now_is_known(
    qtbot: QtBot, composer: ComposerServer, service: ScheduleService, clock: FakeClock
) -> None:
    # The On Now answer is held back: the day's list alone must still follow the clock.
    gate = threading.Event()
    composer.gates["/v1/widget/wnpr/now?format=json"] = gate
    try:
        service.set_station(composer_station(composer))
        dialog = ScheduleDayDialog(service, NEW_YORK)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=5000)
        assert dialog.model.on_now_row == 1
        clock.set(ny(2026, 11, 24, 10, 0))
        service.catch_up()
        assert dialog.model.on_now_row == 2
    finally:
        gate.set()


def test_day_view_names_the_one_zone_of_its_day_and_times(
    qtbot: QtBot, composer: ComposerServer, service: ScheduleService
) -> None:
    service.set_station(composer_station(composer))
    dialog = ScheduleDayDialog(service, ZoneInfo("America/Chicago"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 4, timeout=5000)
    assert dialog.title_label.text() == "WNPR: Today, Tuesday, November 24"
    # The station's day, in the station's times: no "Mon 11:00 PM" under a Tuesday.
    assert dialog.model.index(0).data() == "Morning Edition\n5:00 AM \u2013 9:00 AM"
    assert dialog.note_label.text() == "Times in Eastern Time, the station's time."


def test_a_long_program_name_stays_readable_in_a_narrow_window(
    qtbot: QtBot, composer: ComposerServer, service: ScheduleService
) -> None:
    long_name = "Acceptance Speeches of the Long Afternoon"
    composer.set_now("wnpr", composer_entry(NY, ny(2026, 11, 24, 9), 60, long_name), [])
    strip = shown_strip(qtbot, service, [])
    service.set_station(composer_station(composer))
    label = strip.on_now_label
    qtbot.waitUntil(lambda: long_name in label.text(), timeout=5000)
    line = label.fontMetrics().height()
    # Narrow: the name gets a line of its own and the time goes under it; wide: one line.
    assert label.heightForWidth(200) == 2 * line + 2
    assert label.heightForWidth(2000) == line + 2
    assert spoken(label) == f"On Now: {long_name}, until 10:00 AM"
    assert spoken(strip.day_button) == strip.day_button.text()  # said as it reads
