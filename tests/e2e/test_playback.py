"""Listening: play, pause and stop by keyboard, mouse and media keys; switching; drops."""

from __future__ import annotations

import json

from pytest_httpserver import HTTPServer

from tests.e2e.atspi import Accessible
from tests.e2e.configs import LoopbackConfig, StationEntry, audio_file
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.observe import (
    audio_size,
    mpris_metadata,
    mpris_status,
    playerctl,
    wait_audio_grows,
    wait_mpris,
    wait_name,
)
from tests.e2e.running_app import REFUSING_SERVER, RunningApp
from tests.playback.icecast import IcecastServer


def two_stations(stream: str, second_stream: str | None = None) -> LoopbackConfig:
    return LoopbackConfig(
        (
            StationEntry("wlpr", "WLPR", (stream,), city="Loopback, CT"),
            StationEntry("wtwo", "WTWO", (second_stream or stream,), "91.1 FM", "Second, CT"),
        )
    )


def started(launch: Launch, config: LoopbackConfig, *args: str) -> tuple[RunningApp, Accessible]:
    app = launch(args=args)
    config.write(app)
    app.start()
    return app, app.window()


def play_button(window: Accessible) -> Accessible:
    return window.find("push button", lambda name: name in ("Play", "Pause", "Stop"))


def test_space_plays_and_pauses_from_the_first_moment_and_the_button_does_too(
    launch: Launch, desktop: Desktop, icecast: IcecastServer
) -> None:
    app, window = started(launch, two_stations(icecast.stream_url))
    audio = audio_file(app)
    button = play_button(window)
    assert "enabled" in button.states, "Play must work from the first moment"

    desktop.key("space")  # the very first key of the session plays
    wait_mpris(desktop, "Playing")
    wait_audio_grows(audio)
    wait_for(lambda: button.name == "Pause", "the button to offer Pause")
    assert mpris_metadata(desktop, "xesam:artist") == "WLPR 89.9 FM"

    desktop.key("space")
    wait_mpris(desktop, "Paused")
    wait_for(lambda: button.name == "Play", "the button to offer Play")
    muted = window.find("check box", lambda name: name in ("Mute", "Unmute"))
    assert muted.name == "Mute", "Space must never mute"

    desktop.click(*button.center())
    wait_mpris(desktop, "Playing")
    wait_audio_grows(audio)
    desktop.click(*button.center())
    wait_mpris(desktop, "Paused")

    # Tab from the station list reaches the play button, in the order of the layout.
    stations = window.find("list", "Stations")
    stations.grab_focus()
    wait_for(lambda: "focused" in stations.states, "the station list to have focus")
    for _ in range(8):
        desktop.key("shift+Tab")
        if "focused" in button.states:
            break
    assert "focused" in button.states
    desktop.key("space")
    wait_mpris(desktop, "Playing")

    playerctl(desktop, "stop")
    wait_mpris(desktop, "Stopped")
    stopped_at = audio_size(audio)
    wait_for(lambda: button.name == "Play", "the button to offer Play after stop")
    playerctl(desktop, "play")
    wait_mpris(desktop, "Playing")
    wait_for(lambda: audio_size(audio) > stopped_at + 64_000, "audio after play again")


def test_switching_by_ctrl_number_and_by_enter(
    launch: Launch, desktop: Desktop, icecast: IcecastServer
) -> None:
    _app, window = started(launch, two_stations(icecast.stream_url))
    desktop.key("ctrl+2")
    wait_mpris(desktop, "Playing")
    wait_for(lambda: mpris_metadata(desktop, "xesam:artist") == "WTWO 91.1 FM", "WTWO to play")
    window.find("label", "WTWO 91.1 FM")
    stations = window.find("list", "Stations")
    items = stations.find_all("list item")
    assert "tuned in" in items[1].name and "tuned in" not in items[0].name
    # Alt+S goes to the list; Up picks WLPR; Enter tunes in.
    desktop.key("alt+s", "Up", "Return")
    wait_for(lambda: mpris_metadata(desktop, "xesam:artist") == "WLPR 89.9 FM", "WLPR to play")
    wait_for(lambda: "tuned in" in stations.find_all("list item")[0].name, "WLPR marked tuned in")
    wait_mpris(desktop, "Playing")


def test_a_drop_reconnects_by_itself_and_plays_again(
    launch: Launch, desktop: Desktop, icecast: IcecastServer
) -> None:
    app, window = started(launch, two_stations(icecast.stream_url), "--play", "wlpr")
    audio = audio_file(app)
    wait_mpris(desktop, "Playing")
    wait_audio_grows(audio)
    icecast.set_title("Before the drop")
    title = window.find("label", "Before the drop")
    elapsed = window.find("label", lambda name: name.startswith("Listening for"))
    icecast.stop_source()
    # The player says it is reconnecting; the old title and the clock go.
    wait_for(
        lambda: (
            window.find_all("label", lambda n: n.startswith("Reconnecting"), showing=True)
            or window.find_all("label", lambda n: "again" in n, showing=True)
        ),
        "the player bar to say it is reconnecting",
    )
    wait_for(lambda: "showing" not in title.states or title.name == "", "the old title to go")
    wait_for(lambda: elapsed.name == "Not listening", "the listening clock to stop")
    # The desktop sees the outage: not Playing while nothing plays, and a Stop button.
    wait_mpris(desktop, "Stopped")
    assert play_button(window).name == "Stop"
    icecast.start_source()
    wait_for(lambda: mpris_status(desktop) == "Playing" and play_button(window).name == "Pause", "")
    wait_audio_grows(audio)


def test_a_failing_station_can_be_stopped_with_one_key(
    launch: Launch, desktop: Desktop, content_server: HTTPServer, icecast: IcecastServer
) -> None:
    content_server.expect_request("/dead.mp3").respond_with_data("gone", status=503)
    dead = content_server.url_for("/dead.mp3")
    config = two_stations(dead, icecast.stream_url)
    app, window = started(launch, config)
    button = play_button(window)
    desktop.key("space")
    # Once the first try has failed, the button offers Stop (not Play, which would
    # start over from attempt 1) and keeps that one name through the retries.
    wait_for(lambda: button.name == "Stop", "the button to offer Stop")
    first_failure = len(content_server.log)
    names = set()

    def retrying() -> bool:
        names.add(button.name)
        return len(content_server.log) >= first_failure + 3

    wait_for(retrying, "two more attempts")
    # One name the whole time, and never Play: pressing Play would start over from attempt 1.
    assert len(names) == 1 and "Play" not in names, f"the button was named {names}"
    assert mpris_status(desktop) != "Playing"
    desktop.key("space")
    wait_mpris(desktop, "Stopped")
    attempts = len(content_server.log)
    # Another station plays; the dead one was not tried again meanwhile.
    desktop.key("ctrl+2")
    wait_mpris(desktop, "Playing")
    wait_audio_grows(audio_file(app))
    assert len(content_server.log) == attempts


def test_a_failing_station_can_be_stopped_with_one_click(
    launch: Launch, desktop: Desktop, content_server: HTTPServer, icecast: IcecastServer
) -> None:
    content_server.expect_request("/dead.mp3").respond_with_data("gone", status=503)
    app, window = started(
        launch, two_stations(content_server.url_for("/dead.mp3"), icecast.stream_url)
    )
    button = play_button(window)
    desktop.click(*button.center())
    wait_for(lambda: button.name == "Stop", "the button to offer Stop")
    state = window.find("label", lambda name: name.startswith("Trying again"), showing=True)
    details = window.find("push button", "Details")
    assert "503" in details.description, "each stream's reason is on demand"
    desktop.click(*button.center())
    wait_mpris(desktop, "Stopped")
    wait_for(lambda: button.name == "Play", "the button to offer Play")
    wait_for(lambda: state.name == "Stopped", "the state line to say Stopped")
    attempts = len(content_server.log)
    desktop.key("ctrl+2")
    wait_mpris(desktop, "Playing")
    wait_audio_grows(audio_file(app))
    assert len(content_server.log) == attempts, "the stopped station was tried again"


def volume(desktop: Desktop) -> float:
    """MPRIS's Volume, 0 to 1 (0 while muted)."""
    done = desktop.run(["playerctl", "--player", "station_app", "volume"])
    return float(done.stdout) if done.returncode == 0 and done.stdout.strip() else -1.0


def saved_volume(app: RunningApp) -> object:
    state = app.state_dir / "state.json"
    return json.loads(state.read_text(encoding="utf-8")).get("volume") if state.exists() else None


def test_double_click_plays_a_station(
    launch: Launch, desktop: Desktop, icecast: IcecastServer
) -> None:
    app, window = started(launch, two_stations(icecast.stream_url))
    second = window.find("list", "Stations").find("list item", lambda n: n.startswith("WTWO"))
    desktop.double_click(*second.center())
    wait_mpris(desktop, "Playing")
    assert mpris_metadata(desktop, "xesam:artist") == "WTWO 91.1 FM"
    wait_for(lambda: "tuned in" in second.name, "WTWO marked tuned in")
    wait_audio_grows(audio_file(app))


def test_ctrl_up_and_down_change_the_volume_and_ctrl_m_mutes(
    launch: Launch, desktop: Desktop, icecast: IcecastServer
) -> None:
    app, window = started(launch, two_stations(icecast.stream_url), "--play", "wlpr")
    wait_mpris(desktop, "Playing")
    slider = window.find("slider", "Volume")
    mute = window.find("check box", "Mute")
    start = wait_for(lambda: round(volume(desktop) * 100) or None, "MPRIS to tell the volume")
    assert slider.value == start
    desktop.key("ctrl+Down", "ctrl+Down")
    wait_for(lambda: round(volume(desktop) * 100) == start - 10, "two steps down")
    assert slider.value == start - 10
    desktop.key("ctrl+Up")
    wait_for(lambda: round(volume(desktop) * 100) == start - 5, "one step up")
    wait_for(lambda: slider.value == start - 5, "the slider to follow")
    # Kept for the next run, once the changes settle.
    wait_for(lambda: saved_volume(app) == start - 5, "the volume in state.json")

    desktop.key("ctrl+m")
    wait_for(lambda: volume(desktop) == 0, "MPRIS to say the volume is 0 while muted")
    wait_name(mute, "Unmute")
    assert "checked" in mute.states
    assert mpris_status(desktop) == "Playing", "muting is not pausing"
    desktop.key("ctrl+m")
    wait_for(lambda: round(volume(desktop) * 100) == start - 5, "the volume back after unmuting")
    wait_name(mute, "Mute")
    assert "checked" not in mute.states


def test_a_dead_first_stream_falls_through_to_the_stations_next_one(
    launch: Launch, desktop: Desktop, content_server: HTTPServer, icecast: IcecastServer
) -> None:
    content_server.expect_request("/dead.mp3").respond_with_data("gone", status=503)
    dead = content_server.url_for("/dead.mp3")
    config = LoopbackConfig((StationEntry("wlpr", "WLPR", (dead, icecast.stream_url)),))
    app, window = started(launch, config)
    desktop.key("space")
    wait_mpris(desktop, "Playing")
    wait_audio_grows(audio_file(app))
    asked = len(content_server.log)
    assert asked >= 1, "the first stream comes first"
    assert play_button(window).name == "Pause"
    window.find("label", "Playing")
    wait_audio_grows(audio_file(app))
    assert not window.find_all("push button", "Details", showing=True), "nothing went wrong"
    assert len(content_server.log) == asked, "the dead stream is not tried while one plays"


def test_the_details_button_says_what_went_wrong_with_each_stream(
    launch: Launch, desktop: Desktop, content_server: HTTPServer
) -> None:
    content_server.expect_request("/dead.mp3").respond_with_data("gone", status=503)
    dead = content_server.url_for("/dead.mp3")
    refused = REFUSING_SERVER + "/live.mp3"
    config = LoopbackConfig((StationEntry("wlpr", "WLPR", (dead, refused)),))
    app, window = started(launch, config)
    desktop.key("space")
    details = window.find("push button", "Details")
    desktop.click(*details.center())
    dialog = app.root.find("dialog", lambda name: name.startswith("Playback details"))
    text = dialog.find("label", lambda name: "503" in name)
    wait_for(lambda: "focused" in text.states, "the details to have the focus")
    # One reason for each stream, in the order they were tried.
    paragraphs = [part for part in text.name.split("\n\n") if part.strip()]
    assert len(paragraphs) == 2, text.name
    assert paragraphs[0].startswith("Stream 1: ") and "503" in paragraphs[0], paragraphs
    assert paragraphs[1].startswith("Stream 2: ") and "refused" in paragraphs[1], paragraphs
    desktop.key("Escape")
    wait_for(dialog.hidden_or_gone, "the details to close")
    desktop.key("space")  # stop trying
    wait_mpris(desktop, "Stopped")
    wait_name(play_button(window), "Play")


def test_mpris_next_and_previous_change_the_station(
    launch: Launch, desktop: Desktop, icecast: IcecastServer
) -> None:
    app, window = started(launch, two_stations(icecast.stream_url), "--play", "wlpr")
    wait_mpris(desktop, "Playing")
    stations = window.find("list", "Stations")

    def tuned_in() -> list[str]:
        return [
            i.name.split(",")[0] for i in stations.find_all("list item") if "tuned in" in i.name
        ]

    playerctl(desktop, "next")
    wait_for(lambda: mpris_metadata(desktop, "xesam:artist") == "WTWO 91.1 FM", "WTWO to play")
    wait_for(lambda: tuned_in() == ["WTWO"], "WTWO marked tuned in")
    window.find("label", "WTWO 91.1 FM")
    wait_mpris(desktop, "Playing")
    playerctl(desktop, "previous")
    wait_for(lambda: mpris_metadata(desktop, "xesam:artist") == "WLPR 89.9 FM", "WLPR to play")
    wait_for(lambda: tuned_in() == ["WLPR"], "WLPR marked tuned in")
    playerctl(desktop, "previous")  # round the list: the last station
    wait_for(lambda: mpris_metadata(desktop, "xesam:artist") == "WTWO 91.1 FM", "WTWO again")
    wait_mpris(desktop, "Playing")
    wait_audio_grows(audio_file(app))
