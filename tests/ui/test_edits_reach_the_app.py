"""An edit of the stations takes effect everywhere at once: list, player, news, MPRIS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from station_app.app import Services, build_mpris, build_services, build_window
from station_app.net.fetcher import Fetcher
from station_app.news.ui.panel import NewsPanel
from station_app.paths import AppPaths
from station_app.playback.fake import FakePlayer
from station_app.playback.state import PlaybackState, PlayerStatus
from station_app.playback.ui.player_pane import PlayerPane
from station_app.stations.changes import StationFields
from station_app.stations.model import Feed
from station_app.ui.main_window import MainWindow

MINE = """[network]
name = "Mine"

[[stations]]
id = "waaa"
call_sign = "WAAA"
streams = ["http://127.0.0.1:9/old"]

[[stations]]
id = "wbbb"
call_sign = "WBBB"
streams = ["http://127.0.0.1:9/b"]
"""


@pytest.fixture
def app(
    qtbot: QtBot, user_config_dir: Path, offline_fetcher: Fetcher
) -> Iterator[tuple[Services, MainWindow, FakePlayer]]:
    (user_config_dir / "stations.toml").write_text(MINE, encoding="utf-8")
    player = FakePlayer()
    services = build_services(AppPaths.from_environment(), player, offline_fetcher)
    window = build_window(services)
    qtbot.addWidget(window)
    yield services, window, player
    services.schedule.stop()
    services.tasks.shutdown()


def panes(window: MainWindow) -> tuple[PlayerPane, NewsPanel]:
    player_pane, news = window.splitter.widget(0), window.splitter.widget(1)
    assert isinstance(player_pane, PlayerPane) and isinstance(news, NewsPanel)
    return player_pane, news


def test_editing_the_playing_station_plays_its_new_stream_at_once(
    qtbot: QtBot, app: tuple[Services, MainWindow, FakePlayer]
) -> None:
    services, window, player = app
    pane, _news = panes(window)
    player.play(services.stations.config.stations[0])
    player.set_status(PlayerStatus(PlaybackState.PLAYING))
    services.stations.set_streams("waaa", ["http://127.0.0.1:9/new"])
    qtbot.waitUntil(lambda: player.station.streams == ("http://127.0.0.1:9/new",), timeout=5000)
    assert player.requests[-1] == ("play", "waaa")
    assert pane.model.stations[0].streams == ("http://127.0.0.1:9/new",)
    assert services.schedule.station == player.station


def test_a_stopped_stations_edit_is_taken_without_playing(
    qtbot: QtBot, app: tuple[Services, MainWindow, FakePlayer]
) -> None:
    services, _window, player = app
    player.play(services.stations.config.stations[0])
    player.stop()
    services.stations.edit_station("waaa", "WAAA-FM", "", "", ["http://127.0.0.1:9/old"], None)
    qtbot.waitUntil(lambda: player.station.call_sign == "WAAA-FM", timeout=5000)
    assert player.requests[-1] == ("stop", None)


def test_feeds_added_with_a_station_reach_the_news_panel(
    qtbot: QtBot, app: tuple[Services, MainWindow, FakePlayer]
) -> None:
    services, window, _player = app
    pane, news = panes(window)
    assert news.news.feeds == ()
    feed = Feed("Loopback News", "http://127.0.0.1:9/news.rss")
    services.stations.add_station(StationFields("WNEW", streams=("http://127.0.0.1:9/n",)), [feed])
    qtbot.waitUntil(lambda: news.news.feeds == (feed,), timeout=5000)
    assert [s.id for s in pane.model.stations] == ["waaa", "wbbb", "wnew"]


def test_mpris_walks_the_edited_station_list(
    qtbot: QtBot, app: tuple[Services, MainWindow, FakePlayer]
) -> None:
    services, window, player = app
    mpris = build_mpris(services, window)
    try:
        player.play(services.stations.config.stations[1])
        services.stations.add_station(StationFields("WNEW", streams=("http://127.0.0.1:9/n",)))
        qtbot.waitUntil(lambda: len(services.stations.stations) == 3, timeout=5000)
        mpris.next()
        assert player.requests[-1] == ("play", "wnew")
    finally:
        mpris.unregister()
