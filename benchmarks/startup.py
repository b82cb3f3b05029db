"""Cold start to first window shown, against a bare PySide6 window."""

from __future__ import annotations

from benchmarks.common import PYTHON, Comparison, interleaved_medians


def run(runs: int = 7) -> list[Comparison]:
    medians = interleaved_medians(
        {
            "app": [PYTHON, "-m", "benchmarks.probes.app_window"],
            "bare": [PYTHON, "-m", "benchmarks.probes.bare_window"],
        },
        marker="shown",
        runs=runs,
    )
    return [Comparison("Cold start to first window", medians["app"], medians["bare"], "ms")]
