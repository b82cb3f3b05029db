"""Changing the stations: add (directory, website), edit, remove, move, repair and save."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer

from tests.e2e.atspi import Accessible
from tests.e2e.configs import LoopbackConfig, StationEntry, audio_file
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.observe import mpris_metadata, wait_audio_grows, wait_mpris
from tests.e2e.running_app import RunningApp
from tests.e2e.sites import SITE_NAME, StationSite
from tests.e2e.streams import SecondMount
from tests.playback.icecast import IcecastServer


def saved(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def station_names(window: Accessible) -> list[str]:
    items = window.find("list", "Stations").find_all("list item")
    return [item.name.split(",")[0] for item in items]


def dead_stream(server: HTTPServer) -> str:
    server.expect_request("/dead.mp3").respond_with_data("gone", status=503)
    return server.url_for("/dead.mp3")


def run(launch: Launch, config: LoopbackConfig) -> tuple[RunningApp, Accessible]:
    app = launch()
    config.write(app)
    app.start()
    return app, app.window()


def open_station_menu(app: RunningApp, desktop: Desktop) -> Accessible:
    """The Menu key on the selected station; the menu is in the tree while it is open."""
    desktop.key("alt+s", "Menu")
    return app.root.find("popup menu", "Station")


def test_add_from_the_directory_then_play_it(
    launch: Launch, desktop: Desktop, site: StationSite, content_server: HTTPServer
) -> None:
    site.list_in_directory("WNEW Loopback Jazz 88.1", site.stream_url, state="Connecticut")
    config = LoopbackConfig(
        (StationEntry("wlpr", "WLPR", (dead_stream(content_server),)),), directory=site.base
    )
    app, window = run(launch, config)
    desktop.key("ctrl+n")
    dialog = app.root.find("dialog", lambda name: name.startswith("Add station"))
    search = dialog.find("text", "Search the station directory")
    wait_for(lambda: "focused" in search.states, "the search field to have the focus")
    desktop.type_text("Jazz")
    dialog.find("tree item", "WNEW Loopback Jazz 88.1")
    dialog.find("tree item", "Connecticut, United States")  # the directory's ISO country code
    add = dialog.find("push button", "Add to my stations")
    wait_for(lambda: "enabled" in add.states, "Add to be enabled")
    desktop.key("alt+a")
    wait_for(dialog.hidden_or_gone, "the dialog to close once the station is added")
    wait_for(lambda: station_names(window) == ["WLPR", "WNEW"], "the new station in the list")
    stations = saved(app.stations_file)["stations"]
    assert [s["id"] for s in stations] == ["wlpr", "wnew"]
    assert stations[1]["streams"] == [site.stream_url]
    desktop.key("alt+s", "Return")  # the added station is the selected one
    wait_mpris(desktop, "Playing")
    assert mpris_metadata(desktop, "xesam:artist").startswith("WNEW")
    wait_audio_grows(audio_file(app))


def test_add_from_a_website_and_its_news_shows_at_once(
    launch: Launch, desktop: Desktop, site: StationSite, content_server: HTTPServer
) -> None:
    config = LoopbackConfig((StationEntry("wlpr", "WLPR", (dead_stream(content_server),)),))
    app, window = run(launch, config)
    window.find("label", "No news feeds yet")
    desktop.key("ctrl+n")
    dialog = app.root.find("dialog", lambda name: name.startswith("Add station"))
    desktop.key("alt+w", "alt+h")
    address = dialog.find("text", "Home page of the station")
    wait_for(lambda: "focused" in address.states, "the address field to have the focus")
    desktop.type_text(site.base)
    desktop.key("Return")
    name = dialog.find("text", "Call sign or name of the new station")
    wait_for(lambda: name.text == SITE_NAME, "the site's own name (og:site_name)")
    dialog.find("tree item", "Stream")
    dialog.find("tree item", "News feed")
    words = [cell.name for cell in dialog.find_all("tree item")]
    assert not [w for w in words if "<" in w or "attribute" in w], f"HTML words in {words}"
    add = dialog.find("push button", "Add station")
    wait_for(lambda: "enabled" in add.states, "Add station to be enabled")
    desktop.key("alt+a")
    wait_for(dialog.hidden_or_gone, "the dialog to close")
    # The feed found on the site is the news panel's at once, without a restart.
    headlines = window.find("list", "Headlines")
    headlines.find("list item", lambda text: text.startswith(site.stories[0].headline))
    file = saved(app.stations_file)
    assert [feed["url"] for feed in file["feeds"]] == [site.feed_url]
    assert file["stations"][-1]["call_sign"] == SITE_NAME
    assert file["stations"][-1]["streams"] == [site.stream_url]


def test_editing_the_playing_stations_stream_plays_the_new_one(
    launch: Launch, desktop: Desktop, icecast: IcecastServer, content_server: HTTPServer
) -> None:
    dead = dead_stream(content_server)
    config = LoopbackConfig((StationEntry("wlpr", "WLPR", (dead,)),))
    app, window = run(launch, config)
    desktop.key("space")
    wait_for(lambda: len(content_server.log) >= 1, "the dead stream to be tried")
    menu = open_station_menu(app, desktop)
    edit = menu.find("menu item", "Edit…")
    edit.do(edit.actions()[0])
    dialog = app.root.find("dialog", lambda name: name.startswith("Edit WLPR 89.9 FM"))
    streams = dialog.find("text", "Streams, one address a line, tried in order")
    streams.grab_focus()
    wait_for(lambda: "focused" in streams.states, "the streams field to have the focus")
    desktop.key("ctrl+a")
    desktop.type_text(icecast.stream_url)
    dialog.find("push button", "Save").do("Press")
    wait_mpris(desktop, "Playing")
    wait_audio_grows(audio_file(app))
    assert saved(app.stations_file)["stations"][0]["streams"] == [icecast.stream_url]
    assert (app.config_dir / "stations.toml.bak").exists()
    assert "tuned in" in window.find("list", "Stations").find_all("list item")[0].name


def test_move_and_remove_from_the_context_menu(
    launch: Launch, desktop: Desktop, content_server: HTTPServer
) -> None:
    dead = dead_stream(content_server)
    entries = tuple(StationEntry(id.lower(), id, (dead,)) for id in ("WONE", "WTWO", "WTRE"))
    app, window = run(launch, LoopbackConfig(entries))
    first = window.find("list", "Stations").find_all("list item")[0]
    desktop.click(*first.center(), button=3)  # a right-click opens the same menu
    menu = app.root.find("popup menu", "Station")
    move_down = menu.find("menu item", "Move down")
    assert "enabled" in move_down.states
    assert "enabled" not in menu.find("menu item", "Move up", showing=False).states
    desktop.key("d")
    wait_for(lambda: station_names(window) == ["WTWO", "WONE", "WTRE"], "WONE moved down")
    assert [s["id"] for s in saved(app.stations_file)["stations"]] == ["wtwo", "wone", "wtre"]

    menu = open_station_menu(app, desktop)  # WONE is still the selected station
    desktop.key("r")
    question = app.root.find("alert message", lambda name: name.startswith("Remove WONE 89.9 FM?"))
    question.find("push button", "Remove")
    cancel = question.find("push button", "Cancel")
    assert "focused" in cancel.states or "is-default" in cancel.states
    desktop.key("Escape")
    wait_for(question.hidden_or_gone, "the question to close")
    assert station_names(window) == ["WTWO", "WONE", "WTRE"]
    open_station_menu(app, desktop)
    desktop.key("r")
    question = app.root.find("alert message", lambda name: name.startswith("Remove WONE 89.9 FM?"))
    question.find("push button", "Remove").do("Press")
    wait_for(lambda: station_names(window) == ["WTWO", "WTRE"], "WONE removed")
    assert [s["id"] for s in saved(app.stations_file)["stations"]] == ["wtwo", "wtre"]


def test_a_dead_station_is_repaired_from_the_directory_and_saved(
    launch: Launch, desktop: Desktop, site: StationSite, content_server: HTTPServer
) -> None:
    dead = dead_stream(content_server)
    site.list_in_directory("WLPR 89.9 Loopback Public Radio", site.stream_url, state="Connecticut")
    config = LoopbackConfig(
        (StationEntry("wlpr", "WLPR", (dead,), city="Loopback, CT"),), directory=site.base
    )
    app, window = run(launch, config)
    desktop.key("space")
    save = window.find("push button", "Save to my stations")
    message = save.parent.find("label", lambda text: "WLPR" in text)
    assert len(message.name) < 200, f"one short sentence, not a log line: {message.name!r}"
    desktop.key("alt+v")
    wait_mpris(desktop, "Playing")
    wait_audio_grows(audio_file(app))
    assert saved(app.stations_file)["stations"][0]["streams"] == [site.stream_url, dead]


def test_use_this_stream_plays_the_directorys_stream_and_leaves_the_file_as_it_was(
    launch: Launch, desktop: Desktop, site: StationSite, content_server: HTTPServer
) -> None:
    dead = dead_stream(content_server)
    site.list_in_directory("WLPR 89.9 Loopback Public Radio", site.stream_url, state="Connecticut")
    config = LoopbackConfig(
        (StationEntry("wlpr", "WLPR", (dead,), city="Loopback, CT"),), directory=site.base
    )
    app, window = run(launch, config)
    written = app.stations_file.read_text(encoding="utf-8")
    desktop.key("space")
    use = window.find("push button", "Use this stream")
    use.do("Press")
    wait_mpris(desktop, "Playing")
    wait_audio_grows(audio_file(app))
    assert app.stations_file.read_text(encoding="utf-8") == written
    window.find("push button", "Save to my stations")  # keeping it stays on offer


def test_editing_a_station_that_plays_switches_to_its_new_stream(
    launch: Launch, desktop: Desktop, icecast: IcecastServer, second_stream: SecondMount
) -> None:
    icecast.set_title("The first stream")
    second_stream.set_title("The second stream")
    config = LoopbackConfig((StationEntry("wlpr", "WLPR", (icecast.stream_url,)),))
    app, window = run(launch, config)
    desktop.key("space")
    wait_mpris(desktop, "Playing")
    window.find("label", "The first stream")
    assert mpris_metadata(desktop, "xesam:title") == "The first stream"
    menu = open_station_menu(app, desktop)
    edit = menu.find("menu item", "Edit…")
    edit.do(edit.actions()[0])
    dialog = app.root.find("dialog", lambda name: name.startswith("Edit WLPR 89.9 FM"))
    streams = dialog.find("text", "Streams, one address a line, tried in order")
    streams.grab_focus()
    wait_for(lambda: "focused" in streams.states, "the streams field to have the focus")
    desktop.key("ctrl+a")
    desktop.type_text(second_stream.url)
    dialog.find("push button", "Save").do("Press")
    wait_for(dialog.hidden_or_gone, "the editor to close")
    # The new stream plays at once: its own title, from its own mount.
    window.find("label", "The second stream")
    wait_for(
        lambda: mpris_metadata(desktop, "xesam:title") == "The second stream",
        "MPRIS to show the new stream's title",
    )
    wait_mpris(desktop, "Playing")
    wait_audio_grows(audio_file(app))
    assert not window.find_all("label", "The first stream", showing=True)
    assert saved(app.stations_file)["stations"][0]["streams"] == [second_stream.url]
    # The person's file keeps their comments; the previous version stays beside it.
    assert app.stations_file.read_text(encoding="utf-8").startswith("# Stations of the end-to-end")
    backup = app.config_dir / "stations.toml.bak"
    assert icecast.stream_url in backup.read_text(encoding="utf-8")


def test_auto_repair_plays_the_directorys_stream_at_once_and_says_so(
    launch: Launch, desktop: Desktop, site: StationSite, content_server: HTTPServer
) -> None:
    dead = dead_stream(content_server)
    site.list_in_directory("WLPR 89.9 Loopback Public Radio", site.stream_url, state="Connecticut")
    config = LoopbackConfig(
        (StationEntry("wlpr", "WLPR", (dead,), city="Loopback, CT"),),
        directory=site.base,
        extra_settings={"auto_repair_streams": "true"},
    )
    app, window = run(launch, config)
    written = app.stations_file.read_text(encoding="utf-8")
    desktop.key("space")
    # No question: the directory's stream plays, and the window says so.
    said = window.find(
        "label", lambda text: "plays the station directory's stream" in text, showing=True
    )
    assert "WLPR" in said.name
    wait_mpris(desktop, "Playing")
    wait_audio_grows(audio_file(app))
    assert not window.find_all("push button", "Use this stream", showing=True)
    window.find("push button", "Save to my stations")  # keeping it is the person's choice
    assert app.stations_file.read_text(encoding="utf-8") == written


def test_listen_plays_a_directory_result_without_adding_it(
    launch: Launch, desktop: Desktop, site: StationSite, content_server: HTTPServer
) -> None:
    site.list_in_directory("WNEW Loopback Jazz 88.1", site.stream_url, state="Connecticut")
    site.list_in_directory("WOLD Loopback Oldies", site.stream_url, state="Connecticut")
    config = LoopbackConfig(
        (StationEntry("wlpr", "WLPR", (dead_stream(content_server),)),), directory=site.base
    )
    app, window = run(launch, config)
    written = app.stations_file.read_text(encoding="utf-8")
    desktop.key("ctrl+n")
    dialog = app.root.find("dialog", lambda name: name.startswith("Add station"))
    search = dialog.find("text", "Search the station directory")
    wait_for(lambda: "focused" in search.states, "the search field to have the focus")
    desktop.type_text("Loopback")
    oldies = dialog.find("tree item", "WOLD Loopback Oldies")
    desktop.click(*oldies.center())
    wait_for(lambda: "selected" in oldies.states, "WOLD to be chosen")
    listen = dialog.find("push button", "Listen")
    wait_for(lambda: "enabled" in listen.states, "Listen to be enabled")
    desktop.key("alt+l")
    dialog.find("label", lambda text: text.startswith("Playing “WOLD Loopback Oldies”"))
    wait_mpris(desktop, "Playing")
    assert mpris_metadata(desktop, "xesam:artist").startswith("WOLD")
    wait_audio_grows(audio_file(app))
    desktop.key("Escape")
    wait_for(dialog.hidden_or_gone, "the dialog to close")
    assert station_names(window) == ["WLPR"]
    assert app.stations_file.read_text(encoding="utf-8") == written
