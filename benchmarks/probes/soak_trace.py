"""The app under tracemalloc, for `benchmarks.soak --trace` (argv: the app's own arguments).

Every minute it writes, to STATION_APP_TRACE_DIR, a tracemalloc snapshot and
counts of Python objects by type and of Qt objects by class; `report` prints
what grew between two of those minutes.
"""

from __future__ import annotations

import collections
import gc
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

FRAMES = 12


def _qt_counts() -> dict[str, int]:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return {}
    roots: list[QObject] = [app, *QApplication.topLevelWidgets()]
    seen: dict[int, QObject] = {}
    for root in roots:
        for child in [root, *root.findChildren(QObject)]:
            seen[id(child)] = child
    return dict(collections.Counter(child.metaObject().className() for child in seen.values()))


def _python_counts() -> dict[str, int]:
    return dict(collections.Counter(type(item).__qualname__ for item in gc.get_objects()))


def _record(folder: Path, minute: int) -> None:
    gc.collect()
    tracemalloc.take_snapshot().dump(str(folder / f"{minute:03d}.snapshot"))
    counts = {"qt": _qt_counts(), "python": _python_counts(), "time": time.time()}
    (folder / f"{minute:03d}.json").write_text(json.dumps(counts))


def run() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from station_app.__main__ import main

    folder = Path(os.environ["STATION_APP_TRACE_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    tracemalloc.start(FRAMES)
    app = QApplication(sys.argv[:1])
    minute = 0

    def tick() -> None:
        nonlocal minute
        _record(folder, minute)
        minute += 1

    timer = QTimer(app)
    timer.timeout.connect(tick)
    timer.start(60_000)
    return main(sys.argv[1:])


def _top_growth(before: dict[str, int], after: dict[str, int], count: int) -> list[str]:
    grown = sorted(
        ((after.get(name, 0) - before.get(name, 0), name) for name in after), reverse=True
    )
    return [f"    {delta:+6d} {name} ({after[name]})" for delta, name in grown[:count] if delta > 0]


def report(folder: Path, warmup_minutes: float, count: int = 15) -> None:
    """What grew from the end of warm-up to the last record."""
    records = sorted(folder.glob("*.json"))
    if len(records) < 2:
        print("trace: not enough records")
        return
    start_index = min(int(warmup_minutes) - 1, len(records) - 2)
    first, last = records[max(start_index, 0)], records[-1]
    before, after = json.loads(first.read_text()), json.loads(last.read_text())
    print(f"trace: growth from minute {first.stem} to {last.stem}")
    print("  Qt objects:")
    print("\n".join(_top_growth(before["qt"], after["qt"], count)))
    print("  Python objects:")
    print("\n".join(_top_growth(before["python"], after["python"], count)))
    old = tracemalloc.Snapshot.load(str(first.with_suffix(".snapshot")))
    new = tracemalloc.Snapshot.load(str(last.with_suffix(".snapshot")))
    print("  Python allocations (by line):")
    for stat in new.compare_to(old, "lineno")[:count]:
        print(f"    {stat.size_diff / 1024:+9.1f} KiB {stat.count_diff:+7d}  {stat.traceback[0]}")
    print("  Python allocations (largest growth, full trace):")
    for stat in new.compare_to(old, "traceback")[:3]:
        print(f"    {stat.size_diff / 1024:+9.1f} KiB")
        for line in stat.traceback.format()[-FRAMES * 2 :]:
            print(f"      {line}")


if __name__ == "__main__":
    sys.exit(run())
