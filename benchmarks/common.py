"""Helpers for benchmarks: run probes as fresh processes and compare with a reference."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Comparison:
    name: str
    measured: float
    reference: float
    unit: str
    target_ratio: float | None = None
    target_measured: float | None = None  # an absolute target, in `unit`

    @property
    def ratio(self) -> float:
        return self.measured / self.reference if self.reference else float("inf")

    def line(self) -> str:
        verdict = ""
        if self.target_ratio is not None:
            ok = self.ratio <= self.target_ratio
            verdict = f"  (target <= {self.target_ratio:.2f}x: {'ok' if ok else 'MISSED'})"
        if self.target_measured is not None:
            ok = self.measured <= self.target_measured
            target = f"{self.target_measured:g} {self.unit}"
            verdict += f"  (target <= {target}: {'ok' if ok else 'MISSED'})"
        return (
            f"{self.name}: {self.measured:.2f} {self.unit} vs reference "
            f"{self.reference:.2f} {self.unit} = {self.ratio:.2f}x{verdict}"
        )


def isolated_environment() -> dict[str, str]:
    """Fresh XDG folders and the offscreen platform, so runs don't touch the user's files."""
    base = Path(tempfile.mkdtemp(prefix="station-bench-"))
    env = os.environ.copy()
    # An installed app runs from compiled bytecode: let the warm-up run write it,
    # outside the repository, so no run pays for compiling the sources.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        XDG_CONFIG_HOME=str(base / "config"),
        XDG_CACHE_HOME=str(base / "cache"),
        XDG_STATE_HOME=str(base / "state"),
        QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
        PYTHONPATH=str(ROOT),
        PYTHONPYCACHEPREFIX=str(base / "pycache"),
    )
    return env


class FileServer:
    """Serves fixed bytes on a free loopback port, from a thread, until `stop`."""

    def __init__(self, files: dict[str, tuple[bytes, str]]) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                found = files.get(self.path)
                if found is None:
                    self.send_error(404)
                    return
                body, content_type = found
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


NEWS_FEED = ROOT / "tests" / "news" / "fixtures" / "npr_feed.xml"


def stations_toml(stream_url: str, feed_url: str) -> str:
    """One station and one news feed, both on loopback."""
    return (
        '[network]\nname = "Bench"\nwebsite = "http://127.0.0.1:9/"\n\n'
        f'[[feeds]]\ntitle = "News"\nurl = "{feed_url}"\n\n'
        '[[stations]]\nid = "bench"\ncall_sign = "WBEN"\n'
        f'streams = ["{stream_url}"]\n'
    )


def time_until_line(args: Sequence[str], marker: str, env: dict[str, str]) -> float:
    """Milliseconds from spawning `args` until it prints `marker`."""
    started = time.perf_counter()
    with subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == marker:
                elapsed = (time.perf_counter() - started) * 1000
                proc.wait(timeout=30)
                return elapsed
    raise RuntimeError(f"{args} exited without printing {marker!r}")


def interleaved_medians(
    probes: dict[str, Sequence[str]],
    marker: str,
    runs: int,
    env: dict[str, str] | None = None,
    after_warmup: Callable[[], None] = lambda: None,
) -> dict[str, float]:
    """Alternate the probes run by run so machine noise hits them alike."""
    env = env or isolated_environment()
    samples: dict[str, list[float]] = {name: [] for name in probes}
    for args in probes.values():  # warm the file cache (and the app's own cache) once each
        time_until_line(args, marker, env)
    after_warmup()
    for _ in range(runs):
        for name, args in probes.items():
            samples[name].append(time_until_line(args, marker, env))
    return {name: statistics.median(values) for name, values in samples.items()}


PYTHON = sys.executable
