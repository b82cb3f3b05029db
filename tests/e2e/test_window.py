"""The window as a whole: the config error notice, Ctrl+Q, the size kept between runs, Help."""

from __future__ import annotations

import json
import os
import subprocess

from station_app import __version__
from tests.e2e.configs import LoopbackConfig, StationEntry, audio_file, write_settings
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.observe import mpris_metadata, wait_audio_grows, wait_mpris
from tests.e2e.running_app import RunningApp
from tests.playback.icecast import IcecastServer

FIXED = LoopbackConfig((StationEntry("wmin", "WMIN", ("http://127.0.0.1:9/live",)),))


def test_config_error_notice_reads_plainly_and_reload_takes_the_fix(
    launch: Launch, desktop: Desktop
) -> None:
    app = launch(offline=True)  # the bundled stations' sites are not on loopback
    write_settings(app)
    broken = '[network]\nname = "Mine"\n\n[[stations]]\nid = "x y"\ncall_sign = "X"\n'
    path = app.write_config("stations.toml", broken)
    app.start()
    window = app.window()
    notice = window.find(name="Configuration problem")
    message = notice.find("label", lambda text: str(path) in text)
    assert message.name.count(str(path)) == 1, "the file is named once"
    assert "`" not in message.name, "no Markdown marks in the window"
    assert "bundled" in message.name
    window.find("list item", lambda name: name.startswith("WNPR"))  # the bundled stations
    notice.find("push button", "Open the file")
    app.write_config("stations.toml", FIXED.stations_toml())
    desktop.key("alt+l")
    wait_for(notice.hidden_or_gone, "the notice to go once the file is fixed")
    window.find("list item", lambda name: name.startswith("WMIN"))
    assert path.read_text(encoding="utf-8") == FIXED.stations_toml()  # never rewritten


def geometry(app: RunningApp) -> tuple[int, int, int, int]:
    return app.window().extents()


def test_ctrl_q_quits_and_a_too_big_window_is_fitted_to_the_screen(
    launch: Launch, desktop: Desktop
) -> None:
    first = launch()
    FIXED.write(first)
    first.start()
    first.window()
    desktop.xdotool("getactivewindow", "windowsize", "2200", "1400")
    wait_for(lambda: geometry(first)[2] > 1500, "the window to grow past the screen")
    desktop.key("ctrl+q")
    assert first.wait_exit() == 0
    state = json.loads((first.state_dir / "state.json").read_text(encoding="utf-8"))
    assert state["window_geometry"]

    second = launch(home=first.home)  # the same person, the next day
    second.start()
    second.window()
    screen_width, screen_height = desktop.size
    x, y, width, height = geometry(second)
    assert x >= 0 and x + width <= screen_width, (x, width)
    assert y >= 0 and y + height <= screen_height, (y, height)


def test_help_lists_the_keyboard_shortcuts(launch: Launch, desktop: Desktop) -> None:
    app = launch()
    FIXED.write(app)
    app.start()
    app.window()
    desktop.key("F1")
    dialog = app.root.find("dialog", lambda name: name.startswith("Keyboard shortcuts"))
    dialog.find(name=lambda name: name == "Space")
    dialog.find(name=lambda name: name == "Play or pause")
    desktop.key("Escape")
    wait_for(dialog.hidden_or_gone, "the shortcuts to close")


def test_help_opens_the_shortcuts_and_about_by_keyboard_and_each_closes(
    launch: Launch, desktop: Desktop
) -> None:
    app = launch()
    FIXED.write(app)
    app.start()
    window = app.window()
    desktop.key("alt+h")
    help_menu = app.root.find("popup menu", "Help")
    help_menu.find("menu item", "Keyboard shortcuts")
    desktop.key("k")
    dialog = app.root.find("dialog", lambda name: name.startswith("Keyboard shortcuts"))
    dialog.find(name=lambda name: name == "Ctrl+M")
    desktop.key("Escape")
    wait_for(dialog.hidden_or_gone, "the shortcuts to close")
    wait_for(lambda: "active" in window.states, "the main window to be active again")

    desktop.key("alt+h")
    app.root.find("popup menu", "Help").find("menu item", "About Station App")
    desktop.key("a")
    about = app.root.find("alert message", "About Station App")
    about.find("label", f"Station App {__version__}")
    about.find("label", lambda text: "libVLC" in text and "License: MIT" in text)
    about.find("push button", "Close")
    desktop.key("Return")
    wait_for(about.hidden_or_gone, "About to close")
    wait_for(lambda: "active" in window.states, "the main window to be active again")


def test_a_second_launch_hands_its_station_over_and_brings_the_window_to_the_front(
    launch: Launch, desktop: Desktop, icecast: IcecastServer
) -> None:
    config = LoopbackConfig(
        (
            StationEntry("wlpr", "WLPR", (icecast.stream_url,)),
            StationEntry("wtwo", "WTWO", (icecast.stream_url,), "91.1 FM"),
        )
    )
    first = launch()
    config.write(first)
    first.start()
    window = first.window()
    title = window.name
    assert desktop.active_window_name() == title
    # Out of the way: another program's window has the focus.
    cover = subprocess.Popen(
        ["xmessage", "-name", "cover", "Another program"],
        env={**os.environ, **desktop.env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: desktop.active_window_name() == "cover", "the other window in front")
        wait_for(lambda: "active" not in window.states, "the app's window to lose the focus")
        second = launch(home=first.home, args=["--play", "wtwo"])
        second.start()
        assert second.wait_exit() == 0
        assert "already running" in second.output()
        wait_mpris(desktop, "Playing")
        assert mpris_metadata(desktop, "xesam:artist") == "WTWO 91.1 FM"
        wait_for(lambda: desktop.active_window_name() == title, "the app's window in front")
        wait_for(lambda: "active" in window.states, "the app's window to be active")
        wait_audio_grows(audio_file(first))
    finally:
        cover.kill()
        cover.wait(timeout=10)
