"""Played titles: what the stream sent is listed, copied, searched, kept, and cleared."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.atspi import Accessible, AtSpiBus
from tests.e2e.clipboard import clipboard_text
from tests.e2e.configs import LoopbackConfig, StationEntry
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.observe import wait_mpris
from tests.e2e.running_app import RunningApp
from tests.e2e.test_playback_announcements import Announcements
from tests.e2e.test_screen_reader import PRESS, browser_stub
from tests.playback.icecast import IcecastServer

STATION = "WLPR 89.9 FM"


def titles_window(app: RunningApp) -> tuple[Accessible, Accessible]:
    dialog = app.root.find("dialog", lambda name: name.startswith("Played titles"))
    return dialog, dialog.find("list", "Played titles")


def listed(listing: Accessible, count: int) -> list[Accessible]:
    return wait_for(
        lambda: (items := listing.find_all("list item")) and len(items) == count and items,
        f"{count} titles to be listed",
    )


def title_of(item: Accessible) -> str:
    """ "So What, WLPR 89.9 FM, 6:30 PM" -> "So What"."""
    title, station, _time = item.name.rsplit(", ", 2)
    assert station == STATION
    return title


def test_titles_are_listed_copied_searched_kept_and_cleared(
    launch: Launch, desktop: Desktop, atspi: AtSpiBus, icecast: IcecastServer, tmp_path: Path
) -> None:
    env, opened = browser_stub(tmp_path / "browser")
    config = LoopbackConfig((StationEntry("wlpr", "WLPR", (icecast.stream_url,)),))
    first = launch(args=("--play", "wlpr"), extra_env=env)
    config.write(first)
    first.start()
    window = first.window()
    wait_mpris(desktop, "Playing")
    for title in ("Miles Davis - So What", "Nina Simone — Feeling Good"):
        icecast.set_title(title)
        window.find("label", title)

    announcements = Announcements(atspi)
    try:
        desktop.key("ctrl+h")
        dialog, listing = titles_window(first)
        items = listed(listing, 2)
        assert [title_of(item) for item in items] == [
            "Nina Simone — Feeling Good",
            "Miles Davis - So What",
        ]
        assert PRESS in items[0].actions()
        wait_for(lambda: "focused" in items[0].states, "the newest title to have the focus")

        desktop.key("ctrl+c")
        wait_for(lambda: clipboard_text(desktop) == "Nina Simone — Feeling Good", "the copy")
        dialog.find("label", "Copied: Nina Simone — Feeling Good")
        announcements.wait_until(
            lambda heard: "Copied: Nina Simone — Feeling Good" in heard, "the copy said"
        )

        items[1].do(PRESS)  # a screen reader's Press: what Enter does
        wait_for(lambda: opened.exists() and opened.read_text().strip(), "a search to open")
        assert opened.read_text().split() == ["https://duckduckgo.com/?q=Miles+Davis+-+So+What"]

        icecast.set_title("Dave Brubeck - Take Five")  # while the window is open
        items = listed(listing, 3)
        assert title_of(items[0]) == "Dave Brubeck - Take Five"
        assert "focused" in items[2].states, "the person's place stayed on their title"
    finally:
        announcements.close()
    desktop.key("Escape")
    wait_for(dialog.hidden_or_gone, "the window to close")
    desktop.key("ctrl+q")
    assert first.wait_exit() == 0

    # The next day: the same person, the same titles.
    second = launch()
    second.home = first.home
    second.config_dir, second.state_dir = first.config_dir, first.state_dir
    second.output_file = first.home / "second-output.txt"
    second.start()
    second.window()
    desktop.key("alt+p")
    second.root.find("popup menu", "Playback").find("menu item", "Played titles…").do(PRESS)
    dialog, listing = titles_window(second)
    items = listed(listing, 3)
    assert [title_of(item) for item in items] == [
        "Dave Brubeck - Take Five",
        "Nina Simone — Feeling Good",
        "Miles Davis - So What",
    ]
    wait_for(lambda: "focused" in items[0].states, "the list to have the focus")

    desktop.key("alt+l")  # Clear list… asks first; Escape is Cancel
    question = second.root.find(
        "alert message", lambda name: name.startswith("Clear played titles?")
    )
    question.find("push button", "Cancel")
    desktop.key("Escape")
    wait_for(question.hidden_or_gone, "the question to close")
    assert len(listing.find_all("list item")) == 3

    desktop.key("alt+l")
    question = second.root.find(
        "alert message", lambda name: name.startswith("Clear played titles?")
    )
    question.find("push button", "Clear")
    desktop.key("alt+c")
    dialog.find("label", lambda name: name.startswith("No titles yet."))
    wait_for(lambda: not listing.find_all("list item"), "the list to be empty")
    saved = json.loads((second.state_dir / "played-titles.json").read_text(encoding="utf-8"))
    assert saved["titles"] == []
