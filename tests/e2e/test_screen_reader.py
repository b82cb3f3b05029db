"""What a screen reader does: press list items, move by Tab, walk the whole tree.

Driven by AT-SPI actions only (and keys where a person would press them); the
results are read back through AT-SPI, MPRIS and files.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pytest_httpserver import HTTPServer

from tests.e2e.atspi import Accessible, AtSpiBus, AtSpiError
from tests.e2e.configs import LoopbackConfig, StationEntry, audio_file
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.observe import mpris_metadata, wait_audio_grows, wait_mpris
from tests.e2e.running_app import RunningApp
from tests.e2e.sites import STORIES, StationSite
from tests.playback.icecast import IcecastServer

PRESS = "Press"


def run(launch: Launch, config: LoopbackConfig, **options: object) -> tuple[RunningApp, Accessible]:
    app = launch(**options)
    config.write(app)
    app.start()
    return app, app.window()


def two_stations(stream: str) -> LoopbackConfig:
    return LoopbackConfig(
        (
            StationEntry("wlpr", "WLPR", (stream,)),
            StationEntry("wtwo", "WTWO", (stream,), frequency="91.1 FM"),
        )
    )


def test_press_on_a_station_plays_it(
    launch: Launch, desktop: Desktop, icecast: IcecastServer
) -> None:
    app, window = run(launch, two_stations(icecast.stream_url))
    listing = window.find("list", "Stations")
    second = listing.find("list item", lambda n: n.startswith("WTWO"))
    assert PRESS in second.actions()
    second.do(PRESS)
    wait_mpris(desktop, "Playing")
    assert mpris_metadata(desktop, "xesam:artist") == "WTWO 91.1 FM"
    wait_for(lambda: "tuned in" in second.name, "WTWO marked tuned in")
    assert "selected" in second.states
    assert listing.selected_children() == [second]
    wait_audio_grows(audio_file(app))


def browser_stub(folder: Path) -> tuple[dict[str, str], Path]:
    """An `xdg-open` that writes down the address it was asked to open."""
    folder.mkdir(parents=True, exist_ok=True)
    opened = folder / "opened.txt"
    script = folder / "xdg-open"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{opened}"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return {"PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}, opened


# A weekly schedule for the last station of a config: two programs a day, with pages.
SCHEDULE = "".join(
    "\n[[stations.schedule]]\n"
    f'days = "daily"\nstart = "{start}"\nend = "{end}"\nprogram = "{name}"\n'
    f'link = "http://127.0.0.1:9/programs/{slug}"\n'
    for start, end, name, slug in (
        ("00:00", "12:00", "Morning Loop", "morning"),
        ("12:00", "24:00", "Evening Loop", "evening"),
    )
)


def run_with_schedule(
    launch: Launch, config: LoopbackConfig, **options: object
) -> tuple[RunningApp, Accessible]:
    app = launch(**options)
    config.write(app)
    app.write_config("stations.toml", config.stations_toml() + SCHEDULE)
    app.start()
    return app, app.window()


def test_press_on_a_program_opens_its_page(
    launch: Launch, desktop: Desktop, icecast: IcecastServer, tmp_path: Path
) -> None:
    env, opened = browser_stub(tmp_path / "browser")
    config = LoopbackConfig((StationEntry("wlpr", "WLPR", (icecast.stream_url,)),))
    app, window = run_with_schedule(launch, config, extra_env=env)
    window.find("push button", lambda name: name.startswith("Day schedule")).do(PRESS)
    dialog = app.root.find("dialog", lambda name: name.startswith("WLPR schedule"))
    evening = dialog.find("list", "Programs").find(
        "list item", lambda name: name.startswith("Evening Loop")
    )
    evening.do(PRESS)
    wait_for(lambda: opened.exists() and opened.read_text().strip(), "a page to be opened")
    assert opened.read_text().split() == ["http://127.0.0.1:9/programs/evening"]


def test_press_on_a_directory_result_listens_to_it(
    launch: Launch, desktop: Desktop, site: StationSite, content_server: HTTPServer
) -> None:
    site.list_in_directory("WNEW Loopback Jazz 88.1", site.stream_url, state="Connecticut")
    site.list_in_directory("WOLD Loopback Oldies", site.stream_url, state="Connecticut")
    config = LoopbackConfig(
        (StationEntry("wlpr", "WLPR", (site.stream_url,)),), directory=site.base
    )
    app, window = run(launch, config)
    window.find("push button", "Add station…").do(PRESS)
    dialog = app.root.find("dialog", lambda name: name.startswith("Add station"))
    search = dialog.find("text", "Search the station directory")
    wait_for(lambda: "focused" in search.states, "the search field to have the focus")
    desktop.type_text("Loopback")
    result = dialog.find("tree item", "WOLD Loopback Oldies")
    assert PRESS in result.actions()
    result.do(PRESS)
    dialog.find("label", lambda text: text.startswith("Playing “WOLD Loopback Oldies”"))
    wait_mpris(desktop, "Playing")
    assert mpris_metadata(desktop, "xesam:artist").startswith("WOLD")
    assert "selected" in result.states
    wait_audio_grows(audio_file(app))


def focused(window: Accessible) -> str:
    """The one focused control (items of a focused list name their list)."""
    found = [
        node
        for node in window.find_all(showing=True)
        if "focused" in node.states and node.role not in ("list item", "tree item", "page tab")
    ]
    return found[-1].describe() if found else "nothing"


def tab_stops(desktop: Desktop, window: Accessible, count: int, key: str = "Tab") -> list[str]:
    stops = []
    for _ in range(count):
        before = focused(window)
        desktop.key(key)
        stops.append(wait_for(lambda b=before: moved(window, b), f"{key} to move from {before}"))
    return stops


def moved(window: Accessible, before: str) -> str | None:
    now = focused(window)
    return now if now != before else None


def test_tab_follows_the_window_from_the_player_down_the_stations_then_the_news(
    launch: Launch, desktop: Desktop, site: StationSite
) -> None:
    config = LoopbackConfig(
        (StationEntry("wlpr", "WLPR", (site.stream_url,)),),
        website=site.base,
        feeds=(("Local", site.feed_url), ("Sports", site.feed_url + "?sports")),
    )
    _app, window = run_with_schedule(launch, config)
    window.find("list", "Headlines").find(
        "list item", lambda name: name.startswith(STORIES[0].headline)
    )
    day = window.find("push button", "Day schedule…")
    wait_for(lambda: "enabled" in day.states, "the day schedule")
    # The window opens on Play, whatever comes first in it.
    wait_for(lambda: focused(window) == "push button 'Play'", "the focus on Play")
    expected = [
        "button menu 'Sleep timer: off'",
        "check box 'Mute'",
        "slider 'Volume'",
        "push button 'Add station…'",
        "list 'Stations'",
        "combo box 'All feeds'",  # labelled "Show:"
        "push button 'Refresh'",
        "list 'Headlines'",
        "push button 'Day schedule…'",  # On Now and Next Up sit above the play controls
        "push button 'Play'",
    ]
    assert tab_stops(desktop, window, len(expected)) == expected
    assert tab_stops(desktop, window, len(expected), "shift+Tab") == [
        *reversed(expected[:-1]),
        "push button 'Play'",
    ]


def walk_everything(root: Accessible) -> int:
    """Reads every object as a screen reader's review does; returns how many it read."""
    count = 0
    for node in root.walk():
        try:
            node.name, node.role, node.states, node.description  # noqa: B018
            if "org.a11y.atspi.Action" in node.interfaces:
                node.actions()
            if "org.a11y.atspi.Text" in node.interfaces:
                node.text  # noqa: B018
            node.extents()
            count += 1
        except AtSpiError:
            pass  # it went away while being read (a refreshed list): so be it
    return count


def test_a_screen_reader_walking_everything_leaves_the_app_well_and_it_quits_cleanly(
    launch: Launch, desktop: Desktop, site: StationSite
) -> None:
    config = LoopbackConfig(
        (StationEntry("wlpr", "WLPR", (site.stream_url,)),),
        website=site.base,
        feeds=(("Local", site.feed_url),),
    )
    app, window = run(launch, config)
    headlines = window.find("list", "Headlines")
    first = headlines.find("list item", lambda name: name.startswith(STORIES[0].headline))
    for _ in range(3):
        assert walk_everything(app.root) > 50
    first.do(PRESS)
    document = window.find("document", lambda name: name.startswith("Article"))
    wait_for(lambda: document.find_all("heading"), "the article's headings")
    for _ in range(3):
        walk_everything(app.root)
    desktop.key("Escape")
    site.set_stories(tuple(reversed(STORIES)))
    desktop.key("F5")  # the list is rebuilt under the reader's feet
    for _ in range(3):
        walk_everything(app.root)
    desktop.key("ctrl+q")
    assert app.wait_exit() == 0


CONTROL_ROLES = {
    "push button",
    "toggle button",
    "check box",
    "radio button",
    "text",
    "combo box",
    "list",
    "list item",
    "tree",
    "tree item",
    "slider",
    "spin button",
    "page tab",
    "menu item",
    "document",
    "heading",
}


def unnamed_or_falsely_showing(root: Accessible) -> list[str]:
    """Controls without a name, and objects said to show inside something hidden."""
    found: list[str] = []

    def visit(node: Accessible, inside_hidden: bool, path: str) -> None:
        try:
            role, name, states = node.role, node.name, node.states
        except AtSpiError:
            return  # gone while being read (a page replacing the feed's copy): no finding
        where = f"{path} > {role} {name!r}"
        if role in CONTROL_ROLES and not name.strip() and role != "list":
            found.append(f"no name: {where}")
        if inside_hidden and "showing" in states:
            found.append(f"showing inside a hidden object: {where}")
        hidden = inside_hidden or "showing" not in states
        try:
            children = node.children()
        except AtSpiError:
            return
        for child in children:
            visit(child, hidden, where if len(where) < 200 else "…")

    visit(root, False, "")
    return found


def test_every_control_has_a_name_and_nothing_hidden_is_said_to_show(
    launch: Launch, desktop: Desktop, site: StationSite
) -> None:
    config = LoopbackConfig(
        (StationEntry("wlpr", "WLPR", (site.stream_url,)),),
        website=site.base,
        feeds=(("Local", site.feed_url), ("Sports", site.feed_url + "?sports")),
        directory=site.base,
    )
    app, window = run(launch, config)
    headlines = window.find("list", "Headlines")
    headlines.find("list item", lambda name: name.startswith(STORIES[0].headline))
    assert unnamed_or_falsely_showing(window) == []
    headlines.grab_focus()
    desktop.key("Return")
    window.find("document", lambda name: name.startswith("Article"))
    assert unnamed_or_falsely_showing(window) == []
    desktop.key("Escape", "ctrl+n")
    dialog = app.root.find("dialog", lambda name: name.startswith("Add station"))
    dialog.find("text", "Search the station directory")
    assert unnamed_or_falsely_showing(dialog) == []
    dialog.find("page tab", "From a website").do(PRESS)
    dialog.find("text", "Home page of the station")
    assert unnamed_or_falsely_showing(dialog) == []


def test_a_screen_reader_is_told_which_item_the_arrow_keys_reach(
    launch: Launch, desktop: Desktop, atspi: AtSpiBus, site: StationSite
) -> None:
    site.list_in_directory("WNEW Loopback Jazz 88.1", site.stream_url, state="Connecticut")
    site.list_in_directory("WOLD Loopback Oldies", site.stream_url, state="Connecticut")
    with atspi.focus_events() as focus:
        stations = (
            StationEntry("wlpr", "WLPR", (site.stream_url,)),
            StationEntry("wtwo", "WTWO", (site.stream_url,), frequency="91.1 FM"),
        )
        app, window = run(launch, LoopbackConfig(stations, directory=site.base))
        listing = window.find("list", "Stations")
        first, second = listing.find_all("list item")
        listing.grab_focus()
        focus.until(first)  # the list's current item, not the list alone
        desktop.key("Down")
        assert focus.next() == second
        desktop.key("ctrl+n")
        dialog = app.root.find("dialog", lambda name: name.startswith("Add station"))
        dialog.find("text", "Search the station directory")
        desktop.type_text("Loopback")
        results = dialog.find("tree", "Stations found in the directory")
        wnew = results.find("tree item", "WNEW Loopback Jazz 88.1")
        wold = results.find("tree item", "WOLD Loopback Oldies")
        results.grab_focus()
        focus.until(wnew)  # a tree numbers its header first: still the right row
        desktop.key("Down")
        assert focus.next() == wold
