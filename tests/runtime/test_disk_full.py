"""When the disk is full, the window says once that settings are not being saved."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.news.conftest import fixture_text
from tests.runtime.app_process import LOOPBACK_STATIONS, AppProcess

NOT_SAVED = "Your settings were not saved: "


def fill(folder: Path) -> None:
    with (folder / "filler").open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 1024)
        except OSError as error:
            assert error.errno == errno.ENOSPC


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder on a 64 KiB tmpfs filled to the last byte, and how the app should describe it.

    Without the right to mount (not root), the folder sits under a plain file instead,
    which makes every write there fail as well.
    """
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    if not mounted:
        blocker = tmp_path / "a-file"
        blocker.write_bytes(b"")
        yield blocker / "data", "failed (Not a directory); fix that"
        return
    try:
        for name in ("state", "cache"):
            (mount_point / name).mkdir()
        fill(mount_point)
        yield mount_point, "is full; free some space there"
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_full_disk_is_told_in_the_window_once(
    full_disk: tuple[Path, str],
    launch: Callable[..., AppProcess],
    app_env: dict[str, str],
    user_config_dir: Path,
    content_server: HTTPServer,
) -> None:
    disk, cause = full_disk
    base = content_server.url_for("").rstrip("/")
    content_server.expect_request("/news.rss").respond_with_data(
        fixture_text("npr_feed.xml", base), content_type="application/rss+xml"
    )
    feed = f'[[feeds]]\ntitle = "News"\nurl = "{content_server.url_for("/news.rss")}"\n\n'
    stations = LOOPBACK_STATIONS.replace("[[stations]]", feed + "[[stations]]", 1)
    (user_config_dir / "stations.toml").write_text(stations, encoding="utf-8")
    env = {**app_env, "XDG_STATE_HOME": str(disk / "state"), "XDG_CACHE_HOME": str(disk / "cache")}
    app = launch(env=env, probe=True)
    app.wait_ready()

    def notices() -> list[str]:
        return [text for text in app.visible_texts() if text.startswith(NOT_SAVED)]

    app.playerctl("volume", "0.4")  # saved a second later, when the changes settle
    app.wait_for(notices, "the notice")
    app.wait_for(lambda: len(content_server.log) >= 1, "the news to be fetched")
    app.playerctl("volume", "0.5")
    app.wait_for(lambda: "WARNING station_app.config.state" in app.stderr(), "a failed save")
    (sentence,) = notices()
    assert cause in sentence
    assert sentence.endswith(", and they will be saved with your next change.")
    assert os.environ.get("HOME", "") not in ("", sentence)
    app.send(signal.SIGTERM)
    assert app.wait() == 0
    assert app.unexpected_output() == []
    with contextlib.suppress(FileNotFoundError):
        assert not (disk / "state" / "station-app" / "state.json").exists()
