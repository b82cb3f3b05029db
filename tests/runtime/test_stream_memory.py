"""Playing a stream costs the app a bounded read-ahead, not libVLC's 16 MiB seek buffer."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

from pytest_httpserver import HTTPServer

from tests.runtime.app_process import LOOPBACK_STATIONS, AppProcess, wait_until


def anonymous_kib(app: AppProcess) -> int:
    rollup = Path(f"/proc/{app.pid}/smaps_rollup").read_text()
    return int(rollup.split("Pss_Anon:")[1].split()[0])


def test_a_stream_that_arrives_faster_than_it_plays_is_read_ahead_only_a_little(
    content_server: HTTPServer,  # first, so it stops after the app
    launch: Callable[..., AppProcess],
    user_config_dir: Path,
    tone_mp3: Path,
    tmp_path: Path,
) -> None:
    # Twenty minutes of audio served at loopback speed: whatever libVLC reads ahead, it
    # reads at once, as a live stream would fill it over a quarter of an hour.
    long_stream = tone_mp3.read_bytes() * 60
    content_server.expect_request("/long.mp3").respond_with_data(
        long_stream, content_type="audio/mpeg"
    )
    stations = LOOPBACK_STATIONS.replace(
        "http://127.0.0.1:9/live.mp3", content_server.url_for("/long.mp3")
    )
    (user_config_dir / "stations.toml").write_text(stations, encoding="utf-8")
    audio = tmp_path / "audio.wav"
    (user_config_dir / "settings.toml").write_text(
        f'[player]\nvlc_options = ["--aout=afile", "--audiofile-file={audio}"]\n'
    )
    app = launch()
    app.wait_ready()
    before = anonymous_kib(app)
    app.playerctl("play")
    app.wait_for(lambda: app.playerctl("status") == "Playing", "the stream to play")
    wait_until(lambda: audio.exists() and audio.stat().st_size > 1_000_000, "a few seconds played")
    grown_mib = (anonymous_kib(app) - before) / 1024
    app.send(signal.SIGTERM)  # the server can stop only once its listener is gone
    assert app.wait() == 0
    assert grown_mib < 10, f"playing took {grown_mib:.1f} MiB"
