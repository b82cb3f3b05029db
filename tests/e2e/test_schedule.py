"""The schedule from a Composer server: On Now and Next Up in the player bar, the day view."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.e2e.atspi import Accessible
from tests.e2e.configs import LoopbackConfig, StationEntry
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.sites import NEXT_UP, ON_NOW, STATION_ZONE, ComposerSchedule, schedule_around_now
from tests.e2e.test_screen_reader import browser_stub
from tests.schedule.composer_server import ComposerServer

# The listener's zone is the app's TZ (running_app.py); the station is an hour ahead.
LISTENER_ZONE = "America/Chicago"


def clock(moment: datetime, zone: str, now: datetime | None = None) -> str:
    """ "2:05 PM", "midnight" or "12:05 AM tomorrow", as the app writes a time seen from `now`."""
    local = moment.astimezone(ZoneInfo(zone))
    days = (local.date() - now.astimezone(ZoneInfo(zone)).date()).days if now else 0
    if local.hour == 0 and local.minute == 0 and days in (0, 1):
        return "midnight"
    text = f"{local.hour % 12 or 12}:{local:%M} {'AM' if local.hour < 12 else 'PM'}"
    return f"{text} tomorrow" if days == 1 else text


def heading(day: date, today: date) -> str:
    """ "WLPR: Today, Friday, December 4": the day view's header for `day`."""
    text = f"{day:%A, %B} {day.day}" + (f", {day.year}" if day.year != today.year else "")
    relative = {0: "Today", -1: "Yesterday", 1: "Tomorrow"}[(day - today).days]
    return f"WLPR: {relative}, {text}"


def noon_program(schedule: ComposerSchedule, days: int) -> str:
    """The program of the day `days` after today that starts in the noon hour."""
    day = schedule.today + timedelta(days=days)
    return f"{day:%A} 12:{schedule.on_now_start:%M} Hour"


def rows(programs: Accessible) -> list[Accessible]:
    return programs.find_all("list item")


def wait_heading(dialog: Accessible, text: str) -> None:
    dialog.find("label", text)


def test_on_now_next_up_and_the_day_view_come_from_the_composer_schedule(
    launch: Launch, desktop: Desktop, composer: ComposerServer, tmp_path: Path
) -> None:
    env, opened = browser_stub(tmp_path / "browser")
    now = datetime.now(UTC)
    schedule = schedule_around_now(composer, "wlpr", now, "http://127.0.0.1:9")
    station = StationEntry(
        "wlpr", "WLPR", ("http://127.0.0.1:9/live",), schedule_url=composer.base("wlpr")
    )
    app = launch(extra_env=env)
    LoopbackConfig((station,)).write(app)
    app.start()
    window = app.window()

    # The player bar: On Now and Next Up, in the listener's own time.
    until = clock(schedule.on_now_end, LISTENER_ZONE, now)
    window.find("label", f"On Now: {ON_NOW} with Ann Host, until {until}")
    window.find("label", f"Next Up: {NEXT_UP} at {until}")

    # A click away: the day view, in the station's own day and time, the zone named once.
    desktop.click(*window.find("push button", "Day schedule…").center())
    dialog = app.root.find("dialog", lambda name: name.startswith("WLPR schedule"))
    today = schedule.today
    wait_heading(dialog, heading(today, today))
    notes = dialog.find_all("label", lambda name: name.startswith("Times in"), showing=True)
    assert [note.name for note in notes] == ["Times in Eastern Time, the station's time."]
    programs = dialog.find("list", "Programs")
    on_now = programs.find("list item", lambda name: "on now" in name)
    assert [row.name for row in rows(programs) if "on now" in row.name] == [on_now.name]
    start = clock(schedule.on_now_start, STATION_ZONE)
    assert on_now.name.startswith(f"{ON_NOW} with Ann Host, ")
    assert f"{start} to " in on_now.name, f"station time ({STATION_ZONE}) in {on_now.name!r}"
    assert "has a page" in on_now.name
    # The program on now is the current one, where the keys start.
    wait_for(lambda: {"selected", "focused"} <= on_now.states, "On Now to be the current row")
    desktop.key("Return")
    wait_for(lambda: opened.exists() and opened.read_text().strip(), "the program's page to open")
    assert opened.read_text().split() == [schedule.on_now_link]

    # The next day, the previous day (twice: yesterday), and back to today. Another
    # day's noon program is in the list, scrolled into view or not.
    desktop.key("alt+n")
    wait_heading(dialog, heading(today + timedelta(days=1), today))
    programs.find(
        "list item", lambda name: name.startswith(noon_program(schedule, 1)), showing=False
    )
    desktop.key("alt+p", "alt+p")
    wait_heading(dialog, heading(today - timedelta(days=1), today))
    programs.find(
        "list item", lambda name: name.startswith(noon_program(schedule, -1)), showing=False
    )
    desktop.key("alt+t")
    wait_heading(dialog, heading(today, today))
    programs.find("list item", lambda name: name.startswith(ON_NOW) and "on now" in name)
    desktop.key("Escape")
    wait_for(dialog.hidden_or_gone, "the day view to close")
    days_asked = {path for path in composer.requests if "/day?" in path}
    assert len(days_asked) == 3, days_asked
