"""Titles Icecast sends while libVLC plays are written down, with the station, and kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from station_app.playback.played_titles import PlayedTitles
from station_app.playback.session import StreamSession
from station_app.playback.state import PlaybackState
from tests.playback.conftest import needs_icecast, station, wait_for_state
from tests.playback.icecast import IcecastServer

pytestmark = needs_icecast


def test_each_icy_title_is_listed_newest_first_and_kept(
    qtbot: QtBot,
    icecast: IcecastServer,
    make_player: Callable[..., StreamSession],
    tmp_path: Path,
) -> None:
    file = tmp_path / "state" / "played-titles.json"
    titles = PlayedTitles(file)
    player = make_player()
    titles.follow(player)
    player.play(station(icecast.stream_url, "wlpr", "WLPR"))
    wait_for_state(qtbot, player, PlaybackState.PLAYING, 15_000)
    sent = ["Miles Davis — So What", "Café Tacvba — Déjà vu", "Nina Simone - Feeling Good"]
    for title in sent:
        icecast.set_title(title)
        qtbot.waitUntil(lambda t=title: bool(titles.titles) and titles.titles[0].title == t)
    assert [entry.title for entry in titles.titles] == sent[::-1]
    assert {entry.station_name for entry in titles.titles} == {"WLPR 88.8 FM"}
    times = [entry.at for entry in titles.titles]
    assert times == sorted(times, reverse=True)

    player.stop()  # the title goes with the stream; nothing new is listed
    assert len(titles.titles) == 3
    titles.flush()
    assert [entry.title for entry in PlayedTitles(file).titles] == sent[::-1]
