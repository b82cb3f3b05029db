"""The platform's network information makes a waiting player retry at once."""

from __future__ import annotations

from PySide6.QtNetwork import QNetworkInformation
from pytestqt.qtbot import QtBot

from station_app.playback.fake import FakePlayer
from station_app.playback.network import retry_when_online


def test_network_coming_back_retries_at_once(qtbot: QtBot) -> None:
    player = FakePlayer()
    information = retry_when_online(player)
    assert information is not None  # this platform has a reachability backend
    reachability = QNetworkInformation.Reachability
    information.reachabilityChanged.emit(reachability.Disconnected)
    assert player.requests == []
    information.reachabilityChanged.emit(reachability.Online)
    assert player.requests == [("retry_now", None)]
