"""Preferences, Keyboard shortcuts and About, through the real window by keyboard and AT-SPI."""

from __future__ import annotations

import re
import tomllib

from pytest_httpserver import HTTPServer

from tests.e2e.atspi import Accessible
from tests.e2e.configs import LoopbackConfig, StationEntry, audio_file
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.observe import wait_audio_grows, wait_mpris
from tests.e2e.running_app import RunningApp
from tests.e2e.sites import StationSite

QUIET = LoopbackConfig((StationEntry("wmin", "WMIN", ("http://127.0.0.1:9/live",)),))


def focused(node: Accessible) -> Accessible:
    wait_for(lambda: "focused" in node.states, f"{node.describe()} to have the focus")
    return node


def open_preferences(app: RunningApp, desktop: Desktop) -> Accessible:
    desktop.key("ctrl+comma")
    return app.root.find("dialog", lambda name: name.startswith("Preferences"))


def test_preferences_by_keyboard_save_with_comments_and_apply_at_once(
    launch: Launch, desktop: Desktop, site: StationSite, content_server: HTTPServer
) -> None:
    content_server.expect_request("/dead.mp3").respond_with_data("gone", status=503)
    dead = content_server.url_for("/dead.mp3")
    site.list_in_directory("WLPR 89.9 Loopback Public Radio", site.stream_url, state="Connecticut")
    config = LoopbackConfig(
        (StationEntry("wlpr", "WLPR", (dead,), city="Loopback, CT"),), directory=site.base
    )
    app = launch()
    config.write(app)
    settings = app.config_dir / "settings.toml"
    by_hand = "# Tuned by hand for this machine.\n" + settings.read_text(encoding="utf-8")
    by_hand = by_hand.replace("network_caching_ms = 300\n", "network_caching_ms = 300  # short\n")
    settings.write_text(by_hand, encoding="utf-8")
    app.start()
    app.window()
    dialog = open_preferences(app, desktop)
    refresh = dialog.find("spin box", "Refresh the news every")
    assert refresh.value == 10
    assert "Takes effect the next time" not in refresh.description
    buffer = dialog.find("spin box", "Stream buffer")
    assert buffer.description.endswith("Takes effect the next time Station App starts.")
    desktop.key("alt+t")  # the label's letter: "Refresh the news every"
    focused(refresh)
    desktop.key("ctrl+a")
    desktop.type_text("3")
    wait_for(lambda: refresh.value == 3, "the refresh interval to read 3")
    repair = dialog.find("check box", "Repair dead stations automatically")
    assert "checked" not in repair.states
    desktop.key("alt+r")
    wait_for(lambda: "checked" in repair.states, "automatic repair to be on")
    desktop.key("alt+s")
    wait_for(dialog.hidden_or_gone, "Preferences to close once saved")

    text = settings.read_text(encoding="utf-8")
    assert text.startswith("# Tuned by hand for this machine.\n")
    assert "network_caching_ms = 300  # short\n" in text
    saved = tomllib.loads(text)
    assert saved["news"]["refresh_minutes"] == 3
    assert saved["player"]["auto_repair_streams"] is True
    assert saved["player"]["vlc_options"][0] == "--aout=afile"
    assert (app.config_dir / "settings.toml.bak").read_text(encoding="utf-8") == by_hand

    # Automatic repair is on without a restart: the dead station plays the directory's stream.
    desktop.key("alt+s", "Return")
    wait_mpris(desktop, "Playing")
    wait_audio_grows(audio_file(app))
    app.window().find("label", lambda text: "plays the station directory's stream" in text)


def test_a_broken_settings_file_is_named_and_left_alone(launch: Launch, desktop: Desktop) -> None:
    app = launch()
    QUIET.write(app)
    broken = '[news]\nrefresh_minutes = "often"\n'
    path = app.write_config("settings.toml", broken)
    app.start()
    app.window()
    dialog = open_preferences(app, desktop)
    message = dialog.find("label", lambda text: text.startswith(f"{path}, line 2:"))
    assert "leaves the file as it is" in message.name
    open_file = focused(dialog.find("push button", "Open settings.toml"))
    assert "enabled" in open_file.states
    assert "enabled" not in dialog.find("push button", "Save").states
    desktop.key("Escape")
    wait_for(dialog.hidden_or_gone, "Preferences to close")
    assert path.read_text(encoding="utf-8") == broken


def test_about_names_the_libvlc_version(launch: Launch, desktop: Desktop) -> None:
    app = launch()
    QUIET.write(app)
    app.start()
    app.window()
    desktop.key("alt+h")
    app.root.find("menu item", "About Station App")
    desktop.key("a")
    about = app.root.find(name=lambda name: name.startswith("About Station App"))
    audio = about.find("label", lambda text: "Audio: libVLC" in text)
    assert re.search(r"^Audio: libVLC \d+\.\d+\.\d+", audio.name, re.MULTILINE), audio.name
    assert "License: MIT" in audio.name
    about.find("label", lambda text: text.startswith("Station App "))
    focused(about.find("push button", "Close"))
    desktop.key("Escape")
    wait_for(about.hidden_or_gone, "About to close")


def test_f1_lists_preferences_and_quit(launch: Launch, desktop: Desktop) -> None:
    app = launch()
    QUIET.write(app)
    app.start()
    app.window()
    desktop.key("F1")
    dialog = app.root.find("dialog", lambda name: name.startswith("Keyboard shortcuts"))
    dialog.find(name="Ctrl+,")
    dialog.find(name="Preferences")
    dialog.find(name="Ctrl+Q")
    desktop.key("Escape")
    wait_for(dialog.hidden_or_gone, "the shortcuts to close")
