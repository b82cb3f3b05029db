"""Cold start to the first window, and to the cached headlines on screen, against a bare window.

The headlines run starts on a warm cache (the warm-up run fetched the feed
from a loopback server, which then stops), so what is measured is start-up
plus showing what the cache holds, never the network.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import (
    NEWS_FEED,
    PYTHON,
    Comparison,
    FileServer,
    interleaved_medians,
    isolated_environment,
    stations_toml,
)

HEADLINES_TARGET_MS = 500.0


def run(runs: int = 7) -> list[Comparison]:
    env = isolated_environment()
    config = Path(env["XDG_CONFIG_HOME"]) / "station-app"
    config.mkdir(parents=True)
    feed = FileServer({"/news.rss": (NEWS_FEED.read_bytes(), "application/rss+xml")})
    (config / "stations.toml").write_text(
        stations_toml("http://127.0.0.1:9/live.mp3", feed.url("/news.rss"))
    )
    try:
        medians = interleaved_medians(
            {
                "window": [PYTHON, "-m", "benchmarks.probes.app_window"],
                "headlines": [PYTHON, "-m", "benchmarks.probes.app_headlines"],
                "bare": [PYTHON, "-m", "benchmarks.probes.bare_window"],
            },
            marker="shown",
            runs=runs,
            env=env,
            after_warmup=feed.stop,
        )
    finally:
        feed.stop()
    return [
        Comparison("Cold start to first window", medians["window"], medians["bare"], "ms"),
        Comparison(
            "Cold start to cached headlines on screen",
            medians["headlines"],
            medians["bare"],
            "ms",
            target_measured=HEADLINES_TARGET_MS,
        ),
    ]
