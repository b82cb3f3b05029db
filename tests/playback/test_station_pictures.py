"""Station pictures in the station list and the player bar, from a loopback site."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.net.fetcher import Fetcher
from station_app.pictures import png_bytes
from station_app.playback.fake import FakePlayer
from station_app.playback.ui.player_pane import PlayerPane
from station_app.stations.artwork import StationArtwork
from station_app.stations.model import Network, Station, StationsConfig
from station_app.tasks import TaskRunner

RED = QColor("#d01010")


def red_png() -> bytes:
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(RED)
    return png_bytes(image)


def is_red(colour: QColor) -> bool:
    return colour.red() > 180 and colour.green() < 60 and colour.blue() < 60


def test_the_list_and_the_bar_show_the_stations_picture_or_the_app_icon(
    qtbot: QtBot, content_server: HTTPServer, fetcher: Fetcher, tmp_path: Path
) -> None:
    content_server.expect_request("/wnpr.png").respond_with_data(
        red_png(), content_type="image/png"
    )
    stations = (
        Station(
            "wnpr", "WNPR", "90.5 FM", "Meriden, CT", (), None, "UTC",
            logo=content_server.url_for("/wnpr.png"),
        ),
        Station("wedw", "WEDW-FM", "88.5 FM", "Stamford, CT", (), None, "UTC"),
    )  # fmt: skip
    tasks = TaskRunner()
    artwork = StationArtwork(fetcher, tasks, tmp_path / "artwork")
    player = FakePlayer()
    pane = PlayerPane(player, stations, artwork=artwork)
    qtbot.addWidget(pane)
    pane.resize(480, 420)
    pane.show()
    qtbot.waitExposed(pane)
    pane.select_station("wnpr")
    with qtbot.waitSignal(artwork.changed, timeout=10_000):
        artwork.set_config(StationsConfig(Network("Test", None), (), stations, tmp_path), None)

    bar = pane.bar
    box = bar.picture_space.geometry()
    assert 28 <= box.width() == box.height() <= 64  # small: two lines of text high
    assert is_red(bar.grab().toImage().pixelColor(box.center()))

    view = pane.list
    shot = view.viewport().grab().toImage()
    ratio = shot.devicePixelRatio()

    def left_square(row: int) -> QColor:
        rect = view.visualRect(pane.model.index(row))
        point = QPoint(rect.left() + 12 + (rect.height() - 12) // 2, rect.center().y())
        return shot.pixelColor(point * ratio)

    assert is_red(left_square(0))
    assert not is_red(left_square(1))  # no picture: the app's icon stands there

    pane.select_station("wedw")  # the bar shows the selected station while stopped
    assert not is_red(bar.grab().toImage().pixelColor(box.center()))
    tasks.shutdown()
