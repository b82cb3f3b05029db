"""An ICY title set on the real Icecast server reaches the window and MPRIS within 3 s."""

from __future__ import annotations

import time
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from station_app.desktop.mpris import MprisService
from station_app.playback.session import StreamSession
from station_app.playback.state import PlaybackState
from station_app.playback.ui.player_bar import PlayerBar
from tests.desktop.mpris_client import Playerctl, connect
from tests.desktop.test_mpris import wait_for_line
from tests.playback.conftest import needs_icecast, station, wait_for_state
from tests.playback.icecast import IcecastServer

pytestmark = needs_icecast


def test_title_change_reaches_window_and_mpris(
    qtbot: QtBot,
    icecast: IcecastServer,
    make_player: Callable[..., StreamSession],
    session_bus: str,
) -> None:
    player = make_player()
    bar = PlayerBar(player)
    qtbot.addWidget(bar)
    tuned = station(icecast.stream_url)
    service = MprisService(player, (tuned,), lambda: tuned, lambda: None, lambda: None)
    assert service.register(connect(session_bus))
    try:
        player.play(tuned)
        wait_for_state(qtbot, player, PlaybackState.PLAYING, 15_000)
        with Playerctl(session_bus).follow("metadata", "title") as lines:
            title = "Weekend Edition — Saturday"
            changed = time.monotonic()
            icecast.set_title(title)
            qtbot.waitUntil(lambda: bar.now_playing_label.text() == title, timeout=3000)
            wait_for_line(qtbot, lines, lambda line: line == title, timeout=3000)
            assert time.monotonic() - changed < 3
    finally:
        service.unregister()
        qtbot.wait(1)  # runs the deferred deletion
