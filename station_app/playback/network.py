"""Retry at once when the network comes back, where the platform can tell."""

from __future__ import annotations

import logging

from PySide6.QtNetwork import QNetworkInformation

from station_app.playback.base import Player

log = logging.getLogger(__name__)


def retry_when_online(player: Player) -> QNetworkInformation | None:
    """Connects the platform's reachability to `player.retry_now`; None where there is none."""
    if not QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
        log.info("No network information on this platform; retries keep their schedule.")
        return None
    information = QNetworkInformation.instance()
    if information is None:
        return None

    def changed(reachability: QNetworkInformation.Reachability) -> None:
        if reachability is QNetworkInformation.Reachability.Online:
            player.retry_now()

    information.reachabilityChanged.connect(changed)
    return information
