"""The tray: closing the window while playing keeps playing there; its menu plays, shows, quits.

The desktop here runs a StatusNotifierWatcher and a notification service of
the tests' own (tests/desktop/fake_services.py), as KDE or GNOME with the
AppIndicator extension do; the tray's side is played by TrayHost over D-Bus.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest

from station_app import APP_ID
from tests.desktop.fake_services import FakeDesktopServices, fake_desktop_services
from tests.e2e.configs import audio_file
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.observe import mpris_metadata, mpris_status, wait_audio_grows, wait_mpris
from tests.e2e.test_playback import started, two_stations
from tests.e2e.tray_host import TrayHost
from tests.playback.icecast import IcecastServer


def desktop_services(desktop: Desktop, **which: bool) -> Iterator[FakeDesktopServices]:
    def wait(condition: Callable[[], bool]) -> None:
        wait_for(condition, "the desktop's services")

    with fake_desktop_services(desktop.session_bus, wait, **which) as services:
        yield services


@pytest.fixture
def with_tray(desktop: Desktop) -> Iterator[FakeDesktopServices]:
    """A desktop with a tray and notifications (started before the app, as a desktop is)."""
    yield from desktop_services(desktop, notifications=True, watcher=True)


def test_closing_while_playing_keeps_playing_in_the_tray_and_its_menu_plays_and_quits(
    launch: Launch, desktop: Desktop, icecast: IcecastServer, with_tray: FakeDesktopServices
) -> None:
    app, window = started(launch, two_stations(icecast.stream_url))
    host = TrayHost(desktop, with_tray)
    try:
        audio = audio_file(app)
        desktop.key("space")
        wait_mpris(desktop, "Playing")
        wait_audio_grows(audio)
        wait_for(lambda: host.tooltip().startswith("WLPR 89.9 FM — playing"), "the tooltip")

        desktop.key("alt+F4")  # the window manager closes it, as its close button does
        wait_for(window.hidden_or_gone, "the window to go to the tray")
        wait_audio_grows(audio)  # still playing
        assert mpris_status(desktop) == "Playing"
        (notice,) = wait_for(with_tray.notifications, "the notice that it plays on")
        assert notice["summary"] == "Station App is still playing"
        assert "tray" in notice["body"]
        assert notice["hints"]["desktop-entry"] == APP_ID

        host.click()
        wait_mpris(desktop, "Paused")
        assert "Play" in host.labels()
        host.choose("Play")
        wait_mpris(desktop, "Playing")
        host.choose("WTWO 91.1 FM")
        wait_for(lambda: mpris_metadata(desktop, "xesam:artist") == "WTWO 91.1 FM", "WTWO")
        tuned = [item.label for item in host.menu() if item.checked]
        assert tuned == ["WTWO 91.1 FM"]

        host.choose("Show window")
        app.window()  # shown and active again
        desktop.key("alt+F4")
        wait_for(window.hidden_or_gone, "the window to go to the tray again")
        assert len(with_tray.notifications()) == 1  # said once

        host.choose("Quit")
        assert app.wait_exit() == 0
        state = json.loads((app.state_dir / "state.json").read_text(encoding="utf-8"))
        assert state["tray_notice_shown"] is True
        assert state["window_geometry"]
    finally:
        host.close()


@pytest.mark.parametrize("tray_setting", [None, "false"])
def test_without_a_tray_closing_the_window_quits_as_ever(
    launch: Launch,
    desktop: Desktop,
    icecast: IcecastServer,
    desktop_with: Callable[[bool], FakeDesktopServices],
    tray_setting: str | None,
) -> None:
    """No tray on the desktop, or the person turned it off: closing ends the app."""
    services = desktop_with(tray_setting is not None)
    app = launch(args=("--play", "wlpr"))
    two_stations(icecast.stream_url).write(app)
    if tray_setting is not None:
        settings = app.config_dir / "settings.toml"
        settings.write_text(
            settings.read_text(encoding="utf-8") + f"\n[desktop]\ntray = {tray_setting}\n",
            encoding="utf-8",
        )
    app.start()
    app.window()
    wait_mpris(desktop, "Playing")
    desktop.key("alt+F4")
    assert app.wait_exit() == 0
    assert services.events("RegisterStatusNotifierItem") == []
    assert services.notifications() == []


@pytest.fixture
def desktop_with(desktop: Desktop) -> Iterator[Callable[[bool], FakeDesktopServices]]:
    """The desktop's services, with a tray or without; started when asked for."""
    started: list[Iterator[FakeDesktopServices]] = []

    def start(watcher: bool) -> FakeDesktopServices:
        running = desktop_services(desktop, notifications=True, watcher=watcher)
        started.append(running)
        return next(running)

    yield start
    for running in started:
        running.close()
