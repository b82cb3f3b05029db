"""Station pictures: chosen, fetched from a loopback site, scaled, kept on disk, used offline."""

from __future__ import annotations

import ipaddress
import os
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from station_app.net.cache import DiskCache
from station_app.net.fetcher import Fetcher, FetchPolicy
from station_app.net.reach import AddressClass, IPAddress, address_class
from station_app.pictures import png_bytes
from station_app.stations.artwork import (
    ART_SIZE,
    FORGET_AFTER,
    REFRESH_AFTER,
    LogoSource,
    StationArtwork,
    logo_source,
)
from station_app.stations.discovery import WebsiteFindings
from station_app.stations.model import Network, Station, StationsConfig
from station_app.tasks import TaskRunner
from tests.clock import Clock

WEBSITE = "http://127.0.0.1:9/"  # named, never asked: the findings are given


def png(width: int, height: int, colour: str = "#c0392b") -> bytes:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(colour))
    return png_bytes(image)


def station(station_id: str, logo: str = "") -> Station:
    return Station(station_id, station_id.upper(), "90.5 FM", "", (), None, "UTC", logo=logo)


def config(*stations: Station, website: str = WEBSITE) -> StationsConfig:
    return StationsConfig(Network("Test Radio", website), (), stations, Path("stations.toml"))


def findings(icon_url: str, website: str = WEBSITE) -> WebsiteFindings:
    return WebsiteFindings(website, 0.0, icon_url=icon_url)


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "artwork"


def test_a_stations_own_logo_wins_over_the_network_websites_picture() -> None:
    own, other = station("wnpr", logo="https://example.org/wnpr.png"), station("wedw")
    current = config(own, other)
    found = findings("https://example.org/og.png")
    assert logo_source(own, current, found) == LogoSource("https://example.org/wnpr.png")
    # A preview from the directory, not in the file: its favicon only from the internet.
    preview = station("preview-x", logo="https://example.org/fav.ico")
    assert logo_source(preview, current, found) == LogoSource(
        "https://example.org/fav.ico", internet_only=True
    )
    # The website's picture is the network's: for the file's stations, named by that page.
    assert logo_source(other, current, found) == LogoSource("https://example.org/og.png", WEBSITE)
    assert logo_source(station("preview-x"), current, found) is None  # not one of the file's
    assert logo_source(other, current, findings("https://a.org/x.png", "https://a.org/")) is None
    assert logo_source(other, current, None) is None


def test_the_picture_is_fetched_scaled_and_kept_as_a_local_png(
    qtbot: QtBot, content_server: HTTPServer, fetcher: Fetcher, tasks: TaskRunner, folder: Path
) -> None:
    content_server.expect_request("/logo.png").respond_with_data(
        png(600, 300), content_type="image/png"
    )
    logo = content_server.url_for("/logo.png")
    artwork = StationArtwork(fetcher, tasks, folder)
    wnpr = station("wnpr", logo=logo)
    with qtbot.waitSignal(artwork.changed, timeout=10_000):
        artwork.set_config(config(wnpr), None)
    image = artwork.image(wnpr)
    assert image is not None
    assert (image.width(), image.height()) == (ART_SIZE, ART_SIZE // 2)  # fits, keeps its shape
    file = artwork.file(wnpr)
    assert file is not None and file.parent == folder
    assert QImage(str(file)).size() == image.size()
    url = QUrl(artwork.file_url(wnpr))
    assert url.isLocalFile() and Path(url.toLocalFile()) == file
    assert artwork.image(station("wedw")) is None  # no picture: the views show the app's icon


def test_the_website_picture_serves_every_station_of_the_file(
    qtbot: QtBot, content_server: HTTPServer, fetcher: Fetcher, tasks: TaskRunner, folder: Path
) -> None:
    content_server.expect_request("/og.png").respond_with_data(
        png(64, 64), content_type="image/png"
    )
    website = content_server.url_for("/")
    stations = (station("wnpr"), station("wedw"))
    artwork = StationArtwork(fetcher, tasks, folder)
    with qtbot.waitSignal(artwork.changed, timeout=10_000):
        artwork.set_config(
            config(*stations, website=website), findings(content_server.url_for("/og.png"), website)
        )
    assert artwork.file(stations[0]) == artwork.file(stations[1]) is not None
    assert len(content_server.log) == 1  # one picture, fetched once for both


def kept_picture(
    qtbot: QtBot, content_server: HTTPServer, fetcher: Fetcher, tasks: TaskRunner, folder: Path
) -> tuple[Station, StationArtwork]:
    """A station whose logo the loopback site serves, loaded once and kept in `folder`."""
    content_server.expect_request("/logo.png").respond_with_data(
        png(40, 40), content_type="image/png"
    )
    wnpr = station("wnpr", logo=content_server.url_for("/logo.png"))
    artwork = StationArtwork(fetcher, tasks, folder)
    with qtbot.waitSignal(artwork.changed, timeout=10_000):
        artwork.set_config(config(wnpr), None)
    return wnpr, artwork


def offline_fetcher() -> Fetcher:
    return Fetcher(None, FetchPolicy(connect_timeout=1, read_timeout=1, retries=0))


def test_a_kept_picture_shows_at_the_next_start_without_the_network(
    qtbot: QtBot, content_server: HTTPServer, fetcher: Fetcher, tasks: TaskRunner, folder: Path
) -> None:
    wnpr, first = kept_picture(qtbot, content_server, fetcher, tasks, folder)
    content_server.clear()  # the site is gone: every request now fails
    clock = Clock(first_file_time(first, wnpr) + 60)
    offline = offline_fetcher()
    second = StationArtwork(offline, tasks, folder, clock)
    with qtbot.waitSignal(second.changed, timeout=10_000):
        second.set_config(config(wnpr), None)
    assert second.image(wnpr) is not None
    assert len(content_server.log) == 0  # fresh on disk: not asked again

    # A week later it is asked again; the site failing, the copy on disk still serves.
    later = StationArtwork(offline, tasks, folder, Clock(clock.now + REFRESH_AFTER + 1))
    with qtbot.waitSignal(later.changed, timeout=10_000):
        later.set_config(config(wnpr), None)
    assert later.image(wnpr) is not None
    assert len(content_server.log) == 1


def test_pictures_no_station_has_used_for_a_month_are_removed_at_the_next_start(
    qtbot: QtBot, content_server: HTTPServer, fetcher: Fetcher, tasks: TaskRunner, folder: Path
) -> None:
    wnpr, first = kept_picture(qtbot, content_server, fetcher, tasks, folder)
    used = first.file(wnpr)
    assert used is not None
    now = used.stat().st_mtime + 2 * FORGET_AFTER
    old = now - FORGET_AFTER - 60
    unused_old, unused_recent, not_a_picture = (
        folder / f"{'0' * 32}.png",
        folder / f"{'1' * 32}.png",
        folder / "notes.txt",
    )
    for file in (unused_old, unused_recent, not_a_picture):
        file.write_bytes(png(4, 4))
    for file in (unused_old, not_a_picture, used):
        os.utime(file, (old, old))
    os.utime(unused_recent, (now - 60, now - 60))

    offline = offline_fetcher()
    later = StationArtwork(offline, tasks, folder, Clock(now))
    later.set_config(config(wnpr), None)
    qtbot.waitUntil(lambda: not unused_old.exists(), timeout=10_000)
    assert used.exists() and unused_recent.exists() and not_a_picture.exists()
    qtbot.waitUntil(lambda: later.image(wnpr) is not None, timeout=10_000)


def first_file_time(artwork: StationArtwork, wnpr: Station) -> float:
    file = artwork.file(wnpr)
    assert file is not None
    return file.stat().st_mtime


def test_what_is_not_a_picture_is_not_kept_and_not_asked_for_again(
    qtbot: QtBot, content_server: HTTPServer, fetcher: Fetcher, tasks: TaskRunner, folder: Path
) -> None:
    content_server.expect_request("/logo.png").respond_with_data(
        b"<html>not a picture</html>", content_type="text/html"
    )
    wnpr = station("wnpr", logo=content_server.url_for("/logo.png"))
    artwork = StationArtwork(fetcher, tasks, folder)
    artwork.set_config(config(wnpr), None)
    qtbot.waitUntil(lambda: len(content_server.log) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: artwork.image(wnpr) is None and not artwork._loading, timeout=5000)
    artwork.set_config(config(wnpr), None)
    assert artwork.image(wnpr) is None
    assert len(content_server.log) == 1
    assert not folder.exists() or not list(folder.iterdir())


PUBLIC_STAND_IN = ipaddress.ip_address("127.0.0.1")


def as_if_public(address: IPAddress) -> AddressClass:
    return AddressClass.PUBLIC if address == PUBLIC_STAND_IN else address_class(address)


def test_a_websites_picture_never_comes_from_this_computer(
    qtbot: QtBot,
    content_server: HTTPServer,
    this_computer: HTTPServer,
    tasks: TaskRunner,
    folder: Path,
    tmp_path: Path,
) -> None:
    """The site stands on the internet (127.0.0.1, as if public); 127.0.0.2 is this computer."""
    this_computer.expect_request("/private.png").respond_with_data(
        png(10, 10), content_type="image/png"
    )
    fetcher = Fetcher(DiskCache(tmp_path / "cache"), classify=as_if_public)
    website = content_server.url_for("/")
    artwork = StationArtwork(fetcher, tasks, folder)
    wnpr = station("wnpr")
    artwork.set_config(
        config(wnpr, website=website), findings(this_computer.url_for("/private.png"), website)
    )
    qtbot.waitUntil(lambda: not artwork._loading, timeout=10_000)
    assert artwork.image(wnpr) is None
    assert len(this_computer.log) == 0


def big_png(width: int, height: int) -> bytes:
    """A valid one-bit PNG: small on the wire, `width` x `height` pixels once decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    squeeze = zlib.compressobj(9)
    data = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def test_a_huge_picture_is_refused_before_it_is_decoded(
    qtbot: QtBot, content_server: HTTPServer, fetcher: Fetcher, tasks: TaskRunner, folder: Path
) -> None:
    # 48 megapixels: some 200 MB once decoded, though the file is small.
    content_server.expect_request("/huge.png").respond_with_data(
        big_png(8000, 6000), content_type="image/png"
    )
    wnpr = station("wnpr", logo=content_server.url_for("/huge.png"))
    artwork = StationArtwork(fetcher, tasks, folder)
    artwork.set_config(config(wnpr), None)
    qtbot.waitUntil(lambda: len(content_server.log) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: not artwork._loading, timeout=10_000)
    assert artwork.image(wnpr) is None


def test_views_draw_the_picture_small(qtbot: QtBot) -> None:
    from station_app.playback.ui.picture import scaled_pixmap

    image = QImage(ART_SIZE, ART_SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.red)
    pixmap = scaled_pixmap(image, 36, 2.0)
    assert (pixmap.width(), pixmap.height()) == (72, 72)  # sharp on a high-DPI screen
    assert pixmap.deviceIndependentSize().toSize().width() == 36


def test_a_preview_never_fetches_its_picture_from_this_computer(
    qtbot: QtBot, content_server: HTTPServer, fetcher: Fetcher, tasks: TaskRunner, folder: Path
) -> None:
    """A station only the directory names may not make the app reach into this computer."""
    content_server.expect_request("/fav.png").respond_with_data(
        png(16, 16), content_type="image/png"
    )
    preview = station("preview-wxyz", logo=content_server.url_for("/fav.png"))
    artwork = StationArtwork(fetcher, tasks, folder)
    artwork.set_config(config(station("wnpr")), None)
    assert artwork.image(preview) is None  # asked for as the preview plays
    qtbot.waitUntil(lambda: not artwork._loading, timeout=10_000)
    assert artwork.image(preview) is None
    assert len(content_server.log) == 0
