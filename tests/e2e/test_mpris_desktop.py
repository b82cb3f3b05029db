"""The desktop's media controls with one station, and the station's picture as a local file."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage
from pytest_httpserver import HTTPServer

from station_app.pictures import png_bytes
from station_app.stations.artwork import ART_SIZE, FORGET_AFTER
from tests.e2e.configs import LoopbackConfig, StationEntry, audio_file
from tests.e2e.conftest import Launch
from tests.e2e.desktop import Desktop, wait_for
from tests.e2e.observe import (
    audio_size,
    mpris_metadata,
    mpris_status,
    wait_audio_grows,
    wait_mpris,
)
from tests.playback.icecast import IcecastServer

PLAYER = ["--dest=org.mpris.MediaPlayer2.station_app", "/org/mpris/MediaPlayer2"]


def mpris_call(desktop: Desktop, *call: str) -> str:
    """A call as any desktop may make it (playerctl itself skips what CanGoNext forbids)."""
    done = desktop.run(["dbus-send", "--session", "--print-reply=literal", *PLAYER, *call])
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def player_property(desktop: Desktop, name: str) -> str:
    return mpris_call(
        desktop,
        "org.freedesktop.DBus.Properties.Get",
        "string:org.mpris.MediaPlayer2.Player",
        f"string:{name}",
    )


def logo_png() -> bytes:
    image = QImage(300, 200, QImage.Format.Format_ARGB32)
    image.fill(0xFF1B5E9C)
    return png_bytes(image)


def test_one_station_has_no_next_and_its_picture_is_a_local_file(
    launch: Launch, desktop: Desktop, icecast: IcecastServer, content_server: HTTPServer
) -> None:
    # The network's website names its picture (og:image), which serves its stations.
    content_server.expect_request("/radio/").respond_with_data(
        "<!DOCTYPE html><html><head><title>Loopback Radio</title>"
        '<meta property="og:image" content="/radio/logo.png"></head><body>Hi</body></html>',
        content_type="text/html; charset=utf-8",
    )
    content_server.expect_request("/radio/logo.png").respond_with_data(
        logo_png(), content_type="image/png"
    )
    website = content_server.url_for("/radio/")
    only = StationEntry("wlpr", "WLPR", (icecast.stream_url,))
    app = launch(args=("--play", "wlpr"))
    LoopbackConfig((only,), website=website).write(app)
    # A picture no station uses any more, fetched long ago: the start tidies it away.
    unused = app.cache_dir / "artwork" / f"{'0' * 32}.png"
    unused.parent.mkdir(parents=True)
    unused.write_bytes(logo_png())
    long_ago = time.time() - FORGET_AFTER - 3600
    os.utime(unused, (long_ago, long_ago))
    app.start()
    app.window()
    wait_mpris(desktop, "Playing")
    audio = audio_file(app)
    wait_audio_grows(audio)

    assert player_property(desktop, "CanGoNext").endswith("false")
    assert player_property(desktop, "CanGoPrevious").endswith("false")
    before = audio_size(audio)
    mpris_call(desktop, "org.mpris.MediaPlayer2.Player.Next")
    mpris_call(desktop, "org.mpris.MediaPlayer2.Player.Previous")
    assert mpris_status(desktop) == "Playing"  # nowhere to go: the stream plays on
    assert mpris_metadata(desktop, "xesam:artist") == "WLPR 89.9 FM"
    wait_for(lambda: audio_size(audio) > before + 64_000, "the stream to play on")

    art = wait_for(lambda: mpris_metadata(desktop, "mpris:artUrl"), "the station's picture")
    url = QUrl(art)
    assert url.isLocalFile(), art
    picture = Path(url.toLocalFile())
    assert picture.is_relative_to(app.cache_dir) and picture.suffix == ".png"
    image = QImage(str(picture))
    assert (image.width(), image.height()) == (ART_SIZE, ART_SIZE * 2 // 3)  # small, its shape
    wait_for(lambda: not unused.exists(), "the unused picture to be removed")
    assert picture.exists()
