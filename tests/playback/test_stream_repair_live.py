"""A station whose configured stream is dead plays again through the station directory."""

from __future__ import annotations

from collections.abc import Callable

from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.net.fetcher import Fetcher, FetchPolicy
from station_app.playback.session import StreamSession
from station_app.playback.state import PlaybackState
from station_app.playback.stream_repair import StreamRepair
from station_app.stations.directory import DirectoryClient
from station_app.stations.directory_match import find_replacement
from station_app.stations.model import Station
from station_app.tasks import TaskRunner
from tests.playback.conftest import needs_icecast, wait_for_state
from tests.playback.icecast import IcecastServer, free_port
from tests.stations.fake_directory import FakeDirectory, entry

pytestmark = needs_icecast


def test_dead_station_is_repaired_from_the_directory_automatically(
    qtbot: QtBot,
    icecast: IcecastServer,
    content_server: HTTPServer,
    make_player: Callable[..., StreamSession],
) -> None:
    dead = f"http://127.0.0.1:{free_port()}/wnpr.mp3"
    wnpr = Station("wnpr", "WNPR", "90.5 FM", "Meriden, CT", (dead,), None, "America/New_York")
    fake = FakeDirectory(
        content_server,
        [entry("WNPR 90.5 Connecticut Public Radio", icecast.stream_url, state="Connecticut")],
    )
    client = DirectoryClient(
        Fetcher(None, FetchPolicy(retries=0)),
        fake.serve_servers([f"127.0.0.1:{content_server.port}"]),
        (),
        lambda servers: None,
        server_scheme="http",
    )
    player = make_player()
    repair = StreamRepair(
        player,
        TaskRunner(),
        lambda station, cancel: find_replacement(client, station, cancel),
        automatic=True,
    )
    player.play(wnpr)
    wait_for_state(qtbot, player, PlaybackState.PLAYING, 20_000)
    assert player.station is not None and player.station.streams[0] == icecast.stream_url
    assert repair.notice is not None and repair.notice.playing
    assert repair.notice.message.startswith("None of WNPR's streams work, so it plays")
    assert fake.searches  # the directory was really asked
