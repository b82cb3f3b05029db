"""The sleep timer, as a person (and a screen reader) uses it: set, read, cancel, run out."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tests.e2e.atspi import Accessible, AtSpiBus
from tests.e2e.configs import LoopbackConfig, StationEntry, audio_file
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.observe import audio_size, mpris_status, wait_audio_grows, wait_mpris, wait_name
from tests.e2e.running_app import RunningApp
from tests.e2e.sites import STATION_ZONE
from tests.e2e.test_playback_announcements import Announcements
from tests.playback.icecast import IcecastServer

# Time to start, play and set the timer before the fade (the last 10 s) begins, even on
# a loaded machine.
LEAST_LEAD = timedelta(seconds=40)


def one_station(stream: str) -> LoopbackConfig:
    return LoopbackConfig((StationEntry("wlpr", "WLPR", (stream,)),))


def sleep_button(window: Accessible) -> Accessible:
    return window.find(name=lambda name: name.startswith("Sleep timer:"))


def sleep_menu(app: RunningApp) -> Accessible:
    """The sleep timer's menu, wherever it opens: one menu, found under the menu bar."""
    return app.root.find("popup menu", "Sleep timer", showing=False)


def start(launch: Launch, config: LoopbackConfig, schedule: str = "") -> RunningApp:
    app = launch(args=("--play", "wlpr"))
    config.write(app)
    if schedule:
        app.write_config("stations.toml", config.stations_toml() + schedule)
    app.state_dir.mkdir(parents=True, exist_ok=True)
    (app.state_dir / "state.json").write_text(json.dumps({"volume": 55}), encoding="utf-8")
    return app.start()


def mpris_volume(desktop: Desktop) -> str:
    done = desktop.run(["playerctl", "--player", "station_app", "volume"])
    return done.stdout.strip()


def test_set_by_keyboard_read_by_a_screen_reader_and_cancelled_from_the_menu_bar(
    launch: Launch, desktop: Desktop, atspi: AtSpiBus, icecast: IcecastServer
) -> None:
    announcements = Announcements(atspi)
    try:
        app = start(launch, one_station(icecast.stream_url))
        window = app.window()
        wait_mpris(desktop, "Playing")
        button = sleep_button(window)
        assert button.name == "Sleep timer: off"

        desktop.key("ctrl+t")  # the menu opens on its first choice
        menu = sleep_menu(app)
        wait_for(lambda: "showing" in menu.states, "the menu to open")
        first = menu.find("menu item", "15 minutes")
        wait_for(lambda: "selected" in first.states or "focused" in first.states, "15 minutes")
        desktop.key("Down", "Return")
        wait_name(button, "Sleep timer: Playback stops in 30 minutes")
        announcements.wait_until(
            lambda heard: "Sleep timer set. Playback stops in 30 minutes." in heard, "it is set"
        )
        window.find("label", "Playing")

        # Playback → Sleep timer → Cancel, by the menu bar's keys.
        desktop.key("alt+p")
        playback = app.root.find("popup menu", "Playback")
        playback.find("menu item", "Played titles…")
        desktop.key("t")
        cancel = app.root.find("menu item", "Cancel sleep timer")
        wait_for(lambda: "enabled" in cancel.states, "Cancel to be offered")
        desktop.key("c")
        wait_name(button, "Sleep timer: off")
        announcements.wait_until(lambda heard: "Sleep timer cancelled." in heard, "the cancel")
    finally:
        announcements.close()
    heard = announcements.heard
    assert heard.count("Sleep timer set. Playback stops in 30 minutes.") == 1, heard
    assert heard.count("Sleep timer cancelled.") == 1, heard
    assert mpris_status(desktop) == "Playing", "cancelled: it plays on"


class VolumeWatch:
    """Every volume the desktop is told of (MPRIS), from now until `stop`."""

    def __init__(self, desktop: Desktop) -> None:
        env = {"PATH": os.environ.get("PATH", ""), **desktop.env}
        self._process = subprocess.Popen(
            ["playerctl", "--player", "station_app", "--follow", "volume"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def stop(self) -> list[str]:
        self._process.terminate()
        output, _ = self._process.communicate(timeout=10)
        lines = output.split()
        assert lines, "playerctl reported no volume at all"
        return lines


def program_ending_soon(now: datetime) -> tuple[str, datetime]:
    """A weekly entry on now that ends at a whole minute at least LEAST_LEAD away."""
    end = (now + LEAST_LEAD + timedelta(minutes=1)).replace(second=0, microsecond=0)
    begin = end - timedelta(hours=1)
    end_text = "24:00" if (end.hour, end.minute) == (0, 0) else f"{end:%H:%M}"
    entry = (
        "\n[[stations.schedule]]\n"
        f'days = "daily"\nstart = "{begin:%H:%M}"\nend = "{end_text}"\n'
        'program = "Night Lullabies"\n'
    )
    return entry, end


def test_at_the_end_of_the_program_it_stops_and_the_volume_stays(
    launch: Launch, desktop: Desktop, atspi: AtSpiBus, icecast: IcecastServer
) -> None:
    entry, end = program_ending_soon(datetime.now(ZoneInfo(STATION_ZONE)))
    announcements = Announcements(atspi)
    try:
        app = start(launch, one_station(icecast.stream_url), entry)
        window = app.window()
        wait_mpris(desktop, "Playing")
        wait_audio_grows(audio_file(app))
        assert mpris_volume(desktop) == "0.550000"
        window.find("label", lambda name: "Night Lullabies" in name)
        button = sleep_button(window)

        volumes = VolumeWatch(desktop)
        desktop.key("ctrl+t")
        menu = sleep_menu(app)
        wait_for(lambda: "showing" in menu.states, "the menu to open")
        item = menu.find("menu item", "At the end of Night Lullabies")
        wait_for(lambda: "enabled" in item.states, "the end of the program to be offered")
        desktop.key("e")
        wait_for(
            lambda: button.name.startswith(
                "Sleep timer: Playback stops at the end of Night Lullabies, in"
            ),
            "the button to name the program",
        )
        left = (end - datetime.now(ZoneInfo(STATION_ZONE))).total_seconds()
        wait_mpris(desktop, "Playing")
        wait_for(lambda: mpris_status(desktop) == "Stopped", "playback to stop", left + 30)
        announcements.wait_until(
            lambda heard: "The sleep timer stopped playback." in heard, "the stop"
        )
        wait_name(button, "Sleep timer: off")
        # Neither the desktop nor the window ever saw the faded volume.
        assert set(volumes.stop()) == {"0.550000"}
        assert mpris_volume(desktop) == "0.550000"
        assert window.find("slider", "Volume").value == 55
        window.find("label", "Stopped")

        stopped_at = audio_size(audio_file(app))
        desktop.key("space")  # the next listen, at the person's volume
        wait_mpris(desktop, "Playing")
        # libVLC starts its file afresh for a new stream.
        wait_for(lambda: audio_size(audio_file(app)) != stopped_at, "audio again")
        wait_audio_grows(audio_file(app))
        assert mpris_volume(desktop) == "0.550000"
        desktop.key("ctrl+q")
        assert app.wait_exit() == 0
    finally:
        announcements.close()
    state = json.loads((app.state_dir / "state.json").read_text(encoding="utf-8"))
    assert state["volume"] == 55
    assert announcements.heard.count("Sleep timer cancelled.") == 0, announcements.heard
