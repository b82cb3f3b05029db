"""Helpers for benchmarks: run probes as fresh processes and compare with a reference."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Comparison:
    name: str
    measured: float
    reference: float
    unit: str
    target_ratio: float | None = None

    @property
    def ratio(self) -> float:
        return self.measured / self.reference if self.reference else float("inf")

    def line(self) -> str:
        verdict = ""
        if self.target_ratio is not None:
            ok = self.ratio <= self.target_ratio
            verdict = f"  (target <= {self.target_ratio:.2f}x: {'ok' if ok else 'MISSED'})"
        return (
            f"{self.name}: {self.measured:.2f} {self.unit} vs reference "
            f"{self.reference:.2f} {self.unit} = {self.ratio:.2f}x{verdict}"
        )


def isolated_environment() -> dict[str, str]:
    """Fresh XDG folders and the offscreen platform, so runs don't touch the user's files."""
    base = Path(tempfile.mkdtemp(prefix="station-bench-"))
    env = os.environ.copy()
    env.update(
        XDG_CONFIG_HOME=str(base / "config"),
        XDG_CACHE_HOME=str(base / "cache"),
        XDG_STATE_HOME=str(base / "state"),
        QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
        PYTHONPATH=str(ROOT),
    )
    return env


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
    probes: dict[str, Sequence[str]], marker: str, runs: int
) -> dict[str, float]:
    """Alternate the probes run by run so machine noise hits them alike."""
    env = isolated_environment()
    samples: dict[str, list[float]] = {name: [] for name in probes}
    for args in probes.values():  # warm the file cache once each
        time_until_line(args, marker, env)
    for _ in range(runs):
        for name, args in probes.items():
            samples[name].append(time_until_line(args, marker, env))
    return {name: statistics.median(values) for name, values in samples.items()}


PYTHON = sys.executable
