"""A new user's first start: bundled stations, no network at all."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.observe import mpris_status


def test_first_start_offline_shows_the_bundled_stations_and_says_the_news_is_offline(
    launch: Launch, desktop: Desktop
) -> None:
    # The command the README names, as scripts/run and scripts/test leave it.
    script = Path(sys.executable).with_name("station-app")
    assert script.is_file(), "scripts/run must leave .venv/bin/station-app"
    app = launch(offline=True, command=[str(script)]).start()
    window = app.window()
    assert window.name == "Connecticut Public — Station App"
    stations = window.find("list", "Stations")
    items = wait_for(lambda: stations.find_all("list item"), "the station list")
    assert [item.name.split(",")[0] for item in items] == ["WNPR", "WEDW-FM", "WPKT", "WRLI-FM"]
    assert "selected" in items[0].states
    play = window.find("push button", "Play")
    assert "enabled" in play.states, "Play must work from the first moment"
    # The news cannot load without a network, and says so in words.
    wait_for(
        lambda: window.find_all("label", lambda name: "could not" in name.lower(), showing=True),
        "the news panel to say it could not load",
    )
    assert mpris_status(desktop) == "Stopped"
