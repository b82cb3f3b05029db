"""Playing a local Icecast stream: time to first audio, CPU and memory, against bare python-vlc.

The reference is a bare PySide6 window playing the same stream through
python-vlc with the same options; both write their audio to a WAV file
(libVLC's afile output), so "first audio" is the first decoded samples on disk.
The app runs as a person uses it: its news panel shows a feed loaded from a
loopback server.
"""

from __future__ import annotations

import shutil
import signal
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.common import (
    NEWS_FEED,
    PYTHON,
    ROOT,
    Comparison,
    FileServer,
    isolated_environment,
    stations_toml,
)
from tests.playback.icecast import IcecastServer, make_tone_mp3

CACHING_MS = 1000
FIRST_AUDIO_BYTES = 44 + 16 * 1024  # WAV header plus ~0.1 s of decoded samples
PLAY_SECONDS = 20.0
RUNS = 5


def _cpu_ns_by_thread(pid: int) -> dict[str, int]:
    """Nanoseconds each thread has run (schedstat), finer than /proc/<pid>/stat's 10 ms ticks."""
    times = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            times[task.name] = int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue  # the thread ended meanwhile
    return times


def _cpu_seconds_between(before: dict[str, int], after: dict[str, int]) -> float:
    # A thread that ended in between ran for next to nothing (an idle pool thread
    # expiring); one that started counts from zero.
    return sum(ns - before.get(tid, 0) for tid, ns in after.items()) / 1e9


def _pss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    raise RuntimeError("no Pss in smaps_rollup")


def _measure(
    args: list[str], wav: Path, env: dict[str, str], play_seconds: float = PLAY_SECONDS
) -> tuple[float, float, int]:
    """(ms to first audio, CPU % while playing, PSS KiB after playing)."""
    wav.unlink(missing_ok=True)
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, cwd=ROOT)
    try:
        while not (wav.exists() and wav.stat().st_size > FIRST_AUDIO_BYTES):
            if proc.poll() is not None or time.perf_counter() - started > 30:
                raise RuntimeError(f"{args[:3]} produced no audio")
            time.sleep(0.002)
        first_audio = (time.perf_counter() - started) * 1000
        if not play_seconds:
            return first_audio, 0.0, 0
        time.sleep(2)  # let start-up work settle before the CPU window
        cpu_before, wall_before = _cpu_ns_by_thread(proc.pid), time.perf_counter()
        time.sleep(play_seconds)
        cpu_after, wall_after = _cpu_ns_by_thread(proc.pid), time.perf_counter()
        cpu = _cpu_seconds_between(cpu_before, cpu_after) / (wall_after - wall_before)
        return first_audio, cpu * 100, _pss_kib(proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run(runs: int = RUNS) -> list[Comparison]:
    workdir = Path(tempfile.mkdtemp(prefix="station-bench-play-"))
    workdir.chmod(0o755)  # Icecast drops root and must reach its folder inside
    server = IcecastServer(workdir / "icecast", make_tone_mp3(workdir / "tone.mp3", seconds=30))
    server.start()
    feed = FileServer({"/news.rss": (NEWS_FEED.read_bytes(), "application/rss+xml")})
    try:
        env = isolated_environment()
        config = Path(env["XDG_CONFIG_HOME"]) / "station-app"
        config.mkdir(parents=True)
        wav = workdir / "out.wav"
        (config / "stations.toml").write_text(
            stations_toml(server.stream_url, feed.url("/news.rss"))
        )
        (config / "settings.toml").write_text(
            f'[player]\nvlc_options = ["--aout=afile", "--audiofile-file={wav}"]\n'
            f"network_caching_ms = {CACHING_MS}\n"
        )
        app = [PYTHON, "-m", "station_app", "--play", "bench"]
        bare = [
            PYTHON,
            "-m",
            "benchmarks.probes.bare_player",
            server.stream_url,
            str(wav),
            str(CACHING_MS),
        ]
        samples: dict[str, list[tuple[float, float, int]]] = {"app": [], "bare": []}
        for args in (bare, app):  # warm the file and bytecode caches, and the app's news cache
            _measure(args, wav, env, play_seconds=0)
        for _ in range(runs):
            samples["bare"].append(_measure(bare, wav, env))
            samples["app"].append(_measure(app, wav, env))
    finally:
        feed.stop()
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    def median(name: str, column: int) -> float:
        return statistics.median(sample[column] for sample in samples[name])

    return [
        Comparison(
            "Launch with --play to first audio", median("app", 0), median("bare", 0), "ms", 1.1
        ),
        Comparison("CPU while playing", median("app", 1), median("bare", 1), "% of a core", 1.1),
        Comparison(
            "Memory while playing (PSS)",
            median("app", 2) / 1024,
            median("bare", 2) / 1024,
            "MiB",
            1.3,
        ),
    ]
