"""Runs the app's real entry point and keeps a file of the text its windows show.

For process tests that check what a person sees: every tenth of a second the
visible labels of visible windows are written (atomically) to the file named by
STATION_APP_PROBE_FILE. The app itself runs unchanged.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from station_app.__main__ import main


def visible_texts() -> list[str]:
    return [
        label.text()
        for window in QApplication.topLevelWidgets()
        if window.isVisible()
        for label in window.findChildren(QLabel)
        if label.isVisible() and label.text()
    ]


def run() -> int:
    target = Path(os.environ["STATION_APP_PROBE_FILE"])
    app = QApplication(sys.argv[:1])
    shown: list[str] | None = None

    def record() -> None:
        nonlocal shown
        texts = visible_texts()
        if texts != shown:
            temporary = target.with_suffix(".tmp")
            temporary.write_text(json.dumps(texts), encoding="utf-8")
            temporary.replace(target)
            shown = texts

    timer = QTimer(app)
    timer.timeout.connect(record)
    timer.start(100)
    return main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(run())
